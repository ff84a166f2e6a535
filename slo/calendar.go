package slo

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// CalendarSpec describes when an organisation works. The zero spec is a
// calendar open around the clock in UTC.
type CalendarSpec struct {
	// TimeZone is an IANA time zone name such as "Asia/Tokyo"; empty means
	// UTC. Working hours, dates and calendar windows are read in it.
	TimeZone string
	// Hours are the weekly working shifts. Several shifts a day express a
	// lunch break; a shift may run past midnight. No shifts at all means
	// open all day, every day.
	Hours []Shift
	// Holidays names national holiday sets (see HolidaySets), such as "jp".
	// A holiday closes the shifts that start on it.
	Holidays []string
	// Closures are yearly closed ranges such as 12-29..01-03.
	Closures []Closure
	// ClosedDates are extra closed days, such as a company event.
	ClosedDates []Date
	// WorkingDates are extra working days that override holidays, closures
	// and weekends. On a weekday with no shifts of its own, such a day
	// works the shifts of the first day from Monday on that has any.
	WorkingDates []Date
}

// Calendar answers when an organisation is open and measures business
// time. It is immutable and safe for concurrent use. A nil *Calendar is
// open around the clock in UTC.
type Calendar struct {
	spec     CalendarSpec
	loc      *time.Location
	week     [7][]span // shifts starting on each weekday, sorted by start
	fallback []span    // shifts of a working date whose weekday has none
	holidays []map[int64]string
	closed   map[int64]bool
	working  map[int64]bool
	limit    int64 // how many days a search may scan before giving up
}

// span is a shift on its own day, in wall-clock seconds after that day's
// midnight; end may exceed a day for a shift that runs past midnight.
type span struct{ start, end int32 }

// alwaysOpen stands in for a nil *Calendar. It is never modified.
var alwaysOpen = MustNewCalendar(CalendarSpec{})

// scanDays bounds every search for open time: ten years plus any extra
// closed dates, far more than any real calendar needs between openings.
const scanDays = 3660

// NewCalendar builds a calendar from spec. The error wraps
// ErrInvalidCalendar for an unknown time zone or holiday set, an invalid
// shift, date or closure, or a calendar that would never be open.
func NewCalendar(spec CalendarSpec) (*Calendar, error) {
	c := &Calendar{closed: map[int64]bool{}, working: map[int64]bool{}}
	loc, err := time.LoadLocation(spec.TimeZone)
	if err != nil || spec.TimeZone == "Local" {
		return nil, fmt.Errorf("slo: calendar: time zone %q: %w", spec.TimeZone, ErrInvalidCalendar)
	}
	c.loc = loc
	if len(spec.Hours) == 0 {
		for d := range c.week {
			c.week[d] = []span{{0, int32(EndOfDay)}}
		}
	}
	for i, sh := range spec.Hours {
		if len(sh.Days) == 0 || sh.Start < 0 || sh.Start >= EndOfDay || sh.End < 0 || sh.End > EndOfDay {
			return nil, fmt.Errorf("slo: calendar: shift %d %q: %w", i, sh.String(), ErrInvalidCalendar)
		}
		for _, d := range sh.Days {
			if d < time.Sunday || d > time.Saturday {
				return nil, fmt.Errorf("slo: calendar: shift %d: weekday %d: %w", i, int(d), ErrInvalidCalendar)
			}
			sp := span{int32(sh.Start), int32(sh.Start) + sh.length()}
			if !slices.Contains(c.week[d], sp) {
				c.week[d] = append(c.week[d], sp)
			}
		}
	}
	for d := range c.week {
		slices.SortFunc(c.week[d], func(a, b span) int { return int(a.start - b.start) })
	}
	for _, d := range mondayFirst {
		if len(c.week[d]) > 0 {
			c.fallback = c.week[d]
			break
		}
	}
	for _, name := range spec.Holidays {
		set, ok := holidaySets[name]
		if !ok {
			return nil, fmt.Errorf("slo: calendar: holiday set %q (known: %v): %w", name, HolidaySets(), ErrInvalidCalendar)
		}
		c.holidays = append(c.holidays, set.table())
	}
	for _, cl := range spec.Closures {
		if !cl.From.Valid() || !cl.To.Valid() {
			return nil, fmt.Errorf("slo: calendar: closure %q: %w", cl.String(), ErrInvalidCalendar)
		}
	}
	for _, d := range spec.ClosedDates {
		if !d.Valid() {
			return nil, fmt.Errorf("slo: calendar: closed date %v: %w", d, ErrInvalidCalendar)
		}
		c.closed[d.num()] = true
	}
	for _, d := range spec.WorkingDates {
		if !d.Valid() {
			return nil, fmt.Errorf("slo: calendar: working date %v: %w", d, ErrInvalidCalendar)
		}
		c.working[d.num()] = true
	}
	if len(spec.WorkingDates) == 0 && closesEveryDay(spec.Closures) {
		return nil, fmt.Errorf("slo: calendar: closures cover the whole year: %w", ErrInvalidCalendar)
	}
	c.limit = scanDays + int64(len(spec.ClosedDates))
	c.spec = CalendarSpec{
		TimeZone:     spec.TimeZone,
		Hours:        cloneShifts(spec.Hours),
		Holidays:     slices.Clone(spec.Holidays),
		Closures:     slices.Clone(spec.Closures),
		ClosedDates:  slices.Clone(spec.ClosedDates),
		WorkingDates: slices.Clone(spec.WorkingDates),
	}
	return c, nil
}

// MustNewCalendar is NewCalendar for specifications known to be valid; it
// panics on an error.
func MustNewCalendar(spec CalendarSpec) *Calendar {
	c, err := NewCalendar(spec)
	if err != nil {
		panic(err)
	}
	return c
}

func cloneShifts(in []Shift) []Shift {
	out := slices.Clone(in)
	for i := range out {
		out[i].Days = slices.Clone(out[i].Days)
	}
	return out
}

func closesEveryDay(cs []Closure) bool {
	if len(cs) == 0 {
		return false
	}
	for d := (Date{2000, time.January, 1}); d.Year == 2000; d = d.AddDays(1) {
		covered := false
		for _, c := range cs {
			if c.Contains(d.Month, d.Day) {
				covered = true
				break
			}
		}
		if !covered {
			return false
		}
	}
	return true
}

func (c *Calendar) orDefault() *Calendar {
	if c == nil {
		return alwaysOpen
	}
	return c
}

// Spec returns a copy of the specification the calendar was built from.
func (c *Calendar) Spec() CalendarSpec {
	c = c.orDefault()
	s := c.spec
	s.Hours = cloneShifts(s.Hours)
	s.Holidays = slices.Clone(s.Holidays)
	s.Closures = slices.Clone(s.Closures)
	s.ClosedDates = slices.Clone(s.ClosedDates)
	s.WorkingDates = slices.Clone(s.WorkingDates)
	return s
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.orDefault().loc }

// Holiday returns the name of the national holiday on d, if any, from the
// calendar's holiday sets.
func (c *Calendar) Holiday(d Date) (string, bool) {
	c = c.orDefault()
	if !d.Valid() {
		return "", false
	}
	n := d.num()
	for _, set := range c.holidays {
		if name, ok := set[n]; ok {
			return name, true
		}
	}
	return "", false
}

// IsBusinessDay reports whether d has working hours: it has shifts and is
// not a holiday, closure or closed date, or it is an extra working date.
func (c *Calendar) IsBusinessDay(d Date) bool {
	if !d.Valid() {
		return false
	}
	return len(c.orDefault().spans(d.num(), d)) > 0
}

// spans returns the shifts that start on day n (whose date is d).
func (c *Calendar) spans(n int64, d Date) []span {
	wd := time.Weekday(((n+4)%7 + 7) % 7) // 1970-01-01 was a Thursday
	if c.working[n] {
		if len(c.week[wd]) > 0 {
			return c.week[wd]
		}
		return c.fallback
	}
	if c.closed[n] {
		return nil
	}
	for _, set := range c.holidays {
		if _, ok := set[n]; ok {
			return nil
		}
	}
	for _, cl := range c.spec.Closures {
		if cl.Contains(d.Month, d.Day) {
			return nil
		}
	}
	return c.week[wd]
}

// interval is one shift turned into instants, with the day it belongs to.
type interval struct {
	start, end time.Time
	day        int64
}

// firstDay is the day number of the first day whose shifts can still be
// running at t: the day before t's local date, for a night shift.
func (c *Calendar) firstDay(t time.Time) int64 { return DateOf(t.In(c.loc)).num() - 1 }

// horizon is the last day an open-ended search from t scans (NextOpen,
// AddBusinessTime, BusinessDayDeadline): at least ten years after t.
func (c *Calendar) horizon(t time.Time) int64 { return c.firstDay(t) + c.limit }

// shifts calls fn with every shift that ends after from and starts on a
// day up to last, in order of start, as instants. The shifts of the day
// before from's date come first so that a night shift still running at
// from is seen. It stops when fn returns false or after day last.
func (c *Calendar) shifts(from time.Time, last int64, fn func(iv interval) bool) {
	for n := c.firstDay(from); n <= last; n++ {
		d := dateFromNum(n)
		for _, sp := range c.spans(n, d) {
			s, e := wallTime(d, sp.start, c.loc), wallTime(d, sp.end, c.loc)
			if !e.After(s) || !e.After(from) {
				continue
			}
			if !fn(interval{s, e, n}) {
				return
			}
		}
	}
}

// open calls fn with the stretches of open time after from, in order and
// without overlap (overlapping shifts are clipped, touching ones are passed
// one after the other), from the shifts that start on a day up to lastDay.
// The first stretch starts at from when from is open.
func (c *Calendar) open(from time.Time, lastDay int64, fn func(start, end time.Time) bool) {
	last := from
	c.shifts(from, lastDay, func(iv interval) bool {
		s, e := iv.start, iv.end
		if s.Before(last) {
			s = last
		}
		if !e.After(s) {
			return true
		}
		last = e
		return fn(s, e)
	})
}

// IsOpen reports whether t lies inside working hours.
func (c *Calendar) IsOpen(t time.Time) bool {
	c = c.orDefault()
	open := false
	c.open(t, c.horizon(t), func(s, _ time.Time) bool {
		open = s.Equal(t)
		return false
	})
	return open
}

// NextOpen returns t when the calendar is open at t, and otherwise the
// next instant at which it opens. It returns the zero Time when the
// calendar does not open within ten years.
func (c *Calendar) NextOpen(t time.Time) time.Time {
	c = c.orDefault()
	var next time.Time
	c.open(t, c.horizon(t), func(s, _ time.Time) bool {
		next = s
		return false
	})
	return next
}

// BusinessTime returns the open time between from and to: how much of
// [from, to) lies inside working hours. It is zero when to is not after
// from. Across a daylight-saving change it counts real time, so an
// overnight 22:00-06:00 shift is 7 or 9 hours that night. It counts the
// whole range however long, with no ten-year search bound, so its cost
// grows with the number of days between from and to; like time.Time.Sub,
// it saturates at the largest time.Duration.
func (c *Calendar) BusinessTime(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	c = c.orDefault()
	var total time.Duration
	// A shift that starts on a later date than to's starts after to.
	c.open(from, DateOf(to.In(c.loc)).num(), func(s, e time.Time) bool {
		if !s.Before(to) {
			return false
		}
		if e.After(to) {
			e = to
		}
		n := e.Sub(s)
		if total > math.MaxInt64-n {
			// Like time.Time.Sub, saturate past about 292 years.
			total = math.MaxInt64
			return false
		}
		total += n
		return true
	})
	return total
}

// AddBusinessTime returns the instant at which d of open time has passed
// since t. When that instant is the close of a shift, the close is
// returned, not the next opening. A zero or negative d returns t.
//
// The search is bounded: it returns the zero Time when the calendar does
// not provide d of open time within the ten years after t, so that
// BusinessTime(t, t.AddDate(10, 0, 0)) < d. Callers must check IsZero and
// treat it as "no such instant", not as a deadline. A calendar open one
// second a week, for example, holds about nine minutes of open time in
// ten years, so adding seven hours to it returns the zero Time.
func (c *Calendar) AddBusinessTime(t time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return t
	}
	c = c.orDefault()
	var at time.Time
	left := d
	c.open(t, c.horizon(t), func(s, e time.Time) bool {
		if n := e.Sub(s); n < left {
			left -= n
			return true
		}
		at = s.Add(left)
		return false
	})
	return at
}

// BusinessDayDeadline returns the deadline of "within n business days" of
// t. The business day of t is the day whose shift contains t; when t is
// outside working hours it is moved to the next opening, and the business
// day is the day that opening's shift belongs to. The deadline is the close
// of the last shift of the n-th business day after that day; n = 0 means
// the close of that same business day.
//
// So, on a Monday-to-Friday 09:00-18:00 calendar, "within one business
// day" of Friday 10:00 is Monday 18:00, and of Friday 19:00 (after hours,
// moved to Monday 09:00) is Tuesday 18:00. Holidays and closures are not
// business days and are skipped. A shift past midnight belongs to the day
// it started, so its close can fall on the next date.
//
// It returns the zero Time when n is negative or above MaxBusinessDays, or
// when the calendar has no next business day within ten years.
func (c *Calendar) BusinessDayDeadline(t time.Time, n int) time.Time {
	c = c.orDefault()
	if n < 0 || n > MaxBusinessDays {
		return time.Time{}
	}
	day, found := int64(0), false
	c.shifts(t, c.horizon(t), func(iv interval) bool {
		day, found = iv.day, true
		return false
	})
	if !found {
		return time.Time{}
	}
	for ; n > 0; n-- {
		next := day + 1
		for ; next <= day+c.limit; next++ {
			if len(c.spans(next, dateFromNum(next))) > 0 {
				break
			}
		}
		if next > day+c.limit {
			return time.Time{}
		}
		day = next
	}
	return c.closeOf(day)
}

// closeOf returns the end of the last shift of business day n.
func (c *Calendar) closeOf(n int64) time.Time {
	d := dateFromNum(n)
	var end time.Time
	for _, sp := range c.spans(n, d) {
		if e := wallTime(d, sp.end, c.loc); e.After(end) && e.After(wallTime(d, sp.start, c.loc)) {
			end = e
		}
	}
	return end
}

// wallTime returns the instant at which clocks in loc show sec seconds
// after midnight of d (sec may run into the next days). A wall time that
// does not exist, inside a daylight-saving gap, is moved forward by the
// length of the gap (02:30 becomes 03:30), as RFC 5545 and most calendar
// software read it; time.Date alone would move it backwards. A wall time
// that exists twice is the first of the two.
func wallTime(d Date, sec int32, loc *time.Location) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, int(sec), 0, loc)
	want := time.Date(d.Year, d.Month, d.Day, 0, 0, int(sec), 0, time.UTC)
	y, m, dd := t.Date()
	h, mi, s := t.Clock()
	got := time.Date(y, m, dd, h, mi, s, 0, time.UTC)
	if got.Before(want) {
		return t.Add(want.Sub(got))
	}
	return t
}
