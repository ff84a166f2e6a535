package catalog_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the fixtures name IANA zones; the tests must not depend on the machine's copy

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

// rolesOnly keeps the findings of the roles/ rules.
func rolesOnly(diags catalog.Diagnostics) catalog.Diagnostics {
	var out catalog.Diagnostics
	for _, d := range diags {
		if strings.HasPrefix(d.Rule, "roles/") {
			out = append(out, d)
		}
	}
	return out
}

func loadDir(t *testing.T, dir string) *catalog.Design {
	t.Helper()
	d, err := catalog.Load(dir)
	require.NoError(t, err)
	return d
}

func parseDesign(t *testing.T, src string) *catalog.Design {
	t.Helper()
	return catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(src)})
}

// TestRolesFindingsExactly pins every finding of the roles fixture to its
// rule, line, column and JSON pointer; parse errors point at the character
// where reading stopped.
func TestRolesFindingsExactly(t *testing.T) {
	diags := rolesOnly(catalog.Lint(loadDir(t, "../testdata/invalid/roles")))
	assert.Equal(t, []key{
		{"roles/personalised-without-bridge", 68, 24, "/spec/tasks/0/personalisation"},
		{"roles/bridge-not-certified", 74, 15, "/spec/tasks/1/bridge"},
		{"roles/escalation-concentrated", 75, 21, "/spec/tasks/1/escalatesTo/0"},
		{"roles/depersonalised-without-procedure", 80, 24, "/spec/tasks/2/personalisation"},
		{"roles/single-person-task", 83, 13, "/spec/tasks/3/name"},
		{"roles/task-without-people", 90, 13, "/spec/tasks/4/name"},
		{"roles/toil-over-limit", 103, 31, "/spec/tasks/5/effort/hoursPerMonth"},
		{"roles/invalid-schedule", 122, 24, "/spec/hours"},              // at "1800"
		{"roles/person-too-many-tasks", 152, 3, "/spec/tasks"},          //
		{"roles/invalid-schedule", 160, 13, "/spec/timeZone"},           // Asia/Tokio
		{"roles/invalid-schedule", 162, 17, "/spec/shifts/0"},           // at "Fry"
		{"roles/invalid-schedule", 173, 55, "/spec/exceptions/0/hours"}, // at "25:00"
		{"roles/invalid-schedule", 174, 14, "/spec/exceptions/1/from"},
		{"roles/invalid-schedule", 176, 11, "/spec/exceptions/2/to"},
		{"roles/person-over-hours", 185, 3, "/spec/shifts"},
		{"roles/team-too-large", 197, 3, "/spec/members"},
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
	assert.Contains(t, byRule("roles/toil-over-limit").Message, "operations work is 86% of all work (27.69h of 32.31h a week; limit 50%)")
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

// TestNightHoleAcrossDST: a three-hour hole for personalised work, 01:00 to
// 04:00 every night in Berlin, is reported with its exact interval, and is
// two hours long on the night the clocks go forward.
func TestNightHoleAcrossDST(t *testing.T) {
	d := loadDir(t, "../testdata/invalid/roles-coverage")
	var msgs []string
	for _, dg := range rolesOnly(catalog.Lint(d)) {
		msgs = append(msgs, dg.Rule+": "+dg.Message)
	}
	assert.Equal(t, []string{
		"roles/personalised-gap: personalised work has no cover 2025-03-28 Fri 01:00 to 04:00 CET (3h): nobody able to do alert-watch/investigate-alert is present",
		"roles/personalised-gap: personalised work has no cover 2025-03-29 Sat 01:00 to 04:00 CET (3h): nobody able to do alert-watch/investigate-alert is present",
		"roles/personalised-gap: personalised work has no cover 2025-03-30 Sun 01:00 CET to 04:00 CEST (2h): nobody able to do alert-watch/investigate-alert is present",
		"roles/depersonalised-gap: depersonalised work has no cover 2025-03-30 Sun 20:00 to 22:00 CEST (2h): nobody able to do alert-watch/respond-alert is present",
		"roles/depersonalised-gap: depersonalised work has no cover 2025-03-28 Fri 12:00 to 13:00 CET (1h): nobody able to do office-desk/answer-calls is present",
	}, msgs)

	// The same through the API, as instants.
	r, diags := d.Roster()
	require.Empty(t, diags)
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	assert.Equal(t, berlin.String(), r.Location().String())
	from, to := r.Period(time.Now())
	assert.Equal(t, time.Date(2025, 3, 28, 0, 0, 0, 0, berlin), from)
	assert.Equal(t, time.Date(2025, 3, 31, 0, 0, 0, 0, berlin), to)
	cov, err := r.Coverage(from, to)
	require.NoError(t, err)
	var got []roles.Interval
	for _, g := range cov.Personalised.Gaps {
		got = append(got, g.Interval)
	}
	at := func(day, h int) time.Time { return time.Date(2025, 3, day, h, 0, 0, 0, berlin) }
	want := []roles.Interval{{Start: at(28, 1), End: at(28, 4)}, {Start: at(29, 1), End: at(29, 4)}, {Start: at(30, 1), End: at(30, 4)}}
	require.Len(t, got, len(want))
	for i := range want {
		assert.True(t, want[i].Start.Equal(got[i].Start) && want[i].End.Equal(got[i].End), "gap %d: %v, want %v", i, got[i], want[i])
	}
	assert.Equal(t, 2*time.Hour, got[2].Duration())
	assert.Equal(t, 8*time.Hour, cov.Personalised.Uncovered)
}

const rosterBase = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: lead}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: support}
spec: {tier: certified}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  owner: lead
  hours: %s
  tasks:
    - {name: answer, trigger: {event: A call.}, personalisation: depersonalised, procedure: p}
    - {name: report, trigger: {schedule: weekly Mon 10:00}, personalisation: depersonalised, procedure: p}
    - {name: judge, trigger: {request: other}, personalisation: personalised, bridge: ann}
    - {name: unlisted, trigger: {event: Rare.}, personalisation: depersonalised, procedure: p}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: old}
spec:
  state: retired
  owner: lead
  tasks:
    - {name: gone, personalisation: personalised}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: ann}
spec:
  roles: [support]
  timeZone: Asia/Tokyo
  tasks: [desk/answer, desk/report, desk/judge]
  shifts: ["Mon-Fri 09:00-12:00, 13:00-18:00", "Sat 22:00-07:00"]
  exceptions:
    - {from: "2025-08-11", to: "2025-08-15"}
    - {from: "2025-08-16", hours: "10:00-12:00", kind: extra}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: bo}
spec:
  roles: [lead]
  timeZone: Europe/Berlin
  tasks: [desk/answer, desk/report, desk/judge]
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: cy}
spec:
  timeZone: Asia/Tokyo
`

func TestRosterMapping(t *testing.T) {
	d := parseDesign(t, fmt.Sprintf(rosterBase, "Mon-Fri 09:00-18:00 Asia/Tokyo"))
	r, diags := d.Roster()
	require.Empty(t, diags)
	assert.True(t, r.Staffed)
	// The zone most people state.
	assert.Equal(t, "Asia/Tokyo", r.Location().String())

	op := r.Operation
	require.Len(t, op.Roles, 2)
	assert.Equal(t, roles.Role{Name: "role:lead", Tier: roles.OverallManagement}, op.Roles[0])
	var taskNames []string
	for _, t := range op.Tasks {
		taskNames = append(taskNames, t.Name)
	}
	// Retired services' tasks are left out.
	assert.Equal(t, []string{"desk/answer", "desk/report", "desk/judge", "desk/unlisted"}, taskNames)
	assert.Equal(t, "ann", op.Tasks[2].Bridge)
	assert.Equal(t, roles.Personalised, op.Tasks[2].Personalisation)

	require.Len(t, op.People, 3)
	ann := op.People[0]
	assert.Equal(t, []string{"role:support"}, ann.Roles)
	assert.Equal(t, []string{"desk/answer", "desk/report", "desk/judge"}, ann.Tasks)
	assert.Equal(t, "Mon-Fri 09:00-12:00; Mon-Fri 13:00-18:00; Sat 22:00-07:00", ann.Shifts.Week.String())
	assert.Equal(t, "Asia/Tokyo", ann.Shifts.Location.String())
	require.Len(t, ann.Shifts.Exceptions, 2)
	assert.Equal(t, "leave 2025-08-11..2025-08-15", ann.Shifts.Exceptions[0].String())
	assert.Equal(t, "extra 2025-08-16 10:00-12:00", ann.Shifts.Exceptions[1].String())
	assert.Equal(t, "Europe/Berlin", op.People[1].Shifts.Location.String())

	// Standing work: not the scheduled report, not the task nobody lists.
	var standing []string
	for _, t := range r.Standing.Tasks {
		standing = append(standing, t.Name)
	}
	assert.Equal(t, []string{"desk/answer", "desk/judge"}, standing)
	require.Len(t, r.Standing.Services, 1)
	assert.Equal(t, "Mon-Fri 09:00-18:00", r.Standing.Services[0].Hours.Week.String())

	svc, task, ok := r.Task("desk/judge")
	require.True(t, ok)
	assert.Equal(t, "desk", svc.Name)
	assert.Equal(t, "/spec/tasks/2", task.Path)
	_, _, ok = r.Task("old/gone")
	assert.False(t, ok)

	// bo is never present (no shifts) and ann leaves a lunch hole; bo's
	// Berlin zone does not matter.
	from := time.Date(2025, 8, 4, 0, 0, 0, 0, r.Location())
	cov, err := r.Coverage(from, from.AddDate(0, 0, 1))
	require.NoError(t, err)
	require.Len(t, cov.Depersonalised.Gaps, 1)
	assert.Equal(t, "Mon 2025-08-04 12:00", cov.Depersonalised.Gaps[0].Start.Format("Mon 2006-01-02 15:04"))
	assert.Equal(t, time.Hour, cov.Depersonalised.Gaps[0].Duration())
}

// TestRosterHours reads each form a service's hours may take.
func TestRosterHours(t *testing.T) {
	calendar := `
---
apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-18:00"]}
`
	for _, tc := range []struct {
		hours     string
		week      string // the Standing service's hours; "always" for nil
		zone      string
		unchecked bool
		diag      key
	}{
		{hours: "24x7", week: "always"},
		{hours: "24/365", week: "always"},
		{hours: `"Mon-Fri 09:00-18:00 Asia/Tokyo"`, week: "Mon-Fri 09:00-18:00", zone: "Asia/Tokyo"},
		{hours: `"月-金 9:00〜18:00 UTC"`, week: "Mon-Fri 09:00-18:00", zone: "UTC"},
		{hours: `"  Sat 22:00-07:00"`, week: "Sat 22:00-07:00"},
		{hours: "office", week: "", zone: "Asia/Tokyo"},
		{hours: "calendar:office", week: "", zone: "Asia/Tokyo"},
		// A name that is no Calendar is reported by slo/unknown-calendar.
		{hours: "offices", unchecked: true},
		{hours: `"Mon-Fri 09:00-18:00 Mars/Base"`, diag: key{"roles/invalid-schedule", 17, 31, "/spec/hours"}}, // at "Mars"
		{hours: `"  Mon-Fri 09:00-18:60"`, diag: key{"roles/invalid-schedule", 17, 27, "/spec/hours"}},         // at "18:60"
		{hours: `Mon-Fri`, diag: key{"roles/invalid-schedule", 17, 17, "/spec/hours"}},                         // where the times should be
	} {
		t.Run(tc.hours, func(t *testing.T) {
			d := parseDesign(t, fmt.Sprintf(rosterBase, tc.hours)+calendar)
			r, diags := d.Roster()
			if tc.diag.Rule != "" {
				assert.Equal(t, []key{tc.diag}, keys(diags), diags.Error())
				assert.Empty(t, r.Standing.Services)
				return
			}
			require.Empty(t, diags)
			if tc.unchecked {
				assert.Equal(t, []string{"desk"}, r.Unchecked)
				assert.Empty(t, r.Standing.Services)
				assert.Empty(t, r.Standing.Tasks)
				return
			}
			require.Len(t, r.Standing.Services, 1)
			h := r.Standing.Services[0].Hours
			if tc.week == "always" {
				assert.Nil(t, h)
				return
			}
			require.NotNil(t, h)
			assert.Equal(t, tc.week, h.Week.String())
			if tc.zone == "" {
				assert.Nil(t, h.Location)
			} else {
				assert.Equal(t, tc.zone, h.Location.String())
			}
		})
	}
}

// TestCalendarHours: a service on a Calendar needs cover while the Calendar
// is open, so not on a national holiday.
func TestCalendarHours(t *testing.T) {
	src := fmt.Sprintf(rosterBase, "office") + `
---
apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-12:00", "mon-fri 13:00-18:30"], holidays: [jp]}
`
	r, diags := parseDesign(t, src).Roster()
	require.Empty(t, diags)
	tokyo := r.Location()
	// Monday 3 November 2025 is Culture Day: the office is closed.
	from := time.Date(2025, 11, 3, 0, 0, 0, 0, tokyo)
	cov, err := r.Coverage(from, from.AddDate(0, 0, 2))
	require.NoError(t, err)
	// ann works until 18:00; the Calendar keeps the desk open until 18:30
	// on Tuesday, and not at all on Monday.
	require.Len(t, cov.Depersonalised.Gaps, 1)
	g := cov.Depersonalised.Gaps[0]
	assert.Equal(t, time.Date(2025, 11, 4, 18, 0, 0, 0, tokyo), g.Start)
	assert.Equal(t, time.Date(2025, 11, 4, 18, 30, 0, 0, tokyo), g.End)
	assert.Equal(t, 8*time.Hour+30*time.Minute, cov.Tasks[0].Required)
}

func TestRosterPeriod(t *testing.T) {
	r, _ := parseDesign(t, fmt.Sprintf(rosterBase, "24x7")).Roster()
	tokyo := r.Location()
	for _, tc := range []struct {
		now  time.Time
		from time.Time
	}{
		// Sunday night in UTC is Monday morning in Tokyo: that Monday.
		{time.Date(2025, 3, 30, 23, 30, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, tokyo)},
		{time.Date(2025, 3, 30, 12, 0, 0, 0, tokyo), time.Date(2025, 3, 24, 0, 0, 0, 0, tokyo)},
		{time.Date(2025, 3, 26, 0, 0, 0, 0, tokyo), time.Date(2025, 3, 24, 0, 0, 0, 0, tokyo)},
	} {
		from, to := r.Period(tc.now)
		assert.Equal(t, tc.from, from, tc.now)
		assert.Equal(t, tc.from.AddDate(0, 0, 7), to)
	}
}

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
		return rolesOnly(catalog.Lint(catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(src)})))
	}
	assert.Empty(t, lint(design(80, 7)))
	diags := lint(design(81, 8))
	assert.Equal(t, []key{
		{"roles/operation-too-large", 162, 59, "/metadata/name"},
		{"roles/team-too-large", 168, 3, "/spec/members"},
	}, keys(diags))
	assert.Contains(t, diags[0].Message, `the operation has 81 people (soft limit 80); "p80" is the first person past it`)
	assert.Contains(t, diags[1].Message, `team "t" has 8 members (soft limit 7)`)

	// Settings lower the limits.
	settings := "apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  roles: {teamSize: 3, operationSize: 5}\n"
	assert.Equal(t, []string{"roles/operation-too-large", "roles/team-too-large"}, rules(lint(settings+design(6, 4))))
}

func rules(diags catalog.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Rule)
	}
	return out
}

// TestUnstaffedDesignIsQuiet: a design whose people list no tasks does not
// say who can do what, so nothing about truck factors or cover is
// reported.
func TestUnstaffedDesignIsQuiet(t *testing.T) {
	src := strings.ReplaceAll(fmt.Sprintf(rosterBase, "24x7"), "tasks: [desk/answer, desk/report, desk/judge]", "tasks: []")
	d := parseDesign(t, src)
	r, _ := d.Roster()
	assert.False(t, r.Staffed)
	// Only ann's own hours (49 a week) are judged.
	assert.Equal(t, []string{"roles/person-over-hours"}, rules(rolesOnly(catalog.Lint(d))))
}

// TestSampleRosterCoversAYear: the sample MSP and its in-house team have
// someone able for every standing task at every minute of a year, leave
// included, and no task depends on one person.
func TestSampleRosterCoversAYear(t *testing.T) {
	r, diags := loadDir(t, sampleDir).Roster()
	require.Empty(t, diags)
	require.True(t, r.Staffed)
	tokyo := r.Location()
	from := time.Date(2026, 6, 1, 0, 0, 0, 0, tokyo)
	cov, err := r.Coverage(from, from.AddDate(1, 0, 0))
	require.NoError(t, err)
	assert.Empty(t, cov.Personalised.Gaps)
	assert.Empty(t, cov.Depersonalised.Gaps)
	assert.Equal(t, 1, cov.Personalised.Tasks)
	assert.Equal(t, 6, cov.Depersonalised.Tasks)
	assert.Equal(t, from.AddDate(1, 0, 0).Sub(from), cov.Personalised.Required)
	for _, tt := range r.Operation.TruckFactors().Tasks {
		assert.GreaterOrEqual(t, tt.Factor, 2, tt.Task)
	}
	for _, ts := range r.Operation.Load(r.Limits()).Teams {
		assert.LessOrEqual(t, ts.Size, 7, ts.Team)
	}
}

// TestRosterSettingsProblems: a zone or a period in Settings that cannot be
// used is reported where it is written, and the defaults take over.
func TestRosterSettingsProblems(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  roles:\n    timeZone: Asia/Edo\n    coverageFrom: \"1700-01-01\"\n---\n" +
		fmt.Sprintf(rosterBase, "24x7")
	d := parseDesign(t, src)
	r, diags := d.Roster()
	assert.Equal(t, []key{
		{"roles/invalid-schedule", 6, 15, "/spec/roles/timeZone"},
		{"roles/invalid-schedule", 7, 19, "/spec/roles/coverageFrom"},
	}, keys(diags))
	assert.Equal(t, "Asia/Tokyo", r.Location().String(), "the people's zone")
	from, _ := r.Period(time.Date(2025, 3, 26, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, time.Date(2025, 3, 24, 0, 0, 0, 0, r.Location()), from, "the current week")

	// The limits Settings may set, read into roles.Limits.
	src = "apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  roles: {teamSize: 5, operationSize: 50, escalationShare: 0.3, toilShare: 0.6, weeklyHours: 37.5, tasksPerPerson: 9, coverageDays: 14}\n"
	r, _ = parseDesign(t, src).Roster()
	assert.Equal(t, roles.Limits{TeamSize: 5, OperationSize: 50, EscalationShare: 0.3, ToilShare: 0.6,
		WeeklyHours: 37*time.Hour + 30*time.Minute, TasksPerPerson: 9}, r.Limits())
	assert.Equal(t, 14, r.Settings.CoverageDays)
	r, _ = parseDesign(t, "").Roster()
	assert.Equal(t, roles.DefaultLimits(), r.Limits())
	assert.Equal(t, "UTC", r.Location().String())
}
