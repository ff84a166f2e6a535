package yamlx

import "bytes"

// A chunk is the byte range of one document of a YAML stream.
type chunk struct {
	start, end int // byte range in the (BOM-less) input
	line       int // file line of start, 1-based
	markerLine int // line of the "---" that opened it, 0 when implicit
	// tailStart, when > start, is where a run of column-1 comments and
	// directives right before the next "---" begins. Those lines were given
	// to the next document; if the chunk only parses with them (they were
	// really the inside of a multi-line scalar), the parser retries with end.
	tailStart int
	// tailDirective says the tail holds a "%" line, which may also continue
	// a plain scalar at the root.
	tailDirective bool
	// ownStart, when > start, is where the "---" line is in a chunk that
	// begins with lines lent by the previous one.
	ownStart  int
	content   bool // has something besides comments, directives and markers
	directive bool // has a %-directive line
	// pad, when true, means the chunk starts on a "... text" line: the
	// text (and what follows up to the next marker) is a broken document.
	pad bool
}

// isBreakAt reports the length of the line break at data[i], 0 if none. Like
// libyaml (and so yaml.v3) it knows CR, LF, CRLF, NEL, LS and PS.
func breakLen(data []byte, i int) int {
	switch data[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(data) && data[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < len(data) && data[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// lineEnd returns the end of the line starting at i (before its break) and
// the start of the next line.
func lineEnd(data []byte, i int) (end, next int) {
	for j := i; j < len(data); j++ {
		c := data[j]
		if c != '\n' && c != '\r' && c != 0xC2 && c != 0xE2 {
			continue
		}
		if n := breakLen(data, j); n > 0 {
			return j, j + n
		}
	}
	return len(data), len(data)
}

// marker reports whether line is a document marker: "---" or "..." at
// column 1 followed by white space or the end of the line. It returns the
// marker byte ('-' or '.') and whether non-comment text follows it.
func marker(line []byte) (kind byte, text bool) {
	if len(line) < 3 {
		return 0, false
	}
	c := line[0]
	if (c != '-' && c != '.') || line[1] != c || line[2] != c {
		return 0, false
	}
	if len(line) > 3 && line[3] != ' ' && line[3] != '\t' {
		return 0, false
	}
	for _, b := range line[3:] {
		switch b {
		case ' ', '\t':
			continue
		case '#':
			return c, false
		}
		return c, true
	}
	return c, false
}

// classify says what a line that is not a marker holds. first says it is
// the stream's first line: yaml.v3 drops the byte order mark that starts a
// stream (prepare has), then skips one more at the start of the first line,
// but reads one at the start of a later line as text.
func classify(line []byte, first bool) (blank, comment bool) {
	if first {
		line = bytes.TrimPrefix(line, bom)
	}
	for _, b := range line {
		switch b {
		case ' ', '\t':
			continue
		case '#':
			return false, true
		}
		return false, false
	}
	return true, false
}

// maxEmptyDocuments bounds the empty documents of a file. The document
// limit allows as many documents as the shortest real ones fit in the byte
// limit; empty ones are shorter ("---\n") and each is a finding, so they
// have a bound of their own.
const maxEmptyDocuments = 10_000

// splitter cuts a YAML stream into document chunks without parsing it. It
// stops recording chunks after max of them, or after maxEmptyDocuments
// empty ones, but keeps counting.
type splitter struct {
	chunks []chunk
	total  int // chunks found, including those not recorded
	max    int
	empty  int // empty chunks recorded
	// overLine is where the first chunk not recorded starts.
	overLine int
	// emptyLimit: recording stopped at maxEmptyDocuments empty chunks.
	emptyLimit bool
}

func (s *splitter) emit(c chunk) {
	s.total++
	if len(s.chunks) == s.total-1 && len(s.chunks) < s.max && s.empty < maxEmptyDocuments {
		s.chunks = append(s.chunks, c)
		if !c.content {
			s.empty++
		}
	} else if s.overLine == 0 {
		s.overLine, _ = chunkPos(c)
		s.emptyLimit = s.empty >= maxEmptyDocuments && len(s.chunks) < s.max
	}
}

// split fills s.chunks. A "---" line opens a document (it and any text after
// it belong to that document), a "..." line closes one. Comments and
// directives between documents belong to the document that follows.
func (s *splitter) split(data []byte) {
	cur := chunk{start: 0, line: 1}
	tail, tailLine := -1, 0 // start of the trailing column-1 comment run
	tailDirective := false
	lastEmpty := false // the last emitted chunk is an empty document
	emit := func(c chunk) {
		s.emit(c)
		lastEmpty = !c.content && !c.directive
	}
	line := 1
	for i := 0; i < len(data); line++ {
		end, next := lineEnd(data, i)
		text := data[i:end]
		kind, after := marker(text)
		switch kind {
		case '-':
			if cur.content || cur.markerLine > 0 {
				c := cur
				c.end = i
				if tail > c.start {
					c.tailStart, c.tailDirective = tail, tailDirective
					emit(c)
					cur = chunk{start: tail, line: tailLine, directive: tailDirective, ownStart: i}
				} else {
					emit(c)
					cur = chunk{start: i, line: line}
				}
			}
			// Otherwise cur holds only comments, blank lines and directives:
			// they open this document.
			cur.markerLine = line
			cur.content = cur.content || after
			tail = -1
		case '.':
			c := cur
			c.end = next
			if after {
				c.end = i // the text after "..." is not part of this document
			}
			if c.content || c.markerLine > 0 || c.directive {
				emit(c)
			}
			cur = chunk{start: next, line: line + 1}
			if after {
				cur = chunk{start: i, line: line, content: true, pad: true}
			}
			tail = -1
		default:
			blank, comment := classify(text, i == 0)
			switch {
			case blank:
			case comment:
				if text[0] == '#' {
					if tail < 0 {
						tail, tailLine, tailDirective = i, line, false
					}
				} else {
					tail = -1
				}
			case text[0] == '%' && !cur.content:
				cur.directive = true
			case text[0] == '%':
				// After content a directive can only open the next document
				// (or continue a quoted or root plain scalar).
				if tail < 0 {
					tail, tailLine = i, line
				}
				tailDirective = true
			default:
				cur.content = true
				tail = -1
			}
		}
		i = next
	}
	switch {
	case cur.content || cur.directive:
		cur.end = len(data)
		emit(cur)
	case cur.markerLine > 0:
		// A last "---" with nothing after it is ignored.
	case lastEmpty:
		// So is a last empty document closed by "...".
		if len(s.chunks) == s.total {
			s.chunks = s.chunks[:len(s.chunks)-1]
			s.empty--
		} else if s.total == len(s.chunks)+1 {
			s.overLine, s.emptyLimit = 0, false
		}
		s.total--
	}
}
