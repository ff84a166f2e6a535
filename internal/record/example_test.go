package record_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/internal/record"
)

// A CSV export with a note over two lines, a stray quote and a row over
// the limit: each record comes with its line, each field with its
// position in characters, and what cannot be read as a Problem of its
// own, the reading going on after it.
func ExampleCSV() {
	export := "id,note\r\n" +
		"A-1,\"first line\nsecond line\"\r\n" +
		"A-2,say \"hi\"\r\n" +
		"A-3,\"" + strings.Repeat("x", 100) + "\"\r\n" +
		"A-4,運用\r\n"
	r := record.NewCSV(strings.NewReader(export), record.Options{MultiLine: true, MaxBytes: 64})
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var p *record.Problem
		if errors.As(err, &p) {
			fmt.Printf("line %d, column %d: %s (%s)\n", p.Line, p.Column, p.Msg, p.Kind)
			continue
		}
		line, col := rec.Pos(rec.Offset(1))
		fmt.Printf("line %d: %q, the note at %d:%d\n", rec.Line, rec.Fields, line, col)
	}
	// Output:
	// line 1: ["id" "note"], the note at 1:4
	// line 2: ["A-1" "first line\nsecond line"], the note at 2:5
	// line 4, column 9: a quote inside an unquoted field: quote the whole field and double the quote (syntax)
	// line 5, column 0: longer than 64 bytes (too long)
	// line 6: ["A-4" "運用"], the note at 6:5
}

// A JSON Lines file: the members of each object with their columns, and
// the JSON pointer a finding about a value would carry.
func ExampleJSONL() {
	r := record.NewJSONL(strings.NewReader("{\"メモ\": \"日本語\", \"ts\": 1}\n{\"ts\": 2,}\n"), record.Options{})
	for {
		line, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		err = line.Object(func(m record.Member) {
			fmt.Printf("%d:%d %s = %s\n", line.Number, line.Column(m.ValueOff), record.Pointer(m.Key), m.Value)
		})
		var p *record.Problem
		if errors.As(err, &p) {
			fmt.Printf("%d:%d %s\n", p.Line, p.Column, p.Msg)
		}
	}
	// Output:
	// 1:8 /メモ = "日本語"
	// 1:21 /ts = 1
	// 2:10 the line is not valid JSON: invalid character '}' looking for beginning of object key string
}

// Times reads RFC 3339 and the layouts a reader names, and never guesses
// a time zone.
func ExampleTimes() {
	ts := &record.Times{Layouts: []string{"2006-01-02 15:04"}}
	for _, s := range []string{"2026-11-01T09:00:00+09:00", "2026-11-01 09:00", "noon"} {
		t, err := ts.Parse(s)
		fmt.Println(t.Format("2006-01-02 15:04 -07:00"), err)
	}
	// Output:
	// 2026-11-01 09:00 +09:00 <nil>
	// 0001-01-01 00:00 +00:00 no UTC offset, and no time zone given
	// 0001-01-01 00:00 +00:00 not a timestamp
}
