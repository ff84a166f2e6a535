package catalog

import (
	"sync"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// The catalog's own rules: those the loader reports while it reads and
// validates files, and those the Linter reports about its rules,
// configuration and suppressions. Every Linter knows them, whatever rules
// it runs; the built-in design rules are in package catalog/rules, and its
// Registry lists these tables with every other rule of the product.

// LoaderRules documents the rules the loader reports while it reads files
// and validates documents: YAML and JSON syntax, input limits, schemas, and
// where the OpenSLO specification and its go-sdk disagree. They have no
// Run; configuration re-grades and disables them like any other. The
// slice is new on every call.
func LoaderRules() []diag.RuleInfo {
	return []diag.RuleInfo{
		{ID: yamlx.RuleSyntax, Severity: Error, Doc: "The file is not valid YAML. Reported at the line and column of the mistake, saying what is wrong there " +
			"(an item indented by 3 where its siblings are by 4, a quote never closed, a control character by name). " +
			"The document with the error is skipped, and references to it are not checked until it is fixed (the message names it); " +
			"the other documents of the file are still loaded."},
		{ID: yamlx.RuleJSONSyntax, Severity: Error, Doc: "The file is not valid JSON. Nothing of it is loaded."},
		{ID: yamlx.RuleDuplicateKey, Severity: Error, Doc: "A mapping defines the same key twice. The first definition is kept; the second is reported, with the first as related position, and ignored."},
		{ID: yamlx.RuleNonStringKey, Severity: Warning, Doc: "A mapping key is a number, boolean or null. Design documents use string keys; the key is read as the text written."},
		{ID: yamlx.RuleComplexKey, Severity: Error, Doc: "A mapping key is itself a mapping or sequence. Design documents cannot use it; the pair is dropped."},
		{ID: yamlx.RuleAmbiguousBool, Severity: Warning, Doc: "An unquoted yes, no, on, off, y or n. YAML 1.1 read these as booleans, YAML 1.2 (and opsdesign) reads them as strings: quote the text or write true or false."},
		{ID: yamlx.RuleBadMerge, Severity: Error, Doc: "A merge key (<<) whose value is not a mapping or a list of mappings. The merge is dropped."},
		{ID: yamlx.RuleAnchorRedefined, Severity: Warning, Doc: "An anchor name defined twice in one document. Aliases after the second definition refer to it, which is rarely what was meant."},
		{ID: yamlx.RuleEmptyDocument, Severity: Warning, Doc: "A document with no content between two document markers. It is usually a stray ---."},
		{ID: yamlx.RuleMultipleDocuments, Severity: Error, Doc: "More than one document where exactly one is expected (a JSON file holds one value)."},
		{ID: yamlx.RuleDocumentLimit, Severity: Error, Doc: "The file holds more documents than the loader's limit (Limits.MaxDocuments; by default as many as the shortest real documents, 48 bytes, fit in the file, and at least 10,000, so that a file of real documents loads whole and a file of tiny ones costs no more than real documents of its size), or more than 10,000 empty documents. Documents past the limit are not loaded."},
		{ID: yamlx.RuleNestingLimit, Severity: Error, Doc: "A document nests mappings and sequences deeper than the loader's limit. The document is not loaded, and references to it are not checked."},
		{ID: yamlx.RuleAliasLimit, Severity: Error, Doc: "Expanding aliases would create more nodes than the loader's limit (a \"billion laughs\" file). The alias that crossed the limit reads as null."},
		{ID: ruleFileSize, Severity: Error, Doc: "The file is larger than the loader's byte limit (Limits.MaxFileBytes, 16 MiB by default). It is not loaded. " +
			"A path named explicitly that is a stream (a FIFO, /dev/stdin) is read up to the limit and reported here when it goes on past it, so an endless stream cannot run the loader forever."},
		{ID: ruleNotRegular, Severity: Warning, Doc: "A FIFO, device or socket met in a directory walk, with a name the loader reads (.yaml, .yml, .json). It is not opened: a FIFO with no writer would block the walk forever and a device may never end. " +
			"Name it explicitly to read it, up to the byte limit. Reported at its path."},
		{ID: ruleBrokenLink, Severity: Error, Doc: "A symbolic link met in a directory walk that leads nowhere: its target is missing, or it leads round through links to itself. " +
			"Whatever it was meant to bring into the design is not read. Reported at the link."},
		{ID: ruleLinkLoop, Severity: Warning, Doc: "A symbolic link met in a directory walk that leads to a directory holding it (design/sub/up -> ..), so following it would never end. " +
			"It is not followed; the directory it leads to is read once. Reported at the link, once."},
		{ID: ruleDuplicatePath, Severity: Info, Doc: "A path met in a directory walk that leads to a file or directory already read through another path: a symbolic link (design/current -> v2) or a hard link. " +
			"The loader follows links, and reads each real file once so that its documents are not reported as duplicates of themselves. Reported at the second path."},
		{ID: ruleRequired, Severity: Error, Doc: "A required key is missing. Reported at the mapping that lacks it."},
		{ID: ruleUnknownKey, Severity: Error, Doc: "A key the document's schema does not define: usually a typo, which would otherwise leave the intended setting silently unset. Reported at the key."},
		{ID: ruleType, Severity: Error, Doc: "A value of the wrong type (a list where text is expected, say)."},
		{ID: ruleEnum, Severity: Error, Doc: "A value outside the allowed set (a state, a channel, a category)."},
		{ID: ruleValue, Severity: Error, Doc: "A value that breaks a constraint of the schema: a pattern, a minimum, a date format."},
		{ID: ruleUnknownKind, Severity: Error, Doc: "An opsdesign/v1 document of a kind opsdesign does not know."},
		{ID: ruleForeign, Severity: Info, Doc: "A document of another specification, whose apiVersion and kind no reader knows (the readers know opsdesign/v1 and OpenSLO's openslo/v1alpha, openslo/v1 and openslo.com/v2alpha; Backstage's backstage.io/v1alpha1, v1beta1 and scaffolder.backstage.io/v1beta3 are checked by the backstage/ rules). It is kept in the design but not checked; the message lists the apiVersions opsdesign reads."},
		{ID: ruleUnknownAPIVersion, Severity: Warning, Doc: "An apiVersion no reader knows on a document whose kind opsdesign or OpenSLO defines: usually a typo. " +
			"A typo must not switch checking off, so the document is still checked, as the version it reads best as among those it may mean, and its mistakes are reported; " +
			"it is not read into the design (its objectives are not evaluated) until its apiVersion is one opsdesign reads. Other tools reject the file outright. " +
			"An apiVersion a typo away from one of Backstage's (backstage.io/v1alpah1) is reported too, with what it may mean; that entity is not checked until it is fixed.\n\n" +
			"```yaml\napiVersion: opensol/v1   # did you mean \"openslo/v1\"?\nkind: SLO\n```"},
		{ID: ruleSpecSDK, Severity: Warning, Doc: "A point where the OpenSLO specification and its go-sdk (which oslo validate uses) disagree, so the document is valid for one and rejected by the other. " +
			"The specification's own examples set op on objectives of a ratioMetric SLO (the go-sdk forbids it), write AlertConditions without op (the go-sdk requires it), use names with capitals (the go-sdk wants RFC 1123 labels), " +
			"and allow a timeSliceWindow in plain minutes, a displayName longer than 63 characters or an SLO without timeWindow (the go-sdk does not); the go-sdk accepts composite SLOs the v1 specification does not define. " +
			"Write what both accept to be portable.\n\n" +
			"```yaml\nobjectives:\n  - op: gt          # a ratioMetric SLO: the go-sdk rejects op\n    target: 0.99\n```"},
	}
}

// EngineRules documents the rules the Linter reports itself: about the
// rules it is given, its configuration and inline suppressions. The slice
// is new on every call.
func EngineRules() []diag.RuleInfo {
	return []diag.RuleInfo{
		{ID: ruleSuppressMissingReason, Severity: Error, Doc: "An inline suppression that gives no reason. Every suppression must say why the finding does not apply, so reviewers can judge it."},
		{ID: ruleSuppressMissingRule, Severity: Error, Doc: "An inline suppression that names no rule. Suppressions are per rule, so nothing else is hidden by accident."},
		{ID: ruleSuppressUnknownRule, Severity: Warning, Doc: "An inline suppression that names a rule the linter does not have: usually a typo, so the finding it meant to hide still shows."},
		{ID: ruleSuppressUnused, Severity: Info, Doc: "An inline suppression that matches no finding. The problem it hid is gone: delete the comment."},
		{ID: ruleUnknownRule, Severity: Warning, Doc: "The configuration names a rule the linter does not have."},
		{ID: ruleInvalidRule, Severity: Error, Doc: "A rule given to the linter has a malformed ID, no doc or no severity, or is registered twice. It does not run."},
		{ID: ruleRulePanic, Severity: Error, Doc: "A rule panicked while it ran. The other rules' findings are still reported."},
		{ID: ruleNoRules, Severity: Error, Doc: "A Linter was given no rules at all (its Rules field is nil), so it checked nothing but what loading found. " +
			"Pass the built-in rules, rules.All() of package catalog/rules, with your own appended; an empty, non-nil slice runs no checks on purpose."},
	}
}

// The IDs of the engine's rules.
const (
	ruleSuppressMissingReason = "suppress/missing-reason"
	ruleSuppressMissingRule   = "suppress/missing-rule"
	ruleSuppressUnknownRule   = "suppress/unknown-rule"
	ruleSuppressUnused        = "suppress/unused"
	ruleUnknownRule           = "lint/unknown-rule"
	ruleInvalidRule           = "lint/invalid-rule"
	ruleRulePanic             = "lint/rule-panic"
	ruleNoRules               = "lint/no-rules"
)

// The loader's rules for a file over the byte limit and for what a
// directory walk meets and does not read.
const (
	ruleFileSize      = "limits/file-size"
	ruleNotRegular    = "load/not-regular"
	ruleBrokenLink    = "load/broken-link"
	ruleLinkLoop      = "load/link-loop"
	ruleDuplicatePath = "load/duplicate-path"
)

// ownRules maps the IDs of the loader's and the engine's rules to them, as
// rules without Run; built once, read-only after.
var ownRules = sync.OnceValue(func() map[string]Rule {
	m := map[string]Rule{}
	for _, table := range [][]diag.RuleInfo{LoaderRules(), EngineRules()} {
		for _, r := range table {
			m[r.ID] = Rule{ID: r.ID, Doc: r.Doc, Severity: r.Severity}
		}
	}
	return m
})

// defaultSeverity is the default severity of one of the catalog's own
// rules; Error for an ID that is none of them (a test keeps every ID the
// loader and engine report in their tables).
func defaultSeverity(id string) Severity {
	if r, ok := ownRules()[id]; ok {
		return r.Severity
	}
	return Error
}
