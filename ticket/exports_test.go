package ticket_test

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
)

// The exports below are written in the column layouts the trackers use,
// and measured against the sample design: the member desk's objective
// inquiry-resolution is "resolved within one business day" (1bd) on the
// jp-office calendar, Mon-Fri 09:00-18:00 Asia/Tokyo, Japan's holidays.
// Every expected figure is worked out in the comments from the package
// doc's definitions.

var asiaTokyo = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		panic(err)
	}
	return loc
}()

func jst(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, asiaTokyo)
}

// readMapping reads a mapping file of testdata/tickets, which must be
// clean, in the design's zone as the command line gives it.
func readMapping(t *testing.T, name string) ticket.Mapping {
	t.Helper()
	m, found, err := ticket.ReadMapping(filepath.Join("../testdata/tickets", name))
	require.NoError(t, err)
	require.Empty(t, found)
	m.Location = asiaTokyo
	return m
}

// measure reviews an export as of now (zero: the latest instant), every
// ticket's verdict listed.
func measure(t *testing.T, file string, m ticket.Mapping, now time.Time) *ticket.Reports {
	t.Helper()
	reports, err := ticket.Measure(loadSample(t), ticket.ReadFile(filepath.Join("../testdata/tickets", file), m),
		ticket.MeasureOptions{Review: true, Now: now, ListTickets: true, DueWithin: 24 * time.Hour})
	require.NoError(t, err)
	return reports
}

// verdicts maps each ticket to its verdict on inquiry-resolution.
func verdicts(t *testing.T, rep *ticket.ReviewReport) map[string]ticket.TicketVerdict {
	t.Helper()
	out := map[string]ticket.TicketVerdict{}
	for _, v := range rep.Verdicts {
		require.Equal(t, "inquiry-resolution", v.Objective, v.Ticket)
		out[v.Ticket] = v
	}
	return out
}

func objective(rep *ticket.ReviewReport, name string) ticket.ObjectiveReport {
	for _, o := range rep.Objectives {
		if o.Name == name {
			return o
		}
	}
	return ticket.ObjectiveReport{}
}

// Jira's English CSV export: every field the mapping names is imported,
// priorities become the design's severities, the resolution Duplicate and
// Won't Do exclude, and the custom fields are the request's parameters.
func TestJiraEnglishExport(t *testing.T) {
	m := readMapping(t, "member-desk-jira.yaml")
	tickets, found := collect(t, ticket.ReadFile("../testdata/tickets/jira-export.csv", m))
	require.Len(t, tickets, 5)
	// The preset names columns this export lacks: each is a finding at
	// the header, none an error.
	for _, f := range found {
		assert.Equal(t, finding{ticket.RuleAbsentColumn, 1, 0, ""}, finding{f.Rule, f.Line, f.Column, f.Path})
	}
	assert.Len(t, found, 8) // miss reason, analysis, problem, improvement, customer, two SLA figures, time in status

	a := tickets[0]
	assert.Equal(t, "OPS-101", a.ID)
	assert.Equal(t, "カードをなくした", a.Title)
	assert.Equal(t, "member-card", a.Service)
	assert.Equal(t, "reissue-card", a.RequestType)
	assert.Equal(t, "Service Request", a.Category)
	assert.Equal(t, "high", a.Severity) // High, mapped
	assert.Equal(t, ticket.Chat, a.Channel)
	assert.Equal(t, "member-007", a.Requester)
	assert.Equal(t, "inoue", a.Assignee)
	assert.Equal(t, []string{"vip", "store-12"}, a.Labels) // two Labels columns
	assert.Equal(t, 45*time.Minute, a.TimeSpent)           // 2700 seconds
	assert.Equal(t, "Done", a.Resolution)
	assert.Equal(t, "", a.Exclusion)
	assert.Equal(t, map[string]any{"memberId": "M12345678", "reason": "lost"}, a.Parameters)
	assert.True(t, a.Created.Equal(jst(2026, 7, 17, 19, 40)))
	// The derived history: the first response (an agent's), the
	// resolution, the close at the last update.
	require.Len(t, a.History, 3)
	assert.Equal(t, ticket.Activity{At: jst(2026, 7, 17, 19, 55), Status: ticket.InProgress, Actor: ticket.Agent, By: "inoue"}, withZone(a.History[0]))
	assert.True(t, a.History[1].At.Equal(jst(2026, 7, 17, 21, 10)))
	assert.Equal(t, ticket.Resolved, a.History[1].Status)
	assert.Equal(t, ticket.Closed, a.History[2].Status)
	assert.True(t, a.History[2].At.Equal(jst(2026, 7, 18, 9, 0)))

	assert.Equal(t, map[string]any{"memberId": "M23456789", "newAddress": "東京都新宿区西新宿2-8-1"}, tickets[1].Parameters)
	assert.Equal(t, ticket.Waiting, tickets[1].Status())
	assert.Equal(t, "normal", tickets[2].Severity) // Low
	assert.Equal(t, ticket.Open, tickets[2].Status())
	assert.Equal(t, "duplicate", tickets[3].Exclusion)
	assert.Equal(t, "wont-do", tickets[4].Exclusion)

	// Classified against the design, no false finding: the member ID is a
	// parameter now.
	cl := ticket.NewClassifier(loadSample(t))
	for i := range tickets {
		_, diags := cl.Classify(&tickets[i])
		assert.Empty(t, diags, tickets[i].ID)
	}
}

func withZone(a ticket.Activity) ticket.Activity {
	a.At = a.At.In(asiaTokyo)
	return a
}

// The review of the Jira export, as of Friday 24 July 2026 18:00 and as of
// its latest instant.
func TestJiraEnglishReview(t *testing.T) {
	m := readMapping(t, "member-desk-jira.yaml")
	rep := measure(t, "jira-export.csv", m, jst(2026, 7, 24, 18, 0)).Review
	v := verdicts(t, rep)
	// OPS-101, created Fri 17 Jul 19:40, after hours: its business day is
	// the next opening's, Tue 21 Jul (Mon 20 is Marine Day), so 1bd is the
	// close of Wed 22 Jul; budget, the business time from the start to
	// then, 9h + 9h = 18h. Resolved Fri 21:10, after hours: counted 0. Met.
	assert.Equal(t, ticket.ResultMet, v["OPS-101"].Result)
	assert.Equal(t, jst(2026, 7, 22, 18, 0), v["OPS-101"].Deadline.In(asiaTokyo))
	assert.Equal(t, ticket.Duration(0), v["OPS-101"].Counted)
	// OPS-102, created on the holiday at 10:02, waiting on the customer
	// since 11:30 the same day with no end: counted 0, paused with no
	// deadline. Pending.
	assert.Equal(t, ticket.ResultPending, v["OPS-102"].Result)
	assert.True(t, v["OPS-102"].Deadline.IsZero())
	// OPS-103, created Tue 21 Jul 13:15, never answered: deadline Wed 22
	// 18:00, budget 4h45m + 9h = 13h45m; by Fri 18:00 it counted 4h45m +
	// 9h × 3 = 31h45m: missed, 18h late.
	assert.Equal(t, ticket.ResultMissed, v["OPS-103"].Result)
	assert.Equal(t, ticket.Duration(18*time.Hour), v["OPS-103"].Late)
	assert.Equal(t, jst(2026, 7, 22, 18, 0), v["OPS-103"].Deadline.In(asiaTokyo))
	// OPS-104, a duplicate resolved Wed 9:45: excluded.
	assert.Equal(t, ticket.ResultExcluded, v["OPS-104"].Result)
	assert.Equal(t, "duplicate", v["OPS-104"].Exclusion)
	// OPS-105, created Thu 23 Jul 10:00, closed as Won't Do on Mon 27 Jul:
	// as of Fri 18:00 it is open, so not excluded; deadline Fri 18:00,
	// budget 8h + 9h = 17h, counted 17h: not beyond, pending.
	assert.Equal(t, ticket.ResultPending, v["OPS-105"].Result)
	assert.Equal(t, ticket.Duration(17*time.Hour), v["OPS-105"].Counted)
	assert.Equal(t, ticket.Open, v["OPS-105"].Status)
	o := objective(rep, "inquiry-resolution")
	assert.Equal(t, [5]int{1, 1, 2, 1, 0}, [5]int{o.Met, o.Missed, o.Pending, o.Excluded, o.Unmatched})
	// Same day: OPS-101 answered at 19:55 Fri, before the close of its
	// business day (Tue 18:00); OPS-102 at 10:20 Mon; OPS-103 never, its
	// day closed Tue 18:00; OPS-105 never by Fri 18:00, its day closed Thu
	// 18:00. OPS-104 is excluded. 2 of 4.
	require.NotNil(t, rep.SameDay)
	assert.Equal(t, ticket.SameDay{Tickets: 4, Answered: 2, Rate: 0.5}, *rep.SameDay)
	// Due within a day of Fri 18:00: the open tickets with a running clock
	// and a deadline before Sat 18:00, by deadline. OPS-103 (Wed 22 18:00)
	// is overdue; OPS-105's deadline is Fri 18:00 itself, not yet passed.
	// OPS-102 is waiting, with no deadline.
	require.NotNil(t, rep.Due)
	assert.Equal(t, []string{"OPS-103", "OPS-105"}, dueIDs(rep.Due))
	assert.Equal(t, 1, rep.Due.Overdue)
	assert.Equal(t, 1, rep.Due.Waiting)

	// As of the latest instant the export records, Mon 27 Jul 11:05 (the
	// close of OPS-105): OPS-105 is closed as Won't Do, so excluded, and
	// OPS-103 counted 4h45m + 9h × 3 + 2h05m = 33h50m, 20h05m late.
	rep = measure(t, "jira-export.csv", m, time.Time{}).Review
	assert.Equal(t, jst(2026, 7, 27, 11, 5), rep.Now.In(asiaTokyo))
	v = verdicts(t, rep)
	assert.Equal(t, ticket.ResultExcluded, v["OPS-105"].Result)
	assert.Equal(t, "wont-do", v["OPS-105"].Exclusion)
	assert.Equal(t, ticket.Duration(20*time.Hour+5*time.Minute), v["OPS-103"].Late)
	assert.Equal(t, ticket.SameDay{Tickets: 3, Answered: 2, Rate: 2.0 / 3}, *rep.SameDay)
}

func dueIDs(d *ticket.DueReport) []string {
	var out []string
	for _, v := range d.Tickets {
		out = append(out, v.Ticket)
	}
	return out
}

// Jira Service Management: the first response is its [CHART] Date of
// First Response, so every ticket answered the same day reads 100%, not
// 0%; its organisation is the customer; "Awaiting approval" waits.
func TestJiraServiceManagementExport(t *testing.T) {
	m := readMapping(t, "member-desk-jira.yaml")
	tickets, _ := collect(t, ticket.ReadFile("../testdata/tickets/jsm-export.csv", m))
	require.Len(t, tickets, 3)
	sd1 := tickets[0]
	assert.Equal(t, "SD-1", sd1.ID)
	assert.Equal(t, "カードが割れた", sd1.Title)
	assert.Equal(t, "Service Request", sd1.Category)
	assert.Equal(t, "normal", sd1.Severity) // Medium
	assert.Equal(t, "Done", sd1.Resolution)
	assert.Equal(t, "sato", sd1.Assignee)
	assert.Equal(t, "member-101", sd1.Requester)
	assert.True(t, sd1.Created.Equal(jst(2026, 8, 3, 9, 10)))
	assert.Equal(t, []string{"vip"}, tickets[2].Labels)
	assert.Equal(t, "high", tickets[2].Severity) // High
	assert.Equal(t, "Burger Shibuya", sd1.Customer)
	assert.Equal(t, "カード再発行", sd1.RequestType) // the request type's title, which the classifier knows
	assert.Equal(t, map[string]string{"timeToFirstResponse": "30m", "timeToResolution": "1h 50m"}, sd1.Tracker)
	assert.Equal(t, map[string]any{"memberId": "M11111111", "reason": "damaged"}, sd1.Parameters)
	require.NotEmpty(t, sd1.History)
	assert.True(t, sd1.History[0].At.Equal(jst(2026, 8, 3, 9, 40)))
	assert.Equal(t, ticket.Agent, sd1.History[0].Actor)
	assert.Equal(t, ticket.Waiting, tickets[1].Status()) // Awaiting approval

	rep := measure(t, "jsm-export.csv", m, jst(2026, 8, 7, 18, 0)).Review
	v := verdicts(t, rep)
	// SD-1: Mon 3 Aug 09:10 to 11:00, deadline Tue 4 18:00 (budget 8h50m
	// + 9h): counted 1h50m, met.
	assert.Equal(t, ticket.ResultMet, v["SD-1"].Result)
	assert.Equal(t, ticket.Duration(110*time.Minute), v["SD-1"].Counted)
	// SD-2: from Mon 17:30, awaiting approval since Tue 10:00 with no end:
	// counted 30m + 1h = 1h30m, no deadline, pending.
	assert.Equal(t, ticket.ResultPending, v["SD-2"].Result)
	assert.Equal(t, ticket.Duration(90*time.Minute), v["SD-2"].Counted)
	assert.True(t, v["SD-2"].Deadline.IsZero())
	// SD-3: created Tue 08:00, before hours, so its business day is Tue:
	// deadline Wed 5 18:00, budget 18h; resolved Wed 16:00, counted 9h +
	// 7h = 16h, met.
	assert.Equal(t, ticket.ResultMet, v["SD-3"].Result)
	assert.Equal(t, ticket.Duration(16*time.Hour), v["SD-3"].Counted)
	assert.Equal(t, map[string]string{"timeToFirstResponse": "5m", "timeToResolution": "16h 0m"}, v["SD-3"].Tracker)
	// Same day: answered at 9:40 Mon, 17:50 Mon and 9:05 Tue, each
	// before the close of its business day.
	assert.Equal(t, ticket.SameDay{Tickets: 3, Answered: 3, Rate: 1}, *rep.SameDay)
}

// Jira in the Japanese locale: headers in Japanese, dates such as
// "02/12月/26 4:07 午後" and "2026/12/02 16:07", priorities 高 and 中.
func TestJiraJapaneseExport(t *testing.T) {
	m := readMapping(t, "member-desk-jira.yaml")
	tickets, found := collect(t, ticket.ReadFile("../testdata/tickets/jira-ja.csv", m))
	for _, f := range found {
		assert.Equal(t, ticket.RuleAbsentColumn, f.Rule, "nothing skipped: %v", f)
	}
	require.Len(t, tickets, 3)
	ja1, ja2, ja3 := tickets[0], tickets[1], tickets[2]
	assert.Equal(t, "JA-1", ja1.ID)
	assert.Equal(t, "カードの再発行", ja1.Title)
	assert.Equal(t, "サービスリクエスト", ja1.Category)
	assert.Equal(t, "inoue", ja1.Assignee)
	assert.Equal(t, "member-201", ja1.Requester)
	assert.Equal(t, "完了", ja1.Resolution)
	assert.Equal(t, "カード再発行", ja1.RequestType)
	assert.Equal(t, map[string]any{"memberId": "M44444444", "reason": "lost"}, ja1.Parameters)
	assert.Equal(t, "high", ja1.Severity) // 高
	assert.True(t, ja1.Created.Equal(jst(2026, 12, 1, 10, 0)), "01/12月/26 10:00 午前: %v", ja1.Created)
	assert.True(t, ja1.History[0].At.Equal(jst(2026, 12, 1, 11, 30)))
	assert.True(t, ja2.Created.Equal(jst(2026, 12, 2, 16, 7)), "02/12月/26 4:07 午後: %v", ja2.Created)
	assert.Equal(t, ticket.Resolved, ja1.Status())
	var resolved time.Time
	for _, a := range ja1.History {
		if a.Status == ticket.Resolved {
			resolved = a.At
		}
	}
	assert.True(t, resolved.Equal(jst(2026, 12, 2, 16, 7)), "2026/12/02 16:07: %v", resolved)
	assert.Equal(t, ticket.InProgress, ja2.Status()) // 進行中
	assert.Equal(t, "duplicate", ja3.Exclusion)      // 重複
	assert.Equal(t, map[string]any{"memberId": "M55555555", "newAddress": "大阪府大阪市北区梅田1-1-1"}, ja2.Parameters)

	rep := measure(t, "jira-ja.csv", m, jst(2026, 12, 4, 18, 0)).Review
	v := verdicts(t, rep)
	// JA-1: Tue 1 Dec 10:00 to Wed 16:07; deadline Wed 18:00 (budget 8h +
	// 9h): counted 8h + 7h07m, met.
	assert.Equal(t, ticket.ResultMet, v["JA-1"].Result)
	assert.Equal(t, ticket.Duration(15*time.Hour+7*time.Minute), v["JA-1"].Counted)
	// JA-2: from Wed 16:07, deadline Thu 18:00 (budget 1h53m + 9h =
	// 10h53m); by Fri 18:00 it counted 1h53m + 9h + 9h = 19h53m: 9h late.
	assert.Equal(t, ticket.ResultMissed, v["JA-2"].Result)
	assert.Equal(t, ticket.Duration(9*time.Hour), v["JA-2"].Late)
	assert.Equal(t, ticket.ResultExcluded, v["JA-3"].Result)
	// Same day: JA-1 answered 11:30 Tue; JA-2 answered 9:15 Thu, after
	// its day closed (Wed 18:00). 1 of 2.
	assert.Equal(t, ticket.SameDay{Tickets: 2, Answered: 1, Rate: 0.5}, *rep.SameDay)
}

// Zendesk Support: custom fields carry their type ("Request type
// [list]"), the minutes pending and on hold pause the clocks, the first
// resolution and the reopen count shape the history, and the time spent
// comes from "Total time spent (sec) [int]".
func TestZendeskExport(t *testing.T) {
	m := readMapping(t, "member-desk-zendesk.yaml")
	tickets, _ := collect(t, ticket.ReadFile("../testdata/tickets/zendesk-support.csv", m))
	require.Len(t, tickets, 4)
	z1, z2, z3, z4 := tickets[0], tickets[1], tickets[2], tickets[3]
	assert.Equal(t, "4711", z1.ID)
	assert.Equal(t, "会員カード", z1.Service) // the group: the service's title
	assert.Equal(t, "カード再発行", z1.RequestType)
	assert.Equal(t, "Burger Shibuya", z1.Customer)
	assert.Equal(t, ticket.Chat, z1.Channel)
	assert.Equal(t, "normal", z1.Severity)
	assert.Equal(t, []string{"card", "vip"}, z1.Labels)
	assert.Equal(t, 20*time.Minute, z1.TimeSpent)
	assert.Equal(t, map[string]any{"memberId": "M66666666", "reason": "lost"}, z1.Parameters)
	assert.Equal(t, "カード再発行", z1.Title)
	assert.Equal(t, "member-301", z1.Requester)
	assert.Equal(t, "kimura", z1.Assignee)
	assert.Equal(t, "task", z1.Category)
	assert.Equal(t, 0, z1.Reopens)
	assert.Equal(t, map[string]string{"firstReplyBusinessMinutes": "35", "fullResolutionMinutes": "1788",
		"fullResolutionBusinessMinutes": "588", "requesterWaitMinutes": "1488"}, z1.Tracker)
	// 4711: replied after 35 minutes, solved Tue 15:00, 300 minutes
	// pending: a pause of 5h ending at the resolution, Tue 10:00-15:00.
	require.Len(t, z1.History, 3)
	assert.True(t, z1.History[0].At.Equal(jst(2026, 10, 5, 9, 47)))
	assert.Equal(t, ticket.Waiting, z1.History[1].Status)
	assert.True(t, z1.History[1].At.Equal(jst(2026, 10, 6, 10, 0)))
	assert.Equal(t, ticket.Resolved, z1.History[2].Status)
	// 4712: 1380 minutes pending and 60 on hold (both map to waiting):
	// 24h, ending Wed 11:00.
	assert.True(t, z2.History[1].At.Equal(jst(2026, 10, 6, 11, 0)))
	assert.Equal(t, "high", z3.Severity)
	assert.Equal(t, ticket.Phone, z3.Channel)
	// 4714: first resolved after 60 minutes, reopened once, solved Wed.
	assert.Equal(t, 1, z4.Reopens)
	var st []ticket.Status
	for _, a := range z4.History {
		st = append(st, a.Status)
	}
	assert.Equal(t, []ticket.Status{ticket.InProgress, ticket.Resolved, ticket.Reopened, ticket.Resolved}, st)

	rep := measure(t, "zendesk-support.csv", m, jst(2026, 10, 9, 18, 0)).Review
	v := verdicts(t, rep)
	// 4711: from Mon 5 Oct 09:12; budget to Tue 18:00 is 8h48m + 9h =
	// 17h48m; 9h48m pass before the pause, the remaining 8h after it end
	// the deadline at Wed 14:00. Counted 8h48m + 6h - 5h = 9h48m: met.
	assert.Equal(t, ticket.ResultMet, v["4711"].Result)
	assert.Equal(t, jst(2026, 10, 7, 14, 0), v["4711"].Deadline.In(asiaTokyo))
	assert.Equal(t, ticket.Duration(9*time.Hour+48*time.Minute), v["4711"].Counted)
	// 4712: from Mon 14:00, budget 4h + 9h = 13h. Counted to Wed 11:00 is
	// 4h + 9h + 2h = 15h, less the pause (Tue 11:00-18:00 and Wed
	// 09:00-11:00, 9h): 6h, met; the deadline moves to Wed 18:00.
	assert.Equal(t, ticket.ResultMet, v["4712"].Result)
	assert.Equal(t, ticket.Duration(6*time.Hour), v["4712"].Counted)
	assert.Equal(t, jst(2026, 10, 7, 18, 0), v["4712"].Deadline.In(asiaTokyo))
	// 4713: new since Thu 10:00, deadline Fri 18:00, counted 17h of 17h:
	// pending, and due.
	assert.Equal(t, ticket.ResultPending, v["4713"].Result)
	assert.Equal(t, []string{"4713"}, dueIDs(rep.Due))
	// 4714: from Tue 09:00 to the final resolution Wed 16:00, 16h of 18h.
	assert.Equal(t, ticket.ResultMet, v["4714"].Result)
	assert.Equal(t, ticket.Duration(16*time.Hour), v["4714"].Counted)
	// Same day: 4711, 4712 and 4714 replied within minutes; 4713 never.
	assert.Equal(t, ticket.SameDay{Tickets: 4, Answered: 3, Rate: 0.75}, *rep.SameDay)

	// Without the minutes in a status the pause is lost, and 4712 misses:
	// 15h of 13h.
	m.StatusTime = nil
	v = verdicts(t, measure(t, "zendesk-support.csv", m, jst(2026, 10, 9, 18, 0)).Review)
	assert.Equal(t, ticket.ResultMissed, v["4712"].Result)
	assert.Equal(t, ticket.Duration(2*time.Hour), v["4712"].Late)
}

// A column the mapping names that the export lacks, and a column that
// appears twice, are each a finding at the header: the absent one points
// at where the mapping names it.
func TestMappedColumnFindings(t *testing.T) {
	dir := t.TempDir()
	mapping := filepath.Join(dir, "mine.yaml")
	require.NoError(t, os.WriteFile(mapping, []byte(`apiVersion: opsdesign/v1
kind: TicketMapping
metadata: {name: mine}
spec:
  extends: jira
  columns:
    firstResponse: [Custom field (First reply)]
  statuses: {Awaiting parts: waiting}
`), 0o644))
	m, found, err := ticket.ReadMapping(mapping)
	require.NoError(t, err)
	require.Empty(t, found)
	m.Location = asiaTokyo
	data, err := os.ReadFile("../testdata/tickets/jira-export.csv")
	require.NoError(t, err)
	lines := strings.SplitN(string(data), "\n", 2)
	// Priority twice, the second at the end of the header.
	header := lines[0] + ",Priority"
	row2 := strings.SplitN(lines[1], "\n", 2)[0] + ",Highest"
	_, found2 := collect(t, ticket.ReadCSV(strings.NewReader(header+"\n"+row2+"\n"), "x.csv", m))
	var got []finding
	for _, f := range found2 {
		if f.Rule != ticket.RuleAbsentColumn || f.Line != 1 {
			got = append(got, f)
		}
	}
	assert.Equal(t, []finding{{ticket.RuleDuplicateColumn, 1, utf8.RuneCountInString(lines[0]) + 2, "/Priority"}}, got)
	// The absent first-response column, with where the mapping names it.
	var absent diag.Diagnostic
	for _, err := range ticket.ReadCSV(strings.NewReader(header+"\n"+row2+"\n"), "x.csv", m) {
		var d diag.Diagnostic
		if errors.As(err, &d) && d.Rule == ticket.RuleAbsentColumn && strings.Contains(d.Message, "for the first response") {
			absent = d
		}
	}
	assert.Equal(t, diag.Pos{File: "x.csv", Line: 1}, absent.Pos)
	require.Len(t, absent.Related, 1)
	assert.Equal(t, diag.Pos{File: mapping, Line: 7, Column: 5}, absent.Related[0].Pos)
	assert.Contains(t, absent.Message, `"Custom field (First reply)"`)
}

// A status, priority or channel the mapping does not know is a finding at
// its cell; the ticket is still imported.
func TestUnmappedValues(t *testing.T) {
	m := readMapping(t, "member-desk-jira.yaml")
	data := "Issue key,Created,Status,Priority,Custom field (Source)\n" +
		"X-1,17/Jul/26 7:40 PM,Awaiting parts,Blocker,Fax\n"
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "u.csv", m))
	require.Len(t, tickets, 1)
	var got []finding
	for _, f := range found {
		if f.Rule != ticket.RuleAbsentColumn {
			got = append(got, f)
		}
	}
	assert.Equal(t, []finding{
		{ticket.RuleUnmappedValue, 2, 38, "/Priority"},              // Blocker, kept as written
		{ticket.RuleUnmappedValue, 2, 46, "/Custom field (Source)"}, // Fax, ignored
		{ticket.RuleUnmappedValue, 2, 23, "/Status"},                // Awaiting parts, ignored
	}, got)
	assert.Equal(t, "Blocker", tickets[0].Severity)
	assert.Equal(t, ticket.Open, tickets[0].Status())
}

// The repository's Jira export with its first-response column removed:
// the finding says so at the header, and no ticket is answered any more
// by that column.
func TestRemovedColumn(t *testing.T) {
	data, err := os.ReadFile("../testdata/tickets/jira-export.csv")
	require.NoError(t, err)
	r := csv.NewReader(strings.NewReader(string(data)))
	rows, err := r.ReadAll()
	require.NoError(t, err)
	drop := slices.Index(rows[0], "Custom field (Date of First Response)")
	require.Positive(t, drop)
	var b strings.Builder
	w := csv.NewWriter(&b)
	for _, row := range rows {
		require.NoError(t, w.Write(slices.Delete(slices.Clone(row), drop, drop+1)))
	}
	w.Flush()
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(b.String()), "removed.csv", readMapping(t, "member-desk-jira.yaml")))
	require.Len(t, tickets, 5)
	var msgs []string
	for _, err := range ticket.ReadCSV(strings.NewReader(b.String()), "removed.csv", readMapping(t, "member-desk-jira.yaml")) {
		var d diag.Diagnostic
		if errors.As(err, &d) && strings.Contains(d.Message, "for the first response") {
			msgs = append(msgs, d.Message)
			assert.Equal(t, diag.Pos{File: "removed.csv", Line: 1}, d.Pos)
		}
	}
	assert.Len(t, msgs, 1)
	assert.Len(t, found, 9) // the export's usual eight, and this one
	assert.Equal(t, ticket.Resolved, tickets[0].History[0].Status, "OPS-101's history starts at its resolution now")
}
