package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// baseline/stale is reported by package catalog/config, at its default
// severity, and is one of the built-in rules so that a configuration may
// re-grade it without the Linter calling it unknown.
func TestBaselineStale(t *testing.T) {
	var stale catalog.Rule
	for _, r := range rules.All() {
		if r.ID == "baseline/stale" {
			stale = r
		}
	}
	require.Equal(t, "baseline/stale", stale.ID)
	assert.Nil(t, stale.Run, "reported by catalog/config, not by a Linter")

	d := parse("s.yaml", lifecycleGap)
	findings := rules.Lint(d)
	require.NotEmpty(t, findings)
	_, reported := config.NewBaseline(".", findings).Filter(nil)
	require.Len(t, reported, len(findings))
	assert.Equal(t, "baseline/stale", reported[0].Rule)
	assert.Equal(t, stale.Severity, reported[0].Severity)

	l := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{Rules: map[string]catalog.RuleConfig{"baseline/stale": {Severity: catalog.Warning}}}}
	assert.Equal(t, findings, l.Lint(d), "no lint/unknown-rule")
	assert.Equal(t, catalog.Warning, l.Config.Apply(reported)[0].Severity)
}

// lifecycleGap is a service that designs none of its lifecycle.
const lifecycleGap = "apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: s}\nspec: {state: active, owner: nobody}\n"
