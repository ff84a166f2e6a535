package catalog

import (
	"cmp"
	"slices"

	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// builtinRules is the one place built-in rules are registered. Each group
// lives in its own file: rules_<group>.go.
func builtinRules() []Rule {
	rules := slices.Concat(
		loaderRules(),
		engineRules(),
		referenceRules(),
		nameRules(),
		lifecycleRules(),
		baselineRules(),
		scorecardRules(),
		ticketPolicyRules(),
		opsRules(),
		rolesRules(),
		sloRules(),
	)
	slices.SortFunc(rules, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// loaderRules are reported while files are read and validated.
func loaderRules() []Rule {
	docs := map[string]struct {
		sev Severity
		doc string
	}{
		yamlx.RuleSyntax:            {Error, "The file is not valid YAML. The document with the error is skipped; the other documents of the file are still loaded."},
		yamlx.RuleJSONSyntax:        {Error, "The file is not valid JSON. Nothing of it is loaded."},
		yamlx.RuleDuplicateKey:      {Error, "A mapping defines the same key twice. The first definition is kept; the second is reported, with the first as related position, and ignored."},
		yamlx.RuleNonStringKey:      {Warning, "A mapping key is a number, boolean or null. Design documents use string keys; the key is read as the text written."},
		yamlx.RuleComplexKey:        {Error, "A mapping key is itself a mapping or sequence. Design documents cannot use it; the pair is dropped."},
		yamlx.RuleAmbiguousBool:     {Warning, "An unquoted yes, no, on, off, y or n. YAML 1.1 read these as booleans, YAML 1.2 (and opsdesign) reads them as strings: quote the text or write true or false."},
		yamlx.RuleBadMerge:          {Error, "A merge key (<<) whose value is not a mapping or a list of mappings. The merge is dropped."},
		yamlx.RuleAnchorRedefined:   {Warning, "An anchor name defined twice in one document. Aliases after the second definition refer to it, which is rarely what was meant."},
		yamlx.RuleEmptyDocument:     {Warning, "A document with no content between two document markers. It is usually a stray ---."},
		yamlx.RuleMultipleDocuments: {Error, "More than one document where exactly one is expected (a JSON file holds one value)."},
		yamlx.RuleDocumentLimit:     {Error, "The file holds more documents than the loader's limit. Documents past the limit are not loaded."},
		yamlx.RuleNestingLimit:      {Error, "A document nests mappings and sequences deeper than the loader's limit. The document is not loaded."},
		yamlx.RuleAliasLimit:        {Error, "Expanding aliases would create more nodes than the loader's limit (a \"billion laughs\" file). The alias that crossed the limit reads as null."},
		"limits/file-size":          {Error, "The file is larger than the loader's byte limit. It is not loaded."},
		ruleRequired:                {Error, "A required key is missing. Reported at the mapping that lacks it."},
		ruleUnknownKey:              {Error, "A key the document's schema does not define: usually a typo, which would otherwise leave the intended setting silently unset. Reported at the key."},
		ruleType:                    {Error, "A value of the wrong type (a list where text is expected, say)."},
		ruleEnum:                    {Error, "A value outside the allowed set (a state, a channel, a category)."},
		ruleValue:                   {Error, "A value that breaks a constraint of the schema: a pattern, a minimum, a date format."},
		ruleUnknownKind:             {Error, "An opsdesign/v1 document of a kind opsdesign does not know."},
		ruleForeign:                 {Info, "A document of another specification (apiVersion other than opsdesign/v1) that no importer reads. It is kept in the design but not checked."},
	}
	rules := make([]Rule, 0, len(docs))
	for id, d := range docs {
		rules = append(rules, Rule{ID: id, Doc: d.doc, Severity: d.sev})
	}
	return rules
}

// engineRules are reported by the linter itself.
func engineRules() []Rule {
	return []Rule{
		{ID: "suppress/missing-reason", Severity: Error, Doc: "An inline suppression that gives no reason. Every suppression must say why the finding does not apply, so reviewers can judge it."},
		{ID: "suppress/missing-rule", Severity: Error, Doc: "An inline suppression that names no rule. Suppressions are per rule, so nothing else is hidden by accident."},
		{ID: "suppress/unknown-rule", Severity: Warning, Doc: "An inline suppression that names a rule the linter does not have: usually a typo, so the finding it meant to hide still shows."},
		{ID: "suppress/unused", Severity: Info, Doc: "An inline suppression that matches no finding. The problem it hid is gone: delete the comment."},
		{ID: "lint/unknown-rule", Severity: Warning, Doc: "The configuration names a rule the linter does not have."},
		{ID: "lint/invalid-rule", Severity: Error, Doc: "A rule given to the linter has a malformed ID, no doc or no severity, or is registered twice. It does not run."},
		{ID: "lint/rule-panic", Severity: Error, Doc: "A rule panicked while it ran. The other rules' findings are still reported."},
	}
}
