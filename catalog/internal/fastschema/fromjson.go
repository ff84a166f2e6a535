package fastschema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/internal/fastregexp"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// draft2020 is the only $schema CompileJSON reads.
const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// A JSONCompiler builds validators from the schemas' JSON itself, without
// jsonschema/v5: compiling with jsonschema first validates every schema
// against its meta-schema (compiling each pattern twice) and costs more
// than a whole small run of the CLI, while most runs meet only valid
// documents and never need jsonschema's error tree. It reads a subset of
// draft 2020-12 (the keywords Compile decides, plus annotations) and
// refuses everything else, so that a refused schema goes to jsonschema,
// as before. For the schemas it accepts it builds the very nodes Compile
// builds from jsonschema's compiled schema (the tests compare the two
// graphs for every built-in schema), so the differential fuzz target holds
// both. Nodes are shared between the schemas of one compiler, as
// jsonschema shares compiled definitions. A JSONCompiler is not safe for
// concurrent use; its validators are.
type JSONCompiler struct {
	load func(url string) (any, error)
	done map[string]*node // by absolute location: file URL "#" JSON pointer
}

// NewJSONCompiler reads schema files through load, which returns the JSON
// of the file at an absolute URL without fragment, decoded with
// json.Decoder.UseNumber (as jsonschema decodes it).
func NewJSONCompiler(load func(url string) (any, error)) *JSONCompiler {
	return &JSONCompiler{load: load, done: map[string]*node{}}
}

// Compile returns the validator of the schema file at url, or an error
// when the file uses what CompileJSON does not read.
func (c *JSONCompiler) Compile(url string) (*Validator, error) {
	jc := jsonCompile{c: c, pending: map[string]*node{}}
	n, err := jc.ref(url, "")
	if err != nil {
		return nil, err
	}
	for k, v := range jc.pending { // only whole graphs are kept
		c.done[k] = v
	}
	return &Validator{root: n}, nil
}

type jsonCompile struct {
	c       *JSONCompiler
	pending map[string]*node
}

func refuse(loc, what string) error {
	return fmt.Errorf("fastschema: %s at %s is not read from JSON", what, loc)
}

// annotations are the keywords that do not validate; they are skipped.
var annotations = map[string]bool{
	"$comment": true, "title": true, "description": true, "default": true, "examples": true,
	"deprecated": true, "readOnly": true, "writeOnly": true, "$defs": true, "definitions": true,
}

// ref resolves a reference from the file at base (a sibling file name,
// a fragment "#/pointer", or both) and compiles the schema it points at.
func (jc *jsonCompile) ref(base, ref string) (*node, error) {
	file, frag, _ := strings.Cut(ref, "#")
	switch {
	case strings.ContainsAny(file, "/:?%\\") && file != base, strings.ContainsAny(frag, "%?#"):
		return nil, refuse(base, "$ref "+strconv.Quote(ref))
	case frag != "" && !strings.HasPrefix(frag, "/"):
		return nil, refuse(base, "$ref to an anchor "+strconv.Quote(ref))
	}
	switch {
	case file == "":
		file = base
	case file != base:
		file = base[:strings.LastIndexByte(base, '/')+1] + file
	}
	if frag == "/" {
		frag = ""
	}
	key := file + "#" + frag
	if n := jc.c.done[key]; n != nil {
		return n, nil
	}
	if n := jc.pending[key]; n != nil {
		return n, nil
	}
	doc, err := jc.c.load(file)
	if err != nil {
		return nil, err
	}
	if err := checkRoot(file, doc); err != nil {
		return nil, err
	}
	v, ok := jsonptr.Lookup(doc, frag)
	if !ok {
		return nil, fmt.Errorf("fastschema: %s not found", key)
	}
	return jc.node(file, frag, v)
}

// checkRoot accepts a file of draft 2020-12 whose $id, if any, is its URL.
func checkRoot(file string, doc any) error {
	m, ok := doc.(map[string]any)
	if !ok {
		return nil
	}
	if s, ok := m["$schema"]; ok && s != draft2020 && s != draft2020+"#" {
		return refuse(file, "$schema")
	}
	if id, ok := m["$id"]; ok && id != file {
		return refuse(file, "an $id that is not the file's URL")
	}
	return nil
}

// node compiles the schema v found at file#ptr, as Compile would from
// jsonschema's compiled schema of it.
func (jc *jsonCompile) node(file, ptr string, v any) (*node, error) {
	loc := file + "#" + ptr
	n := &node{minProps: -1, maxProps: -1, minItems: -1, maxItems: -1, minLen: -1, maxLen: -1, minCont: 1, maxCont: -1}
	jc.pending[loc] = n
	var m map[string]any
	switch x := v.(type) {
	case bool:
		n.always = 2
		if x {
			n.always = 1
		}
		return n, nil
	case map[string]any:
		m = x
	default:
		return nil, refuse(loc, "a schema that is not an object or a boolean")
	}
	sub := func(k string) (*node, error) { return jc.node(file, ptr+"/"+jsonptr.Escape(k), m[k]) }
	subs := func(k string) ([]*node, error) {
		a, ok := m[k].([]any)
		if !ok {
			return nil, refuse(loc, k)
		}
		out := make([]*node, len(a))
		for i, s := range a {
			var err error
			if out[i], err = jc.node(file, ptr+"/"+k+"/"+strconv.Itoa(i), s); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	var err error
	for k, val := range m {
		switch k {
		case "$schema", "$id":
			if ptr != "" {
				return nil, refuse(loc, k+" below the root")
			}
		case "$ref":
			r, ok := val.(string)
			if !ok {
				return nil, refuse(loc, k)
			}
			n.ref, err = jc.ref(file, r)
		case "type":
			err = jsonTypes(n, val, loc)
		case "const":
			n.konst = []any{val}
		case "enum":
			a, ok := val.([]any)
			if !ok {
				return nil, refuse(loc, k)
			}
			n.enum = a
		case "format":
			f, ok := val.(string)
			if !ok {
				return nil, refuse(loc, k)
			}
			n.format = jsonschema.Formats[f]
		case "minimum":
			n.min, err = jsonBound(val, loc)
		case "maximum":
			n.max, err = jsonBound(val, loc)
		case "exclusiveMinimum":
			n.exMin, err = jsonBound(val, loc)
		case "exclusiveMaximum":
			n.exMax, err = jsonBound(val, loc)
		case "minProperties":
			n.minProps, err = jsonInt(val, loc)
		case "maxProperties":
			n.maxProps, err = jsonInt(val, loc)
		case "minItems":
			n.minItems, err = jsonInt(val, loc)
		case "maxItems":
			n.maxItems, err = jsonInt(val, loc)
		case "minLength":
			n.minLen, err = jsonInt(val, loc)
		case "maxLength":
			n.maxLen, err = jsonInt(val, loc)
		case "minContains":
			n.minCont, err = jsonInt(val, loc)
		case "maxContains":
			n.maxCont, err = jsonInt(val, loc)
		case "uniqueItems":
			b, ok := val.(bool)
			if !ok {
				return nil, refuse(loc, k)
			}
			n.unique = b
		case "required":
			n.required, err = jsonStrings(val, loc)
		case "dependentRequired":
			d, ok := val.(map[string]any)
			if !ok {
				return nil, refuse(loc, k)
			}
			n.depRequired = make(map[string][]string, len(d))
			for name, names := range d {
				if n.depRequired[name], err = jsonStrings(names, loc); err != nil {
					return nil, err
				}
			}
		case "pattern":
			s, ok := val.(string)
			if !ok {
				return nil, refuse(loc, k)
			}
			if n.pattern, err = compilePattern(s); err != nil {
				return nil, refuse(loc, "a pattern Go cannot compile")
			}
		case "properties":
			p, ok := val.(map[string]any)
			if !ok {
				return nil, refuse(loc, k)
			}
			n.props = make(map[string]*node, len(p))
			for name, s := range p {
				if n.props[name], err = jc.node(file, ptr+"/properties/"+jsonptr.Escape(name), s); err != nil {
					return nil, err
				}
			}
		case "patternProperties":
			p, ok := val.(map[string]any)
			if !ok {
				return nil, refuse(loc, k)
			}
			for expr, s := range p {
				pp := pattern{}
				if pp.re, err = compilePattern(expr); err != nil {
					return nil, refuse(loc, "a pattern Go cannot compile")
				}
				if pp.n, err = jc.node(file, ptr+"/patternProperties/"+jsonptr.Escape(expr), s); err != nil {
					return nil, err
				}
				n.patterns = append(n.patterns, pp)
			}
		case "additionalProperties":
			switch a := val.(type) {
			case bool:
				n.addlFalse = !a
			case map[string]any:
				n.addl, err = sub(k)
			default:
				return nil, refuse(loc, k)
			}
		case "propertyNames":
			n.propNames, err = sub(k)
		case "items":
			n.items, err = sub(k)
		case "contains":
			n.contains, err = sub(k)
		case "not":
			n.not, err = sub(k)
		case "if":
			n.ifs, err = sub(k)
		case "then", "else":
			// read with "if", below: without it they do nothing
		case "prefixItems":
			n.prefix, err = subs(k)
		case "allOf":
			n.allOf, err = subs(k)
		case "anyOf":
			n.anyOf, err = subs(k)
		case "oneOf":
			n.oneOf, err = subs(k)
		default:
			if !annotations[k] {
				return nil, refuse(loc, "keyword "+strconv.Quote(k))
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if n.ifs != nil {
		for _, x := range []struct {
			k   string
			dst **node
		}{{"then", &n.then}, {"else", &n.els}} {
			if _, ok := m[x.k]; ok {
				if *x.dst, err = sub(x.k); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, v := range append(n.konst[:len(n.konst):len(n.konst)], n.enum...) {
		switch v.(type) {
		case nil, bool, string:
		default:
			return nil, refuse(loc, fmt.Sprintf("a const or enum value of type %T", v))
		}
	}
	return n, nil
}

// compilePattern compiles a pattern inside a capturing group: the same
// language, but regexp then skips its one-pass analysis, which took 7.6 ms
// for the name pattern alone (its Unicode classes are spelt out) against
// 0.5 ms for the rest of the compilation, and matches names twice as fast
// with its backtracker. Patterns of ASCII names are matched by a scan of
// bytes instead, sixty times as fast (fastregexp).
func compilePattern(p string) (*fastregexp.Regexp, error) { return fastregexp.Compile("(" + p + ")") }

func jsonTypes(n *node, v any, loc string) error {
	var names []any
	switch t := v.(type) {
	case string:
		names = []any{t}
	case []any:
		names = t
	default:
		return refuse(loc, "type")
	}
	for _, name := range names {
		s, _ := name.(string)
		b, ok := typeBits[s]
		if !ok {
			return refuse(loc, fmt.Sprintf("type %v", name))
		}
		n.types |= b
	}
	return nil
}

// jsonInt reads a count as jsonschema does (through float64); only
// non-negative integers are read.
func jsonInt(v any, loc string) (int, error) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, refuse(loc, "a count that is not a number")
	}
	i, err := strconv.Atoi(string(num))
	if err != nil || i < 0 || i > 1<<53 {
		return 0, refuse(loc, "a count that is not a non-negative integer")
	}
	return i, nil
}

// jsonBound reads a numeric bound as Compile accepts it: an integer
// within ±2^53 (jsonschema reads the text as a big.Rat).
func jsonBound(v any, loc string) (*bound, error) {
	num, ok := v.(json.Number)
	if !ok {
		return nil, refuse(loc, "a bound that is not a number")
	}
	r, ok := new(big.Rat).SetString(string(num))
	if !ok || !r.IsInt() || !r.Num().IsInt64() || abs(r.Num().Int64()) > 1<<53 {
		return nil, refuse(loc, "a bound that is not an integer within ±2^53")
	}
	i := r.Num().Int64()
	return &bound{i: i, f: float64(i)}, nil
}

func jsonStrings(v any, loc string) ([]string, error) {
	a, ok := v.([]any)
	if !ok {
		return nil, refuse(loc, "a list of names")
	}
	out := make([]string, len(a))
	for i, x := range a {
		if out[i], ok = x.(string); !ok {
			return nil, refuse(loc, "a list of names")
		}
	}
	return out, nil
}
