package ticket

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

// Thresholds are business days without counted activity after which an
// open ticket is stale, then rotten, then force-closed; 0 turns a stage
// off.
type Thresholds struct {
	Stale  int `json:"stale,omitempty"`
	Rotten int `json:"rotten,omitempty"`
	Close  int `json:"close,omitempty"`
}

// StalePolicy is a TicketPolicy ready to apply. Build one with
// NewStalePolicy, or fill it in directly.
type StalePolicy struct {
	Name string
	// Services are the services it governs; empty means every service no
	// other policy of the run names.
	Services []string
	// Calendar counts business days; nil counts every day, in UTC.
	Calendar   *slo.Calendar
	Thresholds Thresholds
	// Categories override Thresholds for tickets of a category.
	Categories map[string]Thresholds
	// Activity lists whose activity keeps a ticket alive. An activity
	// whose actor the export does not record always counts: the policy
	// cannot tell, so it errs on keeping the ticket.
	Activity         []Actor
	ExemptLabels     []string
	ExemptCategories []string
	CloseReason      string
	CloseBy          string
	// FilingDropWeeks and FilingDropThreshold set the filing-drop
	// warning.
	FilingDropWeeks     int
	FilingDropThreshold float64
	Clock               ClockPolicy

	doc *catalog.Document
}

// ErrPolicy is wrapped by NewStalePolicy for a policy it cannot apply.
var ErrPolicy = errors.New("ticket: unusable ticket policy")

// NewStalePolicy prepares a TicketPolicy of a design (which resolves the
// Calendar it names). The error wraps ErrPolicy (and, for the calendar,
// the *catalog.CalendarError); the ticketpolicy rules of the catalog
// report the same problems at their position.
func NewStalePolicy(d *catalog.Design, tp *catalog.TicketPolicy) (*StalePolicy, error) {
	p := &StalePolicy{
		Name: tp.Name, doc: tp.Doc,
		Thresholds:       Thresholds{Stale: tp.Thresholds.Stale, Rotten: tp.Thresholds.Rotten, Close: tp.Thresholds.Close},
		ExemptLabels:     tp.ExemptLabels,
		ExemptCategories: tp.ExemptCategories,
		CloseReason:      cmp.Or(tp.CloseReason, "stale"),
		CloseBy:          cmp.Or(tp.CloseBy, "ticket-policy"),
		FilingDropWeeks:  tp.FilingDropWeeks, FilingDropThreshold: tp.FilingDropThreshold,
	}
	for _, r := range tp.Services {
		p.Services = append(p.Services, r.Name)
	}
	cal, err := d.BusinessCalendar(tp)
	if err != nil {
		return nil, fmt.Errorf("%w %q: calendar: %w", ErrPolicy, tp.Name, err)
	}
	p.Calendar = cal
	for _, c := range tp.Categories {
		if p.Categories == nil {
			p.Categories = map[string]Thresholds{}
		}
		p.Categories[c.Category] = Thresholds{Stale: c.Stale, Rotten: c.Rotten, Close: c.Close}
	}
	for _, a := range tp.Activity {
		actor, ok := ParseActor(a)
		if !ok {
			return nil, fmt.Errorf("%w %q: unknown actor %q", ErrPolicy, tp.Name, a)
		}
		p.Activity = append(p.Activity, actor)
	}
	if tp.OnSeverityChange != "" {
		if p.Clock.OnSeverityChange, err = ParseSeverityPolicy(tp.OnSeverityChange); err != nil {
			return nil, fmt.Errorf("%w %q: %w", ErrPolicy, tp.Name, err)
		}
	}
	if tp.OnReopen != "" {
		if p.Clock.OnReopen, err = ParseReopenPolicy(tp.OnReopen); err != nil {
			return nil, fmt.Errorf("%w %q: %w", ErrPolicy, tp.Name, err)
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// StalePolicies prepares every TicketPolicy of a design, in load order.
func StalePolicies(d *catalog.Design) ([]*StalePolicy, error) {
	var out []*StalePolicy
	var errs []error
	for _, tp := range d.TicketPolicies {
		p, err := NewStalePolicy(d, tp)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}

// Validate checks that the stages grow.
func (p *StalePolicy) Validate() error {
	check := func(t Thresholds, what string) error {
		prev := 0
		for _, n := range []int{t.Stale, t.Rotten, t.Close} {
			if n < 0 || (n != 0 && n <= prev) {
				return fmt.Errorf("%w %q: %sthresholds %+v do not grow (stale < rotten < close)", ErrPolicy, p.Name, what, t)
			}
			prev = max(prev, n)
		}
		return nil
	}
	if err := check(p.Thresholds, ""); err != nil {
		return err
	}
	for c, t := range p.Categories {
		if err := check(t, "category "+c+" "); err != nil {
			return err
		}
	}
	return nil
}

func (p *StalePolicy) activity() []Actor {
	if len(p.Activity) == 0 {
		return []Actor{Requester, Agent}
	}
	return p.Activity
}

func (p *StalePolicy) dropWeeks() int {
	if p.FilingDropWeeks > 0 {
		return p.FilingDropWeeks
	}
	return 4
}

func (p *StalePolicy) dropThreshold() float64 {
	if p.FilingDropThreshold > 0 {
		return p.FilingDropThreshold
	}
	return 0.3
}

// BusinessDaysBetween counts the business days of cal that closed after
// a and at or before b: from Monday 10:00 to the next Monday 11:00 on a
// Monday-to-Friday calendar, five (Monday to Friday). A nil cal counts
// calendar days in UTC. The count stops at slo.MaxBusinessDays.
func BusinessDaysBetween(cal *slo.Calendar, a, b time.Time) int {
	cal = orUTC(cal)
	n := 0
	for close := cal.BusinessDayDeadline(a, 0); !close.IsZero() && !close.After(b) && n < slo.MaxBusinessDays; n++ {
		next := cal.BusinessDayDeadline(close, 0)
		if !next.After(close) {
			break
		}
		close = next
	}
	return n
}

// StaleState is what the policy makes of an open ticket.
type StaleState string

// The states, from fresh to closed.
const (
	StateActive StaleState = "active"
	StateStale  StaleState = "stale"
	StateRotten StaleState = "rotten"
	StateClose  StaleState = "close" // to be force-closed
	StateExempt StaleState = "exempt"
)

// StaleConfig configures a stale-policy run.
type StaleConfig struct {
	// Policies apply in order: a ticket falls under the first that names
	// its service, else the first that names none; tickets under no
	// policy are counted as uncovered.
	Policies []*StalePolicy
	// Now is the instant of the run; zero means the latest instant any
	// ticket records, known once all are added.
	Now time.Time
	// DryRun explains every decision without producing forced closes.
	DryRun bool
	// Closed are the forced closes already made, read back from the audit
	// trail (ReadAudit). A recorded close at or before Now counts as the
	// ticket's history (a forced close by the policy's bot), unless the
	// export already holds a forced close at that instant; a ticket closed
	// later than Now is not closed again. So a second run over the same
	// export and trail closes nothing. Dry-run entries are ignored.
	Closed []AuditEntry
}

// Stale applies ticket policies to tickets as they stream by. It keeps
// the open tickets' decisions, a count of tickets filed per day and the
// forced closes per person: memory grows with open tickets, not closed
// ones. It is not safe for concurrent use.
type Stale struct {
	cfg       StaleConfig
	open      []heldTicket
	decisions []Decision
	latest    time.Time
	tickets   int
	later     int // tickets created after Now
	uncovered int
	closed    map[string][]AuditEntry // StaleConfig.Closed by ticket
	closedBy  map[string]time.Time    // tickets the trail closes after Now, and when
	zone      *time.Location
	filed     map[int64]int // tickets created per day (see dayNumber)
	runs      map[int64]int // forced closes per day
	forcedA   map[string]int
	forcedR   map[string]int
	assigned  map[string]int
	requested map[string]int
}

// NewStale starts a stale-policy run.
func NewStale(cfg StaleConfig) *Stale {
	s := &Stale{cfg: cfg, filed: map[int64]int{}, runs: map[int64]int{}, forcedA: map[string]int{}, forcedR: map[string]int{},
		assigned: map[string]int{}, requested: map[string]int{}}
	s.zone = s.loc()
	for _, e := range cfg.Closed {
		if !e.DryRun && e.Ticket != "" {
			if s.closed == nil {
				s.closed = map[string][]AuditEntry{}
			}
			s.closed[e.Ticket] = append(s.closed[e.Ticket], e)
		}
	}
	return s
}

// withRecordedCloses returns the ticket's history with the audit trail's
// forced closes of it at or before now (any, when now is zero) added,
// and the instant of a recorded close after now, if any.
func withRecordedCloses(t *Ticket, recorded []AuditEntry, now time.Time) ([]Activity, time.Time) {
	h := t.History
	var later time.Time
	copied := false
	for _, e := range recorded {
		if !now.IsZero() && e.At.After(now) {
			if later.IsZero() || e.At.Before(later) {
				later = e.At
			}
			continue
		}
		if slices.ContainsFunc(h, func(a Activity) bool { return a.Forced && a.At.Equal(e.At) }) {
			continue // written back to the tracker already
		}
		if !copied {
			h, copied = slices.Clone(h), true
		}
		a := e.Activity()
		i, _ := slices.BinarySearchFunc(h, a.At, func(x Activity, at time.Time) int {
			if x.At.After(at) {
				return 1
			}
			return -1
		})
		h = slices.Insert(h, i, a)
	}
	return h, later
}

func (s *Stale) policyFor(service string) *StalePolicy {
	var fallback *StalePolicy
	for _, p := range s.cfg.Policies {
		if len(p.Services) == 0 {
			if fallback == nil {
				fallback = p
			}
			continue
		}
		if slices.Contains(p.Services, service) {
			return p
		}
	}
	return fallback
}

// dayNumber is the civil date of t in loc, as days since 1970-01-01.
func dayNumber(t time.Time, loc *time.Location) int64 {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// loc is the zone days are counted in: the first policy's calendar's.
func (s *Stale) loc() *time.Location {
	if len(s.cfg.Policies) > 0 && s.cfg.Policies[0].Calendar != nil {
		return s.cfg.Policies[0].Calendar.Location()
	}
	return time.UTC
}

// Add takes one classified ticket, as of the run's instant (see the
// package doc's definitions): a ticket created after it is only counted
// as later, and the others are judged by their history up to it, the
// audit trail's forced closes included.
func (s *Stale) Add(in *Ticket, c Class) {
	now := s.cfg.Now
	if !now.IsZero() && in.Created.After(now) {
		s.later++
		return
	}
	v := *in
	if rec := s.closed[in.ID]; len(rec) > 0 {
		var later time.Time
		v.History, later = withRecordedCloses(in, rec, now)
		if !later.IsZero() {
			if s.closedBy == nil {
				s.closedBy = map[string]time.Time{}
			}
			s.closedBy[strings.Clone(in.ID)] = later
		}
	}
	if !now.IsZero() {
		v = v.AsOf(now)
	}
	t := &v
	s.tickets++
	s.filed[dayNumber(t.Created, s.zone)]++
	if t.Assignee != "" {
		s.assigned[strings.Clone(t.Assignee)]++
	}
	if t.Requester != "" {
		s.requested[strings.Clone(t.Requester)]++
	}
	for i := range t.History {
		if a := &t.History[i]; a.Forced {
			s.runs[dayNumber(a.At, s.zone)]++
			s.forcedA[personKey(t.Assignee)]++
			s.forcedR[personKey(t.Requester)]++
		}
	}
	if l := latestOf(t); l.After(s.latest) {
		s.latest = l
	}
	if t.Status().Done() {
		return
	}
	if now.IsZero() {
		s.open = append(s.open, heldTicket{*t, c})
		return
	}
	s.decide(t, c, now)
}

func personKey(name string) string {
	if name == "" {
		return "(nobody)"
	}
	return strings.Clone(name)
}

// decide applies the ticket's policy to one open ticket.
func (s *Stale) decide(t *Ticket, c Class, now time.Time) {
	service := c.ServiceName()
	if service == "" {
		service = t.Service
	}
	p := s.policyFor(service)
	if p == nil {
		s.uncovered++
		return
	}
	d := Decision{Ticket: t.ID, Title: t.Title, Service: service, Category: t.Category, Assignee: t.Assignee, Requester: t.Requester,
		Status: t.Status(), Policy: p.Name, Created: t.Created, Pos: t.Source.Pos(FieldID)}
	for _, l := range p.ExemptLabels {
		if t.HasLabel(l) {
			d.State = StateExempt
			d.Explanation = fmt.Sprintf("exempt: it carries label %q, which policy %q exempts", l, p.Name)
			s.decisions = append(s.decisions, d)
			return
		}
	}
	if t.Category != "" && slices.Contains(p.ExemptCategories, t.Category) {
		d.State = StateExempt
		d.Explanation = fmt.Sprintf("exempt: its category %q is exempt under policy %q", t.Category, p.Name)
		s.decisions = append(s.decisions, d)
		return
	}
	counted := p.activity()
	last, lastA := t.Created, Activity{At: t.Created, Actor: Requester, By: t.Requester}
	ignored := 0
	for i := range t.History {
		a := &t.History[i]
		if a.At.After(now) {
			break
		}
		if a.Actor != "" && !slices.Contains(counted, a.Actor) {
			ignored++
			continue
		}
		if !a.At.Before(last) {
			last, lastA = a.At, *a
		}
	}
	d.LastActivity, d.LastActor, d.LastBy = last, lastA.Actor, lastA.By
	d.IdleDays = BusinessDaysBetween(p.Calendar, last, now)
	d.Thresholds, d.ThresholdsFrom = p.Thresholds, "the default thresholds"
	if th, ok := p.Categories[t.Category]; ok && t.Category != "" {
		d.Thresholds, d.ThresholdsFrom = th, fmt.Sprintf("category %q's thresholds", t.Category)
	}
	th := d.Thresholds
	switch {
	case th.Close > 0 && d.IdleDays >= th.Close:
		d.State = StateClose
	case th.Rotten > 0 && d.IdleDays >= th.Rotten:
		d.State = StateRotten
	case th.Stale > 0 && d.IdleDays >= th.Stale:
		d.State = StateStale
	default:
		d.State = StateActive
	}
	d.Explanation = explain(&d, p, ignored)
	s.decisions = append(s.decisions, d)
}

func explain(d *Decision, p *StalePolicy, ignored int) string {
	who := "an unrecorded actor"
	if d.LastActor != "" {
		who = "the " + string(d.LastActor)
		if d.LastBy != "" {
			who += " " + d.LastBy
		}
	}
	var b strings.Builder
	if d.LastActivity.Equal(d.Created) {
		fmt.Fprintf(&b, "no counted activity since it was opened on %s", d.LastActivity.Format("2006-01-02 15:04 MST"))
	} else {
		fmt.Fprintf(&b, "last counted activity by %s on %s", who, d.LastActivity.Format("2006-01-02 15:04 MST"))
	}
	fmt.Fprintf(&b, "; %d business day%s idle", d.IdleDays, plural(d.IdleDays))
	if ignored > 0 {
		acts := make([]string, len(p.activity()))
		for i, a := range p.activity() {
			acts[i] = string(a)
		}
		fmt.Fprintf(&b, " (%d activit%s by others than %s not counted)", ignored, map[bool]string{true: "y", false: "ies"}[ignored == 1], strings.Join(acts, " and "))
	}
	th := d.Thresholds
	stage := func(name string, n int) string {
		if n == 0 {
			return name + " off"
		}
		return fmt.Sprintf("%s at %d", name, n)
	}
	fmt.Fprintf(&b, "; %s: %s, %s, %s", d.ThresholdsFrom, stage("stale", th.Stale), stage("rotten", th.Rotten), stage("close", th.Close))
	switch d.State {
	case StateClose:
		fmt.Fprintf(&b, "; force-closed with reason %q", p.CloseReason)
	case StateRotten:
		if th.Close > 0 {
			fmt.Fprintf(&b, "; rotten, closed in %d more business day%s", th.Close-d.IdleDays, plural(th.Close-d.IdleDays))
		} else {
			b.WriteString("; rotten")
		}
	case StateStale:
		b.WriteString("; stale")
	default:
		b.WriteString("; active")
	}
	return b.String()
}

// Report finishes the run.
func (s *Stale) Report() *StaleReport {
	now := s.cfg.Now
	if now.IsZero() {
		now = s.latest
	}
	for i := range s.open {
		h := &s.open[i]
		s.decide(&h.t, h.c, now)
	}
	s.open = s.open[:0]
	rep := &StaleReport{Now: now, DryRun: s.cfg.DryRun, Tickets: s.tickets, Later: s.later, Uncovered: s.uncovered}
	for _, p := range s.cfg.Policies {
		rep.Policies = append(rep.Policies, p.Name)
	}
	rep.Decisions = slices.Clone(s.decisions)
	slices.SortFunc(rep.Decisions, func(a, b Decision) int {
		return cmp.Or(strings.Compare(a.Assignee, b.Assignee), cmp.Compare(b.IdleDays, a.IdleDays), strings.Compare(a.Ticket, b.Ticket))
	})
	byAssignee := map[string]*AssigneeList{}
	forcedA, forcedR := cloneCounts(s.forcedA), cloneCounts(s.forcedR)
	for _, d := range rep.Decisions {
		rep.Open++
		switch d.State {
		case StateActive:
			rep.Active++
		case StateStale:
			rep.Stale++
		case StateRotten:
			rep.Rotten++
		case StateClose:
			rep.Close++
		case StateExempt:
			rep.Exempt++
		}
		if d.State == StateStale || d.State == StateRotten || d.State == StateClose {
			key := cmp.Or(d.Assignee, "(unassigned)")
			l := byAssignee[key]
			if l == nil {
				l = &AssigneeList{Assignee: key}
				byAssignee[key] = l
			}
			l.Tickets = append(l.Tickets, d)
		}
		if d.State != StateClose {
			continue
		}
		if at, ok := s.closedBy[d.Ticket]; ok {
			rep.AlreadyClosed = append(rep.AlreadyClosed, ClosedLater{Ticket: d.Ticket, At: at})
			continue
		}
		p := s.policyFor(d.Service)
		e := AuditEntry{At: now, Ticket: d.Ticket, Policy: d.Policy, Reason: p.CloseReason, By: p.CloseBy, PreviousStatus: d.Status,
			IdleDays: d.IdleDays, Threshold: d.Thresholds.Close, LastActivity: d.LastActivity, Assignee: d.Assignee,
			Requester: d.Requester, Explanation: d.Explanation, DryRun: s.cfg.DryRun}
		rep.Closures = append(rep.Closures, e)
		if !s.cfg.DryRun {
			forcedA[personKey(d.Assignee)]++
			forcedR[personKey(d.Requester)]++
		}
	}
	for _, l := range byAssignee {
		rep.Weekly = append(rep.Weekly, *l)
	}
	slices.SortFunc(rep.Weekly, func(a, b AssigneeList) int { return strings.Compare(a.Assignee, b.Assignee) })
	rep.ForcedByAssignee = personCounts(forcedA, s.assigned)
	rep.ForcedByRequester = personCounts(forcedR, s.requested)
	s.warnings(rep, now)
	rep.Diagnostics.Sort()
	return rep
}

func cloneCounts(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func personCounts(forced, total map[string]int) []PersonCount {
	out := make([]PersonCount, 0, len(forced))
	for p, n := range forced {
		out = append(out, PersonCount{Person: p, Forced: n, Tickets: total[p]})
	}
	slices.SortFunc(out, func(a, b PersonCount) int {
		return cmp.Or(cmp.Compare(b.Forced, a.Forced), strings.Compare(a.Person, b.Person))
	})
	return out
}

// warnings finds drops in filing after forced-close runs, and forced
// closes piling up on one person.
func (s *Stale) warnings(rep *StaleReport, now time.Time) {
	var p *StalePolicy
	if len(s.cfg.Policies) > 0 {
		p = s.cfg.Policies[0]
	}
	if p == nil {
		return
	}
	pos, path := diag.Pos{}, ""
	if p.doc != nil {
		path = "/spec/filingDrop"
		if _, ok := p.doc.Lookup(path); !ok {
			path = "/metadata/name"
		}
		pos = p.doc.At(path)
	}
	days := make([]int64, 0, len(s.runs))
	for d := range s.runs {
		days = append(days, d)
	}
	slices.Sort(days)
	weeks := int64(p.dropWeeks())
	today := dayNumber(now, s.zone)
	for _, run := range days {
		before, after := 0, 0
		for d := run - 7*weeks; d < run; d++ {
			before += s.filed[d]
		}
		span := min(7*weeks, today-run)
		if span < 7 {
			continue // too soon after the run to tell
		}
		for d := run; d < run+span; d++ {
			after += s.filed[d]
		}
		rateBefore := float64(before) / float64(7*weeks)
		rateAfter := float64(after) / float64(span)
		fd := FilingDrop{Run: time.Unix(run*86400, 0).UTC(), Closed: s.runs[run], DaysBefore: int(7 * weeks), DaysAfter: int(span),
			FiledBefore: before, FiledAfter: after}
		if rateBefore > 0 {
			fd.Drop = 1 - rateAfter/rateBefore
		}
		rep.FilingDrops = append(rep.FilingDrops, fd)
		if before > 0 && fd.Drop >= p.dropThreshold() {
			rep.Diagnostics = append(rep.Diagnostics, diag.Diagnostic{Rule: RuleFilingDrop, Severity: severityOf(RuleFilingDrop), Pos: pos, Path: path,
				Message: fmt.Sprintf("after the forced-close run of %s (%s closed), tickets filed per day fell by %.0f%% (%d in the %d days before, %d in the %d days after): the clean-up may be scaring people off filing",
					fd.Run.Format(time.DateOnly), tickets(fd.Closed), 100*fd.Drop, before, fd.DaysBefore, after, fd.DaysAfter)})
		}
	}
	total := 0
	for _, c := range rep.ForcedByAssignee {
		total += c.Forced
	}
	if total >= 4 && len(s.assigned) > 1 && len(rep.ForcedByAssignee) > 0 {
		top := rep.ForcedByAssignee[0]
		if float64(top.Forced) > 0.5*float64(total) {
			rep.Diagnostics = append(rep.Diagnostics, diag.Diagnostic{Rule: RuleForcedCloseSkew, Severity: severityOf(RuleForcedCloseSkew), Pos: pos, Path: path,
				Message: fmt.Sprintf("%s holds %d of the %d forced closes (%.0f%%): talk about why their tickets go stale rather than closing them quietly",
					top.Person, top.Forced, total, 100*float64(top.Forced)/float64(total))})
		}
	}
}

// Decision is what a policy made of one open ticket, and why.
type Decision struct {
	Ticket    string     `json:"ticket"`
	Title     string     `json:"title,omitempty"`
	Service   string     `json:"service,omitempty"`
	Category  string     `json:"category,omitempty"`
	Assignee  string     `json:"assignee,omitempty"`
	Requester string     `json:"requester,omitempty"`
	Status    Status     `json:"status"`
	Created   time.Time  `json:"created"`
	Policy    string     `json:"policy"`
	State     StaleState `json:"state"`
	// LastActivity is the last activity the policy counts, by LastActor
	// (LastBy); IdleDays the business days since.
	LastActivity   time.Time  `json:"lastActivity,omitzero"`
	LastActor      Actor      `json:"lastActor,omitempty"`
	LastBy         string     `json:"lastBy,omitempty"`
	IdleDays       int        `json:"idleDays"`
	Thresholds     Thresholds `json:"thresholds"`
	ThresholdsFrom string     `json:"thresholdsFrom,omitempty"`
	Explanation    string     `json:"explanation"`
	Pos            diag.Pos   `json:"pos"`
}

// AssigneeList is one assignee's stale, rotten and closing tickets: the
// weekly list sent to each person.
type AssigneeList struct {
	Assignee string     `json:"assignee"`
	Tickets  []Decision `json:"tickets"`
}

// AuditEntry records one forced close: what was closed, when, by whom,
// under which policy and why. Activity gives the history entry to write
// back to the tracker.
type AuditEntry struct {
	At             time.Time `json:"at"`
	Ticket         string    `json:"ticket"`
	Policy         string    `json:"policy"`
	Reason         string    `json:"reason"`
	By             string    `json:"by"`
	PreviousStatus Status    `json:"previousStatus"`
	IdleDays       int       `json:"idleDays"`
	Threshold      int       `json:"threshold"`
	LastActivity   time.Time `json:"lastActivity"`
	Assignee       string    `json:"assignee,omitempty"`
	Requester      string    `json:"requester,omitempty"`
	Explanation    string    `json:"explanation"`
	// DryRun is true when the close was only explained, not made.
	DryRun bool `json:"dryRun,omitempty"`
}

// Activity returns the history entry of the forced close.
func (e AuditEntry) Activity() Activity {
	return Activity{At: e.At, Status: Closed, Actor: Bot, By: e.By, Forced: true, Reason: e.Reason}
}

// ClosedLater is a ticket the audit trail closed after the run's instant.
type ClosedLater struct {
	Ticket string    `json:"ticket"`
	At     time.Time `json:"at"`
}

// PersonCount is how many forced closes touched one person's tickets,
// out of the tickets they had.
type PersonCount struct {
	Person  string `json:"person"`
	Forced  int    `json:"forced"`
	Tickets int    `json:"tickets"`
}

// FilingDrop compares the tickets filed before and after a forced-close
// run (a day with forced closes).
type FilingDrop struct {
	Run         time.Time `json:"run"`
	Closed      int       `json:"closed"`
	DaysBefore  int       `json:"daysBefore"`
	DaysAfter   int       `json:"daysAfter"`
	FiledBefore int       `json:"filedBefore"`
	FiledAfter  int       `json:"filedAfter"`
	// Drop is the fall in tickets filed per day, as a fraction; negative
	// when more were filed after.
	Drop float64 `json:"drop"`
}

// StaleReport is the result of a stale-policy run. Days (filing drops)
// are counted in the first policy's time zone.
type StaleReport struct {
	Now      time.Time `json:"now"`
	DryRun   bool      `json:"dryRun"`
	Policies []string  `json:"policies"`
	Tickets  int       `json:"tickets"`
	// Later counts the tickets created after Now, left out.
	Later     int `json:"later"`
	Uncovered int `json:"uncovered"` // open tickets no policy governs
	Open      int `json:"open"`
	Active    int `json:"active"`
	Stale     int `json:"stale"`
	Rotten    int `json:"rotten"`
	Close     int `json:"close"`
	Exempt    int `json:"exempt"`
	// Decisions explains what the policy made of every open ticket.
	Decisions []Decision `json:"decisions"`
	// Weekly is the list per assignee of their stale, rotten and closing
	// tickets.
	Weekly []AssigneeList `json:"weekly"`
	// Closures is the audit trail of the forced closes (explained only,
	// in a dry run).
	Closures []AuditEntry `json:"closures"`
	// AlreadyClosed are tickets due for a close as of Now that the audit
	// trail closed at a later instant: they are not closed again.
	AlreadyClosed []ClosedLater `json:"alreadyClosed,omitempty"`
	// ForcedByAssignee and ForcedByRequester count forced closes per
	// person, earlier ones from the tickets' histories included.
	ForcedByAssignee  []PersonCount `json:"forcedByAssignee"`
	ForcedByRequester []PersonCount `json:"forcedByRequester"`
	FilingDrops       []FilingDrop  `json:"filingDrops"`
	Diagnostics       diag.List     `json:"diagnostics"`
}
