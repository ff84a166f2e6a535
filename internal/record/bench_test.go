package record_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/internal/record"
)

// exportCSV is n rows of a ticket export: short values, a Japanese title
// and, every tenth row, a quoted note over two lines.
func exportCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,title,service,severity,created,note\n")
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.FixedZone("", 9*3600))
	for i := range n {
		note := "ok"
		if i%10 == 0 {
			note = "\"called back,\nno answer\""
		}
		fmt.Fprintf(&b, "T-%d,ポイントが反映されない %d,member-card,normal,%s,%s\n", i, i, start.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), note)
	}
	return b.Bytes()
}

// BenchmarkCSV reads 100,000 rows; bare-csv is encoding/csv reading the
// same bytes in the same iteration, x-bare-csv the reader's time over it.
func BenchmarkCSV(b *testing.B) {
	data := exportCSV(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var bare, full time.Duration
	for b.Loop() {
		t0 := time.Now()
		r := csv.NewReader(bytes.NewReader(data))
		r.ReuseRecord = true
		n := 0
		for {
			if _, err := r.Read(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
			n++
		}
		t1 := time.Now()
		c := record.NewCSV(bytes.NewReader(data), record.Options{MultiLine: true})
		m := 0
		for {
			if _, err := c.Read(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
			m++
		}
		bare, full = bare+t1.Sub(t0), full+time.Since(t1)
		if n != m {
			b.Fatalf("%d records, encoding/csv %d", m, n)
		}
	}
	b.ReportMetric(float64(full)/float64(bare), "x-bare-csv")
}

// BenchmarkJSONL reads 100,000 lines, each as an object.
func BenchmarkJSONL(b *testing.B) {
	var buf bytes.Buffer
	for i := range 100_000 {
		fmt.Fprintf(&buf, "{\"ts\": \"2026-11-01T00:%02d:%02dZ\", \"latency_ms\": %d, \"path\": \"/api/points\"}\n", i/60%60, i%60, i%900)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := record.NewJSONL(bytes.NewReader(data), record.Options{})
		for {
			line, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if err := line.Object(func(record.Member) {}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
