package record

import (
	"bytes"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badLines is the reference: the 1-based lines of data that are not UTF-8,
// checked one whole line at a time.
func badLines(data []byte) []int {
	var out []int
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !utf8.Valid(line) {
			out = append(out, i+1)
		}
	}
	return out
}

// chunked returns at most n bytes per Read, n cycling through sizes: so
// characters are cut at every place a chunk can cut them.
type chunked struct {
	data  []byte
	sizes []int
	i     int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(c.data), c.sizes[c.i%len(c.sizes)])
	c.i++
	copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

// readerBad reads r as CSV, no record longer than the reader's buffer in
// the way, and returns the lines of the records it found not UTF-8.
func readerBad(t testing.TB, r io.Reader) []int {
	var bad []int
	eachCSV(t, NewCSV(r, Options{MaxBytes: 1 << 30}), func(rec *Record) {
		if !rec.ValidUTF8() {
			bad = append(bad, rec.Line)
		}
	}, func(p *Problem) { t.Fatal(p) })
	return bad
}

// The reader finds the records that hold bytes that are not UTF-8, in
// chunks of every size, however a read cuts a character. (These tests
// once checked package ticket's line limiter, which this reader replaced.)
func TestValidUTF8(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"valid", "id,title\nA,ポイント\nB,ok\n"},
		{"bad byte", "id,title\nA,caf\xe9\nB,ok\n"},
		{"cut before the newline", "A,\xe3\x83\nB,\xe3\x83\x9d\n"},            // the first character lacks its last byte
		{"cut at the end of the file", "A,ok\nB,\xe3\x83"},                    // no newline after it
		{"lead byte then newline", "\xf0\n\xf0\x9f\x98\x80\n\xc3"},            // emoji between two bad lines
		{"stray continuation bytes", "\x80\x80\nok\n\xbf"},                    // no lead byte at all
		{"encoded replacement character", "A,\xef\xbf\xbd\nB,\xed\xa0\x80\n"}, // U+FFFD is fine, a surrogate is not
		{"bad lines in a row", "\xff\n\xfe\n\xfd"},
		{"empty", ""},
	}
	readers := map[string]func([]byte) io.Reader{
		"whole":   func(b []byte) io.Reader { return bytes.NewReader(b) },
		"one":     func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) },
		"half":    func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) },
		"dataerr": func(b []byte) io.Reader { return iotest.DataErrReader(bytes.NewReader(b)) },
		"2,3,1":   func(b []byte) io.Reader { return &chunked{data: b, sizes: []int{2, 3, 1}} },
	}
	for _, tt := range tests {
		for name, r := range readers {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				assert.Equal(t, badLines([]byte(tt.data)), readerBad(t, r([]byte(tt.data))))
			})
		}
	}
}

// Random text of ASCII, Japanese, emoji and broken sequences, read in
// random chunks, against the reference.
func TestValidUTF8Random(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := [][]byte{[]byte("a"), []byte(","), []byte("\n"), []byte("運用"), []byte("😀"), []byte("é"),
		{0xff}, {0xe3, 0x83}, {0x80}, {0xf0, 0x9f}, {0xed, 0xa0, 0x80}, {0xc0, 0xaf}}
	for range 300 {
		var data []byte
		for range rng.IntN(200) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(4) > 0 { // mostly good text, as in a real export
				p = pieces[rng.IntN(6)]
			}
			data = append(data, p...)
		}
		sizes := []int{1 + rng.IntN(7), 1 + rng.IntN(64), 1 + rng.IntN(3)}
		require.Equal(t, badLines(data), readerBad(t, &chunked{data: slices.Clone(data), sizes: sizes}), "%q in chunks of %v", data, sizes)
	}
}

func FuzzValidUTF8(f *testing.F) {
	f.Add([]byte("A,\xe3\x83\nB,\xe3\x83\x9d\n\xf0"), uint8(1), uint8(2))
	f.Add([]byte("id,title\nA,ポイント\nB,caf\xe9\n"), uint8(3), uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint8) {
		// The reference knows only "\n" lines and no quotes, and the
		// first line keeps the reader from taking the text for UTF-16.
		data = append([]byte("h\n"), data...)
		for i, c := range data {
			if c == '"' || c == '\r' {
				data[i] = 'x'
			}
		}
		sizes := []int{1 + int(a%16), 1 + int(b)}
		if got, want := readerBad(t, &chunked{data: slices.Clone(data), sizes: sizes}), badLines(data); !slices.Equal(got, want) {
			t.Fatalf("%q in chunks of %v: lines %v, want %v", data, sizes, got, want)
		}
	})
}
