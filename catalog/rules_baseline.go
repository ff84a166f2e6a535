package catalog

// baselineRules are reported by tools around the linter rather than by a
// rule's Run: catalog/config reports them while it reads a baseline file.
// They are registered here so that they are documented, and can be
// re-graded or disabled, like every other rule.
func baselineRules() []Rule {
	return []Rule{
		{
			ID:       "baseline/stale",
			Severity: Info,
			Doc: `An entry of the baseline file matches no finding any more: the problem it recorded was fixed (or its message changed). ` +
				`A stale entry would silently accept the same problem if it came back, so regenerate the baseline with -write-baseline. ` +
				`Reported at the entry in the baseline file.`,
		},
	}
}
