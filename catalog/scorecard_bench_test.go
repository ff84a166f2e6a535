package catalog_test

import (
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/gen"
)

// BenchmarkScorecard1k scores a generated design of 1,000 services on a
// scorecard with every kind of check. Its baseline, measured in the same
// run, is linting the same design, which a scorecard run needs first:
// compare Scorecard1k/evaluate with Scorecard1k/lint-baseline.
func BenchmarkScorecard1k(b *testing.B) {
	d := catalog.Parse(catalog.Source{Name: "big.yaml", Data: gen.Design(1000)},
		catalog.Source{Name: "sc.yaml", Data: []byte(everyCheck)})
	sc := d.Scorecard("all")
	if sc == nil || len(d.Services) != 1000 {
		b.Fatal("the generated design did not load")
	}
	findings := rules.Lint(d)
	b.Run("lint-baseline", func(b *testing.B) {
		for b.Loop() {
			rules.Lint(d)
		}
	})
	b.Run("evaluate", func(b *testing.B) {
		for b.Loop() {
			if len(sc.Evaluate(d, findings)) != 1000 {
				b.Fatal("not every service was scored")
			}
		}
	})
}
