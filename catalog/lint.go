package catalog

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// Config adjusts which rules run and how findings are graded.
type Config struct {
	// Rules configures rules by ID ("lifecycle/open-decision") or by group
	// ("lifecycle/*"); an exact ID wins over its group.
	Rules map[string]RuleConfig
	// Overrides configure rules again for the files they match, in order:
	// a later match wins over an earlier one and over Rules.
	Overrides []Override
}

// RuleConfig disables or re-grades one rule or group.
type RuleConfig struct {
	Disabled bool
	Severity Severity // 0 keeps the rule's default
}

// lookup returns the configuration that applies to a rule ID.
func (c Config) lookup(id string) (RuleConfig, bool) {
	if rc, ok := c.Rules[id]; ok {
		return rc, true
	}
	for i := len(id) - 1; i > 0; i-- {
		if id[i] == '/' {
			if rc, ok := c.Rules[id[:i]+"/*"]; ok {
				return rc, true
			}
		}
	}
	return RuleConfig{}, false
}

// Linter runs rules over designs. A Linter is safe for concurrent use.
//
// The built-in design rules are in package catalog/rules, which catalog
// cannot import: give them to the Linter, with your own appended.
//
//	linter := &catalog.Linter{Rules: append(rules.All(), mine)}
type Linter struct {
	// Rules are the checks to run. Every Linter also knows the catalog's
	// own rules (LoaderRules and EngineRules): configuration and
	// suppressions may name them, and loading findings are reported with
	// the rest. Nil is a mistake, reported as one lint/no-rules error
	// rather than silently checking nothing; an empty, non-nil slice runs
	// no checks on purpose.
	Rules  []Rule
	Config Config
	// Now is the clock rules judge ages by (how long ago a restore was
	// tested); nil means time.Now. Set it to lint as of a fixed date.
	Now func() time.Time
}

// Lint returns every finding for the design, loading diagnostics included,
// after configuration and inline suppressions, sorted by position. Rules
// run concurrently; the result does not depend on timing.
//
// A finding is suppressed by a comment on its line, or alone on the line
// before it, that names the rule (or its group, "lifecycle/*") and says
// why:
//
//	owner: nobody # opsdesign:ignore ref/unresolved handed over next quarter
//
// Suppressions without a reason, naming unknown rules, or matching nothing
// are reported themselves.
func (l *Linter) Lint(d *Design) Diagnostics {
	known, valid, out := l.rules()
	var runnable []Rule
	for _, r := range valid {
		if r.Run != nil && l.Config.mayRun(r.ID) {
			runnable = append(runnable, r)
		}
	}
	for _, id := range l.Config.ruleNames() {
		if _, ok := known[id]; !ok && !knownGroup(known, id) {
			out = append(out, Diagnostic{Rule: ruleUnknownRule, Severity: defaultSeverity(ruleUnknownRule),
				Message: fmt.Sprintf("configuration names unknown rule %q%s", id, suggest.DidYouMean(id, mapKeys(known)))})
		}
	}

	clock := time.Now
	if l.Now != nil {
		clock = l.Now
	}
	now := clock()
	results := make([]Diagnostics, len(runnable))
	parallel(len(runnable), func(i int) {
		p := &Pass{Design: d, Rule: runnable[i], known: known, now: now}
		runRule(p)
		results[i] = p.diags
	})
	out = append(out, d.diags...)
	for _, r := range results {
		out = append(out, r...)
	}
	out = applySuppressions(out, d.suppressions, known, l.Config.mayRun)

	kept := l.Config.Apply(out)
	kept.Sort()
	return kept
}

// Known returns the rules the linter knows, sorted by ID: the catalog's
// own (LoaderRules, EngineRules) and each of its Rules that is valid and
// not a second of its ID. They are what its configuration may name
// without being reported as unknown (lint/unknown-rule), so a tool
// validating a configuration file for this linter gives them to
// config.File.Config.
func (l *Linter) Known() []diag.RuleInfo {
	known, _, _ := l.rules()
	out := make([]diag.RuleInfo, 0, len(known))
	for _, r := range known {
		out = append(out, r.Info())
	}
	return diag.SortRules(out)
}

// rules returns the rules the linter knows, by ID; its Rules that can run
// (valid, each ID once), in order; and a diagnostic for each rule it
// cannot take, or for having none at all.
func (l *Linter) rules() (known map[string]Rule, valid []Rule, diags Diagnostics) {
	known = maps.Clone(ownRules())
	if l.Rules == nil {
		diags = append(diags, Diagnostic{Rule: ruleNoRules, Severity: defaultSeverity(ruleNoRules),
			Message: "the linter has no rules (Linter.Rules is nil): give it rules.All() of package catalog/rules, with your own appended, or an empty slice to run no checks"})
	}
	for _, r := range l.Rules {
		if err := r.Validate(); err != nil {
			diags = append(diags, Diagnostic{Rule: ruleInvalidRule, Severity: defaultSeverity(ruleInvalidRule), Message: err.Error()})
			continue
		}
		if _, dup := known[r.ID]; dup {
			diags = append(diags, Diagnostic{Rule: ruleInvalidRule, Severity: defaultSeverity(ruleInvalidRule), Message: fmt.Sprintf("rule %s is registered twice", r.ID)})
			continue
		}
		known[r.ID] = r
		valid = append(valid, r)
	}
	return known, valid, diags
}

// runRule runs one rule, turning a panic into a diagnostic so that one bad
// rule (a user's, say) cannot take the whole lint down.
func runRule(p *Pass) {
	defer func() {
		if v := recover(); v != nil {
			p.diags = append(p.diags, Diagnostic{Rule: ruleRulePanic, Severity: defaultSeverity(ruleRulePanic),
				Message: fmt.Sprintf("rule %s panicked: %v", p.Rule.ID, v)})
		}
	}()
	p.Rule.Run(p)
}

func knownGroup(known map[string]Rule, pattern string) bool {
	group, ok := strings.CutSuffix(pattern, "/*")
	if !ok {
		return false
	}
	for id := range known {
		if strings.HasPrefix(id, group+"/") {
			return true
		}
	}
	return false
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
