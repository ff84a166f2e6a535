package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evalDesign holds a 99% objective governed by a budget policy, a 100%
// objective, and an attainment objective, which is measured on tickets.
const evalDesign = `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: api}
spec: {kind: ratio, target: 99%, window: 7d}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: perfect}
spec: {kind: ratio, target: 100%, window: 7d}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: desk}
spec: {kind: attainment, measure: first-response, target: 95%, window: month, rules: [{within: 1h}]}
---
apiVersion: opsdesign/v1
kind: ErrorBudgetPolicy
metadata: {name: freeze}
spec:
  objectives: [api]
  thresholds:
    - remainingAtMost: 50%
      actions: [Review every incident.]
    - remainingAtMost: 0%
      actions: [Freeze releases.]
      freeze: releases
`

// evalCounts: in eu 299 of 300 good, in us 150 of 200.
const evalCounts = `timestamp,good,total,region
2026-11-01T09:00:00Z,100,100,eu
2026-11-01T09:00:00Z,50,100,us
2026-11-01T09:01:00Z,99,100,eu
2026-11-01T09:01:00Z,100,100,us
2026-11-01T09:02:00Z,100,100,eu
`

const evalNow = "2026-11-01T09:03:00Z"

// The first case: a 100% objective with a failure evaluates in
// every format, exits 1, and writes its infinite and spent values
// explicitly: "+Inf" and "exhausted", never an encoding error or "".
func TestSLOEvalPerfectObjectiveEveryFormat(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", evalDesign)
	writeFile(t, "e.csv", "timestamp,good\n2026-11-01T09:00:00Z,good\n2026-11-01T09:01:00Z,bad\n2026-11-01T09:02:00Z,good\n")
	for _, input := range [][]string{{"-events", "e.csv"}, {"-counts", "c.csv"}} {
		writeFile(t, "c.csv", evalCounts)
		args := append([]string{"slo", "eval", "-objective", "perfect", "-now", evalNow}, input...)

		code, out, errs := runCLI(append(args, "-format", "json", "o.yaml")...)
		assert.Equal(t, exitFindings, code, errs)
		var ev map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &ev), out)
		assert.Equal(t, "+Inf", ev["burnRate"])
		assert.Equal(t, "+Inf", ev["budget"].(map[string]any)["ConsumedFraction"])
		assert.Equal(t, "exhausted", ev["exhaustion"])
		assert.Equal(t, false, ev["attained"])
		assert.Equal(t, "+Inf", ev["alerts"].([]any)[1].(map[string]any)["longBurn"])

		code, out, errs = runCLI(append(args, "o.yaml")...)
		assert.Equal(t, exitFindings, code, errs)
		assert.Contains(t, out, "burn rate  +Inf over the period; the budget is spent\n")

		code, out, errs = runCLI(append(args, "-format", "csv", "o.yaml")...)
		assert.Equal(t, exitFindings, code, errs)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		require.NoError(t, err)
		assert.Contains(t, rows, []string{"perfect", "period", "", "2026-10-25T09:03:00Z", "2026-11-01T09:03:00Z", "budget_consumed_fraction", "+Inf"})
		assert.Contains(t, rows, []string{"perfect", "period", "", "2026-10-25T09:03:00Z", "2026-11-01T09:03:00Z", "exhaustion", "exhausted"})
	}
}

// Every objective in one run over one counts file, filtered by a label:
// the rows of another region are left out and said so, the attainment
// objective is listed as not evaluated, the policy is applied.
func TestSLOEvalAllCountsWhere(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", evalDesign)
	writeFile(t, "c.csv", evalCounts)
	code, out, errs := runCLI("slo", "eval", "-all", "-counts", "c.csv", "-where", "region=eu", "-now", evalNow, "-format", "json", "o.yaml")
	assert.Equal(t, exitFindings, code, "the 100%% objective fails: %s", errs)
	var run struct {
		Evaluations []struct {
			Objective  string
			Good       int64
			Total      int64
			Attained   bool
			Notes      []string
			Exhaustion string
			Policy     *struct {
				Remaining float64
				Next      struct{ RemainingAtMost float64 }
			}
		}
		NotEvaluated []struct {
			Objective string
			Error     bool
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &run), out)
	require.Len(t, run.Evaluations, 2)
	api, perfect := run.Evaluations[0], run.Evaluations[1]
	assert.Equal(t, "api", api.Objective)
	assert.Equal(t, []int64{299, 300}, []int64{api.Good, api.Total})
	assert.True(t, api.Attained)
	assert.Equal(t, []string{"2 rows did not match -where and were not counted"}, api.Notes)
	require.NotNil(t, api.Policy)
	assert.InDelta(t, 2.0/3, api.Policy.Remaining, 1e-12, "1 of a budget of 3 spent")
	assert.Equal(t, 0.5, api.Policy.Next.RemainingAtMost)
	assert.Equal(t, "perfect", perfect.Objective)
	assert.False(t, perfect.Attained)
	assert.Equal(t, "exhausted", perfect.Exhaustion)
	require.Len(t, run.NotEvaluated, 1)
	assert.Equal(t, "desk", run.NotEvaluated[0].Objective)
	assert.False(t, run.NotEvaluated[0].Error, "measured on tickets by design")

	// Without the filter the us rows count too.
	code, out, _ = runCLI("slo", "eval", "-objective", "api", "-objective", "desk", "-counts", "c.csv", "-now", evalNow, "o.yaml")
	assert.Equal(t, exitFindings, code, "75% of us is far below 99%")
	assert.Contains(t, out, "SLI        89.800% (449 of 500 events good): target 99% MISSED\n")
	assert.Contains(t, out, "not evaluated: 1 objective\n")

	code, _, errs = runCLI("slo", "eval", "-all", "-counts", "c.csv", "-where", "region=apac", "o.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "opsdesign slo eval: no row of c.csv matches -where region=apac (5 rows left out)\n", errs)
	code, _, errs = runCLI("slo", "eval", "-all", "-counts", "c.csv", "-where", "zone=eu", "o.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "c.csv:1: counts/unknown-label: the header names no column \"zone\", so no row matches zone=eu; nothing is read\n"+
		"opsdesign slo eval: c.csv holds no count that could be read\n", errs)
}

// The JSON of a Prometheus range query, read by its extension: good and
// total series paired by timestamp.
func TestSLOEvalPrometheusCounts(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", evalDesign)
	writeFile(t, "q.json", `{"status":"success","data":{"resultType":"matrix","result":[
{"metric":{"series":"good"},"values":[[1793523600,"99"],[1793523660,"100"]]},
{"metric":{"series":"total"},"values":[[1793523600,"100"],[1793523660,"100"]]}]}}`)
	code, out, errs := runCLI("slo", "eval", "-objective", "api", "-counts", "q.json", "-now", evalNow, "o.yaml")
	assert.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "SLI        99.500% (199 of 200 events good): target 99% met\n")
}

// -html writes the per-objective report with its charts, through
// atomicfile: never over an input.
func TestSLOEvalHTML(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", evalDesign)
	writeFile(t, "c.csv", evalCounts)
	code, _, errs := runCLI("slo", "eval", "-all", "-counts", "c.csv", "-now", evalNow, "-html", "report.html", "o.yaml")
	assert.Equal(t, exitFindings, code, errs)
	page, err := os.ReadFile("report.html")
	require.NoError(t, err)
	assert.Equal(t, 6, strings.Count(string(page), "<svg "), "three charts for each of two objectives")
	assert.NotContains(t, string(page), "<script")
	assert.Contains(t, string(page), "desk: objective")

	code, _, errs = runCLI("slo", "eval", "-all", "-counts", "c.csv", "-html", "c.csv", "o.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "c.csv")
	data, err := os.ReadFile("c.csv")
	require.NoError(t, err)
	assert.Equal(t, evalCounts, string(data), "the input is left as it was")
}

func TestSLOEvalUsage(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", evalDesign)
	writeFile(t, "c.csv", evalCounts)
	writeFile(t, "e.csv", "timestamp,good\n2026-11-01T09:00:00Z,good\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-all", "-objective", "api", "-counts", "c.csv"}, "give -objective or -all, not both"},
		{[]string{"-all", "-counts", "c.csv", "-events", "e.csv"}, "give -events or -counts, not both"},
		{[]string{"-all", "-events", "e.csv", "-where", "region=eu"}, "-where filters the labels of counts: give -counts"},
		{[]string{"-all", "-counts", "c.csv", "-where", "region"}, "-where: "},
		{[]string{"-all", "-counts", "c.txt"}, "give -counts-format csv, jsonl or prometheus"},
		{[]string{"-all", "-counts", "c.csv", "-format", "xml"}, `unknown format "xml" (want text, json or csv)`},
		{[]string{"-objective", "desk", "-counts", "c.csv"}, "measured on tickets"},
	} {
		code, _, errs := runCLI(append(append([]string{"slo", "eval"}, tc.args...), "o.yaml")...)
		assert.Equal(t, exitUsage, code, tc.args)
		assert.Contains(t, errs, tc.want, tc.args)
	}
}

// opsdesign slo rules writes the rules of the objectives read from
// Prometheus; promtool accepts them where it is installed (CI installs
// it). An objective asked for that has no rules fails the run.
func TestSLORules(t *testing.T) {
	dir := filepath.Join("testdata", "slo-rules")
	code, out, errs := runCLI("slo", "rules", dir)
	assert.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "# Prometheus rules generated by opsdesign slo rules from testdata/slo-rules.\n"), out)
	assert.Contains(t, out, "      - record: opsdesign:slo_error_ratio:rate5m\n")
	assert.Contains(t, out, "      - alert: OpsdesignErrorBudgetBurn\n")
	assert.Equal(t, "opsdesign slo rules: 2 groups for 1 objective, 0 skipped\n", errs)

	code, _, errs = runCLI("slo", "rules", "-objective", "nope", dir)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `no objective "nope" (have: requests-availability)`)

	code, out, errs = runCLI("slo", "rules", "-objective", "point-api-latency")
	assert.Equal(t, exitUsage, code, "the sample's objectives are no Prometheus queries")
	assert.Empty(t, out)
	assert.Contains(t, errs, "point-api-latency: no rules: an Objective document has no indicator to query")

	tmp := t.TempDir()
	file := filepath.Join(tmp, "rules.yaml")
	code, _, errs = runCLI("slo", "rules", "-o", file, dir)
	require.Equal(t, exitOK, code, errs)
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool is not installed (apt-get install prometheus provides it): the rules are not checked by it here")
	}
	res, err := exec.Command(promtool, "check", "rules", file).CombinedOutput()
	require.NoError(t, err, string(res))
	assert.Contains(t, string(res), "SUCCESS: 15 rules found")
}

// A counts file that is a stream is read under the same byte limit as an
// events file, with a finding at the line the limit cut, and the run
// fails rather than report on part of the input as if it were all.
func TestSLOEvalCountsStream(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", evalDesign)
	require.NoError(t, syscall.Mkfifo("c.csv", 0o644))
	go func() {
		f, err := os.OpenFile("c.csv", os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		if _, err := f.WriteString("timestamp,good,total\n"); err != nil {
			return
		}
		for i := 0; ; i++ { // endless, until the reader stops reading
			if _, err := fmt.Fprintf(f, "2026-11-01T00:00:%02dZ,10,10\n", i%60); err != nil {
				return
			}
		}
	}()
	// The header is 21 bytes and every row 27: 2600 bytes hold 95 rows.
	code, out, errs := runCLI("slo", "eval", "-objective", "api", "-counts", "c.csv", "-max-stream-bytes", "2600", "-now", evalNow, "o.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, "c.csv:97: counts/stream-limit: the input goes on past the limit of 2600 bytes")
	assert.Contains(t, out, "(950 of 950 events good)")
}

// render -counts shows on the catalog's page how every objective of a
// service stands, with its charts (here the sample design's).
func TestRenderWithCounts(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", evalDesign)
	writeFile(t, "c.csv", evalCounts)
	code, out, errs := runCLI("render", "-format", "html", "-counts", "c.csv", "-where", "region=eu", "-now", evalNow)
	assert.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "As of 2026-11-01T09:03:00Z: SLI 99.67%, met; 33.33% of the budget left; exhaustion 2026-11-15T09:03:00Z.")
	assert.Positive(t, strings.Count(out, "<svg "))
	assert.NotContains(t, out, "<script")

	code, out, _ = runCLI("render", "-format", "html")
	assert.Equal(t, exitOK, code)
	assert.NotContains(t, out, "As of ", "no input, no standing")
	assert.Zero(t, strings.Count(out, "<svg "), "no input, no charts")

	code, _, errs = runCLI("render", "-counts", "c.csv", "-events", "c.csv", "o.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "give -events or -counts, not both")
}

// The configuration governs the counts/ rules as it does events/ rules:
// a rule turned off is not reported, a re-graded one is reported at its
// new severity, and the summary counts them so.
func TestSLOEvalCountsConfig(t *testing.T) {
	workspace(t)
	writeFile(t, "o.yaml", "apiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: up}\nspec: {kind: ratio, target: 90%, window: 28d}\n")
	writeFile(t, "c.csv", "timestamp,good,total\n2026-11-01T00:00:00Z,9,10\n2026-11-01T00:01:00Z,x,10\n2026-11-01T00:02:00Z,10,10\n2026-11-01T00:03:00Z,11,10\n2026-11-01T00:04:00Z,10,10\n")
	writeFile(t, ".opsdesign.yaml", "rules:\n  counts/bad-count: warning\n  counts/good-above-total: off\n")
	code, _, errs := runCLI("slo", "eval", "-objective", "up", "-counts", "c.csv", "-now", "2026-11-01T00:04:30Z", "o.yaml")
	assert.Equal(t, exitOK, code, errs)
	assert.Equal(t, "c.csv:3:22: counts/bad-count: the good count \"x\" is not a number; the row is skipped\n"+
		"opsdesign slo eval: 1 warning in 3 counts of c.csv and 1 file (1 document); configuration: .opsdesign.yaml; baseline: none\n", errs)

	writeFile(t, ".opsdesign.yaml", "rules:\n  counts/after-now: error\n  counts/bad-count: off\n  counts/good-above-total: off\n")
	code, _, errs = runCLI("slo", "eval", "-objective", "up", "-counts", "c.csv", "-now", "2026-11-01T00:03:30Z", "o.yaml")
	assert.Equal(t, exitOK, code, "findings about the input do not fail an evaluation: %s", errs)
	assert.Equal(t, "c.csv:6: counts/after-now: the counts at 2026-11-01T00:04:00Z are at or after the instant evaluated, 2026-11-01T00:03:30Z; they are not counted\n"+
		"opsdesign slo eval: 1 error in 3 counts of c.csv and 1 file (1 document); configuration: .opsdesign.yaml; baseline: none\n", errs)

	code, _, errs = runCLI("slo", "eval", "-config", "none", "-objective", "up", "-counts", "c.csv", "-now", "2026-11-01T00:04:30Z", "o.yaml")
	assert.Equal(t, exitFindings, code, "rows that could not be read fail the evaluation by default: %s", errs)
	assert.Contains(t, errs, "opsdesign slo eval: 2 errors in 3 counts of c.csv and 1 file (1 document); configuration: none; baseline: none\n")
}
