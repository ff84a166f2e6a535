package catalog_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestMatchPath(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"legacy/*.yaml", "legacy/a.yaml", true},
		{"legacy/*.yaml", "legacy/sub/a.yaml", false},
		{"legacy", "legacy/sub/a.yaml", true},
		{"legacy/", "legacy/a.yaml", true},
		{"legacy/**", "legacy/sub/deeper/a.yaml", true},
		{"**/generated-*.yaml", "ops/x/generated-1.yaml", true},
		{"**/generated-*.yaml", "generated-1.yaml", true},
		{"ops/**/b.yaml", "ops/b.yaml", true},
		{"ops/**/b.yaml", "ops/x/y/b.yaml", true},
		{"ops/**/b.yaml", "ops/x/y/c.yaml", false},
		{"./ops/*.yaml", "ops/a.yaml", true},
		{"../../testdata/**", "../../testdata/invalid/x.yaml", true},
		{"/abs/dir/*.yaml", "/abs/dir/a.yaml", true},
		{"会員/*.yaml", "会員/カード.yaml", true},
		{"[", "[", false}, // malformed: matches nothing
		{"legacy", "legacyx/a.yaml", false},
	} {
		assert.Equal(t, tc.want, catalog.MatchPath(tc.pattern, tc.name), "%s ~ %s", tc.pattern, tc.name)
	}
}

func TestOverridesByFile(t *testing.T) {
	legacy := catalog.Source{Name: "legacy/s.yaml", Data: []byte(lifecycleBase)}
	current := catalog.Source{Name: "current/s.yaml", Data: []byte(lifecycleBase)}
	d := catalog.Parse(legacy, current)

	l := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{
		Rules: map[string]catalog.RuleConfig{"lifecycle/open-decision": {Severity: catalog.Warning}},
		Overrides: []catalog.Override{
			{Paths: []string{"legacy/**"}, Rules: map[string]catalog.RuleConfig{"lifecycle/*": {Disabled: true}}},
			// A later override wins: the open decision comes back, as info.
			{Paths: []string{"legacy/*.yaml"}, Rules: map[string]catalog.RuleConfig{"lifecycle/open-decision": {Severity: catalog.Info}}},
		},
	}}
	diags := l.Lint(d)
	type got struct {
		File, Rule string
		Severity   catalog.Severity
	}
	var all []got
	for _, dg := range diags {
		if !strings.HasPrefix(dg.Rule, "lifecycle/") { // both files define the same names
			continue
		}
		all = append(all, got{dg.Pos.File, dg.Rule, dg.Severity})
	}
	assert.Equal(t, []got{
		{"current/s.yaml", "lifecycle/missing-event", catalog.Error},
		{"current/s.yaml", "lifecycle/open-decision", catalog.Warning},
		{"legacy/s.yaml", "lifecycle/open-decision", catalog.Info},
	}, all)
}

func TestOverrideRunsRuleDisabledAtTopLevel(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "strict/s.yaml", Data: []byte(lifecycleBase)})
	l := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{
		Rules:     map[string]catalog.RuleConfig{"lifecycle/*": {Disabled: true}},
		Overrides: []catalog.Override{{Paths: []string{"strict"}, Rules: map[string]catalog.RuleConfig{"lifecycle/missing-event": {}}}},
	}}
	diags := l.Lint(d)
	require.Len(t, diags, 1)
	assert.Equal(t, "lifecycle/missing-event", diags[0].Rule)
	assert.Equal(t, 15, diags[0].Pos.Line)
}

func TestOverrideUnknownRuleIsReported(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	l := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{
		Overrides: []catalog.Override{{Paths: []string{"*"}, Rules: map[string]catalog.RuleConfig{"lifecycle/missing-evnt": {Disabled: true}}}},
	}}
	unknown := l.Lint(d).ByRule("lint/unknown-rule")
	require.Len(t, unknown, 1)
	assert.Contains(t, unknown[0].Message, `did you mean "lifecycle/missing-event"?`)
}

func TestConfigApply(t *testing.T) {
	in := catalog.Diagnostics{
		{Rule: "baseline/stale", Severity: catalog.Info, Pos: catalog.Pos{File: "b.json", Line: 3, Column: 5}},
		{Rule: "ref/unresolved", Severity: catalog.Error, Pos: catalog.Pos{File: "old/a.yaml", Line: 1, Column: 1}},
		{Rule: "ref/unresolved", Severity: catalog.Error, Pos: catalog.Pos{File: "new/a.yaml", Line: 1, Column: 1}},
	}
	c := catalog.Config{
		Rules:     map[string]catalog.RuleConfig{"baseline/stale": {Severity: catalog.Error}},
		Overrides: []catalog.Override{{Paths: []string{"old"}, Rules: map[string]catalog.RuleConfig{"ref/*": {Disabled: true}}}},
	}
	out := c.Apply(in)
	require.Len(t, out, 2)
	assert.Equal(t, catalog.Error, out[0].Severity)
	assert.Equal(t, "new/a.yaml", out[1].Pos.File)
	assert.Equal(t, catalog.Info, in[0].Severity, "input untouched")
}

// BenchmarkConfigApply10k applies a configuration with top-level settings
// and three overrides to 10,000 findings over 100 files. Its same-run
// reference is sorting the same findings, which Lint does right after:
// compare ConfigApply10k/apply with ConfigApply10k/sort.
func BenchmarkConfigApply10k(b *testing.B) {
	diags := make(catalog.Diagnostics, 10_000)
	for i := range diags {
		diags[i] = catalog.Diagnostic{Rule: []string{"lifecycle/open-decision", "ref/unresolved", "ops/value-missing"}[i%3],
			Severity: catalog.Error, Pos: catalog.Pos{File: fmt.Sprintf("ops/team-%d/design.yaml", i%100), Line: i, Column: 3},
			Message: "m"}
	}
	c := catalog.Config{
		Rules: map[string]catalog.RuleConfig{"ops/*": {Severity: catalog.Warning}},
		Overrides: []catalog.Override{
			{Paths: []string{"ops/team-1*/**"}, Rules: map[string]catalog.RuleConfig{"lifecycle/*": {Disabled: true}}},
			{Paths: []string{"**/design.yaml"}, Rules: map[string]catalog.RuleConfig{"ref/unresolved": {Severity: catalog.Info}}},
			{Paths: []string{"legacy"}, Rules: map[string]catalog.RuleConfig{"ops/*": {Disabled: true}}},
		},
	}
	b.Run("sort", func(b *testing.B) {
		for b.Loop() {
			l := slices.Clone(diags)
			slices.Reverse(l)
			l.Sort()
		}
	})
	b.Run("apply", func(b *testing.B) {
		for b.Loop() {
			if out := c.Apply(diags); len(out) == 0 {
				b.Fatal("everything disabled")
			}
		}
	})
}
