package slo

import (
	"fmt"
	"math"
	"time"
)

// Count is pre-aggregated: of Total units (requests, probes) at an
// instant, Good went well, as a metrics system exports them per minute or
// per step of a range query. The counts need not be whole numbers (a
// Prometheus increase() rarely is); Good lies in [0, Total].
//
// A count is placed at its instant as an event is: give the instant the
// counts were taken, normally the end of the interval they cover.
type Count struct {
	At          time.Time
	Good, Total float64
}

// Counts judges events against o as counts of one: Good is 1 when the
// event is good (by its latency when o has a Threshold). The result can be
// evaluated and charted as pre-aggregated counts are.
func (o *Objective) Counts(events []Event) []Count {
	out := make([]Count, len(events))
	thr := o.Threshold
	for i := range events {
		e := &events[i]
		out[i] = Count{At: e.At, Total: 1}
		if (thr > 0 && e.Latency <= thr) || (thr <= 0 && e.Good) {
			out[i].Good = 1
		}
	}
	return out
}

// validCount reports whether c can be counted: finite, not negative, Good
// at most Total. The readers of package slo/counts never yield others.
func validCount(c *Count) bool {
	return c.Total >= 0 && c.Good >= 0 && c.Good <= c.Total && !math.IsInf(c.Total, 0)
}

// EvaluateCounts evaluates a ratio or time-slice objective over
// pre-aggregated counts at the instant now, as EvaluateEvents does over
// events: counts at or after now are not yet counted, and a time slice is
// good when the sum of its good counts over the sum of its totals reaches
// SliceTarget. The counts are taken as judged: a latency Threshold of o
// does not apply to them. Counts that are not finite, negative or with
// Good above Total are left out (the readers of slo/counts report them
// instead of yielding them). The error wraps ErrInvalidObjective when o is
// incomplete or is an attainment objective.
func (o *Objective) EvaluateCounts(counts []Count, now time.Time) (Report, error) {
	if err := o.Validate(); err != nil {
		return Report{}, err
	}
	ev := o.begin(now)
	feed := func(put func(at int64, good, total float64)) {
		for i := range counts {
			c := &counts[i]
			if validCount(c) {
				put(nanos(c.At), c.Good, c.Total)
			}
		}
	}
	switch o.Kind {
	case RatioObjective:
		feed(ev.t.addCount)
	case TimeSliceObjective:
		if err := o.countSlices(ev, now, feed); err != nil {
			return Report{}, err
		}
	default:
		return Report{}, fmt.Errorf("slo: objective %q: counts given to a %s objective: %w", o.Name, o.Kind, ErrInvalidObjective)
	}
	ev.finish(o.Target)
	return ev.rep, nil
}

// CountsEvaluation evaluates o over pre-aggregated counts at the instant
// now, as EvaluateCounts does, and returns the report Evaluation returns
// for events; its Events field counts the rows of counts given. A zero now
// means the second after the latest count.
func (o *Objective) CountsEvaluation(counts []Count, now time.Time) (*Evaluation, error) {
	if now.IsZero() {
		var last time.Time
		for i := range counts {
			if counts[i].At.After(last) {
				last = counts[i].At
			}
		}
		now = last.Truncate(time.Second).Add(time.Second)
	}
	r, err := o.EvaluateCounts(counts, now)
	if err != nil {
		return nil, err
	}
	ev := o.evaluation(r, len(counts))
	// Rows are placed as events are: a report of counts says where its
	// rows fell as one of a log says where its events did.
	for i := range counts {
		switch at := counts[i].At; {
		case at.Before(r.Period.Start):
			ev.Placement.Before++
		case at.Before(r.Now):
			ev.Placement.Inside++
		default:
			ev.Placement.After++
		}
	}
	return ev, nil
}

// evaluation builds the report of r, an evaluation of o over n units as
// given (events or rows of counts).
func (o *Objective) evaluation(r Report, n int) *Evaluation {
	ev := &Evaluation{Objective: o.Name, Kind: o.Kind, Target: o.Target, Window: o.Window, Now: r.Now,
		PeriodStart: r.Period.Start, PeriodEnd: r.Period.End, Events: n, Good: r.Good, Total: r.Total, SLI: r.SLI,
		Attained: r.Attained, BurnRate: r.BurnRate, Budget: r.Budget, Exhaustion: exhaustion(r), Alert: r.Alert,
		Derived: o.Alerts == nil, Alerts: make([]TierEvaluation, 0, len(r.Alerts))}
	for _, a := range r.Alerts {
		ev.Alerts = append(ev.Alerts, TierEvaluation{TierSummary: a.Tier.Summary(), LongBurn: a.LongBurn, ShortBurn: a.ShortBurn,
			LongConsumed: a.LongConsumed, Firing: a.Firing})
	}
	return ev
}
