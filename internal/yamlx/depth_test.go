package yamlx

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// TestScanDepthComments: in a flow collection libyaml takes '#' for a
// comment wherever a token may start, not only after a blank, so the
// brackets after it open nothing. The pre-scan is a lower bound of the
// depth: it must not count them (before, "{#[00\n}" read as depth 2 and
// FuzzParse failed on it).
func TestScanDepthComments(t *testing.T) {
	for _, tc := range []struct {
		src   string
		depth int
	}{
		{"{#[00\n}", 1},
		{"[a,#[[\n]", 1},
		{"[\"a\"#[[\n]", 1},
		{"[[a]#[[\n]", 2},
		{"[a #[[\n]", 1},
		{"{\"a\":#[[\n}", 1},
		{"[a#b, [c]]", 2}, // a '#' inside a plain scalar is text
	} {
		var doc yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte(tc.src), &doc), "%q", tc.src)
		got, crossed := scanDepth([]byte(tc.src), 100)
		assert.Equal(t, tc.depth, got, "%q", tc.src)
		assert.Equal(t, -1, crossed, "%q", tc.src)
		assert.Equal(t, tc.depth, rawHeight(doc.Content[0]), "%q: yaml.v3's tree", tc.src)
	}
}
