package rules_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/roles"
)

func TestRolesCoverageFixtures(t *testing.T) { runFixture(t, "roles-coverage") }

// TestNightHoleAcrossDST: a three-hour hole for personalised work, 01:00 to
// 04:00 every night in Berlin, is reported with its exact interval, and is
// two hours long on the night the clocks go forward.
func TestNightHoleAcrossDST(t *testing.T) {
	d := load(t, "testdata/roles-coverage")
	var msgs []string
	for _, dg := range only("roles", rules.Lint(d)) {
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

// TestUnstaffedDesignSaysOnce: a design whose people list no tasks does
// not say who can do what, so nothing about truck factors or gaps is
// reported; it is told once, at the empty tasks list (at the first
// person's spec when nobody writes tasks at all), that cover is not
// checked, and the hours people work (56 a week) are still judged.
func TestUnstaffedDesignSaysOnce(t *testing.T) {
	diags := catalogtest.Run(t, groups("roles"), "testdata/roles-unstaffed")
	assert.Equal(t, []string{"roles/cover-unchecked 27:3 /spec/tasks", "roles/person-over-hours 28:3 /spec/shifts"}, keys(diags))
	assert.Contains(t, diags[0].Message, "2 tasks can fall due at any time and need someone present during their services' hours, but no person lists the tasks they can do")
	r, _ := load(t, "testdata/roles-unstaffed").Roster()
	assert.False(t, r.Staffed)

	// People who write no tasks at all (tasks left out, not []): told once,
	// at the first person's spec.
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

func TestRolesNobodyFixtures(t *testing.T)   { runFixture(t, "roles-nobody") }
func TestRolesNobodyJaFixtures(t *testing.T) { runFixture(t, "roles-nobody-ja") }
func TestRolesLunchFixtures(t *testing.T)    { runFixture(t, "roles-lunch") }
func TestRolesShiftsFixtures(t *testing.T)   { runFixture(t, "roles-shifts") }

// TestCoverUncheckedExactly: with no Person documents, once at the hours
// of the first service that needs cover, the others related; with people,
// at each standing task that states no personalisation, while the task
// that does state it has its lunch-hour hole found.
func TestCoverUncheckedExactly(t *testing.T) {
	diags := only("roles", rules.Lint(load(t, "testdata/roles-nobody")))
	assert.Equal(t, []string{"roles/cover-unchecked 30:10 /spec/hours"}, keys(diags))
	assert.Equal(t, "2 tasks can fall due at any time and need someone present during their services' hours, but the design has no Person documents, so cover is not checked: "+
		"add Person documents with the tasks each person can do (spec.tasks, as service/task) and their shifts", diags[0].Message)
	require.Len(t, diags[0].Related, 1)
	assert.Equal(t, 57, diags[0].Related[0].Pos.Line)
	assert.Equal(t, catalog.Warning, diags[0].Severity)

	diags = only("roles", rules.Lint(load(t, "testdata/roles-lunch")))
	assert.Equal(t, []string{
		"roles/cover-unchecked 46:7 /spec/tasks/0",
		"roles/depersonalised-gap 51:13 /spec/tasks/1/name",
		"roles/cover-unchecked 83:7 /spec/tasks/0",
	}, keys(diags))
	assert.Equal(t, `task "clear-printer-jam" of service "office-printing" can fall due at any time during the service's hours, but says neither personalised nor depersonalised, `+
		`so whose presence it needs is unknown and its cover is not checked: write its personalisation`, diags[0].Message)
	assert.Contains(t, diags[1].Message, "2026-11-16 Mon 12:00 to 13:00 JST (1h)")
}

// TestAdoptionStepByStep follows a team adding people to a design with
// two services that need cover: each step brings one finding per cause,
// not one per task or per hour.
func TestAdoptionStepByStep(t *testing.T) {
	const services = `apiVersion: opsdesign/v1
kind: Service
metadata: {name: alerts}
spec:
  state: active
  owner: ops
  hours: 24x7
  tasks:
    - {name: respond, trigger: {event: An alert.}, personalisation: depersonalised, procedure: p}
    - {name: triage, trigger: {event: An unknown alert.}, personalisation: personalised, keepPersonal: Judgement.}
    - {name: report, trigger: {schedule: monthly 1 10:00}, personalisation: depersonalised, procedure: p}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  owner: ops
  hours: Mon-Fri 09:00-17:00 UTC
  tasks:
    - {name: answer, trigger: {event: A call.}, personalisation: depersonalised, procedure: p}
    - {name: escalate, trigger: {event: A hard call.}, personalisation: personalised, keepPersonal: Judgement.}
    - {name: restock, trigger: {schedule: weekly Mon 10:00}, personalisation: depersonalised, procedure: p}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: ops}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Settings
metadata: {name: s}
spec:
  roles: {timeZone: UTC, coverageFrom: "2026-11-16", coverageDays: 7}
`
	step := func(people string) []string {
		var ids []string
		for _, d := range groups("roles").Lint(parse("d.yaml", services+people)) {
			ids = append(ids, d.Rule)
		}
		return ids
	}
	// No people: once.
	assert.Equal(t, []string{"roles/cover-unchecked"}, step(""))
	// People who list nothing: once.
	assert.Equal(t, []string{"roles/cover-unchecked"}, step("---\n{apiVersion: opsdesign/v1, kind: Person, metadata: {name: ann}, spec: {roles: [ops]}}\n"))
	// The first person lists the desk's work and works its hours: the
	// alerts service, which nobody staffs yet, is one finding, not three;
	// the desk's single person is one per task, and its cover holds.
	assert.Equal(t, []string{"roles/task-without-people", "roles/single-person-task", "roles/single-person-task", "roles/single-person-task"},
		step("---\n{apiVersion: opsdesign/v1, kind: Person, metadata: {name: ann}, spec: {tasks: [desk/answer, desk/escalate, desk/restock], shifts: [\"Mon-Fri 09:00-17:00\"]}}\n"))
}

// Around the clock in Japanese is around the clock, not the name of a
// Calendar that does not exist.
func TestAroundTheClockInJapanese(t *testing.T) {
	for _, hours := range []string{"24時間365日", "24時間", "年中無休", "24x7x365"} {
		d := parse("d.yaml", `apiVersion: opsdesign/v1
kind: Service
metadata: {name: 受付}
spec:
  state: active
  owner: x
  hours: `+hours+`
  tasks:
    - {name: t, trigger: {event: 電話。}, personalisation: depersonalised, procedure: p}
`)
		assert.Equal(t, []string{"roles/cover-unchecked 7:10 /spec/hours"}, keys(groups("roles", "slo").Lint(d)), hours)
	}
}

// When nobody states a time zone, the people's shifts are read in the zone
// the services' hours state, not in UTC: a Tokyo desk staffed 9 to 5 has
// no gap from 00:00 to 08:00 UTC.
func TestRosterZoneFromServiceHours(t *testing.T) {
	d := parse("d.yaml", `apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  owner: ann
  hours: 平日 9:00〜17:00 Asia/Tokyo
  tasks:
    - {name: answer, trigger: {event: A call.}, personalisation: depersonalised, procedure: p}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: ann}
spec:
  tasks: [desk/answer]
  shifts: ["月-金 9:00〜17:00"]
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: ben}
spec:
  tasks: [desk/answer]
  shifts: ["月-金 9:00〜17:00"]
`)
	assert.Empty(t, groups("roles").Lint(d))
	r, _ := d.Roster()
	assert.Equal(t, "Asia/Tokyo", r.Location().String())
}

// TestTaskWithoutTriggerNeedsNoCover: a task whose trigger is left out,
// written empty or has only empty members does not say when it falls due,
// so it is not unplanned work: it draws no gap and no cover-unchecked,
// only ops/task-without-trigger, one finding for one mistake. The task
// beside it that an event starts still has its gaps found.
func TestTaskWithoutTriggerNeedsNoCover(t *testing.T) {
	d := parse("d.yaml", `apiVersion: opsdesign/v1
kind: Settings
metadata: {name: s}
spec:
  roles: {timeZone: UTC, coverageFrom: "2026-11-16", coverageDays: 1}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  owner: ann
  hours: 24x7
  tasks:
    - {name: answer, trigger: {event: A call.}, personalisation: depersonalised, procedure: p}
    - {name: analyse, trigger: {}, personalisation: personalised, keepPersonal: Judgement.}
    - {name: review, personalisation: personalised, keepPersonal: Judgement.}
    - {name: tidy, trigger: {event: ""}}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: ann}
spec:
  tasks: [desk/answer, desk/analyse, desk/review, desk/tidy]
  shifts: ["Mon-Fri 09:00-17:00"]
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: ben}
spec:
  tasks: [desk/answer, desk/analyse, desk/review, desk/tidy]
  shifts: ["Mon-Fri 09:00-17:00"]
`)
	assert.Equal(t, []string{
		"roles/depersonalised-gap 15:14 /spec/tasks/0/name", // 00:00 to 09:00
		"roles/depersonalised-gap 15:14 /spec/tasks/0/name", // 17:00 to 24:00
	}, keys(only("roles", groups("roles").Lint(d))))
	var noTrigger []string
	for _, dg := range rules.Lint(d) {
		if dg.Rule == "ops/task-without-trigger" {
			noTrigger = append(noTrigger, dg.Path)
		}
	}
	assert.Equal(t, []string{"/spec/tasks/1/trigger", "/spec/tasks/2/trigger", "/spec/tasks/3/trigger/event"}, noTrigger)

	r, _ := d.Roster()
	var standing []string
	for _, rt := range r.Standing.Tasks {
		standing = append(standing, rt.Name)
	}
	assert.Equal(t, []string{"desk/answer"}, standing)
}
