package budgetpolicy_test

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/budgetpolicy"
	"github.com/opsdesign/opsdesign/slo"
)

// Apply the policy that governs an objective to its evaluation: which
// steps are in force, since when, and what is frozen.
func ExampleGoverning() {
	d := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Objective
metadata: {name: api}
spec: {kind: ratio, target: 90%, window: 1d}
---
apiVersion: opsdesign/v1
kind: ErrorBudgetPolicy
metadata: {name: releases}
spec:
  objectives: [api]
  thresholds:
    - {remainingAtMost: 50%, actions: [Review every incident.]}
    - {remainingAtMost: 0%, actions: [Freeze releases.], freeze: releases}
`)})
	o := d.Objective("api")
	policy := budgetpolicy.Governing(d, budgetpolicy.Read(d))[o].Domain()

	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var events []slo.Event
	for i := range 20 {
		events = append(events, slo.Event{At: start.Add(time.Duration(i) * time.Hour), Good: i != 3 && i != 10})
	}
	now := start.Add(24 * time.Hour)
	ev, err := o.Evaluation(events, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	state, err := policy.Apply(&o.Objective, o.Counts(events), ev)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s of the budget left; freeze: %s\n", slo.FormatNumber(state.Remaining), state.Freeze)
	for _, t := range state.InForce {
		fmt.Println("in force since", t.Reached, t.Actions)
	}
	// Output:
	// 0 of the budget left; freeze: releases
	// in force since 2026-11-01T03:00:00Z [Review every incident.]
	// in force since 2026-11-01T10:00:00Z [Freeze releases.]
}
