package ticket

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
)

// Report is a report that writes itself as text, JSON or Markdown:
// *ReviewReport, *InventoryReport, *StaleReport and *DueReport. Write
// writes every listing whole; WriteLimit cuts each at limit items with an
// "and N more" line (0: no limit).
type Report interface {
	Write(w io.Writer, f Format) error
	WriteLimit(w io.Writer, f Format, limit int) error
}

// MeasureOptions chooses the reports Measure makes and sets them up.
type MeasureOptions struct {
	// Review, Inventory and Stale choose the reports; all that are chosen
	// are made in the same pass over the tickets.
	Review, Inventory, Stale bool
	// Now is the instant of the reports; zero means the latest instant the
	// tickets record.
	Now time.Time
	// Zone is the time zone the inventory cuts its periods in when the
	// design has no usable Calendar (the first one's zone wins); nil
	// means UTC.
	Zone *time.Location
	// UnusedAfter is how long an active service may go without a ticket
	// before the inventory proposes retiring it; zero means 90 days.
	UnusedAfter time.Duration
	// Weekly makes the inventory follow the share of "other" per week
	// instead of per month.
	Weekly bool
	// Close makes the stale policy's forced closes; the zero value is a
	// dry run that only explains them.
	Close bool
	// Closed are the forced closes the audit trail already holds
	// (ReadAudit), so that a second run closes nothing again (see
	// StaleConfig.Closed).
	Closed []AuditEntry
	// OnVerdict, ListTickets, DueBefore, DueWithin and By are the review's per-ticket
	// verdicts, due list and breakdowns (see ReviewConfig); the shifts of
	// a breakdown by shift are the design's (DesignShifts).
	OnVerdict   func(TicketVerdict)
	ListTickets bool
	DueBefore   time.Time
	DueWithin   time.Duration
	By          []Dimension
	// Customer, when set, makes a monthly service report for that
	// customer (Reports.Service), of the month of Month (of Now when
	// zero; one of them is needed), in the design's zone.
	Customer string
	Month    time.Time
}

// Reports are the reports Measure made of one ticket stream, and the
// findings of reading and classifying it.
type Reports struct {
	Review    *ReviewReport    // nil unless MeasureOptions.Review
	Inventory *InventoryReport // nil unless MeasureOptions.Inventory
	Stale     *StaleReport     // nil unless MeasureOptions.Stale
	Service   *ServiceReport   // nil unless MeasureOptions.Customer
	// Findings are those of the Classifier's setup (request types whose
	// parameter sheets cannot be used), then those of the import and the
	// classification of the tickets, sorted.
	Findings diag.List
	// Import counts the rows read, imported and skipped.
	Import *ImportTally
}

// ErrNoPolicy is returned by Measure for a stale run over a
// design without a TicketPolicy document.
var ErrNoPolicy = errors.New("ticket: the design has no TicketPolicy document")

// Measure measures a ticket stream against a design: it classifies every
// ticket once (NewClassifier) and feeds it to each report chosen
// (Process), as `opsdesign tickets` does.
//
//   - The review holds the tickets to the design's attainment objectives
//     (DesignObjectives), with the clock policy of the design's first
//     TicketPolicy (the default when it has none or that one is unusable).
//   - The inventory counts against the design's catalog, with its periods
//     cut in the zone of the design's first usable Calendar, else
//     opts.Zone.
//   - The stale run applies every TicketPolicy of the design.
//
// Measure returns an error, and no reports, when a report cannot be set
// up (errors wrapping ErrObjective, ErrPolicy or ErrNoPolicy) or when the
// stream ends in an error that is not a diagnostic (a file ReadFile cannot
// open). Rows that cannot be read are findings, and the rest is measured.
func Measure(d *catalog.Design, tickets iter.Seq2[Ticket, error], opts MeasureOptions) (*Reports, error) {
	var sinks []Sink
	var finish []func(*Reports)
	if opts.Review {
		cfg := ReviewConfig{Design: d, Objectives: DesignObjectives(d), Now: opts.Now, Clock: designClock(d),
			OnVerdict: opts.OnVerdict, ListTickets: opts.ListTickets, DueBefore: opts.DueBefore, DueWithin: opts.DueWithin, By: opts.By}
		if slices.Contains(opts.By, ByShift) {
			cfg.Shifts = DesignShifts(d)
		}
		r, err := NewReview(cfg)
		if err != nil {
			return nil, err
		}
		sinks = append(sinks, r)
		finish = append(finish, func(out *Reports) { out.Review = r.Report() })
	}
	if opts.Inventory {
		inv := NewInventory(InventoryConfig{Design: d, Now: opts.Now, UnusedAfter: opts.UnusedAfter, Weekly: opts.Weekly,
			Location: DesignZone(d, opts.Zone)})
		sinks = append(sinks, inv)
		finish = append(finish, func(out *Reports) { out.Inventory = inv.Report() })
	}
	if opts.Stale {
		policies, err := StalePolicies(d)
		if err != nil {
			return nil, err
		}
		if len(policies) == 0 {
			return nil, ErrNoPolicy
		}
		st := NewStale(StaleConfig{Policies: policies, Now: opts.Now, DryRun: !opts.Close, Closed: opts.Closed})
		sinks = append(sinks, st)
		finish = append(finish, func(out *Reports) { out.Stale = st.Report() })
	}
	if opts.Customer != "" {
		month := cmp.Or(opts.Month, opts.Now)
		if month.IsZero() {
			return nil, fmt.Errorf("%w: give the month of a service report (or the instant of the reports)", ErrNoCustomer)
		}
		sr, err := NewServiceReport(ServiceReportConfig{Design: d, Customer: opts.Customer, Month: month, Now: opts.Now, Zone: DesignZone(d, opts.Zone)})
		if err != nil {
			return nil, err
		}
		sinks = append(sinks, sr)
		finish = append(finish, func(out *Reports) { out.Service = sr.Report() })
	}
	cl := NewClassifier(d)
	tally := newCounter()
	diags, err := process(tickets, cl, tally, sinks)
	if err != nil {
		return nil, err
	}
	out := &Reports{Findings: append(cl.Diagnostics(), diags...), Import: tally.t}
	for _, f := range finish {
		f(out)
	}
	return out, nil
}

// designClock is the clock policy of the design's first ticket policy, or
// the default.
func designClock(d *catalog.Design) ClockPolicy {
	policies, _ := StalePolicies(d)
	if len(policies) > 0 {
		return policies[0].Clock
	}
	return ClockPolicy{}
}

// DesignZone is the zone a design's reports cut days, weeks and months
// in: its first usable calendar's, else the zone given, else UTC.
func DesignZone(d *catalog.Design, given *time.Location) *time.Location {
	for _, c := range d.Calendars {
		if c.Calendar != nil {
			return c.Calendar.Location()
		}
	}
	if given != nil {
		return given
	}
	return time.UTC
}

// finding is a finding as WriteJSON writes it: flat, for jq.
type finding struct {
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Severity diag.Severity `json:"severity"`
	Rule     string        `json:"rule"`
	Message  string        `json:"message"`
	Path     string        `json:"path,omitempty"`
}

// WriteJSON writes a report, the findings of reading and classifying its
// tickets and the tally of the rows (nil leaves it out) as one JSON value:
// {"report": …, "findings": […], "import": …}, each finding a flat object
// (file, line, column, severity, rule, message and, when there is one,
// path).
func WriteJSON(w io.Writer, r Report, findings diag.List, tally *ImportTally) error {
	var b strings.Builder
	if err := r.Write(&b, JSON); err != nil {
		return err
	}
	flat := make([]finding, 0, len(findings))
	for _, d := range findings {
		flat = append(flat, finding{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Column, Severity: d.Severity,
			Rule: d.Rule, Message: d.Message, Path: d.Path})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Report   json.RawMessage `json:"report"`
		Findings []finding       `json:"findings"`
		Import   *ImportTally    `json:"import,omitempty"`
	}{json.RawMessage(b.String()), flat, tally})
}
