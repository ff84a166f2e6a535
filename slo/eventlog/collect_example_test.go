package eventlog_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// Collect a log into memory, keeping its first problem and counting the
// rest, check that it gives what the objective judges, and evaluate.
func ExampleCollect() {
	log := `timestamp,latency_ms
2026-11-01T09:00:00Z,120
2026-11-01T09:00:01Z,950
yesterday,80
2026-11-01T09:00:03Z,12O
2026-11-01T09:00:04Z,90
`
	c, err := eventlog.Collect(eventlog.ReadCSV(strings.NewReader(log), "requests.csv", eventlog.Options{}), 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range c.Problems {
		fmt.Printf("%s: %s\n", d.Pos, d.Rule)
	}
	fmt.Printf("%d events, %d records skipped, %d more problem(s)\n", len(c.Events), c.Skipped, c.MoreProblems)

	fast := slo.Objective{Name: "points-fast", Kind: slo.RatioObjective, Target: slo.MustParseTarget("99%"),
		Window: slo.MustParseWindow("28d"), Threshold: 800 * time.Millisecond}
	if err := c.Suits(&fast); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := fast.Evaluation(c.Events, time.Time{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d requests within 800ms\n", ev.Good, ev.Total)
	// Output:
	// requests.csv:4:1: events/bad-time
	// 3 events, 2 records skipped, 1 more problem(s)
	// 2 of 3 requests within 800ms
}
