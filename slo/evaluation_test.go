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

// minuteLog is one event a minute for the week before now, the last bad
// of them bad.
func minuteLog(now time.Time, bad int) []Event {
	events := make([]Event, 0, 7*24*60)
	for k := 7 * 24 * 60; k >= 1; k-- {
		events = append(events, Event{At: now.Add(-time.Duration(k) * time.Minute), Good: k > bad})
	}
	return events
}

func weekAPI() Objective {
	return Objective{Name: "api", Kind: RatioObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("7d")}
}

func TestEvaluation(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	o := weekAPI()
	ev, err := o.Evaluation(minuteLog(now, 30), now)
	require.NoError(t, err)
	assert.Equal(t, "api", ev.Objective)
	assert.Equal(t, RatioObjective, ev.Kind)
	assert.Equal(t, "99%", ev.Target.String())
	assert.Equal(t, "7d", ev.Window.String())
	assert.Equal(t, now, ev.Now)
	assert.Equal(t, now.Add(-7*24*time.Hour), ev.PeriodStart)
	assert.Equal(t, now, ev.PeriodEnd)
	assert.Equal(t, 10080, ev.Events)
	assert.Equal(t, int64(10080), ev.Total)
	assert.Equal(t, int64(10050), ev.Good)
	assert.InDelta(t, 10050.0/10080, ev.SLI, 1e-12)
	assert.True(t, ev.Attained)
	assert.InDelta(t, 30.0/10080/0.01, ev.BurnRate, 1e-9)
	assert.InDelta(t, 100.8, ev.Budget.Total, 1e-9)
	assert.InDelta(t, 30, ev.Budget.Consumed, 1e-9)
	assert.InDelta(t, 70.8, ev.Budget.Remaining, 1e-9)
	// 70.8/100.8 of the budget left, spent at 30/100.8 of the pace that
	// lasts the week: 16.52 days.
	assert.Equal(t, "2026-11-18T21:28:47Z", ev.Exhaustion)
	assert.True(t, ev.Derived, "no tiers of its own: the workbook's for 7 days")
	require.Len(t, ev.Alerts, 4)
	assert.Equal(t, TierSummary{Name: "page-fast", Action: Page, Long: Elapsed(14 * time.Minute), Short: Elapsed(70 * time.Second), BurnRate: 14.4},
		ev.Alerts[0].TierSummary)
	assert.InDelta(t, 100, ev.Alerts[0].LongBurn, 1e-9, "the last 14 minutes all bad")
	assert.InDelta(t, 100, ev.Alerts[0].ShortBurn, 1e-9)
	assert.InDelta(t, 100*14.0/(7*24*60), ev.Alerts[0].LongConsumed, 1e-9)
	assert.InDelta(t, 30.0/1008/0.01, ev.Alerts[3].LongBurn, 1e-9, "ticket-slow: 30 bad of 1008 in 16h48m")
	for _, a := range ev.Alerts {
		assert.True(t, a.Firing, a.Name)
	}
	assert.Equal(t, Page, ev.Alert)
	assert.Zero(t, ev.Skipped)
	assert.Empty(t, ev.Problems)
}

// Without an instant the evaluation is as of the second after the last
// event; nothing bad means the budget is never exhausted and nothing fires.
func TestEvaluationDefaultNow(t *testing.T) {
	last := time.Date(2026, 11, 2, 8, 59, 30, 500_000_000, time.UTC)
	events := []Event{{At: last.Add(-time.Hour), Good: true}, {At: last, Good: true}, {At: last.Add(-2 * time.Hour), Good: true}}
	o := weekAPI()
	ev, err := o.Evaluation(events, time.Time{})
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 11, 2, 8, 59, 31, 0, time.UTC), ev.Now)
	assert.Equal(t, int64(3), ev.Total, "the last event counts")
	assert.Equal(t, NotProjected, ev.Exhaustion)
	assert.Zero(t, ev.BurnRate)
	assert.Empty(t, ev.Alert)
	for _, a := range ev.Alerts {
		assert.False(t, a.Firing)
	}
}

// Tiers of the objective's own are not derived; an empty list of tiers
// means no alerts at all.
func TestEvaluationOwnTiers(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	o := weekAPI()
	o.Alerts = []AlertTier{{Name: "slow", Action: Ticket, Long: 3 * time.Hour, Short: 15 * time.Minute, BurnRate: 2}}
	ev, err := o.Evaluation(minuteLog(now, 30), now)
	require.NoError(t, err)
	assert.False(t, ev.Derived)
	require.Len(t, ev.Alerts, 1)
	assert.True(t, ev.Alerts[0].Firing)
	assert.Equal(t, Ticket, ev.Alert)

	o.Alerts = []AlertTier{}
	ev, err = o.Evaluation(minuteLog(now, 30), now)
	require.NoError(t, err)
	assert.False(t, ev.Derived)
	assert.NotNil(t, ev.Alerts)
	assert.Empty(t, ev.Alerts)
	assert.Empty(t, ev.Alert)
}

// A 100% target with one failure has a zero budget: the fraction consumed
// and the burn rates are infinite, and the budget is spent. Every format
// says so explicitly (the repro: JSON used to fail to encode).
func TestEvaluationZeroBudget(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	o := Objective{Name: "perfect", Kind: RatioObjective, Target: MustParseTarget("100%"), Window: MustParseWindow("7d"),
		Alerts: []AlertTier{{Name: "any", Action: Page, Long: time.Hour, Short: 5 * time.Minute, BurnRate: 1}}}
	ev, err := o.Evaluation(minuteLog(now, 1), now)
	require.NoError(t, err)
	assert.True(t, math.IsInf(ev.Budget.ConsumedFraction, 1))
	assert.True(t, math.IsInf(ev.BurnRate, 1))
	assert.Equal(t, Exhausted, ev.Exhaustion, "spent")
	var b strings.Builder
	require.NoError(t, ev.WriteText(&b))
	assert.Contains(t, b.String(), "budget     0 events in the period; 1 consumed (+Inf of a zero budget), -1 remaining\n")
	assert.Contains(t, b.String(), "burn rate  +Inf over the period; the budget is spent\n")
	assert.Contains(t, b.String(), "  any          page   needs 1     over 1h and 5m: burn +Inf and +Inf, +Inf of the budget in 1h  FIRING\n")

	js, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"burnRate":"+Inf","budget":{"Total":0,"Consumed":1,"Remaining":-1,"ConsumedFraction":"+Inf"},"exhaustion":"exhausted"`)
	assert.Contains(t, string(js), `"longBurn":"+Inf","shortBurn":"+Inf","longConsumed":"+Inf","firing":true`)
	var back Evaluation
	require.NoError(t, json.Unmarshal(js, &back))
	assert.True(t, math.IsInf(back.BurnRate, 1))
	assert.True(t, math.IsInf(back.Budget.ConsumedFraction, 1))
	assert.True(t, math.IsInf(back.Alerts[0].LongBurn, 1))
	assert.Equal(t, "any", back.Alerts[0].Name, "the embedded tier reads back")
}

func TestEvaluationErrors(t *testing.T) {
	o := Objective{Name: "desk", Kind: AttainmentObjective, Target: MustParseTarget("95%"), Window: Monthly()}
	_, err := o.Evaluation([]Event{{At: time.Now(), Good: true}}, time.Time{})
	assert.ErrorIs(t, err, ErrInvalidObjective)
	o = Objective{Name: "unset", Kind: RatioObjective}
	_, err = o.Evaluation(nil, time.Now())
	assert.ErrorIs(t, err, ErrInvalidObjective)
}

func TestEvaluationText(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	o := weekAPI()
	ev, err := o.Evaluation(minuteLog(now, 30), now)
	require.NoError(t, err)
	ev.Skipped = 2
	var b strings.Builder
	require.NoError(t, ev.WriteText(&b))
	assert.Equal(t, `objective  api (ratio, target 99% over 7d)
period     2026-10-26T09:00:00Z to 2026-11-02T09:00:00Z, counted until 2026-11-02T09:00:00Z
events     0 before the period, 10,080 inside it, 0 at or after the instant counted until
SLI        99.702% (10,050 of 10,080 events good): target 99% met
budget     100.8 events in the period; 30 consumed (29.762%), 70.8 remaining
burn rate  0.298 over the period; the budget lasts 16d12h at this pace
alerts (the SRE workbook's tiers for this period):
  page-fast    page   needs 14.4  over 14m and 1m10s: burn 100 and 100, 13.889% of the budget in 14m  FIRING
  page-slow    page   needs 6     over 1h24m and 7m: burn 35.7 and 100, 29.762% of the budget in 1h24m  FIRING
  ticket-fast  ticket needs 3     over 5h36m and 28m: burn 8.93 and 100, 29.762% of the budget in 5h36m  FIRING
  ticket-slow  ticket needs 1     over 16h48m and 1h24m: burn 2.98 and 35.7, 29.762% of the budget in 16h48m  FIRING
alert      PAGE (page-fast, page-slow, ticket-fast, ticket-slow)
skipped    2 records that could not be read
`, b.String())
}

// A time-slice objective counts slices: the last hour, half bad, is the
// one bad slice of 168, which burns at 10 over the last 30 minutes and at
// 1.67 over 6 hours; its own tier stays quiet.
func TestEvaluationTextSlices(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	o := Objective{Name: "pages", Kind: TimeSliceObjective, Target: MustParseTarget("90%"), Window: MustParseWindow("7d"),
		Slice: time.Hour, SliceTarget: MustParseTarget("99%"),
		Alerts: []AlertTier{{Name: "fast", Action: Page, Long: 6 * time.Hour, Short: 30 * time.Minute, BurnRate: 14.4}}}
	ev, err := o.Evaluation(minuteLog(now, 30), now)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, ev.WriteText(&b))
	assert.Equal(t, `objective  pages (time-slice, target 90% over 7d)
period     2026-10-26T09:00:00Z to 2026-11-02T09:00:00Z, counted until 2026-11-02T09:00:00Z
events     0 before the period, 10,080 inside it, 0 at or after the instant counted until
SLI        99.405% (167 of 168 slices good): target 90% met
budget     16.8 slices in the period; 1 consumed (5.952%), 15.8 remaining
burn rate  0.0595 over the period; the budget lasts 110d14h at this pace
alerts:
  fast         page   needs 14.4  over 6h and 30m: burn 1.67 and 10, 5.952% of the budget in 6h  quiet
alert      none firing
`, b.String())
}

// The JSON form carries the kind, the target and the tiers' windows as
// text, and leaves out the window and empty problems.
func TestEvaluationJSON(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	o := weekAPI()
	ev, err := o.Evaluation(minuteLog(now, 30), now)
	require.NoError(t, err)
	b, err := json.Marshal(ev)
	require.NoError(t, err)
	s := string(b)
	assert.True(t, strings.HasPrefix(s, `{"objective":"api","kind":"ratio","target":"99%","now":"2026-11-02T09:00:00Z","periodStart":"2026-10-26T09:00:00Z","periodEnd":"2026-11-02T09:00:00Z","nowFromEvents":false,"events":10080,"placement":{"before":0,"inside":10080,"after":0,"far":0},"skipped":0,"good":10050,"total":10080,`), s)
	assert.Contains(t, s, `"budget":{"Total":100.8,"Consumed":30,"Remaining":70.8,"ConsumedFraction":0.2976190476190476},"exhaustion":"2026-11-18T21:28:47Z","alerts":[{"name":"page-fast","action":"page","long":"14m","short":"1m10s","burnRate":14.4,"longBurn":100,"shortBurn":100,"longConsumed":0.1388888888888889,"firing":true},`)
	assert.True(t, strings.HasSuffix(s, `"alert":"page","alertsDerived":true}`), s)

	ev.Problems, ev.MoreProblems = []string{"2:1: events/bad-time: …"}, 3
	b, err = json.Marshal(ev)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(string(b), `"alertsDerived":true,"problems":["2:1: events/bad-time: …"],"moreProblems":3}`))
	var back Evaluation
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, ev.Alerts, back.Alerts)
	assert.Equal(t, ev.Target, back.Target)
}

func TestAlertTiers(t *testing.T) {
	own := []AlertTier{{Name: "x", Action: Page, Long: time.Hour, Short: 5 * time.Minute, BurnRate: 10}}
	for _, tc := range []struct {
		name    string
		o       Objective
		tiers   []AlertTier
		derived bool
	}{
		{"own", Objective{Window: MustParseWindow("30d"), Alerts: own}, own, false},
		{"none written", Objective{Window: MustParseWindow("30d"), Alerts: []AlertTier{}}, []AlertTier{}, false},
		{"rolling", Objective{Window: MustParseWindow("30d")}, WorkbookTiers(30 * 24 * time.Hour), true},
		{"calendar", Objective{Window: Monthly()}, nil, true},
		{"unset", Objective{}, nil, true},
	} {
		tiers, derived := tc.o.AlertTiers()
		assert.Equal(t, tc.tiers, tiers, tc.name)
		assert.Equal(t, tc.derived, derived, tc.name)
	}
	assert.Equal(t, TierSummary{Name: "x", Action: Page, Long: MustParseDuration("1h"), Short: MustParseDuration("5m"), BurnRate: 10}, own[0].Summary())
}

func TestRoughly(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                              "",
		29 * time.Second:               "",
		90 * time.Second:               "2m",
		5*time.Hour + 30*time.Minute:   "5h30m",
		5 * time.Hour:                  "5h0m",
		24 * time.Hour:                 "1d0h",
		50*time.Hour + 31*time.Minute:  "2d3h",
		396*time.Hour + 28*time.Minute: "16d12h",
	} {
		assert.Equal(t, want, roughly(d), d.String())
	}
}
