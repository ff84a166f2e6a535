package catalog_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // calendars in Asia/Tokyo wherever the tests run

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
)

// sloOnly lints with the rules of the slo/ and openslo/ groups, so tests
// about objectives are not about the rest of a minimal service.
func sloOnly() *catalog.Linter {
	var only []catalog.Rule
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, "slo/") || strings.HasPrefix(r.ID, "openslo/") {
			only = append(only, r)
		}
	}
	return &catalog.Linter{Rules: only}
}

func parse(name, src string) *catalog.Design {
	return catalog.Parse(catalog.Source{Name: name, Data: []byte(src)})
}

const deskDesign = `apiVersion: opsdesign/v1
kind: Calendar
metadata:
  name: jp-office
  title: 本社営業日
spec:
  timeZone: Asia/Tokyo
  hours: ["mon-fri 09:00-12:00", "mon-fri 13:00-18:00"]
  holidays: [jp]
  closures: ["12-29..01-03"]
  closedDates: ["2026-06-19"]
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: inquiry-resolution
  title: 問い合わせ解決
spec:
  kind: attainment
  measure: resolution
  target: 95%
  window: month
  calendar: jp-office
  severities: [至急, 通常]
  rules:
    - {severities: [至急], within: 4bh}
    - {within: 1bd}
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: point-api
spec:
  kind: ratio
  target: 0.995
  window: 30d
  threshold: 800ms
  alerts:
    - {name: page-fast, action: page, long: 1h, burnRate: 14.4}
    - {name: ticket-slow, action: ticket, long: 3d, short: 6h, burnRate: 1}
`

func TestObjectiveModel(t *testing.T) {
	d := parse("desk.yaml", deskDesign)
	assert.Empty(t, sloOnly().Lint(d))
	require.Len(t, d.Calendars, 1)
	cal := d.Calendar("jp-office")
	require.NotNil(t, cal)
	require.NotNil(t, cal.Calendar)
	assert.Equal(t, "本社営業日", cal.Title)
	assert.Equal(t, "Asia/Tokyo", cal.Calendar.Location().String())
	assert.Len(t, cal.Spec.Hours, 2)
	assert.Equal(t, []slo.Date{slo.MustParseDate("2026-06-19")}, cal.Spec.ClosedDates)

	require.Len(t, d.Objectives, 2)
	inq := d.Objective("inquiry-resolution")
	require.NotNil(t, inq)
	require.NoError(t, inq.Err())
	assert.Equal(t, slo.AttainmentObjective, inq.Kind)
	assert.Equal(t, slo.Resolution, inq.Measure)
	assert.Equal(t, "95%", inq.Target.String())
	assert.Equal(t, slo.Monthly(), inq.Window)
	assert.Same(t, cal.Calendar, inq.Calendar, "the objective measures on its Calendar")
	assert.Equal(t, []string{"至急", "通常"}, inq.Severities)
	require.Len(t, inq.Rules, 2)
	assert.Equal(t, slo.MustParseDuration("4bh"), inq.Rules[0].Within)
	assert.Equal(t, slo.BusinessDays(1), inq.Rules[1].Within)
	assert.Nil(t, inq.Alerts, "no alerts written: the workbook's tiers")
	assert.Empty(t, inq.Findings())

	// "Within one business day" across the year-end closure: opened on the
	// last business day of 2026 (Monday 28 December), due at the close of
	// the first business day of 2027 (Monday 4 January).
	jst := cal.Calendar.Location()
	opened := time.Date(2026, 12, 28, 15, 0, 0, 0, jst)
	assert.Equal(t, time.Date(2027, 1, 4, 18, 0, 0, 0, jst), inq.Rules[1].Within.Deadline(inq.Calendar, opened))

	api := d.Objective("point-api")
	require.NotNil(t, api)
	assert.Equal(t, 800*time.Millisecond, api.Threshold)
	assert.Equal(t, []slo.AlertTier{
		{Name: "page-fast", Action: slo.Page, Long: time.Hour, Short: 5 * time.Minute, BurnRate: 14.4},
		{Name: "ticket-slow", Action: slo.Ticket, Long: 72 * time.Hour, Short: 6 * time.Hour, BurnRate: 1},
	}, api.Alerts)

	// The embedded domain objective evaluates directly.
	now := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	r, err := api.EvaluateEvents([]slo.Event{{At: now.Add(-time.Hour), Latency: 100 * time.Millisecond}, {At: now.Add(-time.Minute), Latency: 2 * time.Second}}, now)
	require.NoError(t, err)
	assert.Equal(t, int64(1), r.Good)
	assert.Equal(t, int64(2), r.Total)
}
