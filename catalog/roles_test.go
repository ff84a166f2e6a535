package catalog_test

import (
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // the fixtures name IANA zones; the tests must not depend on the machine's copy

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

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
