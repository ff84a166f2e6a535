package ticket

import (
	"fmt"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// The Summary methods say in one phrase what a report used, found and
// left out, for the summary line a program writes after the report (the
// rows read are the ImportTally's): a summary that said only "no
// findings" over a review listing misses would hide what the report is
// for.

// Summary says what the review found: "420 tickets reviewed against 2
// objectives: 45 misses (8 tickets without a reason, 6 without
// analysis), 3 pending; 2 created after 2026-10-31 20:47 JST left out".
func (r *ReviewReport) Summary() string {
	var missed, pending, excluded, unmatched int
	for _, o := range r.Objectives {
		missed, pending, excluded, unmatched = missed+o.Missed, pending+o.Pending, excluded+o.Excluded, unmatched+o.Unmatched
	}
	s := fmt.Sprintf("%s reviewed against %s: %s", tickets(r.Tickets), diag.Count(len(r.Objectives), "objective"), diag.Count(missed, "miss", "misses"))
	var why []string
	if r.Unexplained > 0 {
		why = append(why, tickets(r.Unexplained)+" without a reason")
	}
	if r.Unanalysed > 0 {
		why = append(why, diag.Int(r.Unanalysed)+" without analysis")
	}
	if len(why) > 0 {
		s += " (" + strings.Join(why, ", ") + ")"
	}
	s += list(counted(pending, "pending", "pending"), counted(excluded, "excluded", "excluded"), counted(unmatched, "verdict without a target", "verdicts without a target"))
	return s + later(r.Later, stamp(r.Now))
}

// Summary says what the due list found: "3 tickets due before
// 2026-11-02 18:00 JST (1 overdue), 2 waiting on the customer".
func (r *DueReport) Summary() string {
	s := fmt.Sprintf("%s due before %s", tickets(len(r.Tickets)), stamp(r.Before))
	if r.Overdue > 0 {
		s += fmt.Sprintf(" (%s overdue)", diag.Int(r.Overdue))
	}
	return s + list(counted(r.Waiting, "waiting on the customer", "waiting on the customer"))
}

// Summary says what the inventory found: "420 tickets in 3 services, 12%
// other: 2 request types proposed, 1 retirement proposed".
func (r *InventoryReport) Summary() string {
	s := fmt.Sprintf("%s in %s, %s other", tickets(r.Tickets), diag.Count(len(r.Services), "service"), pct(r.Other.Share))
	if r.Other.Growing {
		s += " and growing"
	}
	s += list(counted(len(r.Proposals), "request type proposed", "request types proposed"), counted(len(r.Retire), "retirement proposed", "retirements proposed"))
	return s + later(r.Later, stamp(r.Now))
}

// Summary says what the stale policy found: "12 open tickets: 3 stale, 2
// rotten, 1 to close (a dry run), 4 no policy governs".
func (r *StaleReport) Summary() string {
	s := fmt.Sprintf("%s: %s stale, %s rotten, %s to close", diag.Count(r.Open, "open ticket"), diag.Int(r.Stale), diag.Int(r.Rotten), diag.Int(r.Close))
	if r.DryRun && r.Close > 0 {
		s += " (a dry run)"
	}
	s += list(counted(r.Exempt, "exempt", "exempt"), counted(r.Uncovered, "no policy governs", "no policy governs"))
	return s + later(r.Later, stamp(r.Now))
}

// Summary says what the service report holds: "cust-a, 2026-10: 42
// tickets, 3 misses; 380 tickets of other months left out".
func (r *ServiceReport) Summary() string {
	s := fmt.Sprintf("%s, %s: %s", r.Customer, r.From.Format("2006-01"), tickets(r.Tickets))
	if r.Review != nil {
		s += ", " + diag.Count(len(r.Review.Misses), "miss", "misses")
	}
	if r.OtherMonths > 0 {
		s += fmt.Sprintf("; %s of other months left out", tickets(r.OtherMonths))
	}
	return s
}

// counted is "n what" when n is not zero, else "".
func counted(n int, one, many string) string {
	if n == 0 {
		return ""
	}
	return diag.Count(n, one, many)
}

// list writes the parts that are not empty after a comma each.
func list(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p != "" {
			b.WriteString(", " + p)
		}
	}
	return b.String()
}

// later says the tickets created after the report's instant were left
// out, when there were any.
func later(n int, at string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %s created after %s left out", tickets(n), at)
}
