package eventlog_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// Read a request log and hold it to a latency objective: a line that
// cannot be read is a positioned diagnostic, and the rest is evaluated.
func ExampleReadCSV() {
	log := `timestamp,path,latency_ms
2026-11-01T09:00:00Z,/points,120
2026-11-01T09:00:01Z,/points,950
2026-11-01T09:00:02Z,/points,12O
2026-11-01T09:00:03Z,/cards,80
`
	var events []slo.Event
	for rec, err := range eventlog.ReadCSV(strings.NewReader(log), "requests.csv", eventlog.Options{}) {
		var d diag.Diagnostic
		if errors.As(err, &d) {
			fmt.Printf("%s: %s\n", d.Pos, d.Rule)
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		events = append(events, rec.Event)
	}
	fast := slo.Objective{Name: "points-fast", Kind: slo.RatioObjective, Target: slo.MustParseTarget("99%"),
		Window: slo.MustParseWindow("28d"), Threshold: 800 * time.Millisecond}
	r, err := fast.EvaluateEvents(events, time.Date(2026, 11, 1, 9, 1, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d requests within 800ms\n", r.Good, r.Total)
	// Output:
	// requests.csv:4:30: events/bad-latency
	// 2 of 3 requests within 800ms
}

// JSON Lines: a diagnostic about a key's value points at the value, with
// the key as its JSON pointer.
func ExampleReadJSONL() {
	log := `{"ts": "2026-11-01T09:00:00Z", "good": true}
{"ts": "2026-11-01T09:00:01Z", "good": "maybe"}
{"ts": 1793523602, "good": false}
`
	for rec, err := range eventlog.ReadJSONL(strings.NewReader(log), "requests.jsonl", eventlog.Options{}) {
		var d diag.Diagnostic
		if errors.As(err, &d) {
			fmt.Println(d.Pos, d.Rule, d.Path)
			continue
		}
		fmt.Println(rec.At.Format(time.RFC3339), rec.Good)
	}
	// Output:
	// 2026-11-01T09:00:00Z true
	// requests.jsonl:2:40 events/bad-outcome /good
	// 2026-11-01T09:00:02Z false
}
