package yamlx

import "strings"

// This file holds the cheap pre-scan that bounds nesting before yaml.v3 sees
// a document. It computes a lower bound of the nesting depth (it may miss
// levels, never invents one), so it can refuse a pathological document early
// without ever refusing a valid one that is within the limit. The exact check
// runs on the parsed tree.

// level is an open block collection (or a multi-line scalar) whose entries
// start at column indent.
type level struct {
	indent int
	scalar bool // a scalar value: deeper lines are its continuation
}

type depthScanner struct {
	data   []byte
	max    int
	levels []level
	colls  int // non-scalar entries of levels

	quote       byte // open quoted scalar spanning lines: '\'' or '"'
	flow        int  // open flow collections
	flowBase    int  // block depth at which the outermost flow collection opened
	blockIndent int  // >= 0 while skipping a block scalar's content lines
	opener      bool // the last structural line ended expecting a nested value

	deepest int // greatest depth seen
	crossed int // byte offset where the depth first exceeded max, -1 if never
}

// scanDepth returns the deepest nesting seen and the byte offset where it first
// went over max (-1 if it never did; scanning stops there).
func scanDepth(data []byte, max int) (deepest, crossed int) {
	s := depthScanner{data: data, max: max, blockIndent: -1, crossed: -1}
	for i := 0; i < len(data) && s.crossed < 0; {
		end, next := lineEnd(data, i)
		s.line(i, end)
		i = next
	}
	return s.deepest, s.crossed
}

// note records depth d reached at offset off and reports whether scanning
// must stop.
func (s *depthScanner) note(d, off int) bool {
	if d > s.deepest {
		s.deepest = d
	}
	if d > s.max && s.crossed < 0 {
		s.crossed = off
	}
	return s.crossed >= 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func (s *depthScanner) line(start, end int) {
	d := s.data
	if s.quote != 0 || s.flow > 0 {
		s.opener = false
		s.inline(start, end, start)
		return
	}
	indent := start
	for indent < end && d[indent] == ' ' {
		indent++
	}
	first := indent
	for first < end && isSpace(d[first]) {
		first++
	}
	col := indent - start
	if s.blockIndent >= 0 {
		if first == end || col > s.blockIndent {
			return
		}
		s.blockIndent = -1
	}
	if first == end || d[first] == '#' {
		return
	}
	if col == 0 {
		if k, _ := marker(d[start:end]); k != 0 {
			if k == '-' {
				s.opener = false
				s.value(start+3, end, start)
				if !s.opener {
					s.pushScalar()
				}
			}
			return
		}
		if d[start] == '%' {
			return
		}
	}
	for len(s.levels) > 0 && s.levels[len(s.levels)-1].indent > col {
		s.pop()
	}
	if len(s.levels) > 0 {
		top := s.levels[len(s.levels)-1]
		switch {
		case top.scalar:
			return // continuation of a multi-line scalar
		case top.indent < col && !s.opener:
			return // continuation of a plain scalar
		}
	}
	s.opener = false
	s.entry(first, end, start)
}

func (s *depthScanner) pop() {
	if !s.levels[len(s.levels)-1].scalar {
		s.colls--
	}
	s.levels = s.levels[:len(s.levels)-1]
}

// push opens a level at column col (token at offset off) unless an open level
// already starts there.
func (s *depthScanner) push(col int, scalar bool, off int) bool {
	if n := len(s.levels); n > 0 && s.levels[n-1].indent >= col {
		return false
	}
	s.levels = append(s.levels, level{indent: col, scalar: scalar})
	if !scalar {
		s.colls++
		return s.note(s.colls, off)
	}
	return false
}

// entry reads a block entry starting at offset i: "- " indicators, then a
// key, then a value. lineStart is the offset of the line (for columns).
func (s *depthScanner) entry(i, end, lineStart int) {
	d := s.data
	for i < end && d[i] == '-' && (i+1 == end || isSpace(d[i+1])) {
		if s.push(i-lineStart, false, i) {
			return
		}
		i++
		for i < end && isSpace(d[i]) {
			i++
		}
	}
	if i == end || d[i] == '#' {
		s.opener = true
		return
	}
	// A key's properties ("!t k:", "&a k:") belong to it: yaml.v3 opens the
	// mapping at the column of the first property, not of the key text.
	nodeStart := i
	i = s.props(i, end)
	if i == end || d[i] == '#' {
		s.opener = true
		return
	}
	if d[i] == '?' && (i+1 == end || isSpace(d[i+1])) {
		s.value(i+1, end, lineStart)
		return
	}
	if d[i] == ':' && (i+1 == end || isSpace(d[i+1])) {
		s.value(i+1, end, lineStart)
		return
	}
	if k := s.keyEnd(i, end); k >= 0 {
		if s.push(nodeStart-lineStart, false, i) {
			return
		}
		s.value(k+1, end, lineStart)
		return
	}
	// A scalar (or flow or quoted) node: the lines indented more than the
	// enclosing collection continue it.
	s.pushScalar()
	s.value(i, end, lineStart)
}

func (s *depthScanner) pushScalar() {
	col := 0
	if n := len(s.levels); n > 0 {
		col = s.levels[n-1].indent + 1
	}
	s.push(col, true, 0)
}

// tagEnd returns the offset just past the tag that starts with the '!' at
// i, reading exactly what yaml.v3's scanner reads: "!<verbatim>", or a
// handle and suffix of URI characters, which include '[', ']' and ','
// (so "![x" is one tag, not a flow sequence) but not '{', '}' or spaces.
func tagEnd(d []byte, i, end int) int {
	i++
	if i < end && d[i] == '<' {
		for i < end && d[i] != '>' && !isSpace(d[i]) {
			i++
		}
		return min(i+1, end)
	}
	for i < end && isTagChar(d[i]) {
		i++
	}
	return i
}

func isTagChar(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	}
	return strings.IndexByte("_-;/?:@&=+$,.!~*'()[]%", c) >= 0
}

// props skips anchors and tags ("&a ", "!t ") and the space after them.
func (s *depthScanner) props(i, end int) int {
	d := s.data
	for i < end && (d[i] == '&' || d[i] == '!') {
		if d[i] == '!' {
			i = tagEnd(d, i, end)
		} else {
			// An anchor name is letters, digits, '_' and '-', as yaml.v3 reads it.
			for i++; i < end && isTagChar(d[i]) && strings.IndexByte(";/?:@&=+$,.!~*'()[]%", d[i]) < 0; i++ {
			}
		}
		for i < end && isSpace(d[i]) {
			i++
		}
	}
	return i
}

// keyEnd returns the offset of the ':' ending a simple key that starts at i,
// or -1 when the line holds no key there.
func (s *depthScanner) keyEnd(i, end int) int {
	d := s.data
	if d[i] == '"' || d[i] == '\'' {
		q := d[i]
		j := i + 1
		for ; j < end; j++ {
			if q == '"' && d[j] == '\\' {
				j++
				continue
			}
			if d[j] == q {
				if q == '\'' && j+1 < end && d[j+1] == '\'' {
					j++
					continue
				}
				break
			}
		}
		if j >= end {
			return -1
		}
		for j++; j < end && isSpace(d[j]); j++ {
		}
		if j < end && d[j] == ':' {
			return j
		}
		return -1
	}
	switch d[i] {
	case '[', '{', '|', '>', '*', '#', '`', '@', '%':
		return -1
	}
	for j := i; j < end; j++ {
		switch d[j] {
		case ':':
			if j+1 == end || isSpace(d[j+1]) {
				return j
			}
		case '#':
			if j > i && isSpace(d[j-1]) {
				return -1
			}
		}
	}
	return -1
}

// value reads what follows a key's ':', a "?" or a "---" marker.
func (s *depthScanner) value(i, end, lineStart int) {
	d := s.data
	for i < end && isSpace(d[i]) {
		i++
	}
	i = s.props(i, end)
	if i == end || d[i] == '#' {
		s.opener = true
		return
	}
	switch d[i] {
	case '[', '{':
		s.flowBase = s.colls
		s.flow = 1
		if s.note(s.flowBase+1, i) {
			return
		}
		s.inline(i+1, end, lineStart)
	case '"', '\'':
		s.quote = d[i]
		s.inline(i+1, end, lineStart)
	case '|', '>':
		s.blockIndent = 0
		if n := len(s.levels); n > 0 {
			s.blockIndent = s.levels[n-1].indent
		}
	}
}

// inline scans flow collections and quoted scalars, which may span lines.
func (s *depthScanner) inline(i, end, lineStart int) {
	d := s.data
	tokenStart := true
	// plain: inside a plain scalar, the one token that may hold a '#'
	// without a blank before it. Anywhere else libyaml takes '#' for a
	// comment: "{#[" opens one collection, not two.
	plain := false
	for ; i < end; i++ {
		c := d[i]
		if s.quote != 0 {
			switch {
			case s.quote == '"' && c == '\\':
				i++
			case c == s.quote:
				if c == '\'' && i+1 < end && d[i+1] == '\'' {
					i++
					continue
				}
				s.quote = 0
				tokenStart = false
				if s.flow == 0 {
					s.afterNode(i+1, end, lineStart)
					return
				}
			}
			continue
		}
		if s.flow == 0 {
			return
		}
		switch c {
		case ' ', '\t':
			continue
		case '#':
			if !plain || i == lineStart || isSpace(d[i-1]) {
				return
			}
			tokenStart = false
		case '[', '{':
			plain = false
			s.flow++
			if s.note(s.flowBase+s.flow, i) {
				return
			}
			tokenStart = true
		case ']', '}':
			plain = false
			s.flow--
			if s.flow == 0 {
				s.afterNode(i+1, end, lineStart)
				return
			}
			tokenStart = false
		case ',':
			plain = false
			tokenStart = true
		case ':', '?':
			tokenStart = true // a plain scalar goes on through "a:#b"
		case '"', '\'':
			if tokenStart {
				s.quote = c
			} else {
				plain = true
			}
			tokenStart = false
		case '!':
			if tokenStart {
				i = tagEnd(d, i, end) - 1
			} else {
				plain = true
			}
			tokenStart = false
		default:
			plain = true
			tokenStart = false
		}
	}
}

// afterNode handles what follows a closed flow collection or quoted scalar on
// the same line in block context: possibly ": value" when it was a key.
func (s *depthScanner) afterNode(i, end, lineStart int) {
	d := s.data
	for i < end && isSpace(d[i]) {
		i++
	}
	if i < end && d[i] == ':' && (i+1 == end || isSpace(d[i+1])) {
		s.value(i+1, end, lineStart)
	}
}
