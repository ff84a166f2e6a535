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

// The OpenSLO schemas sit one directory per version, each named by its
// published URL (https://opsdesign.dev/schemas/openslo/<version>/<file>),
// and compiled from the repository alone, as an editor compiles them,
// each accepts the valid fixtures of its version.
func TestPublishedOpenSLOSchemas(t *testing.T) {
	valid := map[string]string{"v1": opensloDir + "/valid", "v1alpha": opensloDir + "/v1alpha/valid", "v2alpha": opensloDir + "/v2alpha/valid"}
	for _, version := range catalog.OpenSLOAPIVersions() {
		dir := version[strings.LastIndexByte(version, '/')+1:]
		t.Run(dir, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join("schemas/openslo", dir, "*.json"))
			require.NoError(t, err)
			require.NotEmpty(t, files)
			c := jsonschema.NewCompiler()
			c.Draft = jsonschema.Draft2020
			c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("not fetched: %s", u) }
			byKind := map[string]string{}
			for _, f := range files {
				data, err := os.ReadFile(f)
				require.NoError(t, err)
				var head struct {
					ID         string `json:"$id"`
					Properties struct {
						Kind struct {
							Const string `json:"const"`
						} `json:"kind"`
					} `json:"properties"`
				}
				require.NoError(t, json.Unmarshal(data, &head), f)
				assert.Equal(t, "https://opsdesign.dev/schemas/openslo/"+dir+"/"+filepath.Base(f), head.ID, "%s names itself by its published URL", f)
				require.NoError(t, c.AddResource(head.ID, bytes.NewReader(data)), f)
				if k := head.Properties.Kind.Const; k != "" {
					byKind[k] = head.ID
				}
			}
			d, err := catalog.Load(valid[dir])
			require.NoError(t, err)
			checked := 0
			for _, doc := range d.Documents {
				require.Contains(t, byKind, doc.Kind)
				s, err := c.Compile(byKind[doc.Kind])
				require.NoError(t, err)
				assert.NoError(t, s.Validate(doc.Value), "%s %s", doc.File, doc.Ref())
				checked++
			}
			assert.Positive(t, checked)
		})
	}
}
