package rules_test

import (
	"fmt"
	"path/filepath"
	"testing"
	_ "time/tzdata" // the fixtures name IANA zones; the tests must not depend on the machine's copy

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestRolesFixtures(t *testing.T) { runFixture(t, "roles") }

// TestRolesFindingsExactly pins every finding of the roles fixture to its
// rule, line, column and JSON pointer; parse errors point at the character
// where reading stopped.
func TestRolesFindingsExactly(t *testing.T) {
	diags := only("roles", rules.Lint(load(t, "testdata/roles")))
	assert.Equal(t, []string{
		"roles/personalised-without-bridge 64:7 /spec/tasks/0",
		"roles/bridge-not-certified 74:15 /spec/tasks/1/bridge",
		"roles/escalation-concentrated 75:21 /spec/tasks/1/escalatesTo/0",
		"roles/depersonalised-without-procedure 76:7 /spec/tasks/2",
		"roles/single-person-task 83:13 /spec/tasks/3/name",
		"roles/task-without-people 90:13 /spec/tasks/4/name",
		"roles/toil-over-limit 103:31 /spec/tasks/5/effort/hoursPerMonth",
		"roles/invalid-schedule 122:24 /spec/hours",              // at "1800"
		"roles/person-too-many-tasks 152:3 /spec/tasks",          //
		"roles/invalid-schedule 160:13 /spec/timeZone",           // Asia/Tokio
		"roles/invalid-schedule 162:17 /spec/shifts/0",           // at "Fry"
		"roles/invalid-schedule 173:55 /spec/exceptions/0/hours", // at "25:00"
		"roles/invalid-schedule 174:14 /spec/exceptions/1/from",
		"roles/invalid-schedule 176:11 /spec/exceptions/2/to",
		"roles/person-over-hours 185:3 /spec/shifts",
		"roles/team-too-large 197:3 /spec/members",
	}, keys(diags))

	byRule := func(rule string) catalog.Diagnostic {
		for _, d := range diags {
			if d.Rule == rule {
				return d
			}
		}
		t.Fatalf("no %s", rule)
		return catalog.Diagnostic{}
	}
	// Story 4: the task only one person can do names that person, and
	// points at where she lists it.
	sole := byRule("roles/single-person-task")
	assert.Contains(t, sole.Message, `only "hana" can perform task "restore-database"`)
	require.Len(t, sole.Related, 1)
	assert.Equal(t, 184, sole.Related[0].Pos.Line)
	assert.Equal(t, 11, sole.Related[0].Pos.Column)
	assert.Equal(t, catalog.Warning, sole.Severity)

	// Story 5: the escalations that all end with sato, the first reported,
	// the others related.
	esc := byRule("roles/escalation-concentrated")
	assert.Contains(t, esc.Message, `"sato" is the escalation target of 3 of 4 escalating tasks (75%, limit 50%)`)
	var lines []int
	for _, r := range esc.Related {
		lines = append(lines, r.Pos.Line)
	}
	assert.Equal(t, []int{81, 89}, lines)

	// Story 14, and a limit set in Settings shown where it is set.
	assert.Contains(t, byRule("roles/toil-over-limit").Message, "operations work is 86% of the effort the tasks state (120h of 140h a month; limit 50%)")
	many := byRule("roles/person-too-many-tasks")
	require.Len(t, many.Related, 1)
	assert.Equal(t, 14, many.Related[0].Pos.Line)

	assert.Contains(t, byRule("roles/bridge-not-certified").Message, `bridge "suzuki"`)
	for _, d := range diags {
		if d.Rule == "roles/invalid-schedule" {
			assert.Equal(t, catalog.Error, d.Severity, d.Message)
		}
	}
}

// Design.Roster reports what it cannot read at the default severity of
// roles/invalid-schedule, the rule that documents it here.
func TestInvalidScheduleSeverity(t *testing.T) {
	_, diags := load(t, "testdata/roles").Roster()
	require.NotEmpty(t, diags)
	for _, r := range rules.All() {
		if r.ID == catalog.RuleInvalidSchedule {
			assert.Equal(t, r.Severity, diags[0].Severity)
			return
		}
	}
	t.Fatalf("no rule %s", catalog.RuleInvalidSchedule)
}

func TestRolesPlacementFixtures(t *testing.T) { runFixture(t, "roles-placement") }

// TestBridgeNotCertifiedShowsTheRoles: the finding at a bridge who holds
// no certified role points, as a related position, at the bridge's roles:
// at the key when they are written empty, at the person's document when
// they are left out (the placement cases pin the findings themselves).
func TestBridgeNotCertifiedShowsTheRoles(t *testing.T) {
	var related []string
	for _, d := range rules.Lint(load(t, "testdata/roles-placement")) {
		if d.Rule != "roles/bridge-not-certified" {
			continue
		}
		for _, r := range d.Related {
			related = append(related, fmt.Sprintf("%s:%d:%d %s", filepath.Base(r.Pos.File), r.Pos.Line, r.Pos.Column, r.Message))
		}
	}
	assert.Equal(t, []string{
		`placement-absent.yaml:83:1 the roles of "sho"`, // sho writes no spec at all
		`placement-empty.yaml:80:3 the roles of "rin"`,  // roles: []
	}, related)
}

// TestAmbiguousShiftTexts: a range that ends when it starts, and an empty
// list or text, could mean nothing or all day; each is an error at the
// character or key at fault, with the unambiguous spelling as a hint, for
// a person's shifts and exceptions, a service's hours, a Calendar's hours
// and a ticket policy's calendar alike.
func TestAmbiguousShiftTexts(t *testing.T) {
	diags := rules.Lint(load(t, "testdata/roles-shifts"))
	assert.Equal(t, []string{
		"roles/invalid-schedule 22:18 /spec/hours",              // Mon-Sun 09:00-09:00, at the range
		"roles/invalid-schedule 40:13 /spec/hours",              // 毎日 9:00〜9:00
		"roles/invalid-schedule 56:21 /spec/shifts/0",           // Mon-Fri 09:00-09:00
		"roles/invalid-schedule 58:35 /spec/exceptions/0/hours", // 18:00-18:00
		"roles/invalid-schedule 67:3 /spec/shifts",              // shifts: []
		"roles/invalid-schedule 76:17 /spec/shifts/0",           // 月-金 9:00〜9:00
		"roles/invalid-schedule 76:29 /spec/shifts/1",           // ""
		"slo/invalid-calendar 84:20 /spec/hours/0",              // mon-fri 09:00-09:00
		"slo/invalid-calendar 92:3 /spec/hours",                 // hours: []
		"ticketpolicy/calendar 102:5 /spec/calendar/hours",      // hours: []
	}, keys(diags))
	hints := []string{
		"24x7", "24x7", "write 00:00-24:00 for a whole day", "leave the times out for a whole day",
		"leave shifts out for someone never on shift", "write 00:00-24:00 for a whole day", "an empty shift says no day and no time",
		"write 00:00-24:00 for a whole day", "leave hours out for a calendar open all day every day", "leave hours out for a calendar open all day every day",
	}
	for i, d := range diags {
		assert.Contains(t, d.Message, hints[i], d.Path)
		assert.Equal(t, catalog.Error, d.Severity)
	}
	assert.Contains(t, diags[0].Message, "start equals end")
}
