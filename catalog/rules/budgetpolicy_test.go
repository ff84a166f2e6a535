package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBudgetPolicyFixtures(t *testing.T) { runFixture(t, "budgetpolicy") }

// Each finding at the value at fault, with its message and, for the
// second of two, where the first is.
func TestBudgetPolicyPositions(t *testing.T) {
	d := load(t, "testdata/budgetpolicy")
	diags := groups("budgetpolicy").Lint(d)
	assert.Equal(t, []string{
		"budgetpolicy/unknown-objective 28:7 /spec/objectives/1",
		"budgetpolicy/always-applies 30:24 /spec/thresholds/0/remainingAtMost",
		"budgetpolicy/threshold-order 35:24 /spec/thresholds/2/remainingAtMost",
		"budgetpolicy/duplicate-threshold 37:24 /spec/thresholds/3/remainingAtMost",
		"budgetpolicy/invalid-threshold 39:24 /spec/thresholds/4/remainingAtMost",
		"budgetpolicy/overlap 48:7 /spec/objectives/0",
		"budgetpolicy/no-budget 49:7 /spec/objectives/1",
	}, keys(diags))
	msgs := map[string]string{}
	for _, dg := range diags {
		msgs[dg.Rule] = dg.Message
	}
	assert.Equal(t, `policy "point-api-releases" names objective "point-api-latncy", which the design does not have; did you mean "point-api-latency"?`, msgs["budgetpolicy/unknown-objective"])
	assert.Equal(t, `policy "point-api-releases": threshold "150%": a share of the budget lies between 0% and 100%`, msgs["budgetpolicy/invalid-threshold"])
	assert.Equal(t, `policy "point-api-releases" has a second step at 0.25 of the budget: write one step with both steps' actions`, msgs["budgetpolicy/duplicate-threshold"])
	assert.Equal(t, `policy "point-api-releases": the step at 50% comes after the step at 25% but applies before it, as the budget runs low; write the steps from the most budget left to the least`, msgs["budgetpolicy/threshold-order"])
	assert.Equal(t, `objective "point-api-latency" is governed by policy "point-api-releases" already; policy "card-freeze" is not applied to it`, msgs["budgetpolicy/overlap"])
	assert.Equal(t, `policy "card-freeze" governs objective "card-issue", whose target of 100% leaves no budget: its first failure puts every step in force at once`, msgs["budgetpolicy/no-budget"])
	overlap := diags.ByRule("budgetpolicy/overlap")
	require.Len(t, overlap, 1)
	require.Len(t, overlap[0].Related, 1)
	assert.Equal(t, 27, overlap[0].Related[0].Pos.Line)
	dup := diags.ByRule("budgetpolicy/duplicate-threshold")
	require.Len(t, dup[0].Related, 1)
	assert.Equal(t, 32, dup[0].Related[0].Pos.Line)
}
