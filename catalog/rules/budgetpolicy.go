package rules

import (
	"fmt"
	"math"
	"slices"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/budgetpolicy"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// budgetPolicyRules check ErrorBudgetPolicy documents (package
// catalog/budgetpolicy models them): policies that govern nothing or the
// same objective twice, and steps that cannot be told apart, come in the
// wrong order or can never be anything but in force.
func budgetPolicyRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "budgetpolicy/invalid-threshold", // budgetpolicy.RuleInvalidThreshold, of Policy.Problems
			Severity: catalog.Error,
			Doc: ruleDoc(`A step of an error-budget policy whose share of the budget cannot be read, or lies outside 0% to 100%. `+
				`The step is left out, so the policy never orders what it says there.`, `
thresholds:
  - remainingAtMost: 150%    # a share of the budget: 0% to 100%
    actions: [Review the budget.]
`),
			Run: func(p *catalog.Pass) {
				for _, pol := range budgetpolicy.Read(p.Design) {
					for _, d := range pol.Problems() {
						p.Report(d)
					}
				}
			},
		},
		{
			ID:       "budgetpolicy/unknown-objective",
			Severity: catalog.Error,
			Doc: ruleDoc(`An error-budget policy names an objective the design does not have: usually a typo, `+
				`which leaves the intended objective without its policy, so a spent budget freezes nothing.`, `
objectives: [point-api-latncy]   # the Objective is point-api-latency
`),
			Run: runBudgetPolicyObjectives,
		},
		{
			ID:       "budgetpolicy/overlap",
			Severity: catalog.Error,
			Doc: ruleDoc(`Two error-budget policies govern the same objective. Only the first loaded is applied, `+
				`so the second's steps, and the freezes it promises, silently never happen. Reported at the later policy.`, `
kind: ErrorBudgetPolicy
metadata: {name: api-freeze}
spec:
  objectives: [point-api-latency]   # releases-policy governs it already
`),
			Run: runBudgetPolicyOverlap,
		},
		{
			ID:       "budgetpolicy/duplicate-threshold",
			Severity: catalog.Error,
			Doc: ruleDoc(`Two steps of one error-budget policy at the same share of the budget: it cannot be told which actions were meant, `+
				`and both apply at once. Write one step with every action.`, `
thresholds:
  - {remainingAtMost: 25%, actions: [Freeze releases.]}
  - {remainingAtMost: 25%, actions: [Tell the customers.]}
`),
			Run: runBudgetPolicyThresholds,
		},
		{
			ID:       "budgetpolicy/threshold-order",
			Severity: catalog.Warning,
			Doc: ruleDoc(`The steps of an error-budget policy are not written from the most budget left to the least, so the document does not read in the order the steps come into force `+
				`(each applies from its own share on, whatever the order, and slo eval lists them mildest first).`, `
thresholds:
  - {remainingAtMost: 0%, actions: [Freeze every change.]}
  - {remainingAtMost: 50%, actions: [Review incidents.]}   # comes first, as the budget runs low
`),
			Run: runBudgetPolicyThresholds,
		},
		{
			ID:       "budgetpolicy/always-applies",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A step of an error-budget policy at 100% of the budget: it applies from the first instant of every period, budget or no budget, `+
				`so it is not a step of the policy but a standing rule. Lower it, or write the rule where the team's standing rules live.`, `
thresholds:
  - {remainingAtMost: 100%, actions: [Review every incident.]}
`),
			Run: runBudgetPolicyThresholds,
		},
		{
			ID:       "budgetpolicy/no-budget",
			Severity: catalog.Warning,
			Doc: ruleDoc(`An error-budget policy governs an objective with a 100% target, whose budget is zero: the first failure spends all of it, `+
				`so every step, freezes included, applies at once and the policy says nothing about degrees. Give the objective a target below 100%, or no policy.`, `
objectives: [card-issue]   # target: 100%
`),
			Run: runBudgetPolicyNoBudget,
		},
	}
}

func runBudgetPolicyObjectives(p *catalog.Pass) {
	d := p.Design
	var names []string
	for _, k := range catalog.ObjectiveKinds() {
		names = append(names, d.Names(k)...)
	}
	for _, pol := range budgetpolicy.Read(d) {
		for _, r := range pol.Objectives {
			if len(d.ResolveObjectives(r)) == 0 {
				p.Reportf(pol.Doc, r.Path, "policy %q names objective %q, which the design does not have%s", pol.Name, r.Raw, suggest.DidYouMean(r.Name, names))
			}
		}
	}
}

func runBudgetPolicyOverlap(p *catalog.Pass) {
	d := p.Design
	type governed struct {
		pol *budgetpolicy.Policy
		ref catalog.Ref
	}
	first := map[*catalog.Objective]governed{}
	for _, pol := range budgetpolicy.Read(d) {
		for _, r := range pol.Objectives {
			for _, o := range d.ResolveObjectives(r) {
				g, taken := first[o]
				if !taken {
					first[o] = governed{pol, r}
					continue
				}
				if g.pol == pol {
					continue // named twice by one policy: the schema's uniqueness is not asked for
				}
				p.Report(catalog.Diagnostic{Pos: pol.Doc.At(r.Path), Path: r.Path,
					Message: fmt.Sprintf("objective %q is governed by policy %q already; policy %q is not applied to it", o.Name, g.pol.Name, pol.Name),
					Related: []catalog.Related{{Pos: g.pol.Doc.At(g.ref.Path), Message: fmt.Sprintf("policy %q names it first", g.pol.Name)}}})
			}
		}
	}
}

// runBudgetPolicyThresholds reports the steps written twice, out of
// order, or at 100%; each rule keeps its own findings.
func runBudgetPolicyThresholds(p *catalog.Pass) {
	for _, pol := range budgetpolicy.Read(p.Design) {
		var seen []budgetpolicy.Threshold
		for _, t := range pol.Thresholds {
			if math.IsNaN(t.RemainingAtMost) {
				continue
			}
			at := t.Path + "/remainingAtMost"
			switch p.Rule.ID {
			case "budgetpolicy/duplicate-threshold":
				if i := slices.IndexFunc(seen, func(s budgetpolicy.Threshold) bool { return s.RemainingAtMost == t.RemainingAtMost }); i >= 0 {
					p.Report(catalog.Diagnostic{Pos: pol.Doc.At(at), Path: at,
						Message: fmt.Sprintf("policy %q has a second step at %s of the budget: write one step with both steps' actions", pol.Name, t.Text),
						Related: []catalog.Related{{Pos: pol.Doc.At(seen[i].Path + "/remainingAtMost"), Message: "the first step at " + seen[i].Text}}})
				}
			case "budgetpolicy/threshold-order":
				if n := len(seen); n > 0 && t.RemainingAtMost > seen[n-1].RemainingAtMost {
					p.Reportf(pol.Doc, at, "policy %q: the step at %s comes after the step at %s but applies before it, as the budget runs low; write the steps from the most budget left to the least",
						pol.Name, t.Text, seen[n-1].Text)
				}
			case "budgetpolicy/always-applies":
				if t.RemainingAtMost >= 1 {
					p.Reportf(pol.Doc, at, "policy %q: the step at %s applies from the first instant of every period: it is a standing rule, not a step of the policy", pol.Name, t.Text)
				}
			}
			seen = append(seen, t)
		}
	}
}

func runBudgetPolicyNoBudget(p *catalog.Pass) {
	d := p.Design
	for _, pol := range budgetpolicy.Read(d) {
		for _, r := range pol.Objectives {
			for _, o := range d.ResolveObjectives(r) {
				if o.Target.Budget() == 0 && !o.Target.IsZero() {
					p.Reportf(pol.Doc, r.Path, "policy %q governs objective %q, whose target of %s leaves no budget: its first failure puts every step in force at once",
						pol.Name, o.Name, o.Target)
				}
			}
		}
	}
}
