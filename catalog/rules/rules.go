package rules

import (
	"cmp"
	"slices"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/openslo"
	"github.com/opsdesign/opsdesign/slo/counts"
	"github.com/opsdesign/opsdesign/slo/eventlog"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

// All returns the built-in design rules, in ID order. The slice is new on
// every call: append your own rules to it and give it to a Linter.
//
// Each group of rules is registered here, once; its rules, test and
// fixtures are in <group>.go, <group>_test.go and testdata/<group>.
func All() []catalog.Rule {
	return sortRules(slices.Concat(
		backstageRules(),
		baselineRules(),
		budgetPolicyRules(),
		designRules(),
		lifecycleRules(),
		nameRules(),
		opsCatalogRules(),
		opsMethodRules(),
		opsWorkRules(),
		refRules(),
		rolesRules(),
		rolesCoverageRules(),
		rolesLimitsRules(),
		scorecardRules(),
		settingsRules(),
		sloRules(),
		openSLORules(),
		textRules(),
		ticketPolicyRules(),
	))
}

// Lint runs the built-in rules over a design with their default
// severities, as of now: (&catalog.Linter{Rules: All()}).Lint(d).
func Lint(d *catalog.Design) catalog.Diagnostics {
	return (&catalog.Linter{Rules: All()}).Lint(d)
}

// Registry returns every rule the product reports, sorted by ID, each ID
// once: the catalog's own loader and engine rules, the built-in design
// rules (All), the ticket importer's (ticket.Rules), the Slack export
// reader's (slack.Rules), the events reader's (eventlog.Rules), the
// OpenSLO conversions' (openslo.Rules) and the counts readers'
// (counts.Rules). The rules command, docs/rules.md, SARIF rule
// metadata and the validation of configuration files all come from it.
// The slice is new on every call.
func Registry() []diag.RuleInfo {
	var out []diag.RuleInfo
	for _, r := range All() {
		out = append(out, r.Info())
	}
	return diag.SortRules(slices.Concat(out, catalog.LoaderRules(), catalog.EngineRules(), ticket.Rules(), slack.Rules(), eventlog.Rules(), openslo.Rules(), counts.Rules()))
}

func sortRules(rules []catalog.Rule) []catalog.Rule {
	slices.SortFunc(rules, func(a, b catalog.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}
