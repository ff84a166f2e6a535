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

// Every file of the sample names, on its first line, the published schema
// of the one kind of document it holds, so that an editor checks each
// document against its own kind. The sample is copied into the CLI
// (examples/opsdesign/sample), one directory deeper, so a modeline names
// the schema by URL: a relative path would be right in only one copy.
func TestSampleModelines(t *testing.T) {
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
		url, ok := strings.CutPrefix(strings.TrimSpace(first), "# yaml-language-server: $schema=https://opsdesign.dev/schemas/v1/")
		if !assert.True(t, ok, "%s: the first line is not a modeline naming a published schema: %q", f, first) {
			continue
		}
		n := 0
		for _, doc := range design.Documents {
			if doc.File == f {
				n++
				assert.Equal(t, strings.ToLower(doc.Kind)+".json", url, "%s holds a %s, but its modeline names %s", f, doc.Kind, url)
			}
		}
		assert.NotZero(t, n, f)
	}
}
