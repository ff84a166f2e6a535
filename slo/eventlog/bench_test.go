package eventlog_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/slo/eventlog"
)

const benchEvents = 1_000_000

// requestLog is a request log of n lines, 28 days at a steady rate, as
// CSV (timestamp, latency in ms) or as JSON Lines with the same values.
func requestLog(n int, jsonl bool) []byte {
	var buf bytes.Buffer
	if !jsonl {
		buf.WriteString("timestamp,latency_ms\n")
	}
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * 2592 * time.Millisecond).Format(time.RFC3339Nano)
		if jsonl {
			fmt.Fprintf(&buf, "{\"ts\": %q, \"latency_ms\": %d}\n", at, 50+i%900)
		} else {
			fmt.Fprintf(&buf, "%s,%d\n", at, 50+i%900)
		}
	}
	return buf.Bytes()
}

// BenchmarkRead1M reads a CSV request log of a million events. In the
// same iteration, encoding/csv reads the same bytes without interpreting
// a field; x-bare-csv is the reader's time over that baseline's, and
// cpu-x-bare-csv the same in CPU time, steadier on a busy machine.
func BenchmarkRead1M(b *testing.B) {
	data := requestLog(benchEvents, false)
	b.SetBytes(int64(len(data)))
	var bare, full, bareCPU, fullCPU time.Duration
	for b.Loop() {
		t0, c0 := time.Now(), cpuTime()
		r := csv.NewReader(bytes.NewReader(data))
		r.ReuseRecord = true
		records := 0
		for {
			if _, err := r.Read(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
			records++
		}
		t1, c1 := time.Now(), cpuTime()
		events := drainBench(b, eventlog.ReadCSV(bytes.NewReader(data), "requests.csv", eventlog.Options{}))
		bare, full = bare+t1.Sub(t0), full+time.Since(t1)
		bareCPU, fullCPU = bareCPU+c1-c0, fullCPU+cpuTime()-c1
		if records != benchEvents+1 || events != benchEvents {
			b.Fatalf("%d records, %d events", records, events)
		}
	}
	b.ReportMetric(float64(full)/float64(bare), "x-bare-csv")
	b.ReportMetric(float64(fullCPU)/float64(bareCPU), "cpu-x-bare-csv")
	b.ReportMetric(float64(full.Nanoseconds())/float64(b.N*benchEvents), "ns/event")
}

// BenchmarkReadJSONL1M reads the same log as JSON Lines. Its baseline, in
// the same iteration, is the least any JSON reader does: split the lines
// and check each with json.Valid (x-json-valid, and cpu-x-json-valid in
// CPU time).
func BenchmarkReadJSONL1M(b *testing.B) {
	data := requestLog(benchEvents, true)
	b.SetBytes(int64(len(data)))
	var bare, full, bareCPU, fullCPU time.Duration
	for b.Loop() {
		t0, c0 := time.Now(), cpuTime()
		sc := bufio.NewScanner(bytes.NewReader(data))
		valid := 0
		for sc.Scan() {
			if json.Valid(sc.Bytes()) {
				valid++
			}
		}
		t1, c1 := time.Now(), cpuTime()
		events := drainBench(b, eventlog.ReadJSONL(bytes.NewReader(data), "requests.jsonl", eventlog.Options{}))
		bare, full = bare+t1.Sub(t0), full+time.Since(t1)
		bareCPU, fullCPU = bareCPU+c1-c0, fullCPU+cpuTime()-c1
		if valid != benchEvents || events != benchEvents {
			b.Fatalf("%d valid lines, %d events", valid, events)
		}
	}
	b.ReportMetric(float64(full)/float64(bare), "x-json-valid")
	b.ReportMetric(float64(fullCPU)/float64(bareCPU), "cpu-x-json-valid")
	b.ReportMetric(float64(full.Nanoseconds())/float64(b.N*benchEvents), "ns/event")
}

func drainBench(b *testing.B, seq func(func(eventlog.Record, error) bool)) int {
	n := 0
	for rec, err := range seq {
		if err != nil {
			b.Fatal(err)
		}
		if rec.HasLatency {
			n++
		}
	}
	return n
}
