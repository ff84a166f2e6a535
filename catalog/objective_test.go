package catalog_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // calendars in Asia/Tokyo wherever the tests run

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

// sloOnly lints with the rules of the slo/ and openslo/ groups, so tests
// about objectives are not about the rest of a minimal service.
func sloOnly() *catalog.Linter {
	var rules []catalog.Rule
	for _, r := range catalog.Rules() {
		if strings.HasPrefix(r.ID, "slo/") || strings.HasPrefix(r.ID, "openslo/") {
			rules = append(rules, r)
		}
	}
	return &catalog.Linter{Rules: rules}
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

// Each finding of a bad objective at its exact place: rule, line, column
// (inside the scalar where the parser says) and JSON pointer.
func TestObjectivePositions(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: o
spec:
  kind: attainment
  measure: first-response
  target: 99.9
  window: 30x
  calendar: nowhere
  severities: [a, b]
  rules:
    - {severities: [a], within: "1h 30q"}
    - {severities: [c], within: 1h}
    - {severities: [a], within: 2h}
`
	d := parse("o.yaml", src)
	assert.Equal(t, []key{
		{"slo/target-wrong-scale", 8, 11, "/spec/target"},
		{"slo/invalid-objective", 9, 11, "/spec/window"}, // a window is rejected as a whole
		{"slo/unknown-calendar", 10, 13, "/spec/calendar"},
		{"slo/severity-without-target", 11, 19, "/spec/severities/1"},
		{"slo/invalid-objective", 13, 39, "/spec/rules/0/within"}, // the "q", inside the quotes
		{"slo/unknown-severity", 14, 21, "/spec/rules/1/severities/0"},
		{"slo/rule-shadowed", 15, 7, "/spec/rules/2"},
	}, keys(sloOnly().Lint(d)))
	o := d.Objective("o")
	require.Error(t, o.Err())
	assert.ErrorIs(t, o.Err(), catalog.ErrObjective)
	diags := sloOnly().Lint(d).ByRule("slo/rule-shadowed")
	require.Len(t, diags[0].Related, 1)
	assert.Equal(t, 13, diags[0].Related[0].Pos.Line)
}

func TestCalendarPositions(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Calendar
metadata:
  name: c
spec:
  timeZone: Mars/Olympus
  hours: [mon-fri 09:00-12:00, "sat 25:00-26:00"]
  holidays: [jpn]
  closures: [12-31..13-01]
  workingDates: ["2026-02-30"]
`
	d := parse("c.yaml", src)
	assert.Equal(t, []key{
		{"slo/invalid-calendar", 6, 13, "/spec/timeZone"},
		{"slo/invalid-calendar", 7, 37, "/spec/hours/1"},
		{"slo/invalid-calendar", 8, 14, "/spec/holidays/0"},
		{"slo/invalid-calendar", 9, 21, "/spec/closures/0"},
		{"slo/invalid-calendar", 10, 24, "/spec/workingDates/0"}, // at the month that has no 30th,
	}, keys(sloOnly().Lint(d)))
	assert.Contains(t, sloOnly().Lint(d)[2].Message, `did you mean "jp"?`)
	assert.Nil(t, d.Calendar("c").Calendar, "an invalid calendar is not built")
}

const inactiveDesign = `apiVersion: opsdesign/v1
kind: Service
metadata:
  name: coupon-app
spec:
  state: retired
  owner: nobody
  offerings:
    - name: coupons
      objectives: [coupon-availability]
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: stamp-card
spec:
  state: suspended
  owner: nobody
  hours: stamp-hours
  offerings:
    - name: stamps
      objectives: [objective:stamp-answers, shared]
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: point-card
spec:
  state: active
  owner: nobody
  hours: 24x7
  offerings:
    - name: points
      objectives: [shared]
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: gift-card
spec:
  state: active
  owner: nobody
  hours: Mon-Fri 10:00-19:00 Asia/Tokyo
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: coupon-availability
spec: {kind: ratio, target: 99%, window: 28d}
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: stamp-answers
spec: {kind: ratio, target: 99%, window: 28d}
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: shared
spec: {kind: ratio, target: 99%, window: 28d}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: coupon-latency
spec:
  service: coupon-app
  indicator:
    metadata: {name: coupon-latency}
    spec:
      thresholdMetric:
        metricSource: {type: Prometheus, spec: {query: coupon_p90}}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{op: lte, value: 250, target: 0.9}]
`

// An objective held only by suspended or retired services is reported at
// the objective, with each service's state as related position; one also
// held by an active service is not. An OpenSLO SLO is held by the
// opsdesign Service its spec.service names.
func TestObjectiveOnInactiveService(t *testing.T) {
	d := parse("d.yaml", inactiveDesign)
	diags := sloOnly().Lint(d)
	assert.Equal(t, []key{
		{"slo/unknown-calendar", 19, 10, "/spec/hours"},
		{"slo/objective-on-inactive-service", 48, 9, "/metadata/name"},
		{"slo/objective-on-inactive-service", 54, 9, "/metadata/name"},
		{"slo/objective-on-inactive-service", 68, 12, "/spec/service"},
	}, keys(diags))
	inactive := diags.ByRule("slo/objective-on-inactive-service")
	require.Len(t, inactive[0].Related, 1)
	assert.Equal(t, catalog.Pos{File: "d.yaml", Line: 6, Column: 10}, inactive[0].Related[0].Pos)
	assert.Contains(t, inactive[2].Message, "coupon-app (retired)")

	coupon := d.Service("coupon-app")
	var ids []string
	for _, o := range d.ServiceObjectives(coupon) {
		ids = append(ids, o.Name)
	}
	assert.Equal(t, []string{"coupon-availability", "coupon-latency"}, ids, "offerings first, then SLOs naming the service")
	assert.Nil(t, d.HoursCalendar(d.Service("point-card")))
	assert.Len(t, d.ResolveObjectives(catalog.ParseRef("shared"), catalog.ParseRef("slo:coupon-latency"), catalog.ParseRef("nothing")), 2)
}

func TestObjectiveOfSLOReferencedFromOffering(t *testing.T) {
	src := inactiveDesign + `---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: web
spec:
  state: active
  owner: nobody
  offerings:
    - name: api
      objectives: [coupon-latency, slo:coupon-latncy]
`
	d := parse("d.yaml", src)
	unresolved := catalog.Lint(d).ByRule("ref/unresolved")
	var msgs []string
	for _, u := range unresolved {
		if strings.HasPrefix(u.Message, "objective") {
			msgs = append(msgs, u.Message)
		}
	}
	assert.Equal(t, []string{`objective "slo:coupon-latncy" does not exist (no SLO of that name); did you mean "coupon-latency"?`}, msgs)
}
