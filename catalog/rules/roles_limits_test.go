package rules_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestRolesLimitsFixtures(t *testing.T) { runFixture(t, "roles-limits") }

// TestOperationAndTeamLimits uses the default soft limits: 7 per team, 80
// per operation, reported at the first person past the limit.
func TestOperationAndTeamLimits(t *testing.T) {
	design := func(people, team int) string {
		var b strings.Builder
		for i := range people {
			fmt.Fprintf(&b, "---\n{apiVersion: opsdesign/v1, kind: Person, metadata: {name: p%02d}}\n", i)
		}
		b.WriteString("---\napiVersion: opsdesign/v1\nkind: Team\nmetadata: {name: t}\nspec:\n  members: [")
		for i := range team {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "p%02d", i)
		}
		b.WriteString("]\n")
		return b.String()
	}
	lint := func(src string) catalog.Diagnostics {
		return only("roles", rules.Lint(parse("d.yaml", src)))
	}
	assert.Empty(t, lint(design(80, 7)))
	diags := lint(design(81, 8))
	assert.Equal(t, []string{
		"roles/operation-too-large 162:59 /metadata/name",
		"roles/team-too-large 168:3 /spec/members",
	}, keys(diags))
	assert.Contains(t, diags[0].Message, `the operation has 81 people (soft limit 80); "p80" is the first person past it`)
	assert.Contains(t, diags[1].Message, `team "t" has 8 members (soft limit 7)`)

	// Settings lower the limits.
	settings := "apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  roles: {teamSize: 3, operationSize: 5}\n"
	assert.Equal(t, []string{"roles/operation-too-large", "roles/team-too-large"}, ruleIDs(lint(settings+design(6, 4))))
}

func TestRolesToilFixtures(t *testing.T)       { runFixture(t, "roles-toil") }
func TestRolesToilJaFixtures(t *testing.T)     { runFixture(t, "roles-toil-ja") }
func TestRolesEscalationFixtures(t *testing.T) { runFixture(t, "roles-escalation") }
func TestRolesEscalationJaFixtures(t *testing.T) {
	runFixture(t, "roles-escalation-ja")
}
