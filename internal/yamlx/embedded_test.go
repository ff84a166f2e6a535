package yamlx_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// A document written in a literal block is placed in the file: each node
// at its own line and column, and so is a syntax error inside it; a quoted
// value places everything at the value.
func TestParseEmbedded(t *testing.T) {
	src := "outer:\n  carried: |\n    kind: Calendar\n    spec:\n      timeZone: Asia/Tokyo\n  quoted: \"kind: Calendar\\nspec: {x: 1}\\n\"\n  broken: |\n    spec: [a, b\n"
	docs, findings := yamlx.Parse([]byte(src), yamlx.Options{})
	require.Empty(t, findings)
	root := docs[0].Root

	_, carried, ok := yamlx.Locate(root, "/outer/carried")
	require.True(t, ok)
	inner, findings := yamlx.ParseEmbedded([]byte(src), carried, yamlx.Options{})
	require.Empty(t, findings)
	require.Len(t, inner, 1)
	assert.Equal(t, []int{3, 5}, []int{inner[0].Line, inner[0].Column}, "the document starts where its first key is")
	key, value, ok := yamlx.Locate(inner[0].Root, "/spec/timeZone")
	require.True(t, ok)
	assert.Equal(t, []int{5, 7}, []int{key.Line, key.Column})
	assert.Equal(t, []int{5, 17}, []int{value.Line, value.Column})

	_, quoted, ok := yamlx.Locate(root, "/outer/quoted")
	require.True(t, ok)
	inner, _ = yamlx.ParseEmbedded([]byte(src), quoted, yamlx.Options{})
	require.Len(t, inner, 1)
	_, value, ok = yamlx.Locate(inner[0].Root, "/spec/x")
	require.True(t, ok)
	assert.Equal(t, []int{quoted.Line, quoted.Column}, []int{value.Line, value.Column})

	_, broken, ok := yamlx.Locate(root, "/outer/broken")
	require.True(t, ok)
	_, findings = yamlx.ParseEmbedded([]byte(src), broken, yamlx.Options{})
	require.Len(t, findings, 1)
	assert.Equal(t, yamlx.RuleSyntax, findings[0].Rule)
	assert.Equal(t, 8, findings[0].Line, "the line after the indicator, where the list never closes")
}
