package ticket_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/ticket"
)

// One customer's month, as an MSP reports it: the customer's tickets of
// the month only, reviewed as of the month's end, in Markdown and on the
// catalog's HTML page.
func TestServiceReport(t *testing.T) {
	m, found, err := ticket.ReadMapping("../testdata/tickets/msp-mapping.yaml")
	require.NoError(t, err)
	require.Empty(t, found)
	d := loadSample(t)
	reports, err := ticket.Measure(d, ticket.ReadFile(mspMonthFile, m),
		ticket.MeasureOptions{Review: true, By: []ticket.Dimension{ticket.ByCustomer}, Customer: "a", Month: jst(2026, 10, 15, 0, 0)})
	require.NoError(t, err)
	sr := reports.Service
	require.NotNil(t, sr)
	// The same tickets the review counts under customer a.
	var a ticket.BreakdownRow
	for _, row := range objective(reports.Review, "alert-first-response").Breakdowns[0].Rows {
		if row.Key == "a" {
			a = row
		}
	}
	o := objective(sr.Review, "alert-first-response")
	assert.Equal(t, [4]int{a.Met, a.Missed, a.Pending, a.Excluded}, [4]int{o.Met, o.Missed, o.Pending, o.Excluded})
	assert.Equal(t, a.Met+a.Missed+a.Pending+a.Excluded, sr.Tickets)
	assert.Equal(t, jst(2026, 10, 1, 0, 0), sr.From.In(asiaTokyo))
	assert.Equal(t, jst(2026, 11, 1, 0, 0), sr.To.In(asiaTokyo))
	assert.Equal(t, jst(2026, 10, 31, 23, 59).Add(59*time.Second+999999999), sr.Now.In(asiaTokyo))
	for _, miss := range sr.Review.Misses {
		assert.Contains(t, miss.Title, "[cust-a/", miss.Ticket)
	}
	var md, html bytes.Buffer
	require.NoError(t, sr.Write(&md, ticket.Markdown))
	golden(t, "service-report-a-2026-10.md", md.Bytes())
	require.NoError(t, sr.Write(&html, ticket.HTML))
	golden(t, "service-report-a-2026-10.html", html.Bytes())
	assert.ErrorIs(t, sr.Write(&html, ticket.Text), ticket.ErrUnknownFormat)

	// A report needs a customer, and a month.
	_, err = ticket.NewServiceReport(ticket.ServiceReportConfig{Design: d})
	assert.ErrorIs(t, err, ticket.ErrNoCustomer)
	_, err = ticket.Measure(d, ticket.ReadFile(mspMonthFile, m), ticket.MeasureOptions{Customer: "a"})
	assert.ErrorIs(t, err, ticket.ErrNoCustomer)
}

// The shifts of the design's people, and which are on at an instant.
func TestDesignShifts(t *testing.T) {
	shifts := ticket.DesignShifts(loadSample(t))
	var names []string
	for _, s := range shifts {
		names = append(names, s.Name)
	}
	assert.Contains(t, names, "07:00-15:00")
	assert.Contains(t, names, "23:00-07:00")
	on := func(at time.Time) []string {
		var out []string
		for i := range shifts {
			if shifts[i].Covers(at) {
				out = append(out, shifts[i].Name)
			}
		}
		return out
	}
	// Saturday 02:00 in Tokyo: the night shift that started on Friday
	// (Mon-Fri 23:00-07:00, and Wed-Sun's).
	assert.Equal(t, []string{"23:00-07:00"}, on(jst(2026, 10, 3, 2, 0)))
	// Monday 06:59 is still the night; 07:00 the day shift.
	assert.Equal(t, []string{"23:00-07:00"}, on(jst(2026, 10, 5, 6, 59)))
	assert.Contains(t, on(jst(2026, 10, 5, 7, 0)), "07:00-15:00")
	assert.NotContains(t, on(jst(2026, 10, 5, 7, 0)), "23:00-07:00")
}

// The per-ticket listing as CSV, with the tracker's figures.
func TestVerdictWriter(t *testing.T) {
	var b bytes.Buffer
	w := ticket.NewVerdictWriter(&b, []string{"fullResolutionBusinessMinutes"})
	require.NoError(t, w.Write(ticket.TicketVerdict{Ticket: "4711", Objective: "inquiry-resolution", Measure: "resolution", Status: ticket.Resolved,
		Result: ticket.ResultMet, Target: "1bd", Start: jst(2026, 10, 5, 9, 12), Deadline: jst(2026, 10, 7, 14, 0), Stop: jst(2026, 10, 6, 15, 0),
		Counted: ticket.Duration(588 * time.Minute), Tracker: map[string]string{"fullResolutionBusinessMinutes": "588"}}))
	require.NoError(t, w.Flush())
	assert.Equal(t, "ticket,objective,measure,service,requestType,severity,customer,assignee,status,result,exclusion,target,start,deadline,stop,counted,late,tracker:fullResolutionBusinessMinutes\n"+
		"4711,inquiry-resolution,resolution,,,,,,resolved,met,,1bd,2026-10-05T09:12:00+09:00,2026-10-07T14:00:00+09:00,2026-10-06T15:00:00+09:00,9h48m0s,0s,588\n", b.String())
	b.Reset()
	require.NoError(t, ticket.NewVerdictWriter(&b, nil).Flush())
	assert.Equal(t, "ticket,objective,measure,service,requestType,severity,customer,assignee,status,result,exclusion,target,start,deadline,stop,counted,late\n", b.String())
}
