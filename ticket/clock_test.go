package ticket_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/ticket"
)

// officeCalendar is a Tokyo office: Monday to Friday, 09:00 to 18:00,
// Japanese holidays off.
func officeCalendar(t testing.TB) *slo.Calendar {
	t.Helper()
	cal, err := slo.NewCalendar(slo.CalendarSpec{
		TimeZone: "Asia/Tokyo",
		Hours:    []slo.Shift{slo.MustParseShift("mon-fri 09:00-18:00")},
		Holidays: []string{"jp"},
	})
	require.NoError(t, err)
	return cal
}

func tokyo(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	return loc
}

// TestFridayEveningBeforeAHoliday follows, to the minute, a request filed
// after hours on Friday 2026-07-17, before Marine Day (海の日, Monday
// 2026-07-20), answered on Tuesday, then paused for a day while the
// customer looked for their member ID.
func TestFridayEveningBeforeAHoliday(t *testing.T) {
	cal := officeCalendar(t)
	loc := tokyo(t)
	at := func(day, h, m int) time.Time { return time.Date(2026, 7, day, h, m, 0, 0, loc) }
	name, ok := cal.Holiday(slo.Date{Year: 2026, Month: time.July, Day: 20})
	require.True(t, ok, "2026-07-20 must be a holiday")
	t.Logf("2026-07-20: %s", name)

	tk := ticket.Ticket{ID: "MC-0717", Severity: "normal", Created: at(17, 19, 40), History: []ticket.Activity{
		{At: at(21, 9, 25), Status: ticket.InProgress, Actor: ticket.Agent, By: "inoue"},
		{At: at(21, 10, 10), Status: ticket.Waiting, Actor: ticket.Agent, By: "inoue"},
		{At: at(22, 13, 40), Status: ticket.InProgress, Actor: ticket.Requester, By: "member-001"},
		{At: at(22, 15, 5), Status: ticket.Resolved, Actor: ticket.Agent, By: "inoue"},
	}}

	// First response: nothing counts from Friday 19:40 to Tuesday 09:00
	// (after hours, the weekend, the holiday), then 25 minutes.
	first := tk.Clock(slo.FirstResponse, ticket.ClockPolicy{})
	assert.Equal(t, at(21, 9, 25), first.Stop)
	assert.Equal(t, 25*time.Minute, first.Counted(cal, at(31, 0, 0)))
	v := first.Judge(slo.MustParseDuration("1bh"), cal, at(31, 0, 0))
	assert.True(t, v.Met)
	assert.Equal(t, at(21, 10, 0), v.Deadline)

	// Resolution within one business day. Friday 19:40 is after hours, so
	// its business day is Tuesday (Monday is the holiday); one business
	// day later is Wednesday, closing at 18:00: a budget of Tuesday's and
	// Wednesday's nine hours.
	res := tk.Clock(slo.Resolution, ticket.ClockPolicy{})
	require.Len(t, res.Pauses, 1)
	assert.Equal(t, ticket.Interval{From: at(21, 10, 10), To: at(22, 13, 40)}, res.Pauses[0])
	budget, on := ticket.Budget(slo.BusinessDays(1), cal, tk.Created)
	assert.Same(t, cal, on)
	assert.Equal(t, 18*time.Hour, budget)
	// Counted: Tuesday 09:00-10:10 and Wednesday 13:40-15:05, 2h35m; the
	// 12h30m of business time waiting on the customer do not count
	// (Tuesday 10:10-18:00 and Wednesday 09:00-13:40).
	now := at(31, 0, 0)
	assert.Equal(t, 2*time.Hour+35*time.Minute, res.Counted(cal, now))
	v = res.Judge(slo.BusinessDays(1), cal, now)
	assert.True(t, v.Met)
	// The pause moves the deadline by the business time it lasted: 1h10m
	// used on Tuesday, 4h20m on Wednesday afternoon, 9h on Thursday, and
	// the last 3h30m on Friday morning.
	assert.Equal(t, at(24, 12, 30), v.Deadline)

	// Still open: pending at the deadline minute itself, missed one minute
	// later, by one minute.
	open := tk
	open.History = tk.History[:3]
	oc := open.Clock(slo.Resolution, ticket.ClockPolicy{})
	v = oc.Judge(slo.BusinessDays(1), cal, at(24, 12, 30))
	assert.True(t, v.Pending)
	assert.Equal(t, 18*time.Hour, v.Counted)
	v = oc.Judge(slo.BusinessDays(1), cal, at(24, 12, 31))
	assert.True(t, v.Missed)
	assert.Equal(t, time.Minute, v.Late())
	assert.Equal(t, at(24, 12, 30), v.Deadline)

	// Held to elapsed time instead, the weekend and the holiday count:
	// Friday 19:40 to Wednesday 15:05 is 115h25m, less the 27h30m paused.
	v = res.Judge(slo.MustParseDuration("72h"), cal, now)
	assert.True(t, v.Missed)
	assert.Equal(t, 87*time.Hour+55*time.Minute, v.Counted)
	assert.Equal(t, 15*time.Hour+55*time.Minute, v.Late())
}

// A ticket filed inside working hours on that Friday belongs to Friday.
func TestFridayInsideHoursBeforeAHoliday(t *testing.T) {
	cal := officeCalendar(t)
	loc := tokyo(t)
	created := time.Date(2026, 7, 17, 17, 30, 0, 0, loc)
	budget, _ := ticket.Budget(slo.BusinessDays(1), cal, created)
	assert.Equal(t, 9*time.Hour+30*time.Minute, budget) // Friday's last 30 minutes and Tuesday
	tk := ticket.Ticket{Created: created}
	c := tk.Clock(slo.Resolution, ticket.ClockPolicy{})
	v := c.Judge(slo.BusinessDays(1), cal, time.Date(2026, 7, 30, 0, 0, 0, 0, loc))
	assert.True(t, v.Missed)
	assert.Equal(t, time.Date(2026, 7, 21, 18, 0, 0, 0, loc), v.Deadline)
}

func TestSeverityChangePolicy(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 10, 5, h, m, 0, 0, time.UTC) }
	// Opened minor at 10:00, raised to critical at 12:00, first response
	// completed at 12:20.
	tk := ticket.Ticket{ID: "A", Severity: "minor", Created: at(10, 0), Completed: at(12, 20), History: []ticket.Activity{
		{At: at(10, 5), Status: ticket.InProgress, Actor: ticket.Agent},
		{At: at(12, 0), Actor: ticket.Agent, Severity: "critical"},
		{At: at(13, 0), Status: ticket.Resolved, Actor: ticket.Agent},
	}}
	obj := &slo.Objective{Name: "first-response-completion", Kind: slo.AttainmentObjective, Measure: slo.FirstResponseCompletion,
		Target: slo.MustParseTarget("95%"), Window: slo.Monthly(), Rules: []slo.Rule{
			{Severities: []string{"critical"}, Within: slo.MustParseDuration("30m")},
			{Severities: []string{"minor"}, Within: slo.MustParseDuration("4h")},
		}}
	review := func(p ticket.ClockPolicy) *ticket.ReviewReport {
		r, err := ticket.NewReview(ticket.ReviewConfig{Objectives: []ticket.Objective{{SLO: obj}}, Clock: p, Now: at(20, 0)})
		require.NoError(t, err)
		r.Add(&tk, ticket.Class{})
		return r.Report()
	}
	// Keep: the clock runs from 10:00 and the critical target applies: 2h20m
	// against 30m.
	keep := review(ticket.ClockPolicy{OnSeverityChange: ticket.KeepClock})
	require.Len(t, keep.Misses, 1)
	assert.Equal(t, "critical", keep.Misses[0].Severity)
	assert.Equal(t, ticket.Duration(110*time.Minute), keep.Misses[0].Late)
	assert.Equal(t, at(10, 30), keep.Misses[0].Deadline)
	// Restart: the clock starts again at 12:00: 20 minutes, met.
	restart := review(ticket.ClockPolicy{OnSeverityChange: ticket.RestartClock})
	assert.Empty(t, restart.Misses)
	assert.Equal(t, 1, restart.Objectives[0].Met)
	assert.Equal(t, "critical", restart.Objectives[0].Severities[0].Severity)
	c := tk.Clock(slo.FirstResponseCompletion, ticket.ClockPolicy{OnSeverityChange: ticket.RestartClock})
	assert.Equal(t, at(12, 0), c.Start)
}

func TestReopenPolicy(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 10, 5, h, m, 0, 0, time.UTC) }
	tk := ticket.Ticket{Created: at(9, 0), History: []ticket.Activity{
		{At: at(10, 0), Status: ticket.Resolved, Actor: ticket.Agent},
		{At: at(12, 0), Status: ticket.Reopened, Actor: ticket.Requester},
		{At: at(13, 30), Status: ticket.Resolved, Actor: ticket.Agent},
		{At: at(14, 0), Status: ticket.Closed, Actor: ticket.Agent},
	}}
	now := at(20, 0)
	tests := []struct {
		policy      ticket.ReopenPolicy
		start, stop time.Time
		counted     time.Duration
	}{
		// The two hours resolved before the reopening do not count.
		{ticket.ReopenContinue, at(9, 0), at(13, 30), 2*time.Hour + 30*time.Minute},
		{ticket.ReopenRestart, at(12, 0), at(13, 30), 90 * time.Minute},
		{ticket.ReopenFirst, at(9, 0), at(10, 0), time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.policy.String(), func(t *testing.T) {
			c := tk.Clock(slo.Resolution, ticket.ClockPolicy{OnReopen: tt.policy})
			assert.Equal(t, tt.start, c.Start)
			assert.Equal(t, tt.stop, c.Stop)
			assert.Equal(t, tt.counted, c.Counted(nil, now))
			p, err := ticket.ParseReopenPolicy(tt.policy.String())
			require.NoError(t, err)
			assert.Equal(t, tt.policy, p)
		})
	}
	_, err := ticket.ParseReopenPolicy("later")
	assert.Error(t, err)
	_, err = ticket.ParseSeverityPolicy("forget")
	assert.Error(t, err)
}

func TestForcedCloseStopsTheClock(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 10, 5, h, m, 0, 0, time.UTC) }
	forced := func(h int) ticket.Ticket {
		return ticket.Ticket{Created: at(9, 0), History: []ticket.Activity{
			{At: at(h, 0), Status: ticket.Closed, Actor: ticket.Bot, Forced: true, Reason: "stale"},
		}}
	}
	target := slo.MustParseDuration("4h")
	early := forced(10)
	c := early.Clock(slo.Resolution, ticket.ClockPolicy{})
	assert.True(t, c.Abandoned)
	v := c.Judge(target, nil, at(20, 0))
	assert.True(t, v.Excluded, "closed before its deadline: nothing was measured")
	late := forced(15)
	c = late.Clock(slo.Resolution, ticket.ClockPolicy{})
	v = c.Judge(target, nil, at(20, 0))
	assert.True(t, v.Missed, "closed after its deadline without the work done")
	assert.Equal(t, at(13, 0), v.Deadline)
}

func TestBusinessDaysBetween(t *testing.T) {
	cal := officeCalendar(t)
	loc := tokyo(t)
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, loc) }
	tests := []struct {
		from, to time.Time
		want     int
	}{
		{at(10, 5, 10), at(10, 5, 17), 0},  // the same day, before the close
		{at(10, 5, 10), at(10, 5, 18), 1},  // Monday has closed
		{at(10, 5, 10), at(10, 13, 11), 5}, // Monday 10:00 to the next Tuesday 11:00: Monday 12 October is Sports Day
		{at(10, 2, 19), at(10, 5, 18), 1},  // Friday after hours: only Monday
		{at(7, 17, 19), at(7, 21, 18), 1},  // over the Marine Day weekend
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ticket.BusinessDaysBetween(cal, tt.from, tt.to), "%s .. %s", tt.from, tt.to)
	}
	assert.Equal(t, 3, ticket.BusinessDaysBetween(nil, at(10, 5, 10), at(10, 8, 10)), "calendar days without a calendar")
}
