package rules_test

import (
	"os"
	"strings"
	"testing"
	_ "time/tzdata" // calendars in Asia/Tokyo wherever the tests run

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestSLOFixtures(t *testing.T) { runFixture(t, "slo") }

// The services of slo-inactive are not complete designs: only the slo/
// and openslo/ rules run on it.
func TestSLOInactiveFixtures(t *testing.T) {
	catalogtest.Run(t, groups("slo", "openslo"), "testdata/slo-inactive")
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
	assert.Equal(t, []string{
		"slo/target-wrong-scale 8:11 /spec/target",
		"slo/invalid-objective 9:11 /spec/window", // a window is rejected as a whole
		"slo/unknown-calendar 10:13 /spec/calendar",
		"slo/severity-without-target 11:19 /spec/severities/1",
		"slo/invalid-objective 13:39 /spec/rules/0/within", // the "q", inside the quotes
		"slo/unknown-severity 14:21 /spec/rules/1/severities/0",
		"slo/rule-shadowed 15:7 /spec/rules/2",
	}, keys(groups("slo", "openslo").Lint(d)))
	o := d.Objective("o")
	require.Error(t, o.Err())
	assert.ErrorIs(t, o.Err(), catalog.ErrObjective)
	diags := groups("slo", "openslo").Lint(d).ByRule("slo/rule-shadowed")
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
	assert.Equal(t, []string{
		"slo/invalid-calendar 6:13 /spec/timeZone",
		"slo/invalid-calendar 7:37 /spec/hours/1",
		"slo/invalid-calendar 8:14 /spec/holidays/0",
		"slo/invalid-calendar 9:21 /spec/closures/0",
		"slo/invalid-calendar 10:24 /spec/workingDates/0", // at the month that has no 30th,
	}, keys(groups("slo", "openslo").Lint(d)))
	assert.Contains(t, groups("slo", "openslo").Lint(d)[2].Message, `did you mean "jp"?`)
	assert.Nil(t, d.Calendar("c").Calendar, "an invalid calendar is not built")
}

const inactiveFixture = "testdata/slo-inactive/design.yaml"

// An objective held only by suspended or retired services is reported at
// the objective, with each service's state as related position; one also
// held by an active service is not. An OpenSLO SLO is held by the
// opsdesign Service its spec.service names.
func TestObjectiveOnInactiveService(t *testing.T) {
	d := load(t, inactiveFixture)
	diags := groups("slo", "openslo").Lint(d)
	assert.Equal(t, []string{
		"slo/unknown-calendar 19:10 /spec/hours",
		"slo/objective-on-inactive-service 48:9 /metadata/name",
		"slo/objective-on-inactive-service 54:9 /metadata/name",
		"slo/objective-on-inactive-service 68:12 /spec/service",
	}, keys(diags))
	inactive := diags.ByRule("slo/objective-on-inactive-service")
	require.Len(t, inactive[0].Related, 1)
	assert.Equal(t, catalog.Pos{File: inactiveFixture, Line: 6, Column: 10}, inactive[0].Related[0].Pos)
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
	design, err := os.ReadFile(inactiveFixture)
	require.NoError(t, err)
	src := string(design) + `---
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
	unresolved := rules.Lint(d).ByRule("ref/unresolved")
	var msgs []string
	for _, u := range unresolved {
		if strings.HasPrefix(u.Message, "objective") {
			msgs = append(msgs, u.Message)
		}
	}
	assert.Equal(t, []string{`objective "slo:coupon-latncy" does not exist (no SLO of that name); did you mean "coupon-latency"?`}, msgs)
}

// An alert window shorter than the time slice: at the alert's window when
// the objective writes it, at the slice for the workbook's tiers; the
// message names the objective's own window.
func TestAlertWindowBelowSlicePositions(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: probes}
spec:
  kind: time-slice
  target: 99%
  window: 1d
  slice: 7m
  sliceTarget: 90%
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: written}
spec:
  kind: time-slice
  target: 99%
  window: 28d
  slice: 10m
  sliceTarget: 90%
  alerts:
    - {name: fast, action: page, long: 1h, burnRate: 14.4}
`
	diags := groups("slo").Lint(parse("o.yaml", src)).ByRule("slo/alert-window-below-slice")
	require.Len(t, diags, 2)
	assert.Equal(t, []string{"slo/alert-window-below-slice 8:10 /spec/slice", "slo/alert-window-below-slice 21:7 /spec/alerts/0"}, keys(diags))
	assert.Equal(t, catalog.Warning, diags[0].Severity)
	assert.True(t, strings.HasPrefix(diags[0].Message, `objective "probes": the SRE workbook's alerts for the 1d window have windows too short for the 7m time slice: page-fast (14.4 over 2m and 10s), `), diags[0].Message)
	assert.Equal(t, `objective "written": alert "fast": its short window of 5m is at most half the 10m time slice: slices are judged when they end, so it holds no judged slice half of the time or more, when the alert cannot fire`, diags[1].Message)
}

// Of the SRE workbook's tiers, which an objective without alerts is held
// to, none is reported: the design wrote nothing wrong (slo check names the
// tiers its target cannot reach). An alert the design writes is checked.
func TestBurnThresholdOnlyOfWrittenAlerts(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: desk}\nspec: {kind: ratio, target: 90%, window: month}\n---\n" +
		"apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: api}\nspec:\n  kind: ratio\n  target: 90%\n  window: 28d\n" +
		"  alerts:\n    - {name: page-fast, action: page, long: 1h, burnRate: 14.4}\n"
	diags := groups("slo").Lint(parse("o.yaml", src))
	assert.Equal(t, []string{"slo/burn-threshold-unreachable 14:59 /spec/alerts/0/burnRate"}, keys(diags))
}

// A finding about an alert written as a mapping is reported at the value at
// fault: its burn rate, its short window or its long one.
func TestAlertFindingsAtTheirValue(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: api}
spec:
  kind: ratio
  target: 90%
  window: 7d
  alerts:
    - name: page
      action: page
      long: 1h
      short: 2h
      burnRate: 20
    - name: ticket
      action: ticket
      long: 14d
      burnRate: 1
`
	assert.Equal(t, []string{
		"slo/short-window-not-shorter 12:14 /spec/alerts/0/short",
		"slo/burn-threshold-unreachable 13:17 /spec/alerts/0/burnRate",
		"slo/alert-window-exceeds-period 16:13 /spec/alerts/1/long",
	}, keys(groups("slo").Lint(parse("o.yaml", src))))
}

// Every SLO of a file that names a calendar the design lacks is reported
// at its own annotation, not only the first of the file.
func TestEveryMissingCalendarOfAFile(t *testing.T) {
	d := load(t, "testdata/slo/exported.yaml")
	assert.Equal(t, []string{
		"slo/unknown-calendar 8:29 /metadata/annotations/opsdesign.dev~1calendar",
		"slo/unknown-calendar 32:29 /metadata/annotations/opsdesign.dev~1calendar",
	}, keys(groups("slo").Lint(d).ByRule("slo/unknown-calendar")))
}
