package slack_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/internal/gen"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

var yearExport = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "opsdesign-slack-")
	if err != nil {
		return "", err
	}
	err = gen.SlackExport(func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}, 200_000, 1)
	return dir, err
})

// bareDecode decodes every JSON file of an export with encoding/json into
// generic values, as a script would: the floor of the review.
func bareDecode(dir string) (int, error) {
	n := 0
	fsys := os.DirFS(dir)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var v []map[string]any
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		n += len(v)
		return nil
	})
	return n, err
}

// BenchmarkReviewYear reviews a year of a busy desk (200,000 messages,
// internal/gen) against the testdata design, and in the same run decodes
// the same files with bare encoding/json: x-bare-json is the ratio of the
// review's wall time to the decode's, cpu-x-bare-json of their CPU time
// (all goroutines), which a shared machine disturbs less.
func BenchmarkReviewYear(b *testing.B) {
	dir, err := yearExport()
	if err != nil {
		b.Fatal(err)
	}
	d, c := setup(b)
	var bare, review, bareCPU, reviewCPU float64
	for b.Loop() {
		cpu0 := cpuTime()
		start := nowNano()
		if _, err := bareDecode(dir); err != nil {
			b.Fatal(err)
		}
		mid, cpu1 := nowNano(), cpuTime()
		seq, tally := slack.ReadFile(dir, c)
		rep, err := ticket.Measure(d, seq, ticket.MeasureOptions{Review: true})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Findings) > 0 || tally.Messages < 190_000 {
			b.Fatalf("%d findings (%v), %d messages", len(rep.Findings), rep.Findings, tally.Messages)
		}
		end, cpu2 := nowNano(), cpuTime()
		bare += float64(mid - start)
		review += float64(end - mid)
		bareCPU += float64(cpu1 - cpu0)
		reviewCPU += float64(cpu2 - cpu1)
	}
	b.ReportMetric(review/bare, "x-bare-json")
	b.ReportMetric(reviewCPU/bareCPU, "cpu-x-bare-json")
}

func nowNano() int64 { return time.Now().UnixNano() }

// BenchmarkReviewYearOnly is the review of BenchmarkReviewYear alone, to
// profile.
func BenchmarkReviewYearOnly(b *testing.B) {
	dir, err := yearExport()
	if err != nil {
		b.Fatal(err)
	}
	d, c := setup(b)
	for b.Loop() {
		seq, _ := slack.ReadFile(dir, c)
		if _, err := ticket.Measure(d, seq, ticket.MeasureOptions{Review: true}); err != nil {
			b.Fatal(err)
		}
	}
}
