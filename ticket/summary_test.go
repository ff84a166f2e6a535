package ticket_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/ticket"
)

func TestSummaries(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	now := time.Date(2026, 10, 31, 20, 47, 0, 0, jst)
	review := &ticket.ReviewReport{Now: now, Tickets: 420, Later: 2, Unexplained: 5, Unanalysed: 6,
		Objectives: []ticket.ObjectiveReport{{Missed: 45, Pending: 3}, {Unmatched: 1}}}
	assert.Equal(t, "420 tickets reviewed against 2 objectives: 45 misses (5 tickets without a reason, 6 without analysis), 3 pending, "+
		"1 verdict without a target; 2 tickets created after 2026-10-31 20:47 JST left out", review.Summary())
	assert.Equal(t, "1 ticket reviewed against 1 objective: 0 misses", (&ticket.ReviewReport{Tickets: 1, Objectives: make([]ticket.ObjectiveReport, 1)}).Summary(),
		"nothing found is said as plainly")

	due := &ticket.DueReport{Before: now, Tickets: make([]ticket.TicketVerdict, 3), Overdue: 1, Waiting: 2}
	assert.Equal(t, "3 tickets due before 2026-10-31 20:47 JST (1 overdue), 2 waiting on the customer", due.Summary())

	stale := &ticket.StaleReport{Now: now, DryRun: true, Open: 12, Stale: 3, Rotten: 2, Close: 1, Uncovered: 4}
	assert.Equal(t, "12 open tickets: 3 stale, 2 rotten, 1 to close (a dry run), 4 no policy governs", stale.Summary())

	inv := &ticket.InventoryReport{Now: now, Tickets: 276, Services: make([]ticket.ServiceUsage, 2), Other: ticket.OtherShare{Share: 0.326, Growing: true},
		Proposals: make([]ticket.Pattern, 5), Retire: make([]ticket.Retirement, 1), Later: 1}
	assert.Equal(t, "276 tickets in 2 services, 32.6% other and growing, 5 request types proposed, 1 retirement proposed; "+
		"1 ticket created after 2026-10-31 20:47 JST left out", inv.Summary())

	svc := &ticket.ServiceReport{Customer: "cust-a", From: time.Date(2026, 10, 1, 0, 0, 0, 0, jst), Tickets: 42, OtherMonths: 380,
		Review: &ticket.ReviewReport{Misses: make([]ticket.Miss, 3)}}
	assert.Equal(t, "cust-a, 2026-10: 42 tickets, 3 misses; 380 tickets of other months left out", svc.Summary())
}
