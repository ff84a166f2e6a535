// Package fastschema decides, without allocating, whether a value is valid
// against a schema compiled by jsonschema/v5, for the keywords opsdesign's
// built-in schemas use.
//
// jsonschema/v5 stays the validator of record: it builds, for every value
// it visits, maps of the properties and items not yet evaluated and the
// string of the value's location, which cost more than parsing the YAML.
// Most documents are valid, so the loader asks Valid first and runs
// jsonschema only when Valid says no, for its error tree. The answer must
// therefore never be "valid" where jsonschema says "invalid"; the
// differential fuzz target FuzzValidMatchesJSONSchema holds the two equal
// on the built-in schemas, and Compile refuses any schema that uses a
// keyword or a bound this package does not decide exactly as jsonschema
// does (user-supplied schemas, such as parameter sheets, go to jsonschema
// alone).
package fastschema

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Validator answers for one compiled schema. It is read-only once
// compiled and safe for concurrent use.
type Validator struct{ root *node }

// type bits
const (
	tNull uint8 = 1 << iota
	tBool
	tNumber
	tInteger
	tString
	tArray
	tObject
)

var typeBits = map[string]uint8{
	"null": tNull, "boolean": tBool, "number": tNumber, "integer": tInteger,
	"string": tString, "array": tArray, "object": tObject,
}

// bound is a numeric bound held exactly as an int64 and a float64 (only
// integral bounds within ±2^53 are accepted, so the two agree and compare
// with any value exactly as jsonschema's big.Rat comparison does).
type bound struct {
	i int64
	f float64
}

type node struct {
	always int8 // 0: no; 1: always valid; 2: never valid
	types  uint8
	konst  []any // const (one value) and enum values: strings, booleans, nulls
	enum   []any
	format func(any) bool

	props       map[string]*node
	required    []string
	addlFalse   bool
	addl        *node
	patterns    []pattern
	propNames   *node
	minProps    int
	maxProps    int
	depRequired map[string][]string

	items            *node
	prefix           []*node
	minItems         int
	maxItems         int
	unique           bool
	contains         *node
	minCont, maxCont int

	minLen, maxLen int
	pattern        matcher

	min, max, exMin, exMax *bound

	ref                 *node
	allOf, anyOf, oneOf []*node
	not, ifs, then, els *node
}

type pattern struct {
	re matcher
	n  *node
}

// matcher is a compiled pattern: a *regexp.Regexp from jsonschema's
// schema, a *fastregexp.Regexp from JSON (fromjson.go).
type matcher interface {
	MatchString(s string) bool
	String() string
}

// Compile prepares a validator for s and every schema it reaches, or says
// which keyword it cannot decide exactly as jsonschema/v5 does.
func Compile(s *jsonschema.Schema) (*Validator, error) {
	c := compiler{done: map[*jsonschema.Schema]*node{}}
	n, err := c.node(s)
	if err != nil {
		return nil, err
	}
	return &Validator{root: n}, nil
}

type compiler struct {
	done map[*jsonschema.Schema]*node
}

func unsupported(s *jsonschema.Schema, what string) error {
	return fmt.Errorf("fastschema: %s at %s is not supported", what, s.Location)
}

func (c *compiler) node(s *jsonschema.Schema) (*node, error) {
	if s == nil {
		return nil, nil
	}
	if n, ok := c.done[s]; ok {
		return n, nil
	}
	n := &node{minProps: s.MinProperties, maxProps: s.MaxProperties, minItems: s.MinItems, maxItems: s.MaxItems,
		minLen: s.MinLength, maxLen: s.MaxLength, unique: s.UniqueItems,
		minCont: s.MinContains, maxCont: s.MaxContains, required: s.Required}
	if s.Pattern != nil {
		n.pattern = s.Pattern // not the nil *regexp.Regexp in an interface
	}
	c.done[s] = n
	switch {
	case s.RecursiveRef != nil, s.DynamicRef != nil:
		return nil, unsupported(s, "$recursiveRef or $dynamicRef")
	case s.Dependencies != nil, s.DependentSchemas != nil:
		return nil, unsupported(s, "dependencies or dependentSchemas")
	case s.UnevaluatedProperties != nil, s.UnevaluatedItems != nil:
		return nil, unsupported(s, "unevaluatedProperties or unevaluatedItems")
	case s.Items != nil, s.AdditionalItems != nil:
		return nil, unsupported(s, "items before draft 2020-12")
	case s.RegexProperties:
		return nil, unsupported(s, "regexProperties")
	case s.ContentEncoding != "", s.ContentMediaType != "", s.ContentSchema != nil:
		return nil, unsupported(s, "content keywords")
	case s.MultipleOf != nil:
		return nil, unsupported(s, "multipleOf")
	case len(s.Extensions) > 0:
		return nil, unsupported(s, "extensions")
	}
	if s.Always != nil {
		n.always = 2
		if *s.Always {
			n.always = 1
		}
	}
	for _, t := range s.Types {
		b, ok := typeBits[t]
		if !ok {
			return nil, unsupported(s, "type "+t)
		}
		n.types |= b
	}
	if len(s.Constant) > 0 {
		n.konst = s.Constant[:1]
	}
	n.enum = s.Enum
	for _, v := range append(n.konst[:len(n.konst):len(n.konst)], n.enum...) {
		switch v.(type) {
		case nil, bool, string:
		default:
			return nil, unsupported(s, fmt.Sprintf("a const or enum value of type %T", v))
		}
	}
	if s.Format != "" {
		// Asserting a format jsonschema does not assert only sends more
		// documents to jsonschema: never a wrong "valid".
		n.format = jsonschema.Formats[s.Format]
	}
	var err error
	for _, b := range []struct {
		r   *big.Rat
		dst **bound
	}{{s.Minimum, &n.min}, {s.Maximum, &n.max}, {s.ExclusiveMinimum, &n.exMin}, {s.ExclusiveMaximum, &n.exMax}} {
		if b.r == nil {
			continue
		}
		if !b.r.IsInt() || !b.r.Num().IsInt64() || abs(b.r.Num().Int64()) > 1<<53 {
			return nil, unsupported(s, "a bound that is not an integer within ±2^53")
		}
		*b.dst = &bound{i: b.r.Num().Int64(), f: float64(b.r.Num().Int64())}
	}
	if len(s.Properties) > 0 {
		n.props = make(map[string]*node, len(s.Properties))
		for k, sub := range s.Properties {
			if n.props[k], err = c.node(sub); err != nil {
				return nil, err
			}
		}
	}
	switch a := s.AdditionalProperties.(type) {
	case nil:
	case bool:
		n.addlFalse = !a
	case *jsonschema.Schema:
		if n.addl, err = c.node(a); err != nil {
			return nil, err
		}
	default:
		return nil, unsupported(s, "additionalProperties")
	}
	for re, sub := range s.PatternProperties {
		p := pattern{re: re}
		if p.n, err = c.node(sub); err != nil {
			return nil, err
		}
		n.patterns = append(n.patterns, p)
	}
	n.depRequired = s.DependentRequired
	for _, x := range []struct {
		s   *jsonschema.Schema
		dst **node
	}{{s.PropertyNames, &n.propNames}, {s.Items2020, &n.items}, {s.Contains, &n.contains}, {s.Ref, &n.ref},
		{s.Not, &n.not}, {s.If, &n.ifs}, {s.Then, &n.then}, {s.Else, &n.els}} {
		if *x.dst, err = c.node(x.s); err != nil {
			return nil, err
		}
	}
	for _, x := range []struct {
		s   []*jsonschema.Schema
		dst *[]*node
	}{{s.PrefixItems, &n.prefix}, {s.AllOf, &n.allOf}, {s.AnyOf, &n.anyOf}, {s.OneOf, &n.oneOf}} {
		for _, sub := range x.s {
			sn, err := c.node(sub)
			if err != nil {
				return nil, err
			}
			*x.dst = append(*x.dst, sn)
		}
	}
	return n, nil
}

func abs(i int64) int64 {
	if i < 0 {
		return -i
	}
	return i
}

// maxInPlace bounds how many schemas may apply to one value in a row
// ($ref, allOf, if, ...): a reference cycle that never descends into the
// value is jsonschema's InfiniteLoopError, which Valid leaves to it.
const maxInPlace = 64

// errLoop stops a walk that met a reference cycle.
var errLoop = errors.New("loop")

// Valid reports whether v, a JSON-compatible value (nil, bool, int64,
// float64, string, []any, map[string]any; float64 finite), is valid. A
// value of any other type is reported not valid, for jsonschema to tell.
func (val *Validator) Valid(v any) bool {
	ok, err := val.root.valid(v, 0)
	return ok && err == nil
}

func (n *node) valid(v any, inPlace int) (bool, error) {
	if inPlace > maxInPlace {
		return false, errLoop
	}
	if n.always != 0 {
		return n.always == 1, nil
	}
	t, ok := typeOf(v)
	if !ok {
		return false, nil
	}
	if n.types != 0 && n.types&t == 0 && !(n.types&tInteger != 0 && t == tNumber && isInteger(v)) {
		return false, nil
	}
	if len(n.konst) > 0 && !oneOf(v, n.konst) || len(n.enum) > 0 && !oneOf(v, n.enum) {
		return false, nil
	}
	if n.format != nil && !n.format(v) {
		return false, nil
	}
	switch x := v.(type) {
	case map[string]any:
		if ok, err := n.object(x); !ok || err != nil {
			return false, err
		}
	case []any:
		if ok, err := n.array(x); !ok || err != nil {
			return false, err
		}
	case string:
		if n.minLen >= 0 || n.maxLen >= 0 {
			l := utf8.RuneCountInString(x)
			if n.minLen >= 0 && l < n.minLen || n.maxLen >= 0 && l > n.maxLen {
				return false, nil
			}
		}
		if n.pattern != nil && !n.pattern.MatchString(x) {
			return false, nil
		}
	case int64:
		if !n.numberInt(x) {
			return false, nil
		}
	case float64:
		if !n.numberFloat(x) {
			return false, nil
		}
	}
	return n.applicators(v, inPlace)
}

// applicators runs the keywords that apply other schemas to the same value.
func (n *node) applicators(v any, inPlace int) (bool, error) {
	in := func(sub *node) (bool, error) { return sub.valid(v, inPlace+1) }
	if n.ref != nil {
		if ok, err := in(n.ref); !ok || err != nil {
			return false, err
		}
	}
	if n.not != nil {
		ok, err := in(n.not)
		if ok || err != nil {
			return false, err
		}
	}
	for _, s := range n.allOf {
		if ok, err := in(s); !ok || err != nil {
			return false, err
		}
	}
	if len(n.anyOf) > 0 {
		matched := false
		for _, s := range n.anyOf {
			ok, err := in(s)
			if err != nil {
				return false, err
			}
			if ok {
				matched = true
				break
			}
		}
		if !matched {
			return false, nil
		}
	}
	if len(n.oneOf) > 0 {
		matched := 0
		for _, s := range n.oneOf {
			ok, err := in(s)
			if err != nil {
				return false, err
			}
			if ok {
				matched++
			}
		}
		if matched != 1 {
			return false, nil
		}
	}
	if n.ifs != nil {
		ok, err := in(n.ifs)
		if err != nil {
			return false, err
		}
		next := n.els
		if ok {
			next = n.then
		}
		if next != nil {
			if ok, err := in(next); !ok || err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

func (n *node) object(m map[string]any) (bool, error) {
	if n.minProps >= 0 && len(m) < n.minProps || n.maxProps >= 0 && len(m) > n.maxProps {
		return false, nil
	}
	for _, r := range n.required {
		if _, ok := m[r]; !ok {
			return false, nil
		}
	}
	for k, deps := range n.depRequired {
		if _, ok := m[k]; ok {
			for _, d := range deps {
				if _, ok := m[d]; !ok {
					return false, nil
				}
			}
		}
	}
	if n.props == nil && n.patterns == nil && n.propNames == nil && !n.addlFalse && n.addl == nil {
		return true, nil
	}
	for k, v := range m {
		if n.propNames != nil {
			if ok, err := n.propNames.valid(k, 0); !ok || err != nil {
				return false, err
			}
		}
		evaluated := false
		if sub, ok := n.props[k]; ok {
			evaluated = true
			if ok, err := sub.valid(v, 0); !ok || err != nil {
				return false, err
			}
		}
		for _, p := range n.patterns {
			if p.re.MatchString(k) {
				evaluated = true
				if ok, err := p.n.valid(v, 0); !ok || err != nil {
					return false, err
				}
			}
		}
		if evaluated {
			continue
		}
		if n.addlFalse {
			return false, nil
		}
		if n.addl != nil {
			if ok, err := n.addl.valid(v, 0); !ok || err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

func (n *node) array(a []any) (bool, error) {
	if n.minItems >= 0 && len(a) < n.minItems || n.maxItems >= 0 && len(a) > n.maxItems {
		return false, nil
	}
	if n.unique {
		for i := 1; i < len(a); i++ {
			for j := 0; j < i; j++ {
				eq, sure := equal(a[i], a[j])
				if eq || !sure {
					return false, nil
				}
			}
		}
	}
	for i, item := range a {
		sub := n.items
		if i < len(n.prefix) {
			sub = n.prefix[i]
		}
		if sub == nil {
			break
		}
		if ok, err := sub.valid(item, 0); !ok || err != nil {
			return false, err
		}
	}
	if n.contains != nil && (n.minCont != -1 || n.maxCont != -1) {
		matched := 0
		for _, item := range a {
			ok, err := n.contains.valid(item, 0)
			if err != nil {
				return false, err
			}
			if ok {
				matched++
			}
		}
		if n.minCont != -1 && matched < n.minCont || n.maxCont != -1 && matched > n.maxCont {
			return false, nil
		}
	}
	return true, nil
}

// oneOf reports whether v equals one of values.
func oneOf(v any, values []any) bool {
	for _, c := range values {
		if eq, sure := equal(v, c); eq && sure {
			return true
		}
	}
	return false
}

func (n *node) numberInt(x int64) bool {
	return (n.min == nil || x >= n.min.i) && (n.max == nil || x <= n.max.i) &&
		(n.exMin == nil || x > n.exMin.i) && (n.exMax == nil || x < n.exMax.i)
}

func (n *node) numberFloat(x float64) bool {
	return (n.min == nil || x >= n.min.f) && (n.max == nil || x <= n.max.f) &&
		(n.exMin == nil || x > n.exMin.f) && (n.exMax == nil || x < n.exMax.f)
}

func typeOf(v any) (uint8, bool) {
	switch x := v.(type) {
	case nil:
		return tNull, true
	case bool:
		return tBool, true
	case int64:
		return tNumber, true
	case float64:
		return tNumber, !math.IsNaN(x) && !math.IsInf(x, 0)
	case string:
		return tString, true
	case []any:
		return tArray, true
	case map[string]any:
		return tObject, true
	}
	return 0, false
}

// isInteger says whether a number has no fractional part, as jsonschema's
// reading of its decimal text does: a finite float64 is integral exactly
// when its shortest decimal form is.
func isInteger(v any) bool {
	switch x := v.(type) {
	case int64:
		return true
	case float64:
		return x == math.Trunc(x)
	}
	return false
}

// equal compares two values as jsonschema does; sure is false when this
// package cannot tell exactly (a float64 against an int64 beyond 2^53).
func equal(a, b any) (eq, sure bool) {
	ta, _ := typeOf(a)
	tb, _ := typeOf(b)
	if ta != tb {
		return false, true
	}
	switch x := a.(type) {
	case nil:
		return true, true
	case bool:
		return x == b.(bool), true
	case string:
		return x == b.(string), true
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y, true
		case float64:
			return intFloatEqual(x, y)
		}
	case float64:
		switch y := b.(type) {
		case float64:
			return x == y, true
		case int64:
			return intFloatEqual(y, x)
		}
	case []any:
		y := b.([]any)
		if len(x) != len(y) {
			return false, true
		}
		for i := range x {
			if eq, sure := equal(x[i], y[i]); !eq || !sure {
				return eq, sure
			}
		}
		return true, true
	case map[string]any:
		y := b.(map[string]any)
		if len(x) != len(y) {
			return false, true
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok {
				return false, true
			}
			if eq, sure := equal(xv, yv); !eq || !sure {
				return eq, sure
			}
		}
		return true, true
	}
	return false, false
}

func intFloatEqual(i int64, f float64) (eq, sure bool) {
	if abs(i) > 1<<53 {
		return false, false
	}
	return float64(i) == f, true
}
