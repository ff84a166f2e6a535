package sloreport_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// design's documents start at lines 1 (Calendar), 6, 19, 29 and 34
// (Service).
const design = `apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-18:00"], holidays: [jp]}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: desk-response, title: 初動対応}
spec:
  kind: attainment
  target: 95%
  window: month
  calendar: office
  severities: [high, low]
  rules:
    - {severities: [high], within: 1h}
    - {within: 1bd}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: api}
spec:
  kind: ratio
  target: 90%
  window: 7d
  alerts:
    - {name: fast, action: page, burnRate: 5, long: 1h}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: broken}
spec: {kind: ratio, target: "97.5"}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec: {state: active}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: up}
spec: {kind: ratio, target: 90%, window: 7d, alerts: []}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: fast}
spec: {kind: ratio, target: 99%, window: 7d, threshold: 800ms}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: nowhere}
spec: {kind: ratio, target: 99%, window: 7d, calendar: closed}
`

func load(t *testing.T) *catalog.Design {
	t.Helper()
	return catalog.Parse(catalog.Source{Name: "slo.yaml", Data: []byte(design)})
}

func objective(t *testing.T, d *catalog.Design, id string) *catalog.Objective {
	t.Helper()
	o := d.Objective(id)
	require.NotNil(t, o, id)
	return o
}

func TestSummarize(t *testing.T) {
	d := load(t)
	assert.Equal(t, sloreport.Summary{ID: "desk-response", Title: "初動対応", Source: "opsdesign", File: "slo.yaml", Line: 9,
		Kind: "attainment", Target: "95%", Window: "month", Calendar: "office", Rules: 2, Alerts: []slo.TierSummary{}, Derived: true},
		sloreport.Summarize(objective(t, d, "desk-response")), "a calendar month: tiers derived per period")
	assert.Equal(t, sloreport.Summary{ID: "api", Source: "opsdesign", File: "slo.yaml", Line: 22, Kind: "ratio", Target: "90%", Window: "7d",
		Alerts: []slo.TierSummary{{Name: "fast", Action: slo.Page, Long: slo.MustParseDuration("1h"), Short: slo.MustParseDuration("5m"), BurnRate: 5}}},
		sloreport.Summarize(objective(t, d, "api")))
	assert.Equal(t, sloreport.Summary{ID: "broken", Source: "opsdesign", File: "slo.yaml", Line: 32, Kind: "ratio", Target: "0%", Window: "-",
		Alerts: []slo.TierSummary{}, Derived: true,
		Problem: `slo.yaml at /spec/target: target "97.5": a fraction must lie in (0, 1]; write "97.5%" for a percentage`},
		sloreport.Summarize(objective(t, d, "broken")))
	up := sloreport.Summarize(objective(t, d, "up"))
	assert.False(t, up.Derived, "alerts: [] is written: no alerts")
	assert.Empty(t, up.Alerts)
	fast := sloreport.Summarize(objective(t, d, "fast"))
	assert.True(t, fast.Derived)
	require.Len(t, fast.Alerts, 4, "the workbook's tiers for 7 days")
	assert.Equal(t, "page-fast", fast.Alerts[0].Name)
}

func TestSummarizeOpenSLO(t *testing.T) {
	d, err := catalog.Load("../../testdata/openslo/valid")
	require.NoError(t, err)
	s := sloreport.Summarize(objective(t, d, "checkout-fast"))
	assert.Equal(t, "openslo", s.Source)
	assert.Equal(t, "../../testdata/openslo/valid/shop.yaml", s.File)
	assert.Equal(t, 51, s.Line)
}

// Findings about service levels: those of the slo/ and openslo/ rules
// wherever they are, and any other inside an Objective, Calendar or
// OpenSLO document.
func TestFindings(t *testing.T) {
	d := load(t)
	at := func(rule string, line int) catalog.Diagnostic {
		return catalog.Diagnostic{Rule: rule, Severity: catalog.Error, Pos: catalog.Pos{File: "slo.yaml", Line: line, Column: 1}, Message: rule}
	}
	diags := catalog.Diagnostics{
		at("schema/required", 3),          // the Calendar
		at("schema/enum", 11),             // an Objective
		at("schema/enum", 36),             // the Service
		at("lifecycle/missing-event", 35), // the Service
		at("slo/target-wrong-scale", 36),  // by its rule, wherever
		at("openslo/unresolved-ref", 36),  //
		at("schema/required", 40),         // the Objective after the Service
		{Rule: "schema/enum", Pos: catalog.Pos{File: "other.yaml", Line: 3}}, // not a file of the design
	}
	var kept []string
	for _, f := range sloreport.Findings(d, diags) {
		kept = append(kept, f.Rule+"@"+f.Pos.String())
	}
	assert.Equal(t, []string{"schema/required@slo.yaml:3:1", "schema/enum@slo.yaml:11:1", "slo/target-wrong-scale@slo.yaml:36:1",
		"openslo/unresolved-ref@slo.yaml:36:1", "schema/required@slo.yaml:40:1"}, kept)
	assert.Nil(t, sloreport.Findings(d, nil))
}

func TestCheck(t *testing.T) {
	d := load(t)
	c := sloreport.NewCheck(d, catalog.Diagnostics{
		{Rule: "slo/target-wrong-scale", Severity: catalog.Error, Pos: catalog.Pos{File: "slo.yaml", Line: 32, Column: 29}, Message: "a percentage"},
		{Rule: "lifecycle/missing-event", Severity: catalog.Error, Pos: catalog.Pos{File: "slo.yaml", Line: 35, Column: 1}, Message: "no retire"},
	})
	require.Len(t, c.Objectives, 6)
	require.Len(t, c.Findings, 1)
	var b strings.Builder
	require.NoError(t, c.WriteText(&b, report.Options{}))
	assert.Equal(t, `slo.yaml:32:29: error: a percentage [slo/target-wrong-scale]
6 objectives:
  desk-response  attainment 95% over month, calendar office, 2 rules; alerts: the SRE workbook's tiers for each period
  api  ratio 90% over 7d; alerts: page 5 over 1h/5m
  broken  ratio 0% over -; alerts: the SRE workbook's tiers for each period
    cannot be evaluated: slo.yaml at /spec/target: target "97.5": a fraction must lie in (0, 1]; write "97.5%" for a percentage
  up  ratio 90% over 7d; no burn-rate alerts
  fast  ratio 99% over 7d; workbook alerts: page 14.4 over 14m/1m10s, page 6 over 1h24m/7m, ticket 3 over 5h36m/28m, ticket 1 over 16h48m/1h24m
  nowhere  ratio 99% over 7d, calendar closed; workbook alerts: page 14.4 over 14m/1m10s, page 6 over 1h24m/7m, ticket 3 over 5h36m/28m, ticket 1 over 16h48m/1h24m
    cannot be evaluated: calendar "closed" does not exist
`, b.String())
}

// A design without objectives: the JSON says null for them and [] for the
// findings, and the text says so.
func TestCheckEmpty(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte("apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: s}\nspec: {state: active}\n")})
	c := sloreport.NewCheck(d, nil)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, `{"objectives":null,"findings":[]}`, string(b))
	var text strings.Builder
	require.NoError(t, c.WriteText(&text, report.Options{}))
	assert.Equal(t, "no objectives\n", text.String())
}

func TestEventObjective(t *testing.T) {
	d := load(t)
	obj, err := sloreport.EventObjective(objective(t, d, "api"))
	require.NoError(t, err)
	assert.Equal(t, "api", obj.Name)
	assert.Len(t, obj.Alerts, 1)

	up := objective(t, d, "up")
	obj, err = sloreport.EventObjective(up)
	require.NoError(t, err)
	assert.Nil(t, obj.Alerts, "no alerts written: the workbook's tiers")
	assert.NotNil(t, up.Alerts, "the design stays as loaded")

	_, err = sloreport.EventObjective(objective(t, d, "desk-response"))
	require.ErrorIs(t, err, slo.ErrInvalidObjective)
	assert.EqualError(t, err, `objective "desk-response" is an attainment objective: it is measured on tickets, not events`)

	_, err = sloreport.EventObjective(objective(t, d, "nowhere"))
	require.ErrorIs(t, err, catalog.ErrObjective)
	assert.EqualError(t, err, `objective cannot be evaluated: objective "nowhere": calendar "closed" does not exist`)
}

const requests = `timestamp,good
2026-11-01T00:00:00Z,good
yesterday,good
2026-11-01T00:01:00Z,maybe
2026-11-01T00:02:00Z,bad
`

func collect(t *testing.T, log string, limit int) *eventlog.Collection {
	t.Helper()
	c, err := eventlog.Collect(eventlog.ReadCSV(strings.NewReader(log), "requests.csv", eventlog.Options{}), limit)
	require.NoError(t, err)
	return c
}

func TestEvaluate(t *testing.T) {
	d := load(t)
	ev, err := sloreport.Evaluate(objective(t, d, "up"), collect(t, requests, 1), time.Time{})
	require.NoError(t, err)
	assert.Equal(t, "up", ev.Objective)
	assert.Equal(t, 2, ev.Events)
	assert.Equal(t, int64(1), ev.Good)
	assert.False(t, ev.Attained)
	assert.Equal(t, time.Date(2026, 11, 1, 0, 2, 1, 0, time.UTC), ev.Now)
	assert.True(t, ev.Derived, "alerts: [] evaluates with the workbook's tiers")
	assert.Len(t, ev.Alerts, 4)
	assert.Equal(t, 2, ev.Skipped)
	assert.Equal(t, []string{`3:1: events/bad-time: timestamp "yesterday" is not RFC 3339, YYYY-MM-DD hh:mm:ss or Unix seconds; the record is skipped`}, ev.Problems)
	assert.Equal(t, 1, ev.MoreProblems)

	now := time.Date(2026, 11, 1, 0, 1, 30, 0, time.UTC)
	ev, err = sloreport.Evaluate(objective(t, d, "api"), collect(t, requests, 10), now)
	require.NoError(t, err)
	assert.Equal(t, now, ev.Now)
	assert.Equal(t, int64(1), ev.Total, "the event at 00:02 is after now")
	assert.Equal(t, slo.Placement{Inside: 1, After: 1}, ev.Placement)
	require.Len(t, ev.Problems, 3)
	assert.Equal(t, "5:1: events/after-now: the event at 2026-11-01T00:02:00Z is at or after the instant evaluated, 2026-11-01T00:01:30Z; it is not counted", ev.Problems[2])
	assert.Zero(t, ev.MoreProblems)
	assert.Equal(t, 2, ev.Errors, "the after-now finding is a warning")
}

// The reproduction: 100 bad events and one dated 2099. The far
// event is a finding at its timestamp, is not counted, and does not move
// the period: the objective is missed, as without it.
func TestEvaluateFarEvent(t *testing.T) {
	d := load(t)
	var log strings.Builder
	log.WriteString("timestamp,good\n")
	start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 100 {
		if i == 50 {
			log.WriteString("2099-11-01T09:00:00Z,good\n") // line 52
		}
		fmt.Fprintf(&log, "%s,bad\n", start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	events := collect(t, log.String(), 100)
	ev, err := sloreport.Evaluate(objective(t, d, "api"), events, time.Time{})
	require.NoError(t, err)
	assert.False(t, ev.Attained)
	assert.Equal(t, int64(0), ev.Good)
	assert.Equal(t, int64(100), ev.Total)
	assert.Equal(t, slo.Placement{Inside: 100, Far: 1}, ev.Placement)
	assert.Equal(t, start.Add(100*time.Second), ev.Now)
	assert.Equal(t, []string{"52:1: events/far-from-others: the event at 2099-11-01T09:00:00Z lies far outside the other events of the log; it is not counted and does not choose the period (a mistyped year or a clock at zero?)"}, ev.Problems)
	assert.Equal(t, 1, ev.Errors)

	found, more, errs := events.Findings(ev)
	require.Len(t, found, 1)
	assert.Equal(t, "requests.csv:52:1", found[0].Pos.String())
	assert.Equal(t, "/timestamp", found[0].Path)
	assert.Equal(t, eventlog.RuleFarFromOthers, found[0].Rule)
	assert.Zero(t, more)
	assert.Equal(t, 1, errs)
}

func TestEvaluateRefuses(t *testing.T) {
	d := load(t)
	_, err := sloreport.Evaluate(objective(t, d, "fast"), collect(t, requests, 10), time.Time{})
	require.ErrorIs(t, err, eventlog.ErrMissingMeasure)
	assert.EqualError(t, err, `objective "fast" judges latency against 800ms: the events need a latency column`)
	_, err = sloreport.Evaluate(objective(t, d, "desk-response"), collect(t, requests, 10), time.Time{})
	assert.ErrorIs(t, err, slo.ErrInvalidObjective)
	_, err = sloreport.Evaluate(objective(t, d, "broken"), collect(t, requests, 10), time.Time{})
	assert.ErrorIs(t, err, catalog.ErrObjective)
}

// An objective that writes no alerts is held to the SRE workbook's tiers;
// those its target cannot reach are named, since no lint finding reports
// tiers the design did not write.
func TestCheckUnreachableWorkbookTiers(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: desk}\nspec: {kind: ratio, target: 80%, window: month}\n---\n" +
		"apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: api}\nspec: {kind: ratio, target: 90%, window: 28d}\n"
	d := catalog.Parse(catalog.Source{Name: "o.yaml", Data: []byte(src)})
	c := sloreport.NewCheck(d, nil)
	require.Len(t, c.Objectives, 2)
	assert.Equal(t, []string{"page-fast", "page-slow"}, c.Objectives[0].Unreachable)
	assert.Equal(t, []string{"page-fast"}, c.Objectives[1].Unreachable)
	var b strings.Builder
	require.NoError(t, c.WriteText(&b, report.Options{}))
	assert.Contains(t, b.String(), "desk  ratio 80% over month; alerts: the SRE workbook's tiers for each period (page-fast, page-slow cannot fire at a target of 80%)\n")
	assert.Contains(t, b.String(), "(page-fast cannot fire at a target of 90%)\n")
}
