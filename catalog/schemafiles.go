package catalog

import (
	"io/fs"
	"strings"
)

// SchemaFiles returns every JSON Schema file the loader validates documents
// with, keyed by its path under https://opsdesign.dev/schemas/, the base of
// every $id: "v1/service.json", "v1/envelope.json", "openslo/v1/slo.json".
// The bytes are the embedded files; the map is new on each call.
func SchemaFiles() map[string][]byte {
	out := map[string][]byte{}
	add := func(fsys fs.FS, dir, prefix string) {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err == nil {
				out[prefix+strings.TrimPrefix(p, dir+"/")] = b
			}
			return err
		})
	}
	add(schemaFiles, "schemas", "v1/")
	add(openSLOSchemaFiles, "schemas/openslo", "openslo/")
	return out
}
