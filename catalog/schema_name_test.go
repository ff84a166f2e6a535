package catalog_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

// A name the schema's pattern refuses is explained, not answered with the
// pattern: it spells Unicode's letter classes out (thousands of
// characters, see catalog/editorschemas).
func TestBadNameMessageIsReadable(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "r.yaml", Data: []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: Ops Manager\nspec: {tier: certified}\n")})
	diags := d.Diagnostics().ByRule("schema/value")
	require.Len(t, diags, 1)
	assert.Equal(t, `r.yaml:4:9: error: "Ops Manager" is not a name: lower-case letters, letters of scripts without case, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters [schema/value]`, diags[0].String())
	assert.Equal(t, "/metadata/name", diags[0].Path)
}
