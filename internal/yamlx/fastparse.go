package yamlx

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// This file holds a fast path for the YAML that designs are written in:
// block mappings and sequences, one-line flow collections and one-line
// scalars, without comments, anchors, tags or block scalars. It builds
// exactly the yaml.Node tree yaml.v3 builds (positions, tags and styles
// included) or declines, and then yaml.v3 parses the chunk as before, so it
// never decides what is valid: anything it is not sure of declines.
// FuzzFastParseMatchesYAMLv3 holds it to that.

// Tags of the nodes, as yaml.v3 writes them.
const (
	tagNull      = "!!null"
	tagBool      = "!!bool"
	tagStr       = "!!str"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagTimestamp = "!!timestamp"
	tagSeq       = "!!seq"
	tagMap       = "!!map"
	tagMerge     = "!!merge"
)

const (
	// fastMaxDepth bounds the recursion; deeper documents go to yaml.v3.
	fastMaxDepth = 64
	// fastMaxKey stays below yaml.v3's 1024-character limit for implicit
	// keys (measured in bytes here, which are never fewer than characters).
	fastMaxKey = 1000
	// nodeSlab is the size of the node blocks allocated after the first.
	nodeSlab = 64
)

// declined is the panic value that unwinds a declining fast parse.
type declined struct{}

type fastParser struct {
	s string // the chunk; unescaped scalars are substrings of it

	// The current line.
	start int // offset of its first byte
	end   int // offset of its line break (or len(s))
	ind   int // spaces before its first character
	line  int // 1-based
	eof   bool

	// head is the run of comment lines above the current line, at
	// indentation headInd; only a mapping key may take it.
	head    string
	headInd int
	parts   []string

	nodes []yaml.Node  // free nodes of the current block
	kids  []*yaml.Node // children of the open collections, innermost last
	ptrs  []*yaml.Node // free room for Content slices
	buf   []byte       // scratch for escaped scalars
	depth int          // open collections
	// strict lets panics other than declined through, for the tests.
	strict bool
}

// fastDecode parses src as decodeOne does, or declines (ok false). When it
// does not decline, root is what yaml.v3 would return for src. With a
// scratch, the tree is built in its memory, and is valid until the
// scratch's next use.
func fastDecode(src []byte, sc *scratch) (root *yaml.Node, ok bool) {
	return fastDecodeMode(src, false, sc)
}

// scratch is the node memory of one parsing goroutine, reused from
// document to document when nothing keeps a parsed yaml.Node tree
// (Options.Compact copies it and drops it). Allocating it afresh for every
// document was half of all the memory a load allocated.
type scratch struct {
	nodes []yaml.Node
	ptrs  []*yaml.Node
	kids  []*yaml.Node
}

// take returns n cleared nodes and n cleared pointers: the parser expects
// zero values.
func (sc *scratch) take(n int) ([]yaml.Node, []*yaml.Node) {
	if cap(sc.nodes) < n {
		sc.nodes, sc.ptrs = make([]yaml.Node, n), make([]*yaml.Node, n)
	}
	nodes, ptrs := sc.nodes[:n], sc.ptrs[:n]
	clear(nodes)
	clear(ptrs)
	return nodes, ptrs
}

func fastDecodeMode(src []byte, strict bool, sc *scratch) (root *yaml.Node, ok bool) {
	nodes, good := fastScan(src)
	if !good {
		return nil, false
	}
	p := fastParser{s: string(src), strict: strict}
	if sc != nil {
		p.nodes, p.ptrs = sc.take(nodes)
		p.kids = sc.kids[:0]
		defer func() { clear(p.kids); sc.kids = p.kids[:0] }()
	} else {
		p.nodes = make([]yaml.Node, nodes)
		p.ptrs = make([]*yaml.Node, nodes)
		p.kids = make([]*yaml.Node, 0, 32)
	}
	defer func() {
		// Any other panic is a bug of the fast path; yaml.v3 then parses
		// the chunk, so users see nothing of it (the fuzz target does).
		if r := recover(); r != nil {
			if _, d := r.(declined); !d && p.strict {
				panic(r)
			}
			root, ok = nil, false
		}
	}()
	return p.document(), true
}

// fastScan checks that src has only characters the fast path handles and
// estimates how many nodes it holds.
func fastScan(src []byte) (nodes int, ok bool) {
	// Most nodes follow ": " (a key and its value), "- " (an entry), "["
	// (the sequence and its first entry), "{" or "," (an entry, or a key
	// counted twice).
	nodes = 2
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ':' || c == '-':
				if i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n' {
					nodes++
					if c == ':' {
						nodes++
					}
				}
			case c == ',':
				nodes++
			case c == '[':
				nodes += 2
			case c == '{':
				nodes++
			case c == '\n':
			case c < 0x20 || c == 0x7F:
				// Tabs, carriage returns and control characters.
				return 0, false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return 0, false
		case r >= 0xA0 && r <= 0xD7FF && r != 0x2028 && r != 0x2029,
			r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF,
			r >= 0x10000 && r <= 0x10FFFF:
		default:
			return 0, false
		}
		i += n
	}
	return nodes, true
}

func (p *fastParser) decline() { panic(declined{}) }

// load makes the line starting at off current.
func (p *fastParser) load(off int) {
	p.start = off
	if off >= len(p.s) {
		p.eof, p.end, p.ind = true, len(p.s), 0
		return
	}
	i := off
	for i < len(p.s) && p.s[i] == ' ' {
		i++
	}
	p.ind = i - off
	if j := strings.IndexByte(p.s[i:], '\n'); j >= 0 {
		p.end = i + j
	} else {
		p.end = len(p.s)
	}
}

// advance moves to the next line that is neither blank nor a comment.
func (p *fastParser) advance() {
	if p.eof {
		return
	}
	p.line++
	p.load(p.end + 1)
	p.settle()
}

// settle moves from the current line to the first that is neither blank
// nor a comment, keeping the comment lines right above it as p.head. It
// declines comments yaml.v3 gives to something else than the key that
// follows them: comments followed by a blank line, by the end, or by a line
// indented differently (foot comments, the document's head comment).
func (p *fastParser) settle() {
	first := -1 // offset of the first comment line of the run
	for !p.eof {
		if p.start > 0 && p.ind == 0 && (strings.HasPrefix(p.s[p.start:], "---") || strings.HasPrefix(p.s[p.start:], "...")) &&
			(p.start+3 == p.end || p.s[p.start+3] == ' ') {
			p.decline() // a document marker
		}
		c := p.start + p.ind
		switch {
		case c == p.end:
			if first >= 0 {
				p.decline()
			}
		case p.s[c] == '#':
			if first < 0 {
				first, p.headInd = c, p.ind
				p.head = p.s[c:p.end]
			} else if p.ind != p.headInd {
				p.decline()
			} else {
				// Several lines: yaml.v3 joins them, without indentation.
				p.parts = append(p.parts[:0], p.head, "\n", p.s[c:p.end])
				p.head = strings.Join(p.parts, "")
			}
		default:
			if first >= 0 && p.ind != p.headInd {
				p.decline()
			}
			return
		}
		p.line++
		p.load(p.end + 1)
	}
	if first >= 0 {
		p.decline()
	}
}

// column is the 1-based character column of offset off on the current line.
func (p *fastParser) column(off int) int {
	n := 1
	for i := p.start; i < off; i++ {
		if p.s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func (p *fastParser) node() *yaml.Node {
	if len(p.nodes) == 0 {
		p.nodes = make([]yaml.Node, nodeSlab)
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	return n
}

// collection starts a collection node at offset off of the current line.
func (p *fastParser) collection(kind yaml.Kind, off int) (*yaml.Node, int) {
	p.depth++
	if p.depth > fastMaxDepth {
		p.decline()
	}
	n := p.node()
	n.Kind, n.Line, n.Column = kind, p.line, p.column(off)
	if kind == yaml.MappingNode {
		n.Tag = tagMap
	} else {
		n.Tag = tagSeq
	}
	return n, len(p.kids)
}

// close gives n the children pushed since mark.
func (p *fastParser) close(n *yaml.Node, mark int) {
	k := len(p.kids) - mark
	if k > 0 {
		if len(p.ptrs) < k {
			p.ptrs = make([]*yaml.Node, max(k, nodeSlab))
		}
		n.Content = p.ptrs[:k:k]
		copy(n.Content, p.kids[mark:])
		p.ptrs = p.ptrs[k:]
	}
	clear(p.kids[mark:])
	p.kids = p.kids[:mark]
	p.depth--
}

func (p *fastParser) scalar(value string, style yaml.Style, off int) *yaml.Node {
	n := p.node()
	n.Kind, n.Value, n.Style = yaml.ScalarNode, value, style
	n.Line, n.Column = p.line, p.column(off)
	if style == 0 {
		n.Tag = plainTag(value)
	} else {
		n.Tag = tagStr
	}
	return n
}

// document parses the whole chunk: an optional "---" line, then one node.
func (p *fastParser) document() *yaml.Node {
	p.line = 1
	p.load(0)
	if strings.HasPrefix(p.s, "...") {
		p.decline()
	}
	if strings.HasPrefix(p.s, "---") {
		if p.ind != 0 || strings.TrimRight(p.s[3:p.end], " ") != "" {
			p.decline()
		}
		p.advance()
	} else {
		p.skipDocumentComment()
		p.settle()
	}
	if p.eof {
		p.decline()
	}
	root := p.block(p.start+p.ind, -1)
	if !p.eof {
		p.decline()
	}
	return root
}

// skipDocumentComment moves past the comment lines yaml.v3 gives to the
// document rather than to a node of it: those up to the last blank line
// before the content, when the document has no "---" line.
func (p *fastParser) skipDocumentComment() {
	comment, restart, line := false, -1, 0
	for off, n := 0, 1; off < len(p.s); n++ {
		end := strings.IndexByte(p.s[off:], '\n')
		if end < 0 {
			end = len(p.s)
		} else {
			end += off
		}
		text := strings.TrimLeft(p.s[off:end], " ")
		switch {
		case text == "":
			if comment {
				restart, line = end+1, n+1
			}
		case text[0] == '#':
			comment = true
		default:
			off = len(p.s) // the content: stop
			continue
		}
		off = end + 1
	}
	if restart >= 0 {
		p.line = line
		p.load(restart)
	}
}

// block parses the node whose first character is at offset off of the
// current line, inside a block collection at indentation parent (-1 at the
// root), and leaves the current line at the first one after it.
func (p *fastParser) block(off, parent int) *yaml.Node {
	s := p.s
	if off == p.start+p.ind && s[off] == '-' && (off+1 == p.end || s[off+1] == ' ') {
		return p.sequence(off-p.start, false)
	}
	if _, colon := p.key(off); colon >= 0 {
		return p.mapping(off - p.start)
	}
	if p.head != "" {
		p.decline()
	}
	return p.leaf(off, parent)
}

// leaf parses a scalar or flow collection that fills the rest of the line
// from off, and moves to the next line, which must not continue it.
func (p *fastParser) leaf(off, parent int) *yaml.Node {
	var n *yaml.Node
	var end int
	switch p.s[off] {
	case '[', '{':
		n, end = p.flow(off)
		if i := p.space(end); i > end && i < p.end && p.s[i] == '#' {
			end = p.comment(n, parent, i)
		}
	case '"', '\'':
		n, end = p.quoted(off)
		if i := p.space(end); i > end && i < p.end && p.s[i] == '#' {
			end = p.comment(n, parent, i)
		}
	default:
		v, e, stop := p.plain(off, false)
		switch stop {
		case ':':
			p.decline()
		case '#':
			n = p.scalar(v, 0, off)
			end = p.comment(n, parent, p.space(e))
		default:
			n, end = p.scalar(v, 0, off), e
		}
	}
	p.rest(end)
	p.advance()
	if !p.eof && p.ind > parent {
		// A continuation line of the scalar, or something yaml.v3 refuses.
		p.decline()
	}
	return n
}

// comment gives n, a scalar or flow collection, the comment at offset hash,
// which ends the line, and returns the line's end. Only a value in a block
// collection takes it.
func (p *fastParser) comment(n *yaml.Node, parent, hash int) int {
	if parent < 0 || p.s[hash] != '#' {
		p.decline()
	}
	n.LineComment = p.s[hash:p.end]
	return p.end
}

// rest declines unless only spaces follow off on the current line.
func (p *fastParser) rest(off int) {
	for ; off < p.end; off++ {
		if p.s[off] != ' ' {
			p.decline()
		}
	}
}

// key reports whether the line holds an implicit key at off: it returns the
// key's end and the offset of its ':' (-1 when there is none).
func (p *fastParser) key(off int) (end, colon int) {
	s := p.s
	switch s[off] {
	case '"', '\'':
		e := p.skipQuoted(off)
		i := e
		for i < p.end && s[i] == ' ' {
			i++
		}
		if i < p.end && s[i] == ':' && (i+1 == p.end || s[i+1] == ' ') {
			return e, i
		}
		return e, -1
	case '[', '{':
		return off, -1
	}
	_, e, stop := p.plain(off, false)
	if stop == ':' {
		i := e
		for s[i] != ':' {
			i++
		}
		return e, i
	}
	return e, -1
}

// mapping parses a block mapping whose keys are at indentation ind, the
// first on the current line.
func (p *fastParser) mapping(ind int) *yaml.Node {
	n, mark := p.collection(yaml.MappingNode, p.start+ind)
	for {
		off := p.start + ind
		if p.s[off] == '-' && (off+1 == p.end || p.s[off+1] == ' ') {
			p.decline()
		}
		end, colon := p.key(off)
		if colon < 0 || colon-off > fastMaxKey {
			p.decline()
		}
		var k *yaml.Node
		if c := p.s[off]; c == '"' || c == '\'' {
			k, _ = p.quoted(off)
		} else {
			k = p.scalar(strings.TrimRight(p.s[off:end], " "), 0, off)
		}
		if p.head != "" {
			k.HeadComment, p.head = p.head, ""
		}
		p.kids = append(p.kids, k)
		v := colon + 1
		for v < p.end && p.s[v] == ' ' {
			v++
		}
		if v < p.end && p.s[v] != '#' {
			// leaf declines "a: b: c" and "a: - b".
			p.kids = append(p.kids, p.leaf(v, ind))
		} else {
			if v < p.end {
				// "key: # comment" above the key's block value.
				k.LineComment = p.s[v:p.end]
			}
			line, col := p.line, p.column(colon+1)
			p.advance()
			switch {
			case !p.eof && p.ind > ind:
				p.kids = append(p.kids, p.nested())
			case !p.eof && p.ind == ind && p.s[p.start+ind] == '-' &&
				(p.start+ind+1 == p.end || p.s[p.start+ind+1] == ' '):
				p.kids = append(p.kids, p.sequence(ind, true))
			case k.LineComment != "":
				p.decline()
			default:
				e := p.node()
				e.Kind, e.Tag, e.Line, e.Column = yaml.ScalarNode, tagNull, line, col
				p.kids = append(p.kids, e)
			}
		}
		if p.eof || p.ind < ind {
			break
		}
		if p.ind > ind {
			p.decline()
		}
	}
	p.close(n, mark)
	return n
}

// nested parses a block collection that starts on its own line, more
// indented than the collection it is a value in.
func (p *fastParser) nested() *yaml.Node {
	off := p.start + p.ind
	if p.s[off] == '-' && (off+1 == p.end || p.s[off+1] == ' ') {
		return p.sequence(p.ind, false)
	}
	if _, colon := p.key(off); colon >= 0 {
		return p.mapping(p.ind)
	}
	// A scalar or flow collection on a line of its own.
	p.decline()
	return nil
}

// sequence parses a block sequence whose "-" are at indentation ind, the
// first on the current line. An indentless sequence (the value of a key at
// the same indentation) ends at the first line that is not an entry.
func (p *fastParser) sequence(ind int, indentless bool) *yaml.Node {
	n, mark := p.collection(yaml.SequenceNode, p.start+ind)
	for {
		if p.head != "" {
			p.decline()
		}
		dash := p.start + ind
		v := dash + 1
		for v < p.end && p.s[v] == ' ' {
			v++
		}
		switch {
		case v < p.end:
			if c := p.s[v]; c == '-' && (v+1 == p.end || p.s[v+1] == ' ') {
				p.decline() // "- - x"
			}
			if _, c := p.key(v); c >= 0 {
				p.kids = append(p.kids, p.mapping(v-p.start))
			} else {
				// An indentless sequence's entries count, as yaml.v3
				// counts them, from the mapping around it: at ind too.
				p.kids = append(p.kids, p.leaf(v, ind))
			}
		default:
			line, col := p.line, p.column(dash+1)
			p.advance()
			if !p.eof && p.ind > ind {
				p.kids = append(p.kids, p.nested())
			} else {
				e := p.node()
				e.Kind, e.Tag, e.Line, e.Column = yaml.ScalarNode, tagNull, line, col
				p.kids = append(p.kids, e)
			}
		}
		if p.eof || p.ind < ind {
			break
		}
		off := p.start + p.ind
		isEntry := p.ind == ind && p.s[off] == '-' && (off+1 == p.end || p.s[off+1] == ' ')
		if !isEntry {
			if indentless && p.ind == ind {
				break
			}
			p.decline()
		}
	}
	p.close(n, mark)
	return n
}

// flow parses a flow collection that ends on the line it starts on and
// returns it with the offset after it.
func (p *fastParser) flow(off int) (*yaml.Node, int) {
	s := p.s
	closing := byte(']')
	kind := yaml.SequenceNode
	if s[off] == '{' {
		closing, kind = '}', yaml.MappingNode
	}
	n, mark := p.collection(kind, off)
	n.Style = yaml.FlowStyle
	i := p.space(off + 1)
	if i < p.end && s[i] == closing {
		p.close(n, mark)
		return n, i + 1
	}
	for {
		if i >= p.end {
			p.decline()
		}
		if kind == yaml.MappingNode {
			c := s[i]
			if c == '[' || c == '{' {
				p.decline()
			}
			k, e := p.flowItem(i)
			p.kids = append(p.kids, k)
			e = p.space(e)
			if e >= p.end || s[e] != ':' || e-i > fastMaxKey {
				p.decline()
			}
			if k.Style == 0 && e+1 < p.end && s[e+1] != ' ' {
				// "a:b" is one plain scalar; plain() stopped elsewhere.
				p.decline()
			}
			i = p.space(e + 1)
			if i >= p.end || s[i] == ',' || s[i] == '}' {
				p.decline()
			}
			v, e2 := p.flowItem(i)
			p.kids = append(p.kids, v)
			i = p.space(e2)
		} else {
			v, e := p.flowItem(i)
			p.kids = append(p.kids, v)
			i = p.space(e)
			if i < p.end && s[i] == ':' {
				p.decline() // a single-pair mapping
			}
		}
		if i >= p.end {
			p.decline()
		}
		if s[i] == closing {
			p.close(n, mark)
			return n, i + 1
		}
		if s[i] != ',' {
			p.decline()
		}
		i = p.space(i + 1)
		if i >= p.end || s[i] == closing || s[i] == ',' {
			p.decline()
		}
	}
}

func (p *fastParser) space(i int) int {
	for i < p.end && p.s[i] == ' ' {
		i++
	}
	return i
}

// flowItem parses a node inside a flow collection at off.
func (p *fastParser) flowItem(off int) (*yaml.Node, int) {
	if off >= p.end {
		p.decline()
	}
	switch p.s[off] {
	case '[', '{':
		return p.flow(off)
	case '"', '\'':
		return p.quoted(off)
	}
	v, e, stop := p.plain(off, true)
	if stop == '#' || stop == '?' {
		p.decline()
	}
	return p.scalar(v, 0, off), e
}

// plain scans a one-line plain scalar at off, in flow context or not. It
// returns the value, the offset after it (before trailing spaces) and what
// stopped it: 0 for the end of the line, ':' for ": ", '#' for a comment,
// or in flow context the indicator.
func (p *fastParser) plain(off int, flow bool) (value string, end int, stop byte) {
	s := p.s
	c := s[off]
	switch c {
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		p.decline()
	case '-', '?', ':':
		if off+1 == p.end || s[off+1] == ' ' || flow && c != '-' {
			p.decline()
		}
	}
	end = off
	i := off
	for i < p.end {
		c := s[i]
		switch {
		case c == ' ':
			if i+1 < p.end && s[i+1] == '#' {
				return s[off:end], end, '#'
			}
			i++
			continue
		case c == ':' && (i+1 == p.end || s[i+1] == ' '):
			return s[off:end], end, ':'
		case flow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}'):
			if c == '?' {
				return s[off:end], end, '?'
			}
			return s[off:end], end, c
		}
		i++
		end = i
	}
	return s[off:end], end, 0
}

// skipQuoted returns the offset after the quoted scalar at off, declining
// when it does not end on its line.
func (p *fastParser) skipQuoted(off int) int {
	s := p.s
	q := s[off]
	for i := off + 1; i < p.end; i++ {
		switch s[i] {
		case q:
			if q == '\'' && i+1 < p.end && s[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		case '\\':
			if q == '"' {
				i++
			}
		}
	}
	p.decline()
	return 0
}

// quoted parses the one-line quoted scalar at off.
func (p *fastParser) quoted(off int) (*yaml.Node, int) {
	s := p.s
	q := s[off]
	end := p.skipQuoted(off)
	body := s[off+1 : end-1]
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
		if strings.Contains(body, "''") {
			body = strings.ReplaceAll(body, "''", "'")
		}
	} else if strings.IndexByte(body, '\\') >= 0 {
		body = p.unescape(body)
	}
	return p.scalar(body, style, off), end
}

// unescape decodes the escapes of a double-quoted scalar's body.
func (p *fastParser) unescape(body string) string {
	b := p.buf[:0]
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i == len(body) {
			p.decline()
		}
		digits := 0
		switch body[i] {
		case '0':
			b = append(b, 0)
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 't':
			b = append(b, '\t')
		case 'n':
			b = append(b, '\n')
		case 'v':
			b = append(b, '\v')
		case 'f':
			b = append(b, '\f')
		case 'r':
			b = append(b, '\r')
		case 'e':
			b = append(b, 0x1B)
		case ' ', '"', '\'', '\\':
			b = append(b, body[i])
		case 'N':
			b = utf8.AppendRune(b, 0x85)
		case '_':
			b = utf8.AppendRune(b, 0xA0)
		case 'L':
			b = utf8.AppendRune(b, 0x2028)
		case 'P':
			b = utf8.AppendRune(b, 0x2029)
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		default:
			p.decline()
		}
		if digits > 0 {
			if i+digits >= len(body) {
				p.decline()
			}
			v, err := strconv.ParseUint(body[i+1:i+1+digits], 16, 32)
			if err != nil || v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
				p.decline()
			}
			b = utf8.AppendRune(b, rune(v))
			i += digits
		}
	}
	p.buf = b
	return string(b)
}

// plainTag is the tag yaml.v3 resolves a plain scalar to.
func plainTag(v string) string {
	if v == "" {
		return tagNull
	}
	switch c := v[0]; {
	case c == '<':
		if v == "<<" {
			return tagMerge
		}
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		return resolveNumber(v)
	case c == '.':
		switch v {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return tagFloat
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return tagFloat
		}
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return tagBool
		case "~", "null", "Null", "NULL":
			return tagNull
		}
	}
	return tagStr
}

// resolveNumber resolves a plain scalar that starts with a sign or a digit, in
// the order yaml.v3 tries: timestamp, integer, float, binary and octal.
func resolveNumber(v string) string {
	switch v {
	case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return tagFloat
	}
	if isTimestamp(v) {
		return tagTimestamp
	}
	d := v
	if strings.IndexByte(d, '_') >= 0 {
		d = strings.ReplaceAll(d, "_", "")
	}
	if mayBeInt(d) {
		if _, err := strconv.ParseInt(d, 0, 64); err == nil {
			return tagInt
		}
		if _, err := strconv.ParseUint(d, 0, 64); err == nil {
			return tagInt
		}
	}
	if isFloatText(d) {
		if _, err := strconv.ParseFloat(d, 64); err == nil {
			return tagFloat
		}
	}
	for _, b := range [...]struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if rest, ok := strings.CutPrefix(d, b.prefix); ok {
			if _, err := strconv.ParseInt(rest, b.base, 64); err == nil {
				return tagInt
			}
			if _, err := strconv.ParseUint(rest, b.base, 64); err == nil {
				return tagInt
			}
		} else if rest, ok := strings.CutPrefix(d, "-"+b.prefix); ok {
			if _, err := strconv.ParseInt("-"+rest, b.base, 64); err == nil {
				return tagInt
			}
		}
	}
	return tagStr
}

// mayBeInt is false for text strconv.ParseInt and ParseUint refuse in base
// 0 whatever follows (no digit after the sign, or a '.'), which spares
// them the error they would allocate for every decimal fraction.
func mayBeInt(d string) bool {
	if d != "" && (d[0] == '+' || d[0] == '-') {
		d = d[1:]
	}
	return d != "" && '0' <= d[0] && d[0] <= '9' && strings.IndexByte(d, '.') < 0
}

// timestampLayouts are the forms yaml.v3 reads as timestamps.
var timestampLayouts = [...]string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

func isTimestamp(v string) bool {
	if len(v) < 5 || v[4] != '-' {
		return false
	}
	for i := range 4 {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}

// isFloatText matches yaml.v3's float pattern:
// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
func isFloatText(v string) bool {
	i := 0
	if i < len(v) && (v[i] == '-' || v[i] == '+') {
		i++
	}
	digits := func() int {
		j := i
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(v) && v[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(v) && v[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		if i < len(v) && (v[i] == '-' || v[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(v)
}
