package ticket

import (
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/slo"
)

// SeverityPolicy says what a severity change does to a running SLA clock.
type SeverityPolicy uint8

const (
	// KeepClock keeps counting from the creation; the target becomes the
	// one of the new severity. Raising a ticket late cannot reset its
	// clock, so an upgrade can turn it into a miss at once.
	KeepClock SeverityPolicy = iota
	// RestartClock starts the clock again at the change, with the new
	// severity's target: the time before the change is not counted.
	RestartClock
)

// ReopenPolicy says how the resolution clock treats a ticket reopened
// after it was resolved or closed.
type ReopenPolicy uint8

const (
	// ReopenContinue measures until the final resolution; the time between
	// a resolution and the reopening is paused, since the requester
	// believed the ticket done. The default.
	ReopenContinue ReopenPolicy = iota
	// ReopenRestart starts the resolution clock again at the last
	// reopening: only the reopened work is measured.
	ReopenRestart
	// ReopenFirst measures to the first resolution; what comes after a
	// reopening is not measured.
	ReopenFirst
)

// ClockPolicy makes the SLA clocks' treatment of severity changes and
// reopenings explicit. The zero value keeps the clock on a severity change
// and continues it on a reopening.
type ClockPolicy struct {
	OnSeverityChange SeverityPolicy
	OnReopen         ReopenPolicy
}

var severityPolicyNames = [...]string{"keep", "restart"}
var reopenPolicyNames = [...]string{"continue", "restart", "first"}

// String returns "keep" or "restart".
func (p SeverityPolicy) String() string {
	if int(p) < len(severityPolicyNames) {
		return severityPolicyNames[p]
	}
	return fmt.Sprintf("SeverityPolicy(%d)", int(p))
}

// String returns "continue", "restart" or "first".
func (p ReopenPolicy) String() string {
	if int(p) < len(reopenPolicyNames) {
		return reopenPolicyNames[p]
	}
	return fmt.Sprintf("ReopenPolicy(%d)", int(p))
}

// ParseSeverityPolicy reads "keep" or "restart".
func ParseSeverityPolicy(s string) (SeverityPolicy, error) {
	for i, n := range severityPolicyNames {
		if strings.EqualFold(s, n) {
			return SeverityPolicy(i), nil
		}
	}
	return 0, fmt.Errorf("ticket: severity-change policy %q: want keep or restart", s)
}

// ParseReopenPolicy reads "continue", "restart" or "first".
func ParseReopenPolicy(s string) (ReopenPolicy, error) {
	for i, n := range reopenPolicyNames {
		if strings.EqualFold(s, n) {
			return ReopenPolicy(i), nil
		}
	}
	return 0, fmt.Errorf("ticket: reopen policy %q: want continue, restart or first", s)
}

// Interval is a stretch of time [From, To); a zero To means it has not
// ended.
type Interval struct {
	From, To time.Time
}

// Clock is one SLA clock of a ticket: when it started, when the measured
// event happened, and the stretches it was paused.
type Clock struct {
	Measure slo.Measure
	// Start is when the clock started: the creation, or the last restart
	// the policy calls for.
	Start time.Time
	// Stop is when the measured event happened; zero while it has not.
	Stop time.Time
	// Abandoned is true when the clock was stopped before the measured
	// event happened: by a forced close, or, for the first response, by a
	// close that is no answer.
	Abandoned bool
	// Pauses are the stretches that are not counted, in order: waiting
	// on the customer, and, for the resolution clock, the time a ticket
	// spent resolved before it was reopened.
	Pauses []Interval
}

// Clock returns the ticket's SLA clock for a measure under a policy, as
// the package doc's definitions say: the first response stops at the
// first answer (an agent's action; a bot's automatic reply or forced
// close does not count), the completion of the first response at
// Completed when the tracker records it, else at the first resolution,
// and the resolution follows the reopen policy. Call it on t.AsOf(now) to
// judge the ticket as of an instant.
func (t *Ticket) Clock(m slo.Measure, p ClockPolicy) Clock {
	return t.clock(m, p, nil)
}

// clock is Clock with a buffer for the pauses, so a review can reuse one.
func (t *Ticket) clock(m slo.Measure, p ClockPolicy, buf []Interval) Clock {
	c := Clock{Measure: m, Start: t.Created}
	if m == slo.Resolution && p.OnReopen == ReopenRestart {
		for i := len(t.History) - 1; i >= 0; i-- {
			if t.History[i].Status == Reopened {
				c.Start = t.History[i].At
				break
			}
		}
	}
	c.Stop, c.Abandoned = t.stop(m, p, c.Start)
	if p.OnSeverityChange == RestartClock {
		prev := t.Severity
		for i := range t.History {
			a := &t.History[i]
			if a.Severity == "" || a.Severity == prev {
				continue
			}
			prev = a.Severity
			if !a.At.After(c.Start) {
				continue
			}
			if c.Stop.IsZero() || a.At.Before(c.Stop) {
				c.Start = a.At
				c.Stop, c.Abandoned = t.stop(m, p, c.Start)
			}
		}
	}
	c.Pauses = t.pauses(m, p, c.Start, c.Stop, buf[:0])
	return c
}

// stop finds the measured event at or after start.
func (t *Ticket) stop(m slo.Measure, p ClockPolicy, start time.Time) (time.Time, bool) {
	switch m {
	case slo.FirstResponse:
		// The first answer (Activity.Answers); a close before it that is
		// no answer (a bot's, the requester's, a forced one not made by
		// an agent) stops the clock unanswered.
		for i := range t.History {
			a := &t.History[i]
			if a.At.Before(start) {
				continue
			}
			if a.Answers() {
				return a.At, false
			}
			if a.Status.Done() {
				return a.At, true
			}
		}
		return time.Time{}, false
	case slo.FirstResponseCompletion:
		if !t.Completed.IsZero() && !t.Completed.Before(start) {
			return t.Completed, false
		}
		return t.firstDone(start)
	}
	if p.OnReopen != ReopenContinue {
		return t.firstDone(start)
	}
	// The final resolution: the last entry into a done status that is not
	// followed by a reopening.
	var at time.Time
	forced := false
	for i := range t.History {
		a := &t.History[i]
		if a.At.Before(start) || a.Status == "" {
			continue
		}
		switch {
		case a.Status.Done():
			if at.IsZero() {
				at, forced = a.At, a.Forced
			}
		default:
			at, forced = time.Time{}, false
		}
	}
	return at, forced
}

func (t *Ticket) firstDone(start time.Time) (time.Time, bool) {
	for i := range t.History {
		a := &t.History[i]
		if a.Status.Done() && !a.At.Before(start) {
			return a.At, a.Forced
		}
	}
	return time.Time{}, false
}

// pauses lists the paused stretches inside [start, stop).
func (t *Ticket) pauses(m slo.Measure, p ClockPolicy, start, stop time.Time, out []Interval) []Interval {
	var from time.Time
	paused := false
	for i := range t.History {
		a := &t.History[i]
		if a.Status == "" {
			continue
		}
		if !stop.IsZero() && !a.At.Before(stop) {
			break
		}
		pausing := a.Status == Waiting || (m == slo.Resolution && p.OnReopen == ReopenContinue && a.Status.Done())
		switch {
		case pausing && !paused:
			from, paused = a.At, true
		case !pausing && paused:
			out = appendPause(out, from, a.At, start)
			paused = false
		}
	}
	if paused {
		out = appendPause(out, from, stop, start)
	}
	return out
}

func appendPause(out []Interval, from, to, start time.Time) []Interval {
	if from.Before(start) {
		from = start
	}
	if !to.IsZero() && !to.After(from) {
		return out
	}
	return append(out, Interval{From: from, To: to})
}

// span returns the time counted between a and b on cal; a nil cal counts
// wall time.
func span(cal *slo.Calendar, a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	if cal == nil {
		return b.Sub(a)
	}
	return cal.BusinessTime(a, b)
}

func advance(cal *slo.Calendar, t time.Time, d time.Duration) time.Time {
	if cal == nil {
		return t.Add(d)
	}
	return cal.AddBusinessTime(t, d)
}

// Counted returns the time the clock counted from its start to its stop,
// or to now while it runs, on cal (nil counts wall time): open time minus
// the paused stretches.
func (c *Clock) Counted(cal *slo.Calendar, now time.Time) time.Duration {
	end := c.Stop
	if end.IsZero() || end.After(now) {
		end = now
	}
	total := span(cal, c.Start, end)
	for _, p := range c.Pauses {
		to := p.To
		if to.IsZero() || to.After(end) {
			to = end
		}
		total -= span(cal, p.From, to)
	}
	return max(total, 0)
}

// DeadlineAfter returns the instant at which the clock will have counted
// budget on cal, given its pauses; zero when it is paused with no end in
// sight before the budget is spent.
func (c *Clock) DeadlineAfter(cal *slo.Calendar, budget time.Duration) time.Time {
	left, cur := budget, c.Start
	for _, p := range c.Pauses {
		if seg := span(cal, cur, p.From); seg >= left {
			return advance(cal, cur, left)
		} else {
			left -= seg
		}
		if p.To.IsZero() {
			return time.Time{}
		}
		if p.To.After(cur) {
			cur = p.To
		}
	}
	return advance(cal, cur, left)
}

// Budget returns how much counted time a target allows a clock that
// starts at start, and the calendar the clock counts on: wall time for an
// elapsed target; business time on cal for business hours; for business
// days, the business time from start to the close of the n-th business
// day, so that a pause moves the deadline by the time it lasted.
func Budget(target slo.Duration, cal *slo.Calendar, start time.Time) (time.Duration, *slo.Calendar) {
	switch target.Kind() {
	case slo.KindBusinessHours:
		return target.Std(), orUTC(cal)
	case slo.KindBusinessDays:
		cal = orUTC(cal)
		end := cal.BusinessDayDeadline(start, target.Days())
		if end.IsZero() {
			return 0, cal
		}
		return cal.BusinessTime(start, end), cal
	}
	return target.Std(), nil
}

// utcOpen is a calendar open around the clock in UTC, for business
// targets given no calendar (as slo reads a nil calendar).
var utcOpen = slo.MustNewCalendar(slo.CalendarSpec{})

func orUTC(cal *slo.Calendar) *slo.Calendar {
	if cal == nil {
		return utcOpen
	}
	return cal
}

// Verdict is a clock judged against a target.
type Verdict struct {
	Target   slo.Duration
	Budget   time.Duration // counted time the target allows
	Counted  time.Duration // counted time used, to the stop or to now
	Deadline time.Time     // when the budget runs out; zero when paused indefinitely
	// Exactly one of Met, Missed, Pending and Excluded is true. A ticket
	// force-closed before its deadline is Excluded: nothing was measured.
	Met, Missed, Pending, Excluded bool
}

// Late returns how much counted time a missed clock overran its budget.
func (v Verdict) Late() time.Duration { return max(v.Counted-v.Budget, 0) }

// DecidedAt returns when the verdict fell: the stop for a met clock, the
// deadline for a missed one; zero otherwise.
func (v Verdict) DecidedAt(c *Clock) time.Time {
	switch {
	case v.Met:
		return c.Stop
	case v.Missed:
		return v.Deadline
	}
	return time.Time{}
}

// Judge holds the clock to a target on cal (the objective's calendar) at
// instant now.
func (c *Clock) Judge(target slo.Duration, cal *slo.Calendar, now time.Time) Verdict {
	v := Verdict{Target: target}
	var on *slo.Calendar
	v.Budget, on = Budget(target, cal, c.Start)
	v.Counted = c.Counted(on, now)
	v.Deadline = c.DeadlineAfter(on, v.Budget)
	stopped := !c.Stop.IsZero() && !c.Stop.After(now)
	switch {
	case stopped && c.Abandoned && v.Counted <= v.Budget:
		v.Excluded = true
	case stopped && !c.Abandoned && v.Counted <= v.Budget:
		v.Met = true
	case v.Counted > v.Budget:
		v.Missed = true
	default:
		v.Pending = true
	}
	return v
}

// Duration is a time.Duration that reports write as text ("1h20m0s"),
// in JSON too.
type Duration time.Duration

// String returns the duration as time.Duration writes it.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}
