package catalog

import (
	"fmt"
	"maps"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// Rule is a check, as a value: its stable ID, what it is for, its default
// severity and the function that runs it over a whole design. Built-in and
// user rules are the same type and run together (see Linter).
//
// A rule whose Run is nil is reported elsewhere: while documents are read
// (see LoaderRules), or by a tool around the linter (baseline/stale, which
// package catalog/config reports). It is listed so it can be documented,
// re-graded and disabled like any other.
type Rule struct {
	// ID is stable and kebab-case, grouped by a slash prefix, such as
	// "lifecycle/missing-event". Tests and configuration refer to it.
	ID string
	// Doc says what the rule finds and why it matters; its first sentence
	// is a summary. It may add a YAML example of a finding, in a ```yaml
	// fence or indented by a tab; docs/rules.md and SARIF show it as code
	// (see catalog/report.Describe).
	Doc      string
	Severity Severity
	Run      func(*Pass)
}

// ErrInvalidRule is wrapped by Rule.Validate; it is diag.ErrInvalidRule.
var ErrInvalidRule = diag.ErrInvalidRule

// Info returns the rule's documentation: its ID, doc and default severity.
func (r Rule) Info() diag.RuleInfo {
	return diag.RuleInfo{ID: r.ID, Doc: r.Doc, Severity: r.Severity}
}

// Validate checks that the rule can be registered: a well-formed ID, a doc
// and a valid severity.
func (r Rule) Validate() error { return r.Info().Validate() }

// Pass is what a rule's Run receives: the design to check and the means
// to report. A Pass is used by one rule on one goroutine.
type Pass struct {
	Design *Design
	Rule   Rule

	diags Diagnostics
	known map[string]Rule // the linter's valid rules, by ID
	now   time.Time       // the linter's clock, read once per Lint
}

// Now returns the time the lint runs at: what Linter.Now returned, read
// once per Lint so that every rule sees the same instant, or time.Now for
// a Pass made outside a Linter. Rules that judge ages use it, so tests can
// fix the date.
func (p *Pass) Now() time.Time {
	if p.now.IsZero() {
		return time.Now()
	}
	return p.now
}

// HasRule reports whether the linter running the pass has the rule with
// the ID, or, for a "group/*" pattern, some rule of that group: one of the
// rules it was given, or one of the catalog's own (LoaderRules and
// EngineRules), which every Linter knows. A Pass made outside a Linter
// knows the catalog's own rules and the rule it runs for, not the
// built-in design rules: those are in package catalog/rules, which
// catalog cannot import.
func (p *Pass) HasRule(pattern string) bool {
	known := p.knownRules()
	if _, ok := known[pattern]; ok {
		return true
	}
	return knownGroup(known, pattern)
}

// RuleIDs returns the IDs of the rules HasRule knows, sorted. Exported for
// rules that check rule IDs written in a design (scorecard/unknown-rule)
// and suggest the nearest one.
func (p *Pass) RuleIDs() []string { return mapKeys(p.knownRules()) }

// knownRules returns the linter's rules, or for a Pass made outside a
// Linter, the catalog's own rules and the pass's rule.
func (p *Pass) knownRules() map[string]Rule {
	if p.known == nil {
		p.known = maps.Clone(ownRules())
		if p.Rule.ID != "" {
			p.known[p.Rule.ID] = p.Rule
		}
	}
	return p.known
}

// Report records a diagnostic as it is given, but for Rule, which is set to
// the running rule's ID, and a zero Severity, which takes the rule's
// default. Reportf and ReportKeyf fill in the position from a JSON pointer.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.ID
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	p.diags = append(p.diags, d)
}

// Reportf reports a finding about the value at the JSON pointer ptr of a
// document, positioned by Document.At.
func (p *Pass) Reportf(doc *Document, ptr string, format string, args ...any) {
	p.Report(Diagnostic{Pos: doc.At(ptr), Path: ptr, Message: fmt.Sprintf(format, args...)})
}

// ReportKeyf is Reportf positioned at the key of the member at ptr rather
// than at its value.
func (p *Pass) ReportKeyf(doc *Document, ptr string, format string, args ...any) {
	p.Report(Diagnostic{Pos: doc.KeyAt(ptr), Path: ptr, Message: fmt.Sprintf(format, args...)})
}
