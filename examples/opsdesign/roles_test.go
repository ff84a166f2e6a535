package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

const coverageFixture = "../../catalog/rules/testdata/roles-coverage"

// The sample covers every hour with someone for each class of work.
func TestRolesSample(t *testing.T) {
	code, out, errs := runCLI("roles", "-from", "2026-11-16")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, "opsdesign roles: no findings in 9 files (37 documents); 0 gaps in cover; configuration: none; baseline: none\n", errs)
	assert.Contains(t, out, "Roster: 17 people in 5 teams, reported in Asia/Tokyo\n")
	assert.Contains(t, out, "Cover from Mon 2026-11-16 00:00 JST to Mon 2026-11-23 00:00 JST, to the minute\n")
	assert.Contains(t, out, "Gaps: none\n")
	assert.NotRegexp(t, `(?m)^\w{3} \d\d-\d\d.*[PDB~]`, out, "no gap in the grid")
	assert.Contains(t, out, "\nSun 11-22  ·  ·  ·")
	assert.Regexp(t, `alert-response/investigate-unknown-alert\s+personalised\s+yes\s+6\s+suzuki, takahashi, watanabe, ito, \+2 more`, out)
}

// The coverage fixture's week in Berlin, with its night holes across the
// change to summer time: the whole text output is pinned in a golden file.
//
//	go test ./examples/opsdesign -run TestRolesGolden -update
func TestRolesGolden(t *testing.T) {
	code, out, errs := runCLI("roles", coverageFixture)
	assert.Equal(t, exitFindings, code, errs)
	assert.Contains(t, errs, "; 5 gaps in cover; configuration: none; baseline: none\n")
	code, _, errs = runCLI("roles", "-q", coverageFixture)
	assert.Equal(t, exitFindings, code, "-q keeps the exit status")
	assert.Empty(t, errs)
	catalogtest.Golden(t, "testdata/roles-coverage.golden", []byte(out), *update)
	assert.Contains(t, out, "Sun 03-30  ·  P  ~  P  ·")
	assert.Contains(t, out, "personalised    Sun 2025-03-30 01:00 CET   Sun 2025-03-30 04:00 CEST  2h")
}

func TestRolesJSON(t *testing.T) {
	code, out, errs := runCLI("roles", "-format", "json", coverageFixture)
	require.Equal(t, exitFindings, code, errs)
	var rep struct {
		TimeZone     string
		From, To     time.Time
		Personalised struct {
			Tasks int
			Gaps  []struct {
				Start, End time.Time
				Minutes    int
				Tasks      []string
			}
		}
		Grid []struct {
			Date, Weekday string
			Hours         []string
		}
		Tasks []struct {
			Task        string
			TruckFactor int
			Standing    bool
		}
		Services []struct {
			Service     string
			TruckFactor int
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, "Europe/Berlin", rep.TimeZone)
	assert.Equal(t, "2025-03-28T00:00:00+01:00", rep.From.Format(time.RFC3339))
	assert.Equal(t, "2025-03-31T00:00:00+02:00", rep.To.Format(time.RFC3339))
	require.Len(t, rep.Personalised.Gaps, 3)
	var minutes []int
	for _, g := range rep.Personalised.Gaps {
		minutes = append(minutes, g.Minutes)
		assert.Equal(t, []string{"alert-watch/investigate-alert"}, g.Tasks)
	}
	assert.Equal(t, []int{180, 180, 120}, minutes)
	assert.Equal(t, "2025-03-30T01:00:00+01:00", rep.Personalised.Gaps[2].Start.Format(time.RFC3339))
	assert.Equal(t, "2025-03-30T04:00:00+02:00", rep.Personalised.Gaps[2].End.Format(time.RFC3339))
	require.Len(t, rep.Grid, 3)
	assert.Equal(t, "Sun", rep.Grid[2].Weekday)
	assert.Equal(t, []string{"covered", "personalised", "skipped", "personalised", "covered"}, rep.Grid[2].Hours[:5])
	assert.Equal(t, "depersonalised", rep.Grid[0].Hours[12])
	require.Len(t, rep.Tasks, 4)
	assert.Equal(t, 3, rep.Tasks[0].TruckFactor)
	assert.False(t, rep.Tasks[3].Standing, "the scheduled report needs nobody standing by")
	require.Len(t, rep.Services, 2)
	assert.Equal(t, 2, rep.Services[1].TruckFactor)
}

func TestRolesPeriodFlags(t *testing.T) {
	code, out, errs := runCLI("roles", "-from", "2025-10-24", "-days", "1", coverageFixture)
	require.Equal(t, exitFindings, code, errs)
	assert.Contains(t, out, "Cover from Fri 2025-10-24 00:00 CEST to Sat 2025-10-25 00:00 CEST")
	assert.Equal(t, 1, strings.Count(out, "\nFri 10-24"))
	assert.NotContains(t, out, "\nSat 10-25")

	for _, args := range [][]string{
		{"roles", "-format", "xml"},
		{"roles", "-days", "400"},
		{"roles", "-days", "-1"},
		{"roles", "-from", "2025-02-30"},
		{"roles", "-nope"},
		{"roles", "no/such/dir"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, args)
		assert.NotEmpty(t, errs, args)
	}
}

// Schedules that cannot be read are printed, positioned, on stderr, and
// make the command exit 1.
func TestRolesUnreadableSchedules(t *testing.T) {
	code, _, errs := runCLI("roles", "../../catalog/rules/testdata/roles")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, `design.yaml:162:17: error: shift "Mon-Fry 09:00-18:00" of person "mei" cannot be read: unknown day "Fry" [roles/invalid-schedule]`)
}

// A service whose hours name a Calendar needs cover only while the
// Calendar is open: not on a national holiday, and until 18:30 otherwise.
func TestRolesCalendarHours(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d.yaml"), []byte(`apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-12:00", "mon-fri 13:00-18:30"], holidays: [jp]}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  hours: office
  tasks:
    - {name: answer, trigger: {event: A call.}, personalisation: depersonalised, procedure: p}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: ann}
spec:
  timeZone: Asia/Tokyo
  tasks: [desk/answer]
  shifts: ["Mon-Fri 09:00-18:00"]
`), 0o644))
	code, out, errs := runCLI("roles", "-from", "2025-11-03", "-days", "2", dir)
	assert.Equal(t, exitFindings, code, errs)
	blank := strings.Repeat("   ", 24)
	assert.Contains(t, out, "\nMon 11-03"+blank+"\n", "Culture Day: the desk is closed")
	assert.Contains(t, out, "\nTue 11-04"+strings.Repeat("   ", 9)+"  ·  ·  ·     ·  ·  ·  ·  ·  D"+strings.Repeat("   ", 5)+"\n")
	assert.Contains(t, out, "depersonalised  Tue 2025-11-04 18:00 JST  Tue 2025-11-04 18:30 JST  0.5h    desk/answer")
}
