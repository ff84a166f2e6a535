package diff_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diff"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/gen"
)

// tenThousand is the generated design of 10,000 services and the same
// with one of them retired, each in files of 1,000 documents as
// opsdesign-gen writes them (a file must stay under the loader's 16 MiB).
func tenThousand(b *testing.B) (old, new []catalog.Source) {
	b.Helper()
	design := gen.Design(10_000)
	from := []byte("name: service-5000\n  title: サービス 5000\nspec:\n  state: active")
	changed := bytes.Replace(design, from, bytes.Replace(from, []byte("active"), []byte("retired"), 1), 1)
	if bytes.Equal(design, changed) {
		b.Fatal("the change was not made")
	}
	return split(design), split(changed)
}

func split(design []byte) []catalog.Source {
	docs := bytes.Split(design, []byte("\n---\n"))
	var out []catalog.Source
	for i := 0; i < len(docs); i += 1000 {
		chunk := bytes.Join(docs[i:min(i+1000, len(docs))], []byte("\n---\n"))
		out = append(out, catalog.Source{Name: fmt.Sprintf("design-%04d.yaml", i/1000), Data: chunk})
	}
	return out
}

// BenchmarkReview10k reviews a change of one service in a design of
// 10,000 (about 35 MB of YAML): both revisions loaded and linted, and
// compared. Each iteration also loads and lints one revision alone, the
// baseline: x-lint is the review's wall time over it, cpu-x-lint its CPU
// time (the target is about 2, as the review loads and lints two
// revisions).
func BenchmarkReview10k(b *testing.B) {
	old, new := tenThousand(b)
	now := func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }
	var lint, review, lintCPU, reviewCPU time.Duration
	for b.Loop() {
		start, cpu := time.Now(), cpuTime()
		rules.Lint(catalog.Parse(new...))
		lint += time.Since(start)
		lintCPU += cpuTime() - cpu

		start, cpu = time.Now(), cpuTime()
		rep := diff.Review(
			diff.Revision{Name: "old", Design: catalog.Parse(old...)},
			diff.Revision{Name: "new", Design: catalog.Parse(new...)},
			diff.Options{Now: now})
		review += time.Since(start)
		reviewCPU += cpuTime() - cpu
		if len(rep.Changes) != 1 {
			b.Fatalf("%d changes, want 1", len(rep.Changes))
		}
	}
	b.ReportMetric(review.Seconds()/float64(b.N), "review-s")
	b.ReportMetric(lint.Seconds()/float64(b.N), "lint-s")
	b.ReportMetric(float64(review)/float64(lint), "x-lint")
	b.ReportMetric(float64(reviewCPU)/float64(lintCPU), "cpu-x-lint")
}

// BenchmarkDesigns10k is the comparison alone, on two designs already
// loaded with their rosters built (linting builds them): what the review
// adds to loading and linting.
func BenchmarkDesigns10k(b *testing.B) {
	old, new := tenThousand(b)
	od := catalog.Parse(old...)
	nd := catalog.Parse(new...)
	od.Roster()
	nd.Roster()
	var cpu time.Duration
	for b.Loop() {
		c := cpuTime()
		if rep := diff.Designs(od, nd, diff.Options{}); len(rep.Changes) != 1 {
			b.Fatalf("%d changes, want 1", len(rep.Changes))
		}
		cpu += cpuTime() - c
	}
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
}
