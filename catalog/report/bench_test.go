package report_test

import (
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
)

// BenchmarkWrite10k writes 10,000 findings over 100 files in each format,
// text with a source line under each. The same-run reference is
// encoding/json marshalling the findings: compare each Write10k/<format>
// with Write10k/json-marshal.
func BenchmarkWrite10k(b *testing.B) {
	files := map[string][]byte{}
	diags := make(catalog.Diagnostics, 10_000)
	for i := range diags {
		name := fmt.Sprintf("ops/team-%d/design.yaml", i%100)
		if files[name] == nil {
			var src []byte
			for l := range 120 {
				src = fmt.Appendf(src, "  key-%d: 会員カード value %d\n", l, l)
			}
			files[name] = src
		}
		diags[i] = catalog.Diagnostic{Rule: "lifecycle/open-decision", Severity: catalog.Severity(i%3 + 1),
			Pos: catalog.Pos{File: name, Line: i%100 + 1, Column: 12}, Path: fmt.Sprintf("/spec/subjects/%d", i),
			Message: fmt.Sprintf("data %d leaves suspend.deletion open", i)}
	}
	opts := report.Options{Source: func(name string) ([]byte, error) { return files[name], nil }}
	b.Run("json-marshal", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(diags); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, f := range report.Formats() {
		b.Run(string(f), func(b *testing.B) {
			for b.Loop() {
				if err := report.Write(io.Discard, f, diags, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
