package rules_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// TestEscalationThroughRolesExactly: the role only sato holds, the team
// only she is on and her own name are three paths to one person, reported
// at the first, the others related, each path in the message.
func TestEscalationThroughRolesExactly(t *testing.T) {
	diags := only("roles", rules.Lint(load(t, "testdata/roles-escalation")))
	assert.Equal(t, []string{"roles/escalation-concentrated 78:21 /spec/tasks/0/escalatesTo/0"}, keys(diags))
	assert.Equal(t, `"sato" is the escalation target of 3 of 4 escalating tasks (75%, limit 50%), by the paths `+
		`respond-alert → role "incident-commander", held by "sato" alone; restore-database → team "db-oncall", whose only member is "sato"; investigate-outage → "sato": `+
		`spread escalations over a rota or a team so one person is not the end of every incident`, diags[0].Message)
	var lines []int
	for _, r := range diags[0].Related {
		lines = append(lines, r.Pos.Line)
	}
	assert.Equal(t, []int{86, 94}, lines)
	assert.Equal(t, `task "restore-database" of service "web-shop" ends with "sato" too: it escalates to team "db-oncall", whose only member is "sato"`, diags[0].Related[0].Message)
}

// TestTeamToilExactly: the platform team is reported at its name with its
// figures and each member's; the desk (35%) and the whole operation (47%)
// are not.
func TestTeamToilExactly(t *testing.T) {
	diags := only("roles", rules.Lint(load(t, "testdata/roles-toil")))
	assert.Equal(t, []string{"roles/team-toil-over-limit 76:9 /metadata/name"}, keys(diags))
	assert.Equal(t, `operations work is 73% of team "platform"'s stated effort (110h of 150h a month; limit 50%; by owner: aki 40h of 50h, ben 30h of 60h, the team as a whole 40h of 40h): `+
		`plan improvement work (category: improvement) for the team, or move operations work to a team with room`, diags[0].Message)
	assert.Equal(t, catalog.Warning, diags[0].Severity)

	diags = only("roles", rules.Lint(load(t, "testdata/roles-toil-ja")))
	assert.Equal(t, []string{"roles/team-toil-over-limit 48:9 /metadata/name"}, keys(diags))
	assert.Contains(t, diags[0].Message, `operations work is 82% of team "夜間監視"'s stated effort (90h of 110h a month; limit 50%; by owner: 山田 80h of 80h, 鈴木 10h of 10h, the team as a whole 0h of 20h); 1 of its tasks states no effort and is not counted`)

	// A lower limit in Settings brings the desk in too, and points at it.
	src, err := os.ReadFile("testdata/roles-toil/design.yaml")
	require.NoError(t, err)
	d := parse("d.yaml", string(src)+"---\napiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  roles: {toilShare: 0.3}\n")
	diags = only("roles", rules.Lint(d))
	assert.Equal(t, []string{"roles/team-toil-over-limit", "roles/team-toil-over-limit", "roles/toil-over-limit"}, ruleIDs(diags))
	assert.Contains(t, diags[1].Message, `operations work is 31% of team "service-desk"'s stated effort (80h of 255h a month; limit 30%; by owner: cho 25h of 75h, dan 30h of 30h, the team as a whole 25h of 150h)`)
	require.Len(t, diags[1].Related, 1)
	assert.Equal(t, "the limit is set here", diags[1].Related[0].Message)
}
