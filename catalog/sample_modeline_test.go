package catalog_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

// Every file of the sample names, on its first line, the umbrella schema
// of docs/schemas (what `opsdesign schema -o docs/schemas` writes) by a
// path relative to the file, which an editor resolves offline; the
// umbrella selects each document's schema by its apiVersion and kind, so
// a file may mix kinds. (catalog/editorschemas tests that the umbrella
// accepts every document of the sample.) The sample's copy in the CLI,
// examples/opsdesign/sample, is one directory deeper: its modelines are
// right only in testdata/sample, the copy people edit.
func TestSampleModelines(t *testing.T) {
	const modeline = "# yaml-language-server: $schema="
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	design, err := catalog.Load(sampleDir)
	require.NoError(t, err)
	for _, f := range files {
		fh, err := os.Open(f)
		require.NoError(t, err)
		first, _ := bufio.NewReader(fh).ReadString('\n')
		fh.Close()
		rel, ok := strings.CutPrefix(strings.TrimSpace(first), modeline)
		if !assert.True(t, ok, "%s: the first line is not a modeline: %q", f, first) {
			continue
		}
		assert.Equal(t, "../../docs/schemas/v1/opsdesign.json", rel, f)
		_, err = os.Stat(filepath.Join(filepath.Dir(f), filepath.FromSlash(rel)))
		assert.NoError(t, err, "%s: the modeline's schema is not there", f)
		n := 0
		for _, doc := range design.Documents {
			if doc.File == f {
				n++
			}
		}
		assert.NotZero(t, n, f)
	}
}
