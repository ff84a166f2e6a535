package ticket_test

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/ticket"
)

// utf16LE writes s as Excel writes "Unicode text": UTF-16, little-endian,
// after a byte-order mark.
func utf16LE(s string) string {
	units := append([]uint16{0xfeff}, utf16.Encode([]rune(s))...)
	b := make([]byte, 2*len(units))
	for i, u := range units {
		binary.LittleEndian.PutUint16(b[2*i:], u)
	}
	return string(b)
}

// How an export is read, whatever wrote it: each finding with its rule
// and position, and the tickets that survive.
func TestReadCSVExports(t *testing.T) {
	const ok = "2026-10-01T09:00:00+09:00"
	tests := []struct {
		name     string
		data     string
		max      int
		want     []finding
		imported []string
	}{
		{
			// A column read twice is reported at the second; the first is
			// read. Repeated label columns are all read, as Jira writes them.
			name: "duplicate columns",
			data: "id,created,status,labels,Status ,param.r,labels,param.r\nD-1," + ok + ",open,a,closed,x,b,y\n",
			want: []finding{
				{ticket.RuleDuplicateColumn, 1, 26, "/Status"},  // after "id,created,status,labels,"
				{ticket.RuleDuplicateColumn, 1, 49, "/param.r"}, // the second param.r
			},
			imported: []string{"D-1"},
		},
		{
			// A quoted field over many short lines is held to the row
			// limit as a whole: skipped, reported at the row's first line,
			// and the rows after it are read at their own lines.
			name: "multi-line field over the limit",
			max:  80,
			data: "id,created,title\nM-1," + ok + ",\"" + strings.Repeat("a line of a long note\n", 5) + "\"\nM-2," + ok + ",fine\nM-3,bad,x\n",
			want: []finding{
				{ticket.RuleRowTooLong, 2, 0, ""},
				{ticket.RuleBadTime, 9, 5, "/created"}, // after "M-3,"
			},
			imported: []string{"M-2"},
		},
		{
			name:     "multi-line field within the limit",
			max:      200,
			data:     "id,created,title\nM-1," + ok + ",\"" + strings.Repeat("a line of a long note\n", 5) + "\"\nM-3,bad,x\n",
			want:     []finding{{ticket.RuleBadTime, 8, 5, "/created"}},
			imported: []string{"M-1"},
		},
		{
			name:     "lone CR line ends",
			data:     "id,created,title\rC-1," + ok + ",x\rC-2,bad,y\r",
			want:     []finding{{ticket.RuleBadTime, 3, 5, "/created"}},
			imported: []string{"C-1"},
		},
		{
			name:     "UTF-16 with its byte-order mark",
			data:     utf16LE("id,created,title\r\nU-1," + ok + ",ポイント\r\nU-2,bad,y\r\n"),
			want:     []finding{{ticket.RuleBadTime, 3, 5, "/created"}},
			imported: []string{"U-1"},
		},
		{
			// Without its mark: told by the NUL of its first character.
			name:     "UTF-16 without a byte-order mark",
			data:     utf16LE("id,created,title\nU-1," + ok + ",ポイント\n")[2:],
			imported: []string{"U-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ticket.NativeMapping(nil)
			m.MaxRowBytes = tt.max
			tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(tt.data), "e.csv", m))
			assert.Equal(t, tt.want, found)
			assert.Equal(t, tt.imported, ids(tickets))
		})
	}
}

// The first of two columns is the one read, and label columns add up.
func TestReadCSVDuplicateColumnsKeepTheFirst(t *testing.T) {
	data := "id,created,status,labels,Status ,param.r,labels,param.r\nD-1,2026-10-01T09:00:00+09:00,open,a,closed,x,b,y\n"
	tickets, _ := collect(t, ticket.ReadCSV(strings.NewReader(data), "e.csv", ticket.NativeMapping(nil)))
	require.Len(t, tickets, 1)
	assert.Equal(t, ticket.Open, tickets[0].Status())
	assert.Equal(t, []string{"a", "b"}, tickets[0].Labels)
	assert.Equal(t, map[string]any{"r": "x"}, tickets[0].Parameters)
}

// A UTF-16 export decodes to the same text, and JSON Lines after a
// byte-order mark are read from the first line.
func TestReadEncodings(t *testing.T) {
	tickets, found := collect(t, ticket.ReadCSV(strings.NewReader(utf16LE("id,created,title\r\nU-1,2026-10-01T09:00:00+09:00,ポイント😀\r\n")), "e.csv", ticket.Mapping{}))
	assert.Empty(t, found)
	require.Len(t, tickets, 1)
	assert.Equal(t, "ポイント😀", tickets[0].Title)

	line := `{"id":"J-1","created":"2026-10-01T09:00:00Z","title":"ポイント"}`
	for name, data := range map[string]string{"mark": "\ufeff" + line + "\n", "UTF-16": utf16LE(line + "\r\n" + `{"id":"J-2"}`)} {
		tickets, found := collect(t, ticket.ReadJSONL(strings.NewReader(data), "e.jsonl", ticket.Mapping{}))
		if name == "UTF-16" {
			assert.Equal(t, []finding{{ticket.RuleMissingValue, 2, 1, "/created"}}, found, name)
		} else {
			assert.Empty(t, found, name)
		}
		require.Len(t, tickets, 1, name)
		assert.Equal(t, "ポイント", tickets[0].Title, name)
	}
}
