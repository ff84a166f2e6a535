package catalog_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

func TestTicketPolicyModel(t *testing.T) {
	d, err := catalog.Load(sampleDir)
	require.NoError(t, err)
	require.Len(t, d.TicketPolicies, 1)
	tp := d.TicketPolicies[0]
	assert.Equal(t, "support-desk", tp.Name)
	assert.Equal(t, "放置チケット対策", tp.Title)
	require.Len(t, tp.Services, 1)
	assert.Equal(t, "member-card", tp.Services[0].Name)
	assert.Equal(t, "/spec/services/0", tp.Services[0].Path)
	assert.Equal(t, "jp-office", tp.CalendarRef.Name)
	assert.Nil(t, tp.Calendar)
	assert.Equal(t, catalog.StaleThresholds{Path: "/spec/thresholds", Stale: 5, Rotten: 10, Close: 20}, tp.Thresholds)
	assert.Equal(t, []catalog.CategoryThresholds{{Category: "question",
		StaleThresholds: catalog.StaleThresholds{Path: "/spec/categories/question", Stale: 3, Rotten: 7, Close: 15}}}, tp.Categories)
	assert.Equal(t, []string{"requester", "agent"}, tp.Activity)
	assert.Equal(t, []string{"frozen"}, tp.ExemptLabels)
	assert.Equal(t, "stale", tp.CloseReason)
	assert.Equal(t, "ticket-policy", tp.CloseBy)
	assert.Equal(t, 4, tp.FilingDropWeeks)
	assert.InDelta(t, 0.3, tp.FilingDropThreshold, 1e-12)
	assert.Equal(t, "keep", tp.OnSeverityChange)
	assert.Equal(t, "continue", tp.OnReopen)

	cal, err := d.BusinessCalendar(tp)
	require.NoError(t, err)
	require.NotNil(t, cal)
	assert.Same(t, d.Calendar("jp-office").Calendar, cal)
	assert.Same(t, tp, d.TicketPolicyFor("member-card"))
	assert.Nil(t, d.TicketPolicyFor("alert-response"), "the sample's policy names its services")
}

func TestTicketPolicyInlineCalendar(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "p.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: TicketPolicy
metadata: {name: default}
spec:
  calendar:
    timeZone: Asia/Tokyo
    hours: ["mon-fri 09:00-12:00", "mon-fri 13:00-18:00"]
    holidays: [jp]
    closures: ["12-29..01-03"]
    closedDates: ["2026-10-30"]
    workingDates: ["2026-11-03"]
  thresholds: {stale: 5}
`)})
	require.Empty(t, d.Diagnostics())
	tp := d.TicketPolicies[0]
	assert.Same(t, tp, d.TicketPolicyFor("anything"), "a policy naming no services takes every service")
	cal, err := d.BusinessCalendar(tp)
	require.NoError(t, err)
	loc := cal.Location()
	// The lunch break does not count; 2026-10-30 is closed; 2026-11-03
	// (Culture Day) is worked.
	assert.Equal(t, 8*time.Hour, cal.BusinessTime(time.Date(2026, 10, 29, 0, 0, 0, 0, loc), time.Date(2026, 10, 30, 0, 0, 0, 0, loc)))
	assert.False(t, cal.IsBusinessDay(slo.Date{Year: 2026, Month: 10, Day: 30}))
	assert.True(t, cal.IsBusinessDay(slo.Date{Year: 2026, Month: 11, Day: 3}))
	spec, err := tp.Calendar.Spec()
	require.NoError(t, err)
	assert.Len(t, spec.Hours, 2)
}

func TestTicketPolicyCalendarErrors(t *testing.T) {
	tests := []struct {
		cal  catalog.PolicyCalendar
		path string
	}{
		{catalog.PolicyCalendar{Path: "/spec/calendar", TimeZone: "Mars/Olympus"}, "/spec/calendar/timeZone"},
		{catalog.PolicyCalendar{Path: "/spec/calendar", Hours: []string{"mon-fri 09:00-18:00", "9 to 5"}}, "/spec/calendar/hours/1"},
		{catalog.PolicyCalendar{Path: "/spec/calendar", Holidays: []string{"atlantis"}}, "/spec/calendar/holidays/0"},
		{catalog.PolicyCalendar{Path: "/spec/calendar", Closures: []string{"13-01"}}, "/spec/calendar/closures/0"},
		{catalog.PolicyCalendar{Path: "/spec/calendar", ClosedDates: []string{"2026-02-30"}}, "/spec/calendar/closedDates/0"},
		{catalog.PolicyCalendar{Path: "/spec/calendar", WorkingDates: []string{"tomorrow"}}, "/spec/calendar/workingDates/0"},
		{catalog.PolicyCalendar{Path: "/spec/calendar", Closures: []string{"01-01..12-31"}}, "/spec/calendar"},
	}
	for _, tt := range tests {
		_, err := tt.cal.Spec()
		var ce *catalog.CalendarError
		require.ErrorAs(t, err, &ce, "%+v", tt.cal)
		assert.Equal(t, tt.path, ce.Path)
		assert.ErrorIs(t, err, ce.Err)
	}
}

func TestTicketPolicySchema(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "p.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: TicketPolicy
metadata: {name: p}
spec:
  thresholds: {stale: 0}
  activity: [robot]
  forcedClose: {reason: "Stale Ticket"}
  clock: {onReopen: sometimes}
  closeAfter: 30
`)})
	got := keys(d.Diagnostics())
	assert.Equal(t, []key{
		{"schema/value", 5, 23, "/spec/thresholds/stale"},
		{"schema/enum", 6, 14, "/spec/activity/0"},
		{"schema/value", 7, 25, "/spec/forcedClose/reason"},
		{"schema/enum", 8, 21, "/spec/clock/onReopen"},
		{"schema/unknown-key", 9, 3, "/spec/closeAfter"},
	}, got)
}
