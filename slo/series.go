package slo

import (
	"math"
	"time"
)

// Series is how an objective's service level moved over the period of an
// evaluation, for charts and reviews: the SLI and the budget per day and
// per week, the budget remaining and every tier's burn rates at regular
// instants, and when each tier started and stopped firing. Objective.Series
// computes it over the same units, period and tiers as the evaluation at
// the same instant, so its last values are the evaluation's.
//
// Floats follow the package's rule for values that are not numbers: the
// SLI of a stretch without units is NaN (Undefined), what remains of a
// zero budget once it is overspent is -Inf.
type Series struct {
	Unit string `json:"unit"` // "events" or "slices": what Good and Total count
	// Zone is the time zone days and weeks are cut in: the objective's
	// calendar's, UTC without one.
	Zone string `json:"zone"`
	// Days and Weeks cut the period at midnight and at Monday midnight in
	// Zone, the first and the last clipped to the period and to now.
	Days  []Bucket `json:"days"`
	Weeks []Bucket `json:"weeks"`
	// Step is the time between the instants of Budget and Burn: the
	// shortest of 1m, 5m, 15m, 1h, 6h and 1d that gives at most 1,000
	// instants over the period. The instants end at now and step back to
	// the period's start.
	Step   Duration      `json:"step"`
	Budget []BudgetPoint `json:"budget"` // the budget remaining at each instant
	Burn   []TierBurn    `json:"burn"`   // one per alert tier, in the tiers' order
	// Firings are the stretches of time each tier fired in the period,
	// ordered by start, then by tier. They are exact, not sampled: a tier
	// starts firing at the instant of the unit that brings both its
	// windows to the threshold, and stops when a unit leaving a window or
	// a good unit arriving takes one of them below it.
	Firings []Firing `json:"firings"`
}

// Bucket is a stretch of the period: a day or a week.
type Bucket struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Good  float64   `json:"good"`
	Total float64   `json:"total"`
	SLI   float64   `json:"sli"` // Good / Total; NaN (Undefined) when Total is 0
	// BurnRate is the burn rate over the bucket: 0 when nothing was bad.
	BurnRate float64 `json:"burnRate"`
	// BudgetRemaining is the fraction of the period's budget left at End:
	// 1 minus the bad units from the period's start to End over the
	// budget's total (the evaluation's, projected while a calendar period
	// is under way).
	BudgetRemaining float64 `json:"budgetRemaining"`
}

// BudgetPoint is the fraction of the period's budget left at an instant,
// as Bucket.BudgetRemaining.
type BudgetPoint struct {
	At        time.Time `json:"at"`
	Remaining float64   `json:"remaining"`
}

// TierBurn is one alert tier's burn rates at each instant of the series.
type TierBurn struct {
	Tier      string      `json:"tier"`
	Action    Action      `json:"action"`
	Threshold float64     `json:"threshold"` // the tier's burn rate
	Long      Duration    `json:"long"`
	Short     Duration    `json:"short"`
	Points    []BurnPoint `json:"points"`
}

// BurnPoint is a tier's state at an instant: the burn rates over its long
// and short windows ending then, and whether both reach its threshold.
type BurnPoint struct {
	At     time.Time `json:"at"`
	Long   float64   `json:"long"`
	Short  float64   `json:"short"`
	Firing bool      `json:"firing"`
}

// Firing is a stretch of time a tier fired, clipped to the period and to
// now.
type Firing struct {
	Tier   string    `json:"tier"`
	Action Action    `json:"action"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"` // now, while it still fires
	// StartedBefore says the tier was already firing at the period's
	// start, which Start then is.
	StartedBefore bool `json:"startedBefore,omitempty"`
	Ongoing       bool `json:"ongoing"` // still firing at now
}

// maxSeriesPoints bounds the instants of Budget and Burn.
const maxSeriesPoints = 1000

// seriesSteps are the steps a series may take, shortest first.
var seriesSteps = [...]time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 6 * time.Hour, 24 * time.Hour}

// seriesStep returns the shortest step that cuts d into at most
// maxSeriesPoints steps.
func seriesStep(d time.Duration) time.Duration {
	for _, s := range seriesSteps {
		if d/s <= maxSeriesPoints {
			return s
		}
	}
	return max(seriesSteps[len(seriesSteps)-1], d/maxSeriesPoints+1)
}

// EventSeries is Series over events, judged as Counts judges them.
func (o *Objective) EventSeries(events []Event, now time.Time) (*Series, error) {
	return o.Series(o.Counts(events), now)
}

// Series computes how o moved over the period that contains now (a zero
// now means the second after the latest count, as for CountsEvaluation):
// see Series. Errors are those of EvaluateCounts.
func (o *Objective) Series(counts []Count, now time.Time) (*Series, error) {
	if now.IsZero() {
		now = afterCounts(counts)
	}
	r, err := o.EvaluateCounts(counts, now)
	if err != nil {
		return nil, err
	}
	start, end := nanos(r.Period.Start), nanos(now)
	var reach time.Duration // the longest alert window
	for _, a := range r.Alerts {
		reach = max(reach, a.Tier.Long, a.Tier.Short)
	}
	tl, err := o.timeline(counts, r.Period, addSat(start, -int64(reach)), end)
	if err != nil {
		return nil, err
	}
	loc := o.Calendar.Location()
	s := &Series{Unit: "events", Zone: loc.String(), Budget: []BudgetPoint{}, Burn: []TierBurn{}, Firings: []Firing{}}
	if o.Kind == TimeSliceObjective {
		s.Unit = "slices"
	}
	budget := o.Target.Budget()
	remaining := func(at int64) float64 {
		good, total := tl.sums(start, at)
		return remainingFraction(total-good, r.Budget.Total)
	}
	bucket := func(p Period) Bucket {
		a, b := nanos(p.Start), nanos(p.End)
		good, total := tl.sums(a, b)
		sli := math.NaN()
		if total > 0 {
			sli = good / total
		}
		return Bucket{Start: p.Start, End: p.End, Good: good, Total: total, SLI: sli,
			BurnRate: burnRate(good, total, budget), BudgetRemaining: remaining(b)}
	}
	for _, p := range cut(r.Period.Start, now, loc, nextDay) {
		s.Days = append(s.Days, bucket(p))
	}
	for _, p := range cut(r.Period.Start, now, loc, nextMonday) {
		s.Weeks = append(s.Weeks, bucket(p))
	}

	step := seriesStep(now.Sub(r.Period.Start))
	s.Step = Elapsed(step)
	var instants []int64
	for t := end; t >= start; t -= int64(step) {
		instants = append(instants, t)
	}
	for i, j := 0, len(instants)-1; i < j; i, j = i+1, j-1 {
		instants[i], instants[j] = instants[j], instants[i]
	}
	for _, t := range instants {
		s.Budget = append(s.Budget, BudgetPoint{At: time.Unix(0, t).UTC(), Remaining: remaining(t)})
	}
	for _, a := range r.Alerts {
		tier := a.Tier
		tb := TierBurn{Tier: tier.Name, Action: tier.Action, Threshold: tier.BurnRate, Long: Elapsed(tier.Long), Short: Elapsed(tier.Short),
			Points: make([]BurnPoint, 0, len(instants))}
		for _, t := range instants {
			lg, lt := tl.sums(addSat(t, -int64(tier.Long)), t)
			sg, st := tl.sums(addSat(t, -int64(tier.Short)), t)
			lb, sb := burnRate(lg, lt, budget), burnRate(sg, st, budget)
			tb.Points = append(tb.Points, BurnPoint{At: time.Unix(0, t).UTC(), Long: lb, Short: sb, Firing: fires(tier, lb, sb)})
		}
		s.Burn = append(s.Burn, tb)
		s.Firings = append(s.Firings, tl.firings(tier, budget, start, end)...)
	}
	sortFirings(s.Firings)
	return s, nil
}

// afterCounts returns the second after the latest count.
func afterCounts(counts []Count) time.Time {
	var last time.Time
	for i := range counts {
		if counts[i].At.After(last) {
			last = counts[i].At
		}
	}
	return last.Truncate(time.Second).Add(time.Second)
}

// remainingFraction is what is left of a budget of total bad units once bad
// are spent: 1 - bad/total, 1 when nothing is spent, -Inf when something is
// spent of nothing.
func remainingFraction(bad, total float64) float64 {
	switch {
	case bad <= 0:
		return 1
	case total <= 0:
		return math.Inf(-1)
	}
	return 1 - bad/total
}

// fires is the rule a tier fires by, as the evaluation applies it.
func fires(a AlertTier, long, short float64) bool {
	thr := a.BurnRate * (1 - firingSlack)
	return long > 0 && short > 0 && long >= thr && short >= thr
}

// firings sweeps the units in order of time and returns the stretches in
// [start, end] during which tier fired. Its state only changes at the
// instant a unit arrives or leaves a window: after the change at p, the
// long window holds the units at or before p and after p - Long.
func (t *timeline) firings(tier AlertTier, budget float64, start, end int64) []Firing {
	long, short := int64(tier.Long), int64(tier.Short)
	n := len(t.at)
	// The windows ending at start.
	in, outL, outS := t.index(start), t.index(addSat(start, -long)), t.index(addSat(start, -short))
	state := func() bool {
		lg, lt := t.between(outL, in)
		sg, st := t.between(outS, in)
		return fires(tier, burnRate(lg, lt, budget), burnRate(sg, st, budget))
	}
	var out []Firing
	open := func(at int64, before bool) {
		out = append(out, Firing{Tier: tier.Name, Action: tier.Action, Start: time.Unix(0, at).UTC(), StartedBefore: before})
	}
	firing := state()
	if firing {
		open(start, true)
	}
	for {
		p := int64(math.MaxInt64)
		if in < n {
			p = t.at[in]
		}
		if outL < n {
			p = min(p, addSat(t.at[outL], long))
		}
		if outS < n {
			p = min(p, addSat(t.at[outS], short))
		}
		if p >= end {
			break
		}
		for in < n && t.at[in] == p {
			in++
		}
		for outL < n && addSat(t.at[outL], long) == p {
			outL++
		}
		for outS < n && addSat(t.at[outS], short) == p {
			outS++
		}
		on := state()
		switch {
		case on && !firing:
			open(p, false)
		case !on && firing:
			out[len(out)-1].End = time.Unix(0, p).UTC()
		}
		firing = on
	}
	if firing {
		out[len(out)-1].End = time.Unix(0, end).UTC()
		out[len(out)-1].Ongoing = true
	}
	return out
}

// sortFirings orders firings by start, then by tier, keeping the tiers'
// order among equals.
func sortFirings(fs []Firing) {
	// Insertion sort keeps equal starts in the tiers' order; the lists
	// are short.
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Start.Before(fs[j-1].Start); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// cut cuts [start, end) where next says, in loc.
func cut(start, end time.Time, loc *time.Location, next func(time.Time, *time.Location) time.Time) []Period {
	var out []Period
	for t := start; t.Before(end); {
		n := next(t, loc)
		if !n.After(t) { // never: a guard against a zone that goes backwards
			n = t.Add(24 * time.Hour)
		}
		out = append(out, Period{t, minTime(n, end)})
		t = n
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// nextDay returns the first midnight after t in loc.
func nextDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// nextMonday returns the first Monday midnight after t in loc.
func nextMonday(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	y, m, d := lt.Date()
	days := (8 - int(lt.Weekday())) % 7 // to the next Monday
	if days == 0 {
		days = 7
	}
	return time.Date(y, m, d+days, 0, 0, 0, 0, loc)
}
