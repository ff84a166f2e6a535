package catalog

import (
	"time"

	"github.com/opsdesign/opsdesign/roles"
	"github.com/opsdesign/opsdesign/slo"
)

// A service whose hours name a Calendar needs cover while the Calendar is
// open: its weekly shifts, less holidays and closures, plus extra working
// days. roles.Schedule has no holidays, so for each coverage period the
// Calendar's open intervals are written out as dated extra shifts.

// StandingFor returns the Standing roster with the hours of the services
// that name a Calendar written out for [from, to): the roster Coverage
// runs on. Without Calendars it is Standing itself; do not modify it.
func (r *Roster) StandingFor(from, to time.Time) *roles.Roster {
	if len(r.calendars) == 0 {
		return &r.Standing
	}
	st := r.Standing
	st.Services = make([]roles.Service, len(r.Standing.Services))
	for i, s := range r.Standing.Services {
		if c, ok := r.calendars[s.Name]; ok {
			s.Hours = calendarSchedule(c.Calendar, from, to)
		}
		st.Services[i] = s
	}
	return &st
}

// calendarSchedule writes the open intervals of a calendar within
// [from, to) as extra shifts on their dates, cut at local midnight.
func calendarSchedule(c *slo.Calendar, from, to time.Time) *roles.Schedule {
	loc := c.Location()
	sched := &roles.Schedule{Location: loc}
	for t := from; t.Before(to); {
		open := c.NextOpen(t)
		if open.IsZero() || !open.Before(to) {
			break
		}
		end := closeAfter(c, open, to)
		if !end.After(open) {
			end = open.Add(time.Minute) // cannot happen for a calendar open at open; guards the loop
		}
		for s := open; s.Before(end); {
			day := roles.DateOf(s.In(loc))
			next := day.AddDays(1).In(loc)
			e := end
			if next.Before(e) {
				e = next
			}
			ex := roles.Exception{Kind: roles.Extra, From: day, To: day, Start: clockOf(s.In(loc)), End: clockOf(e.In(loc))}
			if !e.Before(next) {
				ex.End = 24 * time.Hour
			}
			if ex.Start != ex.End {
				sched.Exceptions = append(sched.Exceptions, ex)
			}
			s = e
		}
		t = end
	}
	return sched
}

// closeAfter returns when a calendar open at t closes, to the minute, or
// limit if it is open until then: it doubles the step while the calendar
// stays open, then halves it.
func closeAfter(c *slo.Calendar, t, limit time.Time) time.Time {
	openUntil := func(u time.Time) bool { return c.BusinessTime(t, u) == u.Sub(t) }
	lo, step := t, time.Minute
	for {
		u := lo.Add(step)
		if !u.Before(limit) {
			if openUntil(limit) {
				return limit
			}
			break
		}
		if !openUntil(u) {
			break
		}
		lo, step = u, step*2
	}
	// Open on [t, lo); closed somewhere in [lo, lo+step).
	for step > time.Minute {
		step /= 2
		if u := lo.Add(step); u.Before(limit) && openUntil(u) {
			lo = u
		}
	}
	if c.IsOpen(lo) {
		return lo.Add(time.Minute)
	}
	return lo
}

// clockOf is the wall-clock time of t as an offset from midnight, in whole
// minutes.
func clockOf(t time.Time) time.Duration {
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
}
