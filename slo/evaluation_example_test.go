package slo_test

import (
	"fmt"
	"os"
	"time"

	"github.com/opsdesign/opsdesign/slo"
)

// An API promises 99% of requests within 800ms over a rolling week. One
// request a minute, and the last ten took 1.5 seconds: the budget holds,
// but the workbook's fast tiers fire.
func ExampleObjective_Evaluation() {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var events []slo.Event
	for k := 7 * 24 * 60; k >= 1; k-- {
		latency := 120 * time.Millisecond
		if k <= 10 {
			latency = 1500 * time.Millisecond
		}
		events = append(events, slo.Event{At: now.Add(-time.Duration(k) * time.Minute), Latency: latency})
	}
	api := slo.Objective{Name: "api-latency", Kind: slo.RatioObjective, Target: slo.MustParseTarget("99%"),
		Window: slo.MustParseWindow("7d"), Threshold: 800 * time.Millisecond}
	ev, err := api.Evaluation(events, time.Time{}) // as of the second after the last event
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := ev.WriteText(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// objective  api-latency (ratio, target 99% over 7d)
	// period     2026-10-26T08:59:01Z to 2026-11-02T08:59:01Z, counted until 2026-11-02T08:59:01Z (the second after the latest event)
	// events     0 before the period, 10,080 inside it, 0 at or after the instant counted until
	// SLI        99.901% (10,070 of 10,080 events good): target 99% met
	// budget     100.8 events in the period; 10 consumed (9.921%), 90.8 remaining
	// burn rate  0.0992 over the period; the budget lasts 63d13h at this pace
	// alerts (the SRE workbook's tiers for this period):
	//   page-fast    page   needs 14.4  over 14m and 1m10s: burn 71.4 and 100, 9.921% of the budget in 14m  FIRING
	//   page-slow    page   needs 6     over 1h24m and 7m: burn 11.9 and 100, 9.921% of the budget in 1h24m  FIRING
	//   ticket-fast  ticket needs 3     over 5h36m and 28m: burn 2.98 and 35.7, 9.921% of the budget in 5h36m  quiet
	//   ticket-slow  ticket needs 1     over 16h48m and 1h24m: burn 0.992 and 11.9, 9.921% of the budget in 16h48m  quiet
	// alert      PAGE (page-fast, page-slow)
}
