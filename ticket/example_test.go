package ticket_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/ticket"
)

// Read a CSV export one ticket at a time; bad rows come as positioned
// diagnostics and the rest is imported.
func ExampleReadCSV() {
	export := `id,title,severity,channel,created,history
A-1,Disk full,major,alert,2026-10-01T02:00:00+09:00,2026-10-01T02:05:00+09:00 in-progress agent:takahashi; 2026-10-01T02:40:00+09:00 resolved agent:takahashi
A-2,CPU high,minor,fax,2026-10-01T03:00:00+09:00,
A-3,Ping lost,critical,alert,yesterday,
`
	for t, err := range ticket.ReadCSV(strings.NewReader(export), "alerts.csv", ticket.NativeMapping(nil)) {
		var d diag.Diagnostic
		if errors.As(err, &d) {
			fmt.Println(d.Pos, d.Rule)
			continue
		}
		fmt.Println(t.ID, t.Severity, t.Status(), len(t.History))
	}
	// Output:
	// A-1 major resolved 2
	// alerts.csv:3:20 ticket/unmapped-value
	// A-2 minor open 0
	// alerts.csv:4:30 ticket/bad-time
}

// A ticket filed after hours on the Friday before Marine Day (a Monday
// holiday), answered on Tuesday and waiting on the customer until
// Wednesday, is held to "resolved within one business day".
func ExampleClock_Judge() {
	cal := slo.MustNewCalendar(slo.CalendarSpec{TimeZone: "Asia/Tokyo",
		Hours: []slo.Shift{slo.MustParseShift("mon-fri 09:00-18:00")}, Holidays: []string{"jp"}})
	at := func(day, h, m int) time.Time { return time.Date(2026, 7, day, h, m, 0, 0, cal.Location()) }
	t := ticket.Ticket{ID: "MC-1", Created: at(17, 19, 40), History: []ticket.Activity{
		{At: at(21, 9, 25), Status: ticket.InProgress, Actor: ticket.Agent},
		{At: at(21, 10, 10), Status: ticket.Waiting, Actor: ticket.Agent},
		{At: at(22, 13, 40), Status: ticket.InProgress, Actor: ticket.Requester},
		{At: at(22, 15, 5), Status: ticket.Resolved, Actor: ticket.Agent},
	}}
	clock := t.Clock(slo.Resolution, ticket.ClockPolicy{})
	v := clock.Judge(slo.BusinessDays(1), cal, at(31, 0, 0))
	fmt.Println("counted:", v.Counted, "of", v.Budget)
	fmt.Println("deadline:", v.Deadline.Format("Mon 2006-01-02 15:04"))
	fmt.Println("met:", v.Met)
	// Output:
	// counted: 2h35m0s of 18h0m0s
	// deadline: Fri 2026-07-24 12:30
	// met: true
}

// Review a month of alerts against the objectives of the sample design.
func ExampleReview() {
	design, err := catalog.Load("../testdata/sample")
	if err != nil {
		fmt.Println(err)
		return
	}
	review, err := ticket.NewReview(ticket.ReviewConfig{Design: design, Objectives: ticket.DesignObjectives(design)})
	if err != nil {
		fmt.Println(err)
		return
	}
	tickets := ticket.ReadFile("../testdata/tickets/msp-2026-10.csv", ticket.NativeMapping(nil))
	if _, err := ticket.Process(tickets, ticket.NewClassifier(design), review); err != nil {
		fmt.Println(err)
		return
	}
	rep := review.Report()
	o := rep.Objectives[0]
	fmt.Printf("%s: %.1f%% (%d met, %d missed)\n", o.Name, 100*o.Compliance, o.Met, o.Missed)
	fmt.Println("most frequent reason:", rep.MissesByReason[0].Reason, rep.MissesByReason[0].Misses)
	fmt.Println("improvement requests:", len(rep.Improvements))
	// Output:
	// alert-first-response: 89.3% (375 met, 45 missed)
	// most frequent reason: 手順書の不備 17
	// improvement requests: 7
}

// The stale policy of the sample design, as a dry run that explains each
// decision.
func ExampleStale() {
	design, err := catalog.Load("../testdata/sample")
	if err != nil {
		fmt.Println(err)
		return
	}
	policies, err := ticket.StalePolicies(design)
	if err != nil {
		fmt.Println(err)
		return
	}
	stale := ticket.NewStale(ticket.StaleConfig{Policies: policies, DryRun: true})
	tickets := ticket.ReadFile("../testdata/tickets/inquiries-2026-08-10.jsonl", ticket.NativeMapping(nil))
	if _, err := ticket.Process(tickets, ticket.NewClassifier(design), stale); err != nil {
		fmt.Println(err)
		return
	}
	rep := stale.Report()
	fmt.Printf("%d open: %d stale, %d rotten, %d to close, %d exempt\n", rep.Open, rep.Stale, rep.Rotten, rep.Close, rep.Exempt)
	for _, d := range rep.Diagnostics {
		fmt.Println(d.Rule)
	}
	// Output:
	// 13 open: 0 stale, 3 rotten, 3 to close, 4 exempt
	// ticket/filing-drop
	// ticket/forced-close-concentration
}

// Count the inquiries per request type and find what "other" hides.
func ExampleInventory() {
	design, err := catalog.Load("../testdata/sample")
	if err != nil {
		fmt.Println(err)
		return
	}
	tokyo := time.FixedZone("JST", 9*3600)
	inv := ticket.NewInventory(ticket.InventoryConfig{Design: design, Location: tokyo})
	tickets := ticket.ReadFile("../testdata/tickets/inquiries-2026-08-10.jsonl", ticket.NativeMapping(nil))
	if _, err := ticket.Process(tickets, ticket.NewClassifier(design), inv); err != nil {
		fmt.Println(err)
		return
	}
	rep := inv.Report()
	for _, p := range rep.Other.Periods {
		fmt.Printf("%s other %.0f%%\n", p.Start.Format("2006-01"), 100*p.Share)
	}
	fmt.Println("proposed:", rep.Proposals[0].Name)
	// Output:
	// 2026-08 other 22%
	// 2026-09 other 32%
	// 2026-10 other 45%
	// proposed: ポイント-反映されない
}

// The findings this package reports, for rule documentation.
func ExampleRules() {
	for _, r := range ticket.Rules()[:3] {
		fmt.Println(r.ID, r.Severity)
	}
	// Output:
	// ticket/absent-column info
	// ticket/ambiguous-time error
	// ticket/bad-csv error
}

func Example_writeReport() {
	rep := &ticket.ReviewReport{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Tickets: 0}
	_ = rep.Write(os.Stdout, ticket.Text)
	// Output:
	// SLO review as of 2026-11-01 00:00 UTC: 0 tickets (clock: severity change , reopen )
	//
	// misses: 0 (0 without a reason, 0 without analysis)
}
