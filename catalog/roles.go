package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/opsdesign/opsdesign/roles"
)

// This file maps a design onto the roles package: the one place where Role,
// Person and Team documents and the tasks of services become a
// roles.Roster. The roles/ rules (package catalog/rules) and the opsdesign
// roles command both start from Design.Roster.

// RuleInvalidSchedule is the rule that reports shifts, dated exceptions,
// time zones and service hours the roster cannot read.
const RuleInvalidSchedule = "roles/invalid-schedule"

// invalidScheduleSeverity is the severity Design.Roster gives its
// findings: the default of RuleInvalidSchedule, which package
// catalog/rules documents (a test there keeps the two the same).
const invalidScheduleSeverity = Error

// Roster is a design's operation in the terms of the roles package, with
// the way back from its names to the documents they were written in.
//
// Names in the roles.Roster values are those of the design, but for two
// kinds: a task is named "service/task" (as people list it), and a role
// "role:name", so that the design's own Role documents decide every tier
// and none is mistaken for one of roles.BuiltinRoles.
//
// A person's time zone, shifts and exceptions, and a service's hours, that
// cannot be read are reported by Design.Roster (rule roles/invalid-schedule)
// and left out; everything else is kept.
type Roster struct {
	// Operation holds every role, person and team of the design, and every
	// task of its services that are not retired (a service or a task whose
	// name is duplicated is left out: which one a reference means is
	// ambiguous, and name/duplicate reports it). Check, TruckFactors,
	// Escalations, Load and Toil run on it.
	Operation roles.Roster
	// Standing is the part of Operation that needs someone present: the
	// tasks of services that state their hours that can fall due at any
	// time (Trigger.Unplanned: a monitor, a request type or an event starts
	// them) and that at least one person can perform. Work on a schedule
	// is done when planned; a task with no trigger does not say when it
	// falls due, and is ops/task-without-trigger's until it does; a task
	// nobody can perform is reported as such rather than as a gap. A service whose hours name a Calendar
	// has its hours written out per period by StandingFor, which Coverage
	// runs on; here they are empty.
	Standing roles.Roster
	// Staffed reports whether any person lists a task. Without that the
	// design does not say who can do what, and the rules about truck
	// factors and cover stay silent.
	Staffed bool
	// Settings are the roster settings in force (Settings spec.roles).
	Settings RosterSettings
	// Unchecked lists the services whose hours name a Calendar that is
	// missing or cannot be used (the slo/ rules report it): their cover is
	// not checked.
	Unchecked []string

	tasks  map[string]taskSite // by roles task name
	people map[string]*Person  // the first person of each name
	teams  map[string]*Team    // the first team of each name
	// calendars are the Calendars services name as their hours, by
	// service; Coverage turns them into hours for its period.
	calendars map[string]*Calendar

	mu  sync.Mutex
	cov map[[2]int64]coverageResult
}

// taskSite is where a roster task is written.
type taskSite struct {
	svc  *Service
	task *Task
}

type coverageResult struct {
	c   *roles.Coverage
	err error
}

type rosterCache struct {
	once  sync.Once
	r     *Roster
	diags Diagnostics
}

// Roster returns the design's roster and the problems found reading it
// (rule roles/invalid-schedule, at the exact character where that can be
// told). It is built once, on first use; the Design must not change after.
func (d *Design) Roster() (*Roster, Diagnostics) {
	d.roster.once.Do(func() { d.roster.r, d.roster.diags = buildRoster(d) })
	return d.roster.r, d.roster.diags
}

// Location returns the roster's time zone: results are reported in it.
func (r *Roster) Location() *time.Location {
	if r.Operation.Location == nil {
		return time.UTC
	}
	return r.Operation.Location
}

// Limits returns the soft limits in force, defaults filled in.
func (r *Roster) Limits() roles.Limits {
	l := r.Settings.Limits
	def := roles.DefaultLimits()
	if l.TeamSize == 0 {
		l.TeamSize = def.TeamSize
	}
	if l.OperationSize == 0 {
		l.OperationSize = def.OperationSize
	}
	if l.EscalationShare == 0 {
		l.EscalationShare = def.EscalationShare
	}
	if l.ToilShare == 0 {
		l.ToilShare = def.ToilShare
	}
	if l.WeeklyHours == 0 {
		l.WeeklyHours = def.WeeklyHours
	}
	return l
}

// Period returns the range the coverage rules check: CoverageDays days
// from CoverageFrom, or, when the settings give no date, the week from the
// Monday of the week that holds now; both from local midnight in the
// roster's zone.
func (r *Roster) Period(now time.Time) (from, to time.Time) {
	loc := r.Location()
	start := r.Settings.CoverageFrom
	if !start.IsValid() {
		today := roles.DateOf(now.In(loc))
		start = today.AddDays(-int((today.Weekday() + 6) % 7))
	}
	days := r.Settings.CoverageDays
	if days <= 0 {
		days = 7
	}
	return start.In(loc), start.AddDays(days).In(loc)
}

// Coverage computes the cover of the Standing roster over [from, to) to
// the minute, so gaps are exact for shifts written in whole minutes.
// Results are kept, so every rule that asks for the same range shares one
// computation. Errors wrap roles.ErrRange for a bad range.
func (r *Roster) Coverage(from, to time.Time) (*roles.Coverage, error) {
	key := [2]int64{from.UnixNano(), to.UnixNano()}
	r.mu.Lock()
	defer r.mu.Unlock()
	if res, ok := r.cov[key]; ok {
		return res.c, res.err
	}
	c, err := r.StandingFor(from, to).Coverage(from, to, time.Minute)
	if err != nil {
		err = fmt.Errorf("catalog: roster coverage: %w", err)
	}
	if r.cov == nil {
		r.cov = map[[2]int64]coverageResult{}
	}
	r.cov[key] = coverageResult{c, err}
	return c, err
}

// Report reports who covers the design's work over [from, to), to the
// minute: what `opsdesign roles` prints. Cover is that of Coverage; truck
// factors and team sizes are those of the whole Operation; services whose
// hours name an unusable Calendar are listed as unchecked. Each call
// returns a report of its own; it may be called concurrently.
func (r *Roster) Report(from, to time.Time) (*roles.RosterReport, error) {
	cover, err := r.Coverage(from, to)
	if err != nil {
		return nil, err
	}
	demand, err := r.StandingFor(from, to).Demand(from, to, time.Minute)
	if err != nil {
		return nil, fmt.Errorf("catalog: roster coverage: %w", err)
	}
	rep := roles.NewRosterReport(&r.Operation, cover, demand)
	rep.Unchecked = slices.Clone(r.Unchecked)
	return rep, nil
}

// Task returns the service and the task a roster task name ("service/task")
// stands for.
func (r *Roster) Task(name string) (*Service, *Task, bool) {
	s, ok := r.tasks[name]
	return s.svc, s.task, ok
}

// Person returns the person of the name (the first, if it is duplicated).
func (r *Roster) Person(name string) (*Person, bool) {
	p, ok := r.people[name]
	return p, ok
}

// Team returns the team of the name (the first, if it is duplicated).
func (r *Roster) Team(name string) (*Team, bool) {
	t, ok := r.teams[name]
	return t, ok
}

// taskRef is the name people use for a task of a service.
func taskRef(service, task string) string { return service + "/" + task }

// rosterBuilder holds the state of one Design.Roster call.
type rosterBuilder struct {
	d     *Design
	r     *Roster
	diags Diagnostics
	zones map[string]*time.Location // LoadLocation results, by name
}

func buildRoster(d *Design) (*Roster, Diagnostics) {
	b := &rosterBuilder{d: d, zones: map[string]*time.Location{}}
	set := d.settings().Roster
	b.r = &Roster{Settings: set, tasks: map[string]taskSite{}, people: map[string]*Person{}, teams: map[string]*Team{},
		calendars: map[string]*Calendar{}}
	op := &b.r.Operation
	op.Location = b.rosterZone()
	if from := set.CoverageFrom; from.IsValid() && (from.Year < 1800 || from.Year > 2199) {
		const ptr = "/spec/roles/coverageFrom"
		doc := d.settings().Doc
		b.report(doc, ptr, doc.At(ptr), "coverageFrom %s is outside the years 1800 to 2199 that cover can be computed for; the current week is checked instead", from)
		b.r.Settings.CoverageFrom = roles.Date{}
	}

	for _, ro := range d.Roles {
		if len(d.Named("Role", ro.Name)) > 1 && d.Named("Role", ro.Name)[0] != ro.Doc {
			continue
		}
		tier, _ := roles.ParseTier(ro.Tier) // the schema reports a bad tier
		abl, _ := roles.ParseAbilities(strings.Join(ro.Abilities, ","))
		op.Roles = append(op.Roles, roles.Role{Name: "role:" + ro.Name, Tier: tier, Abilities: abl, Description: ro.Title})
	}

	listed := map[string]int{} // how many people list each task
	for _, p := range d.People {
		if _, dup := b.r.people[p.Name]; dup {
			continue
		}
		b.r.people[p.Name] = p
		rp := b.person(p)
		for _, t := range rp.Tasks {
			listed[t]++
		}
		op.People = append(op.People, rp)
	}
	b.r.Staffed = len(listed) > 0

	for _, t := range d.Teams {
		if _, dup := b.r.teams[t.Name]; dup {
			continue
		}
		b.r.teams[t.Name] = t
		rt := roles.Team{Name: t.Name}
		for _, m := range t.Members {
			if name, ok := b.d.ResolvePerson(m, personKinds()...); ok {
				rt.Members = append(rt.Members, name)
			}
		}
		op.Teams = append(op.Teams, rt)
	}

	st := &b.r.Standing
	st.Location, st.Roles, st.People, st.Teams = op.Location, op.Roles, op.People, op.Teams
	for _, s := range d.Services {
		if s.State == Retired || len(d.Named("Service", s.Name)) > 1 {
			continue
		}
		hours, needsCover := b.hours(s)
		if needsCover {
			st.Services = append(st.Services, roles.Service{Name: s.Name, Hours: hours})
		}
		names := map[string]int{}
		for _, t := range s.Tasks {
			names[t.Name]++
		}
		for i := range s.Tasks {
			t := &s.Tasks[i]
			if t.Name == "" || names[t.Name] > 1 {
				continue
			}
			rt := b.task(s, t)
			b.r.tasks[rt.Name] = taskSite{s, t}
			op.Tasks = append(op.Tasks, rt)
			if needsCover && listed[rt.Name] > 0 && t.Trigger.Unplanned() {
				st.Tasks = append(st.Tasks, rt)
			}
		}
	}
	return b.r, b.diags
}

func (b *rosterBuilder) report(doc *Document, ptr string, pos Pos, format string, args ...any) {
	b.diags = append(b.diags, Diagnostic{Rule: RuleInvalidSchedule, Severity: invalidScheduleSeverity,
		Pos: pos, Path: ptr, Message: fmt.Sprintf(format, args...)})
}

// zone loads an IANA time zone. "Local" is refused: a design must mean the
// same on every machine.
func (b *rosterBuilder) zone(name string) (*time.Location, error) {
	if loc, ok := b.zones[name]; ok {
		return loc, nil
	}
	if name == "Local" || name == "" {
		return nil, errors.New("not an IANA time zone")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	b.zones[name] = loc
	return loc, nil
}

// rosterZone is the zone of the Settings, or the one most people state,
// or the one most services' hours state
// (the first of those most stated), or UTC.
func (b *rosterBuilder) rosterZone() *time.Location {
	set := b.d.settings()
	if tz := set.Roster.TimeZone; tz != "" {
		loc, err := b.zone(tz)
		if err == nil {
			return loc
		}
		const ptr = "/spec/roles/timeZone"
		b.report(set.Doc, ptr, set.Doc.At(ptr), "the roster's time zone %q is not an IANA time zone such as Asia/Tokyo; using the people's", tz)
	}
	people := make([]string, 0, len(b.d.People))
	for _, p := range b.d.People {
		people = append(people, p.TimeZone)
	}
	if loc := b.commonestZone(people); loc != nil {
		return loc
	}
	// Nobody states a zone: a design whose services state their hours in
	// one is read in it, rather than in UTC, which it never mentions.
	services := make([]string, 0, len(b.d.Services))
	for _, s := range b.d.Services {
		services = append(services, hoursZone(strings.TrimSpace(s.Hours)))
	}
	if loc := b.commonestZone(services); loc != nil {
		return loc
	}
	return time.UTC
}

// commonestZone returns the valid zone named most often (the first of
// those), or nil.
func (b *rosterBuilder) commonestZone(names []string) *time.Location {
	count := map[string]int{}
	best, bestN := "", 0
	for _, tz := range names {
		if tz == "" {
			continue
		}
		if _, err := b.zone(tz); err != nil {
			continue
		}
		count[tz]++
		if n := count[tz]; n > bestN {
			best, bestN = tz, n
		}
	}
	if best == "" {
		return nil
	}
	return b.zones[best]
}

// hoursZone returns the IANA zone that ends a service's hours ("Mon-Fri
// 09:00-18:00 Asia/Tokyo"), or "".
func hoursZone(text string) string {
	if i := strings.LastIndexAny(text, " \t"); i > 0 {
		if last := text[i+1:]; strings.Contains(last, "/") || last == "UTC" {
			return last
		}
	}
	return ""
}

// ResolvePerson resolves a reference, written in a field that accepts the
// given kinds, that must name a person: it returns the person's name, and
// false when the reference names nothing, something other than a Person,
// or is ambiguous between a Person and another kind (ref/ambiguous reports
// that). The roster reads bridges, team members and escalation targets
// with it; the roles/ rules find the references to a person by it.
func (d *Design) ResolvePerson(r Ref, kinds ...string) (string, bool) {
	found := d.Resolve(r, kinds...)
	if len(found) == 0 {
		return "", false
	}
	for _, f := range found {
		if f.Kind != "Person" {
			return "", false
		}
	}
	return r.Name, true
}

// RosterRef resolves an owner or escalation target (a Role, Person or
// Team) to the name the roster gives it; false when it names nothing or
// is ambiguous (ref/ rules report those).
func (d *Design) RosterRef(r Ref) (roles.Ref, bool) {
	found := d.Resolve(r, OwnerKinds()...)
	if r.IsZero() || len(found) == 0 || slices.ContainsFunc(found, func(doc *Document) bool { return doc.Kind != found[0].Kind }) {
		return roles.Ref{}, false
	}
	switch found[0].Kind {
	case "Role":
		return roles.RoleRef("role:" + r.Name), true
	case "Team":
		return roles.TeamRef(r.Name), true
	}
	return roles.PersonRef(r.Name), true
}

func (b *rosterBuilder) person(p *Person) roles.Person {
	rp := roles.Person{Name: p.Name}
	for _, r := range p.Roles {
		if len(b.d.Resolve(r, "Role")) > 0 {
			rp.Roles = append(rp.Roles, "role:"+r.Name)
		}
	}
	for _, t := range p.Tasks {
		rp.Tasks = append(rp.Tasks, t.Raw)
	}
	if p.TimeZone != "" {
		loc, err := b.zone(p.TimeZone)
		if err != nil {
			const ptr = "/spec/timeZone"
			b.report(p.Doc, ptr, p.Doc.At(ptr), "time zone %q of person %q is not an IANA time zone such as Asia/Tokyo; the shifts are read in the roster's zone", p.TimeZone, p.Name)
		}
		rp.Shifts.Location = loc
	}
	if l, ok := sub(asObj(p.Doc.Value), "spec")["shifts"].([]any); ok && len(l) == 0 {
		const ptr = "/spec/shifts"
		b.report(p.Doc, ptr, p.Doc.At(ptr), "person %q has an empty list of shifts, which could mean never or always: leave shifts out for someone never on shift, or write them, such as \"Mon-Fri 09:00-17:00\" (00:00-24:00 for whole days)", p.Name)
	}
	for i, s := range p.Shifts {
		w, err := roles.ParseWeek(s)
		if err == nil && len(w) == 0 {
			err = errors.New("an empty shift says no day and no time: write one such as \"Mon-Fri 09:00-17:00\", or remove it")
		}
		if err != nil {
			ptr := idx("/spec/shifts", i)
			b.parseError(p.Doc, ptr, s, 0, err, fmt.Sprintf("shift %q of person %q", s, p.Name))
			continue
		}
		rp.Shifts.Week = append(rp.Shifts.Week, w...)
	}
	for _, e := range p.Exceptions {
		if x, ok := b.exception(p, e); ok {
			rp.Shifts.Exceptions = append(rp.Shifts.Exceptions, x)
		}
	}
	return rp
}

// exception reads one dated exception; what it cannot read it reports.
func (b *rosterBuilder) exception(p *Person, e ShiftException) (roles.Exception, bool) {
	what := fmt.Sprintf("exception of person %q", p.Name)
	x := roles.Exception{Kind: roles.Leave}
	if e.Kind == "extra" {
		x.Kind = roles.Extra
	}
	var err error
	if x.From, err = roles.ParseDate(e.From); err != nil {
		b.parseError(p.Doc, e.Path+"/from", e.From, 0, err, fmt.Sprintf("date %q of the %s", e.From, what))
		return x, false
	}
	x.To = x.From
	if e.To != "" {
		if x.To, err = roles.ParseDate(e.To); err != nil {
			b.parseError(p.Doc, e.Path+"/to", e.To, 0, err, fmt.Sprintf("date %q of the %s", e.To, what))
			return x, false
		}
		if x.To.Compare(x.From) < 0 {
			ptr := e.Path + "/to"
			b.report(p.Doc, ptr, p.Doc.At(ptr), "the %s ends on %s, before it starts on %s", what, x.To, x.From)
			return x, false
		}
	}
	if _, ok := p.Doc.Lookup(e.Path + "/hours"); ok && strings.TrimSpace(e.Hours) == "" {
		ptr := e.Path + "/hours"
		b.report(p.Doc, ptr, p.Doc.At(ptr), "the hours of the %s are empty: leave hours out for whole days, or write them, such as 13:00-17:00", what)
		return x, false
	}
	if e.Hours != "" {
		// The hours are read as the time range of a compact exception.
		const prefix = "leave 2000-01-01 "
		y, err := roles.ParseException(prefix + e.Hours)
		if err != nil {
			b.parseError(p.Doc, e.Path+"/hours", e.Hours, -len(prefix), err, fmt.Sprintf("hours %q of the %s", e.Hours, what))
			return x, false
		}
		x.Start, x.End = y.Start, y.End
	}
	return x, true
}

// parseError reports a roles parse error at the character it names: the
// error's offset, shifted by shift, into the text at ptr.
func (b *rosterBuilder) parseError(doc *Document, ptr, text string, shift int, err error, what string) {
	msg, off := err.Error(), -1
	var pe *roles.ParseError
	if errors.As(err, &pe) {
		msg, off = pe.Msg, pe.Offset+shift
	}
	pos := doc.At(ptr)
	if off >= 0 && off <= len(text) {
		pos = doc.offsetPos(ptr, off)
	}
	b.report(doc, ptr, pos, "%s cannot be read: %s", what, msg)
}

// hours reads a service's hours: around the clock (nil), a Calendar's
// name, or a weekly schedule with an optional trailing IANA time zone
// ("Mon-Fri 09:00-18:00 Asia/Tokyo"). needsCover is false when the service
// states no hours, its hours cannot be read (reported here), or they name
// a Calendar that is missing or unusable (reported by the slo/ rules).
func (b *rosterBuilder) hours(s *Service) (sched *roles.Schedule, needsCover bool) {
	text := strings.TrimSpace(s.Hours)
	switch {
	case text == "":
		return nil, false
	case aroundTheClock(text):
		return nil, true
	}
	if ref, ok := s.HoursRef(); ok {
		// A name, not a schedule: the Calendar's hours, turned into a
		// schedule per coverage period (roles_calendar.go).
		var c *Calendar
		if len(b.d.Resolve(ref, "Calendar")) > 0 {
			c = b.d.Calendar(ref.Name)
		}
		if c == nil || c.Calendar == nil {
			b.r.Unchecked = append(b.r.Unchecked, s.Name)
			return nil, false
		}
		b.r.calendars[s.Name] = c
		return &roles.Schedule{Location: c.Calendar.Location()}, true
	}
	const ptr = "/spec/hours"
	lead := len(s.Hours) - len(strings.TrimLeft(s.Hours, " \t"))
	week, zone := text, hoursZone(text)
	if zone != "" {
		week = strings.TrimSpace(strings.TrimSuffix(text, zone))
	}
	w, err := roles.ParseWeek(week)
	if err == nil && len(w) == 0 {
		err = errors.New("no days and times")
	}
	if err != nil {
		b.parseError(s.Doc, ptr, s.Hours, lead, err, fmt.Sprintf("hours %q of service %q (24x7, a weekly schedule such as \"Mon-Fri 09:00-18:00 Asia/Tokyo\", or a Calendar's name)", text, s.Name))
		return nil, false
	}
	sched = &roles.Schedule{Week: w}
	if zone != "" {
		loc, err := b.zone(zone)
		if err != nil {
			b.report(s.Doc, ptr, s.Doc.offsetPos(ptr, lead+len(text)-len(zone)), "time zone %q in the hours of service %q is not an IANA time zone such as Asia/Tokyo", zone, s.Name)
			return nil, false
		}
		sched.Location = loc
	}
	return sched, true
}

// task maps a task of a service.
func (b *rosterBuilder) task(s *Service, t *Task) roles.Task {
	rt := roles.Task{Name: taskRef(s.Name, t.Name), Service: s.Name, Procedure: t.Procedure, PersonalReason: t.KeepPersonal}
	rt.Personalisation, _ = roles.ParsePersonalisation(t.Personalisation)
	if !t.Bridge.IsZero() {
		// An unresolved bridge keeps its name: ref/unresolved reports it,
		// and the task does not count as having no bridge at all.
		rt.Bridge = t.Bridge.Name
	}
	rt.Owner, _ = b.d.RosterRef(t.Owner)
	for _, e := range t.EscalatesTo {
		if ref, ok := b.d.RosterRef(e); ok {
			rt.EscalatesTo = append(rt.EscalatesTo, ref)
		}
	}
	rt.Kind = roles.Operations
	if t.Category == "improvement" {
		rt.Kind = roles.Improvement
	}
	if t.Effort != nil && t.Effort.HoursPerMonth > 0 {
		rt.Effort = monthlyToWeekly(t.Effort.HoursPerMonth)
	}
	return rt
}

// monthlyToWeekly turns hours a month into time a week (a month is 52/12
// weeks), to the second.
func monthlyToWeekly(h float64) time.Duration {
	return (time.Duration(h * 12 / 52 * float64(time.Hour))).Round(time.Second)
}
