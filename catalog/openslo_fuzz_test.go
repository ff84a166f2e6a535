package catalog_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// FuzzOpenSLO feeds arbitrary bytes to the loader as YAML and as JSON,
// seeded with OpenSLO documents, objectives and calendars, then lints and
// exports what loaded. Nothing may panic; every diagnostic names a rule and
// points into the file; the export is YAML the loader reads back without a
// syntax error.
func FuzzOpenSLO(f *testing.F) {
	for _, glob := range []string{"../testdata/openslo/*/*.yaml", "../testdata/openslo/*/*.json", "rules/testdata/slo/*.yaml", "rules/testdata/openslo/*.yaml", "../testdata/sample/objectives.yaml"} {
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
			var out bytes.Buffer
			_ = d.ExportOpenSLO(&out)
			back := catalog.Parse(catalog.Source{Name: "export.yaml", Data: out.Bytes()})
			for _, dg := range back.Diagnostics() {
				if strings.HasPrefix(dg.Rule, "yaml/") {
					t.Fatalf("the export is not YAML the loader reads: %v\n%s", dg, out.String())
				}
			}
		}
	})
}
