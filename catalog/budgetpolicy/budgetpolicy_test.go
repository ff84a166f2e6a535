package budgetpolicy_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/budgetpolicy"
	"github.com/opsdesign/opsdesign/slo"
)

const policies = `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: api}
spec: {kind: ratio, target: 99%, window: 7d}
---
apiVersion: opsdesign/v1
kind: ErrorBudgetPolicy
metadata: {name: releases, title: リリース判断}
spec:
  description: Freeze releases as the budget runs out.
  objectives: [api, nowhere]
  thresholds:
    - {remainingAtMost: 50%, actions: [Review.]}
    - {remainingAtMost: 0.25, actions: [Freeze releases., Tell the team.], freeze: releases}
    - {remainingAtMost: 1 %, actions: [Spaces are fine.]}
    - {remainingAtMost: "-5%", actions: [Never.]}
---
apiVersion: opsdesign/v1
kind: ErrorBudgetPolicy
metadata: {name: second}
spec:
  objectives: [api]
  thresholds: [{remainingAtMost: 0%, actions: [Stop.], freeze: changes}]
`

func TestRead(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "p.yaml", Data: []byte(policies)})
	ps := budgetpolicy.Read(d)
	require.Len(t, ps, 2)
	p := ps[0]
	assert.Equal(t, "releases", p.Name)
	assert.Equal(t, "リリース判断", p.Title)
	assert.Equal(t, "Freeze releases as the budget runs out.", p.Description)
	require.Len(t, p.Objectives, 2)
	assert.Equal(t, catalog.Ref{Raw: "nowhere", Name: "nowhere", Path: "/spec/objectives/1"}, p.Objectives[1])
	require.Len(t, p.Thresholds, 4)
	assert.Equal(t, budgetpolicy.Threshold{Path: "/spec/thresholds/1", RemainingAtMost: 0.25, Text: "0.25",
		Actions: []string{"Freeze releases.", "Tell the team."}, Freeze: slo.FreezeReleases}, p.Thresholds[1])
	assert.Equal(t, 0.01, p.Thresholds[2].RemainingAtMost)
	assert.Equal(t, slo.NoFreeze, p.Thresholds[0].Freeze)
	assert.True(t, math.IsNaN(p.Thresholds[3].RemainingAtMost))
	probs := p.Problems()
	require.Len(t, probs, 1)
	assert.Equal(t, `p.yaml:16:25: error: policy "releases": threshold "-5%": a share of the budget lies between 0% and 100% [budgetpolicy/invalid-threshold]`, probs[0].String())

	dom := p.Domain()
	assert.Equal(t, "releases", dom.Name)
	assert.Len(t, dom.Thresholds, 3, "the step that cannot be read is left out")

	gov := budgetpolicy.Governing(d, ps)
	require.Len(t, gov, 1)
	assert.Same(t, ps[0], gov[d.Objective("api")], "the first policy governs")
}

// The kind is known to the catalog: validated by its schema.
func TestSchema(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "p.yaml", Data: []byte("apiVersion: opsdesign/v1\nkind: ErrorBudgetPolicy\nmetadata: {name: p}\nspec:\n  objectives: [api]\n  thresholds: [{remainingAtMost: 2, actions: []}]\n")})
	var rules []string
	for _, dg := range d.Diagnostics() {
		rules = append(rules, dg.Rule+" "+dg.Path)
	}
	assert.Contains(t, rules, "schema/value /spec/thresholds/0/remainingAtMost")
	assert.Contains(t, rules, "schema/value /spec/thresholds/0/actions")
	assert.Contains(t, catalog.Kinds(), budgetpolicy.Kind)
}
