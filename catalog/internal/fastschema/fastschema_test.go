package fastschema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/internal/fastschema"
)

func compile(t testing.TB, schema string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	require.NoError(t, c.AddResource("mem:s.json", strings.NewReader(schema)))
	s, err := c.Compile("mem:s.json")
	require.NoError(t, err)
	return s
}

const objectSchema = `{
  "type": "object",
  "required": ["name"],
  "additionalProperties": false,
  "properties": {
    "name": {"type": "string", "minLength": 1, "pattern": "^[a-z]+$"},
    "tier": {"enum": ["gold", "silver"]},
    "size": {"type": "integer", "minimum": 1, "maximum": 10},
    "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
    "when": {"type": "string", "format": "date"},
    "ref":  {"$ref": "#/$defs/ref"}
  },
  "$defs": {"ref": {"oneOf": [{"type": "string"}, {"type": "object", "required": ["kind"]}]}}
}`

// TestValidAgreesWithJSONSchema: on values that exercise each keyword,
// Valid answers as jsonschema/v5 does.
func TestValidAgreesWithJSONSchema(t *testing.T) {
	s := compile(t, objectSchema)
	v, err := fastschema.Compile(s)
	require.NoError(t, err)
	for _, value := range []any{
		map[string]any{"name": "a"},
		map[string]any{"name": "a", "tier": "gold", "size": int64(3), "tags": []any{"x", "y"}, "when": "2026-12-02", "ref": "r"},
		map[string]any{"name": "a", "ref": map[string]any{"kind": "k"}},
		map[string]any{"name": "a", "size": 3.0},
		map[string]any{},
		map[string]any{"name": ""},
		map[string]any{"name": "A"},
		map[string]any{"name": "a", "other": 1},
		map[string]any{"name": "a", "tier": "bronze"},
		map[string]any{"name": "a", "size": int64(11)},
		map[string]any{"name": "a", "size": 2.5},
		map[string]any{"name": "a", "tags": []any{"x", "x"}},
		map[string]any{"name": "a", "when": "2026-13-40"},
		map[string]any{"name": "a", "ref": map[string]any{}},
		"not an object",
		nil,
	} {
		want := s.Validate(value) == nil
		assert.Equal(t, want, v.Valid(value), "%#v", value)
	}
}

// TestCompileRefusesWhatItCannotDecide: a schema with a keyword this
// package does not decide exactly is refused, so that jsonschema alone
// validates against it (a user's schema, such as a parameter sheet's).
func TestCompileRefusesWhatItCannotDecide(t *testing.T) {
	for _, schema := range []string{
		`{"type": "number", "multipleOf": 0.5}`,
		`{"type": "object", "unevaluatedProperties": false}`,
		`{"type": "number", "minimum": 0.5}`,
		`{"const": 1}`,
	} {
		_, err := fastschema.Compile(compile(t, schema))
		assert.Error(t, err, schema)
	}
}

func ExampleCompile() {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	_ = c.AddResource("mem:role.json", strings.NewReader(`{"type": "object", "required": ["tier"],
		"properties": {"tier": {"enum": ["certified", "trainee"]}}}`))
	s, _ := c.Compile("mem:role.json")
	v, err := fastschema.Compile(s)
	if err != nil {
		fmt.Println(err) // jsonschema alone would decide
		return
	}
	fmt.Println(v.Valid(map[string]any{"tier": "certified"}))
	fmt.Println(v.Valid(map[string]any{"tier": "chief"}))
	// Output:
	// true
	// false
}
