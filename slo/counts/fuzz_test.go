package counts_test

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo/counts"
)

type reader func(io.Reader, string, counts.Options) iter.Seq2[counts.Record, error]

// FuzzRead feeds the same bytes to the three readers, with and without a
// -where condition. None may panic; every problem is a diagnostic of a
// documented rule, positioned inside the input (line 0 only for what
// concerns the whole file); every row yielded has a time and counts with
// 0 <= good <= total, finite.
func FuzzRead(f *testing.F) {
	f.Add([]byte("timestamp,good,total,region\n2026-11-01T09:00:00Z,120,130,eu\n2026-11-01T09:01:00Z,x,1,us\n"))
	f.Add([]byte("ts,errors,count\n1761955200,1,10\n1761955260.5,20,10\n\"open\n"))
	f.Add([]byte("{\"ts\": \"2026-11-01T00:00:00Z\", \"good\": 1, \"total\": 2, \"labels\": {\"region\": \"eu\"}}\n{\"ts\": 1, \"bad\": true}\n"))
	f.Add([]byte(matrix))
	f.Add([]byte(`[{"metric":{"series":"total"},"values":[[1,"2"],[2,"+Inf"],[3]]},{"metric":{"series":"bad"},"values":[[1,"1"],["x","1"]]}]`))
	f.Add([]byte(`{"status":"error","error":"x","data":{"result":[{"metric":{"series":"good"},"values":{}}]}}`))
	rules := map[string]bool{}
	for _, r := range counts.Rules() {
		rules[r.ID] = true
	}
	lineEnd := regexp.MustCompile("\r\n|\r|\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := len(lineEnd.Split(string(data), -1))
		utf16 := len(data) >= 2 && (data[0] == 0 || data[1] == 0 || bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")))
		for _, read := range []reader{counts.ReadCSV, counts.ReadJSONL, counts.ReadPrometheus} {
			for _, opts := range []counts.Options{{}, {MaxRowBytes: 64, Where: []counts.Match{{Label: "region", Value: "eu"}}}} {
				for rec, err := range read(bytes.NewReader(data), "f", opts) {
					if err != nil {
						var d diag.Diagnostic
						if !errors.As(err, &d) {
							t.Fatalf("not a diagnostic: %v", err)
						}
						if !rules[d.Rule] || d.Message == "" || d.Pos.File != "f" || d.Pos.Line < 0 || d.Pos.Column < 0 ||
							!utf16 && d.Pos.Line > lines {
							t.Fatalf("malformed diagnostic %#v (%d lines)", d, lines)
						}
						if d.Path != "" && d.Path[0] != '/' {
							t.Fatalf("path %q is not a JSON pointer", d.Path)
						}
						continue
					}
					if rec.Excluded {
						continue
					}
					if rec.At.IsZero() || !(rec.Good >= 0 && rec.Good <= rec.Total) || rec.Total > 1e308 || !utf8.ValidString(rec.At.String()) {
						t.Fatalf("malformed row %+v", rec)
					}
				}
			}
		}
	})
}
