package sloreport_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/budgetpolicy"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo/counts"
)

// runDesign holds a 100% objective, a latency objective, an attainment
// objective and a policy.
const runDesign = `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: perfect}
spec: {kind: ratio, target: 100%, window: 1d, alerts: [{name: any, action: page, long: 1h, burnRate: 1}]}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: latency}
spec: {kind: ratio, target: 90%, window: 1d, threshold: 300ms}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: desk}
spec: {kind: attainment, target: 95%, window: month, rules: [{within: 1h}]}
---
apiVersion: opsdesign/v1
kind: ErrorBudgetPolicy
metadata: {name: freeze}
spec:
  objectives: [latency]
  thresholds:
    - {remainingAtMost: 50%, actions: [Review.]}
    - {remainingAtMost: 0%, actions: [Freeze releases.], freeze: releases}
`

const countsCSV = `timestamp,good,total,region
2026-11-01T09:00:00Z,10,10,eu
2026-11-01T09:01:00Z,9,10,eu
2026-11-01T09:02:00Z,5,5,us
2026-11-01T09:03:00Z,x,10,eu
`

func collectCounts(t *testing.T, in string, where ...counts.Match) *counts.Collection {
	t.Helper()
	c, err := counts.Collect(counts.ReadCSV(strings.NewReader(in), "counts.csv", counts.Options{Where: where}), "counts.csv", 10)
	require.NoError(t, err)
	return c
}

// The repro, on counts: a 100% objective with a failure evaluates
// in every format, its infinities and its exhaustion written out.
func TestEvaluateAllPerfectObjective(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(runDesign)})
	c := collectCounts(t, countsCSV, counts.Match{Label: "region", Value: "eu"})
	run := sloreport.EvaluateAll([]*catalog.Objective{d.Objective("perfect")}, sloreport.Input{Counts: c}, sloreport.Options{Series: true})
	require.Len(t, run.Evaluations, 1)
	ev := run.Evaluations[0]
	assert.False(t, ev.Attained)
	assert.Equal(t, "exhausted", ev.Exhaustion)
	assert.True(t, run.Failed())
	assert.Equal(t, time.Date(2026, 11, 1, 9, 1, 1, 0, time.UTC), ev.Now)

	var text strings.Builder
	require.NoError(t, run.WriteText(&text))
	assert.Contains(t, text.String(), "budget     0 events in the period; 1 consumed (+Inf of a zero budget), -1 remaining\n")
	assert.Contains(t, text.String(), "burn rate  +Inf over the period; the budget is spent\n")
	assert.Contains(t, text.String(), "note       1 row did not match -where and was not counted\n")
	assert.Contains(t, text.String(), "skipped    1 record that could not be read\n")

	js, err := json.Marshal(run)
	require.NoError(t, err)
	assert.True(t, json.Valid(js))
	assert.Contains(t, string(js), `"burnRate":"+Inf","budget":{"Total":0,"Consumed":1,"Remaining":-1,"ConsumedFraction":"+Inf"},"exhaustion":"exhausted"`)
	assert.Contains(t, string(js), `"days":[{"start":"2026-10-31T09:01:01Z","end":"2026-11-01T00:00:00Z","good":0,"total":0,"sli":"undefined","burnRate":0,"budgetRemaining":1}`)

	var b strings.Builder
	require.NoError(t, run.WriteCSV(&b))
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, sloreport.CSVHeader, rows[0])
	find := func(section, tier, measure string) []string {
		for _, r := range rows {
			if r[1] == section && r[2] == tier && r[5] == measure {
				return r
			}
		}
		return nil
	}
	assert.Equal(t, []string{"perfect", "period", "", "2026-10-31T09:01:01Z", "2026-11-01T09:01:01Z", "burn_rate", "+Inf"}, find("period", "", "burn_rate"))
	assert.Equal(t, "-Inf", find("period", "", "budget_remaining_fraction")[6])
	assert.Equal(t, "exhausted", find("period", "", "exhaustion")[6])
	assert.Equal(t, "+Inf", find("alert", "any", "long_burn")[6])
	assert.Equal(t, "undefined", find("day", "", "sli")[6])
	var lastBudget []string
	for _, r := range rows {
		if r[1] == "budget" {
			lastBudget = r
		}
	}
	assert.Equal(t, []string{"perfect", "budget", "", "2026-11-01T09:01:01Z", "2026-11-01T09:01:01Z", "remaining", "-Inf"}, lastBudget)
	assert.Equal(t, "true", find("firing", "any", "ongoing")[6])
	assert.Equal(t, `5:22: counts/bad-count: the good count "x" is not a number; the row is skipped`, find("problem", "", "problem")[6])
}

// Several objectives in one run over one input: the attainment objective
// is listed, not evaluated, without failing the run; the latency
// objective is evaluated on the counts as judged, and says so; its policy
// is applied.
func TestEvaluateAllSeveral(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(runDesign)})
	c := collectCounts(t, countsCSV)
	policies := budgetpolicy.Governing(d, budgetpolicy.Read(d))
	objs := []*catalog.Objective{d.Objective("latency"), d.Objective("desk")}
	run := sloreport.EvaluateAll(objs, sloreport.Input{Counts: c}, sloreport.Options{Policies: policies, Now: time.Date(2026, 11, 1, 9, 2, 30, 0, time.UTC)})
	require.Len(t, run.Evaluations, 1)
	assert.Equal(t, []sloreport.NotEvaluated{{Objective: "desk", Reason: `objective "desk" is an attainment objective: it is measured on tickets, not events`}}, run.NotEvaluated)
	ev := run.Evaluations[0]
	assert.Equal(t, int64(24), ev.Good)
	assert.Equal(t, int64(25), ev.Total)
	assert.True(t, ev.Attained)
	assert.Equal(t, []string{`the counts were judged before they were read: the latency threshold of 300ms is not applied to them (count as good the requests within it, such as a histogram's le="0.3" bucket)`}, ev.Notes)
	require.NotNil(t, ev.Policy)
	assert.Equal(t, "freeze", ev.Policy.Policy)
	assert.InDelta(t, 1-1/2.5, ev.Policy.Remaining, 1e-12)
	assert.Empty(t, ev.Policy.InForce)
	assert.Equal(t, 0.5, ev.Policy.Next.RemainingAtMost)
	assert.Nil(t, ev.Series)
	assert.Equal(t, []string{`5:22: counts/bad-count: the good count "x" is not a number; the row is skipped`}, ev.Problems)
	assert.Equal(t, 1, ev.Errors)
	assert.True(t, run.Failed(), "a row skipped, an error, fails a run, as it fails slo eval over events")
	ev.Errors = 0 // as a configuration turning counts/bad-count off would leave it
	assert.False(t, run.Failed(), "met, quiet, and the attainment objective is not an error")
}

// Rows at or after the instant evaluated are findings at their line.
func TestEvaluateCountsAfterNow(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(runDesign)})
	c := collectCounts(t, countsCSV)
	ev, err := sloreport.EvaluateCounts(d.Objective("latency"), c, time.Date(2026, 11, 1, 9, 1, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, int64(10), ev.Total)
	assert.Equal(t, []string{
		`5:22: counts/bad-count: the good count "x" is not a number; the row is skipped`,
		"3: counts/after-now: the counts at 2026-11-01T09:01:00Z are at or after the instant evaluated, 2026-11-01T09:01:00Z; they are not counted",
		"4: counts/after-now: the counts at 2026-11-01T09:02:00Z are at or after the instant evaluated, 2026-11-01T09:01:00Z; they are not counted",
	}, ev.Problems)
}

// An objective that cannot be read and one whose log lacks what it judges
// by are errors of the run.
func TestEvaluateAllErrors(t *testing.T) {
	d := load(t)
	run := sloreport.EvaluateAll([]*catalog.Objective{objective(t, d, "broken"), objective(t, d, "fast"), objective(t, d, "api")},
		sloreport.Input{Events: collect(t, requests, 10)}, sloreport.Options{})
	require.Len(t, run.Evaluations, 1)
	assert.Equal(t, "api", run.Evaluations[0].Objective)
	assert.Equal(t, []sloreport.NotEvaluated{
		{Objective: "broken", Reason: `slo.yaml at /spec/target: target "97.5": a fraction must lie in (0, 1]; write "97.5%" for a percentage`, Error: true},
		{Objective: "fast", Reason: `objective "fast" judges latency against 800ms: the events need a latency column`, Error: true},
	}, run.NotEvaluated)
	assert.True(t, run.Failed())
	var b strings.Builder
	require.NoError(t, run.WriteText(&b))
	assert.Contains(t, b.String(), "\nnot evaluated: 2 objectives\n  broken: slo.yaml at /spec/target: ")
}
