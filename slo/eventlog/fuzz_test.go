package eventlog_test

import (
	"bytes"
	"errors"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// FuzzRead feeds the same bytes to both readers, with the default line
// limit and a small one. Neither may panic; every problem is a diagnostic
// of a documented rule, on a line of the input, at a column inside it;
// every event has a time, and a latency only when the record gave one.
func FuzzRead(f *testing.F) {
	f.Add([]byte("timestamp,good\n2026-11-01T00:00:00Z,true\n2026-11-01T00:01:00Z,bad\n"))
	f.Add([]byte("ts,latency_ms\n1761955200,120\n1761955260.5,1500\n"))
	f.Add([]byte("2026-11-01 00:00:00,250ms\n2026-11-01 00:00:01,\"1.2s\"\n"))
	f.Add([]byte("{\"ts\": \"2026-11-01T00:00:00Z\", \"good\": true}\n{\"time\": 1761955200, \"latency\": 12.5}\n{\"at\": \"x\"}\n"))
	f.Add([]byte("\ufefftimestamp,status,latency\n2026-11-01T00:00:00Z,ok,120ms\n\"unclosed,1\n"))
	f.Add([]byte("{\"ts\": 1, \"time\": 2, \"ok\": null, \"latency_ms\": \"\\u0031\", \"x\": [{\"}\": \"]\"}]}\r\n  [1]\n{\"ts\": 1,}\n"))
	f.Add([]byte("名前,time,good\nサーバー,2026-13-01T00:00:00Z,\"go\"\"od\"x\n,,\n"))
	rules := map[string]bool{}
	for _, r := range eventlog.Rules() {
		rules[r.ID] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, utf16 := inputLines(data)
		for _, read := range []reader{eventlog.ReadCSV, eventlog.ReadJSONL} {
			for _, limit := range []int{0, 64} {
				records := 0
				for rec, err := range read(bytes.NewReader(data), "f", eventlog.Options{MaxRowBytes: limit}) {
					if err != nil {
						var d diag.Diagnostic
						if !errors.As(err, &d) {
							t.Fatalf("not a diagnostic: %v", err)
						}
						if !rules[d.Rule] || d.Message == "" || d.Severity < diag.Info || d.Severity > diag.Error {
							t.Fatalf("incomplete diagnostic %#v", d)
						}
						if d.Pos.File != "f" || d.Pos.Line < 1 || d.Pos.Line > len(lines) || d.Pos.Column < 0 ||
							!utf16 && d.Pos.Column > utf8.RuneCountInString(lines[d.Pos.Line-1])+1 {
							t.Fatalf("position %v outside the input (%d lines): %v", d.Pos, len(lines), d)
						}
						if d.Path != "" && d.Path[0] != '/' {
							t.Fatalf("path %q is not a JSON pointer", d.Path)
						}
						continue
					}
					records++
					if rec.At.IsZero() || rec.Latency < 0 || (!rec.HasLatency && rec.Latency != 0) || (!rec.HasGood && !rec.Good) ||
						(!rec.HasGood && !rec.HasLatency) {
						t.Fatalf("malformed record %+v", rec)
					}
				}
				if records > len(lines) {
					t.Fatalf("%d records from %d lines", records, len(lines))
				}
			}
		}
	})
}

// inputLines splits data into lines as the readers count them, ended by
// "\n", "\r\n" or a lone "\r". The readers decode a UTF-16 input (a
// byte-order mark, or a NUL among the first two bytes): its lines are
// not those of its bytes, so for it only their number is bounded, by its
// line-end bytes, and utf16 is true.
func inputLines(data []byte) (lines []string, utf16 bool) {
	utf16 = len(data) >= 2 && (data[0] == 0 || data[1] == 0 || bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")))
	if utf16 {
		return make([]string, bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte("\r"))+1), true
	}
	return regexp.MustCompile("\r\n|\r|\n").Split(string(data), -1), false
}
