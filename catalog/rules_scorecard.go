package catalog

import (
	"fmt"
	"strings"
)

// scorecardRules check that Scorecard documents can be evaluated as
// written. The schema checks their shape; these rules check what a schema
// cannot: unique names, one condition per check, rules that exist.
func scorecardRules() []Rule {
	return []Rule{
		{
			ID:       "scorecard/duplicate-level",
			Severity: Error,
			Doc: "Two levels of one scorecard share a name, so a score naming that level is ambiguous and a test holding a service to it " +
				"checks an unknown rung. Every place is reported, each pointing at the others. For example:\n\n" +
				"\tlevels:\n\t  - name: silver\n\t  - name: silver   # reported, twice",
			Run: runScorecardDuplicateLevels,
		},
		{
			ID:       "scorecard/duplicate-check",
			Severity: Error,
			Doc: "Two checks of one scorecard share a name, in one level or in two, so a failing check cannot be told from its namesake " +
				"in reports and tests. Every place is reported, each pointing at the others. For example:\n\n" +
				"\t- name: bronze\n\t  checks: [{name: owned, has: [owner]}]     # reported\n" +
				"\t- name: silver\n\t  checks: [{name: owned, has: [value]}]     # reported",
			Run: runScorecardDuplicateChecks,
		},
		{
			ID:       "scorecard/check-condition",
			Severity: Error,
			Doc: "A check that writes no condition, or more than one (noFindings, has, stateIn, taskCategories, lifecycleCovered). " +
				"Such a check never passes, so no service can reach its level. Write one condition per check. For example:\n\n" +
				"\tchecks:\n\t  - name: owned                   # reported: no condition\n\t  - {name: both, has: [owner], stateIn: [active]}   # reported: two",
			Run: runScorecardCheckConditions,
		},
		{
			ID:       "scorecard/unknown-rule",
			Severity: Error,
			Doc: "A noFindings check names a rule or group (\"group/*\") that the linter does not have: usually a typo, " +
				"which would let every service pass the check without anything being checked. The finding suggests the nearest rule. For example:\n\n" +
				"\t- {name: refs, noFindings: [ref/unresloved]}   # reported: did you mean \"ref/unresolved\"?",
			Run: runScorecardUnknownRules,
		},
	}
}

func runScorecardDuplicateLevels(p *Pass) {
	for _, sc := range p.Design.Scorecards {
		var items []namedAt
		for _, l := range sc.Levels {
			items = append(items, namedAt{l.Name, l.Path + "/name"})
		}
		reportDuplicates(p, sc.Doc, "level", fmt.Sprintf("scorecard %q", sc.Name), items)
	}
}

func runScorecardDuplicateChecks(p *Pass) {
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

func runScorecardCheckConditions(p *Pass) {
	for _, sc := range p.Design.Scorecards {
		for _, l := range sc.Levels {
			for _, c := range l.Checks {
				if c.Condition != "" {
					continue
				}
				raw, _ := sc.Doc.Lookup(c.Path)
				written := scoreConditionsWritten(asObj(raw))
				if len(written) == 0 {
					p.Reportf(sc.Doc, c.Path, "check %q has no condition; write one of %s", c.Name, scoreConditionList())
					continue
				}
				names := make([]string, len(written))
				for i, w := range written {
					names[i] = string(w)
				}
				p.Reportf(sc.Doc, c.Path+"/"+string(written[1]), "check %q has %d conditions (%s); write one per check",
					c.Name, len(written), strings.Join(names, ", "))
			}
		}
	}
}

func runScorecardUnknownRules(p *Pass) {
	known := p.knownRules()
	// Suggest among IDs and groups alike: "lifecyle/*" is a typo too.
	ids := mapKeys(known)
	groups := map[string]bool{}
	for _, id := range ids {
		if i := strings.LastIndexByte(id, '/'); i > 0 {
			groups[id[:i]+"/*"] = true
		}
	}
	ids = append(ids, mapKeys(groups)...)
	for _, sc := range p.Design.Scorecards {
		for _, l := range sc.Levels {
			for _, c := range l.Checks {
				for i, pattern := range c.Rules {
					if p.HasRule(pattern) {
						continue
					}
					at := idx(c.Path+"/"+string(ConditionNoFindings), i)
					p.Reportf(sc.Doc, at, "check %q names unknown rule %q%s", c.Name, pattern, didYouMean(pattern, ids))
				}
			}
		}
	}
}
