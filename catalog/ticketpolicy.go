package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/internal/suggest"
	"github.com/opsdesign/opsdesign/slo"
)

// TicketPolicy is how a team treats its tickets (kind TicketPolicy): the
// stale policy, in business days on its calendar, and how the SLA clocks
// treat severity changes and reopenings. Package ticket applies it.
//
//	apiVersion: opsdesign/v1
//	kind: TicketPolicy
//	metadata: {name: support-desk}
//	spec:
//	  services: [member-card]          # without it: every service no other policy names
//	  calendar: jp-office              # a Calendar, or one written in place:
//	  # calendar: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-18:00"], holidays: [jp]}
//	  thresholds: {stale: 5, rotten: 10, close: 20}
//	  categories: {change: {stale: 10, rotten: 20, close: 40}}
//	  activity: [requester, agent]     # bots do not keep a ticket alive
//	  exempt: {labels: [frozen], categories: [problem]}
//	  forcedClose: {reason: stale-no-activity, by: ticket-bot}
//	  filingDrop: {weeks: 4, threshold: 0.3}
//	  clock: {onSeverityChange: keep, onReopen: continue}
type TicketPolicy struct {
	Doc   *Document
	Name  string
	Title string
	// Services are the services the policy governs; empty means every
	// service no other policy names.
	Services []Ref
	// CalendarRef names the Calendar thresholds are counted on; Calendar
	// is one written in place instead. With neither, every day counts, in
	// UTC. BusinessCalendar resolves them.
	CalendarRef Ref
	Calendar    *PolicyCalendar
	// Thresholds are the default stages; Categories override them per
	// ticket category, in the order written.
	Thresholds StaleThresholds
	Categories []CategoryThresholds
	// Activity lists whose activity counts: "requester", "agent", "bot".
	// Empty means requester and agent.
	Activity         []string
	ExemptLabels     []string
	ExemptCategories []string
	// CloseReason is the reason code of a forced close; CloseBy who the
	// audit trail names. Empty means "stale" and "ticket-policy".
	CloseReason string
	CloseBy     string
	// FilingDropWeeks and FilingDropThreshold set the warning on fewer
	// tickets filed after a forced-close run: 0 means 4 weeks and 0.3.
	FilingDropWeeks     int
	FilingDropThreshold float64
	// OnSeverityChange ("keep" or "restart") and OnReopen ("continue",
	// "restart" or "first") set the clock policy; "" means the first of
	// each.
	OnSeverityChange string
	OnReopen         string
}

// StaleThresholds are business days without counted activity; 0 means
// the stage is not used.
type StaleThresholds struct {
	Path                 string
	Stale, Rotten, Close int
}

// CategoryThresholds are the thresholds for one ticket category.
type CategoryThresholds struct {
	Category string
	StaleThresholds
}

// PolicyCalendar is a business calendar as a policy writes it. Spec
// turns it into the slo calendar it describes.
type PolicyCalendar struct {
	Path         string
	TimeZone     string
	Hours        []string
	Holidays     []string
	Closures     []string
	ClosedDates  []string
	WorkingDates []string
}

// CalendarError is a value of a PolicyCalendar that cannot be used. Path
// is its JSON pointer in the policy's document.
type CalendarError struct {
	Path string
	Err  error
}

func (e *CalendarError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the slo error, which wraps one of slo's sentinels.
func (e *CalendarError) Unwrap() error { return e.Err }

// Spec returns the slo calendar specification, or the first value that
// cannot be read as a *CalendarError.
func (c *PolicyCalendar) Spec() (slo.CalendarSpec, error) {
	spec := slo.CalendarSpec{TimeZone: c.TimeZone}
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "Local" {
		return spec, &CalendarError{c.Path + "/timeZone", fmt.Errorf("unknown time zone %q: %w", c.TimeZone, slo.ErrInvalidCalendar)}
	}
	if c.Hours != nil && len(c.Hours) == 0 {
		return spec, &CalendarError{c.Path + "/hours", fmt.Errorf("%s: %w", emptyHours, slo.ErrInvalidCalendar)}
	}
	for i, h := range c.Hours {
		sh, err := slo.ParseShift(h)
		if err != nil {
			return spec, &CalendarError{idx(c.Path+"/hours", i), err}
		}
		spec.Hours = append(spec.Hours, sh)
	}
	known := slo.HolidaySets()
	for i, h := range c.Holidays {
		if !slices.Contains(known, h) {
			return spec, &CalendarError{idx(c.Path+"/holidays", i), fmt.Errorf("unknown holiday set %q (known: %s): %w", h, strings.Join(known, ", "), slo.ErrInvalidCalendar)}
		}
		spec.Holidays = append(spec.Holidays, h)
	}
	for i, s := range c.Closures {
		cl, err := slo.ParseClosure(s)
		if err != nil {
			return spec, &CalendarError{idx(c.Path+"/closures", i), err}
		}
		spec.Closures = append(spec.Closures, cl)
	}
	for i, s := range c.ClosedDates {
		d, err := slo.ParseDate(s)
		if err != nil {
			return spec, &CalendarError{idx(c.Path+"/closedDates", i), err}
		}
		spec.ClosedDates = append(spec.ClosedDates, d)
	}
	for i, s := range c.WorkingDates {
		d, err := slo.ParseDate(s)
		if err != nil {
			return spec, &CalendarError{idx(c.Path+"/workingDates", i), err}
		}
		spec.WorkingDates = append(spec.WorkingDates, d)
	}
	if _, err := slo.NewCalendar(spec); err != nil {
		return spec, &CalendarError{c.Path, err}
	}
	return spec, nil
}

func buildTicketPolicy(doc *Document) *TicketPolicy {
	spec := sub(asObj(doc.Value), "spec")
	const at = "/spec"
	p := &TicketPolicy{Doc: doc, Name: doc.Name, Title: doc.Title, Services: refs(spec, "services", at),
		Thresholds: thresholds(sub(spec, "thresholds"), at+"/thresholds"), Activity: strs(spec, "activity")}
	if _, ok := spec["calendar"].(string); ok {
		p.CalendarRef = ref(spec, "calendar", at)
	}
	if c := sub(spec, "calendar"); c != nil {
		cp := at + "/calendar"
		p.Calendar = &PolicyCalendar{Path: cp, TimeZone: str(c, "timeZone"), Hours: strs(c, "hours"), Holidays: strs(c, "holidays"),
			Closures: strs(c, "closures"), ClosedDates: strs(c, "closedDates"), WorkingDates: strs(c, "workingDates")}
		if l, ok := c["hours"].([]any); ok && len(l) == 0 {
			p.Calendar.Hours = []string{} // written empty: Spec refuses it
		}
	}
	if cats := sub(spec, "categories"); cats != nil {
		names := make([]string, 0, len(cats))
		for k := range cats {
			names = append(names, k)
		}
		// Keep the order written, which the document's positions give.
		sort.SliceStable(names, func(i, j int) bool {
			return doc.KeyAt(at+"/categories/"+jsonptr.Escape(names[i])).Compare(doc.KeyAt(at+"/categories/"+jsonptr.Escape(names[j]))) < 0
		})
		for _, k := range names {
			p.Categories = append(p.Categories, CategoryThresholds{Category: k,
				StaleThresholds: thresholds(sub(cats, k), at+"/categories/"+jsonptr.Escape(k))})
		}
	}
	if e := sub(spec, "exempt"); e != nil {
		p.ExemptLabels, p.ExemptCategories = strs(e, "labels"), strs(e, "categories")
	}
	if f := sub(spec, "forcedClose"); f != nil {
		p.CloseReason, p.CloseBy = str(f, "reason"), str(f, "by")
	}
	if f := sub(spec, "filingDrop"); f != nil {
		p.FilingDropWeeks, p.FilingDropThreshold = int(num(f, "weeks")), num(f, "threshold")
	}
	if c := sub(spec, "clock"); c != nil {
		p.OnSeverityChange, p.OnReopen = str(c, "onSeverityChange"), str(c, "onReopen")
	}
	return p
}

func thresholds(m obj, at string) StaleThresholds {
	return StaleThresholds{Path: at, Stale: int(num(m, "stale")), Rotten: int(num(m, "rotten")), Close: int(num(m, "close"))}
}

// BusinessCalendar returns the calendar a ticket policy counts business
// days on: the Calendar it names, or the one it writes in place; nil when
// it writes neither (every day counts, in UTC). The error is a
// *CalendarError at the value that cannot be used: a name no Calendar
// has, an invalid Calendar, or an invalid value written in place.
func (d *Design) BusinessCalendar(tp *TicketPolicy) (*slo.Calendar, error) {
	switch {
	case !tp.CalendarRef.IsZero():
		docs := d.Resolve(tp.CalendarRef, "Calendar")
		if len(docs) == 0 {
			return nil, &CalendarError{tp.CalendarRef.Path, fmt.Errorf("no Calendar is named %q%s", tp.CalendarRef.Raw, suggest.DidYouMean(tp.CalendarRef.Name, d.Names("Calendar")))}
		}
		for _, c := range d.Calendars {
			if c.Doc == docs[0] {
				if c.Calendar == nil {
					return nil, &CalendarError{tp.CalendarRef.Path, fmt.Errorf("calendar %q is invalid (see its own findings)", c.Name)}
				}
				return c.Calendar, nil
			}
		}
		return nil, &CalendarError{tp.CalendarRef.Path, fmt.Errorf("%q is not a usable Calendar", tp.CalendarRef.Raw)}
	case tp.Calendar != nil:
		spec, err := tp.Calendar.Spec()
		if err != nil {
			return nil, err
		}
		return slo.NewCalendar(spec)
	}
	return nil, nil
}

// TicketPolicyFor returns the policy that governs a service's tickets: the
// first that names the service, else the first that names none; nil when
// there is none.
func (d *Design) TicketPolicyFor(service string) *TicketPolicy {
	var fallback *TicketPolicy
	for _, tp := range d.TicketPolicies {
		if len(tp.Services) == 0 {
			if fallback == nil {
				fallback = tp
			}
			continue
		}
		for _, r := range tp.Services {
			if r.Name == service {
				return tp
			}
		}
	}
	return fallback
}
