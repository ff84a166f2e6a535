package openslo_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/openslo"
)

// FuzzConvert feeds arbitrary bytes to the loader, seeded with OpenSLO
// documents of every version, then converts what loaded and exports its
// objectives to a version the input's length picks (so a run covers all
// three at a fraction of the cost; catalog's FuzzOpenSLO fuzzes loading
// and linting them). Nothing may panic; every finding names a rule and
// points into the file; what is written is YAML the loader reads back
// without a syntax error, a conversion's every document of the version
// asked for. Each input is costly: run it with -fuzzminimizetime=5s or so,
// or minimizing an input stalls the run for a minute.
func FuzzConvert(f *testing.F) {
	for _, glob := range []string{"testdata/*/*.yaml", "../../testdata/openslo/*/*.yaml", "../../testdata/openslo/*/*/*.yaml"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(deskDesign))
	f.Add([]byte(`[{"apiVersion": "openslo/v1alpha", "kind": "SLO", "metadata": {"name": "x"}, "spec": {"service": "s", "budgetingMethod": "Occurrences", "timeWindows": [{"unit": "Second", "count": 90, "isRolling": true}], "objectives": [{"value": 1, "target": 0.9, "ratioMetrics": {"good": {"source": "a", "queryType": "json", "query": "{\"q\": [1, 2.5]}"}, "total": {"source": "a", "queryType": "b", "query": "c"}}}]}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "f.yaml"
		d := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 64 << 10}}.Parse(catalog.Source{Name: name, Data: data})
		to := openslo.Versions()[len(data)%3]
		check := func(what string, diags catalog.Diagnostics) {
			for _, dg := range diags {
				if dg.Rule == "" || dg.Severity < catalog.Info || dg.Severity > catalog.Error {
					t.Fatalf("%s: malformed diagnostic %#v", what, dg)
				}
				if dg.Pos.File != name && dg.Pos.File != "" {
					t.Fatalf("%s: diagnostic points at %q, not %q: %v", what, dg.Pos.File, name, dg)
				}
			}
		}
		var out bytes.Buffer
		found, err := openslo.Convert(&out, d, to)
		if err != nil {
			t.Fatalf("convert to %s: %v", to, err)
		}
		check("convert", found)
		reread(t, out.Bytes(), to, false)
		out.Reset()
		found, err = openslo.Export(&out, d, to)
		if err != nil {
			t.Fatalf("export to %s: %v", to, err)
		}
		check("export", found)
		reread(t, out.Bytes(), to, true)
	})
}

// reread loads what was written: YAML without a syntax error, every
// document OpenSLO of the version (an export may also hold documents as
// they were written, of the version).
func reread(t *testing.T, out []byte, to openslo.Version, export bool) {
	t.Helper()
	back := catalog.Parse(catalog.Source{Name: "out.yaml", Data: out})
	for _, dg := range back.Diagnostics() {
		if strings.HasPrefix(dg.Rule, "yaml/") || strings.HasPrefix(dg.Rule, "json/") {
			t.Fatalf("what is written is not YAML the loader reads: %v\n%s", dg, out)
		}
	}
	for _, doc := range back.Documents {
		if doc.APIVersion != string(to) && !export {
			t.Fatalf("a %s document in a conversion to %s:\n%s", doc.APIVersion, to, out)
		}
	}
}
