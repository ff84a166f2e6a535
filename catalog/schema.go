package catalog

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
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
// but for a file of shared definitions. Schemas compile on first use, each
// once, with one compiler so that the shared definitions (and their
// regular expressions) compile once too; they are read-only after, and
// jsonschema.Schema is safe for concurrent validation.
type schemaDir struct {
	fsys   fs.FS
	dir    string
	base   string
	byKind map[string]string // kind -> file name

	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*kindSchema
}

func newSchemaDir(fsys fs.ReadDirFS, dir, base, shared string) (*schemaDir, error) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	d := &schemaDir{fsys: fsys, dir: dir, base: base, byKind: map[string]string{}, compiled: map[string]*kindSchema{}}
	for _, e := range entries {
		if e.IsDir() || e.Name() == shared {
			continue
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		var head struct {
			Properties struct {
				Kind struct {
					Const *string `json:"const"`
				} `json:"kind"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			return nil, fmt.Errorf("catalog: schema %s/%s: %w", dir, e.Name(), err)
		}
		kind := strings.TrimSuffix(e.Name(), ".json")
		if head.Properties.Kind.Const != nil {
			kind = *head.Properties.Kind.Const
		}
		d.byKind[kind] = e.Name()
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	// Never fetch anything: every schema is embedded, and read when a
	// schema being compiled refers to it.
	c.LoadURL = func(url string) (io.ReadCloser, error) {
		name, ok := strings.CutPrefix(url, base)
		if !ok || strings.Contains(name, "/") {
			return nil, fmt.Errorf("catalog: schema %s is not embedded", url)
		}
		return fsys.Open(dir + "/" + name)
	}
	d.compiler = c
	return d, nil
}

func (d *schemaDir) kinds() []string { return slices.Sorted(maps.Keys(d.byKind)) }

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
