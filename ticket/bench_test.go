package ticket_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/gen"
	"github.com/opsdesign/opsdesign/ticket"
)

// alertsFile writes n generated alerts (native CSV) to a file once per
// test binary and size.
var alertFiles sync.Map // n → path

func alertsFile(b *testing.B, n int) string {
	b.Helper()
	if p, ok := alertFiles.Load(n); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp("", "opsdesign-tickets-")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "alerts.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	// About 1,400 alerts a day: an MSP watching 10,000 servers.
	if err := gen.MSPAlerts(w, n, 1400, time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("JST", 9*3600)), 1); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	alertFiles.Store(n, path)
	return path
}

func TestMain(m *testing.M) {
	code := m.Run()
	alertFiles.Range(func(_, p any) bool {
		os.RemoveAll(filepath.Dir(p.(string)))
		return true
	})
	os.Exit(code)
}

// bareCSV reads every record of the file with encoding/csv and nothing
// else: the baseline.
func bareCSV(b *testing.B, path string) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	n := 0
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// memPeak samples the heap while tickets stream by; live is the heap
// still reachable once every ticket has gone by (after a collection):
// what the review keeps.
type memPeak struct {
	every, n   int
	peak, live uint64
	measure    bool // measure live at the end (outside the timed runs)
}

func (m *memPeak) Add(*ticket.Ticket, ticket.Class) {
	m.n++
	if m.n%m.every == 0 {
		m.sample()
	}
}

func (m *memPeak) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.peak = max(m.peak, ms.HeapInuse)
}

// pipeline streams the file through classification and the SLO review
// of the sample design's objectives.
func pipeline(b *testing.B, path string, d *catalog.Design, cl *ticket.Classifier, mem *memPeak) *ticket.ReviewReport {
	r, err := ticket.NewReview(ticket.ReviewConfig{Design: d, Objectives: ticket.DesignObjectives(d)})
	if err != nil {
		b.Fatal(err)
	}
	sinks := []ticket.Sink{r}
	if mem != nil {
		sinks = append(sinks, mem)
	}
	diags, err := ticket.Process(ticket.ReadFile(path, ticket.NativeMapping(nil)), cl, sinks...)
	if err != nil || len(diags) > 0 {
		b.Fatalf("%v %v", err, diags)
	}
	if mem != nil && mem.measure {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mem.live = ms.HeapAlloc
	}
	return r.Report()
}

// BenchmarkStream1M is the benchmark: a million alerts from CSV
// through classification and SLO evaluation, against bare encoding/csv
// reading of the same file in the same run. It reports the ratio
// (x-bare-csv, and cpu-x-bare-csv for the CPU time of all goroutines),
// the peak heap in use while streaming (peak-MB, garbage and the loaded
// design included) and the heap the stream leaves reachable at its end
// (live-MB): the review's state, one entry per miss (misses).
func BenchmarkStream1M(b *testing.B) { benchStream(b, 1_000_000) }

// BenchmarkStream100k is the same on 100,000 alerts, quick enough for
// routine runs.
func BenchmarkStream100k(b *testing.B) { benchStream(b, 100_000) }

func benchStream(b *testing.B, n int) {
	path := alertsFile(b, n)
	d, err := catalog.Load("../testdata/sample")
	if err != nil {
		b.Fatal(err)
	}
	cl := ticket.NewClassifier(d)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	runtime.GC()
	var bare, full, bareCPU, fullCPU time.Duration
	mem := &memPeak{every: 50_000}
	b.ResetTimer()
	for range b.N {
		t0, c0 := time.Now(), cpuTime()
		if got := bareCSV(b, path); got != n+1 {
			b.Fatalf("%d records", got)
		}
		t1, c1 := time.Now(), cpuTime()
		rep := pipeline(b, path, d, cl, mem)
		bare, full = bare+t1.Sub(t0), full+time.Since(t1)
		bareCPU, fullCPU = bareCPU+c1-c0, fullCPU+cpuTime()-c1
		if rep.Tickets != n {
			b.Fatalf("%d tickets reviewed", rep.Tickets)
		}
	}
	b.StopTimer()
	mem.sample()
	// The heap the stream leaves behind, over what the loaded design and
	// the classifier hold already (the catalog's compiled schemas, some
	// 35 MB, are not the tickets').
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mem.measure = true
	rep := pipeline(b, path, d, cl, mem)
	b.ReportMetric(float64(int64(mem.live)-int64(ms.HeapAlloc))/(1<<20), "live-MB")
	b.ReportMetric(float64(len(rep.Misses)), "misses")
	b.ReportMetric(float64(full)/float64(bare), "x-bare-csv")
	b.ReportMetric(float64(fullCPU)/float64(bareCPU), "cpu-x-bare-csv")
	b.ReportMetric(float64(bare.Nanoseconds())/float64(b.N*n), "bare-ns/ticket")
	b.ReportMetric(float64(full.Nanoseconds())/float64(b.N*n), "ns/ticket")
	b.ReportMetric(float64(mem.peak)/(1<<20), "peak-MB")
}

var sink any

func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	if err := gen.MSPAlerts(&buf, 10_000, 1400, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 1); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for range b.N {
		for t, err := range ticket.ReadCSV(bytes.NewReader(buf.Bytes()), "b.csv", ticket.NativeMapping(nil)) {
			if err != nil {
				b.Fatal(err)
			}
			sink = t.ID
		}
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	var buf bytes.Buffer
	if err := gen.Inquiries(&buf); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for range b.N {
		for t, err := range ticket.ReadJSONL(bytes.NewReader(buf.Bytes()), "b.jsonl", ticket.NativeMapping(nil)) {
			if err != nil {
				b.Fatal(err)
			}
			sink = t.ID
		}
	}
}

func loadTickets(b *testing.B, file string) []ticket.Ticket {
	var out []ticket.Ticket
	for t, err := range ticket.ReadFile(file, ticket.NativeMapping(nil)) {
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, t)
	}
	return out
}

func BenchmarkClassify(b *testing.B) {
	d, err := catalog.Load("../testdata/sample")
	if err != nil {
		b.Fatal(err)
	}
	cl := ticket.NewClassifier(d)
	tickets := loadTickets(b, inquiriesFile) // with parameter sheets to check
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		c, _ := cl.Classify(&tickets[i%len(tickets)])
		sink = c.Service
	}
}

func BenchmarkReviewAdd(b *testing.B) {
	b.Run("inquiries", func(b *testing.B) { benchReviewAdd(b, inquiriesFile) }) // business days on a holiday calendar
	b.Run("alerts", func(b *testing.B) { benchReviewAdd(b, mspMonthFile) })     // elapsed time, around the clock
}

func benchReviewAdd(b *testing.B, file string) {
	d, err := catalog.Load("../testdata/sample")
	if err != nil {
		b.Fatal(err)
	}
	cl := ticket.NewClassifier(d)
	tickets := loadTickets(b, file)
	classes := make([]ticket.Class, len(tickets))
	for i := range tickets {
		classes[i], _ = cl.Classify(&tickets[i])
	}
	r, err := ticket.NewReview(ticket.ReviewConfig{Design: d, Objectives: ticket.DesignObjectives(d), Now: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r.Add(&tickets[i%len(tickets)], classes[i%len(tickets)])
	}
}

func BenchmarkStaleAdd(b *testing.B) {
	d, err := catalog.Load("../testdata/sample")
	if err != nil {
		b.Fatal(err)
	}
	policies, err := ticket.StalePolicies(d)
	if err != nil {
		b.Fatal(err)
	}
	cl := ticket.NewClassifier(d)
	tickets := loadTickets(b, inquiriesFile)
	classes := make([]ticket.Class, len(tickets))
	for i := range tickets {
		classes[i], _ = cl.Classify(&tickets[i])
	}
	st := ticket.NewStale(ticket.StaleConfig{Policies: policies, DryRun: true, Now: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		st.Add(&tickets[i%len(tickets)], classes[i%len(tickets)])
	}
}

func BenchmarkInventoryAdd(b *testing.B) {
	d, err := catalog.Load("../testdata/sample")
	if err != nil {
		b.Fatal(err)
	}
	cl := ticket.NewClassifier(d)
	tickets := loadTickets(b, inquiriesFile)
	classes := make([]ticket.Class, len(tickets))
	for i := range tickets {
		classes[i], _ = cl.Classify(&tickets[i])
	}
	inv := ticket.NewInventory(ticket.InventoryConfig{Design: d})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		inv.Add(&tickets[i%len(tickets)], classes[i%len(tickets)])
	}
}

func BenchmarkTerms(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		sink = ticket.Terms("購入したのにポイントが反映されない [app v2]")
	}
}
