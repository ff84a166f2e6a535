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

// Dir is one directory of embedded schema files, one kind per file but
// for a file of shared definitions. Each kind's schema compiles on first
// use, once, with one compiler so that shared definitions (and their
// regular expressions) compile once too. Compiled schemas are read-only;
// jsonschema.Schema is safe for concurrent use.
type Dir struct {
	dir    string
	base   string
	byKind map[string]string // kind -> file name

	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*Kind
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
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	// Never fetch anything: every schema is embedded.
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("catalog: schema %s is not embedded", s)
	}
	d := &Dir{dir: dir, base: base, byKind: map[string]string{}, compiler: c, compiled: map[string]*Kind{}}
	for _, e := range entries {
		if e.IsDir() {
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
		if err := c.AddResource(base+e.Name(), bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("catalog: schema %s%s: %w", base, e.Name(), err)
		}
		if e.Name() == shared {
			continue
		}
		kind := strings.TrimSuffix(path.Base(e.Name()), ".json")
		if head.Properties.Kind.Const != nil {
			kind = *head.Properties.Kind.Const
		}
		d.byKind[kind] = e.Name()
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
