package ticket_test

import (
	"fmt"
	"os"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/ticket"
)

// Review a month of alerts and take their inventory in one pass over the
// export, as `opsdesign tickets` does for one report.
func ExampleMeasure() {
	design, err := catalog.Load("../testdata/sample")
	if err != nil {
		fmt.Println(err)
		return
	}
	tickets := ticket.ReadFile("../testdata/tickets/msp-2026-10.csv", ticket.NativeMapping(nil))
	reports, err := ticket.Measure(design, tickets, ticket.MeasureOptions{Review: true, Inventory: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range reports.Review.Objectives {
		fmt.Printf("%s: %d met, %d missed\n", o.Name, o.Met, o.Missed)
	}
	fmt.Printf("%d tickets, %d findings reading them\n", reports.Inventory.Tickets, len(reports.Findings))
	// Output:
	// alert-first-response: 375 met, 45 missed
	// inquiry-resolution: 0 met, 0 missed
	// 420 tickets, 0 findings reading them
}

// The audit trail of forced closes is JSON Lines; AppendAudit appends it
// to a file.
func ExampleWriteAudit() {
	closes := []ticket.AuditEntry{{At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Ticket: "MC-0195", Policy: "support-desk",
		Reason: "stale", By: "ticket-policy", PreviousStatus: ticket.Waiting, IdleDays: 18, Threshold: 15,
		LastActivity: time.Date(2026, 10, 7, 10, 0, 0, 0, time.UTC), Explanation: "18 business days idle > 15"}}
	if err := ticket.WriteAudit(os.Stdout, closes); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"at":"2026-11-02T09:00:00Z","ticket":"MC-0195","policy":"support-desk","reason":"stale","by":"ticket-policy","previousStatus":"waiting","idleDays":18,"threshold":15,"lastActivity":"2026-10-07T10:00:00Z","explanation":"18 business days idle > 15"}
}
