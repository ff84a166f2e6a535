package sloreport_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

const pointsDesign = `apiVersion: opsdesign/v1
kind: Objective
metadata: {name: points-latency}
spec:
  kind: ratio
  target: 99%
  window: 28d
  threshold: 800ms
  alerts:
    - {name: fast-burn, action: page, burnRate: 14.4, long: 1h}
`

// Evaluate an objective of a design over a request log, as
// `opsdesign slo eval` does, and print the report.
func ExampleEvaluate() {
	d := catalog.Parse(catalog.Source{Name: "slo.yaml", Data: []byte(pointsDesign)})
	log := `timestamp,latency_ms
2026-11-01T09:00:00Z,120
2026-11-01T09:00:01Z,950
2026-11-01T09:00:02Z,12O
2026-11-01T09:00:03Z,80
`
	events, err := eventlog.Collect(eventlog.ReadCSV(strings.NewReader(log), "requests.csv", eventlog.Options{}), 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2026, 11, 1, 9, 1, 0, 0, time.UTC)
	ev, err := sloreport.Evaluate(d.Objective("points-latency"), events, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := ev.WriteText(os.Stdout); err != nil {
		fmt.Println(err)
	}
	fmt.Println(ev.Problems)
	// Output:
	// objective  points-latency (ratio, target 99% over 28d)
	// period     2026-10-04T09:01:00Z to 2026-11-01T09:01:00Z, counted until 2026-11-01T09:01:00Z
	// events     0 before the period, 3 inside it, 0 at or after the instant counted until
	// SLI        66.667% (2 of 3 events good): target 99% MISSED
	// budget     0.03 events in the period; 1 consumed (3333.333%), -0.97 remaining
	// burn rate  33.3 over the period; the budget is spent
	// alerts:
	//   fast-burn    page   needs 14.4  over 1h and 5m: burn 33.3 and 33.3, 4.960% of the budget in 1h  FIRING
	// alert      PAGE (fast-burn)
	// skipped    1 record that could not be read
	// [4:22: events/bad-latency: latency "12O" is not a number of milliseconds; the record is skipped]
}

// List a design's objectives with their alert tiers, after the findings
// about service levels, as `opsdesign slo check` does.
func ExampleNewCheck() {
	d := catalog.Parse(catalog.Source{Name: "slo.yaml", Data: []byte(pointsDesign)})
	findings := catalog.Diagnostics{{Rule: "slo/alert-unreachable", Severity: catalog.Warning,
		Pos: catalog.Pos{File: "slo.yaml", Line: 10, Column: 7}, Message: "an example finding"}}
	check := sloreport.NewCheck(d, findings)
	if err := check.WriteText(os.Stdout, report.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// slo.yaml:10:7: warning: an example finding [slo/alert-unreachable]
	// 1 objective:
	//   points-latency  ratio 99% over 28d; alerts: page 14.4 over 1h/5m
}
