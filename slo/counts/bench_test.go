package counts_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/counts"
)

const benchRows = 1_000_000

// countsFile is a CSV file of n rows of counts, one every 2.592 seconds
// over 30 days, with a label column: the shape of a metrics export.
func countsFile(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString("timestamp,good,total,region\n")
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * 2592 * time.Millisecond).Format(time.RFC3339Nano)
		total := 100 + i%50
		fmt.Fprintf(&buf, "%s,%d,%d,%s\n", at, total-i%3, total, [...]string{"eu", "us"}[i%2])
	}
	return buf.Bytes()
}

// BenchmarkEvaluateCounts1M reads a million rows of counts, collects them
// and evaluates a 99.9% objective over 30 days with the workbook's four
// tiers, as slo eval -counts does. In the same iteration, encoding/csv
// reads the same bytes without interpreting a field: x-bare-csv is the
// whole evaluation's time over that floor's, cpu-x-bare-csv the same in
// CPU time, steadier on a busy machine.
func BenchmarkEvaluateCounts1M(b *testing.B) {
	data := countsFile(benchRows)
	o := slo.Objective{Name: "api", Target: slo.MustParseTarget("99.9%"), Window: slo.MustParseWindow("30d")}
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
		c, err := counts.Collect(counts.ReadCSV(bytes.NewReader(data), "counts.csv", counts.Options{}), "counts.csv", 100)
		if err != nil {
			b.Fatal(err)
		}
		ev, err := o.CountsEvaluation(c.Counts, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		bare, full = bare+t1.Sub(t0), full+time.Since(t1)
		bareCPU, fullCPU = bareCPU+c1-c0, fullCPU+cpuTime()-c1
		if records != benchRows+1 || len(c.Counts) != benchRows || ev.Total == 0 {
			b.Fatalf("%d records, %d counts, %d total", records, len(c.Counts), ev.Total)
		}
	}
	b.ReportMetric(float64(full)/float64(bare), "x-bare-csv")
	b.ReportMetric(float64(fullCPU)/float64(bareCPU), "cpu-x-bare-csv")
	b.ReportMetric(float64(full.Nanoseconds())/float64(b.N*benchRows), "ns/row")
}

// BenchmarkSeriesCounts1M computes the series (days, weeks, burn rates
// every hour, exact firings) of a million counts already read: the
// price of -series on top of BenchmarkEvaluateCounts1M.
func BenchmarkSeriesCounts1M(b *testing.B) {
	c, err := counts.Collect(counts.ReadCSV(bytes.NewReader(countsFile(benchRows)), "counts.csv", counts.Options{}), "counts.csv", 100)
	if err != nil {
		b.Fatal(err)
	}
	o := slo.Objective{Name: "api", Target: slo.MustParseTarget("99.9%"), Window: slo.MustParseWindow("30d")}
	b.ReportAllocs()
	for b.Loop() {
		s, err := o.Series(c.Counts, time.Time{})
		if err != nil || len(s.Days) == 0 {
			b.Fatal(err)
		}
	}
}
