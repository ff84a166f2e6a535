// Package schemadir compiles catalog's embedded JSON Schemas, a directory
// of them at a time, each kind's on first use, and reads jsonschema/v5's
// errors back. jsonschema/v5 is the validator of record; each compiled kind
// carries fastschema's allocation-free check of validity beside it (see
// package fastschema for how the two are held equal).
package schemadir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/opsdesign/opsdesign/catalog/internal/fastschema"
)

// Kind is the compiled schema of one kind: jsonschema/v5's, of
// record, and the allocation-free check of validity that spares running
// it on a valid document (nil when fastschema cannot decide the schema).
type Kind struct {
	JS   *jsonschema.Schema
	Fast *fastschema.Validator
}

// Dir is one directory of embedded schema files, one kind per file
// but for a file of shared definitions. The files are read and their $refs
// inlined (see inlineRefs) when the directory is first used; each kind's
// schema compiles on first use, once, with one compiler so that shared
// definitions (and their regular expressions) compile once too. Compiled
// schemas are read-only; jsonschema.Schema is safe for concurrent use.
type Dir struct {
	dir    string
	base   string
	byKind map[string]string // kind -> file name

	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*Kind
}

// New reads every schema file of dir (all but shared, which only
// holds definitions, describe a kind each). $refs to definitions are
// inlined: the published files keep them for readers, validation is
// faster without them.
func New(fsys fs.ReadDirFS, dir, base, shared string) (*Dir, error) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	docs := map[string]any{}
	var files []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("catalog: schema %s/%s: %w", dir, e.Name(), err)
		}
		docs[base+e.Name()] = doc
		if e.Name() != shared {
			files = append(files, e.Name())
		}
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	// Never fetch anything: every schema is embedded.
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("catalog: schema %s is not embedded", s)
	}
	d := &Dir{dir: dir, base: base, byKind: map[string]string{}, compiler: c, compiled: map[string]*Kind{}}
	inlined := map[string]any{}
	for url, doc := range docs {
		inlined[url] = inlineRefs(docs, url, doc, nil)
		b, err := json.Marshal(inlined[url])
		if err == nil {
			err = c.AddResource(url, bytes.NewReader(b))
		}
		if err != nil {
			return nil, fmt.Errorf("catalog: schema %s: %w", url, err)
		}
	}
	for _, name := range files {
		d.byKind[kindOfSchema(inlined[base+name], name)] = name
	}
	return d, nil
}

// Kinds returns the kinds of the directory, sorted.
func (d *Dir) Kinds() []string { return slices.Sorted(maps.Keys(d.byKind)) }

// Has reports whether the directory, which may be nil, describes kind.
func (d *Dir) Has(kind string) bool {
	if d == nil {
		return false
	}
	_, ok := d.byKind[kind]
	return ok
}

// Schema returns the compiled schema of kind, or nil for a kind without one.
func (d *Dir) Schema(kind string) (*Kind, error) {
	file, ok := d.byKind[kind]
	if !ok {
		return nil, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if ks := d.compiled[kind]; ks != nil {
		return ks, nil
	}
	js, err := d.compiler.Compile(d.base + file)
	if err != nil {
		return nil, fmt.Errorf("catalog: schema %s/%s: %w", d.dir, file, err)
	}
	ks := &Kind{JS: js}
	ks.Fast, _ = fastschema.Compile(js) // without it, jsonschema alone decides
	d.compiled[kind] = ks
	return ks, nil
}

// inlineRefs returns a copy of the schema value v (of the document at url)
// with every $ref to a definition replaced by a copy of the definition.
// jsonschema/v5 validates a $ref as a separate schema, with its own maps
// and scope, on every value it meets: inlining roughly halves validation
// time on service documents. Recursive references are left as they are.
func inlineRefs(docs map[string]any, url string, v any, expanding []string) any {
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["$ref"].(string); ok && onlyAnnotations(x) {
			target, turl, ok := resolveRef(docs, url, ref)
			if ok && !slices.Contains(expanding, turl+ref) && !hasPattern(target) {
				if t, ok := inlineRefs(docs, turl, target, append(expanding, turl+ref)).(map[string]any); ok {
					out := maps.Clone(t)
					for k, a := range x {
						if k != "$ref" {
							out[k] = a
						}
					}
					return out
				}
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = inlineRefs(docs, url, e, expanding)
		}
		if ref, ok := x["$ref"].(string); ok {
			// A $ref left in place may now stand in another document:
			// make it absolute.
			file, frag, _ := strings.Cut(ref, "#")
			if !strings.Contains(file, ":") {
				out["$ref"] = url[:strings.LastIndexByte(url, '/')+1] + file + "#" + frag
				if file == "" {
					out["$ref"] = url + "#" + frag
				}
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = inlineRefs(docs, url, e, expanding)
		}
		return out
	}
	return v
}

// hasPattern reports whether a schema value holds a "pattern" keyword. Such
// a definition stays a $ref: jsonschema compiles a regular expression per
// schema object, and the name pattern's Unicode classes cost about a
// megabyte each, so inlining it into every name field would keep tens of
// megabytes alive.
func hasPattern(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["pattern"].(string); ok {
			return true
		}
		for _, e := range x {
			if hasPattern(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasPattern(e) {
				return true
			}
		}
	}
	return false
}

// onlyAnnotations reports whether a $ref stands only beside keywords that
// do not change what it validates, so it can be replaced by its target.
func onlyAnnotations(m map[string]any) bool {
	for k := range m {
		switch k {
		case "$ref", "description", "title", "$comment", "examples", "default", "deprecated":
		default:
			return false
		}
	}
	return true
}

// resolveRef finds the target of a reference to a definition inside one of
// the documents: "#/$defs/x" or "other.json#/$defs/x". A target that is a
// whole document, or that declares its own $id, is not inlined.
func resolveRef(docs map[string]any, url, ref string) (any, string, bool) {
	file, frag, _ := strings.Cut(ref, "#")
	if file != "" {
		url = url[:strings.LastIndexByte(url, '/')+1] + file
	}
	v, ok := docs[url]
	if !ok || !strings.HasPrefix(frag, "/") {
		return nil, "", false
	}
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := v.(map[string]any)
		if !ok {
			return nil, "", false
		}
		if v, ok = m[tok]; !ok {
			return nil, "", false
		}
	}
	if m, ok := v.(map[string]any); !ok || m["$id"] != nil {
		return nil, "", false
	}
	return v, url, true
}

// kindOfSchema reads the kind a schema describes from its "kind" const.
func kindOfSchema(schema any, file string) string {
	if k, ok := obj(obj(obj(schema)["properties"])["kind"])["const"].(string); ok {
		return k
	}
	return strings.TrimSuffix(path.Base(file), ".json")
}

// obj reads a JSON object, nil for anything else.
func obj(v any) map[string]any {
	o, _ := v.(map[string]any)
	return o
}

// Leaves flattens a validation error tree into the errors that say
// what is wrong. For oneOf and anyOf it keeps the branch that got furthest:
// a branch whose only complaint is the value's type is dropped when another
// branch accepted the type, so "sms" as a channel reports the enum, not
// "expected object".
func Leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError { return leaves(ve, nil) }

func leaves(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(out, ve)
	}
	kw := ve.KeywordLocation[strings.LastIndexByte(ve.KeywordLocation, '/')+1:]
	if kw != "oneOf" && kw != "anyOf" {
		for _, c := range ve.Causes {
			out = leaves(c, out)
		}
		return out
	}
	var typeOnly []string
	var best []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		leaves := leaves(c, nil)
		if len(leaves) == 1 && strings.HasSuffix(leaves[0].KeywordLocation, "/type") && leaves[0].InstanceLocation == ve.InstanceLocation {
			typeOnly = append(typeOnly, strings.TrimPrefix(strings.SplitN(leaves[0].Message, ", but got", 2)[0], "expected "))
			continue
		}
		if best == nil || depth(leaves) > depth(best) {
			best = leaves
		}
	}
	if best != nil {
		return append(out, best...)
	}
	got := ""
	if len(ve.Causes) > 0 {
		if l := leaves(ve.Causes[0], nil); len(l) > 0 {
			if _, after, ok := strings.Cut(l[0].Message, ", but got "); ok {
				got = ", but got " + after
			}
		}
	}
	return append(out, &jsonschema.ValidationError{
		KeywordLocation:  ve.KeywordLocation + "/type",
		InstanceLocation: ve.InstanceLocation,
		Message:          "expected " + strings.Join(typeOnly, " or ") + got,
	})
}

func depth(l []*jsonschema.ValidationError) int {
	d := 0
	for _, e := range l {
		d = max(d, strings.Count(e.InstanceLocation, "/"))
	}
	return d
}

// QuotedNames parses jsonschema's list of names, each in single quotes with
// backslash escapes: 'a', 'b\'c'.
func QuotedNames(s string) []string {
	var names []string
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			return names
		}
		s = s[i+1:]
		var b strings.Builder
		j := 0
		for ; j < len(s) && s[j] != '\''; j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
				if s[j] != '\'' {
					b.WriteByte('\\')
				}
			} else if s[j] == '"' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[j])
		}
		if name, err := strconv.Unquote(`"` + b.String() + `"`); err == nil {
			names = append(names, name)
		} else {
			names = append(names, b.String())
		}
		if j >= len(s) {
			return names
		}
		s = s[j+1:]
	}
}

// KeysAt returns the properties the schema s allows in the object at ptr,
// or none when the schema cannot tell (combinators).
func KeysAt(s *jsonschema.Schema, ptr string) []string {
	sub := schemaAt(s, ptr)
	if sub == nil {
		return nil
	}
	return slices.Collect(maps.Keys(sub.Properties))
}

// schemaAt follows properties, items and $ref from s down to the object at
// ptr. It gives up (nil) at combinators.
func schemaAt(s *jsonschema.Schema, ptr string) *jsonschema.Schema {
	for s != nil && s.Ref != nil {
		s = s.Ref
	}
	if ptr == "" || s == nil {
		return s
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch {
		case s.Properties[tok] != nil:
			s = s.Properties[tok]
		case s.Items2020 != nil:
			s = s.Items2020
		default:
			return nil
		}
		for s != nil && s.Ref != nil {
			s = s.Ref
		}
	}
	return s
}
