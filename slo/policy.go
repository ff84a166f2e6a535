package slo

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"time"
)

// Freeze is what an error-budget policy stops while one of its thresholds
// applies.
type Freeze string

// The freezes a policy may order, mildest first.
const (
	NoFreeze       Freeze = "none"     // nothing stops
	FreezeReleases Freeze = "releases" // feature releases stop; fixes and rollbacks ship
	FreezeChanges  Freeze = "changes"  // every change stops but those that restore the service
)

// ParseFreeze parses "none", "releases" or "changes"; "" is none.
func ParseFreeze(s string) (Freeze, error) {
	switch Freeze(s) {
	case "", NoFreeze:
		return NoFreeze, nil
	case FreezeReleases, FreezeChanges:
		return Freeze(s), nil
	}
	return NoFreeze, parseErr(ErrInvalidName, "freeze", s, 0, "want none, releases or changes")
}

// rank orders freezes from the mildest.
func (f Freeze) rank() int {
	switch f {
	case FreezeReleases:
		return 1
	case FreezeChanges:
		return 2
	}
	return 0
}

// BudgetPolicy is an error-budget policy: what a team does as an
// objective's budget runs low, such as reviewing every incident once half
// is spent and freezing releases once three quarters are. Each threshold
// applies while the budget remaining is at or below it, and the
// thresholds add up: at 10% left, those at 50% and 25% apply too.
type BudgetPolicy struct {
	Name       string
	Thresholds []PolicyThreshold // in any order
}

// PolicyThreshold is one step of a policy.
type PolicyThreshold struct {
	// RemainingAtMost is the fraction of the budget at or below which the
	// threshold applies, in [0, 1]: 0.25 once three quarters are spent, 0
	// once it is all spent.
	RemainingAtMost float64  `json:"remainingAtMost"`
	Actions         []string `json:"actions"`          // what people do, in their words
	Freeze          Freeze   `json:"freeze,omitempty"` // what stops; "" and none: nothing
}

// PolicyState is a budget policy applied to an evaluation: the thresholds
// in force, since when, the strictest freeze, and when the next threshold
// is reached at the current burn rate.
type PolicyState struct {
	Policy string `json:"policy"`
	// Remaining is the fraction of the budget left, as the evaluation has
	// it: negative once overspent, -Inf for a zero budget with a failure.
	Remaining float64 `json:"remaining"`
	// InForce are the thresholds reached, mildest first, each with the
	// instant in the period at which the budget first came down to it.
	InForce []ThresholdState `json:"inForce"`
	Freeze  Freeze           `json:"freeze"` // the strictest of InForce; none when nothing is
	// Next is the mildest threshold not reached, with when the budget
	// reaches it at the current burn rate; nil when every threshold is.
	Next *ThresholdState `json:"next,omitempty"`
}

// ThresholdState is a threshold with when it was or will be reached.
type ThresholdState struct {
	PolicyThreshold
	// Reached is an RFC 3339 timestamp: for a threshold in force, the
	// instant in the period at which the budget came down to it (the
	// period's start when it applied from the start); for Next, when it is
	// projected at the current burn rate, or NotProjected when nothing
	// burns the budget.
	Reached string `json:"reached"`
}

// MarshalJSON implements json.Marshaler.
func (s PolicyState) MarshalJSON() ([]byte, error) { return marshalExplicit(s) }

// UnmarshalJSON implements json.Unmarshaler.
func (s *PolicyState) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, s) }

// MarshalJSON implements json.Marshaler.
func (t ThresholdState) MarshalJSON() ([]byte, error) { return marshalExplicit(t) }

// UnmarshalJSON implements json.Unmarshaler.
func (t *ThresholdState) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, t) }

// MarshalJSON implements json.Marshaler.
func (t PolicyThreshold) MarshalJSON() ([]byte, error) { return marshalExplicit(t) }

// UnmarshalJSON implements json.Unmarshaler.
func (t *PolicyThreshold) UnmarshalJSON(b []byte) error { return unmarshalExplicit(b, t) }

// Apply applies the policy to ev, the evaluation of o over counts (as
// CountsEvaluation or, over o.Counts(events), Evaluation returns it): the
// counts tell when in the period each threshold was reached. Thresholds
// outside [0, 1] are refused with an error.
func (p *BudgetPolicy) Apply(o *Objective, counts []Count, ev *Evaluation) (*PolicyState, error) {
	ths := slices.Clone(p.Thresholds)
	for _, t := range ths {
		if !(t.RemainingAtMost >= 0 && t.RemainingAtMost <= 1) {
			return nil, fmt.Errorf("slo: budget policy %q: threshold %v is not a fraction of the budget in [0, 1]", p.Name, t.RemainingAtMost)
		}
	}
	// Mildest first: the most budget remaining.
	slices.SortStableFunc(ths, func(a, b PolicyThreshold) int { return -cmpFloat(a.RemainingAtMost, b.RemainingAtMost) })
	st := &PolicyState{Policy: p.Name, Remaining: ev.Budget.RemainingFraction(), InForce: []ThresholdState{}, Freeze: NoFreeze}
	var tl *timeline
	for _, t := range ths {
		if st.Remaining > t.RemainingAtMost {
			if st.Next == nil { // the first not reached is the next to come
				st.Next = &ThresholdState{PolicyThreshold: t, Reached: projectRemaining(ev, t.RemainingAtMost)}
			}
			continue
		}
		if tl == nil {
			var err error
			if tl, err = o.timeline(counts, Period{ev.PeriodStart, ev.PeriodEnd}, nanos(ev.PeriodStart), nanos(ev.Now)); err != nil {
				return nil, err
			}
		}
		st.InForce = append(st.InForce, ThresholdState{PolicyThreshold: t, Reached: tl.reached(t.RemainingAtMost, ev).Format(time.RFC3339)})
		if t.Freeze.rank() > st.Freeze.rank() {
			st.Freeze = t.Freeze
		}
	}
	return st, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// reached returns the first instant in the period at which the budget
// remaining came down to at most atMost: the instant of the unit that
// brought it there, or the period's start when it was there from the start.
func (t *timeline) reached(atMost float64, ev *Evaluation) time.Time {
	if remainingFraction(0, ev.Budget.Total) <= atMost {
		return ev.PeriodStart
	}
	i := sort.Search(len(t.at), func(i int) bool {
		good, total := t.between(0, i+1)
		return remainingFraction(total-good, ev.Budget.Total) <= atMost
	})
	if i == len(t.at) {
		return ev.Now // reached by rounding alone; the evaluation says it is
	}
	return time.Unix(0, t.at[i]).UTC()
}

// projectRemaining returns when the budget remaining comes down to atMost
// at the evaluation's burn rate, as the exhaustion is projected.
func projectRemaining(ev *Evaluation, atMost float64) string {
	left := ev.Budget.RemainingFraction() - atMost
	length := ev.PeriodEnd.Sub(ev.PeriodStart)
	if !(ev.BurnRate > 0) || math.IsInf(ev.BurnRate, 0) || length <= 0 {
		return NotProjected
	}
	d := left * float64(length) / ev.BurnRate
	if d >= float64(Never) {
		return NotProjected
	}
	return ev.Now.Add(time.Duration(d)).Truncate(time.Second).UTC().Format(time.RFC3339)
}
