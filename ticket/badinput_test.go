package ticket_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/ticket"
)

// runeCol is the 1-based character column where sub starts in line: the
// column the JSON Lines reader reports. It only double-checks the literal
// columns of the tables below.
func runeCol(t *testing.T, line, sub string) int {
	t.Helper()
	i := strings.Index(line, sub)
	require.GreaterOrEqual(t, i, 0, "%q not in %q", sub, line)
	return utf8.RuneCountInString(line[:i]) + 1
}

func TestCSVInvalidUTF8(t *testing.T) {
	const header = "id,title,labels,param.reason,unused,created\n"
	tests := []struct {
		name     string
		data     string
		want     []finding
		imported []string
	}{
		{
			name:     "title",
			data:     header + "U-1,caf\xe9 au lait,,,,2026-10-01T09:00:00Z\n",
			want:     []finding{{ticket.RuleInvalidUTF8, 2, 5, "/title"}}, // after "U-1,"
			imported: []string{"U-1"},
		},
		{
			// Every column the import reads is checked, one finding each;
			// a column it does not read is not imported, so not reported.
			name: "labels and parameter, not the unused column",
			data: header + "U-2,ok,\"a,\xff\xfe\",\x81,\x82,2026-10-01T09:00:00Z\n",
			want: []finding{
				{ticket.RuleInvalidUTF8, 2, 8, "/labels"},        // after "U-2,ok,"
				{ticket.RuleInvalidUTF8, 2, 15, "/param.reason"}, // each bad byte before it is one character
			},
			imported: []string{"U-2"},
		},
		{
			// A quoted field over two lines: the row's first line, as for
			// every other finding about a row.
			name:     "multi-line field",
			data:     header + "U-3,\"line one\nline \xff two\",,,,2026-10-01T09:00:00Z\nU-4,ok,,,,2026-10-01T09:00:00Z\n",
			want:     []finding{{ticket.RuleInvalidUTF8, 2, 5, "/title"}}, // its opening quote
			imported: []string{"U-3", "U-4"},
		},
		{
			// A row skipped for another reason still tells about its bytes.
			// Positions are the line and character column of the field.
			name: "skipped row",
			data: header + "U-\xff5,t,,,,\nU-6,ok,,,,2026-10-01T09:00:00Z\n",
			want: []finding{
				{ticket.RuleInvalidUTF8, 2, 1, "/id"},
				{ticket.RuleMissingValue, 2, 11, "/created"}, // the empty sixth field, after "U-\xff5,t,,,,"
			},
			imported: []string{"U-6"},
		},
		{
			// A bad header cell matters only where it names a column read:
			// a parameter. The fourth column is not read.
			name:     "header",
			data:     "id,created,param.r\xe9ason,\xffjunk\nH-1,2026-10-01T09:00:00Z,v,w\n",
			want:     []finding{{ticket.RuleInvalidUTF8, 1, 12, "/param.r\uFFFDason"}}, // after "id,created,"
			imported: []string{"H-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(tt.data), "u.csv", ticket.NativeMapping(nil)))
			assert.Equal(t, tt.want, found)
			assert.Equal(t, tt.imported, ids(tickets))
			for _, tk := range tickets {
				assertValidUTF8(t, &tk)
			}
		})
	}
}

// The bad bytes are replaced, not dropped: the rest of the text is kept.
func TestCSVInvalidUTF8KeepsTheText(t *testing.T) {
	data := "id,title,labels,param.reason,created\n" +
		"U-1,caf\xe9 au lait,\"a,\xff\xfe\",lo\x81st,2026-10-01T09:00:00Z\n"
	tickets, _ := collect(t, ticket.ReadCSV(strings.NewReader(data), "u.csv", ticket.NativeMapping(nil)))
	require.Len(t, tickets, 1)
	assert.Equal(t, "caf\uFFFD au lait", tickets[0].Title)
	assert.Equal(t, []string{"a", "\uFFFD"}, tickets[0].Labels) // one U+FFFD for a run of bad bytes
	assert.Equal(t, map[string]any{"reason": "lo\uFFFDst"}, tickets[0].Parameters)
}

func TestJSONLInvalidUTF8(t *testing.T) {
	const created = `"created":"2026-10-01T09:00:00Z"`
	tests := []struct {
		name     string
		line     string
		want     []finding
		imported []string
	}{
		{
			name:     "top-level value",
			line:     `{"id":"J-1",` + created + `,"title":"caf` + "\xe9" + ` au lait"}`,
			want:     []finding{{ticket.RuleInvalidUTF8, 1, 54, "/title"}},
			imported: []string{"J-1"},
		},
		{
			// Inside objects and arrays, each string at its own pointer; a
			// bad key at the key. The columns count characters: the title
			// before them is four characters of three bytes.
			name: "nested",
			line: `{"id":"J-2",` + created + `,"title":"ポイント","parameters":{"reason":"lo` + "\xff" + `st","k` + "\xfe" + `":"v"},` +
				`"labels":["ok","` + "\xff" + `"],"history":[{"at":"2026-10-01T10:00:00Z","status":"resolved","actor":"agent","by":"sa` + "\xfe" + `to"}]}`,
			want: []finding{
				{ticket.RuleInvalidUTF8, 1, 84, "/parameters/reason"},
				{ticket.RuleInvalidUTF8, 1, 92, "/parameters/k\uFFFD"},
				{ticket.RuleInvalidUTF8, 1, 117, "/labels/1"},
				{ticket.RuleInvalidUTF8, 1, 203, "/history/0/by"},
			},
			imported: []string{"J-2"},
		},
		{
			// A value that is not imported is not reported twice: the key
			// already is.
			name:     "unknown key",
			line:     `{"id":"J-3",` + created + `,"titel":"` + "\xff" + `"}`,
			want:     []finding{{ticket.RuleUnknownField, 1, 46, "/titel"}},
			imported: []string{"J-3"},
		},
		{
			name:     "repeated key",
			line:     `{"id":"J-4",` + created + `,"id":"` + "\xff" + `"}`,
			want:     []finding{{ticket.RuleDuplicateField, 1, 46, "/id"}},
			imported: []string{"J-4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tickets, found := collect(t, ticket.ReadJSONL(strings.NewReader(tt.line+"\n"), "u.jsonl", ticket.Mapping{}))
			assert.Equal(t, tt.want, found)
			assert.Equal(t, tt.imported, ids(tickets))
			for _, tk := range tickets {
				assertValidUTF8(t, &tk)
			}
		})
	}
}

func TestJSONLInvalidUTF8Columns(t *testing.T) {
	// The literal columns of TestJSONLInvalidUTF8, derived from the text.
	line := `{"id":"J-2","created":"2026-10-01T09:00:00Z","title":"ポイント","parameters":{"reason":"lo?st","k?":"v"},` +
		`"labels":["ok","?"],"history":[{"at":"2026-10-01T10:00:00Z","status":"resolved","actor":"agent","by":"sa?to"}]}`
	assert.Equal(t, 84, runeCol(t, line, `"lo?st"`))
	assert.Equal(t, 92, runeCol(t, line, `"k?"`))
	assert.Equal(t, 117, runeCol(t, line, `"?"]`))
	assert.Equal(t, 203, runeCol(t, line, `"sa?to"`))
	line = `{"id":"J-1","created":"2026-10-01T09:00:00Z","title":"caf? au lait"}`
	assert.Equal(t, 54, runeCol(t, line, `"caf?`))
	assert.Equal(t, 46, runeCol(t, line, `"title"`))
}

// encoding/json replaces the bad bytes; the ticket keeps the rest.
func TestJSONLInvalidUTF8KeepsTheText(t *testing.T) {
	line := `{"id":"J-1","created":"2026-10-01T09:00:00Z","title":"caf` + "\xe9" + ` au lait","parameters":{"reason":"lo` + "\xff" + `st"}}` + "\n"
	tickets, found := collect(t, ticket.ReadJSONL(strings.NewReader(line), "u.jsonl", ticket.Mapping{}))
	assert.Len(t, found, 2)
	require.Len(t, tickets, 1)
	assert.Equal(t, "caf\uFFFD au lait", tickets[0].Title)
	assert.Equal(t, map[string]any{"reason": "lo\uFFFDst"}, tickets[0].Parameters)
}

// A required member that is absent is reported at the object that lacks
// it, column 1 being its "{", with the pointer the member would have: the
// catalog does the same for a missing key of a document (schema/required
// at the mapping, Path "/metadata/name"). A member present but empty or
// null is reported at its value.
func TestJSONLMissingMember(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []finding
	}{
		{"no created", `{"id":"M-1","title":"t"}`, []finding{{ticket.RuleMissingValue, 1, 1, "/created"}}},
		{"nothing, indented", `   {"title":"t"}`, []finding{
			{ticket.RuleMissingValue, 1, 4, "/id"},
			{ticket.RuleMissingValue, 1, 4, "/created"},
		}},
		{"null created", `{"id":"M-3","created":null}`, []finding{{ticket.RuleMissingValue, 1, 23, "/created"}}},
		{"empty id", `{"id":"","created":"2026-10-01T09:00:00Z"}`, []finding{{ticket.RuleMissingValue, 1, 7, "/id"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tickets, found := collect(t, ticket.ReadJSONL(strings.NewReader(tt.line+"\n"), "m.jsonl", ticket.Mapping{}))
			assert.Equal(t, tt.want, found)
			assert.Empty(t, tickets)
		})
	}
}

// A repeated key is its own finding, at the repeated key; the first value
// is the one imported.
func TestJSONLDuplicateField(t *testing.T) {
	const created = `"created":"2026-10-01T09:00:00Z"`
	tests := []struct {
		name  string
		line  string
		want  []finding
		id    string
		title string
	}{
		{"same key", `{"id":"D-1","title":"first",` + created + `,"title":"second"}`,
			[]finding{{ticket.RuleDuplicateField, 1, 62, "/title"}}, "D-1", "first"},
		{"two spellings, three times", `{"id":"D-2","ID":"D-3",` + created + `,"Id":"D-4"}`,
			[]finding{{ticket.RuleDuplicateField, 1, 13, "/ID"}, {ticket.RuleDuplicateField, 1, 57, "/Id"}}, "D-2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tickets, found := collect(t, ticket.ReadJSONL(strings.NewReader(tt.line+"\n"), "d.jsonl", ticket.Mapping{}))
			assert.Equal(t, tt.want, found)
			require.Len(t, tickets, 1)
			assert.Equal(t, tt.id, tickets[0].ID)
			assert.Equal(t, tt.title, tickets[0].Title)
		})
	}
	// An unknown key stays unknown, however often it appears.
	_, found := collect(t, ticket.ReadJSONL(strings.NewReader(`{"id":"D-5",`+created+`,"x":1,"x":2}`+"\n"), "d.jsonl", ticket.Mapping{}))
	assert.Equal(t, []finding{{ticket.RuleUnknownField, 1, 46, "/x"}, {ticket.RuleUnknownField, 1, 52, "/x"}}, found)
}

// assertValidUTF8 checks every text of a ticket: what reports and search
// will write.
func assertValidUTF8(t *testing.T, tk *ticket.Ticket) {
	t.Helper()
	for _, s := range ticketTexts(tk) {
		assert.True(t, utf8.ValidString(s), "%q is not UTF-8", s)
	}
}

// ticketTexts lists every string a ticket holds.
func ticketTexts(tk *ticket.Ticket) []string {
	s := []string{tk.ID, tk.Title, tk.Service, tk.RequestType, tk.Category, tk.Severity, tk.Requester, tk.Assignee,
		tk.Miss.Reason, tk.Miss.Analysis, tk.Miss.Problem, tk.Miss.Improvement, tk.Source.File, tk.Source.Path(ticket.FieldParameters)}
	s = append(s, tk.Labels...)
	for _, a := range tk.History {
		s = append(s, a.By, a.Severity, a.Reason)
	}
	for _, e := range tk.Escalations {
		s = append(s, e.To)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			s = append(s, v)
		case map[string]any:
			for k, x := range v {
				s = append(s, k)
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(tk.Parameters)
	return s
}
