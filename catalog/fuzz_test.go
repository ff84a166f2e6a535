package catalog_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// FuzzLoad feeds arbitrary bytes to the loader as YAML and as JSON and lints
// the result: it must never panic, and every diagnostic must name a rule,
// carry a valid severity and point into the file it came from.
func FuzzLoad(f *testing.F) {
	for _, glob := range []string{"../testdata/sample/*.yaml", "testdata/*/*.yaml", "rules/testdata/*/*.yaml", "../testdata/corpus/openslo/calendar-document-*.yaml"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(lifecycleBase))
	f.Add([]byte(`{"apiVersion": "opsdesign/v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"state": "active", "owner": "x", "lifecycle": {"new": {"notApplicable": true}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.yaml", "f.json"} {
			d := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 1 << 20}}.Parse(catalog.Source{Name: name, Data: data})
			for _, dg := range rules.Lint(d) {
				if dg.Rule == "" || dg.Severity < catalog.Info || dg.Severity > catalog.Error {
					t.Fatalf("malformed diagnostic %#v", dg)
				}
				if dg.Pos.File != name && dg.Pos.File != "" {
					t.Fatalf("diagnostic points at %q, not %q: %v", dg.Pos.File, name, dg)
				}
				if dg.Pos.Line < 0 || dg.Pos.Column < 0 {
					t.Fatalf("negative position: %v", dg)
				}
			}
		}
	})
}
