package ticket

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/roles"
)

// Result is the verdict on one ticket held to one objective, as of the
// review's instant (see the package doc's definitions).
type Result string

// The results.
const (
	ResultMet      Result = "met"
	ResultMissed   Result = "missed"
	ResultPending  Result = "pending"
	ResultExcluded Result = "excluded"
	// ResultNoTarget is a ticket the objective holds but gives no
	// target (ticket/no-target).
	ResultNoTarget Result = "no-target"
)

// TicketVerdict is one ticket held to one objective, as of the review's
// instant: its clock, its deadline and its verdict.
type TicketVerdict struct {
	Ticket      string `json:"ticket"`
	Title       string `json:"title,omitempty"`
	Objective   string `json:"objective"`
	Measure     string `json:"measure"`
	Service     string `json:"service,omitempty"`
	RequestType string `json:"requestType,omitempty"`
	Severity    string `json:"severity,omitempty"`
	Customer    string `json:"customer,omitempty"`
	Assignee    string `json:"assignee,omitempty"`
	// Status is the ticket's status as of the review's instant.
	Status Status `json:"status"`
	Result Result `json:"result"`
	// Exclusion says why an excluded ticket is not measured: the
	// exclusion its resolution maps to, or "abandoned" for a clock
	// stopped before the measured event (a forced close, a close that is
	// no answer).
	Exclusion string    `json:"exclusion,omitempty"`
	Target    string    `json:"target,omitempty"`
	Start     time.Time `json:"start"`
	// Deadline is when the target's budget runs out; zero while the
	// clock is paused with no end in sight.
	Deadline time.Time `json:"deadline,omitzero"`
	// Stop is when the measured event happened; zero while it has not.
	Stop    time.Time `json:"stop,omitzero"`
	Counted Duration  `json:"counted"`
	// Late is the counted time beyond the budget of a missed verdict.
	Late Duration `json:"late"`
	// Tracker holds the tracker's own figures, as exported.
	Tracker map[string]string `json:"tracker,omitempty"`
	// Link is where the ticket is opened (Ticket.Link).
	Link string   `json:"link,omitempty"`
	Pos  diag.Pos `json:"pos"`
}

// Overdue reports whether an open ticket's deadline has passed by now.
func (v *TicketVerdict) Overdue(now time.Time) bool {
	return !v.Deadline.IsZero() && v.Deadline.Before(now)
}

// Dimension is what a review breaks compliance down by, besides the
// objective, severity, week and month it always does.
type Dimension string

// The dimensions.
const (
	// ByCustomer is the ticket's customer or organisation.
	ByCustomer Dimension = "customer"
	// ByAssignee is the ticket's assignee.
	ByAssignee Dimension = "assignee"
	// ByHour is the hour of the day the ticket was created, in the
	// objective's time zone ("00" to "23").
	ByHour Dimension = "hour"
	// ByShift is the shift the ticket was created in: each daily stretch
	// of hours the design's people work that covers its creation (see
	// Shift).
	ByShift Dimension = "shift"
)

// Dimensions returns every dimension, in the order above.
func Dimensions() []Dimension { return []Dimension{ByCustomer, ByAssignee, ByHour, ByShift} }

// ParseDimension reads a dimension's name.
func ParseDimension(s string) (Dimension, error) {
	for _, d := range Dimensions() {
		if strings.EqualFold(strings.TrimSpace(s), string(d)) {
			return d, nil
		}
	}
	return "", fmt.Errorf("ticket: unknown breakdown %q (want customer, assignee, hour or shift)", s)
}

// Breakdown is an objective's compliance per value of one dimension.
type Breakdown struct {
	By   Dimension      `json:"by"`
	Rows []BreakdownRow `json:"rows"`
}

// BreakdownRow counts the verdicts of one value ("(none)" for tickets
// without one). Shifts overlap: a ticket created when two shifts were on
// counts in both rows.
type BreakdownRow struct {
	Key        string  `json:"key"`
	Met        int     `json:"met"`
	Missed     int     `json:"missed"`
	Pending    int     `json:"pending"`
	Excluded   int     `json:"excluded"`
	Compliance float64 `json:"compliance"` // Met / (Met + Missed); 1 when none was decided
}

// breakdown counts one objective's verdicts per value of a dimension.
type breakdown struct {
	by   Dimension
	rows map[string]*BreakdownRow
}

func (b *breakdown) add(key string, r Result) {
	row := b.rows[key]
	if row == nil {
		row = &BreakdownRow{Key: strings.Clone(key)}
		b.rows[row.Key] = row
	}
	switch r {
	case ResultMet:
		row.Met++
	case ResultMissed:
		row.Missed++
	case ResultPending:
		row.Pending++
	case ResultExcluded:
		row.Excluded++
	}
}

func (b *breakdown) report() Breakdown {
	out := Breakdown{By: b.by, Rows: make([]BreakdownRow, 0, len(b.rows))}
	for _, row := range b.rows {
		x := *row
		x.Compliance = ratio(x.Met, x.Met+x.Missed)
		out.Rows = append(out.Rows, x)
	}
	slices.SortFunc(out.Rows, func(a, b BreakdownRow) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// Shift is a daily stretch of hours some of the design's people work,
// named by its hours ("07:00-15:00"), on the days and in the zones they
// work it. Exceptions (leave, extra shifts) do not change it: it is the
// slot of the roster, not who was present.
type Shift struct {
	Name  string
	spans []shiftSpan
}

type shiftSpan struct {
	days       roles.Weekdays
	start, end time.Duration
	loc        *time.Location
}

// DesignShifts returns the shifts of a design's people (Person
// spec.shifts, each read in the person's zone, else the roster's), one
// per distinct daily stretch of hours, in order of their start. A shift
// with a lunch break ("09:00-12:00, 13:00-18:00") is two stretches.
func DesignShifts(d *catalog.Design) []Shift {
	roster, _ := d.Roster()
	if roster == nil {
		return nil
	}
	def := roster.Location()
	byName := map[string]*Shift{}
	var out []*Shift
	for _, p := range roster.Operation.People {
		loc := p.Shifts.Location
		if loc == nil {
			loc = def
		}
		for _, sp := range p.Shifts.Week {
			name := clockText(sp.Start) + "-" + clockText(sp.End)
			s := byName[name]
			if s == nil {
				s = &Shift{Name: name}
				byName[name] = s
				out = append(out, s)
			}
			s.spans = append(s.spans, shiftSpan{days: sp.Days, start: sp.Start, end: sp.End, loc: loc})
		}
	}
	slices.SortFunc(out, func(a, b *Shift) int {
		return cmp.Or(cmp.Compare(a.spans[0].start, b.spans[0].start), strings.Compare(a.Name, b.Name))
	})
	shifts := make([]Shift, len(out))
	for i, s := range out {
		shifts[i] = *s
	}
	return shifts
}

func clockText(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// Covers reports whether the shift is on at instant t: some span of it
// started on t's weekday before t, or, past midnight, on the day before.
func (s *Shift) Covers(t time.Time) bool {
	for _, sp := range s.spans {
		l := t.In(sp.loc)
		h, m, sec := l.Clock()
		tod := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
		day := l.Weekday()
		if sp.end > sp.start {
			if sp.days.Has(day) && tod >= sp.start && tod < sp.end {
				return true
			}
			continue
		}
		// Past midnight: from start to 24:00 on its day, then to end.
		if (sp.days.Has(day) && tod >= sp.start) || (sp.days.Has((day+6)%7) && tod < sp.end) {
			return true
		}
	}
	return false
}

// DueReport lists the open tickets whose deadline falls before an
// instant: the desk's "due today" and "at risk" list.
type DueReport struct {
	Now    time.Time `json:"now"`
	Before time.Time `json:"before"`
	// Tickets are the open tickets due, one per objective whose clock
	// runs, by deadline; those whose deadline has passed are overdue.
	Tickets []TicketVerdict `json:"tickets"`
	Overdue int             `json:"overdue"`
	// Waiting counts the open tickets paused with no deadline (waiting
	// on the customer): not due.
	Waiting int `json:"waiting"`
}
