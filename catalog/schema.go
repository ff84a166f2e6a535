package catalog

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/opsdesign/opsdesign/catalog/internal/fastschema"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// The JSON Schemas of opsdesign's document kinds, one file per kind, with the
// shared definitions in envelope.json. They are published as they are for
// editors (yaml-language-server) and compiled once for validation.
//
//go:embed schemas/*.json
var schemaFiles embed.FS

const schemaBase = "https://opsdesign.dev/schemas/v1/"

// Kinds returns the document kinds opsdesign knows, in alphabetical order.
func Kinds() []string {
	dir, err := nativeSchemas()
	if err != nil {
		return nil
	}
	return dir.kinds()
}

// Schema returns the JSON Schema of a document kind as published, and
// whether the kind is known.
func Schema(kind string) ([]byte, bool) {
	b, err := schemaFiles.ReadFile("schemas/" + strings.ToLower(kind) + ".json")
	if err != nil || kind == "" || strings.EqualFold(kind, "envelope") {
		return nil, false
	}
	return b, true
}

// nativeSchemas is the directory of opsdesign's schemas; each kind's is
// compiled when a document of that kind is first validated.
var nativeSchemas = sync.OnceValues(func() (*schemaDir, error) {
	return newSchemaDir(schemaFiles, "schemas", schemaBase, "envelope.json")
})

// kindSchema is the compiled schema of one kind: jsonschema/v5's, of
// record, and the allocation-free check of validity that spares running
// it on a valid document (nil when fastschema cannot decide the schema).
type kindSchema struct {
	js   *jsonschema.Schema
	fast *fastschema.Validator
}

// schemaDir is one directory of embedded schema files, one kind per file
// but for a file of shared definitions. The files are read and their $refs
// inlined (see inlineRefs) when the directory is first used; each kind's
// schema compiles on first use, once, with one compiler so that shared
// definitions (and their regular expressions) compile once too. Compiled
// schemas are read-only; jsonschema.Schema is safe for concurrent use.
type schemaDir struct {
	dir    string
	base   string
	byKind map[string]string // kind -> file name

	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*kindSchema
}

// newSchemaDir reads every schema file of dir (all but shared, which only
// holds definitions, describe a kind each). $refs to definitions are
// inlined: the published files keep them for readers, validation is
// faster without them.
func newSchemaDir(fsys fs.ReadDirFS, dir, base, shared string) (*schemaDir, error) {
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
	d := &schemaDir{dir: dir, base: base, byKind: map[string]string{}, compiler: c, compiled: map[string]*kindSchema{}}
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

// kinds returns the kinds of the directory, sorted.
func (d *schemaDir) kinds() []string { return slices.Sorted(maps.Keys(d.byKind)) }

// has reports whether the directory, which may be nil, describes kind.
func (d *schemaDir) has(kind string) bool {
	if d == nil {
		return false
	}
	_, ok := d.byKind[kind]
	return ok
}

// schema returns the compiled schema of kind, or nil for a kind without one.
func (d *schemaDir) schema(kind string) (*kindSchema, error) {
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
	ks := &kindSchema{js: js}
	ks.fast, _ = fastschema.Compile(js) // without it, jsonschema alone decides
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
	if k, ok := asObj(asObj(asObj(schema)["properties"])["kind"])["const"].(string); ok {
		return k
	}
	return strings.TrimSuffix(path.Base(file), ".json")
}

// Rule IDs of schema findings.
const (
	ruleRequired    = "schema/required"
	ruleUnknownKey  = "schema/unknown-key"
	ruleType        = "schema/type"
	ruleEnum        = "schema/enum"
	ruleValue       = "schema/value"
	ruleUnknownKind = "schema/unknown-kind"
	ruleForeign     = "schema/foreign-document"
)

// validate checks one native document against its kind's schema and
// reports every error at the exact key or value it concerns.
func validate(ks *kindSchema, doc *Document, report func(rule, ptr string, keyPos bool, msg string)) {
	if ks.fast != nil && ks.fast.Valid(doc.Value) {
		return
	}
	s := ks.js
	err := s.Validate(doc.Value)
	if err == nil {
		return
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		report(ruleValue, "", false, err.Error())
		return
	}
	for _, leaf := range schemaLeaves(ve, nil) {
		keyword := leaf.KeywordLocation[strings.LastIndexByte(leaf.KeywordLocation, '/')+1:]
		// jsonschema percent-encodes the tokens of its instance pointers.
		at, err := url.PathUnescape(leaf.InstanceLocation)
		if err != nil {
			at = leaf.InstanceLocation
		}
		switch keyword {
		case "required":
			for _, name := range quotedNames(strings.TrimPrefix(leaf.Message, "missing properties: ")) {
				report(ruleRequired, at+"/"+escapeToken(name), false, fmt.Sprintf("missing required key %q", name))
			}
		case "additionalProperties":
			for _, name := range quotedNames(strings.TrimPrefix(leaf.Message, "additionalProperties ")) {
				report(ruleUnknownKey, at+"/"+escapeToken(name), true, fmt.Sprintf("unknown key %q%s", name, knownKeysHint(s, at, name)))
			}
		case "propertyNames":
			report(ruleUnknownKey, at, true, "key "+leaf.Message)
		case "type":
			report(ruleType, at, false, leaf.Message+textHint(doc, at, leaf.Message))
		case "enum", "const":
			report(ruleEnum, at, false, leaf.Message)
		default:
			report(ruleValue, at, false, foundAsWritten(doc, at, leaf.Message))
		}
	}
}

// foundAsWritten makes a message that ends "but found 511" quote the value as
// written, "but found 0777 (read as 511)".
func foundAsWritten(doc *Document, ptr, msg string) string {
	head, found, ok := strings.Cut(msg, " but found ")
	if !ok {
		return msg
	}
	return head + " but found " + doc.readAs(ptr, found)
}

// textHint tells, for a number or boolean where text is expected, what
// was written and how to make it text: 0777 is read as the number 511.
func textHint(doc *Document, ptr, msg string) string {
	text, ok := doc.Text(ptr)
	if !ok || text == "" || !strings.HasPrefix(msg, "expected string") {
		return ""
	}
	var read string
	switch v, _ := doc.Lookup(ptr); v := v.(type) {
	case int64:
		read = "the number " + strconv.FormatInt(v, 10)
	case float64:
		read = "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		read = "a boolean"
	default:
		return ""
	}
	return fmt.Sprintf(": %s is read as %s; write %q for text", text, read, text)
}

// schemaLeaves flattens a validation error tree into the errors that say
// what is wrong. For oneOf and anyOf it keeps the branch that got furthest:
// a branch whose only complaint is the value's type is dropped when another
// branch accepted the type, so "sms" as a channel reports the enum, not
// "expected object".
func schemaLeaves(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(out, ve)
	}
	kw := ve.KeywordLocation[strings.LastIndexByte(ve.KeywordLocation, '/')+1:]
	if kw != "oneOf" && kw != "anyOf" {
		for _, c := range ve.Causes {
			out = schemaLeaves(c, out)
		}
		return out
	}
	var typeOnly []string
	var best []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		leaves := schemaLeaves(c, nil)
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
		if l := schemaLeaves(ve.Causes[0], nil); len(l) > 0 {
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

// quotedNames parses jsonschema's list of names, each in single quotes with
// backslash escapes: 'a', 'b\'c'.
func quotedNames(s string) []string {
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

// knownKeysHint suggests the closest allowed key of the object at ptr.
func knownKeysHint(s *jsonschema.Schema, ptr, name string) string {
	sub := schemaAt(s, ptr)
	if sub == nil || len(sub.Properties) == 0 {
		return ""
	}
	keys := make([]string, 0, len(sub.Properties))
	for k := range sub.Properties {
		keys = append(keys, k)
	}
	return suggest.DidYouMean(name, keys)
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

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
