package slo

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func releasePolicy() BudgetPolicy {
	return BudgetPolicy{Name: "releases", Thresholds: []PolicyThreshold{
		{RemainingAtMost: 0, Actions: []string{"Only changes that restore the service."}, Freeze: FreezeChanges},
		{RemainingAtMost: 0.5, Actions: []string{"Review every incident."}},
		{RemainingAtMost: 0.25, Actions: []string{"Freeze feature releases."}, Freeze: FreezeReleases},
	}}
}

// In seriesLog the budget is 2.2 events and the bad events come at 12:00,
// 12:05, 12:10 and 12:15 on 03-03: after the second, 1 - 2/2.2 of it is
// left, below half and a quarter; after the third, nothing.
func TestPolicyApplyByHand(t *testing.T) {
	o, events, now := seriesLog()
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	p := releasePolicy()
	st, err := p.Apply(&o, o.Counts(events), ev)
	require.NoError(t, err)
	assert.Equal(t, "releases", st.Policy)
	assert.InDelta(t, 1-4/2.2, st.Remaining, 1e-12)
	require.Len(t, st.InForce, 3)
	assert.Equal(t, []string{"0.5 2026-03-03T12:05:00Z", "0.25 2026-03-03T12:05:00Z", "0 2026-03-03T12:10:00Z"},
		[]string{reachedText(st.InForce[0]), reachedText(st.InForce[1]), reachedText(st.InForce[2])}, "mildest first")
	assert.Equal(t, FreezeChanges, st.Freeze)
	assert.Nil(t, st.Next)
	assert.Equal(t, []PolicyThreshold{{RemainingAtMost: 0, Actions: []string{"Only changes that restore the service."}, Freeze: FreezeChanges}},
		releasePolicy().Thresholds[:1], "the policy is not reordered")
}

func reachedText(t ThresholdState) string { return FormatNumber(t.RemainingAtMost) + " " + t.Reached }

// 2 bad of 100 events against a budget of 10 leave 80%, burning at 0.2:
// the next threshold, half, is 0.3 of a 10-day budget away at a fifth of
// the pace that spends it in 10 days, so 15 days.
func TestPolicyNext(t *testing.T) {
	o := Objective{Name: "api", Kind: RatioObjective, Target: MustParseTarget("90%"), Window: MustParseWindow("10d")}
	var events []Event
	for k := range 100 {
		events = append(events, Event{At: at("2026-03-02T00:00:00Z").Add(time.Duration(k) * time.Minute), Good: k >= 2})
	}
	now := at("2026-03-11T00:00:00Z")
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	p := BudgetPolicy{Name: "p", Thresholds: []PolicyThreshold{{RemainingAtMost: 0.9, Actions: []string{"Look."}}, {RemainingAtMost: 0.5, Actions: []string{"Stop."}, Freeze: FreezeReleases}}}
	st, err := p.Apply(&o, o.Counts(events), ev)
	require.NoError(t, err)
	require.Len(t, st.InForce, 1)
	assert.Equal(t, "2026-03-02T00:00:00Z", st.InForce[0].Reached, "the first bad event leaves exactly 90%")
	assert.Equal(t, NoFreeze, st.Freeze)
	require.NotNil(t, st.Next)
	assert.Equal(t, 0.5, st.Next.RemainingAtMost)
	assert.Equal(t, "2026-03-26T00:00:00Z", st.Next.Reached)

	var b strings.Builder
	ev.Policy = st
	require.NoError(t, ev.WriteText(&b))
	assert.Contains(t, b.String(), `policy     p: 80.000% of the budget left; freeze: none
  in force  at most 90% left, since 2026-03-02T00:00:00Z: Look.
  next      at most 50% left, projected 2026-03-26T00:00:00Z [freeze releases]: Stop.
`)
	js, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"policy":{"policy":"p","remaining":0.8,"inForce":[{"remainingAtMost":0.9,"actions":["Look."],"reached":"2026-03-02T00:00:00Z"}],"freeze":"none","next":{"remainingAtMost":0.5,"actions":["Stop."],"freeze":"releases","reached":"2026-03-26T00:00:00Z"}}`)
}

// Nothing burns: the next threshold is not projected. A 100% target
// with a failure has nothing left: every threshold applies from the
// failure on.
func TestPolicyEdges(t *testing.T) {
	o := Objective{Name: "api", Kind: RatioObjective, Target: MustParseTarget("90%"), Window: MustParseWindow("10d")}
	events := []Event{{At: at("2026-03-02T00:00:00Z"), Good: true}}
	ev, err := o.Evaluation(events, at("2026-03-03T00:00:00Z"))
	require.NoError(t, err)
	p := releasePolicy()
	st, err := p.Apply(&o, o.Counts(events), ev)
	require.NoError(t, err)
	assert.Empty(t, st.InForce)
	assert.Equal(t, 0.5, st.Next.RemainingAtMost, "the mildest step is the next to come")
	assert.Equal(t, NotProjected, st.Next.Reached)

	o.Target = MustParseTarget("100%")
	events = append(events, Event{At: at("2026-03-02T06:00:00Z")})
	ev, err = o.Evaluation(events, at("2026-03-03T00:00:00Z"))
	require.NoError(t, err)
	st, err = p.Apply(&o, o.Counts(events), ev)
	require.NoError(t, err)
	require.Len(t, st.InForce, 3)
	for _, th := range st.InForce {
		assert.Equal(t, "2026-03-02T06:00:00Z", th.Reached)
	}
	js, err := json.Marshal(st)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"remaining":"-Inf"`)

	p.Thresholds = append(p.Thresholds, PolicyThreshold{RemainingAtMost: 1.5})
	_, err = p.Apply(&o, nil, ev)
	assert.EqualError(t, err, `slo: budget policy "releases": threshold 1.5 is not a fraction of the budget in [0, 1]`)
}

func TestParseFreeze(t *testing.T) {
	for s, want := range map[string]Freeze{"": NoFreeze, "none": NoFreeze, "releases": FreezeReleases, "changes": FreezeChanges} {
		f, err := ParseFreeze(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, f)
	}
	_, err := ParseFreeze("deploys")
	assert.True(t, errors.Is(err, ErrInvalidName))
}
