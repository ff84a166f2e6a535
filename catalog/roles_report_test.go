package catalog_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/roles"
)

// Roster.Report over the coverage fixture's Berlin weekend: the cover of
// the standing work, truck factors of every task (the scheduled report
// included, not standing), team sizes, and the grid across the change to
// summer time.
func TestRosterReport(t *testing.T) {
	r, _ := loadDir(t, "rules/testdata/roles-coverage").Roster()
	from, to := r.Period(time.Now())
	rep, err := r.Report(from, to)
	require.NoError(t, err)
	assert.Equal(t, "Europe/Berlin", rep.TimeZone)
	assert.Equal(t, "2025-03-28T00:00:00+01:00", rep.From.Format(time.RFC3339))
	assert.Equal(t, "2025-03-31T00:00:00+02:00", rep.To.Format(time.RFC3339))
	assert.True(t, rep.Staffed)
	var minutes []int64
	for _, g := range rep.Personalised.Gaps {
		minutes = append(minutes, g.Minutes)
	}
	assert.Equal(t, []int64{180, 180, 120}, minutes)
	require.Len(t, rep.Grid, 3)
	assert.Equal(t, []roles.HourCell{roles.HourCovered, roles.HourPersonalisedGap, roles.HourSkipped, roles.HourPersonalisedGap, roles.HourCovered},
		rep.Grid[2].Hours[:5])
	assert.Equal(t, roles.HourDepersonalisedGap, rep.Grid[0].Hours[12], "the office desk's lunch break")
	require.Len(t, rep.Tasks, 4)
	assert.False(t, rep.Tasks[3].Standing, "the scheduled report needs nobody standing by")
	assert.Len(t, rep.Services, 2)

	_, err = r.Report(to, from)
	assert.ErrorIs(t, err, roles.ErrRange)
}

// A service whose hours name a Calendar that does not exist is listed as
// unchecked.
func TestRosterReportUnchecked(t *testing.T) {
	d := parseDesign(t, `apiVersion: opsdesign/v1
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
spec: {tasks: [desk/answer], shifts: ["Mon-Fri 09:00-18:00"]}
`)
	r, _ := d.Roster()
	from := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)
	rep, err := r.Report(from, from.AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.Equal(t, []string{"desk"}, rep.Unchecked)
	assert.Zero(t, rep.Depersonalised.Tasks)
	assert.Equal(t, 1, rep.Tasks[0].Factor)
}

// Reports may be made concurrently, and each is the caller's own: changing
// one changes neither the cached coverage nor another report.
func TestRosterReportConcurrent(t *testing.T) {
	r, _ := loadDir(t, "rules/testdata/roles-coverage").Roster()
	from, to := r.Period(time.Now())
	reports := make([]*roles.RosterReport, 4)
	var wg sync.WaitGroup
	for i := range reports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := r.Report(from, to)
			assert.NoError(t, err)
			reports[i] = rep
		}()
	}
	wg.Wait()
	reports[0].Personalised.Gaps[0].Tasks[0] = "changed"
	for _, rep := range reports[1:] {
		assert.Equal(t, reports[1], rep)
		assert.Equal(t, "alert-watch/investigate-alert", rep.Personalised.Gaps[0].Tasks[0])
	}
	cov, err := r.Coverage(from, to)
	require.NoError(t, err)
	assert.Equal(t, "alert-watch/investigate-alert", cov.Personalised.Gaps[0].Tasks[0])
}
