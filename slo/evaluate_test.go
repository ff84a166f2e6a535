package slo

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvaluateOutcomesAttainment(t *testing.T) {
	cal := tokyoOffice(t)
	tokyo := cal.Location()
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, tokyo)
		require.NoError(t, err)
		return tm
	}
	o := Objective{
		Name:     "desk-response",
		Kind:     AttainmentObjective,
		Target:   MustParseTarget("95%"),
		Window:   Monthly(),
		Calendar: cal,
		Measure:  FirstResponseCompletion,
		Rules: []Rule{
			{Severities: []string{"P1"}, Within: MustParseDuration("1h")},
			{Severities: []string{"P2"}, Within: MustParseDuration("8bh")},
			{Severities: []string{"P3"}, Within: MustParseDuration("1 business day")},
		},
	}
	outcomes := []Outcome{
		{ID: "A", Severity: "P1", Start: at("2025-03-03 10:00"), End: at("2025-03-03 10:30")},
		{ID: "B", Severity: "P1", Start: at("2025-03-03 10:00"), End: at("2025-03-03 11:30")},
		{ID: "C", Severity: "P2", Start: at("2025-03-14 17:00"), End: at("2025-03-17 16:00")},
		{ID: "D", Severity: "P3", Start: at("2025-03-14 19:00"), End: at("2025-03-19 10:00")},
		{ID: "E", Severity: "P3", Start: at("2025-03-28 10:00")},
		{ID: "F", Severity: "P2", Start: at("2025-03-27 09:00")},
		{ID: "G", Severity: "P4", Start: at("2025-03-10 09:00"), End: at("2025-03-10 10:00")},
		{ID: "H", Severity: "P1", Start: at("2025-02-20 10:00"), End: at("2025-02-20 10:10")},
		{ID: "I", Severity: "P1", Start: at("2025-04-01 10:00")},
		{ID: "J", Severity: "P2", Start: at("2025-03-31 10:00"), End: at("2025-03-31 13:00")}, // ends after now: still open
	}
	now := at("2025-03-31 12:00")
	r, err := o.EvaluateOutcomes(outcomes, now)
	require.NoError(t, err)

	assert.Equal(t, Period{at("2025-03-01 00:00"), at("2025-04-01 00:00")}, Period{r.Period.Start.In(tokyo), r.Period.End.In(tokyo)})
	assert.Equal(t, int64(2), r.Good)
	assert.Equal(t, int64(5), r.Total)
	assert.InDelta(t, 0.4, r.SLI, 1e-12)
	assert.False(t, r.Attained)
	assert.Equal(t, 2, r.Pending)
	assert.Equal(t, 1, r.Unmatched)
	assert.Equal(t, []SeverityReport{
		{Severity: "P1", Met: 1, Missed: 1, Attainment: 0.5},
		{Severity: "P2", Met: 1, Missed: 1, Pending: 1, Attainment: 0.5},
		{Severity: "P3", Missed: 1, Pending: 1},
	}, r.Severities)
	require.Len(t, r.Misses, 3)
	assert.Equal(t, Miss{ID: "B", Severity: "P1", Rule: 0, Start: at("2025-03-03 10:00"), Deadline: at("2025-03-03 11:00"),
		End: at("2025-03-03 11:30"), Late: 30 * time.Minute}, r.Misses[0])
	assert.Equal(t, "D", r.Misses[1].ID)
	assert.Equal(t, at("2025-03-18 18:00"), r.Misses[1].Deadline.In(tokyo))
	assert.Equal(t, 16*time.Hour, r.Misses[1].Late)
	assert.Equal(t, "F", r.Misses[2].ID)
	assert.True(t, r.Misses[2].End.IsZero())
	assert.Equal(t, at("2025-03-27 18:00"), r.Misses[2].Deadline.In(tokyo))
	assert.Equal(t, 90*time.Hour, r.Misses[2].Late)

	// The budget: 5 outcomes in 30.5 of 31 days, 5% may miss.
	scale := float64(31*24) / (30*24 + 12)
	assert.InDelta(t, 0.05*5*scale, r.Budget.Total, 1e-9)
	assert.Equal(t, 3.0, r.Budget.Consumed)
	assert.InDelta(t, 3/(0.05*5*scale), r.Budget.ConsumedFraction, 1e-9)
	assert.Equal(t, time.Duration(0), r.Exhaustion)
	assert.InDelta(t, 0.6/0.05, r.BurnRate, 1e-9)
}

func TestEvaluateEventsCalendarMonthProjection(t *testing.T) {
	now := time.Date(2025, 4, 16, 0, 0, 0, 0, time.UTC) // half of April
	o := Objective{Name: "checkout", Target: MustParseTarget("99%"), Window: Monthly()}
	events := make([]Event, 0, 1004)
	for i := range 1000 {
		events = append(events, Event{At: now.Add(-time.Duration(i+1) * time.Minute), Good: i != 500})
	}
	events = append(events,
		Event{At: now, Good: false},                                           // at now: not yet counted
		Event{At: now.Add(time.Hour), Good: false},                            // the future
		Event{At: time.Date(2025, 3, 31, 23, 0, 0, 0, time.UTC), Good: false}, // last month
		Event{At: time.Time{}, Good: false},                                   // garbage
	)
	r, err := o.EvaluateEvents(events, now)
	require.NoError(t, err)
	assert.Equal(t, int64(999), r.Good)
	assert.Equal(t, int64(1000), r.Total)
	assert.InDelta(t, 0.999, r.SLI, 1e-12)
	assert.True(t, r.Attained)
	assert.InDelta(t, 0.1, r.BurnRate, 1e-12)
	assert.InDelta(t, 20, r.Budget.Total, 1e-9)
	assert.InDelta(t, 19, r.Budget.Remaining, 1e-9)
	assert.InDelta(t, 0.05, r.Budget.ConsumedFraction, 1e-12)
	assert.InDelta(t, 0.95, r.Budget.RemainingFraction(), 1e-12)
	assert.InDelta(t, float64(285*24*time.Hour), float64(r.Exhaustion), float64(time.Second))
	assert.Equal(t, Action(""), r.Alert)
	// April is 30 days, so the windows are the 30-day table's.
	assert.Equal(t, time.Hour, r.Alerts[0].Tier.Long)
}

func TestEvaluateEventsLatencyThreshold(t *testing.T) {
	now := time.Date(2025, 4, 16, 0, 0, 0, 0, time.UTC)
	o := Objective{Name: "latency", Target: MustParseTarget("90%"), Window: Rolling(time.Hour), Threshold: 300 * time.Millisecond}
	events := []Event{
		{At: now.Add(-time.Minute), Latency: 100 * time.Millisecond},
		{At: now.Add(-2 * time.Minute), Latency: 300 * time.Millisecond, Good: false},
		{At: now.Add(-3 * time.Minute), Latency: 301 * time.Millisecond, Good: true},
		{At: now.Add(-2 * time.Hour), Latency: time.Second},
	}
	r, err := o.EvaluateEvents(events, now)
	require.NoError(t, err)
	assert.Equal(t, int64(2), r.Good)
	assert.Equal(t, int64(3), r.Total)
	assert.Equal(t, Period{now.Add(-time.Hour), now}, r.Period)
	// A one-hour rolling window scales the tiers down by 720.
	assert.Equal(t, 5*time.Second, r.Alerts[0].Tier.Long)
}

func TestEvaluateEventsTimeSlices(t *testing.T) {
	now := time.Date(2025, 4, 16, 9, 0, 0, 0, time.UTC)
	o := Objective{
		Name: "probe", Kind: TimeSliceObjective, Target: MustParseTarget("95%"), Window: Rolling(time.Hour),
		Slice: time.Minute, SliceTarget: MustParseTarget("90%"),
		Alerts: []AlertTier{{Name: "fast", Action: Page, Long: 10 * time.Minute, Short: 2 * time.Minute, BurnRate: 2}},
	}
	var events []Event
	for m := 0; m < 60; m++ {
		if m == 7 {
			continue // no data for this minute
		}
		start := now.Add(-time.Hour + time.Duration(m)*time.Minute)
		for k := 0; k < 10; k++ {
			bad := (m == 55 || m == 58 || m == 59) && k < 2 // 80% good: a bad slice
			if m == 20 && k == 0 {
				bad = true // 90% good: still a good slice
			}
			events = append(events, Event{At: start.Add(time.Duration(k) * 5 * time.Second), Good: !bad})
		}
	}
	r, err := o.EvaluateEvents(events, now)
	require.NoError(t, err)
	assert.Equal(t, int64(56), r.Good)
	assert.Equal(t, int64(59), r.Total)
	assert.False(t, r.Attained)
	require.Len(t, r.Alerts, 1)
	// Last 10 slices: 3 bad of 10; last 2: both bad.
	assert.InDelta(t, 0.3/0.05, r.Alerts[0].LongBurn, 1e-9)
	assert.InDelta(t, 1/0.05, r.Alerts[0].ShortBurn, 1e-9)
	assert.True(t, r.Alerts[0].Firing)
	assert.Equal(t, Page, r.Alert)

	// Evaluated mid-slice, the slices stay on their grid and the running
	// one is not judged yet.
	r, err = o.EvaluateEvents(events, now.Add(30*time.Second))
	require.NoError(t, err)
	assert.Equal(t, int64(59), r.Total)
	assert.Equal(t, int64(56), r.Good)
}

func TestEvaluateHundredPercentTarget(t *testing.T) {
	now := time.Date(2025, 4, 16, 9, 0, 0, 0, time.UTC)
	o := Objective{Name: "strict", Target: MustParseTarget("100%"), Window: Rolling(time.Hour)}
	r, err := o.EvaluateEvents([]Event{{At: now.Add(-time.Minute), Good: false}}, now)
	require.NoError(t, err)
	assert.True(t, math.IsInf(r.BurnRate, 1))
	assert.True(t, math.IsInf(r.Budget.ConsumedFraction, 1))
	assert.Equal(t, time.Duration(0), r.Exhaustion)
	r, err = o.EvaluateEvents(nil, now)
	require.NoError(t, err)
	assert.Equal(t, 1.0, r.SLI)
	assert.True(t, r.Attained)
	assert.Equal(t, Never, r.Exhaustion)
}

func TestEvaluateErrors(t *testing.T) {
	now := time.Date(2025, 4, 16, 9, 0, 0, 0, time.UTC)
	valid := Objective{Name: "x", Target: MustParseTarget("99%"), Window: Monthly()}
	tests := []struct {
		name     string
		mutate   func(o *Objective)
		outcomes bool
	}{
		{"no target", func(o *Objective) { o.Target = Target{} }, false},
		{"no window", func(o *Objective) { o.Window = Window{} }, false},
		{"unknown kind", func(o *Objective) { o.Kind = 9 }, false},
		{"slice missing", func(o *Objective) { o.Kind = TimeSliceObjective; o.SliceTarget = MustParseTarget("90%") }, false},
		{"slice target missing", func(o *Objective) { o.Kind = TimeSliceObjective; o.Slice = time.Minute }, false},
		{"too many slices", func(o *Objective) {
			o.Kind, o.Slice, o.SliceTarget, o.Window = TimeSliceObjective, time.Nanosecond, MustParseTarget("90%"), Rolling(time.Hour)
		}, false},
		{"bad alert", func(o *Objective) { o.Alerts = []AlertTier{{Long: time.Hour, Short: 0, BurnRate: 1}} }, false},
		{"events to attainment", func(o *Objective) { o.Kind = AttainmentObjective }, false},
		{"outcomes to ratio", func(o *Objective) {}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := valid
			tt.mutate(&o)
			var err error
			if tt.outcomes {
				_, err = o.EvaluateOutcomes(nil, now)
			} else {
				_, err = o.EvaluateEvents(nil, now)
			}
			assert.ErrorIs(t, err, ErrInvalidObjective)
		})
	}
}

func TestRuleMatching(t *testing.T) {
	o := Objective{Rules: []Rule{
		{Severities: []string{"重大"}, Labels: map[string]string{"customer": "A社"}, Within: MustParseDuration("30m")},
		{Severities: []string{"重大"}, Within: MustParseDuration("1h")},
		{Categories: []string{"問い合わせ"}, Within: MustParseDuration("1営業日")},
	}}
	assert.Equal(t, 0, o.MatchRule(&Outcome{Severity: "重大", Labels: map[string]string{"customer": "A社"}}))
	assert.Equal(t, 1, o.MatchRule(&Outcome{Severity: "重大", Labels: map[string]string{"customer": "B社"}}))
	assert.Equal(t, 2, o.MatchRule(&Outcome{Severity: "軽微", Category: "問い合わせ"}))
	assert.Equal(t, -1, o.MatchRule(&Outcome{Severity: "軽微", Category: "障害"}))
}

func TestEvaluateEventsWindowsReachIntoLastPeriod(t *testing.T) {
	now := time.Date(2025, 4, 1, 0, 30, 0, 0, time.UTC)
	o := Objective{Name: "x", Target: MustParseTarget("99%"), Window: Monthly()}
	events := []Event{
		{At: now.Add(-40 * time.Minute), Good: false}, // March: alert windows only
		{At: now.Add(-10 * time.Minute), Good: true},
		{At: now.Add(-2 * time.Minute), Good: false},
	}
	r, err := o.EvaluateEvents(events, now)
	require.NoError(t, err)
	assert.Equal(t, int64(1), r.Good)
	assert.Equal(t, int64(2), r.Total)
	pageFast := r.Alerts[0] // 1h long, 5m short
	assert.InDelta(t, (2.0/3)/0.01, pageFast.LongBurn, 1e-9)
	assert.InDelta(t, 1/0.01, pageFast.ShortBurn, 1e-9)
	assert.True(t, pageFast.Firing)
}

// TestEvaluateEventsAllocationsDoNotGrow pins the promise that evaluation
// allocates per call, never per event.
func TestEvaluateEventsAllocationsDoNotGrow(t *testing.T) {
	o := Objective{Name: "api", Target: MustParseTarget("99.9%"), Window: MustParseWindow("30d")}
	few, many := benchEvents(10), benchEvents(100_000)
	count := func(events []Event) float64 {
		return testing.AllocsPerRun(5, func() {
			if _, err := o.EvaluateEvents(events, benchNow); err != nil {
				t.Fatal(err)
			}
		})
	}
	assert.Equal(t, count(few), count(many))
}
