package catalog_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

// The schemas editors use are the files in catalog/schemas: the library
// embeds those very files, every kind has one, each names itself by the
// URL the modeline uses, and compiled from the repository alone (as an
// editor compiles them) each accepts the documents of the sample design.
func TestPublishedSchemas(t *testing.T) {
	files, err := filepath.Glob("schemas/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)

	kinds := catalog.Kinds()
	require.NotEmpty(t, kinds)
	published := map[string]bool{}
	for _, kind := range kinds {
		embedded, ok := catalog.Schema(kind)
		require.True(t, ok, "kind %s has no schema", kind)
		name := filepath.Join("schemas", strings.ToLower(kind)+".json")
		onDisk, err := os.ReadFile(name)
		require.NoError(t, err, "kind %s is not published as %s", kind, name)
		assert.Equal(t, onDisk, embedded, "%s differs from what the library embeds", name)
		published[name] = true
	}
	for _, f := range files {
		if filepath.Base(f) != "envelope.json" {
			assert.True(t, published[f], "%s is in the repository but describes no kind the library knows", f)
		}
	}
	_, ok := catalog.Schema("envelope")
	assert.False(t, ok, "the envelope is not a kind")
	_, ok = catalog.Schema("NoSuchKind")
	assert.False(t, ok)

	// Compile from the repository files, resolving $refs between them by
	// their $id, and never from the network.
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("not fetched: %s", u) }
	ids := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var head struct {
			ID string `json:"$id"`
		}
		require.NoError(t, json.Unmarshal(data, &head), f)
		assert.Equal(t, "https://opsdesign.dev/schemas/v1/"+filepath.Base(f), head.ID, "%s names itself by its published URL", f)
		require.NoError(t, c.AddResource(head.ID, bytes.NewReader(data)), f)
		ids[f] = head.ID
	}
	compiled := map[string]*jsonschema.Schema{}
	for _, kind := range kinds {
		s, err := c.Compile(ids[filepath.Join("schemas", strings.ToLower(kind)+".json")])
		require.NoError(t, err, kind)
		compiled[kind] = s
	}

	design, err := catalog.Load(sampleDir)
	require.NoError(t, err)
	checked := map[string]int{}
	for _, doc := range design.Documents {
		s := compiled[doc.Kind]
		require.NotNil(t, s, "sample document of unknown kind %s", doc.Kind)
		assert.NoError(t, s.Validate(doc.Value), "%s %s", doc.File, doc.Ref())
		checked[doc.Kind]++
	}
	for _, kind := range []string{"Service", "Role", "Person", "Team"} {
		assert.Positive(t, checked[kind], "the sample has no %s to check its schema with", kind)
	}
}
