package roles

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Interval is the half-open time range [Start, End).
type Interval struct {
	Start, End time.Time // Start is in the range, End is not
}

// Duration returns End − Start, the real time elapsed.
func (i Interval) Duration() time.Duration { return i.End.Sub(i.Start) }

// String writes the interval in the ISO 8601 form start/end.
func (i Interval) String() string {
	return i.Start.Format(time.RFC3339) + "/" + i.End.Format(time.RFC3339)
}

// Text writes the interval as a roster reads, date first so that intervals
// sort in time: "2025-03-08 Sat 01:00 to 04:00 CET (3h)", with both zones
// when the clocks change in between, so "2025-03-30 Sun 01:00 CET to 04:00
// CEST (2h)". Findings and change reviews write gaps this way.
func (i Interval) Text() string {
	const day, clock = "2006-01-02 Mon 15:04", "15:04"
	s, e := i.Start, i.End
	sz, _ := s.Zone()
	ez, _ := e.Zone()
	var b strings.Builder
	b.WriteString(s.Format(day))
	if sz != ez {
		b.WriteString(" " + sz)
	}
	b.WriteString(" to ")
	if DateOf(s) == DateOf(e) {
		b.WriteString(e.Format(clock))
	} else {
		b.WriteString(e.Format(day))
	}
	b.WriteString(" " + ez + " (" + spanText(i.Duration()) + ")")
	return b.String()
}

// spanText writes a duration in hours and minutes: "3h", "2h30m", "45m".
func spanText(d time.Duration) string {
	h, m := d/time.Hour, d%time.Hour/time.Minute
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}

// Gap is an interval in which one or more tasks have nobody present who is
// able to perform them.
type Gap struct {
	Interval
	Tasks []string // the uncovered tasks, roster order
}

// ClassCoverage is the coverage of one class of work (personalised or
// depersonalised).
type ClassCoverage struct {
	// Tasks is how many tasks the class holds.
	Tasks int
	// Required is the time in which at least one task of the class needs
	// cover (all of the range unless services declare hours).
	Required time.Duration
	// Uncovered is the total length of Gaps.
	Uncovered time.Duration
	// Gaps are the merged intervals in which some task of the class has
	// nobody able present, in time order.
	Gaps []Gap
}

// Ratio returns the covered share of the required time, 1 when nothing is
// required.
func (c ClassCoverage) Ratio() float64 {
	if c.Required <= 0 {
		return 1
	}
	return 1 - float64(c.Uncovered)/float64(c.Required)
}

// TaskCoverage is the coverage of one task.
type TaskCoverage struct {
	Task            string          // the task's name
	Service         string          // the task's service
	Personalisation Personalisation // the task's class, 0 when unstated
	// Able is how many people can perform the task.
	Able int
	// Required is the time in which the task's service needs cover.
	Required time.Duration
	// Uncovered is the total length of Gaps.
	Uncovered time.Duration
	// Gaps are the merged intervals in which the task needs cover and
	// nobody able to perform it is present.
	Gaps []Interval
}

// Coverage reports who is present to do what over a time range.
type Coverage struct {
	From, To    time.Time     // the range, in the roster's zone
	Granularity time.Duration // the slot length gaps are rounded out to
	// Personalised and Depersonalised are the two classes of work.
	Personalised   ClassCoverage
	Depersonalised ClassCoverage
	// Tasks holds every task in roster order, including tasks of neither
	// class.
	Tasks []TaskCoverage
}

// Limits on a coverage request.
const (
	// MaxCoverageSpan is the longest range Coverage accepts.
	MaxCoverageSpan = 10 * 366 * 24 * time.Hour
	// MinGranularity and MaxGranularity bound the slot length.
	MinGranularity = time.Minute
	MaxGranularity = time.Hour
)

// Coverage computes who is present to do what over [from, to).
//
// A person is present according to their Shifts (weekly spans minus leave,
// plus extra shifts), turned into real instants in the schedule's zone, so
// a day across a daylight-saving change lasts 23 or 25 hours. A task needs
// cover while its service's Hours say so (always when the service declares
// no hours or is not listed). A task is uncovered while it needs cover and
// none of the people able to perform it is present.
//
// Time is cut into slots of the given granularity starting at from (zero
// means one minute; otherwise 1m to 1h); a slot counts as a gap for a task
// if the task is uncovered at any instant in it, and as required if cover
// is required at any instant in it. With minute-aligned shifts and a
// one-minute granularity the gaps are exact.
//
// A personalised-class gap is a merged interval in which at least one
// personalised task is uncovered; the Gap lists those tasks. The same holds
// for depersonalised work. All times are reported in the roster's zone.
//
// Coverage returns an error wrapping ErrRange for a bad range or
// granularity, and one wrapping ErrInvalid for an unusable schedule.
func (r *Roster) Coverage(from, to time.Time, granularity time.Duration) (*Coverage, error) {
	if granularity == 0 {
		granularity = MinGranularity
	}
	switch {
	case granularity < MinGranularity || granularity > MaxGranularity:
		return nil, fmt.Errorf("roles: coverage granularity %v not within %v..%v: %w", granularity, MinGranularity, MaxGranularity, ErrRange)
	case !from.Before(to):
		return nil, fmt.Errorf("roles: coverage range %v..%v is empty: %w", from, to, ErrRange)
	case from.Year() < 1800 || to.Year() > 2200:
		return nil, fmt.Errorf("roles: coverage range %v..%v outside years 1800 to 2200: %w", from, to, ErrRange)
	case to.Sub(from) > MaxCoverageSpan:
		return nil, fmt.Errorf("roles: coverage range %v..%v longer than %v: %w", from, to, MaxCoverageSpan, ErrRange)
	}
	ix := newIndex(r)
	c, err := newCoverer(r, ix, from.UnixNano(), to.UnixNano())
	if err != nil {
		return nil, err
	}
	c.run()
	return c.result(int64(granularity)), nil
}

// ival is an interval in Unix nanoseconds, for speed.
type ival struct{ s, e int64 }

// compiled is a schedule ready to expand.
type compiled struct {
	loc    *time.Location
	spans  []Span
	leaves []compiledException
	extras []compiledException
}

type compiledException struct {
	Exception
	from, to int64 // civil day numbers
}

func compile(s *Schedule, def *time.Location) compiled {
	c := compiled{loc: s.Location, spans: s.Week}
	if c.loc == nil {
		c.loc = def
	}
	for _, e := range s.Exceptions {
		ce := compiledException{Exception: e, from: e.From.days(), to: e.To.days()}
		if e.Kind == Leave {
			c.leaves = append(c.leaves, ce)
		} else {
			c.extras = append(c.extras, ce)
		}
	}
	return c
}

// dayTable maps the civil days around a chunk to instants in one zone.
type dayTable struct {
	loc     *time.Location
	first   int64 // civil day number of dates[0]
	dates   []Date
	mid     []int64 // first instant of each date (Date.In), one more than dates
	regular []bool  // the day lasts exactly 24h, so wall = mid + offset
}

func newDayTable(loc *time.Location, cs, ce int64) *dayTable {
	d0 := DateOf(time.Unix(0, cs).In(loc)).AddDays(-1)
	d1 := DateOf(time.Unix(0, ce-1).In(loc)).AddDays(1)
	t := &dayTable{loc: loc, first: d0.days()}
	n := int(d1.days()-t.first) + 1
	t.dates = make([]Date, n)
	t.mid = make([]int64, n+1)
	t.regular = make([]bool, n)
	for k := 0; k <= n; k++ {
		d := d0.AddDays(k)
		if k < n {
			t.dates[k] = d
		}
		t.mid[k] = d.In(loc).UnixNano()
	}
	for k := range n {
		t.regular[k] = t.mid[k+1]-t.mid[k] == int64(24*time.Hour)
	}
	return t
}

// wall returns the instant of the wall-clock offset off on date k.
func (t *dayTable) wall(k int, off time.Duration) int64 {
	if t.regular[k] {
		return t.mid[k] + int64(off)
	}
	return t.dates[k].at(off, t.loc).UnixNano()
}

// expand appends the presence of c within [cs, ce) to buf, sorted and
// merged. scratch is reused between calls.
func (c *compiled) expand(t *dayTable, cs, ce int64, buf []ival, scratch *[3][]ival) []ival {
	weekly, leave, extra := scratch[0][:0], scratch[1][:0], scratch[2][:0]
	last := len(t.dates) - 1 // the last date only serves as the end of overnight shifts
	wd := t.dates[0].Weekday()
	for k := range last {
		day := (wd + time.Weekday(k)) % 7
		for _, sp := range c.spans {
			if sp.Days.Has(day) {
				weekly = appendSpan(weekly, t, k, sp.Start, sp.End)
			}
		}
	}
	exc := func(dst []ival, list []compiledException) []ival {
		for _, e := range list {
			k0, k1 := max(e.from-t.first, 0), min(e.to-t.first, int64(last-1))
			for k := int(k0); int64(k) <= k1; k++ {
				if e.WholeDay() {
					dst = append(dst, ival{t.mid[k], t.mid[k+1]})
				} else {
					dst = appendSpan(dst, t, k, e.Start, e.End)
				}
			}
		}
		return dst
	}
	leave = exc(leave, c.leaves)
	extra = exc(extra, c.extras)
	weekly = merge(weekly)
	if len(leave) > 0 {
		weekly = subtract(weekly, merge(leave))
	}
	if len(extra) > 0 {
		weekly = merge(append(weekly, extra...))
	}
	scratch[0], scratch[1], scratch[2] = weekly, leave, extra
	for _, iv := range weekly {
		iv.s, iv.e = max(iv.s, cs), min(iv.e, ce)
		if iv.s < iv.e {
			buf = append(buf, iv)
		}
	}
	return buf
}

func appendSpan(dst []ival, t *dayTable, k int, start, end time.Duration) []ival {
	s := t.wall(k, start)
	var e int64
	if end <= start {
		e = t.wall(k+1, end)
	} else {
		e = t.wall(k, end)
	}
	if s < e { // a shift entirely inside a skipped hour vanishes
		dst = append(dst, ival{s, e})
	}
	return dst
}

// merge sorts and merges overlapping or touching intervals in place.
func merge(v []ival) []ival {
	if len(v) < 2 {
		return v
	}
	slices.SortFunc(v, func(a, b ival) int { return cmp.Compare(a.s, b.s) })
	out := v[:1]
	for _, iv := range v[1:] {
		if l := &out[len(out)-1]; iv.s <= l.e {
			l.e = max(l.e, iv.e)
		} else {
			out = append(out, iv)
		}
	}
	return out
}

// subtract removes the merged intervals b from the merged intervals a.
func subtract(a, b []ival) []ival {
	out := a[:0:0]
	j := 0
	for _, iv := range a {
		for j < len(b) && b[j].e <= iv.s {
			j++
		}
		s := iv.s
		for k := j; k < len(b) && b[k].s < iv.e; k++ {
			if b[k].s > s {
				out = append(out, ival{s, b[k].s})
			}
			s = max(s, b[k].e)
		}
		if s < iv.e {
			out = append(out, ival{s, iv.e})
		}
	}
	return out
}

func total(v []ival) time.Duration {
	var d int64
	for _, iv := range v {
		d += iv.e - iv.s
	}
	return time.Duration(d)
}

// event is a change in presence: who ≥ 0 is a person, who < 0 the service
// −who−1.
type event struct {
	t     int64
	who   int32
	delta int32
}

const noOpen = math.MinInt64

// chunkLen bounds memory: presence is expanded four weeks at a time.
const chunkLen = int64(28 * 24 * time.Hour)

type coverer struct {
	r        *Roster
	ix       *index
	from, to int64
	loc      *time.Location

	people   []int      // people with tasks
	sched    []compiled // per person index
	services []int      // indices into r.Services with hours, first of each name
	svcSched []compiled // per entry of services
	svcOf    []int      // per task index: entry in services, -1 when always required
	svcTasks [][]int    // per entry of services: its task indices

	count  []int32
	svcCnt []int32
	open   []int64
	stamp  []uint32
	gen    uint32
	gaps   [][]ival // per task index
	svcReq [][]ival // per entry of services
}

func newCoverer(r *Roster, ix *index, from, to int64) (*coverer, error) {
	c := &coverer{r: r, ix: ix, from: from, to: to, loc: r.loc()}
	c.sched = make([]compiled, len(r.People))
	for pi := range r.People {
		if len(ix.personTasks[pi]) == 0 {
			continue
		}
		p := &r.People[pi]
		if err := p.Shifts.Validate(); err != nil {
			return nil, fmt.Errorf("roles: person %q: %w", p.Name, err)
		}
		c.people = append(c.people, pi)
		c.sched[pi] = compile(&p.Shifts, c.loc)
	}
	svcByName := map[string]int{}
	for si := range r.Services {
		s := &r.Services[si]
		if _, dup := svcByName[s.Name]; dup {
			continue
		}
		svcByName[s.Name] = -1
		if s.Hours == nil {
			continue
		}
		if err := s.Hours.Validate(); err != nil {
			return nil, fmt.Errorf("roles: service %q hours: %w", s.Name, err)
		}
		svcByName[s.Name] = len(c.services)
		c.services = append(c.services, si)
		c.svcSched = append(c.svcSched, compile(s.Hours, c.loc))
	}
	n := len(r.Tasks)
	c.svcOf = make([]int, n)
	c.svcTasks = make([][]int, len(c.services))
	for _, ti := range ix.taskOrder {
		c.svcOf[ti] = -1
		if k, ok := svcByName[r.Tasks[ti].Service]; ok && k >= 0 {
			c.svcOf[ti] = k
			c.svcTasks[k] = append(c.svcTasks[k], ti)
		}
	}
	c.count = make([]int32, n)
	c.svcCnt = make([]int32, len(c.services))
	c.open = make([]int64, n)
	c.stamp = make([]uint32, n)
	c.gaps = make([][]ival, n)
	c.svcReq = make([][]ival, len(c.services))
	return c, nil
}

func (c *coverer) required(ti int) bool {
	k := c.svcOf[ti]
	return k < 0 || c.svcCnt[k] > 0
}

func (c *coverer) run() {
	tables := map[*time.Location]*dayTable{}
	var events []event
	var buf []ival
	var scratch [3][]ival
	for cs := c.from; cs < c.to; cs += min(chunkLen, c.to-cs) {
		ce := cs + min(chunkLen, c.to-cs)
		clear(tables)
		table := func(loc *time.Location) *dayTable {
			t, ok := tables[loc]
			if !ok {
				t = newDayTable(loc, cs, ce)
				tables[loc] = t
			}
			return t
		}
		events = events[:0]
		for _, pi := range c.people {
			s := &c.sched[pi]
			buf = s.expand(table(s.loc), cs, ce, buf[:0], &scratch)
			for _, iv := range buf {
				events = append(events, event{iv.s, int32(pi), 1}, event{iv.e, int32(pi), -1})
			}
		}
		for k := range c.services {
			s := &c.svcSched[k]
			buf = s.expand(table(s.loc), cs, ce, buf[:0], &scratch)
			for _, iv := range buf {
				events = append(events, event{iv.s, int32(-k - 1), 1}, event{iv.e, int32(-k - 1), -1})
				c.svcReq[k] = appendJoined(c.svcReq[k], iv)
			}
		}
		slices.SortFunc(events, func(a, b event) int { return cmp.Compare(a.t, b.t) })
		c.sweep(cs, ce, events)
	}
}

// appendJoined appends iv, joining it to the last interval when they touch.
func appendJoined(v []ival, iv ival) []ival {
	if iv.s >= iv.e {
		return v
	}
	if n := len(v); n > 0 && v[n-1].e >= iv.s {
		v[n-1].e = max(v[n-1].e, iv.e)
		return v
	}
	return append(v, iv)
}

// sweep walks one chunk's sorted events, opening a task's gap when it
// becomes required and unmanned and closing it when either stops.
func (c *coverer) sweep(cs, ce int64, events []event) {
	clear(c.count)
	clear(c.svcCnt)
	for _, ti := range c.ix.taskOrder {
		c.open[ti] = noOpen
		if c.required(ti) {
			c.open[ti] = cs
		}
	}
	var touched []int
	touch := func(ti int) {
		if c.stamp[ti] != c.gen {
			c.stamp[ti] = c.gen
			touched = append(touched, ti)
		}
	}
	for i := 0; i < len(events); {
		t := events[i].t
		c.gen++
		touched = touched[:0]
		for ; i < len(events) && events[i].t == t; i++ {
			ev := events[i]
			if ev.who >= 0 {
				for _, ti := range c.ix.personTasks[ev.who] {
					c.count[ti] += ev.delta
					touch(ti)
				}
			} else {
				k := int(-ev.who - 1)
				c.svcCnt[k] += ev.delta
				for _, ti := range c.svcTasks[k] {
					touch(ti)
				}
			}
		}
		for _, ti := range touched {
			uncovered := c.count[ti] == 0 && c.required(ti)
			switch {
			case uncovered && c.open[ti] == noOpen:
				c.open[ti] = t
			case !uncovered && c.open[ti] != noOpen:
				c.gaps[ti] = appendJoined(c.gaps[ti], ival{c.open[ti], t})
				c.open[ti] = noOpen
			}
		}
	}
	for _, ti := range c.ix.taskOrder {
		if c.open[ti] != noOpen {
			c.gaps[ti] = appendJoined(c.gaps[ti], ival{c.open[ti], ce})
		}
	}
}

// snap widens each interval to whole slots of length g counted from c.from
// and merges the result.
func (c *coverer) snap(v []ival, g int64) []ival {
	out := make([]ival, 0, len(v))
	for _, iv := range v {
		s := c.from + (iv.s-c.from)/g*g
		e := min(c.from+(iv.e-c.from+g-1)/g*g, c.to)
		out = appendJoined(out, ival{s, e})
	}
	return out
}

func (c *coverer) result(g int64) *Coverage {
	r, ix := c.r, c.ix
	res := &Coverage{From: time.Unix(0, c.from).In(c.loc), To: time.Unix(0, c.to).In(c.loc), Granularity: time.Duration(g)}
	always := []ival{{c.from, c.to}}
	req := make([][]ival, len(c.services))
	for k := range c.services {
		req[k] = c.snap(c.svcReq[k], g)
	}
	reqOf := func(ti int) []ival {
		if k := c.svcOf[ti]; k >= 0 {
			return req[k]
		}
		return always
	}
	type tagged struct {
		iv ival
		ti int
	}
	var classGaps [3][]tagged
	var classReq [3][]ival
	var classSvc [3]map[int]bool // which requirement lists (service entry, −1 for always) the class already holds
	for _, ti := range ix.taskOrder {
		t := &r.Tasks[ti]
		gaps := c.snap(c.gaps[ti], g)
		tc := TaskCoverage{Task: t.Name, Service: t.Service, Personalisation: t.Personalisation, Able: len(ix.able[ti]),
			Required: total(reqOf(ti)), Uncovered: total(gaps), Gaps: make([]Interval, len(gaps))}
		for i, iv := range gaps {
			tc.Gaps[i] = c.interval(iv)
		}
		res.Tasks = append(res.Tasks, tc)
		p := t.Personalisation
		if p != Personalised && p != Depersonalised {
			continue
		}
		for _, iv := range gaps {
			classGaps[p] = append(classGaps[p], tagged{iv, ti})
		}
		if classSvc[p] == nil {
			classSvc[p] = map[int]bool{}
		}
		if k := c.svcOf[ti]; !classSvc[p][k] {
			classSvc[p][k] = true
			classReq[p] = append(classReq[p], reqOf(ti)...)
		}
		if p == Personalised {
			res.Personalised.Tasks++
		} else {
			res.Depersonalised.Tasks++
		}
	}
	for _, p := range []Personalisation{Personalised, Depersonalised} {
		cc := &res.Personalised
		if p == Depersonalised {
			cc = &res.Depersonalised
		}
		cc.Required = total(merge(classReq[p]))
		list := classGaps[p]
		slices.SortFunc(list, func(a, b tagged) int { return cmp.Compare(a.iv.s, b.iv.s) })
		for i := 0; i < len(list); {
			cur := list[i].iv
			tasks := []int{list[i].ti}
			for i++; i < len(list) && list[i].iv.s <= cur.e; i++ {
				cur.e = max(cur.e, list[i].iv.e)
				if !slices.Contains(tasks, list[i].ti) {
					tasks = append(tasks, list[i].ti)
				}
			}
			slices.Sort(tasks)
			gap := Gap{Interval: c.interval(cur), Tasks: make([]string, len(tasks))}
			for j, ti := range tasks {
				gap.Tasks[j] = r.Tasks[ti].Name
			}
			cc.Gaps = append(cc.Gaps, gap)
			cc.Uncovered += gap.Duration()
		}
	}
	return res
}

func (c *coverer) interval(iv ival) Interval {
	return Interval{Start: time.Unix(0, iv.s).In(c.loc), End: time.Unix(0, iv.e).In(c.loc)}
}
