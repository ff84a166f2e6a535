package fastschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaDirs are catalog's built-in schema directories, read from the
// repository (the files catalog embeds).
var schemaDirs = []string{"../../schemas", "../../schemas/openslo/v1alpha", "../../schemas/openslo/v1", "../../schemas/openslo/v2alpha"}

// compileBoth compiles every schema file of a set both ways: from the JSON
// and through jsonschema/v5.
func compileBoth(t *testing.T, base string, files map[string][]byte) (fromJSON, fromJS map[string]*Validator) {
	t.Helper()
	docs := map[string]any{}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	for name, b := range files {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var doc any
		require.NoError(t, dec.Decode(&doc), name)
		docs[base+name] = doc
		require.NoError(t, c.AddResource(base+name, bytes.NewReader(b)))
	}
	jc := NewJSONCompiler(func(url string) (any, error) {
		if d, ok := docs[url]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("no %s", url)
	})
	fromJSON, fromJS = map[string]*Validator{}, map[string]*Validator{}
	for name := range files {
		js, err := c.Compile(base + name)
		require.NoError(t, err, name)
		v, err := Compile(js)
		require.NoError(t, err, name)
		fromJS[name] = v
		if v, err = jc.Compile(base + name); err == nil {
			fromJSON[name] = v
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	return fromJSON, fromJS
}

// TestJSONCompilerBuildsCompilesNodes: for every built-in schema,
// CompileJSON builds the same graph of nodes as Compile does from
// jsonschema's compiled schema, so FuzzValidMatchesJSONSchema (which runs
// the former against jsonschema) holds both.
func TestJSONCompilerBuildsCompilesNodes(t *testing.T) {
	for _, dir := range schemaDirs {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		files := map[string][]byte{}
		var base string
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			files[e.Name()] = b
			var head struct {
				ID string `json:"$id"`
			}
			require.NoError(t, json.Unmarshal(b, &head))
			base = strings.TrimSuffix(head.ID, e.Name())
		}
		require.NotEmpty(t, files, dir)
		fromJSON, fromJS := compileBoth(t, base, files)
		for name, want := range fromJS {
			got, ok := fromJSON[name]
			if !assert.True(t, ok, "%s/%s: not read from JSON", dir, name) {
				continue
			}
			if err := sameNode(got.root, want.root, map[[2]*node]bool{}, "#"); err != nil {
				t.Errorf("%s/%s: %v", dir, name, err)
			}
		}
	}
}

// sameNode compares two node graphs field by field: regular expressions by
// their text, formats by function.
func sameNode(a, b *node, seen map[[2]*node]bool, at string) error {
	if a == nil || b == nil {
		if a != b {
			return fmt.Errorf("%s: one node is nil", at)
		}
		return nil
	}
	if seen[[2]*node{a, b}] {
		return nil
	}
	seen[[2]*node{a, b}] = true
	same := func(what string, x, y any) error {
		if !reflect.DeepEqual(x, y) {
			return fmt.Errorf("%s: %s differ: %#v, %#v", at, what, x, y)
		}
		return nil
	}
	str := func(r matcher) string {
		if r == nil {
			return "<nil>"
		}
		return strings.TrimSuffix(strings.TrimPrefix(r.String(), "("), ")") // see compilePattern
	}
	fn := func(f func(any) bool) uintptr {
		if f == nil {
			return 0
		}
		return reflect.ValueOf(f).Pointer()
	}
	nonEmpty := func(s []string) []string {
		if len(s) == 0 {
			return nil
		}
		return s
	}
	for _, err := range []error{
		same("always", a.always, b.always), same("types", a.types, b.types),
		same("const", a.konst, b.konst), same("enum", a.enum, b.enum),
		same("format", fn(a.format), fn(b.format)),
		same("required", nonEmpty(a.required), nonEmpty(b.required)), same("additionalProperties false", a.addlFalse, b.addlFalse),
		same("property counts", [2]int{a.minProps, a.maxProps}, [2]int{b.minProps, b.maxProps}),
		same("dependentRequired", a.depRequired, b.depRequired),
		same("item counts", [4]int{a.minItems, a.maxItems, a.minCont, a.maxCont}, [4]int{b.minItems, b.maxItems, b.minCont, b.maxCont}),
		same("uniqueItems", a.unique, b.unique),
		same("lengths", [2]int{a.minLen, a.maxLen}, [2]int{b.minLen, b.maxLen}),
		same("pattern", str(a.pattern), fmt.Sprint(b.pattern)),
		same("bounds", []*bound{a.min, a.max, a.exMin, a.exMax}, []*bound{b.min, b.max, b.exMin, b.exMax}),
		same("properties", len(a.props), len(b.props)), same("patternProperties", len(a.patterns), len(b.patterns)),
		same("prefixItems", len(a.prefix), len(b.prefix)), same("allOf", len(a.allOf), len(b.allOf)),
		same("anyOf", len(a.anyOf), len(b.anyOf)), same("oneOf", len(a.oneOf), len(b.oneOf)),
	} {
		if err != nil {
			return err
		}
	}
	for k, an := range a.props {
		if err := sameNode(an, b.props[k], seen, at+"/properties/"+k); err != nil {
			return err
		}
	}
	for _, ap := range a.patterns {
		found := false
		for _, bp := range b.patterns {
			if str(ap.re) == bp.re.String() {
				found = true
				if err := sameNode(ap.n, bp.n, seen, at+"/patternProperties/"+ap.re.String()); err != nil {
					return err
				}
			}
		}
		if !found {
			return fmt.Errorf("%s: patternProperties %q only from JSON", at, str(ap.re))
		}
	}
	for _, x := range []struct {
		k    string
		a, b *node
	}{{"additionalProperties", a.addl, b.addl}, {"propertyNames", a.propNames, b.propNames}, {"items", a.items, b.items},
		{"contains", a.contains, b.contains}, {"$ref", a.ref, b.ref}, {"not", a.not, b.not},
		{"if", a.ifs, b.ifs}, {"then", a.then, b.then}, {"else", a.els, b.els}} {
		if err := sameNode(x.a, x.b, seen, at+"/"+x.k); err != nil {
			return err
		}
	}
	for _, x := range []struct {
		k    string
		a, b []*node
	}{{"prefixItems", a.prefix, b.prefix}, {"allOf", a.allOf, b.allOf}, {"anyOf", a.anyOf, b.anyOf}, {"oneOf", a.oneOf, b.oneOf}} {
		for i := range x.a {
			if err := sameNode(x.a[i], x.b[i], seen, fmt.Sprintf("%s/%s/%d", at, x.k, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// TestJSONCompilerRefuses: what it does not read goes to jsonschema.
func TestJSONCompilerRefuses(t *testing.T) {
	for _, schema := range []string{
		`{"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}`,
		`{"$id": "https://elsewhere.test/s.json"}`,
		`{"properties": {"a": {"$id": "x.json"}}}`,
		`{"$ref": "#anchor"}`,
		`{"$ref": "https://elsewhere.test/x.json"}`,
		`{"$ref": "missing.json"}`,
		`{"$ref": "#/$defs/missing"}`,
		`{"multipleOf": 2}`,
		`{"unevaluatedProperties": false}`,
		`{"dependentSchemas": {"a": {}}}`,
		`{"minimum": 1.5}`,
		`{"maxLength": 2.0}`,
		`{"enum": [1, 2]}`,
		`{"const": {"a": 1}}`,
		`{"type": "strings"}`,
		`{"pattern": "(?<=a)"}`,
		`{"x-unknown": true}`,
		`{"items": [{"type": "string"}]}`,
		`[]`,
	} {
		docs := map[string]any{}
		dec := json.NewDecoder(strings.NewReader(schema))
		dec.UseNumber()
		var doc any
		require.NoError(t, dec.Decode(&doc))
		docs["mem:/s.json"] = doc
		jc := NewJSONCompiler(func(url string) (any, error) {
			if d, ok := docs[url]; ok {
				return d, nil
			}
			return nil, fmt.Errorf("no %s", url)
		})
		_, err := jc.Compile("mem:/s.json")
		assert.Error(t, err, schema)
		assert.Empty(t, jc.done, "nothing of a refused schema is kept")
	}
}

// TestJSONCompilerAgrees: a schema with every keyword it reads, compiled
// both ways, builds the same nodes.
func TestJSONCompilerAgrees(t *testing.T) {
	shared := `{"$defs": {"name": {"type": "string", "minLength": 1, "maxLength": 63, "pattern": "^[a-z]+$"}}}`
	main := `{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.test/s/main.json",
	  "type": ["object", "null"], "title": "t", "description": "d", "$comment": "c",
	  "required": ["name"], "minProperties": 1, "maxProperties": 9, "additionalProperties": false,
	  "dependentRequired": {"a": ["b"]}, "propertyNames": {"minLength": 1},
	  "properties": {
	    "name": {"$ref": "shared.json#/$defs/name"},
	    "self": {"$ref": "#"},
	    "n": {"type": "integer", "minimum": -3, "maximum": 9, "exclusiveMinimum": -4, "exclusiveMaximum": 10},
	    "e": {"enum": ["a", null, true], "default": "a"},
	    "c": {"const": "x"},
	    "d": {"type": "string", "format": "date"},
	    "l": {"type": "array", "items": {"type": "string"}, "prefixItems": [{"const": "h"}], "minItems": 1, "maxItems": 3,
	          "uniqueItems": true, "contains": {"const": "h"}, "minContains": 1, "maxContains": 2},
	    "x": {"allOf": [{"type": "object"}], "anyOf": [true, false], "oneOf": [{"required": ["a"]}, {"required": ["b"]}],
	          "not": {"const": "z"}, "if": {"required": ["a"]}, "then": {"required": ["c"]}, "else": {"maxProperties": 1},
	          "additionalProperties": {"type": "boolean"}, "patternProperties": {"^p": {"type": "string"}}}
	  }}`
	fromJSON, fromJS := compileBoth(t, "https://example.test/s/", map[string][]byte{"shared.json": []byte(shared), "main.json": []byte(main)})
	require.Contains(t, fromJSON, "main.json")
	require.NoError(t, sameNode(fromJSON["main.json"].root, fromJS["main.json"].root, map[[2]*node]bool{}, "#"))
}
