package config_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
)

// manyFindings makes n findings spread over 100 files.
func manyFindings(n int) catalog.Diagnostics {
	diags := make(catalog.Diagnostics, n)
	for i := range diags {
		diags[i] = catalog.Diagnostic{Rule: "lifecycle/open-decision", Severity: catalog.Error,
			Pos:     catalog.Pos{File: fmt.Sprintf("ops/team-%d/design.yaml", i%100), Line: i, Column: 5},
			Path:    fmt.Sprintf("/spec/subjects/%d/lifecycle/suspend/deletion", i),
			Message: fmt.Sprintf("data %q of service %q leaves suspend.deletion open", fmt.Sprint("d", i), "shop")}
	}
	return diags
}

// BenchmarkBaselineFilter10k filters 10,000 findings, half of them in the
// baseline. Its same-run reference is encoding/json marshalling the same
// findings: compare BaselineFilter10k/filter with BaselineFilter10k/json-marshal.
func BenchmarkBaselineFilter10k(b *testing.B) {
	diags := manyFindings(10_000)
	base := config.NewBaseline(".", diags[:5_000])
	b.Run("json-marshal", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(diags); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("filter", func(b *testing.B) {
		for b.Loop() {
			if fresh, _ := base.Filter(diags); len(fresh) != 5_000 {
				b.Fatal(len(fresh))
			}
		}
	})
}
