package record

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eachCSV reads c to its end, handing on each record and each problem;
// any other error fails the test.
func eachCSV(t testing.TB, c *CSV, record func(*Record), problem func(*Problem)) {
	t.Helper()
	for {
		rec, err := c.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		var p *Problem
		if errors.As(err, &p) {
			problem(p)
			continue
		}
		require.NoError(t, err)
		record(rec)
	}
}

// readCSV reads every record of in, written as the tests compare them:
// "line: field|field" for a record, with the line and column of each
// field after it, and "kind line:column (start-end): msg" for a problem.
func readCSV(t testing.TB, r io.Reader, o Options, size int) []string {
	t.Helper()
	var out []string
	eachCSV(t, newCSV(r, o, size), func(rec *Record) {
		s := fmt.Sprintf("%d: %s", rec.Line, strings.Join(rec.Fields, "|"))
		for i := range rec.Fields {
			line, col := rec.Pos(rec.Offset(i))
			s += fmt.Sprintf(" %d:%d", line, col)
		}
		out = append(out, s)
	}, func(p *Problem) {
		out = append(out, fmt.Sprintf("%s %d:%d (%d-%d): %s", p.Kind, p.Line, p.Column, p.Start, p.End, p.Msg))
	})
	return out
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		o    Options
		want []string
	}{
		{"fields", "a,b,c\n1,,3\n", Options{}, []string{"1: a|b|c 1:1 1:3 1:5", "2: 1||3 2:1 2:3 2:4"}},
		{"trailing comma, no last line end", "a,b,\nc", Options{}, []string{"1: a|b| 1:1 1:3 1:5", "2: c 2:1"}},
		{"empty lines are skipped", "\n\na\n\n\nb\n\n", Options{}, []string{"3: a 3:1", "6: b 6:1"}},
		{"quoted", `"a,b","say ""hi""",""` + "\n", Options{}, []string{`1: a,b|say "hi"| 1:1 1:7 1:20`}},
		{"columns in characters", "名前,時刻\n山田,\"九時\",x\n", Options{}, []string{"1: 名前|時刻 1:1 1:4", "2: 山田|九時|x 2:1 2:4 2:9"}},
		{"CRLF", "a,b\r\nc,d\r\n", Options{}, []string{"1: a|b 1:1 1:3", "2: c|d 2:1 2:3"}},
		{"lone CR", "a,b\rc,d\re", Options{}, []string{"1: a|b 1:1 1:3", "2: c|d 2:1 2:3", "3: e 3:1"}},
		{"mixed line ends", "a\r\rb\n\r\nc\r\n", Options{}, []string{"1: a 1:1", "3: b 3:1", "5: c 5:1"}},
		{"byte-order mark", "\ufeffa,b\n", Options{}, []string{"1: a|b 1:1 1:3"}},
		{"separator", "a;b\t c\n", Options{Comma: ';'}, []string{"1: a|b\t c 1:1 1:3"}},
		{"separator of several bytes", "a、\"b、c\"、d\n", Options{Comma: '、'}, []string{"1: a|b、c|d 1:1 1:3 1:9"}},

		{"multi-line field", "id,text\n1,\"one\ntwo\r\nthree\rfour\",x\n2,y\n", Options{MultiLine: true},
			[]string{"1: id|text 1:1 1:4", "2: 1|one\ntwo\nthree\nfour|x 2:1 2:3 5:7", "6: 2|y 6:1 6:3"}},
		{"multi-line field with empty lines", "\"a\n\n\nb\",c\n", Options{MultiLine: true}, []string{"1: a\n\n\nb|c 1:1 4:4"}},
		{"quote open on one line", "a,\"b\nc,d\n", Options{},
			[]string{"syntax 1:3 (1-1): the quoted field is not closed on its line (a record is one line)", "2: c|d 2:1 2:3"}},
		{"quote open to the end", "a,b\nc,\"d\ne\n", Options{MultiLine: true},
			[]string{"1: a|b 1:1 1:3", "syntax 2:3 (2-3): the quoted field is not closed before the end of the file"}},
		{"bare quote", "時刻,go\"od\nx\n", Options{},
			[]string{"syntax 1:6 (1-1): a quote inside an unquoted field: quote the whole field and double the quote", "2: x 2:1"}},
		{"text after the closing quote", "a,\"b\"c d\nx\n", Options{},
			[]string{`syntax 1:6 (1-1): text after the closing quote of a field: "c d"`, "2: x 2:1"}},
		{"text after a quote closed on a later line", "a,\"b\nc\"d,e\nx\n", Options{MultiLine: true},
			[]string{`syntax 2:3 (1-2): text after the closing quote of a field: "d,e"`, "3: x 3:1"}},

		{"line of exactly the limit", "abcde\r\nfghijk\nl\n", Options{MaxBytes: 5},
			[]string{"1: abcde 1:1", "too long 2:0 (2-2): longer than 5 bytes", "3: l 3:1"}},
		{"record over the limit, its lines under it", "id,t\n1,\"aaaa\nbbbb\ncccc\ndddd\"\n2,ok\n", Options{MaxBytes: 12, MultiLine: true},
			[]string{"1: id|t 1:1 1:4", "too long 2:0 (2-5): longer than 12 bytes (lines 2 to 5)", "6: 2|ok 6:1 6:3"}},
		{"a long first line opens the field", "1,\"aaaaaaaaaaaaaaaa\nbbb\"\"\ncc\",x\n2\n", Options{MaxBytes: 12, MultiLine: true},
			[]string{"too long 1:0 (1-3): longer than 12 bytes (lines 1 to 3)", "4: 2 4:1"}},
		{"over the limit to the end of the file", "1,\"aaaa\nbbbb\ncccc\n", Options{MaxBytes: 8, MultiLine: true},
			[]string{"too long 1:0 (1-3): longer than 8 bytes: a quoted field is not closed before the end of the file"}},
		{"a record one byte over the limit", "1,\"ab\ncd\",e\n", Options{MaxBytes: 10, MultiLine: true},
			[]string{"too long 1:0 (1-2): longer than 10 bytes (lines 1 to 2)"}},
		{"a record of exactly the limit", "1,\"ab\r\ncd\",e\n", Options{MaxBytes: 11, MultiLine: true},
			[]string{"1: 1|ab\ncd|e 1:1 1:3 2:5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, readCSV(t, strings.NewReader(tt.in), tt.o, bufSize))
			// The same, read a byte at a time through a buffer of 8 bytes:
			// every line end, character and quote cut at every place.
			assert.Equal(t, tt.want, readCSV(t, iotest.OneByteReader(strings.NewReader(tt.in)), tt.o, 8), "in small reads")
		})
	}
}

// A line or record longer than the buffer is put together when it is
// within the limit, and skipped when it is not.
func TestCSVLongLines(t *testing.T) {
	long := strings.Repeat("長", 50) // 150 bytes
	in := "a," + long + "\r\nb,\"" + long + "\r\n" + long + "\"\nc\n"
	assert.Equal(t, []string{"1: a|" + long + " 1:1 1:3", "2: b|" + long + "\n" + long + " 2:1 2:3", "4: c 4:1"},
		readCSV(t, strings.NewReader(in), Options{MultiLine: true}, 16))
	assert.Equal(t, []string{"too long 1:0 (1-1): longer than 100 bytes", "too long 2:0 (2-3): longer than 100 bytes (lines 2 to 3)", "4: c 4:1"},
		readCSV(t, strings.NewReader(in), Options{MultiLine: true, MaxBytes: 100}, 16))
	// A CRLF cut by the end of a full buffer is one line end.
	for n := 5; n <= 9; n++ {
		in := strings.Repeat("x", n) + "\r\ny\r\n"
		assert.Equal(t, []string{"1: " + strings.Repeat("x", n) + " 1:1", "2: y 2:1"}, readCSV(t, strings.NewReader(in), Options{}, 8), "%q", in)
	}
}

func TestCSVBadSeparator(t *testing.T) {
	for _, comma := range []rune{'"', '\n', '\r', -1} {
		_, err := NewCSV(strings.NewReader("a\n"), Options{Comma: comma}).Read()
		assert.ErrorContains(t, err, "cannot separate CSV fields")
	}
}

// An error of the reader ends the reading, after the records before it.
func TestCSVReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	c := NewCSV(io.MultiReader(strings.NewReader("a\nb\n"), iotest.ErrReader(boom)), Options{})
	for _, want := range []string{"a", "b"} {
		rec, err := c.Read()
		require.NoError(t, err)
		assert.Equal(t, []string{want}, rec.Fields)
	}
	_, err := c.Read()
	require.ErrorIs(t, err, boom)
	_, err = c.Read()
	require.ErrorIs(t, err, boom, "and again")
}

// A record of 32 MiB, a quoted field over a million short lines, is
// skipped without being held: reading it allocates about what a short
// file does.
func TestCSVRunawayRecordIsNotHeld(t *testing.T) {
	for _, tt := range []struct {
		name  string
		field io.Reader
		next  int // the line after the record
	}{
		{"one line", strings.NewReader(strings.Repeat("x", 32<<20)), 2},
		{"many lines", strings.NewReader(strings.Repeat("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", 1<<20)), 1<<20 + 2},
	} {
		in := io.MultiReader(strings.NewReader("a,\""), tt.field, strings.NewReader("\",b\nnext\n"))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		got := readCSV(t, in, Options{MaxBytes: 1 << 10, MultiLine: true}, bufSize)
		runtime.ReadMemStats(&after)
		want := []string{fmt.Sprintf("too long 1:0 (1-%d): longer than 1024 bytes", tt.next-1), fmt.Sprintf("%d: next %d:1", tt.next, tt.next)}
		if tt.next > 2 {
			want[0] += fmt.Sprintf(" (lines 1 to %d)", tt.next-1)
		}
		assert.Equal(t, want, got, tt.name)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "%s: bytes allocated", tt.name)
	}
}
