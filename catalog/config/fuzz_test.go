package config_test

import (
	"os"
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
)

// FuzzParse: any bytes give a File and positioned diagnostics, never a
// panic, and every setting kept is well-formed.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("testdata/valid.opsdesign.yaml"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{"", "rules: {ref/*: off}", "overrides: [{paths: ['**'], rules: {x/*: error}}]", "- a", "rules: [", "baseline: &a *a", "rules:\n  ? [a]\n  : off\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, diags := config.Parse("c.yaml", data)
		if file == nil {
			t.Fatal("nil file")
		}
		checkDiags(t, diags)
		for _, s := range file.Rules {
			if !strings.Contains(s.Rule, "/") || s.Pos.Line < 1 {
				t.Fatalf("bad setting %+v", s)
			}
		}
		for _, o := range file.Overrides {
			if len(o.Paths) == 0 {
				t.Fatalf("override without paths kept: %+v", o)
			}
		}
		_, more := file.Config(nil)
		checkDiags(t, more)
	})
}

// FuzzParseBaseline: any bytes give a Baseline whose entries have proper
// fingerprints, and filtering with it never panics.
func FuzzParseBaseline(f *testing.F) {
	f.Add([]byte(`{"version": 1, "findings": [{"fingerprint": "0123456789abcdef0123456789abcdef", "rule": "a/b", "file": "x", "message": "m", "count": 3}]}`))
	f.Add([]byte(`{"version": 1, "findings": []}`))
	f.Add([]byte(`{"version": 1, "findings": [{"count": -1}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, diags := config.ParseBaseline("b.json", data, "")
		checkDiags(t, diags)
		for _, e := range b.Entries {
			if len(e.Fingerprint) != 32 || e.Count < 1 {
				t.Fatalf("bad entry %+v", e)
			}
		}
		fresh, stale := b.Filter(catalog.Diagnostics{{Rule: "a/b", Pos: catalog.Pos{File: "x"}, Message: "m"}})
		if len(fresh)+len(stale) > 1+len(b.Entries) {
			t.Fatalf("filter made up findings: %v %v", fresh, stale)
		}
	})
}

func checkDiags(t *testing.T, diags catalog.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		if d.Rule == "" || d.Message == "" || d.Severity < catalog.Info || d.Severity > catalog.Error || d.Pos.Line < 0 || d.Pos.Column < 0 {
			t.Fatalf("malformed diagnostic %+v", d)
		}
	}
}
