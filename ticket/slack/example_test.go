package slack_test

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

// A consultation desk's week in Slack, reviewed against the design's
// objectives: the same-day rate, and each miss with its permalink.
func Example() {
	design, err := catalog.Load("testdata/design.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _, err := ticket.ReadMapping("testdata/mapping.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, found, err := slack.NewConfig(m, design)
	if err != nil || len(found) > 0 {
		fmt.Println(err, found)
		return
	}
	inquiries, tally := slack.ReadFile("testdata/export", cfg)
	now := time.Date(2026, 11, 6, 18, 0, 0, 0, time.FixedZone("JST", 9*3600))
	reports, err := ticket.Measure(design, inquiries, ticket.MeasureOptions{Review: true, Now: now})
	if err != nil {
		fmt.Println(err)
		return
	}
	sd := reports.Review.SameDay
	fmt.Printf("answered the same day: %d of %d\n", sd.Answered, sd.Tickets)
	for _, miss := range reports.Review.Misses {
		fmt.Println(miss.Objective, miss.Link, miss.Note.Reason)
	}
	fmt.Println(tally)
	// Output:
	// answered the same day: 5 of 8
	// dev-first-response https://example.slack.com/archives/C0DEV1/p1793751300000100 前日の障害対応で遅れました
	// 28 messages in 3 desk channels (9 day files): 8 inquiries, 12 replies in their threads, 1 channel answer; not inquiries: 1 agent post, 2 bot messages, 1 join or leave, 1 channel notice, 2 deleted
}
