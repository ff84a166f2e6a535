package record

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// FuzzCSV reads any input with a few options, and checks that:
//   - every record and problem lies inside the input, and every record
//     within the limit;
//   - reading a byte at a time through a buffer of 8 bytes gives the same
//     as reading at once: no line end, character or quote is cut;
//   - on the input encoding/csv reads the same way (no "\r", no UTF-16
//     or byte-order mark at the start), the records, their lines and the
//     records refused are encoding/csv's.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n\"c\nd\",e\r\nf\rg", "x,\"y\"z\n\"open\n", "\xff\xfea\x00,\x00b\x00\n\x00", "名前,\"九\"\"時\"\n\n,\n",
		"a,\"b\nc\"d,e\nx\n", "1,\"aaaaaaaaaaaaaaaa\nbbb\"\"\ncc\",x\n2\n", "a\"b,c\nd",
	} {
		f.Add([]byte(s), uint8(8))
	}
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		for _, o := range []Options{{MultiLine: true, MaxBytes: 1 + int(limit)}, {MaxBytes: 1 + int(limit)}, {MultiLine: true}} {
			whole := readCSV(t, bytes.NewReader(data), o, bufSize)
			if small := readCSV(t, iotest.OneByteReader(bytes.NewReader(data)), o, 8); !slices.Equal(whole, small) {
				t.Fatalf("%q %+v: read whole %q, a byte at a time %q", data, o, whole, small)
			}
			checkInside(t, data, o)
		}
		// encoding/csv's domain: lines end with "\n" alone, and nothing
		// at the start is taken for UTF-16.
		data = append([]byte("h\n"), bytes.ReplaceAll(data, []byte("\r"), []byte("r"))...)
		if got, want := plainCSV(t, data), stdCSV(t, data); !slices.Equal(got, want) {
			t.Fatalf("%q:\n got %q\nwant %q", data, got, want)
		}
	})
}

// checkInside reads data and checks each record and problem against it.
func checkInside(t *testing.T, data []byte, o Options) {
	utf16 := len(data) >= 2 && (data[0] == 0 || data[1] == 0 || bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")))
	lines := regexp.MustCompile("\r\n|\r|\n").Split(string(data), -1)
	inside := func(line, col int) bool {
		return utf16 || line >= 1 && line <= len(lines) && col >= 0 && col <= utf8.RuneCountInString(lines[line-1])+1
	}
	eachCSV(t, NewCSV(bytes.NewReader(data), o), func(rec *Record) {
		if len(rec.Text()) > o.maxBytes() {
			t.Fatalf("%q: record %q over the limit of %d", data, rec.Text(), o.maxBytes())
		}
		for i := range rec.Fields {
			if line, col := rec.Pos(rec.Offset(i)); !inside(line, col) {
				t.Fatalf("%q: field %d of %q at %d:%d", data, i, rec.Text(), line, col)
			}
		}
	}, func(p *Problem) {
		if p.Start > p.Line || p.Line > p.End || !inside(p.Line, p.Column) || p.Msg == "" {
			t.Fatalf("%q: problem %+v", data, p)
		}
	})
}

// plainCSV reads data as stdCSV writes it.
func plainCSV(t *testing.T, data []byte) []string {
	var out []string
	eachCSV(t, NewCSV(bytes.NewReader(data), Options{MultiLine: true, MaxBytes: 1 << 20}), func(rec *Record) {
		out = append(out, strconv.Itoa(rec.Line)+": "+strings.Join(rec.Fields, "|"))
	}, func(p *Problem) {
		out = append(out, "error "+strconv.Itoa(p.Start))
	})
	return out
}

// stdCSV reads data with encoding/csv: "line: fields" for a record,
// "error line" for an error, at the line of the record.
func stdCSV(t *testing.T, data []byte) []string {
	var out []string
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			out = append(out, "error "+strconv.Itoa(pe.StartLine))
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := r.FieldPos(0)
		out = append(out, strconv.Itoa(line)+": "+strings.Join(rec, "|"))
	}
}

// FuzzJSONL reads any input as JSON Lines and checks that reading a byte
// at a time gives the same as reading at once, that every problem and
// member lies inside its line, and that a line read as an object is what
// encoding/json reads as one.
func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		"{\"a\": 1, \"b\": [\"}\"]}\n\n  {\"c\":\"\\u00e9\"}\r{\"d\": {}}", "[1]\n{\"a\":1,}\n{\"硡", "\ufeff{\"k\xff\": \"v\xfe\"}\r\n",
	} {
		f.Add([]byte(s), uint8(16))
	}
	f.Fuzz(func(t *testing.T, data []byte, limit uint8) {
		o := Options{MaxBytes: 1 + int(limit)}
		whole := readJSONL(t, bytes.NewReader(data), o)
		if small := readJSONL(t, iotest.OneByteReader(bytes.NewReader(data)), o); !slices.Equal(whole, small) {
			t.Fatalf("%q: read whole %q, a byte at a time %q", data, whole, small)
		}
		j := NewJSONL(bytes.NewReader(data), Options{})
		for {
			line, err := j.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			err = line.Object(func(m Member) {
				n++
				if m.KeyOff < 0 || m.ValueOff <= m.KeyOff || m.ValueOff+len(m.Value) > len(line.Text) || line.Text[m.ValueOff:m.ValueOff+len(m.Value)] != m.Value ||
					!json.Valid([]byte(m.Value)) || !utf8.ValidString(m.Key) {
					t.Fatalf("%q: member %+v", line.Text, m)
				}
			})
			var obj map[string]json.RawMessage
			std := json.Unmarshal([]byte(line.Text), &obj)
			var p *Problem
			switch {
			case err == nil && std != nil, err != nil && std == nil && strings.TrimSpace(line.Text)[0] == '{':
				t.Fatalf("%q: read as an object: %v; by encoding/json: %v", line.Text, err, std)
			case errors.As(err, &p) && (p.Line != line.Number || p.Column < 1 || p.Column > utf8.RuneCountInString(line.Text)+1):
				t.Fatalf("%q: problem %+v", line.Text, p)
			case err == nil && n < len(obj):
				t.Fatalf("%q: %d members, encoding/json %d", line.Text, n, len(obj))
			}
		}
	})
}
