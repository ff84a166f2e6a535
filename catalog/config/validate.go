package config

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/internal/suggest"
	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// The JSON Schemas of the configuration and baseline files, published as
// they are for editors and compiled once for validation.
//
//go:embed schemas/*.json
var schemaFiles embed.FS

const schemaBase = "https://opsdesign.dev/schemas/v1/"

// Schema returns the JSON Schema of the configuration file, as published.
// Point an editor at it with a modeline on the file's first line:
//
//	# yaml-language-server: $schema=https://opsdesign.dev/schemas/v1/config.json
func Schema() []byte { return mustRead("schemas/config.json") }

// BaselineSchema returns the JSON Schema of the baseline file.
func BaselineSchema() []byte { return mustRead("schemas/baseline.json") }

func mustRead(name string) []byte {
	b, err := schemaFiles.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	return b
}

// compiled holds the two schemas, compiled once; read-only after.
var compiled = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("config: schema %s is not embedded", s)
	}
	out := map[string]*jsonschema.Schema{}
	for _, name := range []string{"config.json", "baseline.json"} {
		if err := c.AddResource(schemaBase+name, bytes.NewReader(mustRead("schemas/"+name))); err != nil {
			return nil, err
		}
		s, err := c.Compile(schemaBase + name)
		if err != nil {
			return nil, err
		}
		out[name] = s
	}
	return out, nil
})

// reporter turns findings in one document of a file into diagnostics.
type reporter struct {
	file  string
	root  *yaml.Node
	diags catalog.Diagnostics
	// A reporter of one element of a larger document (an entry of a
	// baseline read alone): root is the element, pointers start with
	// prefix, and positions are moved to the element's, line and col.
	prefix    string
	line, col int
}

// shift moves a position in the element to the file.
func (r *reporter) shift(p catalog.Pos) catalog.Pos {
	if r.prefix == "" || p.Line == 0 {
		return p
	}
	if p.Line == 1 {
		p.Column += r.col - 1
	}
	p.Line += r.line - 1
	return p
}

// severity is the default severity of a rule of the registry; Error for
// an ID it does not hold.
func severity(rule string) catalog.Severity { return registry().Severity(rule) }

// registry indexes rules.Registry by ID; built once, read-only after.
var registry = sync.OnceValue(func() diag.Table { return diag.NewTable(rules.Registry()) })

// pos returns the position of the value at ptr (its key with keyPos), or of
// its deepest existing ancestor.
func (r *reporter) pos(ptr string, keyPos bool) catalog.Pos {
	key, val, ok := yamlx.Locate(r.root, strings.TrimPrefix(ptr, r.prefix))
	n := val
	if key != nil && (keyPos || !ok || val == nil || val.Kind != yaml.ScalarNode) {
		n = key
	}
	if n == nil {
		return catalog.Pos{File: r.file}
	}
	return r.shift(catalog.Pos{File: r.file, Line: n.Line, Column: n.Column})
}

func (r *reporter) report(rule, ptr string, keyPos bool, format string, args ...any) {
	r.diags = append(r.diags, catalog.Diagnostic{Rule: rule, Severity: severity(rule), Pos: r.pos(ptr, keyPos),
		Path: ptr, Message: fmt.Sprintf(format, args...)})
}

// parseDocument reads a one-document YAML or JSON file with positions and
// reports what is wrong with its syntax. It returns nil when there is no
// document to read.
func parseDocument(name string, data []byte, json bool, r *reporter) *yamlx.Document {
	docs, findings := yamlx.Parse(data, yamlx.Options{JSON: json, Single: true})
	for _, f := range findings {
		d := catalog.Diagnostic{Rule: f.Rule, Severity: severity(f.Rule), Pos: catalog.Pos{File: name, Line: f.Line, Column: f.Column},
			Path: f.Path, Message: f.Message}
		for _, rel := range f.Related {
			d.Related = append(d.Related, catalog.Related{Pos: catalog.Pos{File: name, Line: rel.Line, Column: rel.Column}, Message: rel.Message})
		}
		r.diags = append(r.diags, d)
	}
	if len(docs) == 0 {
		return nil
	}
	r.root = docs[0].Root
	return docs[0]
}

var quoted = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`) })

// validate checks a value against one of the package's schemas and
// reports each error at the key or value it concerns, under the same rule
// IDs as design documents.
func (r *reporter) validate(schema string, value any) {
	schemas, err := compiled()
	if err != nil {
		r.report("schema/value", "", false, "%v", err)
		return
	}
	r.validateWith(schemas[schema], schemas[schema], value, "")
}

// validateEntry checks one element of a baseline's findings, read alone,
// against the schema of an entry; ptr is its pointer in the file.
func (r *reporter) validateEntry(value any, ptr string) {
	root, entry, err := entrySchema()
	if err != nil {
		r.report("schema/value", ptr, false, "%v", err)
		return
	}
	r.validateWith(root, entry, value, ptr)
}

// validateWith checks value against s, the schema at prefix of root, and
// reports each error at its pointer in the document.
func (r *reporter) validateWith(root, s *jsonschema.Schema, value any, prefix string) {
	err := s.Validate(value)
	var ve *jsonschema.ValidationError
	if err == nil {
		return
	}
	if !errors.As(err, &ve) {
		r.report("schema/value", "", false, "%v", err)
		return
	}
	for _, leaf := range leaves(ve, nil) {
		// jsonschema escapes the pointer as a URL path ("*" is "%2A").
		at := leaf.InstanceLocation
		if u, err := url.PathUnescape(at); err == nil {
			at = u
		}
		at = prefix + at
		switch keyword := leaf.KeywordLocation[strings.LastIndexByte(leaf.KeywordLocation, '/')+1:]; keyword {
		case "required":
			for _, m := range quoted().FindAllStringSubmatch(leaf.Message, -1) {
				r.report("schema/required", at+"/"+yamlx.Pointer(m[1])[1:], false, "missing required key %q", m[1])
			}
		case "additionalProperties":
			for _, m := range quoted().FindAllStringSubmatch(leaf.Message, -1) {
				r.report("schema/unknown-key", at+"/"+yamlx.Pointer(m[1])[1:], true, "unknown key %q%s", m[1], hint(root, at, m[1]))
			}
		case "type":
			r.report("schema/type", at, false, "%s", leaf.Message)
		case "enum", "const":
			r.report("schema/enum", at, false, "%s", leaf.Message)
		default:
			if strings.Contains(leaf.KeywordLocation, "/propertyNames/") {
				key := at[strings.LastIndexByte(at, '/')+1:]
				key = jsonptr.Unescape(key)
				r.report("schema/value", at, true, "%q is not a rule ID or group: write group/kebab-case-name or group/*", key)
				continue
			}
			r.report("schema/value", at, false, "%s", leaf.Message)
		}
	}
}

// leaves flattens a validation error tree into the errors that say what is
// wrong.
func leaves(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(out, ve)
	}
	for _, c := range ve.Causes {
		out = leaves(c, out)
	}
	return out
}

// hint suggests the closest key the schema allows at ptr.
func hint(s *jsonschema.Schema, ptr, name string) string {
	sub := s
	if ptr != "" {
		for _, tok := range strings.Split(ptr[1:], "/") {
			for sub != nil && sub.Ref != nil {
				sub = sub.Ref
			}
			switch {
			case sub == nil:
			case sub.Properties[tok] != nil:
				sub = sub.Properties[tok]
			case sub.Items2020 != nil:
				sub = sub.Items2020
			default:
				sub = nil
			}
		}
	}
	for sub != nil && sub.Ref != nil {
		sub = sub.Ref
	}
	if sub == nil {
		return ""
	}
	keys := make([]string, 0, len(sub.Properties))
	for k := range sub.Properties {
		keys = append(keys, k)
	}
	return didYouMean(name, keys)
}

// didYouMean suggests the candidate nearest to name, as the catalog does.
func didYouMean(name string, candidates []string) string {
	if best := suggest.Closest(name, candidates); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}
