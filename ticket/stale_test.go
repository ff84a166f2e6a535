package ticket_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/ticket"
)

func staleOfInquiries(t *testing.T, dry bool, now time.Time) *ticket.StaleReport {
	t.Helper()
	d := loadSample(t)
	policies, err := ticket.StalePolicies(d)
	require.NoError(t, err)
	require.Len(t, policies, 1)
	st := ticket.NewStale(ticket.StaleConfig{Policies: policies, DryRun: dry, Now: now})
	_, err = ticket.Process(ticket.ReadFile(inquiriesFile, ticket.NativeMapping(nil)), ticket.NewClassifier(d), st)
	require.NoError(t, err)
	return st.Report()
}

func decision(t *testing.T, rep *ticket.StaleReport, id string) ticket.Decision {
	t.Helper()
	i := slices.IndexFunc(rep.Decisions, func(d ticket.Decision) bool { return d.Ticket == id })
	require.GreaterOrEqual(t, i, 0, "no decision for %s", id)
	return rep.Decisions[i]
}

func TestStaleInquiriesDryRun(t *testing.T) {
	rep := staleOfInquiries(t, true, time.Time{})
	assert.True(t, rep.DryRun)
	assert.Equal(t, rep.Open, rep.Active+rep.Stale+rep.Rotten+rep.Close+rep.Exempt)
	assert.Equal(t, len(rep.Decisions), rep.Open)
	assert.Equal(t, rep.Close, len(rep.Closures))
	for _, c := range rep.Closures {
		assert.True(t, c.DryRun)
		assert.Equal(t, "stale", c.Reason)
		assert.Equal(t, "ticket-policy", c.By)
	}
	// Every decision is explained.
	for _, d := range rep.Decisions {
		assert.NotEmpty(t, d.Explanation, d.Ticket)
	}
	// A question gets the category's shorter thresholds: closed after 15.
	q := decision(t, rep, "MC-0195")
	assert.Equal(t, ticket.StateClose, q.State)
	assert.Equal(t, ticket.Thresholds{Stale: 3, Rotten: 7, Close: 15}, q.Thresholds)
	assert.Equal(t, 18, q.IdleDays)
	// A bot's reminders do not keep a ticket alive.
	b := decision(t, rep, "MC-0200")
	assert.Equal(t, ticket.StateRotten, b.State)
	assert.Equal(t, ticket.Agent, b.LastActor)
	assert.Contains(t, b.Explanation, "1 activity by others than requester and agent not counted")
	// Frozen tickets are exempt.
	f := decision(t, rep, "MC-0190")
	assert.Equal(t, ticket.StateExempt, f.State)
	assert.Contains(t, f.Explanation, `label "frozen"`)
	// The weekly list per assignee holds the stale, rotten and closing
	// tickets, most idle first.
	for _, l := range rep.Weekly {
		for i, d := range l.Tickets {
			assert.Contains(t, []ticket.StaleState{ticket.StateStale, ticket.StateRotten, ticket.StateClose}, d.State)
			if i > 0 {
				assert.GreaterOrEqual(t, l.Tickets[i-1].IdleDays, d.IdleDays)
			}
		}
	}
	// The forced closes of 2026-09-01 in the histories are counted per
	// person; the dry run adds none.
	require.NotEmpty(t, rep.ForcedByAssignee)
	assert.Equal(t, ticket.PersonCount{Person: "inoue", Forced: 5, Tickets: 98}, rep.ForcedByAssignee[0])
	// After that run, fewer tickets were filed.
	require.Len(t, rep.FilingDrops, 1)
	fd := rep.FilingDrops[0]
	assert.Equal(t, "2026-09-01", fd.Run.Format(time.DateOnly))
	assert.Equal(t, 6, fd.Closed)
	assert.Equal(t, 28, fd.DaysBefore)
	assert.InDelta(t, 1-float64(fd.FiledAfter)/float64(fd.FiledBefore), fd.Drop, 1e-12)
	assert.Equal(t, []string{ticket.RuleFilingDrop, ticket.RuleForcedCloseSkew}, rules(rep.Diagnostics))
	for _, d := range rep.Diagnostics {
		assert.Equal(t, "/spec/filingDrop", d.Path)
		assert.Equal(t, "../testdata/sample/ticket-policy.yaml", d.Pos.File)
	}
	var b2 bytes.Buffer
	require.NoError(t, rep.Write(&b2, ticket.Text))
	golden(t, "stale-inquiries.txt", b2.Bytes())
}

func TestStaleForcedCloseRun(t *testing.T) {
	now := time.Date(2026, 11, 2, 18, 0, 0, 0, tokyo(t))
	dry := staleOfInquiries(t, true, now)
	run := staleOfInquiries(t, false, now)
	assert.False(t, run.DryRun)
	require.Equal(t, len(dry.Closures), len(run.Closures))
	require.NotEmpty(t, run.Closures)
	for _, c := range run.Closures {
		assert.False(t, c.DryRun)
		assert.True(t, c.At.Equal(now))
		a := c.Activity()
		assert.Equal(t, ticket.Activity{At: now, Status: ticket.Closed, Actor: ticket.Bot, By: "ticket-policy", Forced: true, Reason: "stale"}, a)
		assert.GreaterOrEqual(t, c.IdleDays, c.Threshold)
	}
	// The run's closes are counted with the earlier ones.
	total := func(pc []ticket.PersonCount) int {
		n := 0
		for _, p := range pc {
			n += p.Forced
		}
		return n
	}
	assert.Equal(t, total(dry.ForcedByAssignee)+len(run.Closures), total(run.ForcedByAssignee))
	assert.Equal(t, total(dry.ForcedByRequester)+len(run.Closures), total(run.ForcedByRequester))
}

// A small case worked out by hand on the office calendar.
func TestStaleByHand(t *testing.T) {
	cal := officeCalendar(t)
	loc := tokyo(t)
	p := &ticket.StalePolicy{Name: "desk", Calendar: cal, Thresholds: ticket.Thresholds{Stale: 2, Rotten: 4, Close: 6},
		Categories: map[string]ticket.Thresholds{"problem": {Stale: 10}}, ExemptCategories: []string{"contract"},
		Activity: []ticket.Actor{ticket.Agent}, CloseReason: "inventory-2026q4", CloseBy: "sato"}
	require.NoError(t, p.Validate())
	// Now: Friday 2026-10-16, 19:00. Monday 2026-10-12 was Sports Day.
	now := time.Date(2026, 10, 16, 19, 0, 0, 0, loc)
	at := func(day, h int) time.Time { return time.Date(2026, 10, day, h, 0, 0, 0, loc) }
	tickets := []ticket.Ticket{
		// Opened Thursday 8th; only the requester since, whose activity
		// does not count: idle from the 8th: 8, 9, 13, 14, 15, 16 = 6.
		{ID: "A", Created: at(8, 10), Assignee: "kimura", History: []ticket.Activity{
			{At: at(14, 10), Actor: ticket.Requester}}},
		// An agent on Tuesday 13th: 13, 14, 15, 16 = 4.
		{ID: "B", Created: at(5, 10), Assignee: "kimura", History: []ticket.Activity{
			{At: at(13, 10), Status: ticket.InProgress, Actor: ticket.Agent}}},
		// An unrecorded actor on Thursday 15th counts: 15, 16 = 2.
		{ID: "C", Created: at(1, 10), History: []ticket.Activity{{At: at(15, 11)}}},
		// A problem, under its own threshold of 10: opened Thursday 1st,
		// eleven business days have closed since (1, 2, 5-9, 13-16).
		{ID: "D", Created: at(1, 10), Category: "problem"},
		{ID: "E", Created: at(1, 10), Category: "contract"},
		{ID: "F", Created: at(1, 10), History: []ticket.Activity{{At: at(2, 10), Status: ticket.Resolved, Actor: ticket.Agent}}},
	}
	st := ticket.NewStale(ticket.StaleConfig{Policies: []*ticket.StalePolicy{p}, Now: now})
	for i := range tickets {
		st.Add(&tickets[i], ticket.Class{})
	}
	rep := st.Report()
	got := map[string][2]any{}
	for _, d := range rep.Decisions {
		got[d.Ticket] = [2]any{d.State, d.IdleDays}
	}
	assert.Equal(t, map[string][2]any{
		"A": {ticket.StateClose, 6},
		"B": {ticket.StateRotten, 4},
		"C": {ticket.StateStale, 2},
		"D": {ticket.StateStale, 11},
		"E": {ticket.StateExempt, 0},
	}, got)
	require.Len(t, rep.Closures, 1)
	assert.Equal(t, "A", rep.Closures[0].Ticket)
	assert.Equal(t, "inventory-2026q4", rep.Closures[0].Reason)
	assert.Equal(t, "sato", rep.Closures[0].By)
	assert.Equal(t, ticket.Open, rep.Closures[0].PreviousStatus)
	assert.Equal(t, 5, rep.Open, "the resolved ticket is not open")
	require.Len(t, rep.Weekly, 2)
	assert.Equal(t, "(unassigned)", rep.Weekly[0].Assignee)
	assert.Equal(t, "kimura", rep.Weekly[1].Assignee)
	assert.Equal(t, []string{"A", "B"}, []string{rep.Weekly[1].Tickets[0].Ticket, rep.Weekly[1].Tickets[1].Ticket})
}

func TestStalePolicyFromDesign(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "p.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: TicketPolicy
metadata: {name: inline}
spec:
  calendar: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-18:00"], holidays: [jp]}
  thresholds: {stale: 3, close: 9}
  activity: [requester, agent, bot]
  clock: {onSeverityChange: restart, onReopen: first}
---
apiVersion: opsdesign/v1
kind: TicketPolicy
metadata: {name: broken}
spec:
  calendar: no-such-calendar
  thresholds: {stale: 3}
`)})
	policies, err := ticket.StalePolicies(d)
	require.Len(t, policies, 1)
	assert.ErrorIs(t, err, ticket.ErrPolicy)
	var ce *catalog.CalendarError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "/spec/calendar", ce.Path)
	p := policies[0]
	assert.Equal(t, "inline", p.Name)
	assert.Equal(t, ticket.Thresholds{Stale: 3, Close: 9}, p.Thresholds)
	assert.Equal(t, []ticket.Actor{ticket.Requester, ticket.Agent, ticket.Bot}, p.Activity)
	assert.Equal(t, ticket.ClockPolicy{OnSeverityChange: ticket.RestartClock, OnReopen: ticket.ReopenFirst}, p.Clock)
	assert.Equal(t, "Asia/Tokyo", p.Calendar.Location().String())
	assert.Equal(t, "stale", p.CloseReason)

	bad := &ticket.StalePolicy{Name: "x", Thresholds: ticket.Thresholds{Stale: 5, Rotten: 3}}
	assert.ErrorIs(t, bad.Validate(), ticket.ErrPolicy)
}

func TestStaleFormats(t *testing.T) {
	rep := staleOfInquiries(t, true, time.Time{})
	var b bytes.Buffer
	require.NoError(t, rep.Write(&b, ticket.Markdown))
	assert.Contains(t, b.String(), "## Decisions")
	b.Reset()
	require.NoError(t, rep.Write(&b, ticket.JSON))
	assert.True(t, strings.HasPrefix(b.String(), "{\n"))
}
