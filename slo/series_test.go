package slo

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seriesLog is the small log the series tests compute by hand: a 90%
// objective over 2 days, with a fast page tier (5 over 2h and 10m) and a
// slow ticket tier (2 over 12h and 1h), evaluated at Wednesday
// 2026-03-04 00:00 UTC. Its period is Monday 03-02 00:00 to Wednesday.
//
//	03-01 23:30        bad            (before the period, inside the slow tier's windows)
//	03-02 01:00-10:00  10 good, hourly
//	03-03 12:00-12:15  4 bad, every 5 minutes
//	03-03 12:20-12:55  8 good, every 5 minutes
func seriesLog() (Objective, []Event, time.Time) {
	day := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) }
	events := []Event{{At: day(1, 23, 30)}}
	for h := 1; h <= 10; h++ {
		events = append(events, Event{At: day(2, h, 0), Good: true})
	}
	for m := 0; m < 60; m += 5 {
		events = append(events, Event{At: day(3, 12, m), Good: m >= 20})
	}
	o := Objective{Name: "api", Kind: RatioObjective, Target: MustParseTarget("90%"), Window: MustParseWindow("2d"),
		Alerts: []AlertTier{
			{Name: "fast", Action: Page, Long: 2 * time.Hour, Short: 10 * time.Minute, BurnRate: 5},
			{Name: "slow", Action: Ticket, Long: 12 * time.Hour, Short: time.Hour, BurnRate: 2},
		}}
	return o, events, day(4, 0, 0)
}

// Every figure below is worked out from seriesLog by hand. The budget is
// 10% of the 22 events of the period, 2.2; 4 are bad.
func TestSeriesByHand(t *testing.T) {
	o, events, now := seriesLog()
	s, err := o.EventSeries(events, now)
	require.NoError(t, err)
	assert.Equal(t, "events", s.Unit)
	assert.Equal(t, "UTC", s.Zone)

	// Monday: 10 of 10 good, nothing spent. Tuesday: 8 of 12 good, a
	// burn of (4/12)/0.1, and 1 - 4/2.2 of the budget left.
	require.Len(t, s.Days, 2)
	assert.Equal(t, Bucket{Start: at("2026-03-02T00:00:00Z"), End: at("2026-03-03T00:00:00Z"), Good: 10, Total: 10, SLI: 1, BurnRate: 0, BudgetRemaining: 1}, s.Days[0])
	tue := s.Days[1]
	assert.Equal(t, at("2026-03-03T00:00:00Z"), tue.Start)
	assert.Equal(t, now, tue.End)
	assert.Equal(t, []float64{8, 12}, []float64{tue.Good, tue.Total})
	assert.InDelta(t, 8.0/12, tue.SLI, 1e-12)
	assert.InDelta(t, 4.0/12/0.1, tue.BurnRate, 1e-12)
	assert.InDelta(t, 1-4/2.2, tue.BudgetRemaining, 1e-12)
	// One week, Monday to now: 18 of 22.
	require.Len(t, s.Weeks, 1)
	assert.Equal(t, at("2026-03-02T00:00:00Z"), s.Weeks[0].Start)
	assert.Equal(t, []float64{18, 22}, []float64{s.Weeks[0].Good, s.Weeks[0].Total})
	assert.InDelta(t, 4.0/22/0.1, s.Weeks[0].BurnRate, 1e-12)
	assert.InDelta(t, 1-4/2.2, s.Weeks[0].BudgetRemaining, 1e-12)

	// 48 hours in steps of 5 minutes: 577 instants from the start to now.
	assert.Equal(t, "5m", s.Step.String())
	require.Len(t, s.Budget, 577)
	assert.Equal(t, BudgetPoint{At: at("2026-03-02T00:00:00Z"), Remaining: 1}, s.Budget[0])
	assert.Equal(t, now, s.Budget[576].At)
	point := func(when string) BudgetPoint {
		return s.Budget[int(at(when).Sub(at("2026-03-02T00:00:00Z"))/(5*time.Minute))]
	}
	assert.Equal(t, 1.0, point("2026-03-03T12:00:00Z").Remaining, "the first bad event is at, not before, 12:00")
	assert.InDelta(t, 1-1/2.2, point("2026-03-03T12:05:00Z").Remaining, 1e-12)
	assert.InDelta(t, 1-4/2.2, point("2026-03-03T12:20:00Z").Remaining, 1e-12)

	require.Len(t, s.Burn, 2)
	fast := s.Burn[0]
	assert.Equal(t, "fast", fast.Tier)
	assert.Equal(t, 5.0, fast.Threshold)
	burn := func(tb TierBurn, when string) BurnPoint {
		return tb.Points[int(at(when).Sub(at("2026-03-02T00:00:00Z"))/(5*time.Minute))]
	}
	assert.Equal(t, BurnPoint{At: at("2026-03-03T12:05:00Z"), Long: 10, Short: 10, Firing: true}, burn(fast, "2026-03-03T12:05:00Z"))
	// [12:15, 12:25): one bad, one good: exactly the threshold, still firing.
	p := burn(fast, "2026-03-03T12:25:00Z")
	assert.InDelta(t, 4.0/5/0.1, p.Long, 1e-12)
	assert.InDelta(t, 5, p.Short, 1e-12)
	assert.True(t, p.Firing)
	p = burn(fast, "2026-03-03T12:30:00Z")
	assert.InDelta(t, 4.0/6/0.1, p.Long, 1e-12)
	assert.Zero(t, p.Short)
	assert.False(t, p.Firing)
	// At the period's start the slow tier sees the bad event of 23:30.
	assert.Equal(t, BurnPoint{At: at("2026-03-02T00:00:00Z"), Long: 10, Short: 10, Firing: true}, s.Burn[1].Points[0])

	// The fast tier fires from the first bad event until the good event
	// of 12:25 pushes 12:15 out of its 10 minutes; the slow tier fires from
	// before the period until 23:30 leaves its hour, then from 12:00 until
	// 13:10, when only 12:15 is left bad among nine.
	assert.Equal(t, []Firing{
		{Tier: "slow", Action: Ticket, Start: at("2026-03-02T00:00:00Z"), End: at("2026-03-02T00:30:00Z"), StartedBefore: true},
		{Tier: "fast", Action: Page, Start: at("2026-03-03T12:00:00Z"), End: at("2026-03-03T12:25:00Z")},
		{Tier: "slow", Action: Ticket, Start: at("2026-03-03T12:00:00Z"), End: at("2026-03-03T13:10:00Z")},
	}, s.Firings)

	// The series ends where the evaluation stands.
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	assert.InDelta(t, ev.Budget.RemainingFraction(), s.Budget[576].Remaining, 1e-12)
	for i, a := range ev.Alerts {
		last := s.Burn[i].Points[576]
		assert.InDelta(t, a.LongBurn, last.Long, 1e-12)
		assert.InDelta(t, a.ShortBurn, last.Short, 1e-12)
		assert.Equal(t, a.Firing, last.Firing)
	}
}

// A tier still firing at the evaluation instant is ongoing, and ends then.
func TestSeriesOngoing(t *testing.T) {
	o, events, _ := seriesLog()
	now := at("2026-03-03T12:12:00Z")
	s, err := o.EventSeries(events, now)
	require.NoError(t, err)
	// The period now starts at 03-01 12:12 and holds the bad event of 23:30,
	// which fires both tiers on its own.
	assert.Equal(t, []Firing{
		{Tier: "fast", Action: Page, Start: at("2026-03-01T23:30:00Z"), End: at("2026-03-01T23:40:00Z")},
		{Tier: "slow", Action: Ticket, Start: at("2026-03-01T23:30:00Z"), End: at("2026-03-02T00:30:00Z")},
		{Tier: "fast", Action: Page, Start: at("2026-03-03T12:00:00Z"), End: now, Ongoing: true},
		{Tier: "slow", Action: Ticket, Start: at("2026-03-03T12:00:00Z"), End: now, Ongoing: true},
	}, s.Firings)
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	assert.True(t, ev.Alerts[0].Firing)
}

// Days are cut at midnight in the calendar's zone: in Tokyo, at 15:00 UTC.
// A day without events has an undefined SLI and burns nothing.
func TestSeriesDaysInZone(t *testing.T) {
	cal, err := NewCalendar(CalendarSpec{TimeZone: "Asia/Tokyo"})
	require.NoError(t, err)
	o := Objective{Name: "api", Kind: RatioObjective, Target: MustParseTarget("99%"), Window: Weekly(), Calendar: cal}
	tokyo := cal.Location()
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, tokyo) // Wednesday noon
	events := []Event{{At: time.Date(2026, 3, 2, 9, 0, 0, 0, tokyo), Good: true}, {At: time.Date(2026, 3, 4, 9, 0, 0, 0, tokyo)}}
	s, err := o.EventSeries(events, now)
	require.NoError(t, err)
	assert.Equal(t, "Asia/Tokyo", s.Zone)
	require.Len(t, s.Days, 3)
	assert.True(t, s.Days[0].Start.Equal(time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC)))
	assert.True(t, s.Days[1].Start.Equal(time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)))
	assert.True(t, math.IsNaN(s.Days[1].SLI), "Tuesday saw nothing")
	assert.Zero(t, s.Days[1].BurnRate)
	assert.True(t, s.Days[2].End.Equal(now))
	// The week is under way: its budget is projected from two events in
	// two and a half days to the whole week: 0.01 × 2 × 7/2.5.
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	assert.InDelta(t, 0.01*2*7/2.5, ev.Budget.Total, 1e-12)
	assert.InDelta(t, 1-1/ev.Budget.Total, s.Days[2].BudgetRemaining, 1e-12)

	b, err := json.Marshal(s.Days[1])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"good":0,"total":0,"sli":"undefined","burnRate":0,"budgetRemaining":1}`)
	var back Bucket
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, math.IsNaN(back.SLI))
}

// A time-slice objective's series counts judged slices at their last
// instant; a slice in progress is not judged.
func TestSeriesSlices(t *testing.T) {
	now := at("2026-11-02T09:30:00Z")
	o := Objective{Name: "pages", Kind: TimeSliceObjective, Target: MustParseTarget("90%"), Window: MustParseWindow("1d"),
		Slice: time.Hour, SliceTarget: MustParseTarget("99%"), Alerts: []AlertTier{}}
	var events []Event
	for k := 1; k <= 120; k++ { // the two hours before 09:00 and half of the hour in progress
		at := at("2026-11-02T07:00:00Z").Add(time.Duration(k-1) * time.Minute)
		events = append(events, Event{At: at, Good: !(at.Hour() == 8 && at.Minute() == 30)})
	}
	events = append(events, Event{At: at("2026-11-02T09:10:00Z")})
	s, err := o.EventSeries(events, now)
	require.NoError(t, err)
	assert.Equal(t, "slices", s.Unit)
	require.Len(t, s.Days, 2, "from 11-01 09:30")
	assert.True(t, math.IsNaN(s.Days[0].SLI))
	assert.Equal(t, []float64{1, 2}, []float64{s.Days[1].Good, s.Days[1].Total}, "07:00 good, 08:00 bad (59 of 60), 09:00 in progress")
	assert.Equal(t, -4.0, s.Days[1].BudgetRemaining, "1 bad slice of a budget of 0.1 × 2")
	assert.Empty(t, s.Burn)
	assert.Empty(t, s.Firings)
}

func TestSeriesStep(t *testing.T) {
	for d, want := range map[time.Duration]time.Duration{
		time.Hour:             time.Minute,
		24 * time.Hour:        5 * time.Minute,
		7 * 24 * time.Hour:    15 * time.Minute,
		30 * 24 * time.Hour:   time.Hour,
		92 * 24 * time.Hour:   6 * time.Hour,
		1000 * 24 * time.Hour: 24 * time.Hour,
	} {
		assert.Equal(t, want, seriesStep(d), d.String())
	}
	assert.LessOrEqual(t, int64(5000*24*time.Hour/seriesStep(5000*24*time.Hour)), int64(maxSeriesPoints))
}

func TestSeriesText(t *testing.T) {
	o, events, now := seriesLog()
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	ev.Series, err = o.EventSeries(events, now)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, ev.WriteText(&b))
	text := b.String()
	assert.Contains(t, text, `days (UTC)  SLI, burn rate, budget left at the end
  2026-03-02  100.000% (10 of 10 events good)  burn 0  budget left 100.000%
  2026-03-03  66.667% (8 of 12 events good)  burn 3.33  budget left -81.818%
weeks from Monday (UTC)  SLI, burn rate, budget left at the end
  2026-03-02 (to 03-04 00:00)  81.818% (18 of 22 events good)  burn 1.82  budget left -81.818%
burn rates, each day's highest over the long/short window (every 5m in JSON and CSV)
  day            fast           slow
  2026-03-02     10/0           10/10
  2026-03-03     10/10          10/10
firings
  slow         ticket 2026-03-02T00:00:00Z to 2026-03-02T00:30:00Z (30m), already firing at the period's start
  fast         page   2026-03-03T12:00:00Z to 2026-03-03T12:25:00Z (25m)
  slow         ticket 2026-03-03T12:00:00Z to 2026-03-03T13:10:00Z (1h10m)
`, text)
}

// The points written by hand read as marshalExplicit writes them.
func TestPointsJSON(t *testing.T) {
	for _, v := range []any{
		BudgetPoint{At: at("2026-03-02T00:00:00Z"), Remaining: math.Inf(-1)},
		BudgetPoint{At: time.Date(2026, 3, 2, 0, 0, 0, 5, time.UTC), Remaining: 0.25},
		BurnPoint{At: at("2026-03-02T00:00:00Z"), Long: 1e21, Short: math.NaN(), Firing: true},
		BurnPoint{At: at("2026-03-02T00:00:00Z"), Long: 3.3333333333333335, Short: 0},
		BurnPoint{At: at("2026-03-02T00:00:00Z"), Long: 1e-5, Short: 1e-7},
		BudgetPoint{At: at("2026-03-02T00:00:00Z"), Remaining: -1.5e-300},
	} {
		got, err := json.Marshal(v)
		require.NoError(t, err)
		want, err := marshalExplicit(v)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(got))
		assert.Equal(t, string(want), string(got))
	}
}
