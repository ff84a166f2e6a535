package ticket

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

// Objective is an attainment objective (package slo) and the tickets it
// holds: those of the listed services and request types.
type Objective struct {
	SLO *slo.Objective
	// Services limits the objective to tickets of these services; empty
	// means every service.
	Services []string
	// RequestTypes limits it to these request types of those services;
	// empty means every type.
	RequestTypes []string
}

// Applies reports whether the objective holds a ticket of the class.
func (o *Objective) Applies(c Class) bool {
	if len(o.Services) > 0 && !slices.Contains(o.Services, c.ServiceName()) {
		return false
	}
	return len(o.RequestTypes) == 0 || slices.Contains(o.RequestTypes, c.TypeName())
}

// DesignObjectives holds each service's tickets to the attainment
// objectives its design gives it: a request type's objectives hold that
// type's tickets, an offering's objectives the tickets of the request
// types it offers (all of the service's when it lists none), and an
// objective whose spec.service names the service all its tickets.
// Objectives that are not attainment objectives, or that cannot be
// evaluated (catalog.Objective.Err; the catalog reports why), are left
// out.
func DesignObjectives(d *catalog.Design) []Objective {
	var out []Objective
	usable := func(o *catalog.Objective) bool { return o.Kind == slo.AttainmentObjective && o.Err() == nil }
	for _, s := range d.Services {
		var order []*catalog.Objective
		types := map[*catalog.Objective][]string{}
		all := map[*catalog.Objective]bool{}
		add := func(o *catalog.Objective, names ...string) {
			if !usable(o) {
				return
			}
			if _, seen := types[o]; !seen && !all[o] {
				order = append(order, o)
			}
			if len(names) == 0 {
				all[o] = true
			}
			for _, n := range names {
				if !slices.Contains(types[o], n) {
					types[o] = append(types[o], n)
				}
			}
			if types[o] == nil {
				types[o] = []string{}
			}
		}
		for _, rt := range s.RequestTypes {
			for _, o := range d.ResolveObjectives(rt.Objectives...) {
				add(o, rt.Name)
			}
		}
		for _, off := range s.Offerings {
			names := make([]string, 0, len(off.RequestTypes))
			for _, r := range off.RequestTypes {
				names = append(names, r.Name)
			}
			for _, o := range d.ResolveObjectives(off.Objectives...) {
				add(o, names...)
			}
		}
		for _, o := range d.Objectives {
			if o.Service.Name == s.Name && (o.Service.Kind == "" || strings.EqualFold(o.Service.Kind, "service")) {
				add(o)
			}
		}
		for _, o := range order {
			b := Objective{SLO: &o.Objective, Services: []string{s.Name}}
			if !all[o] {
				b.RequestTypes = types[o]
			}
			out = append(out, b)
		}
	}
	return out
}

// BindObjectives holds each service's tickets to the objectives its
// design names: a request type's objectives hold that type's tickets, an
// offering's objectives hold the tickets of the request types it offers.
// byName gives the objectives by the name references use; references to
// objectives not in it are left out.
func BindObjectives(d *catalog.Design, byName map[string]*slo.Objective) []Objective {
	type key struct{ obj, svc string }
	var order []key
	bound := map[key][]string{}
	bind := func(r catalog.Ref, svc string, types ...string) {
		if _, ok := byName[r.Name]; !ok {
			return
		}
		k := key{r.Name, svc}
		if _, seen := bound[k]; !seen {
			order = append(order, k)
		}
		for _, t := range types {
			if !slices.Contains(bound[k], t) {
				bound[k] = append(bound[k], t)
			}
		}
		if bound[k] == nil {
			bound[k] = []string{}
		}
	}
	for _, s := range d.Services {
		for _, rt := range s.RequestTypes {
			for _, r := range rt.Objectives {
				bind(r, s.Name, rt.Name)
			}
		}
		for _, o := range s.Offerings {
			types := make([]string, 0, len(o.RequestTypes))
			for _, t := range o.RequestTypes {
				types = append(types, t.Name)
			}
			for _, r := range o.Objectives {
				bind(r, s.Name, types...)
			}
		}
	}
	out := make([]Objective, 0, len(order))
	for _, k := range order {
		out = append(out, Objective{SLO: byName[k.obj], Services: []string{k.svc}, RequestTypes: bound[k]})
	}
	return out
}

// ReviewConfig configures an SLO review.
type ReviewConfig struct {
	// Design is the catalog the tickets belong to; improvement requests
	// name the owner of each service's design from it. May be nil.
	Design     *catalog.Design
	Objectives []Objective
	Clock      ClockPolicy
	// Now is the instant the review is made at: tickets created after it
	// are left out and open tickets are judged as of it. Zero means the
	// latest instant any ticket records, known once all are added.
	Now time.Time
	// Calendar decides the business day for the same-day answer rate of
	// tickets no objective with a calendar holds; nil means the UTC date.
	Calendar *slo.Calendar
	// OnVerdict, when set, is called with every ticket's verdict on each
	// objective that holds it, as the ticket is judged: in the order of
	// the tickets, and, without Now, the open ones when Report is called.
	// The verdict shares nothing with the ticket. It lets a program write
	// a million verdicts without keeping them.
	OnVerdict func(TicketVerdict)
	// ListTickets keeps every verdict in the report (ReviewReport.Verdicts);
	// memory then grows with the tickets.
	ListTickets bool
	// DueBefore, when set, makes the report list the open tickets due
	// before it (ReviewReport.Due); DueWithin, when DueBefore is zero,
	// those due within that long after the review's instant.
	DueBefore time.Time
	DueWithin time.Duration
	// By are the breakdowns each objective's report gives besides
	// severity, week and month; Shifts the shifts of ByShift
	// (DesignShifts).
	By     []Dimension
	Shifts []Shift
}

// ErrObjective is wrapped by NewReview for an objective it cannot use.
var ErrObjective = errors.New("ticket: unusable objective")

// Review is an SLO review in progress: add the classified tickets one by
// one, then take the Report. It keeps per-ticket state only for tickets
// still open (and, when ReviewConfig.Now is zero, those not yet
// resolved), and one entry per miss; closed tickets leave only counts.
// A Review is not safe for concurrent use.
type Review struct {
	cfg        ReviewConfig
	objs       []*objAcc
	open       []heldTicket
	latest     time.Time
	tickets    int
	later      int  // tickets created after Now
	perTicket  bool // verdicts are wanted one by one
	verdicts   []TicketVerdict
	due        []TicketVerdict
	dueWaiting int
	sameDayAll SameDay
	sameDay    map[*catalog.Service]*SameDay
	misses     [][]Miss // in chunks, so a long review never copies them
	diags      diag.List
	pauses     []Interval
	days       map[*slo.Calendar]*dayCache
	texts      map[string]string // see intern
}

type heldTicket struct {
	t Ticket
	c Class
}

type objAcc struct {
	Objective
	labels bool // some rule matches on labels
	// bySevOnly is true when the rules look at the severity alone, so the
	// rule of each severity is remembered in ruleOf.
	bySevOnly                           bool
	ruleOf                              []sevRule
	met, missed, pending, excl, unmatch int
	bySev                               []*SeverityCompliance // few: searched in order
	weeks, months                       periodTable
	by                                  []*breakdown // ReviewConfig.By
}

// intern returns a copy of s shared by every miss that records the same
// text: reasons and improvement requests repeat.
func (r *Review) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := r.texts[s]; ok {
		return v
	}
	v := strings.Clone(s)
	if len(r.texts) < 10_000 {
		r.texts[v] = v
	}
	return v
}

type sevRule struct {
	severity string
	rule     int
}

// severity returns the counters of a severity, searched in order: an
// objective has a handful of severities, fewer than a map is worth.
func (acc *objAcc) severity(name string) *SeverityCompliance {
	for _, s := range acc.bySev {
		if s.Severity == name {
			return s
		}
	}
	s := &SeverityCompliance{Severity: strings.Clone(name)}
	acc.bySev = append(acc.bySev, s)
	return s
}

// NewReview starts a review. Every objective must be a valid attainment
// objective (the error wraps ErrObjective), and every breakdown one of
// Dimensions.
func NewReview(cfg ReviewConfig) (*Review, error) {
	if cfg.DueBefore.IsZero() && cfg.DueWithin > 0 && !cfg.Now.IsZero() {
		cfg.DueBefore = cfg.Now.Add(cfg.DueWithin)
	}
	r := &Review{cfg: cfg, sameDay: map[*catalog.Service]*SameDay{}, texts: map[string]string{},
		perTicket: cfg.OnVerdict != nil || cfg.ListTickets || !cfg.DueBefore.IsZero() || cfg.DueWithin > 0}
	for i, o := range cfg.Objectives {
		if o.SLO == nil {
			return nil, fmt.Errorf("%w: objective %d is nil", ErrObjective, i)
		}
		if o.SLO.Kind != slo.AttainmentObjective {
			return nil, fmt.Errorf("%w: %q is a %s objective; tickets are measured by attainment objectives", ErrObjective, o.SLO.Name, o.SLO.Kind)
		}
		if len(o.SLO.Rules) == 0 || o.SLO.Target.IsZero() {
			return nil, fmt.Errorf("%w: %q has no rules or no target", ErrObjective, o.SLO.Name)
		}
		acc := &objAcc{Objective: o}
		loc := o.SLO.Calendar.Location()
		acc.weeks = periodTable{loc: loc, week: true}
		acc.months = periodTable{loc: loc}
		acc.bySevOnly = true
		for _, rule := range o.SLO.Rules {
			if len(rule.Labels) > 0 {
				acc.labels = true
			}
			if len(rule.Labels) > 0 || len(rule.Categories) > 0 {
				acc.bySevOnly = false
			}
		}
		for _, d := range cfg.By {
			if !slices.Contains(Dimensions(), d) {
				return nil, fmt.Errorf("ticket: unknown breakdown %q (want customer, assignee, hour or shift)", d)
			}
			acc.by = append(acc.by, &breakdown{by: d, rows: map[string]*BreakdownRow{}})
		}
		r.objs = append(r.objs, acc)
	}
	return r, nil
}

// Add reviews one classified ticket, as of the review's instant (see
// the package doc's definitions): a ticket created after it is only
// counted as later, and the others are judged by their history up to it.
func (r *Review) Add(t *Ticket, c Class) {
	now := r.cfg.Now
	if !now.IsZero() && t.Created.After(now) {
		r.later++
		return
	}
	r.tickets++
	if now.IsZero() {
		if l := latestOf(t); l.After(r.latest) {
			r.latest = l
		}
		if !t.Status().Done() {
			r.open = append(r.open, heldTicket{*t, c})
			return
		}
		r.judge(t, c, latestOf(t))
		return
	}
	v := t.AsOf(now)
	r.judge(&v, c, now)
}

func latestOf(t *Ticket) time.Time {
	l := t.Created
	if n := len(t.History); n > 0 && t.History[n-1].At.After(l) {
		l = t.History[n-1].At
	}
	if t.Completed.After(l) {
		l = t.Completed
	}
	return l
}

// judge holds one ticket, as of now, to every objective that applies.
func (r *Review) judge(t *Ticket, c Class, now time.Time) {
	var sameDayCal *slo.Calendar
	calSet, reported := false, false
	for _, acc := range r.objs {
		if !acc.Applies(c) {
			continue
		}
		if !calSet && acc.SLO.Calendar != nil {
			sameDayCal, calSet = acc.SLO.Calendar, true
		}
		clock := t.clock(acc.SLO.Measure, r.cfg.Clock, r.pauses)
		r.pauses = clock.Pauses
		end := clock.Stop
		if end.IsZero() || end.After(now) {
			end = now
		}
		out := slo.Outcome{ID: t.ID, Severity: t.SeverityAt(end), Category: t.Category, Start: clock.Start}
		ri, known := -1, false
		if acc.bySevOnly {
			for _, sr := range acc.ruleOf {
				if sr.severity == out.Severity {
					ri, known = sr.rule, true
					break
				}
			}
		}
		if !known {
			if acc.labels {
				out.Labels = labelMap(t.Labels)
			}
			ri = acc.SLO.MatchRule(&out)
			if acc.bySevOnly && len(acc.ruleOf) < 64 {
				acc.ruleOf = append(acc.ruleOf, sevRule{strings.Clone(out.Severity), ri})
			}
		}
		if ri < 0 {
			acc.unmatch++
			r.diags = append(r.diags, t.diag(RuleNoTarget, FieldSeverity, "ticket %s (severity %q, category %q) is held to objective %q, which has no target for it",
				t.ID, out.Severity, t.Category, acc.SLO.Name))
			if r.perTicket {
				r.emit(t, c, acc, &clock, Verdict{}, ResultNoTarget, "", out.Severity, now)
			}
			continue
		}
		v := clock.Judge(acc.SLO.Rules[ri].Within, acc.SLO.Calendar, now)
		sev := acc.severity(out.Severity)
		result, exclusion := ResultPending, ""
		switch {
		case t.Exclusion != "":
			result, exclusion = ResultExcluded, t.Exclusion
			acc.excl++
			sev.Excluded++
		case v.Met:
			result = ResultMet
			acc.met++
			sev.Met++
			acc.weeks.add(clock.Stop, true)
			acc.months.add(clock.Stop, true)
		case v.Missed:
			result = ResultMissed
			acc.missed++
			sev.Missed++
			at := v.Deadline
			if at.IsZero() {
				at = clock.Start
			}
			acc.weeks.add(at, false)
			acc.months.add(at, false)
			r.miss(t, c, acc, &clock, v, out.Severity, reported)
			reported = true
		case v.Pending:
			acc.pending++
			sev.Pending++
		case v.Excluded:
			result, exclusion = ResultExcluded, "abandoned"
			acc.excl++
			sev.Excluded++
		}
		for _, b := range acc.by {
			r.breakDown(b, acc, t, result)
		}
		if r.perTicket {
			r.emit(t, c, acc, &clock, v, result, exclusion, out.Severity, now)
		}
	}
	if t.Exclusion == "" {
		r.answer(t, c, sameDayCal, now)
	}
}

// breakDown counts a verdict under the ticket's value of a dimension.
func (r *Review) breakDown(b *breakdown, acc *objAcc, t *Ticket, result Result) {
	switch b.by {
	case ByCustomer:
		b.add(cmp.Or(t.Customer, "(none)"), result)
	case ByAssignee:
		b.add(cmp.Or(t.Assignee, "(unassigned)"), result)
	case ByHour:
		b.add(hourNames[t.Created.In(acc.weeks.zone()).Hour()], result)
	case ByShift:
		on := false
		for i := range r.cfg.Shifts {
			if s := &r.cfg.Shifts[i]; s.Covers(t.Created) {
				b.add(s.Name, result)
				on = true
			}
		}
		if !on {
			b.add("(no shift)", result)
		}
	}
}

var hourNames = func() (h [24]string) {
	for i := range h {
		h[i] = fmt.Sprintf("%02d", i)
	}
	return h
}()

// emit hands one verdict to OnVerdict, the listing and the due list.
func (r *Review) emit(t *Ticket, c Class, acc *objAcc, clock *Clock, v Verdict, result Result, exclusion, sev string, now time.Time) {
	tv := TicketVerdict{
		Ticket: strings.Clone(t.ID), Title: strings.Clone(t.Title), Objective: acc.SLO.Name, Measure: acc.SLO.Measure.String(),
		Service: c.ServiceName(), RequestType: c.TypeName(), Severity: strings.Clone(sev), Customer: strings.Clone(t.Customer),
		Assignee: strings.Clone(t.Assignee), Status: t.Status(), Result: result, Exclusion: strings.Clone(exclusion),
		Start: clock.Start, Deadline: v.Deadline, Counted: Duration(v.Counted), Late: Duration(v.Late()),
		Tracker: maps.Clone(t.Tracker), Pos: t.Source.Pos(FieldID), Link: strings.Clone(t.Link),
	}
	if !v.Target.IsZero() {
		tv.Target = v.Target.String()
	}
	if !clock.Stop.IsZero() && !clock.Stop.After(now) {
		tv.Stop = clock.Stop
	}
	if result == ResultNoTarget {
		tv.Counted, tv.Late = 0, 0
	}
	if r.cfg.OnVerdict != nil {
		r.cfg.OnVerdict(tv)
	}
	if r.cfg.ListTickets {
		r.verdicts = append(r.verdicts, tv)
	}
	if !r.cfg.DueBefore.IsZero() && !tv.Status.Done() && tv.Stop.IsZero() && (result == ResultPending || result == ResultMissed) {
		switch {
		case tv.Deadline.IsZero():
			r.dueWaiting++
		case tv.Deadline.Before(r.cfg.DueBefore):
			r.due = append(r.due, tv)
		}
	}
}

// miss records a missed ticket and what its note lacks.
// A ticket that missed several objectives gets one finding about its
// note: reported says one was made already.
func (r *Review) miss(t *Ticket, c Class, acc *objAcc, clock *Clock, v Verdict, sev string, reported bool) {
	// The ticket's strings point into the row they were read from; a miss
	// keeps copies, so the rows of the tickets that missed can be freed.
	m := Miss{
		Objective: acc.SLO.Name, Measure: acc.SLO.Measure.String(), Ticket: strings.Clone(t.ID), Title: strings.Clone(t.Title),
		Service: c.ServiceName(), RequestType: c.TypeName(), Severity: acc.severity(sev).Severity, Assignee: strings.Clone(t.Assignee),
		Start: clock.Start, Deadline: v.Deadline, Stop: clock.Stop, Target: v.Target.String(),
		Counted: Duration(v.Counted), Late: Duration(v.Late()), Pos: t.Source.Pos(FieldID), Link: strings.Clone(t.Link),
		Note: MissNote{Reason: r.intern(t.Miss.Reason), Analysis: r.intern(t.Miss.Analysis), Problem: r.intern(t.Miss.Problem),
			Improvement: r.intern(t.Miss.Improvement)},
	}
	if n := len(r.misses); n == 0 || len(r.misses[n-1]) == cap(r.misses[n-1]) {
		r.misses = append(r.misses, make([]Miss, 0, 1024))
	}
	last := &r.misses[len(r.misses)-1]
	*last = append(*last, m)
	if reported {
		return
	}
	switch {
	case t.Miss.Reason == "":
		r.diags = append(r.diags, t.diag(RuleMissWithoutReason, FieldMissReason, "ticket %s missed objective %q (%s late) and has no reason recorded",
			t.ID, acc.SLO.Name, diag.Duration(v.Late())))
	case t.Miss.Analysis == "" && t.Miss.Improvement == "" && t.Miss.Problem == "":
		r.diags = append(r.diags, t.diag(RuleMissNotAnalysed, FieldMissAnalysis, "ticket %s missed objective %q for reason %q but has no analysis: request an improvement, or record why none is needed",
			t.ID, acc.SLO.Name, t.Miss.Reason))
	}
}

// answer counts the ticket for the same-day answer rate (see the package
// doc's definitions): answered when its first answer, an agent's action,
// came by the close of the business day the ticket arrived on (the next
// business day's, when it arrived after hours). A close that is no answer
// decides the ticket unanswered.
func (r *Review) answer(t *Ticket, c Class, cal *slo.Calendar, now time.Time) {
	if cal == nil {
		cal = r.cfg.Calendar
	}
	cal = orUTC(cal)
	deadline := r.sameDayClose(cal, t.Created)
	first, unanswered := t.stop(slo.FirstResponse, ClockPolicy{}, t.Created)
	if first.After(now) || unanswered {
		first = time.Time{}
	}
	decided := !first.IsZero() || (!deadline.IsZero() && deadline.Before(now)) || t.Status().Done()
	if !decided {
		return
	}
	answered := !first.IsZero() && !deadline.IsZero() && !first.After(deadline)
	for _, s := range [2]*SameDay{&r.sameDayAll, r.sameDayOf(c.Service)} {
		if s == nil {
			continue
		}
		s.Tickets++
		if answered {
			s.Answered++
		}
	}
}

// sameDayOf returns the same-day counters of a service, nil for none.
func (r *Review) sameDayOf(s *catalog.Service) *SameDay {
	if s == nil {
		return nil
	}
	sd := r.sameDay[s]
	if sd == nil {
		sd = &SameDay{Service: s.Name}
		r.sameDay[s] = sd
	}
	return sd
}

// sameDayClose is cal.BusinessDayDeadline(t, 0), remembered per calendar:
// every instant from t to that close has the same answer, and tickets
// mostly arrive in order.
func (r *Review) sameDayClose(cal *slo.Calendar, t time.Time) time.Time {
	c := r.days[cal]
	if c != nil && !t.Before(c.from) && t.Before(c.close) {
		return c.close
	}
	if c == nil {
		if r.days == nil {
			r.days = map[*slo.Calendar]*dayCache{}
		}
		c = &dayCache{}
		r.days[cal] = c
	}
	c.from, c.close = t, cal.BusinessDayDeadline(t, 0)
	return c.close
}

type dayCache struct{ from, close time.Time }

func labelMap(labels []string) map[string]string {
	m := make(map[string]string, len(labels))
	for _, l := range labels {
		k, v, _ := strings.Cut(l, "=")
		m[k] = v
	}
	return m
}

// Report finishes the review: open tickets held back are judged as of
// the review's instant, and everything is summed up. It may be called
// more than once; later Adds are included in later Reports.
func (r *Review) Report() *ReviewReport {
	now := r.cfg.Now
	if now.IsZero() {
		now = r.latest
		if r.cfg.DueWithin > 0 {
			r.cfg.DueBefore = now.Add(r.cfg.DueWithin)
		}
	}
	for i := range r.open {
		h := &r.open[i]
		r.judge(&h.t, h.c, now)
	}
	r.open = r.open[:0]
	rep := &ReviewReport{Now: now, Tickets: r.tickets, Later: r.later, Clock: ClockPolicyReport{OnSeverityChange: r.cfg.Clock.OnSeverityChange.String(), OnReopen: r.cfg.Clock.OnReopen.String()}}
	if r.cfg.ListTickets {
		rep.Verdicts = slices.Clone(r.verdicts)
	}
	if !r.cfg.DueBefore.IsZero() {
		due := &DueReport{Now: now, Before: r.cfg.DueBefore, Tickets: slices.Clone(r.due), Waiting: r.dueWaiting}
		slices.SortFunc(due.Tickets, func(a, b TicketVerdict) int {
			return cmp.Or(a.Deadline.Compare(b.Deadline), strings.Compare(a.Ticket, b.Ticket), strings.Compare(a.Objective, b.Objective))
		})
		for i := range due.Tickets {
			if due.Tickets[i].Overdue(now) {
				due.Overdue++
			}
		}
		rep.Due = due
	}
	for _, acc := range r.objs {
		or := ObjectiveReport{
			Name: acc.SLO.Name, Measure: acc.SLO.Measure.String(), Target: acc.SLO.Target.String(),
			Services: acc.Services, RequestTypes: acc.RequestTypes,
			Met: acc.met, Missed: acc.missed, Pending: acc.pending, Excluded: acc.excl, Unmatched: acc.unmatch,
		}
		or.Compliance = ratio(acc.met, acc.met+acc.missed)
		or.Attained = or.Compliance >= acc.SLO.Target.Fraction()
		for _, s := range acc.bySev {
			s.Compliance = ratio(s.Met, s.Met+s.Missed)
			or.Severities = append(or.Severities, *s)
		}
		slices.SortFunc(or.Severities, func(a, b SeverityCompliance) int { return strings.Compare(a.Severity, b.Severity) })
		or.Weeks = acc.weeks.report(acc.SLO.Target)
		or.Months = acc.months.report(acc.SLO.Target)
		for _, b := range acc.by {
			or.Breakdowns = append(or.Breakdowns, b.report())
		}
		rep.Objectives = append(rep.Objectives, or)
	}
	// The sorted copy of the misses is made on a goroutine of its own
	// while they are grouped here: both only read them, and a review of a
	// million tickets has a hundred thousand to copy, at the end of the
	// run when nothing else is left to do.
	sorted := make(chan []Miss, 1)
	go func() { sorted <- r.sortedMisses() }()
	byReason := map[string]*ReasonCount{}
	improve := map[[3]string]*ImprovementRequest{}
	var improveOrder [][3]string
	// Misses are grouped in the order they were found, where the misses
	// of one ticket (several objectives) are next to each other: a ticket
	// is listed once per reason and per request by comparing it with the
	// last one listed.
	for _, chunk := range r.misses {
		for i := range chunk {
			m := &chunk[i]
			reason := m.Note.Reason
			rc := byReason[reason]
			if rc == nil {
				rc = &ReasonCount{Reason: reason}
				byReason[reason] = rc
			}
			rc.Misses++
			if n := len(rc.Tickets); n == 0 || rc.Tickets[n-1] != m.Ticket {
				rc.Tickets = append(rc.Tickets, m.Ticket)
				if reason == "" {
					rep.Unexplained++
				} else if m.Note.Analysis == "" && m.Note.Problem == "" && m.Note.Improvement == "" {
					rep.Unanalysed++
				}
			}
			if m.Note.Problem == "" && m.Note.Improvement == "" {
				continue
			}
			k := [3]string{m.Service, m.Note.Problem, m.Note.Improvement}
			ir := improve[k]
			if ir == nil {
				ir = &ImprovementRequest{Service: m.Service, Owner: r.owner(m.Service), Reason: reason, Problem: m.Note.Problem, Improvement: m.Note.Improvement}
				improve[k] = ir
				improveOrder = append(improveOrder, k)
			}
			if n := len(ir.Tickets); n == 0 || ir.Tickets[n-1] != m.Ticket {
				ir.Tickets = append(ir.Tickets, m.Ticket)
			}
		}
	}
	for _, rc := range byReason {
		rep.MissesByReason = append(rep.MissesByReason, *rc)
	}
	slices.SortFunc(rep.MissesByReason, func(a, b ReasonCount) int {
		return cmp.Or(cmp.Compare(b.Misses, a.Misses), strings.Compare(a.Reason, b.Reason))
	})
	for _, k := range improveOrder {
		rep.Improvements = append(rep.Improvements, *improve[k])
	}
	slices.SortStableFunc(rep.Improvements, func(a, b ImprovementRequest) int {
		return cmp.Or(strings.Compare(a.Service, b.Service), strings.Compare(a.Problem, b.Problem))
	})
	if r.sameDayAll.Tickets > 0 {
		s := r.sameDayAll
		s.Rate = ratio(s.Answered, s.Tickets)
		rep.SameDay = &s
		for _, sd := range r.sameDay {
			x := *sd
			x.Rate = ratio(x.Answered, x.Tickets)
			rep.SameDayByService = append(rep.SameDayByService, x)
		}
		slices.SortFunc(rep.SameDayByService, func(a, b SameDay) int { return strings.Compare(a.Service, b.Service) })
	}
	rep.Diagnostics = slices.Clone(r.diags)
	rep.Diagnostics.Sort()
	rep.Misses = <-sorted
	return rep
}

// sortedMisses returns a copy of the misses in order of deadline, then
// ticket and objective. It sorts small places that point at the misses
// (a miss is some 350 bytes, and a review may hold a hundred thousand)
// and copies each miss once, in its place.
func (r *Review) sortedMisses() []Miss {
	type place struct {
		sec  int64 // the deadline, compared as Time.Compare does
		nsec int32
		m    *Miss
	}
	n := 0
	for _, chunk := range r.misses {
		n += len(chunk)
	}
	if n == 0 {
		return nil // as "misses": null in JSON, as ever
	}
	places := make([]place, 0, n)
	for _, chunk := range r.misses {
		for i := range chunk {
			m := &chunk[i]
			places = append(places, place{m.Deadline.Unix(), int32(m.Deadline.Nanosecond()), m})
		}
	}
	slices.SortFunc(places, func(a, b place) int {
		return cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.nsec, b.nsec),
			strings.Compare(a.m.Ticket, b.m.Ticket), strings.Compare(a.m.Objective, b.m.Objective))
	})
	out := make([]Miss, n)
	for i, p := range places {
		out[i] = *p.m
	}
	return out
}

// owner names who owns a service's operations design: its owner as a
// document reference when it resolves, else as written.
func (r *Review) owner(service string) string {
	d := r.cfg.Design
	if d == nil || service == "" {
		return ""
	}
	s := d.Service(service)
	if s == nil || s.Owner.IsZero() {
		return ""
	}
	if docs := d.Resolve(s.Owner, "Team", "Person", "Role"); len(docs) == 1 {
		return docs[0].Ref()
	}
	return s.Owner.Raw
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// periodTable counts verdicts per calendar week or month in a zone. It
// remembers the last period used, since tickets mostly come in order.
type periodTable struct {
	loc        *time.Location
	week       bool
	rows       map[int64]*PeriodCompliance
	lastFrom   time.Time
	lastTo     time.Time
	lastPeriod *PeriodCompliance
}

func (p *periodTable) add(at time.Time, met bool) {
	if at.IsZero() {
		return
	}
	row := p.lastPeriod
	if row == nil || at.Before(p.lastFrom) || !at.Before(p.lastTo) {
		from, to := p.bounds(at)
		if p.rows == nil {
			p.rows = map[int64]*PeriodCompliance{}
		}
		row = p.rows[from.Unix()]
		if row == nil {
			row = &PeriodCompliance{Start: from, End: to}
			p.rows[from.Unix()] = row
		}
		p.lastFrom, p.lastTo, p.lastPeriod = from, to, row
	}
	if met {
		row.Met++
	} else {
		row.Missed++
	}
}

// zone is the table's time zone.
func (p *periodTable) zone() *time.Location {
	if p.loc == nil {
		return time.UTC
	}
	return p.loc
}

func (p *periodTable) bounds(at time.Time) (time.Time, time.Time) {
	loc := p.zone()
	l := at.In(loc)
	y, m, d := l.Date()
	if p.week {
		off := (int(l.Weekday()) + 6) % 7 // days since Monday
		from := time.Date(y, m, d-off, 0, 0, 0, 0, loc)
		return from, time.Date(y, m, d-off+7, 0, 0, 0, 0, loc)
	}
	return time.Date(y, m, 1, 0, 0, 0, 0, loc), time.Date(y, m+1, 1, 0, 0, 0, 0, loc)
}

func (p *periodTable) report(target slo.Target) []PeriodCompliance {
	out := make([]PeriodCompliance, 0, len(p.rows))
	for _, row := range p.rows {
		x := *row
		x.Compliance = ratio(x.Met, x.Met+x.Missed)
		x.Attained = x.Compliance >= target.Fraction()
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b PeriodCompliance) int { return a.Start.Compare(b.Start) })
	return out
}

// ReviewReport is the result of an SLO review.
type ReviewReport struct {
	Now     time.Time `json:"now"`
	Tickets int       `json:"tickets"`
	// Later counts the tickets created after Now, left out.
	Later int               `json:"later"`
	Clock ClockPolicyReport `json:"clock"`
	// Objectives gives each objective's compliance, overall, per
	// severity, per week and per month.
	Objectives []ObjectiveReport `json:"objectives"`
	// Misses lists every miss, in order of deadline.
	Misses []Miss `json:"misses"`
	// MissesByReason groups the misses by the reason recorded, most
	// frequent first; "" collects the misses without a reason.
	MissesByReason []ReasonCount `json:"missesByReason"`
	// Unexplained counts the missed tickets without a reason; Unanalysed
	// those with a reason but no analysis.
	Unexplained int `json:"unexplained"`
	Unanalysed  int `json:"unanalysed"`
	// Improvements are the improvement requests recorded for misses,
	// one per service and problem, addressed to the owner of the
	// service's operations design.
	Improvements []ImprovementRequest `json:"improvements"`
	// SameDay is the share of tickets first answered on the business day
	// they arrived, over all tickets and per service.
	SameDay          *SameDay  `json:"sameDay,omitempty"`
	SameDayByService []SameDay `json:"sameDayByService,omitempty"`
	// Diagnostics are the findings about tickets: misses without reason
	// or analysis, tickets an objective gives no target.
	Diagnostics diag.List `json:"diagnostics"`
	// Verdicts are every ticket's verdicts, when ReviewConfig.ListTickets
	// asks for them, in the order the tickets were judged.
	Verdicts []TicketVerdict `json:"verdicts,omitempty"`
	// Due lists the open tickets due, when ReviewConfig.DueBefore asks.
	Due *DueReport `json:"due,omitempty"`
}

// ClockPolicyReport names the clock policy a review used.
type ClockPolicyReport struct {
	OnSeverityChange string `json:"onSeverityChange"`
	OnReopen         string `json:"onReopen"`
}

// ObjectiveReport is the compliance of the tickets one objective holds.
type ObjectiveReport struct {
	Name         string   `json:"name"`
	Measure      string   `json:"measure"`
	Target       string   `json:"target"`
	Services     []string `json:"services,omitempty"`
	RequestTypes []string `json:"requestTypes,omitempty"`
	// Met and Missed count decided tickets; Pending those still within
	// their deadline; Excluded those force-closed before it; Unmatched
	// those the objective gives no target.
	Met        int     `json:"met"`
	Missed     int     `json:"missed"`
	Pending    int     `json:"pending"`
	Excluded   int     `json:"excluded"`
	Unmatched  int     `json:"unmatched"`
	Compliance float64 `json:"compliance"` // Met / (Met + Missed); 1 when none was decided
	Attained   bool    `json:"attained"`   // Compliance reaches the target

	Severities []SeverityCompliance `json:"severities"`
	Weeks      []PeriodCompliance   `json:"weeks"`
	Months     []PeriodCompliance   `json:"months"`
	// Breakdowns are those ReviewConfig.By asks for, in its order.
	Breakdowns []Breakdown `json:"breakdowns,omitempty"`
}

// SeverityCompliance is the compliance of one severity's tickets.
type SeverityCompliance struct {
	Severity   string  `json:"severity"`
	Met        int     `json:"met"`
	Missed     int     `json:"missed"`
	Pending    int     `json:"pending"`
	Excluded   int     `json:"excluded"`
	Compliance float64 `json:"compliance"`
}

// PeriodCompliance is the compliance of the verdicts that fell in one
// week (from Monday) or month, in the objective's time zone.
type PeriodCompliance struct {
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Met        int       `json:"met"`
	Missed     int       `json:"missed"`
	Compliance float64   `json:"compliance"`
	Attained   bool      `json:"attained"`
}

// Miss is one ticket that missed an objective.
type Miss struct {
	Objective   string    `json:"objective"`
	Measure     string    `json:"measure"`
	Ticket      string    `json:"ticket"`
	Title       string    `json:"title,omitempty"`
	Service     string    `json:"service,omitempty"`
	RequestType string    `json:"requestType,omitempty"`
	Severity    string    `json:"severity"`
	Assignee    string    `json:"assignee,omitempty"`
	Start       time.Time `json:"start"`
	Deadline    time.Time `json:"deadline"`
	// Stop is when the measured event happened; zero while it has not.
	Stop   time.Time `json:"stop,omitzero"`
	Target string    `json:"target"`
	// Counted is the time the clock counted; Late how far beyond its
	// budget (business time for business targets).
	Counted Duration `json:"counted"`
	Late    Duration `json:"late"`
	Note    MissNote `json:"note"`
	// Link is where the ticket is opened (Ticket.Link), such as a chat
	// message's permalink.
	Link string   `json:"link,omitempty"`
	Pos  diag.Pos `json:"pos"`
}

// ReasonCount is how many misses one reason explains.
type ReasonCount struct {
	Reason  string   `json:"reason"`
	Misses  int      `json:"misses"`
	Tickets []string `json:"tickets"`
}

// ImprovementRequest is a request from the team that missed an objective
// to the team that owns the service's operations design.
type ImprovementRequest struct {
	Service     string   `json:"service"`
	Owner       string   `json:"owner"`
	Reason      string   `json:"reason"`
	Problem     string   `json:"problem"`
	Improvement string   `json:"improvement"`
	Tickets     []string `json:"tickets"`
}

// SameDay is the same-day answer rate of a service's tickets ("" for
// all).
type SameDay struct {
	Service  string  `json:"service,omitempty"`
	Tickets  int     `json:"tickets"`
	Answered int     `json:"answered"`
	Rate     float64 `json:"rate"`
}
