package catalog_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/gen"
)

// BenchmarkLintOneService loads and lints a generated design of one
// service from a directory, as `opsdesign lint` does. A process pays for
// compiling schemas once more than this shows (they compile once per
// process, in the first iteration); the CLI's start-up is measured whole
// by internal/procbench (its "small" case).
func BenchmarkLintOneService(b *testing.B) {
	dir := b.TempDir()
	if err := gen.WriteDirectory(dir, gen.Design(1), 1_000); err != nil {
		b.Fatal(err)
	}
	linter := genLinter()
	for b.Loop() {
		d, err := catalog.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if diags := linter.Lint(d); len(diags) != 0 {
			b.Fatal(diags[0])
		}
	}
}

// BenchmarkBackstage1000Files loads and lints 1,000 small Backstage entity
// files of a directory, one entity each, as .ci/yardstick-backstage does
// whole-process against einride's backstage-go: per-file reading and
// parsing, not the size of the input, is what it measures.
func BenchmarkBackstage1000Files(b *testing.B) {
	dir := b.TempDir()
	for i := range 1_000 {
		var kind, spec string
		switch i % 4 {
		case 0:
			kind, spec = "Group", "  type: team\n  children: []\n"
		case 1:
			kind, spec = "System", "  owner: group:team-0\n"
		case 2:
			kind, spec = "Resource", "  type: database\n  owner: group:team-0\n  system: system-1\n"
		default:
			kind, spec = "Component", "  type: service\n  lifecycle: production\n  owner: group:default/team-0\n  system: system-1\n  dependsOn: [resource:entity-2]\n"
		}
		name := fmt.Sprintf("entity-%d", i)
		if kind == "Group" {
			name = fmt.Sprintf("team-%d", i)
		} else if kind == "System" {
			name = fmt.Sprintf("system-%d", i)
		}
		doc := fmt.Sprintf("apiVersion: backstage.io/v1alpha1\nkind: %s\nmetadata:\n  name: %s\n  description: Generated entity %d.\n  tags: [generated]\n  annotations:\n    github.com/project-slug: example/%s\nspec:\n%s",
			kind, name, i, name, spec)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.yaml", i)), []byte(doc), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	d, err := catalog.Load(dir)
	if err != nil || len(d.Documents) != 1_000 {
		b.Fatalf("loaded %d documents: %v", len(d.Documents), err)
	}
	if diags := rules.Lint(d); len(diags) != 0 {
		b.Fatalf("generated entities are not clean: %v", diags[0])
	}
	for b.Loop() {
		d, err := catalog.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if diags := rules.Lint(d); len(diags) != 0 {
			b.Fatal(diags[0])
		}
	}
}
