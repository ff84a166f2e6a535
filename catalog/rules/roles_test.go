package rules_test

import (
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

// TestRolesPlacement pins where the roles/ rules report a value written
// empty (at its key) and one never written (at the object that lacks it).
// Rules about amounts (escalations, sizes, hours, toil) count what is
// written; an empty or absent list counts as none and is no finding.
func TestRolesPlacement(t *testing.T) {
	diags := only("roles", rules.Lint(load(t, "testdata/roles-placement")))
	assert.Equal(t, []string{
		"roles/personalised-without-bridge 60:7 /spec/tasks/0",               // neither bridge nor keepPersonal: at the task
		"roles/personalised-without-bridge 70:21 /spec/tasks/1/keepPersonal", // keepPersonal: ""
		"roles/depersonalised-without-procedure 71:7 /spec/tasks/2",          // no procedure: at the task
		"roles/depersonalised-without-procedure 81:18 /spec/tasks/3/procedure",
		"roles/bridge-not-certified 87:15 /spec/tasks/4/bridge", // the bridge's roles: []
		"roles/bridge-not-certified 93:15 /spec/tasks/5/bridge", // the bridge writes no roles
		"roles/task-without-people 94:13 /spec/tasks/6/name",    // nobody lists it; ren's tasks: [] counts for nothing
		"roles/depersonalised-gap 101:13 /spec/tasks/7/name",    // its one person writes no shifts
		"roles/single-person-task 101:13 /spec/tasks/7/name",
		"roles/personalised-gap 107:13 /spec/tasks/8/name", // its one person's shifts: []
		"roles/single-person-task 107:13 /spec/tasks/8/name",
		"roles/cover-unchecked 113:7 /spec/tasks/9", // no personalisation: at the task
		"roles/single-person-task 113:13 /spec/tasks/9/name",
		"roles/invalid-schedule 158:3 /spec/shifts",              // shifts: []
		"roles/invalid-schedule 183:35 /spec/exceptions/0/hours", // hours: ""
	}, keys(diags))
	related := func(i int) []int {
		var lines []int
		for _, r := range diags[i].Related {
			lines = append(lines, r.Pos.Line)
		}
		return lines
	}
	assert.Equal(t, []int{166}, related(4), "rin's empty roles, at the key")
	assert.Equal(t, []int{168}, related(5), "sho's missing roles, at the document that lacks them")

	// People who write no tasks at all: told once, at the first person's
	// spec; an empty list, at the key (testdata/roles-unstaffed).
	d := parse("d.yaml", `apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  owner: ann
  hours: 24x7
  tasks:
    - {name: answer, trigger: {event: A call.}, personalisation: depersonalised, procedure: p}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: ann}
spec:
  shifts: ["Mon-Fri 09:00-17:00"]
`)
	assert.Equal(t, []string{"roles/cover-unchecked 14:1 /spec"}, keys(only("roles", groups("roles").Lint(d))))
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
