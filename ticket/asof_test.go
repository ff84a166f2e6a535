package ticket_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/ticket"
)

// nativeTickets reads tickets written in the native CSV layout.
func nativeTickets(t *testing.T, rows ...string) []ticket.Ticket {
	t.Helper()
	data := "id,service,requestType,assignee,requester,created,history\n" + strings.Join(rows, "\n") + "\n"
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "t.csv", ticket.NativeMapping(nil)))
	require.Empty(t, found)
	return tickets
}

// review measures tickets against the sample design as of now.
func review(t *testing.T, now time.Time, tickets []ticket.Ticket) *ticket.ReviewReport {
	t.Helper()
	d := loadSample(t)
	r, err := ticket.NewReview(ticket.ReviewConfig{Design: d, Objectives: ticket.DesignObjectives(d), Now: now, ListTickets: true})
	require.NoError(t, err)
	cl := ticket.NewClassifier(d)
	for i := range tickets {
		c, _ := cl.Classify(&tickets[i])
		r.Add(&tickets[i], c)
	}
	return r.Report()
}

func TestAsOf(t *testing.T) {
	tk := ticket.Ticket{ID: "X", Created: jst(2026, 8, 3, 10, 0), Completed: jst(2026, 8, 3, 15, 0), Exclusion: "duplicate",
		Escalations: []ticket.Escalation{{At: jst(2026, 8, 3, 11, 0), To: "a"}, {At: jst(2026, 8, 3, 16, 0), To: "b"}},
		History: []ticket.Activity{
			{At: jst(2026, 8, 3, 10, 30), Status: ticket.InProgress, Actor: ticket.Agent},
			{At: jst(2026, 8, 3, 17, 0), Status: ticket.Closed, Actor: ticket.Agent},
		}}
	noon := tk.AsOf(jst(2026, 8, 3, 12, 0))
	assert.Len(t, noon.History, 1)
	assert.True(t, noon.Completed.IsZero())
	assert.Equal(t, []ticket.Escalation{{At: jst(2026, 8, 3, 11, 0), To: "a"}}, noon.Escalations)
	assert.Equal(t, "", noon.Exclusion, "a duplicate is excluded once it is closed")
	assert.Equal(t, ticket.InProgress, noon.Status())
	evening := tk.AsOf(jst(2026, 8, 3, 18, 0))
	assert.Equal(t, "duplicate", evening.Exclusion)
	assert.Len(t, evening.Escalations, 2)
	assert.Len(t, tk.History, 2, "the ticket itself is left as it is")
	assert.Equal(t, tk.History, tk.AsOf(time.Time{}).History)
}

// Stale at a past -now: a ticket open at that instant and resolved later
// is judged as it stood then. The bug left it out, because its final
// status is resolved.
func TestStaleAsOfPastNow(t *testing.T) {
	tickets := nativeTickets(t,
		"S-1,member-card,change-address,kimura,member-1,2026-08-03T10:00:00+09:00,"+
			"2026-08-03T11:00:00+09:00 comment agent:kimura; 2026-08-28T15:00:00+09:00 resolved agent:kimura")
	d := loadSample(t)
	policies, err := ticket.StalePolicies(d)
	require.NoError(t, err)
	run := func(now time.Time) *ticket.StaleReport {
		st := ticket.NewStale(ticket.StaleConfig{Policies: policies, Now: now, DryRun: true})
		cl := ticket.NewClassifier(d)
		for i := range tickets {
			c, _ := cl.Classify(&tickets[i])
			st.Add(&tickets[i], c)
		}
		return st.Report()
	}
	// As of Mon 24 Aug 18:00: the last counted activity is the agent's
	// comment on Mon 3 Aug 11:00. The business days of jp-office that
	// closed since: 3-7 Aug (5), 10, 12-14 Aug (4; the 11th is Mountain
	// Day), 17-21 Aug (5) and the 24th: 15. Rotten (10), not closed (20).
	rep := run(jst(2026, 8, 24, 18, 0))
	require.Len(t, rep.Decisions, 1)
	dec := rep.Decisions[0]
	assert.Equal(t, "S-1", dec.Ticket)
	assert.Equal(t, ticket.StateRotten, dec.State)
	assert.Equal(t, 15, dec.IdleDays)
	assert.Equal(t, ticket.Open, dec.Status)
	// As of Mon 31 Aug it is resolved: nothing to decide.
	assert.Empty(t, run(jst(2026, 8, 31, 9, 0)).Decisions)
	// As of a day before it was created: not counted, but said to be later.
	rep = run(jst(2026, 8, 2, 9, 0))
	assert.Equal(t, 0, rep.Tickets)
	assert.Equal(t, 1, rep.Later)
}

// Same-day at a past -now: a ticket answered after that instant is not
// yet decided while its business day runs. The bug counted it as decided
// and not answered, since its final status is resolved.
func TestSameDayAsOfPastNow(t *testing.T) {
	tickets := nativeTickets(t,
		"Q-1,member-card,other,kimura,member-1,2026-08-03T10:00:00+09:00,2026-08-03T17:00:00+09:00 resolved agent:kimura")
	// Mon 3 Aug 12:00: not answered yet, its day closes at 18:00.
	rep := review(t, jst(2026, 8, 3, 12, 0), tickets)
	assert.Nil(t, rep.SameDay)
	require.Len(t, rep.Verdicts, 1)
	assert.Equal(t, ticket.ResultPending, rep.Verdicts[0].Result)
	assert.Equal(t, ticket.Open, rep.Verdicts[0].Status)
	// Mon 18:00: answered at 17:00, the same day; resolved within 1bd.
	rep = review(t, jst(2026, 8, 3, 18, 0), tickets)
	require.NotNil(t, rep.SameDay)
	assert.Equal(t, ticket.SameDay{Tickets: 1, Answered: 1, Rate: 1}, *rep.SameDay)
	assert.Equal(t, ticket.ResultMet, rep.Verdicts[0].Result)
}

// Only agents' actions answer: a bot's forced close is no answer; an
// agent's forced close is; a bot's plain close is not either.
func TestForcedClosesAndAnswers(t *testing.T) {
	tickets := nativeTickets(t,
		"B-1,member-card,other,kimura,member-1,2026-08-03T10:00:00+09:00,2026-08-03T10:05:00+09:00 closed bot:spam-filter forced=spam",
		"A-1,member-card,other,kimura,member-2,2026-08-03T10:00:00+09:00,2026-08-03T10:05:00+09:00 closed agent:sato forced=duplicate",
		"C-1,member-card,other,kimura,member-3,2026-08-03T10:00:00+09:00,2026-08-03T10:05:00+09:00 closed bot:auto-close")
	b1, a1, c1 := tickets[0].Clock(slo.FirstResponse, ticket.ClockPolicy{}), tickets[1].Clock(slo.FirstResponse, ticket.ClockPolicy{}),
		tickets[2].Clock(slo.FirstResponse, ticket.ClockPolicy{})
	assert.True(t, b1.Abandoned, "a bot's forced close stops the clock unanswered")
	assert.False(t, a1.Abandoned, "an agent's forced close is an answer")
	assert.True(t, a1.Stop.Equal(jst(2026, 8, 3, 10, 5)))
	assert.True(t, c1.Abandoned, "a bot's close is no answer")
	// Same day: only A-1 was answered. 1 of 3.
	rep := review(t, jst(2026, 8, 7, 18, 0), tickets)
	assert.Equal(t, ticket.SameDay{Tickets: 3, Answered: 1, Rate: 1.0 / 3}, *rep.SameDay)
	// The resolution clock: each forced close, within the budget, is
	// excluded (nothing was resolved); the bot's plain close resolves.
	got := map[string]ticket.Result{}
	for _, v := range rep.Verdicts {
		got[v.Ticket] = v.Result
	}
	assert.Equal(t, map[string]ticket.Result{"B-1": ticket.ResultExcluded, "A-1": ticket.ResultExcluded, "C-1": ticket.ResultMet}, got)
}

// The audit trail's closes count as the tickets' history: a second
// forced-close run over the same export closes nothing again, and a
// ticket the trail closed after the run's instant is not closed again.
func TestStaleReadsTheAuditTrail(t *testing.T) {
	tickets := nativeTickets(t, "S-2,member-card,other,kimura,member-1,2026-08-03T10:00:00+09:00,")
	d := loadSample(t)
	policies, err := ticket.StalePolicies(d)
	require.NoError(t, err)
	run := func(now time.Time, closed []ticket.AuditEntry) *ticket.StaleReport {
		st := ticket.NewStale(ticket.StaleConfig{Policies: policies, Now: now, Closed: closed})
		for i := range tickets {
			c, _ := ticket.NewClassifier(d).Classify(&tickets[i])
			st.Add(&tickets[i], c)
		}
		return st.Report()
	}
	// From Mon 3 Aug 10:00, the business days that close: 3-7 Aug (5),
	// 10 and 12-14 (4), 17-21 (5), 24-28 (5), and the 20th, Mon 31 Aug,
	// at 18:00.
	now := jst(2026, 8, 31, 18, 0)
	first := run(now, nil)
	require.Len(t, first.Closures, 1)
	assert.Equal(t, 20, first.Closures[0].IdleDays)
	second := run(now, first.Closures)
	assert.Empty(t, second.Closures)
	assert.Equal(t, 0, second.Open)
	require.Len(t, second.ForcedByAssignee, 1)
	assert.Equal(t, ticket.PersonCount{Person: "kimura", Forced: 1, Tickets: 1}, second.ForcedByAssignee[0])
	// Run as of an earlier instant the ticket is open, due for a close,
	// but the trail closed it later: it is not closed again.
	later := []ticket.AuditEntry{{At: jst(2026, 9, 10, 18, 0), Ticket: "S-2", Policy: "support-desk"}}
	rep := run(now, later)
	assert.Empty(t, rep.Closures)
	assert.Equal(t, []ticket.ClosedLater{{Ticket: "S-2", At: later[0].At}}, rep.AlreadyClosed)
	var b bytes.Buffer
	require.NoError(t, rep.Write(&b, ticket.Text))
	assert.Contains(t, b.String(), "already force-closed later by the audit trail, not closed again: 1\n  S-2 at 2026-09-10 18:00 JST\n")
}
