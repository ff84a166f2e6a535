package promrules_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/promrules"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func load(t *testing.T) *catalog.Design {
	t.Helper()
	d, err := catalog.Load("testdata/slos.yaml")
	require.NoError(t, err)
	require.Empty(t, d.Diagnostics(), "the fixture loads clean")
	return d
}

func generate(t *testing.T) ([]byte, []promrules.Skipped) {
	t.Helper()
	f, skipped := promrules.Generate(load(t), nil)
	var b bytes.Buffer
	require.NoError(t, f.WriteYAML(&b, "testdata/slos.yaml"))
	return b.Bytes(), skipped
}

func TestGolden(t *testing.T) {
	out, _ := generate(t)
	catalogtest.Golden(t, "testdata/rules.golden.yaml", out, *update)
}

func TestSkipped(t *testing.T) {
	_, skipped := generate(t)
	assert.Equal(t, []promrules.Skipped{
		{Objective: "search-ratio", Error: true, Reason: `query "search_ok" cannot be stretched over a window: write it with {{.window}} where the range goes, with a range selector such as [5m], or as a plain selector of a counter`},
		{Objective: "checkout-fast", Reason: `indicator "checkout-latency" is not a ratio metric`},
		{Objective: "point-api-latency", Reason: "an Objective document has no indicator to query: write the objective as an OpenSLO SLO with a ratio metric of a Prometheus data source"},
	}, skipped)
}

// The rules say what slo eval says: the windows and burn rates of the
// tiers, derived for the window when none is written.
func TestRules(t *testing.T) {
	f, _ := promrules.Generate(load(t), nil)
	byGroup := map[string]promrules.Group{}
	for _, g := range f.Groups {
		byGroup[g.Name] = g
	}
	rec := byGroup["opsdesign-slo-requests-availability-recordings"]
	var records []string
	for _, r := range rec.Rules {
		records = append(records, r.Record)
	}
	assert.Equal(t, []string{
		"opsdesign:slo_error_ratio:rate5m", "opsdesign:slo_error_ratio:rate30m", "opsdesign:slo_error_ratio:rate1h",
		"opsdesign:slo_error_ratio:rate2h", "opsdesign:slo_error_ratio:rate6h", "opsdesign:slo_error_ratio:rate1d",
		"opsdesign:slo_error_ratio:rate3d", "opsdesign:slo_error_ratio:rate30d",
		"opsdesign:slo_objective:ratio", "opsdesign:slo_error_budget:ratio", "opsdesign:slo_error_budget_remaining:ratio",
	}, records, "the workbook's windows for 30 days, as Sloth's")
	assert.Equal(t, `(
  sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[5m]))
)
/
(
  sum(rate(http_request_duration_seconds_count{job="myservice"}[5m]))
)
`, rec.Rules[0].Expr)
	alerts := byGroup["opsdesign-slo-requests-availability-alerts"].Rules
	require.Len(t, alerts, 4)
	assert.Equal(t, map[string]string{"opsdesign_objective": "requests-availability", "opsdesign_tier": "page-fast", "severity": "page"}, alerts[0].Labels)
	assert.Equal(t, `max without (opsdesign_window) (opsdesign:slo_error_ratio:rate1h{opsdesign_objective="requests-availability"} >= (14.4 * 0.001))
and
max without (opsdesign_window) (opsdesign:slo_error_ratio:rate5m{opsdesign_objective="requests-availability"} >= (14.4 * 0.001))
`, alerts[0].Expr)

	basket := byGroup["opsdesign-slo-basket-availability-recordings"].Rules
	assert.Equal(t, `1 - (
  (
    sum(rate(basket_requests_total{code!~"5..",path=~"/api/[a-z]+"}[5m]))
  )
  /
  (
    sum(rate(basket_requests_total[5m]))
  )
)
`, basket[0].Expr, "the range replaced, the one inside the label's regex kept; a plain counter summed")

	monthly := byGroup["opsdesign-slo-checkout-monthly-alerts"].Rules
	require.Len(t, monthly, 16, "four tiers for each of four lengths of month")
	assert.Equal(t, "28d", monthly[0].Labels["opsdesign_period"])
	assert.True(t, strings.HasSuffix(monthly[0].Expr, "and on() (days_in_month() == 28)\n"), monthly[0].Expr)
	assert.Contains(t, monthly[0].Expr, "opsdesign:slo_error_ratio:rate56m{")
}

// Generated rules pass promtool where it is installed (CI installs it; see
// README). Each objective's rules are checked, and the whole file.
func TestPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool is not installed: the rules are only compared with the golden file (apt-get install prometheus provides it)")
	}
	out, _ := generate(t)
	path := filepath.Join(t.TempDir(), "rules.yaml")
	require.NoError(t, os.WriteFile(path, out, 0o644))
	res, err := exec.Command(promtool, "check", "rules", path).CombinedOutput()
	require.NoError(t, err, "%s", res)
	assert.Contains(t, string(res), "SUCCESS")
}

// The alerts fire when slo eval says the tier fires: promtool's rule unit
// tests run the generated rules over counters failing 1% of requests for
// 90 minutes, a burn rate of 10 against a 99.9% target, and slo eval
// evaluates the same requests: both fire page-slow (6), ticket-fast (3)
// and ticket-slow (1), and neither page-fast (14.4).
func TestPromtoolAgreesWithEval(t *testing.T) {
	d := load(t)
	o, err := sloreport.EventObjective(d.Objective("requests-availability"))
	require.NoError(t, err)
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var events []slo.Event
	for m := range 90 {
		for i := range 100 {
			events = append(events, slo.Event{At: start.Add(time.Duration(m)*time.Minute + time.Duration(i)*time.Second/2), Good: i != 0})
		}
	}
	ev, err := o.Evaluation(events, start.Add(90*time.Minute))
	require.NoError(t, err)
	var firing []string
	for _, a := range ev.Alerts {
		if a.Firing {
			firing = append(firing, a.Name)
		}
	}
	assert.Equal(t, []string{"page-slow", "ticket-fast", "ticket-slow"}, firing)

	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool is not installed: slo eval's side is checked, the rules' is not")
	}
	out, _ := generate(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.yaml"), out, 0o644))
	f, _ := promrules.Generate(d, []*catalog.Objective{d.Objective("requests-availability")})
	annotations := map[string]map[string]string{}
	for _, r := range f.Groups[1].Rules {
		annotations[r.Labels[promrules.LabelTier]] = r.Annotations
	}
	var exp strings.Builder
	for _, a := range ev.Alerts {
		if a.Firing {
			fmt.Fprintf(&exp, "          - exp_labels: {opsdesign_objective: requests-availability, opsdesign_tier: %s, severity: %s}\n", a.Name, a.Action)
			fmt.Fprintf(&exp, "            exp_annotations: {summary: %q, description: %q}\n", annotations[a.Name]["summary"], annotations[a.Name]["description"])
		}
	}
	test := `rule_files: [rules.yaml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'http_request_duration_seconds_count{job="myservice",code="200"}'
        values: '0+99x180'
      - series: 'http_request_duration_seconds_count{job="myservice",code="500"}'
        values: '0+1x180'
    alert_rule_test:
      - eval_time: 90m
        alertname: ` + promrules.AlertName + `
        exp_alerts:
` + exp.String()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "test.yaml"), []byte(test), 0o644))
	cmd := exec.Command(promtool, "test", "rules", "test.yaml")
	cmd.Dir = dir
	res, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", res)
}

// Calendar windows: of the variants of every tier, only those for the
// period Prometheus is in fire. promtool's unit tests run in January
// 1970, a month of 31 days in a first quarter of 90 (1970 is not a leap
// year); 10% of checkouts fail, a burn rate of 10 against 99%.
func TestPromtoolCalendarGates(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool is not installed")
	}
	out, _ := generate(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.yaml"), out, 0o644))
	f, _ := promrules.Generate(load(t), nil)
	var exp strings.Builder
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			o, period, tier := r.Labels[promrules.LabelObjective], r.Labels["opsdesign_period"], r.Labels[promrules.LabelTier]
			fires := (o == "checkout-monthly" && period == "31d" || o == "checkout-quarterly" && period == "90d") && tier != "page-fast"
			if r.Alert == "" || !fires {
				continue
			}
			fmt.Fprintf(&exp, "          - exp_labels: {opsdesign_objective: %s, opsdesign_period: %s, opsdesign_tier: %s, severity: %s}\n", o, period, tier, r.Labels["severity"])
			fmt.Fprintf(&exp, "            exp_annotations: {summary: %q, description: %q}\n", r.Annotations["summary"], r.Annotations["description"])
		}
	}
	require.Equal(t, 6, strings.Count(exp.String(), "exp_labels"))
	test := `rule_files: [rules.yaml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'checkout_total{outcome="ok"}'
        values: '0+90x180'
      - series: 'checkout_total{outcome="error"}'
        values: '0+10x180'
    alert_rule_test:
      - eval_time: 2h
        alertname: ` + promrules.AlertName + `
        exp_alerts:
` + exp.String()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "test.yaml"), []byte(test), 0o644))
	cmd := exec.Command(promtool, "test", "rules", "test.yaml")
	cmd.Dir = dir
	res, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", res)
}

// Ranges inside strings (a label's regex) are kept; a subquery's is not a
// range to stretch.
func TestStretchQueries(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(strings.ReplaceAll(`apiVersion: openslo/v1
kind: SLO
metadata: {name: s}
spec:
  service: s
  indicator:
    metadata: {name: s}
    spec:
      ratioMetric:
        counter: false
        good: {metricSource: {type: prometheus, spec: {query: 'sum(rate(x{path=~"/[a-z]+\\[1m\\]"}[1m])) + max_over_time(y[1h:5m])'}}}
        total: {metricSource: {type: Prometheus, spec: {promql: 'sum(increase(z[2h30m]))'}}}
  timeWindow: [{duration: 30d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
`, "\t", "  "))})
	require.Empty(t, d.Diagnostics())
	f, skipped := promrules.Generate(d, nil)
	require.Empty(t, skipped)
	assert.Equal(t, `1 - (
  (
    sum(rate(x{path=~"/[a-z]+\\[1m\\]"}[5m])) + max_over_time(y[1h:5m])
  )
  /
  (
    sum(increase(z[5m]))
  )
)
`, f.Groups[0].Rules[0].Expr)
}
