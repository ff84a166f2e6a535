package ticket_test

import (
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/ticket"
)

// finding is what the tests compare: rule and position, not the message.
type finding struct {
	Rule         string
	Line, Column int
	Path         string
}

// collect drains a ticket sequence into the tickets and the findings; any
// other error fails the test.
func collect(t *testing.T, seq iter.Seq2[ticket.Ticket, error]) ([]ticket.Ticket, []finding) {
	t.Helper()
	var tickets []ticket.Ticket
	var found []finding
	for tk, err := range seq {
		if err != nil {
			var d diag.Diagnostic
			require.True(t, errors.As(err, &d), "not a diagnostic: %v", err)
			assert.Equal(t, d.Severity, severityOf(d.Rule), "severity of %s", d.Rule)
			found = append(found, finding{d.Rule, d.Pos.Line, d.Pos.Column, d.Path})
			continue
		}
		tickets = append(tickets, tk)
	}
	return tickets, found
}

func severityOf(rule string) diag.Severity {
	for _, r := range ticket.Rules() {
		if r.ID == rule {
			return r.Severity
		}
	}
	return 0
}

func ids(ts []ticket.Ticket) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

func TestBadFiles(t *testing.T) {
	tests := []struct {
		file     string
		imported []string
		want     []finding
	}{
		{"bad-csv.csv", []string{"B-1", "B-3"}, []finding{{ticket.RuleBadCSV, 3, 0, ""}}},
		// Positions are the line and character column where the field
		// concerned starts.
		{"field-count.csv", []string{"F-1", "F-4"}, []finding{
			{ticket.RuleFieldCount, 3, 36, ""}, // the first field past the header's four
			{ticket.RuleFieldCount, 4, 26, ""}, // the end of the row that stops short
		}},
		{"missing-column.csv", nil, []finding{{ticket.RuleMissingColumn, 1, 0, ""}, {ticket.RuleMissingColumn, 1, 0, ""}}},
		{"missing-value.csv", []string{"M-3"}, []finding{
			{ticket.RuleMissingValue, 2, 1, "/id"},
			{ticket.RuleMissingValue, 3, 22, "/created"}, // the empty field after "M-2,no creation time,"
		}},
		{"bad-time.csv", []string{"T-2", "T-4"}, []finding{
			{ticket.RuleBadTime, 2, 14, "/created"},
			{ticket.RuleBadTime, 3, 45, "/completed"},
			{ticket.RuleAmbiguousTime, 4, 15, "/created"},
			{ticket.RuleBadValue, 5, 52, "/history"},
		}},
		{"bad-value.csv", []string{"V-1", "V-2", "V-3", "V-4", "V-5"}, []finding{
			{ticket.RuleUnmappedValue, 2, 9, "/channel"}, // fax: no mapping or channel knows it
			{ticket.RuleBadValue, 3, 42, "/timeSpent"},
			{ticket.RuleBadValue, 4, 45, "/history"}, // the unknown status
			{ticket.RuleBadValue, 4, 45, "/history"}, // the unknown actor
			{ticket.RuleBadValue, 5, 45, "/parameters"},
			{ticket.RuleBadValue, 6, 50, "/escalations"},
		}},
		{"history-order.csv", []string{"H-1"}, []finding{{ticket.RuleHistoryOrder, 2, 44, "/history"}}},
		{"row-too-long.csv", []string{"L-1", "L-3"}, []finding{{ticket.RuleRowTooLong, 3, 0, ""}}},
		{"bad.jsonl", []string{"J-1", "J-4", "J-5", "J-7"}, []finding{
			{ticket.RuleBadJSON, 2, 1, ""},
			{ticket.RuleBadJSON, 3, 41, ""}, // the "}" where a value belongs
			{ticket.RuleUnknownField, 4, 13, "/titel"},
			{ticket.RuleBadValue, 5, 102, "/parameters"},
			{ticket.RuleBadValue, 5, 116, "/history"},
			{ticket.RuleRowTooLong, 7, 0, ""},
			{ticket.RuleBadValue, 8, 89, "/history"},
			{ticket.RuleMissingValue, 9, 1, "/created"}, // at the object that lacks the member
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := ticket.NativeMapping(nil)
			m.MaxRowBytes = 1024
			tickets, found := collect(t, ticket.ReadFile("../testdata/tickets/bad/"+tt.file, m))
			assert.Equal(t, tt.want, found)
			assert.Equal(t, tt.imported, ids(tickets))
		})
	}
}

func TestBadFilesKeepTheRest(t *testing.T) {
	// The history with one bad entry keeps the good one.
	tickets, _ := collect(t, ticket.ReadFile("../testdata/tickets/bad/bad.jsonl", ticket.NativeMapping(nil)))
	var j7 ticket.Ticket
	for _, tk := range tickets {
		if tk.ID == "J-7" {
			j7 = tk
		}
	}
	require.Len(t, j7.History, 1)
	assert.Equal(t, ticket.Resolved, j7.History[0].Status)
	assert.Equal(t, "sato", j7.History[0].By)
	// A history out of order is sorted.
	tickets, _ = collect(t, ticket.ReadFile("../testdata/tickets/bad/history-order.csv", ticket.NativeMapping(nil)))
	require.Len(t, tickets, 1)
	assert.Equal(t, []ticket.Status{ticket.InProgress, ticket.Resolved}, []ticket.Status{tickets[0].History[0].Status, tickets[0].History[1].Status})
}

func TestReadNativeCSV(t *testing.T) {
	const data = "\ufeffid,title,service,requestType,category,severity,channel,requester,assignee,labels,timeSpent,created,completed,history,escalations,parameters,param.memberId,missReason,missAnalysis,problem,improvement\n" +
		`MC-1,カード再発行,member-card,reissue-card,request,normal,chat,member-001,inoue,"vip, 店舗A",1h30m,2026-10-02T10:00:00+09:00,,` +
		`"2026-10-02T10:05:00+09:00 in-progress agent:inoue; 2026-10-02T10:06:00+09:00 waiting agent:inoue sev=high; 2026-10-02T11:00:00+09:00 comment requester:member-001; 2026-10-02T11:30:00+09:00 in-progress requester:member-001; 2026-10-02T12:00:00+09:00 resolved agent:inoue",` +
		`2026-10-02T10:30:00+09:00 suzuki,"{""reason"": ""lost""}",M12345678,手順書の不備,改善依頼,手順がない,手順を書く` + "\n"
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "x.csv", ticket.NativeMapping(nil)))
	require.Empty(t, found)
	require.Len(t, tickets, 1)
	tk := tickets[0]
	tokyo := time.FixedZone("", 9*3600)
	at := func(h, m int) time.Time { return time.Date(2026, 10, 2, h, m, 0, 0, tokyo) }
	assert.Equal(t, "MC-1", tk.ID)
	assert.Equal(t, "カード再発行", tk.Title)
	assert.Equal(t, "member-card", tk.Service)
	assert.Equal(t, "reissue-card", tk.RequestType)
	assert.Equal(t, "request", tk.Category)
	assert.Equal(t, "normal", tk.Severity)
	assert.Equal(t, "high", tk.CurrentSeverity())
	assert.Equal(t, "normal", tk.SeverityAt(at(10, 5)))
	assert.Equal(t, "high", tk.SeverityAt(at(10, 6)))
	assert.Equal(t, ticket.Chat, tk.Channel)
	assert.Equal(t, "member-001", tk.Requester)
	assert.Equal(t, "inoue", tk.Assignee)
	assert.Equal(t, []string{"vip", "店舗A"}, tk.Labels)
	assert.True(t, tk.HasLabel("VIP"))
	assert.Equal(t, 90*time.Minute, tk.TimeSpent)
	assert.True(t, tk.Created.Equal(at(10, 0)))
	assert.True(t, tk.Completed.IsZero())
	assert.Equal(t, map[string]any{"reason": "lost", "memberId": "M12345678"}, tk.Parameters)
	require.Len(t, tk.Escalations, 1)
	assert.Equal(t, "suzuki", tk.Escalations[0].To)
	assert.True(t, tk.Escalations[0].At.Equal(at(10, 30)))
	require.Len(t, tk.History, 5)
	assert.Equal(t, ticket.Activity{At: tk.History[2].At, Actor: ticket.Requester, By: "member-001"}, tk.History[2])
	assert.Equal(t, ticket.Resolved, tk.Status())
	assert.Equal(t, ticket.MissNote{Reason: "手順書の不備", Analysis: "改善依頼", Problem: "手順がない", Improvement: "手順を書く"}, tk.Miss)
	assert.True(t, tk.LastActivity(ticket.Requester).Equal(at(11, 30)))
	assert.True(t, tk.LastActivity(ticket.Agent).Equal(at(12, 0)))
	// Positions: the line and character column where the field starts
	// (its opening quote when quoted), and the header.
	row := strings.Split(data, "\n")[1]
	assert.Equal(t, diag.Pos{File: "x.csv", Line: 2, Column: 92}, tk.Source.Pos(ticket.FieldCreated))
	assert.Equal(t, runeCol(t, row, "2026-10-02T10:00:00+09:00,,"), 92)
	assert.Equal(t, "/created", tk.Source.Path(ticket.FieldCreated))
	assert.Equal(t, diag.Pos{File: "x.csv", Line: 2, Column: 424}, tk.Source.Pos(ticket.FieldParameters))
	assert.Equal(t, runeCol(t, row, `"{""reason""`), 424)
	assert.Equal(t, diag.Pos{File: "x.csv", Line: 2, Column: 0}, tk.Source.Pos(ticket.FieldClosed))
	assert.Equal(t, "", tk.Source.Path(ticket.FieldClosed))
	// The history written back reads the same.
	again := ticket.FormatHistory(tk.History)
	assert.Contains(t, again, "2026-10-02T10:06:00+09:00 waiting agent:inoue sev=high")
}

func TestFormatHistoryRoundTrip(t *testing.T) {
	tokyo := time.FixedZone("", 9*3600)
	h := []ticket.Activity{
		{At: time.Date(2026, 10, 2, 10, 5, 0, 0, tokyo), Status: ticket.InProgress, Actor: ticket.Agent, By: "inoue"},
		{At: time.Date(2026, 10, 2, 11, 0, 0, 0, tokyo), Actor: ticket.Bot, By: "remind-bot"},
		{At: time.Date(2026, 10, 3, 11, 0, 0, 0, tokyo), Status: ticket.Closed, Actor: ticket.Bot, By: "ticket-policy", Forced: true, Reason: "stale"},
	}
	data := "id,created,history\nX,2026-10-02T10:00:00+09:00,\"" + ticket.FormatHistory(h) + "\"\n"
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "x.csv", ticket.Mapping{}))
	require.Empty(t, found)
	require.Len(t, tickets, 1)
	require.Len(t, tickets[0].History, 3)
	for i := range h {
		assert.True(t, h[i].At.Equal(tickets[0].History[i].At))
		tickets[0].History[i].At = h[i].At
	}
	assert.Equal(t, h, tickets[0].History)
}

func TestTimeZonesAreExplicit(t *testing.T) {
	const data = "id,created\nA,2026-10-02 10:00\nB,2026-10-02T10:00:00Z\n"
	_, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "x.csv", ticket.NativeMapping(nil)))
	assert.Equal(t, []finding{{ticket.RuleAmbiguousTime, 2, 3, "/created"}}, found)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "x.csv", ticket.NativeMapping(tokyo)))
	assert.Empty(t, found)
	require.Len(t, tickets, 2)
	assert.Equal(t, "2026-10-02T01:00:00Z", tickets[0].Created.UTC().Format(time.RFC3339))
	assert.Equal(t, "2026-10-02T10:00:00Z", tickets[1].Created.UTC().Format(time.RFC3339))
}

// Stopping early stops the reading.
func TestReadStopsEarly(t *testing.T) {
	data := "id,created\nA,2026-10-02T10:00:00Z\nB,2026-10-02T10:00:00Z\nC,2026-10-02T10:00:00Z\n"
	n := 0
	for range ticket.ReadCSV(strings.NewReader(data), "x.csv", ticket.Mapping{}) {
		n++
		if n == 2 {
			break
		}
	}
	assert.Equal(t, 2, n)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadErrorEndsTheSequence(t *testing.T) {
	for _, seq := range []iter.Seq2[ticket.Ticket, error]{
		ticket.ReadCSV(failingReader{}, "x.csv", ticket.Mapping{}),
		ticket.ReadJSONL(failingReader{}, "x.jsonl", ticket.Mapping{}),
	} {
		var errs []error
		for _, err := range seq {
			errs = append(errs, err)
		}
		require.Len(t, errs, 1)
		var d diag.Diagnostic
		assert.False(t, errors.As(errs[0], &d))
		assert.ErrorContains(t, errs[0], "disk on fire")
	}
	_, err := collectErr(ticket.ReadFile("tickets.xlsx", ticket.Mapping{}))
	assert.ErrorIs(t, err, ticket.ErrFormat)
}

func collectErr(seq iter.Seq2[ticket.Ticket, error]) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func TestJSONLPositions(t *testing.T) {
	line := `{"id": "J-1", "created": "2026-10-02T10:00:00+09:00", "title": "ポイント", "channel": "fax"}` + "\n"
	tickets, found := collect(t, ticket.ReadJSONL(strings.NewReader(line), "x.jsonl", ticket.Mapping{}))
	// The column counts characters: the channel's value comes after the
	// four-character (twelve-byte) title.
	assert.Equal(t, []finding{{ticket.RuleUnmappedValue, 1, strings.Index(line, `"fax"`) - 8 + 1, "/channel"}}, found)
	require.Len(t, tickets, 1)
	assert.Equal(t, diag.Pos{File: "x.jsonl", Line: 1, Column: 8}, tickets[0].Source.Pos(ticket.FieldID)) // at "J-1"
}

func TestEscalationsRoundTrip(t *testing.T) {
	tokyo := time.FixedZone("", 9*3600)
	es := []ticket.Escalation{
		{At: time.Date(2026, 10, 1, 2, 30, 0, 0, tokyo), To: "suzuki"},
		{At: time.Date(2026, 10, 1, 3, 0, 0, 0, tokyo), To: "second-line"},
	}
	data := "id,created,escalations\nE-1,2026-10-01T02:00:00+09:00," + ticket.FormatEscalations(es) + "\n"
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(data), "e.csv", ticket.Mapping{}))
	require.Empty(t, found)
	require.Len(t, tickets[0].Escalations, 2)
	for i, e := range tickets[0].Escalations {
		assert.True(t, e.At.Equal(es[i].At))
		assert.Equal(t, es[i].To, e.To)
	}
}
