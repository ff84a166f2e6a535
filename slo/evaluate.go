package slo

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
)

// Never is the time to exhaustion of a budget that is not being spent.
const Never = time.Duration(math.MaxInt64)

// Budget is the error budget of the evaluated period, in the objective's
// units (events, slices or outcomes). While a calendar period is under way
// its total is projected from the traffic so far: the units counted, scaled
// to the whole period, times 1 - target. A rolling window is always whole.
type Budget struct {
	Total            float64 // bad units the whole period may contain
	Consumed         float64 // bad units counted so far
	Remaining        float64 // Total - Consumed; negative once overspent
	ConsumedFraction float64 // Consumed / Total (+Inf for a 100% target with a failure)
}

// RemainingFraction returns 1 - ConsumedFraction: the part of the budget
// left, negative once overspent.
func (b Budget) RemainingFraction() float64 { return 1 - b.ConsumedFraction }

// AlertState is the state of one burn-rate alert tier at the evaluation
// instant.
type AlertState struct {
	Tier      AlertTier // the tier, with its windows for this period
	LongBurn  float64   // burn rate over the long window
	ShortBurn float64   // burn rate over the short window
	// LongConsumed is the fraction of the period's budget spent in the long
	// window: LongBurn × Long / period.
	LongConsumed float64
	Firing       bool // both burn rates reach the tier's threshold
}

// SeverityReport is the attainment of the outcomes of one severity whose
// verdict fell in the period.
type SeverityReport struct {
	Severity   string  // the severity, as the outcomes carry it
	Met        int     // decided in time
	Missed     int     // decided late, or past the deadline and still open
	Pending    int     // still running, deadline not yet passed
	Attainment float64 // Met / (Met + Missed); 1 when nothing was decided
}

// Miss is one outcome that did not meet its target.
type Miss struct {
	ID       string        // the outcome's ID
	Severity string        // the outcome's severity
	Rule     int           // index of the rule that set the target
	Start    time.Time     // when the outcome's clock started
	Deadline time.Time     // when its target ran out
	End      time.Time     // zero while still ongoing
	Late     time.Duration // End (or, while ongoing, now) minus Deadline
}

// Report is the result of evaluating an objective at one instant.
type Report struct {
	Objective string    // the objective's Name
	Now       time.Time // the evaluation instant
	// Period is the concrete period of the objective's window that
	// contains Now; units are counted in [Period.Start, Now).
	Period Period
	// Good and Total count events (ratio), slices that saw events (time
	// slice) or decided outcomes (attainment) in the period so far. Over
	// pre-aggregated counts (EvaluateCounts) they are the sums rounded to
	// whole units; the SLI, the budget and the burn rates use the sums.
	Good, Total int64
	// SLI is Good / Total, and 1 when nothing was counted.
	SLI float64
	// Attained reports whether SLI reaches the target.
	Attained bool
	// BurnRate is the period-to-date burn rate: the bad ratio divided by
	// the budget ratio (1 = spending exactly as fast as the budget allows).
	BurnRate float64
	Budget   Budget // the period's error budget
	// Exhaustion is how long the remaining budget lasts at BurnRate: zero
	// when it is spent, Never when nothing burns.
	Exhaustion time.Duration
	Alerts     []AlertState // one per alert tier, in the tiers' order
	// Alert is the action of the most urgent firing tier (Page before
	// Ticket), or "" when none fires.
	Alert Action
	// Pending and Unmatched count outcomes (attainment only) still within
	// their deadline and outcomes no rule gives a target.
	Pending, Unmatched int
	Severities         []SeverityReport // attainment only, sorted by severity
	Misses             []Miss           // attainment only, in order of deadline
}

// window64 is a half-open range of Unix nanoseconds.
type window64 struct{ start, end int64 }

// tally counts good and total units in several windows in one pass.
// Window 0 is the period so far; then long and short windows per tier. All
// windows end at the same instant (now), so a unit falls in exactly the
// windows that start at or before it: with starts sorted, counting stops
// at the first window that starts after the unit.
type tally struct {
	wins        []window64
	good, total []float64 // exact for whole units up to 2^53
	end         int64
	starts      []int64 // window starts, ascending
	order       []int   // order[k] is the window whose start is starts[k]
}

// seal sorts the windows by start; call it once the windows are set.
func (t *tally) seal() {
	t.end = t.wins[0].end
	t.order = make([]int, len(t.wins))
	for i := range t.order {
		t.order[i] = i
	}
	slices.SortStableFunc(t.order, func(a, b int) int { return cmp.Compare(t.wins[a].start, t.wins[b].start) })
	t.starts = make([]int64, len(t.wins))
	for k, i := range t.order {
		t.starts[k] = t.wins[i].start
	}
}

// addCount counts good of total units at the instant at.
func (t *tally) addCount(at int64, good, total float64) {
	if at >= t.end {
		return
	}
	for k, s := range t.starts {
		if at < s {
			return
		}
		i := t.order[k]
		t.total[i] += total
		t.good[i] += good
	}
}

func (t *tally) add(at int64, good bool) {
	if at >= t.end {
		return
	}
	for k, s := range t.starts {
		if at < s {
			return
		}
		i := t.order[k]
		t.total[i]++
		if good {
			t.good[i]++
		}
	}
}

// nanos converts t to Unix nanoseconds, saturating outside 1678..2262.
func nanos(t time.Time) int64 {
	const lim = math.MaxInt64/int64(time.Second) - 1
	s := t.Unix()
	switch {
	case s >= lim:
		return math.MaxInt64
	case s <= -lim:
		return math.MinInt64
	}
	return s*int64(time.Second) + int64(t.Nanosecond())
}

// evaluation holds what every kind of objective computes before counting.
type evaluation struct {
	rep     Report
	tiers   []AlertTier
	length  time.Duration // length of the whole period
	elapsed time.Duration // part of it before now
	t       tally
}

func (o *Objective) begin(now time.Time) *evaluation {
	p := o.Window.Period(now, o.Calendar.Location())
	ev := &evaluation{
		rep:     Report{Objective: o.Name, Now: now, Period: p},
		length:  p.Duration(),
		elapsed: now.Sub(p.Start),
	}
	ev.tiers = o.Alerts
	if ev.tiers == nil {
		ev.tiers = WorkbookTiers(ev.length)
	}
	n := 1 + 2*len(ev.tiers)
	ev.t = tally{wins: make([]window64, n), good: make([]float64, n), total: make([]float64, n)}
	end := nanos(now)
	ev.t.wins[0] = window64{nanos(p.Start), end}
	for i, a := range ev.tiers {
		ev.t.wins[1+2*i] = window64{nanos(now.Add(-a.Long)), end}
		ev.t.wins[2+2*i] = window64{nanos(now.Add(-a.Short)), end}
	}
	ev.t.seal()
	return ev
}

// EvaluateEvents evaluates a ratio or time-slice objective over events at
// the instant now: events at or after now are not yet counted. The pass
// over events allocates nothing per event; events need not be sorted.
// The error wraps ErrInvalidObjective when o is incomplete or is an
// attainment objective.
func (o *Objective) EvaluateEvents(events []Event, now time.Time) (Report, error) {
	if err := o.Validate(); err != nil {
		return Report{}, err
	}
	ev := o.begin(now)
	switch o.Kind {
	case RatioObjective:
		thr := o.Threshold
		for i := range events {
			e := &events[i]
			good := e.Good
			if thr > 0 {
				good = e.Latency <= thr
			}
			ev.t.add(nanos(e.At), good)
		}
	case TimeSliceObjective:
		thr := o.Threshold
		feed := func(put func(at int64, good, total float64)) {
			for i := range events {
				e := &events[i]
				g := 0.0
				if (thr > 0 && e.Latency <= thr) || (thr <= 0 && e.Good) {
					g = 1
				}
				put(nanos(e.At), g, 1)
			}
		}
		if err := o.countSlices(ev, now, feed); err != nil {
			return Report{}, err
		}
	default:
		return Report{}, fmt.Errorf("slo: objective %q: events given to a %s objective: %w", o.Name, o.Kind, ErrInvalidObjective)
	}
	ev.finish(o.Target)
	return ev.rep, nil
}

// countSlices cuts time into slices, judges every slice that has ended by
// now, and counts each judged slice at its last instant. Slices of a
// calendar window start at the period's start; slices of a rolling window
// sit on a fixed grid from the Unix epoch, so they do not move with now.
// They reach back far enough to cover the longest alert window. feed
// calls put with every unit: its instant, and how many of how many were
// good.
func (o *Objective) countSlices(ev *evaluation, now time.Time, feed func(put func(at int64, good, total float64))) error {
	earliest := ev.t.wins[0].start
	for _, w := range ev.t.wins[1:] {
		earliest = min(earliest, w.start)
	}
	return o.judgeSlices(ev.rep.Period, earliest, nanos(now), feed, ev.t.add)
}

// judgeSlices cuts [from, end) into the objective's time slices, on the
// grid of the period p (see countSlices), and calls emit with the last
// instant of every slice that has ended by end and saw units, and whether
// its ratio reached the slice target. A slice still in progress at end is
// not judged, nor is one that saw nothing.
func (o *Objective) judgeSlices(p Period, from, end int64, feed func(put func(at int64, good, total float64)), emit func(at int64, good bool)) error {
	slice := int64(o.Slice)
	anchor := int64(0)
	if o.Window.Kind() != WindowRolling {
		anchor = nanos(p.Start)
	}
	if from == math.MinInt64 || end < from || (uint64(end)-uint64(from))/uint64(slice) > maxSlices {
		return fmt.Errorf("slo: objective %q: more than %d time slices of %v: %w", o.Name, maxSlices, o.Slice, ErrInvalidObjective)
	}
	base := anchor + floorDiv(from-anchor, slice)*slice
	n := (end - base) / slice // slices that have ended by end
	good := make([]float64, n)
	total := make([]float64, n)
	limit := base + n*slice
	feed(func(at int64, g, t float64) {
		if at < base || at >= limit {
			return
		}
		k := (at - base) / slice
		total[k] += t
		good[k] += g
	})
	for k := int64(0); k < n; k++ {
		if total[k] == 0 {
			continue // a slice with no events says nothing either way
		}
		emit(base+(k+1)*slice-1, reachesFloat(good[k], total[k], o.SliceTarget))
	}
	return nil
}

// wholeLimit is the largest count a float64 holds exactly with every
// smaller whole number: 2^53.
const wholeLimit = 1 << 53

// reachesFloat reports whether good/total >= target: exactly when both
// are whole numbers (events), else within a relative 1e-12 (counts read
// from metrics, which are rarely whole).
func reachesFloat(good, total float64, target Target) bool {
	if total <= 0 {
		return true
	}
	if good >= 0 && good <= total && total < wholeLimit && good == math.Trunc(good) && total == math.Trunc(total) {
		return reaches(int64(good), int64(total), target)
	}
	return good*targetScale >= total*float64(target.ppb)*(1-1e-12)
}

// reaches reports exactly whether good/total >= target.
func reaches(good, total int64, target Target) bool {
	if total <= 0 {
		return true
	}
	hiA, loA := bits.Mul64(uint64(good), targetScale)
	hiB, loB := bits.Mul64(uint64(total), uint64(target.ppb))
	return hiA > hiB || (hiA == hiB && loA >= loB)
}

// EvaluateOutcomes evaluates an attainment objective over outcomes at the
// instant now. Each outcome gets its target from the first matching rule
// and its deadline from that target on the objective's calendar. An
// outcome is decided good at its End when End is not after the deadline,
// and decided bad at the deadline once the deadline has passed (finished
// late, or still open). Decisions are counted where they fall: in the
// period and in the alert windows. Outcomes not yet decided are Pending;
// outcomes that started after now are ignored.
func (o *Objective) EvaluateOutcomes(outcomes []Outcome, now time.Time) (Report, error) {
	if err := o.Validate(); err != nil {
		return Report{}, err
	}
	if o.Kind != AttainmentObjective {
		return Report{}, fmt.Errorf("slo: objective %q: outcomes given to a %s objective: %w", o.Name, o.Kind, ErrInvalidObjective)
	}
	ev := o.begin(now)
	period := ev.t.wins[0]
	bySev := map[string]*SeverityReport{}
	sev := func(name string) *SeverityReport {
		s := bySev[name]
		if s == nil {
			s = &SeverityReport{Severity: name}
			bySev[name] = s
		}
		return s
	}
	for i := range outcomes {
		out := &outcomes[i]
		if out.Start.After(now) {
			continue
		}
		ri := o.MatchRule(out)
		if ri < 0 {
			ev.rep.Unmatched++
			continue
		}
		deadline := o.Rules[ri].Within.Deadline(o.Calendar, out.Start)
		end := out.End
		if end.After(now) {
			end = time.Time{} // not yet happened as of now
		}
		if !end.IsZero() && end.Before(out.Start) {
			end = out.Start
		}
		switch {
		case !end.IsZero() && !deadline.IsZero() && !end.After(deadline):
			at := nanos(end)
			ev.t.add(at, true)
			if at >= period.start && at < period.end {
				sev(out.Severity).Met++
			}
		case !deadline.IsZero() && deadline.Before(now):
			at := nanos(deadline)
			ev.t.add(at, false)
			if at >= period.start && at < period.end {
				sev(out.Severity).Missed++
				late := now.Sub(deadline)
				if !end.IsZero() {
					late = end.Sub(deadline)
				}
				ev.rep.Misses = append(ev.rep.Misses, Miss{
					ID: out.ID, Severity: out.Severity, Rule: ri,
					Start: out.Start, Deadline: deadline, End: end, Late: late,
				})
			}
		default:
			ev.rep.Pending++
			sev(out.Severity).Pending++
		}
	}
	for _, s := range bySev {
		s.Attainment = 1
		if d := s.Met + s.Missed; d > 0 {
			s.Attainment = float64(s.Met) / float64(d)
		}
		ev.rep.Severities = append(ev.rep.Severities, *s)
	}
	slices.SortFunc(ev.rep.Severities, func(a, b SeverityReport) int { return strings.Compare(a.Severity, b.Severity) })
	slices.SortFunc(ev.rep.Misses, func(a, b Miss) int {
		if c := a.Deadline.Compare(b.Deadline); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	ev.finish(o.Target)
	return ev.rep, nil
}

// burnRate returns the bad ratio over the budget ratio: 0 when nothing
// is bad, +Inf when something is and the budget is zero.
func burnRate(good, total, budget float64) float64 {
	bad := total - good
	switch {
	case total <= 0 || bad <= 0:
		return 0
	case budget <= 0:
		return math.Inf(1)
	}
	return bad / total / budget
}

// firingSlack forgives float rounding when a burn rate sits exactly on a
// threshold such as 14.4.
const firingSlack = 1e-9

func (ev *evaluation) finish(target Target) {
	r := &ev.rep
	t := &ev.t
	good, total := t.good[0], t.total[0]
	r.Good, r.Total = int64(math.Round(good)), int64(math.Round(total))
	r.SLI = 1
	if total > 0 {
		r.SLI = good / total
	}
	r.Attained = reachesFloat(good, total, target)
	budget := target.Budget()
	r.BurnRate = burnRate(good, total, budget)

	scale := 1.0
	if ev.elapsed > 0 && ev.elapsed < ev.length {
		scale = float64(ev.length) / float64(ev.elapsed)
	}
	bad := max(total-good, 0)
	r.Budget.Total = budget * total * scale
	r.Budget.Consumed = bad
	r.Budget.Remaining = r.Budget.Total - bad
	switch {
	case r.Budget.Total > 0:
		r.Budget.ConsumedFraction = bad / r.Budget.Total
	case bad > 0:
		r.Budget.ConsumedFraction = math.Inf(1)
	}

	left := r.Budget.RemainingFraction()
	switch {
	case left <= 0:
		r.Exhaustion = 0
	case r.BurnRate == 0:
		r.Exhaustion = Never
	default:
		d := left * float64(ev.length) / r.BurnRate
		r.Exhaustion = Never
		if d < float64(Never) {
			r.Exhaustion = time.Duration(d)
		}
	}

	r.Alerts = make([]AlertState, len(ev.tiers))
	for i, a := range ev.tiers {
		lb := burnRate(t.good[1+2*i], t.total[1+2*i], budget)
		sb := burnRate(t.good[2+2*i], t.total[2+2*i], budget)
		st := AlertState{Tier: a, LongBurn: lb, ShortBurn: sb}
		if ev.length > 0 {
			st.LongConsumed = lb * float64(a.Long) / float64(ev.length)
		}
		thr := a.BurnRate * (1 - firingSlack)
		st.Firing = lb > 0 && sb > 0 && lb >= thr && sb >= thr
		r.Alerts[i] = st
		if st.Firing && (r.Alert == "" || (r.Alert != Page && a.Action == Page)) {
			r.Alert = a.Action
		}
	}
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
