package editorschemas

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

// docsSchemas is the repository's written-out copy, which the sample's
// modelines name.
const docsSchemas = "../../docs/schemas"

// Every kind the loader knows, every OpenSLO schema and the configuration
// are written, none with an $id (so $refs resolve beside the file), and the
// umbrella selects each kind's file.
func TestFiles(t *testing.T) {
	files, err := Files()
	require.NoError(t, err)
	for _, kind := range catalog.Kinds() {
		assert.Contains(t, files, "v1/"+strings.ToLower(kind)+".json", kind)
	}
	for name := range catalog.SchemaFiles() {
		assert.Contains(t, files, name)
	}
	for _, name := range []string{"v1/config.json", "v1/baseline.json", "v1/envelope.json", Umbrella} {
		assert.Contains(t, files, name)
	}
	var umbrella map[string]any
	require.NoError(t, json.Unmarshal(files[Umbrella], &umbrella))
	refs := map[string]bool{}
	for _, clause := range umbrella["allOf"].([]any) {
		then, _ := clause.(map[string]any)["then"].(map[string]any)
		if ref, ok := then["$ref"].(string); ok {
			refs[ref] = true
		}
	}
	for name, b := range files {
		var v map[string]any
		require.NoError(t, json.Unmarshal(b, &v), name)
		assert.NotContains(t, v, "$id", name)
		props, _ := v["properties"].(map[string]any)
		kind, _ := props["kind"].(map[string]any)
		if _, ok := kind["const"]; ok && name != Umbrella {
			rel, err := relPath("v1", name)
			require.NoError(t, err)
			assert.True(t, refs[rel], "the umbrella does not select %s", name)
		}
	}
	assert.Len(t, refs, len(catalog.Kinds())+16+1, "opsdesign's kinds, OpenSLO's 7+2+7 and Backstage's entity schema")
	assert.True(t, refs["../backstage/entity.json"], "the umbrella does not select Backstage entities")
}

// docs/schemas is what `opsdesign schema -o docs/schemas` writes; -update
// rewrites it.
func TestDocsSchemasUpToDate(t *testing.T) {
	files, err := Files()
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.RemoveAll(docsSchemas))
		require.NoError(t, Write(docsSchemas))
	}
	var onDisk []string
	require.NoError(t, filepath.WalkDir(docsSchemas, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(docsSchemas, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return err
	}))
	var want []string
	for name := range files {
		want = append(want, name)
	}
	slices.Sort(want)
	assert.Equal(t, want, onDisk, "run go test ./catalog/editorschemas -update")
	for _, name := range want {
		b, err := os.ReadFile(filepath.Join(docsSchemas, filepath.FromSlash(name)))
		if assert.NoError(t, err) {
			assert.Equal(t, string(files[name]), string(b), "%s is out of date: run go test ./catalog/editorschemas -update", name)
		}
	}
}
