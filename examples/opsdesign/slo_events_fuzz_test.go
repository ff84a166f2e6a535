package main

import (
	"bytes"
	"testing"
)

// FuzzReadEvents feeds arbitrary bytes to the events reader as CSV and as
// JSON Lines: it must not panic, every problem has a line and a column,
// and every event read has a time.
func FuzzReadEvents(f *testing.F) {
	f.Add([]byte("timestamp,good\n2026-11-01T00:00:00Z,true\n2026-11-01T00:01:00Z,bad\n"))
	f.Add([]byte("ts,latency_ms\n1761955200,120\n1761955260.5,1500\n"))
	f.Add([]byte("2026-11-01 00:00:00,250ms\n2026-11-01 00:00:01,\"1.2s\"\n"))
	f.Add([]byte("{\"ts\": \"2026-11-01T00:00:00Z\", \"good\": true}\n{\"time\": 1761955200, \"latency\": 12.5}\n{\"at\": \"x\"}\n"))
	f.Add([]byte("\ufefftimestamp,status,latency\n2026-11-01T00:00:00Z,ok,120ms\n\"unclosed,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"csv", "jsonl"} {
			ef, err := readEvents(bytes.NewReader(data), format)
			if ef == nil {
				if err == nil {
					t.Fatalf("%s: no result and no error", format)
				}
				continue
			}
			for _, p := range ef.problems {
				if p.line < 1 || p.column < 1 || p.msg == "" {
					t.Fatalf("%s: malformed problem %+v", format, p)
				}
			}
			for _, e := range ef.events {
				if e.At.IsZero() || e.Latency < 0 {
					t.Fatalf("%s: malformed event %+v", format, e)
				}
			}
		}
	})
}
