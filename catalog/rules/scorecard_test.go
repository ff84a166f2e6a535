package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestScorecardFixtures(t *testing.T) { runFixture(t, "scorecard") }

func TestScorecardRulesExactly(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: s}
spec:
  levels:
    - name: one
      checks:
        - {name: a, noFindings: [ref/unresolvd, team/mine, team/*]}
        - {name: a}
    - name: one
`
	mine := catalog.Rule{ID: "team/mine", Doc: "A team's own rule.", Severity: catalog.Warning, Run: func(*catalog.Pass) {}}
	d := parse("s.yaml", src)
	diags := (&catalog.Linter{Rules: append(rules.All(), mine)}).Lint(d)
	assert.Equal(t, []string{
		"scorecard/duplicate-level 6:13 /spec/levels/0/name",
		"scorecard/duplicate-check 8:18 /spec/levels/0/checks/0/name",
		"scorecard/unknown-rule 8:34 /spec/levels/0/checks/0/noFindings/0",
		"scorecard/check-condition 9:11 /spec/levels/0/checks/1",
		"scorecard/duplicate-check 9:18 /spec/levels/0/checks/1/name",
		"scorecard/duplicate-level 10:13 /spec/levels/1/name",
	}, keys(diags))
	assert.Equal(t, `check "a" names unknown rule "ref/unresolvd"; did you mean "ref/unresolved"?`, diags[2].Message)
	require.Len(t, diags[0].Related, 1)
	assert.Equal(t, 10, diags[0].Related[0].Pos.Line)

	// Without the team's rule in the linter, its ID and group are unknown.
	diags = rules.Lint(d).ByRule("scorecard/unknown-rule")
	assert.Len(t, diags, 3)
}
