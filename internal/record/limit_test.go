package record

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endless is a stream that never ends, as a FIFO fed forever.
type endless struct{ line string }

func (e endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], e.line)
	}
	return n, nil
}

// drainCSV reads every record: the first field of each, and the error
// that ended the reading.
func drainCSV(r io.Reader, o Options) ([]string, error) {
	c := NewCSV(r, o)
	var got []string
	for {
		rec, err := c.Read()
		var p *Problem
		switch {
		case errors.As(err, &p):
			got = append(got, "problem")
			continue
		case err != nil:
			return got, err
		}
		got = append(got, rec.Fields[0])
	}
}

func TestMaxTotalBytes(t *testing.T) {
	in := "a,1\nb,2\nc,3\n" // 12 bytes
	tests := []struct {
		name  string
		max   int64
		want  []string
		limit *LimitError
	}{
		{"no limit", 0, []string{"a", "b", "c"}, nil},
		{"the whole input", 12, []string{"a", "b", "c"}, nil},
		{"a line past", 8, []string{"a", "b"}, &LimitError{Max: 8, Line: 3}},
		{"a line cut", 6, []string{"a"}, &LimitError{Max: 6, Line: 2}},
		{"a line end cut", 11, []string{"a", "b"}, &LimitError{Max: 11, Line: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := drainCSV(strings.NewReader(in), Options{MaxTotalBytes: tt.max})
			assert.Equal(t, tt.want, got)
			if tt.limit == nil {
				assert.ErrorIs(t, err, io.EOF)
				return
			}
			var lim *LimitError
			require.ErrorAs(t, err, &lim)
			assert.Equal(t, tt.limit, lim)
		})
	}
}

// An endless stream ends at the limit, for CSV, JSON Lines and UTF-16,
// and the error stays.
func TestEndlessStream(t *testing.T) {
	got, err := drainCSV(endless{"x,1\n"}, Options{MaxTotalBytes: 1 << 20})
	var lim *LimitError
	require.ErrorAs(t, err, &lim)
	assert.Len(t, got, 1<<18)
	assert.Equal(t, &LimitError{Max: 1 << 20, Line: 1<<18 + 1}, lim)
	assert.EqualError(t, lim, "record: the input goes on past the limit of 1048576 bytes; reading stopped at line 262145")

	j := NewJSONL(endless{"{}\n"}, Options{MaxTotalBytes: 30})
	n := 0
	for {
		_, err := j.Read()
		if err != nil {
			require.ErrorAs(t, err, &lim)
			assert.Equal(t, &LimitError{Max: 30, Line: 11}, lim)
			_, again := j.Read()
			assert.Equal(t, err, again)
			break
		}
		n++
	}
	assert.Equal(t, 10, n)

	// One line without an end: cut, never returned, however long.
	got, err = drainCSV(endless{"xxxxxxxx"}, Options{MaxTotalBytes: 1 << 20, MaxBytes: 100})
	require.ErrorAs(t, err, &lim)
	assert.Empty(t, got)
	assert.Equal(t, 1, lim.Line)

	utf := utf16.Encode([]rune("\ufeffa,1\nb,2\nc,3\n"))
	b := make([]byte, 0, 2*len(utf))
	for _, u := range utf {
		b = append(b, byte(u), byte(u>>8))
	}
	got, err = drainCSV(strings.NewReader(string(b)), Options{MaxTotalBytes: 18})
	require.ErrorAs(t, err, &lim)
	assert.Equal(t, []string{"a", "b"}, got, "the limit counts the bytes of the input, before decoding")
}
