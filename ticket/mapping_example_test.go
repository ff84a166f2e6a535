package ticket_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/ticket"
)

// A team's mapping extends a preset with its own priorities and custom
// status; a mistake is a finding at its line, and the rest is read.
func ExampleParseMapping() {
	m, found, err := ticket.ParseMapping("desk-jira.yaml", []byte(`apiVersion: opsdesign/v1
kind: TicketMapping
metadata: {name: desk-jira}
spec:
  extends: jira
  severities: {Highest: critical, High: major, Medium: minor, Low: warning}
  statuses: {Awaiting parts: waiting}
  time: {zone: Asia/Tokio}
`))
	if err != nil {
		panic(err)
	}
	for _, d := range found {
		fmt.Println(d)
	}
	export := "Issue key,Created,Status,Priority\nOPS-1,17/Jul/26 7:40 PM,Awaiting parts,High\n"
	m.Location = time.FixedZone("JST", 9*3600)
	for t, err := range ticket.ReadCSV(strings.NewReader(export), "export.csv", m) {
		if err == nil {
			fmt.Println(t.ID, t.Severity, t.Status(), t.Created.Format(time.RFC3339))
		}
	}
	// Output:
	// desk-jira.yaml:8:16: error: time zone "Asia/Tokio" is not an IANA zone such as Asia/Tokyo [ticket/bad-mapping]
	// OPS-1 major waiting 2026-07-17T19:40:00+09:00
}

// A ticket as an export taken on Monday noon would have shown it: open,
// although it was resolved in the afternoon.
func ExampleTicket_AsOf() {
	jst := time.FixedZone("JST", 9*3600)
	t := ticket.Ticket{ID: "MC-1", Created: time.Date(2026, 8, 3, 10, 0, 0, 0, jst), History: []ticket.Activity{
		{At: time.Date(2026, 8, 3, 17, 0, 0, 0, jst), Status: ticket.Resolved, Actor: ticket.Agent},
	}}
	noon := t.AsOf(time.Date(2026, 8, 3, 12, 0, 0, 0, jst))
	fmt.Println(noon.Status(), t.Status())
	// Output:
	// open resolved
}

// Tally counts the rows of an import as they stream by.
func ExampleTally() {
	export := "id,created\nA-1,2026-10-01T09:00:00Z\nA-2,yesterday\nA-3,2026-10-01T09:05:00Z\n"
	seq, tally := ticket.Tally(ticket.ReadCSV(strings.NewReader(export), "export.csv", ticket.NativeMapping(nil)))
	for range seq {
	}
	fmt.Println(tally)
	// Output:
	// 3 rows read: 2 imported, 1 skipped (1 ticket/bad-time)
}
