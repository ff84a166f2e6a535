package rules_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
// reported; it is told once, at the empty tasks list, that cover is not
// checked, and the hours people work (56 a week) are still judged.
func TestUnstaffedDesignSaysOnce(t *testing.T) {
	diags := catalogtest.Run(t, groups("roles"), "testdata/roles-unstaffed")
	assert.Equal(t, []string{"roles/cover-unchecked 27:3 /spec/tasks", "roles/person-over-hours 28:3 /spec/shifts"}, keys(diags))
	assert.Contains(t, diags[0].Message, "2 tasks can fall due at any time and need someone present during their services' hours, but no person lists the tasks they can do")
	r, _ := load(t, "testdata/roles-unstaffed").Roster()
	assert.False(t, r.Staffed)
}
