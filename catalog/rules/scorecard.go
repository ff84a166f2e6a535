package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// scorecardRules check that Scorecard documents can be evaluated as
// written. The schema checks their shape; these rules check what a schema
// cannot: unique names, one condition per check, rules that exist.
func scorecardRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "scorecard/duplicate-level",
			Severity: catalog.Error,
			Doc: "Two levels of one scorecard share a name, so a score naming that level is ambiguous and a test holding a service to it " +
				"checks an unknown rung. Every place is reported, each pointing at the others. For example:\n\n" +
				"\tlevels:\n\t  - name: silver\n\t  - name: silver   # reported, twice",
			Run: runScorecardDuplicateLevels,
		},
		{
			ID:       "scorecard/duplicate-check",
			Severity: catalog.Error,
			Doc: "Two checks of one scorecard share a name, in one level or in two, so a failing check cannot be told from its namesake " +
				"in reports and tests. Every place is reported, each pointing at the others. For example:\n\n" +
				"\t- name: bronze\n\t  checks: [{name: owned, has: [owner]}]     # reported\n" +
				"\t- name: silver\n\t  checks: [{name: owned, has: [value]}]     # reported",
			Run: runScorecardDuplicateChecks,
		},
		{
			ID:       "scorecard/check-condition",
			Severity: catalog.Error,
			Doc: "A check that writes no condition, or more than one (noFindings, has, stateIn, taskCategories, lifecycleCovered). " +
				"Such a check never passes, so no service can reach its level. Write one condition per check. For example:\n\n" +
				"\tchecks:\n\t  - name: owned                   # reported: no condition\n\t  - {name: both, has: [owner], stateIn: [active]}   # reported: two",
			Run: runScorecardCheckConditions,
		},
		{
			ID:       "scorecard/unknown-rule",
			Severity: catalog.Error,
			Doc: "A noFindings check names a rule or group (\"group/*\") that the linter does not have: usually a typo, " +
				"which would let every service pass the check without anything being checked. The finding suggests the nearest rule. For example:\n\n" +
				"\t- {name: refs, noFindings: [ref/unresloved]}   # reported: did you mean \"ref/unresolved\"?",
			Run: runScorecardUnknownRules,
		},
	}
}

func runScorecardDuplicateLevels(p *catalog.Pass) {
	for _, sc := range p.Design.Scorecards {
		var items []namedAt
		for _, l := range sc.Levels {
			items = append(items, namedAt{l.Name, l.Path + "/name"})
		}
		reportDuplicates(p, sc.Doc, "level", fmt.Sprintf("scorecard %q", sc.Name), items)
	}
}

func runScorecardDuplicateChecks(p *catalog.Pass) {
	for _, sc := range p.Design.Scorecards {
		var items []namedAt
		for _, l := range sc.Levels {
			for _, c := range l.Checks {
				items = append(items, namedAt{c.Name, c.Path + "/name"})
			}
		}
		reportDuplicates(p, sc.Doc, "check", fmt.Sprintf("scorecard %q", sc.Name), items)
	}
}

func runScorecardCheckConditions(p *catalog.Pass) {
	for _, sc := range p.Design.Scorecards {
		for _, l := range sc.Levels {
			for _, c := range l.Checks {
				if c.Condition != "" {
					continue
				}
				written := conditionsWritten(sc.Doc, c.Path)
				if len(written) == 0 {
					p.Reportf(sc.Doc, c.Path, "check %q has no condition; write one of %s", c.Name, strings.Join(conditionNames(catalog.Conditions()), ", "))
					continue
				}
				p.Reportf(sc.Doc, c.Path+"/"+string(written[1]), "check %q has %d conditions (%s); write one per check",
					c.Name, len(written), strings.Join(conditionNames(written), ", "))
			}
		}
	}
}

// conditionsWritten returns the condition keys written in the check at
// ptr, in the order of catalog.Conditions.
func conditionsWritten(doc *catalog.Document, ptr string) []catalog.Condition {
	var out []catalog.Condition
	for _, k := range catalog.Conditions() {
		if _, ok := doc.Lookup(ptr + "/" + string(k)); ok {
			out = append(out, k)
		}
	}
	return out
}

func conditionNames(conds []catalog.Condition) []string {
	names := make([]string, len(conds))
	for i, c := range conds {
		names[i] = string(c)
	}
	return names
}

func runScorecardUnknownRules(p *catalog.Pass) {
	// Suggest among IDs and groups alike: "lifecyle/*" is a typo too.
	ids := p.RuleIDs()
	var groups []string
	for _, id := range ids {
		if i := strings.LastIndexByte(id, '/'); i > 0 {
			groups = append(groups, id[:i]+"/*")
		}
	}
	slices.Sort(groups)
	ids = append(ids, slices.Compact(groups)...)
	for _, sc := range p.Design.Scorecards {
		for _, l := range sc.Levels {
			for _, c := range l.Checks {
				for i, pattern := range c.Rules {
					if p.HasRule(pattern) {
						continue
					}
					at := idx(c.Path+"/"+string(catalog.ConditionNoFindings), i)
					p.Reportf(sc.Doc, at, "check %q names unknown rule %q%s", c.Name, pattern, suggest.DidYouMean(pattern, ids))
				}
			}
		}
	}
}
