package catalog_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// FuzzOpenSLO feeds arbitrary bytes to the loader as YAML and as JSON,
// seeded with OpenSLO documents of every version, objectives and
// calendars, then lints what loaded. Nothing may panic; every diagnostic
// names a rule and points into the file. (Package catalog/openslo's
// FuzzConvert exports and converts what loads.)
func FuzzOpenSLO(f *testing.F) {
	for _, glob := range []string{"../testdata/openslo/*/*.yaml", "../testdata/openslo/*/*.json", "../testdata/openslo/*/*/*.yaml", "rules/testdata/slo/*.yaml", "rules/testdata/openslo/*.yaml", "../testdata/sample/objectives.yaml"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(deskDesign))
	f.Add([]byte(`[{"apiVersion": "openslo/v1", "kind": "SLO", "metadata": {"name": "x"}, "spec": {"service": "s", "indicatorRef": "i", "budgetingMethod": "Timeslices", "timeWindow": [{"duration": "1M", "calendar": {"startTime": "2024-01-01 00:00:00", "timeZone": "UTC"}}], "objectives": [{"target": 0.9, "timeSliceTarget": 1, "timeSliceWindow": 5}]}}]`))
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
			}
			for _, o := range d.Objectives {
				o.Locate("alerts", 0)
				_ = o.Err()
			}
		}
	})
}
