// Package schemadir compiles catalog's embedded JSON Schemas, a directory
// of them at a time, each kind's on first use, and reads jsonschema/v5's
// errors back. jsonschema/v5 is the validator of record; each compiled kind
// carries fastschema's allocation-free check of validity beside it (see
// package fastschema for how the two are held equal), and jsonschema's
// schema is compiled only when that check says no.
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
	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

// Kind is the compiled schema of one kind: fastschema's allocation-free
// check of validity (nil when fastschema cannot decide the schema), and
// jsonschema/v5's, of record, compiled only when asked for: a valid
// document never needs it.
type Kind struct {
	Fast *fastschema.Validator
	js   func() (*jsonschema.Schema, error)
}

// JS returns jsonschema/v5's compiled schema of the kind, compiling it on
// the first call.
func (k *Kind) JS() (*jsonschema.Schema, error) { return k.js() }

// Dir is one directory of embedded schema files, one kind per file but
// for a file of shared definitions. Each kind's schema compiles on first
// use, once: fastschema's from the JSON (sharing the nodes of shared
// definitions), jsonschema's with one compiler for the directory, on
// demand, so that shared definitions (and their regular expressions)
// compile once too. A file's JSON is decoded when first needed. Compiled
// schemas are read-only; both validators are safe for concurrent use.
type Dir struct {
	dir    string
	base   string
	shared string
	files  map[string]*file                  // by file name
	byKind func() (map[string]string, error) // kind -> file name, every file decoded

	mu       sync.Mutex // guards fast and compiled
	fast     *fastschema.JSONCompiler
	compiled map[string]*Kind

	jsMu     sync.Mutex // guards compiler
	compiler *jsonschema.Compiler
}

// file is one schema file: its bytes for jsonschema and its JSON, decoded
// on first use as jsonschema decodes it (numbers as json.Number), for
// fastschema and for its kind.
type file struct {
	data []byte
	doc  func() (any, error)
}

// New reads every schema file of dir (all but shared, which only holds
// definitions, describe a kind each). The files are compiled as they are
// published, $refs and all: fastschema spares jsonschema's validation of
// valid documents, so inlining definitions (which once halved it) would
// only make compiling slower, 2.4 times for a service.
func New(fsys fs.ReadDirFS, dir, base, shared string) (*Dir, error) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	d := &Dir{dir: dir, base: base, shared: shared, files: map[string]*file{}, compiled: map[string]*Kind{}}
	d.fast = fastschema.NewJSONCompiler(d.load)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		if !json.Valid(b) { // decoding waits for a use; a broken file is an error now
			_, err := decode(b)
			return nil, fmt.Errorf("catalog: schema %s/%s: %w", dir, e.Name(), err)
		}
		d.files[e.Name()] = &file{data: b, doc: sync.OnceValues(func() (any, error) { return decode(b) })}
	}
	d.byKind = sync.OnceValues(func() (map[string]string, error) {
		out := map[string]string{}
		for _, name := range slices.Sorted(maps.Keys(d.files)) {
			if name == d.shared {
				continue
			}
			kind, err := d.kindOf(name)
			if err != nil {
				return nil, err
			}
			out[kind] = name
		}
		return out, nil
	})
	return d, nil
}

// decode reads one JSON value as jsonschema does, numbers as json.Number.
func decode(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("invalid character after the schema")
	}
	return doc, nil
}

// kindOf is the kind a file describes: its "kind" const, or else its name.
func (d *Dir) kindOf(name string) (string, error) {
	doc, err := d.files[name].doc()
	if err != nil {
		return "", err
	}
	m, _ := doc.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	kind, _ := props["kind"].(map[string]any)
	if c, ok := kind["const"].(string); ok {
		return c, nil
	}
	return strings.TrimSuffix(path.Base(name), ".json"), nil
}

// fileOf returns the file of kind. A kind is most often its file's name
// in lower case: that file alone is decoded to make sure.
func (d *Dir) fileOf(kind string) (string, bool) {
	if name := strings.ToLower(kind) + ".json"; name != d.shared && d.files[name] != nil {
		if k, err := d.kindOf(name); err == nil && k == kind {
			return name, true
		}
	}
	byKind, err := d.byKind()
	if err != nil {
		return "", false
	}
	name, ok := byKind[kind]
	return name, ok
}

// load gives fastschema the decoded JSON of an embedded schema.
func (d *Dir) load(url string) (any, error) {
	if f, ok := d.files[strings.TrimPrefix(url, d.base)]; ok && strings.HasPrefix(url, d.base) {
		return f.doc()
	}
	return nil, fmt.Errorf("catalog: schema %s is not embedded", url)
}

// Kinds returns the kinds of the directory, sorted.
func (d *Dir) Kinds() []string {
	byKind, _ := d.byKind()
	return slices.Sorted(maps.Keys(byKind))
}

// Has reports whether the directory, which may be nil, describes kind.
func (d *Dir) Has(kind string) bool {
	if d == nil {
		return false
	}
	_, ok := d.fileOf(kind)
	return ok
}

// Schema returns the compiled schema of kind, or nil for a kind without one.
func (d *Dir) Schema(kind string) (*Kind, error) {
	name, ok := d.fileOf(kind)
	if !ok {
		return nil, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if ks := d.compiled[kind]; ks != nil {
		return ks, nil
	}
	ks := &Kind{js: sync.OnceValues(func() (*jsonschema.Schema, error) { return d.compileJS(name) })}
	if fast, err := d.fast.Compile(d.base + name); err == nil {
		ks.Fast = fast
	} else {
		// fastschema does not read the JSON: compile jsonschema's schema
		// now, and fastschema's from it if it can.
		js, err := ks.JS()
		if err != nil {
			return nil, err
		}
		ks.Fast, _ = fastschema.Compile(js) // without it, jsonschema alone decides
	}
	d.compiled[kind] = ks
	return ks, nil
}

// compileJS compiles jsonschema's schema of a file, with the directory's
// one compiler, made with every file of the directory on first use.
func (d *Dir) compileJS(name string) (*jsonschema.Schema, error) {
	d.jsMu.Lock()
	defer d.jsMu.Unlock()
	if d.compiler == nil {
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		c.AssertFormat = true
		// Never fetch anything: every schema is embedded.
		c.LoadURL = func(s string) (io.ReadCloser, error) {
			return nil, fmt.Errorf("catalog: schema %s is not embedded", s)
		}
		for _, n := range slices.Sorted(maps.Keys(d.files)) {
			if err := c.AddResource(d.base+n, bytes.NewReader(d.files[n].data)); err != nil {
				return nil, fmt.Errorf("catalog: schema %s%s: %w", d.base, n, err)
			}
		}
		d.compiler = c
	}
	js, err := d.compiler.Compile(d.base + name)
	if err != nil {
		return nil, fmt.Errorf("catalog: schema %s/%s: %w", d.dir, name, err)
	}
	return js, nil
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
		tok = jsonptr.Unescape(tok)
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
