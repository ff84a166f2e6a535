package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

// Every document of the sample names, on its first line, the umbrella
// schema of docs/schemas (what `opsdesign schema -o docs/schemas` writes)
// by a path relative to the file, which an editor resolves offline.
// yaml-language-server applies a modeline to the document it is written
// in, so each document after a "---" repeats it; the umbrella selects each
// document's schema by its apiVersion and kind, so a file may mix kinds.
// (catalog/editorschemas tests that the umbrella accepts every document
// of the sample; .ci/schemas/check that yaml-language-server does.) The
// sample's copy in the CLI, examples/opsdesign/sample, is one directory
// deeper: its modelines are right only in testdata/sample, the copy people
// edit.
func TestSampleModelines(t *testing.T) {
	const modeline = "# yaml-language-server: $schema=../../docs/schemas/v1/opsdesign.json"
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	design, err := catalog.Load(sampleDir)
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(sampleDir, "../../docs/schemas/v1/opsdesign.json"))
	require.NoError(t, err, "the modeline's schema is not there")
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		chunks := strings.Split(string(data), "\n---\n")
		for i, c := range chunks {
			first, _, _ := strings.Cut(c, "\n")
			assert.Equal(t, modeline, first, "%s: document %d does not start with the modeline", f, i)
		}
		n := 0
		for _, doc := range design.Documents {
			if doc.File == f {
				n++
			}
		}
		assert.Equal(t, len(chunks), n, "%s: a modeline per document", f)
	}
}
