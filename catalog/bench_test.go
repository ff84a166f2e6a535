package catalog_test

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/gen"
)

// genLinter lints generated designs as of a fixed day, so the restore
// tests they record (in 2026) never age past the default limit.
func genLinter() *catalog.Linter {
	return &catalog.Linter{Rules: rules.All(), Now: func() time.Time { return time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC) }}
}

// BenchmarkLint10k loads and lints a generated design of 10,000 services
// with every built-in rule. Its baseline, measured in the same run, is a
// bare yaml.v3 decode of the same bytes into yaml.Nodes: compare
// Lint10k/opsdesign with Lint10k/yaml.v3-decode.
func BenchmarkLint10k(b *testing.B) {
	data := gen.Design(10_000)
	// One 25 MB file of 10,001 documents: above the default limits.
	loader := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 64 << 20, MaxDocuments: 20_000}}
	b.Run("yaml.v3-decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			decodeYAMLStream(b, data)
		}
	})
	b.Run("opsdesign", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			d := loader.Parse(catalog.Source{Name: "big.yaml", Data: data})
			if diags := genLinter().Lint(d); len(diags) != 0 {
				b.Fatalf("generated design is not clean: %v", diags[0])
			}
		}
		reportRetained(b, len(data), func() any { return loader.Parse(catalog.Source{Name: "big.yaml", Data: data}) })
	})
}

// reportRetained reports what a loaded design keeps reachable, per byte of
// its source ("retained/B"): the figure the package documentation states
// under Memory, guarded here beside the time. It is measured once, after
// the timed loop, from the live heap after a collection before and after
// load runs, with the result still held.
func reportRetained(b *testing.B, sourceBytes int, load func() any) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept := load()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kept)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(sourceBytes), "retained/B")
}

// decodeYAMLStream is the baseline of the load benchmarks: yaml.v3 decoding
// every document of the bytes into a yaml.Node, and nothing else.
func decodeYAMLStream(b *testing.B, data []byte) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return
			}
			b.Fatal(err)
		}
	}
}
