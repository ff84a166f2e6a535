package roles_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests name IANA zones

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/roles"
)

// nightRoster is an operation in Berlin whose personalised cover has a
// hole from 01:00 to 04:00 every night and its depersonalised cover one
// from 00:00 to 02:00; its office desk needs cover on weekdays only. The
// clocks go forward on Sunday 2025-03-30 at 02:00.
func nightRoster(t *testing.T) *roles.Roster {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	return &roles.Roster{
		Location: berlin,
		Tasks: []roles.Task{
			{Name: "alerts/triage", Service: "alerts", Personalisation: roles.Personalised, Bridge: "cara"},
			{Name: "alerts/respond", Service: "alerts", Personalisation: roles.Depersonalised, Procedure: "runbook"},
			{Name: "desk/answer", Service: "desk", Personalisation: roles.Depersonalised, Procedure: "desk manual"},
			{Name: "alerts/report", Service: "alerts"},
		},
		Services: []roles.Service{{Name: "desk", Hours: &roles.Schedule{Week: roles.MustParseWeek("Mon-Fri 09:00-17:00")}}},
		People: []roles.Person{
			{Name: "ann", Tasks: []string{"alerts/respond", "desk/answer", "alerts/report"}, Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 02:00-24:00")}},
			{Name: "bob", Tasks: []string{"alerts/triage"}, Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 04:00-01:00")}},
		},
		Teams: []roles.Team{{Name: "night", Members: []string{"ann", "bob", "ann"}}},
	}
}

func day(t *testing.T, r *roles.Roster, date string, n int) (from, to time.Time) {
	t.Helper()
	d, err := roles.ParseDate(date)
	require.NoError(t, err)
	return d.In(r.Location), d.AddDays(n).In(r.Location)
}

// marks writes a grid day as its 24 marks.
func marks(d roles.GridDay) string {
	var b strings.Builder
	for _, c := range d.Hours {
		b.WriteString(c.Mark())
	}
	return b.String()
}

func TestDemandIsTheRequiredTime(t *testing.T) {
	r := nightRoster(t)
	from, to := day(t, r, "2025-03-28", 1) // a Friday
	demand, err := r.Demand(from, to, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, 24*time.Hour, demand.Depersonalised.Required)
	assert.Equal(t, 24*time.Hour, demand.Personalised.Uncovered)
	assert.Equal(t, 24*time.Hour, demand.Depersonalised.Uncovered, "with nobody on the roster every required minute is a gap")
	require.Len(t, demand.Depersonalised.Gaps, 1)
	assert.Equal(t, []string{"alerts/respond", "desk/answer"}, demand.Depersonalised.Gaps[0].Tasks)
	for _, tc := range demand.Tasks {
		if tc.Task == "desk/answer" {
			require.Len(t, tc.Gaps, 1)
			assert.Equal(t, "2025-03-28T09:00:00+01:00/2025-03-28T17:00:00+01:00", tc.Gaps[0].String())
		}
	}
	assert.Len(t, r.People, 2, "Demand leaves the roster as it was")
}

func TestHourGrid(t *testing.T) {
	r := nightRoster(t)
	from, to := day(t, r, "2025-03-29", 2) // Saturday and Sunday
	rows := coverage(t, r, from, to).HourGrid(demand(t, r, from, to))
	require.Len(t, rows, 2)
	assert.Equal(t, "2025-03-29", rows[0].Date.String())
	assert.Equal(t, "Sat", rows[0].Weekday)
	// 00 only the depersonalised work is bare, 01 both, 02 and 03 the
	// personalised work; on Sunday 02:00 does not exist.
	assert.Equal(t, "DBPP"+strings.Repeat("·", 20), marks(rows[0]))
	assert.Equal(t, "DB~P"+strings.Repeat("·", 20), marks(rows[1]))
	assert.Equal(t, []roles.HourCell{roles.HourDepersonalisedGap, roles.HourBothGaps, roles.HourSkipped, roles.HourPersonalisedGap, roles.HourCovered},
		rows[1].Hours[:5])
}

// An hour no task needs cover in is idle; an hour the range cuts is
// judged on its part inside the range.
func TestHourGridIdleAndCutHours(t *testing.T) {
	r := nightRoster(t)
	r.Tasks = r.Tasks[2:3] // the desk only: weekdays 09:00-17:00
	r.People[0].Shifts.Week = roles.MustParseWeek("Mon-Fri 09:00-12:00, 13:00-17:00")
	from, to := day(t, r, "2025-03-28", 2) // Friday and Saturday
	rows := coverage(t, r, from, to).HourGrid(demand(t, r, from, to))
	require.Len(t, rows, 2)
	assert.Equal(t, strings.Repeat(" ", 9)+"···D····"+strings.Repeat(" ", 7), marks(rows[0]))
	assert.Equal(t, strings.Repeat(" ", 24), marks(rows[1]))
	assert.Equal(t, roles.HourIdle, rows[1].Hours[12])

	from = from.Add(11*time.Hour + 30*time.Minute)
	to = from.Add(time.Hour) // 11:30 to 12:30
	rows = coverage(t, r, from, to).HourGrid(demand(t, r, from, to))
	require.Len(t, rows, 1)
	assert.Equal(t, strings.Repeat(" ", 11)+"·D"+strings.Repeat(" ", 11), marks(rows[0]))
}

func TestHourCellMark(t *testing.T) {
	for c, want := range map[roles.HourCell]string{roles.HourIdle: " ", roles.HourCovered: "·", roles.HourPersonalisedGap: "P",
		roles.HourDepersonalisedGap: "D", roles.HourBothGaps: "B", roles.HourSkipped: "~", "other": "?"} {
		assert.Equal(t, want, c.Mark(), string(c))
	}
}

func TestRosterReport(t *testing.T) {
	r := nightRoster(t)
	from, to := day(t, r, "2025-03-29", 2)
	rep := roles.NewRosterReport(r, coverage(t, r, from, to), demand(t, r, from, to))
	assert.Equal(t, "Europe/Berlin", rep.TimeZone)
	assert.Equal(t, from, rep.From)
	assert.Equal(t, to, rep.To)
	assert.Equal(t, 2, rep.People)
	assert.Equal(t, 1, rep.Teams)
	assert.True(t, rep.Staffed)
	assert.Empty(t, rep.Unchecked)
	assert.Equal(t, []roles.TeamSize{{Team: "night", Size: 2}}, rep.TeamSizes, "members counted once")

	p := rep.Personalised
	assert.Equal(t, 1, p.Tasks)
	assert.Equal(t, 47.0, p.RequiredHours, "a 23-hour Sunday")
	assert.Equal(t, 5.0, p.UncoveredHours, "3 hours on Saturday night, 2 on Sunday's")
	assert.InDelta(t, 42.0/47, p.Covered, 1e-12)
	require.Len(t, p.Gaps, 2)
	assert.Equal(t, roles.GapSummary{Start: from.Add(time.Hour), End: from.Add(4 * time.Hour), Minutes: 180, Tasks: []string{"alerts/triage"}}, p.Gaps[0])
	assert.Equal(t, int64(120), p.Gaps[1].Minutes)
	assert.Equal(t, "2025-03-30T04:00:00+02:00", p.Gaps[1].End.Format(time.RFC3339))
	assert.Equal(t, 2, rep.Depersonalised.Tasks)
	assert.Len(t, rep.Depersonalised.Gaps, 2)
	assert.Len(t, rep.Grid, 2)

	assert.Equal(t, []roles.TaskSummary{
		{Task: "alerts/triage", Service: "alerts", Personalisation: roles.Personalised, Standing: true, Factor: 1, People: []string{"bob"}, UncoveredHours: 5},
		{Task: "alerts/respond", Service: "alerts", Personalisation: roles.Depersonalised, Standing: true, Factor: 1, People: []string{"ann"}, UncoveredHours: 4},
		{Task: "desk/answer", Service: "desk", Personalisation: roles.Depersonalised, Standing: true, Factor: 1, People: []string{"ann"}},
		{Task: "alerts/report", Service: "alerts", Standing: true, Factor: 1, People: []string{"ann"}, UncoveredHours: 4},
	}, rep.Tasks)
	assert.Equal(t, []roles.ServiceSummary{
		{Service: "alerts", Factor: 1, Weakest: []string{"alerts/triage", "alerts/respond", "alerts/report"},
			Sole: []roles.SoleTask{{Task: "alerts/triage", Person: "bob"}, {Task: "alerts/respond", Person: "ann"}, {Task: "alerts/report", Person: "ann"}}},
		{Service: "desk", Factor: 1, Weakest: []string{"desk/answer"}, Sole: []roles.SoleTask{{Task: "desk/answer", Person: "ann"}}},
	}, rep.Services)
}

// A task the cover does not hold (work on a schedule) is not standing;
// a roster where nobody lists a task is not staffed.
func TestRosterReportStandingAndStaffed(t *testing.T) {
	op := nightRoster(t)
	standing := *op
	standing.Tasks = op.Tasks[:3]
	from, to := day(t, op, "2025-03-28", 1)
	rep := roles.NewRosterReport(op, coverage(t, &standing, from, to), demand(t, &standing, from, to))
	require.Len(t, rep.Tasks, 4)
	assert.False(t, rep.Tasks[3].Standing)
	assert.Zero(t, rep.Tasks[3].UncoveredHours)

	for i := range op.People {
		op.People[i].Tasks = nil
	}
	rep = roles.NewRosterReport(op, coverage(t, op, from, to), demand(t, op, from, to))
	assert.False(t, rep.Staffed)
	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "No person lists a task, so the design does not say who can do what: nothing to cover.\n")
}

// The JSON form names every field as the roles command prints it.
func TestRosterReportJSON(t *testing.T) {
	r := nightRoster(t)
	from, to := day(t, r, "2025-03-30", 1)
	rep := roles.NewRosterReport(r, coverage(t, r, from, to), demand(t, r, from, to))
	rep.Unchecked = []string{"hotline"}
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	for _, k := range []string{"timeZone", "from", "to", "people", "teams", "staffed", "uncheckedServices", "personalised", "depersonalised",
		"grid", "tasks", "services", "teamSizes"} {
		assert.Contains(t, got, k)
	}
	assert.Contains(t, string(b), `"grid":[{"date":"2025-03-30","weekday":"Sun","hours":["depersonalised","both","skipped","personalised","covered",`)
	assert.Contains(t, string(b), `{"task":"alerts/triage","service":"alerts","personalisation":"personalised","standing":true,"truckFactor":1,"people":["bob"],"uncoveredHours":2}`)
	assert.Contains(t, string(b), `{"task":"alerts/report","service":"alerts","standing":true,`, "no class, no personalisation key")
	assert.Contains(t, string(b), `"personalised":{"tasks":1,"requiredHours":23,"uncoveredHours":2,"covered":`)
	assert.Contains(t, string(b), `"gaps":[{"start":"2025-03-30T01:00:00+01:00","end":"2025-03-30T04:00:00+02:00","minutes":120,"tasks":["alerts/triage"]}]`)
}

func TestRosterReportText(t *testing.T) {
	r := nightRoster(t)
	from, to := day(t, r, "2025-03-30", 1)
	rep := roles.NewRosterReport(r, coverage(t, r, from, to), demand(t, r, from, to))
	rep.Unchecked = []string{"hotline"}
	assert.Equal(t, []string{"alerts/report"}, rep.Unclassified, "standing, but in neither class")
	var b strings.Builder
	require.NoError(t, rep.WriteText(&b))
	cells := "  D  B  ~  P" + strings.Repeat("  ·", 20)
	assert.Equal(t, `Roster: 2 people in 1 team, reported in Europe/Berlin
Cover from Sun 2025-03-30 00:00 CET to Mon 2025-03-31 00:00 CEST, to the minute
Service hotline names a Calendar as its hours; its cover is not checked.
  personalised:   1 standing task, 91.3% of 23h covered
  depersonalised: 2 standing tasks, 91.3% of 23h covered
  unclassified:   1 standing task not checked, being neither personalised nor depersonalised: alerts/report

          00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23
Sun 03-30`+cells+`
  · covered  P personalised gap  D depersonalised gap  B both  ~ hour skipped by the clocks  (blank) no cover required

Gaps              from                      to                         length  uncovered tasks
  personalised    Sun 2025-03-30 01:00 CET  Sun 2025-03-30 04:00 CEST  2h      alerts/triage
  depersonalised  Sun 2025-03-30 00:00 CET  Sun 2025-03-30 03:00 CEST  2h      alerts/respond

Service   truck factor  weakest tasks                                 single-person tasks
  alerts  1             alerts/triage, alerts/respond, alerts/report  alerts/triage (bob), alerts/respond (ann), alerts/report (ann)
  desk    1             desk/answer                                   desk/answer (ann)

Task              class           standing  truck factor  people
  alerts/triage   personalised    yes       1             bob
  alerts/respond  depersonalised  yes       1             ann
  desk/answer     depersonalised  yes       1             ann
  alerts/report   -               yes       1             ann
`, b.String())
}

// Long lists are cut: at most three weakest tasks and four people.
func TestRosterReportTextCutsLongLists(t *testing.T) {
	r := nightRoster(t)
	for _, name := range []string{"cy", "di", "ed", "fay"} {
		r.People = append(r.People, roles.Person{Name: name, Tasks: []string{"alerts/triage"}})
	}
	from, to := day(t, r, "2025-03-28", 1)
	rep := roles.NewRosterReport(r, coverage(t, r, from, to), demand(t, r, from, to))
	var b strings.Builder
	require.NoError(t, rep.WriteText(&b))
	assert.Contains(t, b.String(), "  alerts/triage   personalised    yes       5             bob, cy, di, ed, +1 more\n")
	assert.Contains(t, b.String(), "  alerts  1             alerts/respond, alerts/report  ")
}

func coverage(t *testing.T, r *roles.Roster, from, to time.Time) *roles.Coverage {
	t.Helper()
	c, err := r.Coverage(from, to, time.Minute)
	require.NoError(t, err)
	return c
}

func demand(t *testing.T, r *roles.Roster, from, to time.Time) *roles.Coverage {
	t.Helper()
	c, err := r.Demand(from, to, time.Minute)
	require.NoError(t, err)
	return c
}
