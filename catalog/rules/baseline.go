package rules

import "github.com/opsdesign/opsdesign/catalog"

// baselineRules are reported by tools around the linter rather than by a
// rule's Run: catalog/config reports them while it filters findings by a
// baseline file. They are among the built-in rules so that they are
// documented, and so that a Linter given All() knows them when a
// configuration re-grades or disables them, as it may any other rule.
func baselineRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "baseline/stale",
			Severity: catalog.Info,
			Doc: `An entry of the baseline file matches no finding any more: the problem it recorded was fixed (or its message changed). ` +
				`A stale entry would silently accept the same problem if it came back, so regenerate the baseline with -write-baseline. ` +
				`Reported at the entry in the baseline file.`,
		},
	}
}
