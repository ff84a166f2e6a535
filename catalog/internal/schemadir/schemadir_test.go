package schemadir_test

import (
	"errors"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/internal/schemadir"
)

const base = "https://example.test/schemas/"

var files = fstest.MapFS{
	"s/shared.json": {Data: []byte(`{"$defs": {"name": {"type": "string", "minLength": 1}}}`)},
	"s/role.json": {Data: []byte(`{"type": "object", "required": ["kind", "name"], "additionalProperties": false,
		"properties": {"kind": {"const": "Role"}, "name": {"$ref": "shared.json#/$defs/name"}}}`)},
	"s/other.json": {Data: []byte(`{"type": "object", "properties": {"size": {"type": "integer"}}}`)},
}

func TestDir(t *testing.T) {
	d, err := schemadir.New(files, "s", base, "shared.json")
	require.NoError(t, err)
	// A kind is its "kind" const, or else its file name.
	assert.Equal(t, []string{"Role", "other"}, d.Kinds())
	assert.True(t, d.Has("Role"))
	assert.False(t, d.Has("shared"))
	var none *schemadir.Dir
	assert.False(t, none.Has("Role"))

	k, err := d.Schema("Nope")
	assert.NoError(t, err)
	assert.Nil(t, k)

	k, err = d.Schema("Role")
	require.NoError(t, err)
	again, _ := d.Schema("Role")
	assert.Same(t, k, again, "compiled once")
	require.NotNil(t, k.Fast)
	assert.True(t, k.Fast.Valid(map[string]any{"kind": "Role", "name": "r"}))
	assert.False(t, k.Fast.Valid(map[string]any{"kind": "Role", "name": ""}))
	js, err := k.JS()
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"kind", "name"}, schemadir.KeysAt(js, ""))
}

func TestBrokenSchema(t *testing.T) {
	bad := fstest.MapFS{"s/x.json": {Data: []byte(`{"type": `)}}
	_, err := schemadir.New(bad, "s", base, "shared.json")
	assert.ErrorContains(t, err, "catalog: schema s/x.json")

	unknownRef := fstest.MapFS{"s/x.json": {Data: []byte(`{"$ref": "missing.json"}`)}}
	d, err := schemadir.New(unknownRef, "s", base, "shared.json")
	require.NoError(t, err)
	_, err = d.Schema("x")
	assert.ErrorContains(t, err, "is not embedded")
}

func ExampleLeaves() {
	d, _ := schemadir.New(files, "s", base, "shared.json")
	k, _ := d.Schema("Role")
	var ve *jsonschema.ValidationError
	js, _ := k.JS()
	if errors.As(js.Validate(map[string]any{"kind": "Role", "name": "r", "extra": true}), &ve) {
		for _, leaf := range schemadir.Leaves(ve) {
			fmt.Printf("%q: %s\n", leaf.InstanceLocation, leaf.Message)
			fmt.Println(schemadir.QuotedNames(leaf.Message))
		}
	}
	// Output:
	// "": additionalProperties 'extra' not allowed
	// [extra]
}
