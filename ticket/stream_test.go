package ticket_test

import (
	"errors"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
)

// stream is a header, then the same line for ever, as a FIFO fed by a
// runaway export.
type stream struct {
	head, line string
	off        int
}

func (s *stream) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if s.off < len(s.head) {
			k := copy(p[n:], s.head[s.off:])
			s.off += k
			n += k
			continue
		}
		n += copy(p[n:], s.line)
	}
	return n, nil
}

// The reproduction: an endless stream read as tickets ran
// forever, printing nothing. Under Mapping.MaxStreamBytes the import
// stops with a finding at the line the limit cut.
func TestStreamLimit(t *testing.T) {
	row := "C-1,ok,member-card,other,normal,form,2026-10-01T09:00:00+09:00,\n"   // 65 bytes
	head := "id,title,service,requestType,severity,channel,created,parameters\n" // 65 bytes
	jsonLine := `{"id":"J-1","title":"ok","service":"member-card","created":"2026-10-01T09:00:00+09:00"}` + "\n"
	for _, tc := range []struct {
		name string
		read func(io.Reader, string, ticket.Mapping) iter.Seq2[ticket.Ticket, error]
		in   io.Reader
		max  int64
		want int
	}{
		{"csv", ticket.ReadCSV, &stream{head: head, line: row}, int64(len(head) + 10*len(row)), 10},
		{"jsonl", ticket.ReadJSONL, &stream{line: jsonLine}, int64(10 * len(jsonLine)), 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := ticket.NativeMapping(nil)
			m.MaxStreamBytes = tc.max
			n := 0
			var probs []string
			for tk, err := range tc.read(tc.in, "export", m) {
				var d diag.Diagnostic
				if errors.As(err, &d) {
					probs = append(probs, d.Rule+" "+d.Pos.String())
					continue
				}
				require.NoError(t, err)
				assert.Equal(t, "member-card", tk.Service)
				n++
			}
			assert.Equal(t, tc.want, n)
			line := 11
			if tc.name == "csv" {
				line = 12
			}
			assert.Equal(t, []string{"ticket/stream-limit export:" + strconv.Itoa(line)}, probs)
		})
	}
}

// ReadFile reads a FIFO (a stream it bounds) whole when it ends.
func TestReadFileFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "export.csv")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		_, _ = io.WriteString(f, "id,title,service,requestType,severity,channel,created,parameters\n"+
			"C-1,ok,member-card,other,normal,form,2026-10-01T09:00:00+09:00,\n")
	}()
	n := 0
	for _, err := range ticket.ReadFile(fifo, ticket.NativeMapping(nil)) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)
}
