package catalog

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// builtinSchemas returns every built-in kind's compiled schema, opsdesign's
// and OpenSLO's, with the apiVersion of its documents.
func builtinSchemas(t testing.TB) map[string]struct {
	api string
	ks  *kindSchema
} {
	out := map[string]struct {
		api string
		ks  *kindSchema
	}{}
	native, err := nativeSchemas()
	if err != nil {
		t.Fatal(err)
	}
	oslo, err := openSLOSchemas()
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]*schemaDir{APIVersion: native}
	maps.Copy(dirs, oslo)
	for api, dir := range dirs {
		for _, kind := range dir.Kinds() {
			ks, err := dir.Schema(kind)
			if err != nil {
				t.Fatal(err)
			}
			out[api+" "+kind] = struct {
				api string
				ks  *kindSchema
			}{api, ks}
		}
	}
	return out
}

// TestFastSchemaCoversBuiltins: every built-in schema has the fast check,
// so that no valid document pays for jsonschema's validation.
func TestFastSchemaCoversBuiltins(t *testing.T) {
	for name, s := range builtinSchemas(t) {
		if s.ks.Fast == nil {
			t.Errorf("%s: fastschema refuses the schema", name)
		}
	}
}

// FuzzValidMatchesJSONSchema holds fastschema's answer equal to
// jsonschema/v5's, the validator of record, on every built-in schema. The
// fuzzed YAML is read as the loader reads it; each document is checked
// against every kind's schema as it is, and again with its kind and
// apiVersion set to that kind's, so that the fuzzer reaches into spec.
func FuzzValidMatchesJSONSchema(f *testing.F) {
	for _, root := range []string{"../testdata/sample", "../testdata/openslo", "rules/testdata", "testdata/schema"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".json")) {
				if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
					f.Add(b)
				}
			}
			return nil
		})
	}
	schemas := builtinSchemas(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := yamlx.Parse(data, yamlx.Options{Limits: yamlx.Limits{MaxDocuments: 8, MaxAliasExpansion: 1000}})
		for _, doc := range docs {
			for name, s := range schemas {
				sameAnswer(t, name, s.ks, doc.Value)
				if m, ok := doc.Value.(map[string]any); ok {
					m = maps.Clone(m)
					m["apiVersion"], m["kind"] = s.api, name[strings.IndexByte(name, ' ')+1:]
					sameAnswer(t, name, s.ks, m)
				}
			}
		}
	})
}

func sameAnswer(t *testing.T, name string, ks *kindSchema, v any) {
	t.Helper()
	if ks.Fast == nil {
		return
	}
	fast := ks.Fast.Valid(v)
	js, err := ks.JS()
	if err != nil {
		t.Fatal(err)
	}
	err = js.Validate(v)
	if fast != (err == nil) {
		t.Fatalf("%s: fastschema says valid=%v, jsonschema/v5 says %v, for %#v", name, fast, err, v)
	}
}
