package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo"
)

func TestSLOCheckSample(t *testing.T) {
	code, out, errs := runCLI("slo", "check")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, "opsdesign slo check: no findings in 9 files (37 documents); configuration: none; baseline: none\n", errs)
	assert.Contains(t, out, "objectives:\n")
	assert.Contains(t, out, "  point-api-latency  ratio 99.5% over 28d; alerts: page 14.4 over 1h/5m, page 6 over 6h/30m, ticket 1 over 3d/6h\n")
}

// Only the findings about service levels, each at its line, and exit 1
// for an error.
func TestSLOCheckInvalid(t *testing.T) {
	code, out, errs := runCLI("slo", "check", "../../catalog/rules/testdata/slo")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, `../../catalog/rules/testdata/slo/objectives.yaml:10:11: error: target "97.5": a fraction must lie in (0, 1]; write "97.5%" for a percentage [slo/target-wrong-scale]`)
	assert.Contains(t, out, `../../catalog/rules/testdata/slo/calendars.yaml:8:13: error: unknown time zone "Asia/Osaka": write an IANA name such as Asia/Tokyo [slo/invalid-calendar]`)
	assert.Contains(t, out, "    cannot be evaluated: ../../catalog/rules/testdata/slo/objectives.yaml at /spec/target: ")
	assert.Contains(t, errs, "errors")
}

func TestSLOCheckJSON(t *testing.T) {
	code, out, errs := runCLI("slo", "check", "-format", "json", "../../testdata/openslo/valid")
	require.Equal(t, exitOK, code, errs)
	var got struct {
		Objectives []sloreport.Summary
		Findings   []catalog.Diagnostic
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Empty(t, got.Findings)
	require.Len(t, got.Objectives, 3)
	assert.Equal(t, sloreport.Summary{ID: "checkout-fast", Title: "Checkout answers fast", Source: "openslo", File: "../../testdata/openslo/valid/shop.yaml",
		Line: 51, Kind: "ratio", Target: "99%", Window: "28d",
		Alerts: []slo.TierSummary{{Name: "checkout-burn-fast", Action: "page", Long: slo.MustParseDuration("1h"), Short: slo.MustParseDuration("5m"), BurnRate: 14.4}}}, got.Objectives[2])
	// The windows are written as they were before they became slo.Duration.
	assert.Contains(t, out, `"name": "checkout-burn-fast",
          "action": "page",
          "long": "1h",
          "short": "5m",
          "burnRate": 14.4`)
}

// The shared fixtures' layout, in our own words: the points where the
// specification and the go-sdk disagree are warnings (exit 0), an invalid
// name is an error at its line.
func TestSLOCheckOpenSLOExitStatus(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "slos.yaml"), `- apiVersion: openslo/v1
  kind: SLO
  metadata: {name: web}
  spec:
    service: web
    indicator:
      metadata: {name: web-ratio}
      spec:
        ratioMetric:
          counter: true
          good: {metricSource: {type: Prometheus, spec: {query: ok}}}
          total: {metricSource: {type: Prometheus, spec: {query: all}}}
    timeWindow: [{duration: 1w, isRolling: true}]
    budgetingMethod: Occurrences
    objectives: [{op: gt, target: 0.995}]
`)
	code, out, _ := runCLI("slo", "check", dir)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "slos.yaml:15:19: warning: ")
	writeFile(t, filepath.Join(dir, "bad.yaml"), `apiVersion: openslo/v1
kind: Service
metadata:
  name: web service
`)
	code, out, _ = runCLI("slo", "check", dir)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "bad.yaml:4:9: error: \"web service\" is not a valid OpenSLO name")
}

// requestLog writes a request log for point-api-latency: one request every
// 28.8 seconds for 28 days (84,000), fast except every other one in the
// last hour, which takes 1.5s. It returns the file, the evaluation
// instant and the number of slow requests.
func requestLog(t *testing.T, jsonl bool) (string, time.Time, int) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	step := 28800 * time.Millisecond
	var b strings.Builder
	name := "requests.csv"
	if jsonl {
		name = "requests.jsonl"
	} else {
		b.WriteString("timestamp,latency_ms\n")
	}
	slow := 0
	for i := 84000; i >= 1; i-- {
		at := now.Add(-time.Duration(i) * step)
		ms := 120
		if at.After(now.Add(-time.Hour)) && i%2 == 0 {
			ms, slow = 1500, slow+1
		}
		if jsonl {
			fmt.Fprintf(&b, "{\"ts\": %q, \"latency\": \"%dms\"}\n", at.Format(time.RFC3339Nano), ms)
		} else {
			fmt.Fprintf(&b, "%s,%d\n", at.Format(time.RFC3339Nano), ms)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	return path, now, slow
}

func TestSLOEvalEvents(t *testing.T) {
	for _, jsonl := range []bool{false, true} {
		path, now, slow := requestLog(t, jsonl)
		code, out, errs := runCLI("slo", "eval", "-objective", "point-api-latency", "-events", path, "-now", now.Format(time.RFC3339), "-format", "json")
		assert.Equal(t, exitFindings, code, "an alert fires: %s", errs)
		var r slo.Evaluation
		require.NoError(t, json.Unmarshal([]byte(out), &r))
		assert.Equal(t, 84000, r.Events)
		assert.Equal(t, int64(84000), r.Total)
		assert.Equal(t, int64(84000-slow), r.Good)
		assert.InDelta(t, 420, r.Budget.Total, 1e-9, "0.5% of 84,000")
		assert.InDelta(t, float64(slow), r.Budget.Consumed, 1e-9)
		assert.True(t, r.Attained)
		assert.Equal(t, slo.Page, r.Alert)
		require.Len(t, r.Alerts, 3)
		for _, a := range r.Alerts {
			assert.True(t, a.Firing, a.Name)
		}
		// page-fast: half the last hour's requests fail, a burn rate of
		// 0.5 / 0.005 = 100, which spends 100 × 1h / 28d of the budget.
		assert.InDelta(t, 100, r.Alerts[0].LongBurn, 1)
		assert.InDelta(t, 100.0/(28*24), r.Alerts[0].LongConsumed, 0.002)
	}

	path, now, _ := requestLog(t, false)
	code, out, _ := runCLI("slo", "eval", "-objective", "point-api-latency", "-events", path, "-now", now.Format(time.RFC3339))
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "objective  point-api-latency (ratio, target 99.5% over 28d)\n")
	assert.Contains(t, out, "SLI        99.926% (83,938 of 84,000 events good): target 99.5% met\n")
	assert.Contains(t, out, "alert      PAGE (page-fast, page-slow, ticket-slow)\n")
}

// The same objective exported to OpenSLO evaluates to the same figures.
func TestSLOExportThenEval(t *testing.T) {
	dir := t.TempDir()
	exported := filepath.Join(dir, "point-api.openslo.yaml")
	code, _, errs := runCLI("slo", "export", "-objective", "point-api-latency", "-o", exported)
	require.Equal(t, exitOK, code, errs)
	path, now, _ := requestLog(t, false)
	_, native, _ := runCLI("slo", "eval", "-objective", "point-api-latency", "-events", path, "-now", now.Format(time.RFC3339))
	_, viaOpenSLO, errs := runCLI("slo", "eval", "-objective", "point-api-latency", "-events", path, "-now", now.Format(time.RFC3339), exported)
	assert.NotEmpty(t, native)
	assert.Equal(t, native, viaOpenSLO, errs)

	// Everything the sample has exports, and loads back on its own as
	// clean OpenSLO with the calendars it names (carried in the SLOs).
	code, out, errs := runCLI("slo", "export")
	require.Equal(t, exitOK, code, errs)
	d := catalog.Parse(catalog.Source{Name: "export.yaml", Data: []byte(out)})
	assert.Empty(t, rules.Lint(d))
	assert.Len(t, d.OpenSLO.SLOs, 3)
	assert.Len(t, d.Calendars, 2, "jp-24x7 and jp-office")

	// Export, load, export again: the same bytes, with -o as without.
	first := filepath.Join(dir, "slos.yaml")
	code, _, errs = runCLI("slo", "export", "-o", first)
	require.Equal(t, exitOK, code, errs)
	b, err := os.ReadFile(first)
	require.NoError(t, err)
	assert.Equal(t, out, string(b))
	code, again, errs := runCLI("slo", "export", first)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, out, again, "a re-export writes the same bytes")
}

// The reproduction, as written: 100 bad events plus one dated
// 2099 gave "100% (1 of 1 events good): target met" and exit 0. The far
// event is now a finding at its timestamp, the period stays where the
// events are, and the verdict is the one without it.
func TestSLOEvalFarEvent(t *testing.T) {
	dir := t.TempDir()
	ratio := filepath.Join(dir, "o.yaml")
	writeFile(t, ratio, "apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: up}\nspec: {kind: ratio, target: 99%, window: 28d}\n")
	var b strings.Builder
	b.WriteString("timestamp,good\n")
	start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 100 {
		fmt.Fprintf(&b, "%s,bad\n", start.Add(time.Duration(i)*time.Minute).Format(time.RFC3339))
	}
	b.WriteString("2099-11-01T09:00:00Z,good\n")
	events := filepath.Join(dir, "e.csv")
	writeFile(t, events, b.String())

	code, out, errs := runCLI("slo", "eval", "-objective", "up", "-events", events, ratio)
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, events+":102:1: events/far-from-others: the event at 2099-11-01T09:00:00Z lies far outside the other events of the log; it is not counted and does not choose the period (a mistyped year or a clock at zero?)\n"+
		"opsdesign slo eval: 1 error in 101 events of "+events+" and 1 file (1 document); configuration: none; baseline: none\n", errs)
	assert.Contains(t, out, "period     2026-10-04T10:39:01Z to 2026-11-01T10:39:01Z, counted until 2026-11-01T10:39:01Z (the second after the latest event)\n")
	assert.Contains(t, out, "events     0 before the period, 100 inside it, 0 at or after the instant counted until; 1 far from the others, not counted\n")
	assert.Contains(t, out, "SLI        0.000% (0 of 100 events good): target 99% MISSED\n")

	// With good events the verdict is met, and the far event still fails
	// the run: a log with a date 73 years off is a log to fix.
	writeFile(t, events, strings.ReplaceAll(b.String(), ",bad", ",good"))
	code, out, errs = runCLI("slo", "eval", "-objective", "up", "-events", events, "-format", "json", ratio)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, "events/far-from-others")
	var r slo.Evaluation
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.True(t, r.Attained)
	assert.Equal(t, slo.Placement{Inside: 100, Far: 1}, r.Placement)
	assert.Equal(t, 1, r.Errors)
	assert.Len(t, r.Problems, 1)

	// An explicit instant before the last events: they are counted apart,
	// each a warning at its timestamp, and do not fail the run alone.
	code, out, errs = runCLI("slo", "eval", "-objective", "up", "-events", events, "-now", "2026-11-01T10:38:00Z", ratio)
	assert.Equal(t, exitFindings, code, "the far event is still an error")
	assert.Contains(t, out, "events     0 before the period, 98 inside it, 2 at or after the instant counted until; 1 far from the others, not counted\n")
	assert.Contains(t, errs, events+":100:1: events/after-now: the event at 2026-11-01T10:38:00Z is at or after the instant evaluated, 2026-11-01T10:38:00Z; it is not counted\n")
}

func TestSLOEvalProblems(t *testing.T) {
	dir := t.TempDir()
	events := filepath.Join(dir, "e.csv")
	writeFile(t, events, "2026-11-01T00:00:00Z,good\nyesterday,good\n2026-11-01T00:01:00Z,maybe\n2026-11-01T00:02:00Z,bad\n")
	ratio := filepath.Join(dir, "o.yaml")
	writeFile(t, ratio, `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: up}
spec: {kind: ratio, target: 90%, window: 7d}
`)
	code, out, errs := runCLI("slo", "eval", "-objective", "up", "-events", events, ratio)
	assert.Equal(t, exitFindings, code, "records were skipped")
	assert.Equal(t, events+":2:1: events/bad-time: timestamp \"yesterday\" is not RFC 3339, YYYY-MM-DD hh:mm:ss or Unix seconds; the record is skipped\n"+
		events+":3:22: events/bad-outcome: outcome \"maybe\" is neither good/bad nor a latency; the record is skipped\n"+
		"opsdesign slo eval: 2 errors in 2 events of "+events+" and 1 file (1 document); configuration: none; baseline: none\n", errs)
	assert.Contains(t, out, "SLI        50.000% (1 of 2 events good): target 90% MISSED\n")
	assert.Contains(t, out, "skipped    2 records that could not be read\n")

	// JSON: the problems without the file, and the count of records skipped.
	code, out, _ = runCLI("slo", "eval", "-objective", "up", "-events", events, "-format", "json", ratio)
	assert.Equal(t, exitFindings, code)
	var r slo.Evaluation
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.Equal(t, 2, r.Events)
	assert.Equal(t, 2, r.Skipped)
	assert.Equal(t, []string{
		"2:1: events/bad-time: timestamp \"yesterday\" is not RFC 3339, YYYY-MM-DD hh:mm:ss or Unix seconds; the record is skipped",
		"3:22: events/bad-outcome: outcome \"maybe\" is neither good/bad nor a latency; the record is skipped",
	}, r.Problems)
	assert.Zero(t, r.MoreProblems)

	// A warning leaves the records read: no record is skipped.
	dup := filepath.Join(dir, "dup.jsonl")
	writeFile(t, dup, "{\"ts\": \"2026-11-01T00:00:00Z\", \"time\": \"2026-11-01T09:00:00+09:00\", \"good\": true}\n")
	code, out, errs = runCLI("slo", "eval", "-objective", "up", "-events", dup, ratio)
	assert.Equal(t, exitOK, code, errs)
	assert.Equal(t, dup+":1:32: events/duplicate-column: key \"time\" gives the timestamp again, after \"ts\"; the first is read\n"+
		"opsdesign slo eval: 1 warning in 1 event of "+dup+" and 1 file (1 document); configuration: none; baseline: none\n", errs)
	assert.NotContains(t, out, "skipped")

	// A header without a timestamp column: nothing can be read.
	noTime := filepath.Join(dir, "no-time.csv")
	writeFile(t, noTime, "when,good\n2026-11-01T00:00:00Z,good\n")
	code, _, errs = runCLI("slo", "eval", "-objective", "up", "-events", noTime, ratio)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, noTime+":1: events/missing-column: the first row is not a record")
	assert.Contains(t, errs, "opsdesign slo eval: "+noTime+" holds no event that could be read\n")

	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-objective", "nope", "-events", events}, `no objective "nope" (have: alert-first-response, inquiry-resolution, point-api-latency)`},
		{[]string{"-objective", "alert-first-response", "-events", events}, "is an attainment objective: it is measured on tickets"},
		{[]string{"-objective", "point-api-latency", "-events", events}, "judges latency against 800ms: the events need a latency column"},
		{[]string{"-objective", "up", "-events", filepath.Join(dir, "e.txt"), ratio}, "give -events-format csv or jsonl"},
		{[]string{"-objective", "up", "-events", events, "-events-format", "tsv", ratio}, `unknown -events-format "tsv" (want csv or jsonl)`},
		{[]string{"-objective", "up", ratio}, "-events is required"},
		{[]string{"-events", events}, "-objective is required"},
		{[]string{"-objective", "up", "-events", events, "-now", "noon", ratio}, "-now \"noon\" is not an RFC 3339 time"},
	} {
		code, _, errs := runCLI(append([]string{"slo", "eval"}, tc.args...)...)
		assert.Equal(t, exitUsage, code, "%v", tc.args)
		assert.Contains(t, errs, tc.msg, "%v", tc.args)
	}
}

// A file in the wrong format does not flood the terminal: the first
// problems are printed, the others counted, and every skipped record is
// counted.
func TestSLOEvalManyProblems(t *testing.T) {
	dir := t.TempDir()
	events := filepath.Join(dir, "e.jsonl")
	var b strings.Builder
	b.WriteString("{\"ts\": \"2026-11-01T00:00:00Z\", \"good\": true}\n")
	for range 150 {
		b.WriteString("ts=2026-11-01T00:00:00Z good=true\n")
	}
	writeFile(t, events, b.String())
	ratio := filepath.Join(dir, "o.yaml")
	writeFile(t, ratio, `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: up}
spec: {kind: ratio, target: 90%, window: 7d}
`)
	code, out, errs := runCLI("slo", "eval", "-objective", "up", "-events", events, ratio)
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, 102, strings.Count(errs, "\n"), "100 problems, the count of the rest, the summary")
	assert.Contains(t, errs, events+":101:1: events/bad-json: the line is not a JSON object; it is skipped\n")
	assert.NotContains(t, errs, events+":102:1:")
	assert.True(t, strings.HasSuffix(errs, "... and 50 more problems not shown\n"+
		"opsdesign slo eval: 100 errors shown, 50 more not shown in 1 event of "+events+" and 1 file (1 document); configuration: none; baseline: none\n"), errs)
	assert.Contains(t, out, "skipped    150 records that could not be read\n")

	code, out, _ = runCLI("slo", "eval", "-objective", "up", "-events", events, "-format", "json", ratio)
	assert.Equal(t, exitFindings, code)
	var r slo.Evaluation
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.Len(t, r.Problems, 100)
	assert.Equal(t, 50, r.MoreProblems)
	assert.Equal(t, 150, r.Skipped)
	assert.Equal(t, 1, r.Events)
}

func TestSLOUsage(t *testing.T) {
	for _, args := range [][]string{{"slo"}, {"slo", "frob"}, {"slo", "check", "-format", "xml"}, {"slo", "export", "-objective", "nope"}} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
	code, _, errs := runCLI("slo", "help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, errs, "opsdesign slo eval")
}

// The configuration governs the events/ rules as it does design rules:
// re-graded, the far event no longer fails the run; the summary names the
// configuration that applied.
func TestSLOEvalConfig(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", "apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: up}\nspec: {kind: ratio, target: 90%, window: 28d}\n")
	writeFile(t, "e.csv", "timestamp,good\n2026-11-01T00:00:00Z,good\n2026-11-01T00:01:00Z,good\n2026-11-01T00:02:00Z,good\n2026-11-01T00:03:00Z,good\n2099-11-01T00:00:00Z,good\nyesterday,good\n")
	writeFile(t, ".opsdesign.yaml", "rules:\n  events/far-from-others: warning\n  events/bad-time: off\n")
	code, _, errs := runCLI("slo", "eval", "-objective", "up", "-events", "e.csv", "o.yaml")
	assert.Equal(t, exitOK, code, errs)
	assert.Equal(t, "e.csv:6:1: events/far-from-others: the event at 2099-11-01T00:00:00Z lies far outside the other events of the log; it is not counted and does not choose the period (a mistyped year or a clock at zero?)\n"+
		"opsdesign slo eval: 1 warning in 5 events of e.csv and 1 file (1 document); configuration: .opsdesign.yaml; baseline: none\n", errs)
	code, _, errs = runCLI("slo", "eval", "-config", "none", "-objective", "up", "-events", "e.csv", "o.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, "opsdesign slo eval: 2 errors in 5 events of e.csv and 1 file (1 document); configuration: none; baseline: none\n")
}

// An events file that is a stream is read under a byte limit, with a
// finding when the stream goes on past it.
func TestSLOEvalStream(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", "apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: up}\nspec: {kind: ratio, target: 90%, window: 28d}\n")
	require.NoError(t, syscall.Mkfifo("e.csv", 0o644))
	go func() {
		f, err := os.OpenFile("e.csv", os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		for i := 0; ; i++ { // endless, until the reader stops reading
			if _, err := fmt.Fprintf(f, "2026-11-01T00:00:%02dZ,good\n", i%60); err != nil {
				return
			}
		}
	}()
	code, out, errs := runCLI("slo", "eval", "-objective", "up", "-events", "e.csv", "-max-stream-bytes", "2600", "o.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, "e.csv:101: events/stream-limit: the input goes on past the limit of 2600 bytes")
	assert.Contains(t, out, "(100 of 100 events good)")
}
