package yamlx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"gopkg.in/yaml.v3"
)

// step is one token of the path to the node being visited; index >= 0 for a
// sequence item, otherwise key names a mapping member.
type step struct {
	key   string
	index int
}

// walker normalises one parsed document and converts it to a Value. It keeps
// every finding of the document; it is used by one goroutine only.
type walker struct {
	doc      int
	lineOff  int // added to every node's Line: the chunk's first file line - 1
	lim      Limits
	findings []Finding
	path     []step

	anchors map[string]*yaml.Node // latest definition of each anchor name
	// shared holds the nodes reachable from more than one place: anchored
	// nodes and the values of merged pairs. Their sizes, heights and values
	// are memoised so repeated use costs nothing.
	shared  map[*yaml.Node]*memo
	cut     map[*yaml.Node]bool // aliases to their own ancestors, made null
	budget  int                 // alias expansion still allowed
	overrun bool                // RuleAliasLimit already reported
}

type memo struct {
	open         bool // being walked: an alias to it would be a cycle
	size, height int
	hasSize      bool
	hasHeight    bool
	hasValue     bool
	value        any
}

func newWalker(doc, lineOff int, lim Limits) *walker {
	return &walker{doc: doc, lineOff: lineOff, lim: lim, budget: lim.MaxAliasExpansion}
}

func (w *walker) pointer() string {
	if len(w.path) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range w.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(jsonptr.Escape(s.key))
		}
	}
	return b.String()
}

func (w *walker) report(rule string, n *yaml.Node, msg string, related ...Related) {
	w.findings = append(w.findings, Finding{
		Rule: rule, Line: n.Line, Column: n.Column, Doc: w.doc,
		Path: w.pointer(), Message: msg, Related: related,
	})
}

func (w *walker) pushKey(k string) { w.path = append(w.path, step{key: k, index: -1}) }
func (w *walker) pushIndex(i int)  { w.path = append(w.path, step{index: i}) }
func (w *walker) pop()             { w.path = w.path[:len(w.path)-1] }

func (w *walker) memoFor(n *yaml.Node) *memo {
	if n.Anchor == "" {
		if m, ok := w.shared[n]; ok {
			return m
		}
		return nil
	}
	if w.shared == nil {
		w.shared = make(map[*yaml.Node]*memo)
	}
	m := w.shared[n]
	if m == nil {
		m = &memo{}
		w.shared[n] = m
	}
	return m
}

func (w *walker) share(n *yaml.Node) {
	if w.shared == nil {
		w.shared = make(map[*yaml.Node]*memo)
	}
	if _, ok := w.shared[n]; !ok {
		w.shared[n] = &memo{}
	}
}

// target follows an alias; other nodes are returned as they are.
func target(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// keyText is the text a (scalar or alias-to-scalar) key is known by.
func keyText(k *yaml.Node) string { return target(k).Value }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.AliasNode:
		return "an alias"
	default:
		return "a scalar"
	}
}

// ambiguous lists the YAML 1.1 booleans that YAML 1.2 (and yaml.v3) read as
// strings, with the boolean YAML 1.1 gave them.
var ambiguous = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"n": false, "N": false, "no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
}

// walk visits n in document order: it moves its lines into file lines,
// checks anchors and values, and normalises mappings. key says n is a
// mapping key.
func (w *walker) walk(n *yaml.Node, key bool) {
	n.Line += w.lineOff
	if n.Anchor != "" {
		if w.anchors == nil {
			w.anchors = make(map[string]*yaml.Node)
		}
		if prev := w.anchors[n.Anchor]; prev != nil {
			w.report(RuleAnchorRedefined, n,
				fmt.Sprintf("anchor &%s is defined again; aliases after this point refer to this definition", n.Anchor),
				Related{Line: prev.Line, Column: prev.Column, Message: "previous definition of &" + n.Anchor})
		}
		w.anchors[n.Anchor] = n
		m := w.memoFor(n)
		m.open = true
		defer func() { m.open = false }()
	}
	switch n.Kind {
	case yaml.AliasNode:
		if m := w.shared[n.Alias]; n.Alias != nil && m != nil && m.open {
			w.report(RuleAliasLimit, n, fmt.Sprintf(
				"alias *%s refers to a node that contains it, so it never ends expanding; it is read as null", n.Value))
			// Cut the cycle so that Root stays a tree for every reader.
			n.Kind, n.Tag, n.Value, n.Alias = yaml.ScalarNode, "!!null", "", nil
			if w.cut == nil {
				w.cut = make(map[*yaml.Node]bool)
			}
			w.cut[n] = true
		}
	case yaml.ScalarNode:
		if !key && n.Style == 0 && n.Tag == "!!str" {
			if b, ok := ambiguous[n.Value]; ok {
				w.report(RuleAmbiguousBool, n, fmt.Sprintf(
					"%s is read as the string %q, not as a boolean: quote it if a string is meant, or write %t",
					n.Value, n.Value, b))
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			w.pushIndex(i)
			w.walk(c, false)
			w.pop()
		}
	case yaml.MappingNode:
		w.mapping(n)
	}
}

// mergeAt is a "<<" pair found in a mapping: its value, and where its pairs
// go among the explicit pairs kept.
type mergeAt struct {
	key, value *yaml.Node
	at         int
}

func (w *walker) mapping(n *yaml.Node) {
	pairs := n.Content
	out := pairs[:0:len(pairs)]
	var merges []mergeAt
	var index map[string]int // key text -> position in out, for big mappings
	find := func(text string) int {
		if index != nil {
			if j, ok := index[text]; ok {
				return j
			}
			return -1
		}
		for j := 0; j < len(out); j += 2 {
			if keyText(out[j]) == text {
				return j
			}
		}
		return -1
	}
	if len(pairs) > 32 {
		index = make(map[string]int, len(pairs)/2)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		k, v := pairs[i], pairs[i+1]
		w.walk(k, true)
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			w.pushKey(k.Value)
			w.walk(v, false)
			w.pop()
			merges = append(merges, mergeAt{key: k, value: v, at: len(out)})
			continue
		}
		kt := target(k)
		if kt.Kind != yaml.ScalarNode {
			w.report(RuleComplexKey, k, fmt.Sprintf(
				"a mapping key must be a scalar, this one is %s; the key and its value are dropped", kindName(kt)))
			w.walk(v, false)
			continue
		}
		text := kt.Value
		w.pushKey(text)
		if tag := kt.ShortTag(); tag != "!!str" {
			w.report(RuleNonStringKey, k, fmt.Sprintf(
				"key %s is %s, not a string; it is read as the string %q", text, tag, text))
		}
		if j := find(text); j >= 0 {
			first := out[j]
			w.report(RuleDuplicateKey, k, fmt.Sprintf(
				"duplicate key %q; the first one (line %d) is kept and this pair is dropped", text, first.Line),
				Related{Line: first.Line, Column: first.Column, Message: fmt.Sprintf("first %q is here", text)})
			w.walk(v, false)
			w.pop()
			continue
		}
		w.walk(v, false)
		w.pop()
		if index != nil {
			index[text] = len(out)
		}
		out = append(out, k, v)
	}
	clear(pairs[len(out):])
	n.Content = out
	if len(merges) > 0 {
		w.merge(n, merges, find)
	}
}

// merge replaces the "<<" pairs of n by the pairs they merge: explicit keys
// win over merged ones, and earlier merged mappings over later ones.
func (w *walker) merge(n *yaml.Node, merges []mergeAt, find func(string) int) {
	var added map[string]bool
	has := func(text string) bool { return find(text) >= 0 || added[text] }
	explicit := n.Content
	content := make([]*yaml.Node, 0, len(explicit)+8)
	prev := 0
	for _, m := range merges {
		content = append(content, explicit[prev:m.at]...)
		prev = m.at
		sources, bad := mergeSources(m.value)
		if bad != nil && w.cut[bad] {
			continue // already reported as a cycle
		}
		if bad != nil {
			w.pushKey(m.key.Value)
			w.report(RuleBadMerge, bad, fmt.Sprintf(
				"a merge (<<) takes a mapping or a sequence of mappings, not %s; the merge is dropped", kindName(target(bad))))
			w.pop()
			continue
		}
		for _, src := range sources {
			via := src.alias
			for j := 0; j+1 < len(src.node.Content); j += 2 {
				sk, sv := src.node.Content[j], src.node.Content[j+1]
				text := keyText(sk)
				if has(text) {
					continue
				}
				if via != nil {
					w.pushKey(m.key.Value)
					ok := w.charge(w.size(sk)+w.size(sv), via)
					w.pop()
					if !ok {
						break
					}
				}
				if added == nil {
					added = make(map[string]bool)
				}
				added[text] = true
				w.share(sv)
				content = append(content, sk, sv)
			}
		}
	}
	content = append(content, explicit[prev:]...)
	n.Content = content
}

type mergeSource struct {
	node  *yaml.Node // a mapping
	alias *yaml.Node // the alias it was reached through, nil if written inline
}

// mergeSources lists the mappings a merge value names, or returns the node
// that makes the merge invalid.
func mergeSources(v *yaml.Node) ([]mergeSource, *yaml.Node) {
	one := func(n *yaml.Node) (mergeSource, bool) {
		src := mergeSource{node: n}
		if n.Kind == yaml.AliasNode {
			src = mergeSource{node: n.Alias, alias: n}
		}
		return src, src.node != nil && src.node.Kind == yaml.MappingNode
	}
	if t := target(v); t.Kind == yaml.SequenceNode {
		list := make([]mergeSource, 0, len(t.Content))
		for _, item := range t.Content {
			src, ok := one(item)
			if !ok {
				return nil, item
			}
			if v.Kind == yaml.AliasNode && src.alias == nil {
				src.alias = v
			}
			list = append(list, src)
		}
		return list, nil
	}
	src, ok := one(v)
	if !ok {
		return nil, v
	}
	return []mergeSource{src}, nil
}

// charge takes cost from the alias budget. When the budget cannot pay, it
// reports RuleAliasLimit (once per document) at the alias and returns false.
func (w *walker) charge(cost int, at *yaml.Node) bool {
	if cost <= w.budget {
		w.budget -= cost
		return true
	}
	if !w.overrun {
		w.overrun = true
		w.report(RuleAliasLimit, at, fmt.Sprintf(
			"expanding this alias would create more than %d nodes in this document (alias expansion limit); its value is left out",
			w.lim.MaxAliasExpansion))
	}
	return false
}

const sizeCap = 1 << 40

// size counts the nodes n stands for once its aliases are expanded,
// saturating at sizeCap.
func (w *walker) size(n *yaml.Node) int {
	n = target(n)
	if n.Kind == yaml.ScalarNode || n.Kind == yaml.AliasNode {
		return 1
	}
	m := w.memoFor(n)
	if m != nil && m.hasSize {
		return m.size
	}
	s := 1
	for _, c := range n.Content {
		s += w.size(c)
		if s > sizeCap {
			s = sizeCap
		}
	}
	if m != nil {
		m.size, m.hasSize = s, true
	}
	return s
}

// height is the number of collection levels in n (0 for a scalar), through
// aliases.
func (w *walker) height(n *yaml.Node) int {
	n = target(n)
	if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
		return 0
	}
	m := w.memoFor(n)
	if m != nil && m.hasHeight {
		return m.height
	}
	h := 0
	for _, c := range n.Content {
		if ch := w.height(c); ch > h {
			h = ch
		}
	}
	h++
	if m != nil {
		m.height, m.hasHeight = h, true
	}
	return h
}

// checkDepth reports RuleNestingLimit at the first node deeper than the
// limit and returns false, or returns true when root is within it.
func (w *walker) checkDepth(root *yaml.Node) bool {
	limit := w.lim.MaxDepth
	if w.height(root) <= limit {
		return true
	}
	n, depth := root, 0 // depth of n's parent
	for {
		if n.Kind == yaml.AliasNode {
			w.report(RuleNestingLimit, n, fmt.Sprintf(
				"this alias expands to a value nested deeper than %d levels (nesting limit)", limit))
			break
		}
		depth++
		if depth > limit {
			w.report(RuleNestingLimit, n, fmt.Sprintf("nesting deeper than %d levels (nesting limit)", limit))
			break
		}
		next := -1
		for i, c := range n.Content {
			if depth+w.height(c) > limit {
				next = i
				break
			}
		}
		if next < 0 { // cannot happen: height said a child is too deep
			w.report(RuleNestingLimit, n, fmt.Sprintf("nesting deeper than %d levels (nesting limit)", limit))
			break
		}
		if n.Kind == yaml.SequenceNode {
			w.pushIndex(next)
		} else {
			w.pushKey(keyText(n.Content[next&^1]))
		}
		n = n.Content[next]
	}
	w.path = w.path[:0]
	return false
}

// value converts n to its JSON-compatible value.
func (w *walker) value(n *yaml.Node) any {
	if n.Kind == yaml.AliasNode {
		t := n.Alias
		if t == nil || !w.charge(w.size(t), n) {
			return nil
		}
		n = t
	}
	m := w.memoFor(n)
	if m != nil && m.hasValue {
		return m.value
	}
	var v any
	switch n.Kind {
	case yaml.ScalarNode:
		v = scalarValue(n)
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			w.pushIndex(i)
			s[i] = w.value(c)
			w.pop()
		}
		v = s
	case yaml.MappingNode:
		mp := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := keyText(n.Content[i])
			w.pushKey(k)
			mp[k] = w.value(n.Content[i+1])
			w.pop()
		}
		v = mp
	}
	if m != nil {
		m.value, m.hasValue = v, true
	}
	return v
}

// scalarValue resolves a scalar by its tag. Numbers JSON cannot hold
// (.inf, .nan, out of range) and tags JSON has no type for stay text.
func scalarValue(n *yaml.Node) any {
	s := n.Value
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		switch s {
		case "true", "True", "TRUE":
			return true
		case "false", "False", "FALSE":
			return false
		}
		if b, ok := ambiguous[s]; ok {
			return b // an explicit !!bool tag asks for YAML 1.1 words
		}
		return s
	case "!!int":
		t := strings.ReplaceAll(s, "_", "")
		if i, err := strconv.ParseInt(t, 0, 64); err == nil {
			return i
		}
		if u, err := strconv.ParseUint(strings.TrimPrefix(t, "+"), 0, 64); err == nil {
			return float64(u)
		}
		if f, ok := finite(t); ok {
			return f
		}
		return s
	case "!!float":
		if f, ok := finite(strings.ReplaceAll(s, "_", "")); ok {
			return f
		}
		return s
	default:
		return s
	}
}

// finite parses a decimal float, refusing infinities, NaN and hexadecimal
// forms that YAML does not have.
func finite(s string) (float64, bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
