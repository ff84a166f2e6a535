package rules_test

import (
	"strings"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/gen"
)

// genDay is the day generated designs are linted at, so that the restore
// tests they record (in 2026) never age past the default limit.
func genDay() time.Time { return time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC) }

// BenchmarkOpsRules10k measures what the operations rules add to linting a
// loaded design of 10,000 services. Compare, in the same run, "all" (every
// built-in rule) with the baseline "without-ops" (ops/* and settings/*
// disabled); "ops-only" runs the operations rules alone.
func BenchmarkOpsRules10k(b *testing.B) {
	loader := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 64 << 20, MaxDocuments: 20_000}}
	d := loader.Parse(catalog.Source{Name: "big.yaml", Data: gen.Design(10_000)})
	var ops []catalog.Rule
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, "ops/") || strings.HasPrefix(r.ID, "settings/") {
			ops = append(ops, r)
		}
	}
	off := map[string]catalog.RuleConfig{"ops/*": {Disabled: true}, "settings/*": {Disabled: true}}
	for _, bc := range []struct {
		name   string
		linter *catalog.Linter
	}{
		{"without-ops", &catalog.Linter{Rules: rules.All(), Now: genDay, Config: catalog.Config{Rules: off}}},
		{"all", &catalog.Linter{Rules: rules.All(), Now: genDay}},
		{"ops-only", &catalog.Linter{Rules: ops, Now: genDay}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if diags := bc.linter.Lint(d); len(diags) != 0 {
					b.Fatalf("generated design is not clean: %v", diags[0])
				}
			}
		})
	}
}

// BenchmarkRule10k runs single rules that read every value of a loaded
// design of 10,000 services: the cost of their clean path.
func BenchmarkRule10k(b *testing.B) {
	loader := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 64 << 20, MaxDocuments: 20_000}}
	d := loader.Parse(catalog.Source{Name: "big.yaml", Data: gen.Design(10_000)})
	for _, r := range rules.All() {
		if r.ID != "design/placeholder" && r.ID != "text/hidden-character" {
			continue
		}
		linter := &catalog.Linter{Rules: []catalog.Rule{r}, Now: genDay}
		b.Run(r.ID, func(b *testing.B) {
			for b.Loop() {
				if diags := linter.Lint(d); len(diags) != 0 {
					b.Fatalf("generated design is not clean: %v", diags[0])
				}
			}
		})
	}
}
