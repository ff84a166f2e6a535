package ticket_test

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/ticket"
)

// manyRows is a CSV of n tickets, the third of them bad.
func manyRows(n int) string {
	var b strings.Builder
	b.WriteString("id,severity,created\n")
	for i := range n {
		created := "2026-10-01T09:00:00Z"
		if i%3 == 2 {
			created = "not a time"
		}
		fmt.Fprintf(&b, "T-%d,minor,%s\n", i, created)
	}
	return b.String()
}

type countSink struct{ ids []string }

func (s *countSink) Add(t *ticket.Ticket, _ ticket.Class) { s.ids = append(s.ids, t.ID) }

// Process keeps the order of the sequence across its batches and
// goroutines.
func TestProcessKeepsOrder(t *testing.T) {
	const n = 2000
	sink := &countSink{}
	diags, err := ticket.Process(ticket.ReadCSV(strings.NewReader(manyRows(n)), "m.csv", ticket.Mapping{}),
		ticket.NewClassifier(&catalog.Design{}), sink)
	require.NoError(t, err)
	var want []string
	for i := range n {
		if i%3 != 2 {
			want = append(want, fmt.Sprintf("T-%d", i))
		}
	}
	assert.Equal(t, want, sink.ids)
	bad := 0
	for i, d := range diags {
		if d.Rule == ticket.RuleBadTime {
			bad++
		}
		if i > 0 {
			assert.LessOrEqual(t, diags[i-1].Compare(d), 0, "sorted")
		}
	}
	assert.Equal(t, n/3, bad)
}

// dataThenFail yields data, then fails.
type dataThenFail struct{ r io.Reader }

func (d *dataThenFail) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, errors.New("connection reset")
	}
	return n, err
}

func TestProcessStopsOnReadError(t *testing.T) {
	sink := &countSink{}
	_, err := ticket.Process(ticket.ReadCSV(&dataThenFail{strings.NewReader(manyRows(600))}, "m.csv", ticket.Mapping{}),
		ticket.NewClassifier(&catalog.Design{}), sink)
	require.ErrorContains(t, err, "connection reset")
	var d diag.Diagnostic
	assert.False(t, errors.As(err, &d))
	assert.Len(t, sink.ids, 400, "every ticket before the failure is processed")
}

func TestProcessReraisesPanics(t *testing.T) {
	var seq iter.Seq2[ticket.Ticket, error] = func(yield func(ticket.Ticket, error) bool) {
		yield(ticket.Ticket{ID: "A", Created: time.Unix(0, 0)}, nil)
		panic("tracker export exploded")
	}
	assert.PanicsWithValue(t, "tracker export exploded", func() {
		_, _ = ticket.Process(seq, ticket.NewClassifier(&catalog.Design{}))
	})
}

// Stopping a sequence early, directly or through Process, leaves no
// goroutine behind.
func TestNoGoroutineLeft(t *testing.T) {
	before := runtime.NumGoroutine()
	data := manyRows(3000)
	for range 50 {
		n := 0
		for range ticket.ReadCSV(strings.NewReader(data), "m.csv", ticket.Mapping{}) {
			if n++; n == 700 {
				break
			}
		}
		_, err := ticket.Process(ticket.ReadCSV(&dataThenFail{strings.NewReader(data)}, "m.csv", ticket.Mapping{}),
			ticket.NewClassifier(&catalog.Design{}))
		require.Error(t, err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before)
}
