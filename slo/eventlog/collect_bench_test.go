package eventlog_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// BenchmarkCollect1M collects a CSV request log of a million events into
// memory, as slo eval does. Its baseline, in the same iteration, streams
// the same log without keeping it; x-stream is Collect's time over the
// baseline's (cpu-x-stream in CPU time): the price of holding the events.
func BenchmarkCollect1M(b *testing.B) {
	data := requestLog(benchEvents, false)
	b.SetBytes(int64(len(data)))
	var stream, collect, streamCPU, collectCPU time.Duration
	for b.Loop() {
		t0, c0 := time.Now(), cpuTime()
		streamed := drainBench(b, eventlog.ReadCSV(bytes.NewReader(data), "requests.csv", eventlog.Options{}))
		t1, c1 := time.Now(), cpuTime()
		c, err := eventlog.Collect(eventlog.ReadCSV(bytes.NewReader(data), "requests.csv", eventlog.Options{}), 100)
		if err != nil {
			b.Fatal(err)
		}
		stream, collect = stream+t1.Sub(t0), collect+time.Since(t1)
		streamCPU, collectCPU = streamCPU+c1-c0, collectCPU+cpuTime()-c1
		if streamed != benchEvents || len(c.Events) != benchEvents {
			b.Fatalf("%d streamed, %d collected", streamed, len(c.Events))
		}
	}
	b.ReportMetric(float64(collect)/float64(stream), "x-stream")
	b.ReportMetric(float64(collectCPU)/float64(streamCPU), "cpu-x-stream")
}
