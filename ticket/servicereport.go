package ticket

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
)

// ServiceReportConfig sets up an MSP's monthly service report (月次サービス
// レポート) for one customer.
type ServiceReportConfig struct {
	Design *catalog.Design
	// Customer is the customer as the tickets name it (Ticket.Customer,
	// compared without regard to case).
	Customer string
	// Month is any instant of the month reported; its month is cut in
	// Zone (the design's zone when nil: DesignZone).
	Month time.Time
	Zone  *time.Location
	// Now caps the instant the figures are as of: the end of the month,
	// or Now when it comes first. Zero means the end of the month.
	Now time.Time
	// Clock is the clock policy (the design's first TicketPolicy's, as
	// Measure gives it, when zero).
	Clock ClockPolicy
}

// ErrNoCustomer is wrapped by NewServiceReport for a report that names
// no customer.
var ErrNoCustomer = errors.New("ticket: a service report needs a customer")

// ServiceReporter collects one customer's tickets of one month: a Sink.
// The tickets created in the month are reviewed against the design's
// objectives, as of the end of the month (or Now), and counted per
// request type; the rest are passed over. It is not safe for concurrent
// use.
type ServiceReporter struct {
	cfg        ServiceReportConfig
	from, to   time.Time
	review     *Review
	inventory  *Inventory
	otherMonth int
}

// NewServiceReport starts a monthly service report.
func NewServiceReport(cfg ServiceReportConfig) (*ServiceReporter, error) {
	if strings.TrimSpace(cfg.Customer) == "" {
		return nil, ErrNoCustomer
	}
	if cfg.Design == nil {
		return nil, fmt.Errorf("ticket: a service report needs a design")
	}
	loc := cfg.Zone
	if loc == nil {
		loc = DesignZone(cfg.Design, nil)
	}
	m := cfg.Month.In(loc)
	from := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	asOf := to.Add(-time.Nanosecond)
	if !cfg.Now.IsZero() && cfg.Now.Before(asOf) {
		asOf = cfg.Now
	}
	clock := cfg.Clock
	if clock == (ClockPolicy{}) {
		clock = designClock(cfg.Design)
	}
	r, err := NewReview(ReviewConfig{Design: cfg.Design, Objectives: DesignObjectives(cfg.Design), Now: asOf, Clock: clock,
		By: []Dimension{ByHour}})
	if err != nil {
		return nil, err
	}
	inv := NewInventory(InventoryConfig{Now: asOf, Location: loc})
	return &ServiceReporter{cfg: cfg, from: from, to: to, review: r, inventory: inv}, nil
}

// Add takes a ticket: the customer's, created in the month, or passed over.
func (s *ServiceReporter) Add(t *Ticket, c Class) {
	if !strings.EqualFold(t.Customer, s.cfg.Customer) {
		return
	}
	if t.Created.Before(s.from) || !t.Created.Before(s.to) {
		s.otherMonth++
		return
	}
	s.review.Add(t, c)
	s.inventory.Add(t, c)
}

// Report finishes the report.
func (s *ServiceReporter) Report() *ServiceReport {
	rev := s.review.Report()
	return &ServiceReport{Customer: s.cfg.Customer, From: s.from, To: s.to, Now: rev.Now, Tickets: rev.Tickets,
		OtherMonths: s.otherMonth, Review: rev, Inventory: s.inventory.Report()}
}

// ServiceReport is one customer's monthly service report: how many
// requests and alerts came, how each service level was kept, what missed
// and why, what improvement was asked for, and where the effort went.
type ServiceReport struct {
	Customer string    `json:"customer"`
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	// Now is the instant the figures are as of: the end of the month, or
	// earlier.
	Now     time.Time `json:"now"`
	Tickets int       `json:"tickets"`
	// OtherMonths counts the customer's tickets of other months, left out.
	OtherMonths int              `json:"otherMonths"`
	Review      *ReviewReport    `json:"review"`
	Inventory   *InventoryReport `json:"inventory"`
}

// Write writes the report as Markdown, as one HTML page in the catalog's
// style (package catalog/render), or as JSON.
func (r *ServiceReport) Write(w io.Writer, f Format) error { return r.WriteLimit(w, f, 0) }

// WriteLimit writes the report with its list of misses cut at limit; 0
// means no limit.
func (r *ServiceReport) WriteLimit(w io.Writer, f Format, limit int) error {
	switch f {
	case JSON:
		return writeJSON(w, r)
	case Markdown:
		return render.ReportMarkdown(w, r.document(limit))
	case HTML:
		return render.ReportHTML(w, r.document(limit))
	}
	return fmt.Errorf("%w %q for a service report (want markdown, html or json)", ErrUnknownFormat, f)
}

// document lays the report out in sections.
func (r *ServiceReport) document(limit int) render.Report {
	rev, inv := r.Review, r.Inventory
	month := r.From.Format("2006-01")
	doc := render.Report{
		Title: fmt.Sprintf("%s 月次サービスレポート · Monthly service report %s", r.Customer, month),
		Subtitle: fmt.Sprintf("Tickets created from %s to %s, figures as of %s.",
			stamp(r.From), stamp(r.To.Add(-time.Minute)), stamp(r.Now)),
	}
	summary := render.Section{Heading: "Summary · 概要"}
	summary.Paragraphs = append(summary.Paragraphs, fmt.Sprintf("%s this month, %s of effort.", tickets(r.Tickets), dur(inv.Effort)))
	if rev.SameDay != nil {
		summary.Paragraphs = append(summary.Paragraphs, fmt.Sprintf("Answered the same business day: %s (%d of %d).",
			pct(rev.SameDay.Rate), rev.SameDay.Answered, rev.SameDay.Tickets))
	}
	objectives := render.Table{Head: []string{"objective", "measure", "target", "compliance", "attained", "met", "missed", "pending", "excluded"}}
	for _, o := range rev.Objectives {
		if o.held() == 0 {
			continue
		}
		objectives.Rows = append(objectives.Rows, []string{o.Name, o.Measure, o.Target, pct(o.Compliance), yes(o.Attained),
			fmt.Sprint(o.Met), fmt.Sprint(o.Missed), fmt.Sprint(o.Pending), fmt.Sprint(o.Excluded)})
	}
	if len(objectives.Rows) == 0 {
		summary.Paragraphs = append(summary.Paragraphs, "No ticket of the month is held to a service level.")
	} else {
		summary.Tables = append(summary.Tables, objectives)
	}
	doc.Sections = append(doc.Sections, summary)

	levels := render.Section{Heading: "Service levels · サービスレベル"}
	for _, o := range rev.Objectives {
		if o.held() == 0 {
			continue
		}
		levels.Paragraphs = append(levels.Paragraphs, fmt.Sprintf("%s (%s, target %s): %s.", o.Name, o.Measure, o.Target, pct(o.Compliance)))
		sev := render.Table{Head: []string{"severity", "compliance", "met", "missed", "pending", "excluded"}}
		for _, s := range o.Severities {
			sev.Rows = append(sev.Rows, []string{s.Severity, pct(s.Compliance), fmt.Sprint(s.Met), fmt.Sprint(s.Missed), fmt.Sprint(s.Pending), fmt.Sprint(s.Excluded)})
		}
		weeks := render.Table{Head: []string{"week of", "compliance", "met", "missed"}}
		for _, p := range o.Weeks {
			weeks.Rows = append(weeks.Rows, []string{day(p.Start), pct(p.Compliance), fmt.Sprint(p.Met), fmt.Sprint(p.Missed)})
		}
		levels.Tables = append(levels.Tables, sev, weeks)
		for _, b := range o.Breakdowns {
			hours := render.Table{Head: []string{"hour created", "compliance", "met", "missed", "pending"}}
			for _, row := range b.Rows {
				hours.Rows = append(hours.Rows, []string{row.Key + ":00", pct(row.Compliance), fmt.Sprint(row.Met), fmt.Sprint(row.Missed), fmt.Sprint(row.Pending)})
			}
			levels.Tables = append(levels.Tables, hours)
		}
	}
	if len(levels.Tables) > 0 {
		doc.Sections = append(doc.Sections, levels)
	}

	requests := render.Section{Heading: "Requests and effort · 依頼と工数"}
	types := render.Table{Head: []string{"service", "request type", "tickets", "effort"}}
	for _, s := range inv.Services {
		for _, t := range s.RequestTypes {
			types.Rows = append(types.Rows, []string{serviceLabel(s), typeLabel(t), fmt.Sprint(t.Tickets), dur(t.Effort)})
		}
	}
	requests.Tables = append(requests.Tables, types)
	doc.Sections = append(doc.Sections, requests)

	misses := render.Section{Heading: "Misses · SLO未達"}
	if len(rev.Misses) == 0 {
		misses.Paragraphs = append(misses.Paragraphs, "No ticket of the month missed its service level.")
	} else {
		byReason := render.Table{Head: []string{"reason", "misses"}}
		for _, rc := range rev.MissesByReason {
			byReason.Rows = append(byReason.Rows, []string{cmpOr(rc.Reason, "(no reason recorded)"), fmt.Sprint(rc.Misses)})
		}
		list := render.Table{Head: []string{"ticket", "objective", "severity", "late", "reason", "analysis"}}
		for _, m := range rev.Misses[:shown(len(rev.Misses), limit)] {
			list.Rows = append(list.Rows, []string{m.Ticket, m.Objective, m.Severity, dur(m.Late), m.Note.Reason, m.Note.Analysis})
		}
		if k := shown(len(rev.Misses), limit); k < len(rev.Misses) {
			list.Note = fmt.Sprintf("And %s more misses.", thousands(len(rev.Misses)-k))
		}
		misses.Tables = append(misses.Tables, byReason, list)
	}
	doc.Sections = append(doc.Sections, misses)

	if len(rev.Improvements) > 0 {
		improve := render.Section{Heading: "Improvement requests · 改善依頼"}
		t := render.Table{Head: []string{"to", "service", "problem", "improvement", "tickets"}}
		for _, ir := range rev.Improvements {
			t.Rows = append(t.Rows, []string{ir.Owner, ir.Service, ir.Problem, ir.Improvement, cutIDs(ir.Tickets, limit)})
		}
		improve.Tables = append(improve.Tables, t)
		doc.Sections = append(doc.Sections, improve)
	}
	return doc
}
