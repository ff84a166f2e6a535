package editorschemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/backstage"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/internal/atomicfile"
)

// Umbrella is the path, within [Files], of the schema that selects each
// document's schema by apiVersion and kind.
const Umbrella = "v1/opsdesign.json"

// idLine matches the "$id" member of a schema file, on its own line as every
// schema of the project writes it.
var idLine = regexp.MustCompile(`(?m)^[ \t]*"\$id":[ \t]*"[^"]*",[ \t]*\r?\n`)

// Files returns every schema, keyed by its slash-separated path relative to
// the directory it is written to: the design kinds and their shared
// definitions under v1/ (v1/service.json, v1/envelope.json), the umbrella
// (v1/opsdesign.json), the configuration and baseline (v1/config.json,
// v1/baseline.json), OpenSLO's versions (openslo/v1/slo.json) and Backstage
// entities (backstage/entity.json). Each is the embedded file without its
// $id line; the map is new on each call.
func Files() (map[string][]byte, error) {
	src := catalog.SchemaFiles()
	src["v1/config.json"] = config.Schema()
	src["v1/baseline.json"] = config.BaselineSchema()
	src[backstageSchema] = backstage.Schema()
	out := make(map[string][]byte, len(src)+1)
	for name, b := range src {
		stripped := idLine.ReplaceAll(b, nil)
		if len(idLine.FindAll(b, -1)) != 1 || !json.Valid(stripped) {
			return nil, fmt.Errorf("editorschemas: %s: expected one \"$id\" line in valid JSON", name)
		}
		out[name] = stripped
	}
	umbrella, err := umbrellaSchema(src)
	if err != nil {
		return nil, err
	}
	out[Umbrella] = umbrella
	return out, nil
}

// Write writes [Files] under dir, creating its sub-directories, each file
// through internal/atomicfile so that a failure leaves an old file whole.
// A file already there is replaced; nothing else in dir is touched.
func Write(dir string) error {
	files, err := Files()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	var errs []error
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := atomicfile.WriteFile(target, files[name], atomicfile.Options{}); err != nil {
			errs = append(errs, fmt.Errorf("editorschemas: %w", err))
		}
	}
	return errors.Join(errs...)
}

// backstageSchema is the path, within [Files], of the Backstage entity
// schema, which selects a kind's spec itself.
const backstageSchema = "backstage/entity.json"

// selector is one apiVersion and kind and the file of its schema.
type selector struct{ apiVersion, kind, file string }

// umbrellaSchema builds v1/opsdesign.json from the kind schemas: the
// apiVersion and kind constants of each file select it.
func umbrellaSchema(files map[string][]byte) ([]byte, error) {
	var sels []selector
	for name, b := range files {
		var head struct {
			Properties struct {
				APIVersion struct{ Const string } `json:"apiVersion"`
				Kind       struct{ Const string } `json:"kind"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			return nil, fmt.Errorf("editorschemas: %s: %w", name, err)
		}
		if head.Properties.APIVersion.Const != "" && head.Properties.Kind.Const != "" {
			sels = append(sels, selector{head.Properties.APIVersion.Const, head.Properties.Kind.Const, name})
		}
	}
	slices.SortFunc(sels, func(a, b selector) int {
		return strings.Compare(a.apiVersion+"\x00"+a.kind, b.apiVersion+"\x00"+b.kind)
	})
	type object = map[string]any
	is := func(apiVersion string, kind ...string) object {
		props := object{"apiVersion": object{"const": apiVersion}}
		req := []string{"apiVersion"}
		if len(kind) == 1 {
			props["kind"] = object{"const": kind[0]}
			req = append(req, "kind")
		}
		return object{"type": "object", "properties": props, "required": req}
	}
	var all []any
	kinds := map[string][]string{}
	var versions []string
	for _, s := range sels {
		rel, err := relPath(path.Dir(Umbrella), s.file)
		if err != nil {
			return nil, err
		}
		all = append(all, object{"if": is(s.apiVersion, s.kind), "then": object{"$ref": rel}})
		if kinds[s.apiVersion] == nil {
			versions = append(versions, s.apiVersion)
		}
		kinds[s.apiVersion] = append(kinds[s.apiVersion], s.kind)
	}
	for _, v := range versions {
		all = append(all, object{"if": is(v), "then": object{
			"type":       "object",
			"properties": object{"kind": object{"enum": kinds[v], "description": "The kinds of " + v + "."}},
			"required":   []string{"kind"},
		}})
	}
	// A Backstage entity goes to the entity schema, which knows its kinds.
	rel, err := relPath(path.Dir(Umbrella), backstageSchema)
	if err != nil {
		return nil, err
	}
	all = append(all, object{
		"if":   object{"type": "object", "properties": object{"apiVersion": object{"enum": backstage.APIVersions()}}, "required": []string{"apiVersion"}},
		"then": object{"$ref": rel},
	})
	// A list of documents is checked item by item (typed apart from the
	// objects, as ajv's strict mode asks).
	all = append(all, object{"if": object{"type": "array"}, "then": object{"type": "array", "items": object{"type": "object", "$ref": "#"}}})
	umbrella := object{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"title":       "Any opsdesign, OpenSLO or Backstage document",
		"description": "Selects each document's schema by its apiVersion and kind, so that one modeline covers a file of several kinds. A list of documents (as OpenSLO's go-sdk writes them) is checked item by item; a Backstage entity is checked by the entity schema; a document of any other apiVersion is not checked here.",
		"type":        []string{"object", "array"},
		"allOf":       all,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(umbrella); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// relPath is the relative reference from directory dir to file, both
// slash-separated paths within the written directory.
func relPath(dir, file string) (string, error) {
	rel, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(file))
	return filepath.ToSlash(rel), err
}
