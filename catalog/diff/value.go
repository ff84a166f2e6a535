package diff

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

// This file compares the plain values documents hold (Document.Value:
// maps, lists, strings, numbers, booleans, nil). The comparers of each
// kind say what they compare themselves (the pointers they own); every
// other difference is reported here, value by value, so that no edit to
// a document goes unreported.

// equal reports whether two plain values are the same.
func equal(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case string, int64, float64, bool, nil:
		return a == b
	}
	return reflect.DeepEqual(a, b)
}

// equalExcept is equal for two documents' values, leaving out
// metadata.name: a renamed document is unchanged when nothing else is.
func equalExcept(a, b any) bool {
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	if !okA || !okB || len(ma) != len(mb) {
		return equal(a, b)
	}
	for k, v := range ma {
		w, ok := mb[k]
		if !ok {
			return false
		}
		if k == "metadata" {
			if !equal(withoutName(v), withoutName(w)) {
				return false
			}
			continue
		}
		if !equal(v, w) {
			return false
		}
	}
	return true
}

func withoutName(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		if k != "name" {
			out[k] = x
		}
	}
	return out
}

// leaf is one difference between two values: the value at rel (a JSON
// pointer relative to the values compared) on each side.
type leaf struct {
	rel          string
	old, new     any
	inOld, inNew bool
}

// owned says which pointers a comparer reports itself: a pointer is
// owned when it or one of its ancestors is in the set.
type owned map[string]bool

func (o owned) covers(rel string) bool {
	for p := rel; ; {
		if o[p] {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// within reports whether some owned pointer lies below rel, so that a
// value added or removed at rel must be looked into rather than reported
// whole.
func (o owned) within(rel string) bool {
	for p := range o {
		if strings.HasPrefix(p, rel+"/") {
			return true
		}
	}
	return false
}

// leaves returns the differences between a and b outside the owned
// pointers, each at the highest pointer where the two part: a member
// added, removed or changed, a list of scalars or a list whose length
// changed as a whole.
func leaves(a, b any, inA, inB bool, rel string, own owned, out []leaf) []leaf {
	if own.covers(rel) || (!inA && !inB) {
		return out
	}
	if inA && inB && equal(a, b) {
		return out
	}
	ma, isMapA := a.(map[string]any)
	mb, isMapB := b.(map[string]any)
	switch {
	case inA && inB && isMapA && isMapB, isMapA && !inB && own.within(rel), isMapB && !inA && own.within(rel):
		keys := make([]string, 0, len(ma)+len(mb))
		for k := range ma {
			keys = append(keys, k)
		}
		for k := range mb {
			if _, ok := ma[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			va, okA := ma[k]
			vb, okB := mb[k]
			out = leaves(va, vb, okA, okB, rel+"/"+jsonptr.Escape(k), own, out)
		}
		return out
	}
	la, isListA := a.([]any)
	lb, isListB := b.([]any)
	if inA && inB && isListA && isListB && len(la) == len(lb) && !scalars(la) {
		for i := range la {
			out = leaves(la[i], lb[i], true, true, rel+"/"+strconv.Itoa(i), own, out)
		}
		return out
	}
	return append(out, leaf{rel: rel, old: a, new: b, inOld: inA, inNew: inB})
}

func scalars(l []any) bool {
	for _, v := range l {
		switch v.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// text writes a plain value on one line: a scalar as written, a list or a
// mapping in YAML's flow style, cut at maxText runes.
func text(v any) string {
	var b strings.Builder
	writeText(&b, v)
	s := b.String()
	if r := []rune(s); len(r) > maxText {
		s = string(r[:maxText-1]) + "…"
	}
	return s
}

const maxText = 160

func writeText(b *strings.Builder, v any) {
	if b.Len() > 4*maxText {
		return
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k + ": ")
			writeText(b, x[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeText(b, e)
		}
		b.WriteByte(']')
	default:
		fmt.Fprint(b, x)
	}
}

// field names a relative pointer for people: "restore/lastTested"; a
// document's own values without "spec/" or "metadata/".
func field(rel string) string {
	f := strings.TrimPrefix(rel, "/")
	if rest, ok := strings.CutPrefix(f, "spec/"); ok {
		f = rest
	} else if rest, ok := strings.CutPrefix(f, "metadata/"); ok {
		f = rest
	}
	if f == "" {
		return "the whole value"
	}
	return jsonptr.Unescape(f)
}

// describe says what a leaf difference is: "procedure: a → b", "cloud
// added: {…}", "effort removed (was {…})"; for lists of scalars, what
// was added and removed.
func describe(l leaf) string {
	f := field(l.rel)
	switch {
	case !l.inOld:
		return fmt.Sprintf("%s added: %s", f, text(l.new))
	case !l.inNew:
		return fmt.Sprintf("%s removed (was %s)", f, text(l.old))
	}
	la, okA := l.old.([]any)
	lb, okB := l.new.([]any)
	if okA && okB && scalars(la) && scalars(lb) {
		added, removed := setDiff(texts(la), texts(lb))
		var parts []string
		for _, s := range added {
			parts = append(parts, "+"+s)
		}
		for _, s := range removed {
			parts = append(parts, "−"+s)
		}
		if len(parts) == 0 {
			parts = append(parts, "reordered")
		}
		return fmt.Sprintf("%s: %s", f, strings.Join(parts, ", "))
	}
	return fmt.Sprintf("%s: %s → %s", f, quoteText(l.old), quoteText(l.new))
}

// quoteText writes a value for a message: strings quoted, so that an
// empty one shows.
func quoteText(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(text(s))
	}
	return text(v)
}

func texts(l []any) []string {
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = text(v)
	}
	return out
}

// setDiff returns what b holds that a does not, and what a holds that b
// does not, each in its own order (counting repeats).
func setDiff(a, b []string) (added, removed []string) {
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		if count[s] > 0 {
			count[s]--
			continue
		}
		added = append(added, s)
	}
	for _, s := range a {
		if count[s] > 0 {
			count[s]--
			removed = append(removed, s)
		}
	}
	return added, removed
}

// fingerprint lists a document's scalar values with their pointers,
// metadata.name left out, sorted: what rename detection compares.
func fingerprint(doc *catalog.Document) []string {
	var out []string
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if ptr == "/metadata" && k == "name" {
					continue
				}
				walk(e, ptr+"/"+jsonptr.Escape(k))
			}
		case []any:
			for i, e := range x {
				walk(e, ptr+"/"+strconv.Itoa(i))
			}
		default:
			out = append(out, ptr+"="+text(x))
		}
	}
	walk(doc.Value, "")
	slices.Sort(out)
	return out
}

// similarity is the share of two sorted fingerprints they have in common,
// from 0 to 1: twice the common entries over the entries of both.
func similarity(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			common++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
