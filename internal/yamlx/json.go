package yamlx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseJSON reads a file that must hold one JSON value. encoding/json decides
// what is valid; the nodes are then built here rather than by yaml.v3,
// which refuses some valid JSON (the \/ escape, surrogate pairs, a key and
// its colon on different lines, invalid UTF-8 that encoding/json replaces)
// and reads U+2028 and U+2029 as line breaks.
func parseJSON(data []byte, lim Limits) ([]*Document, []Finding) {
	if skipWS(data, 0) == len(data) {
		return nil, nil
	}
	if off := jsonDepth(data, lim.MaxDepth); off >= 0 {
		line, col := jsonPosition(data, off)
		return nil, []Finding{{Rule: RuleNestingLimit, Line: line, Column: col, Doc: 0,
			Message: fmt.Sprintf("nesting deeper than %d levels (nesting limit); the document is not read", lim.MaxDepth)}}
	}
	end := len(data)
	var findings []Finding
	if !json.Valid(data) {
		dec := json.NewDecoder(bytes.NewReader(data))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, []Finding{jsonSyntax(data, err, 0)}
		}
		end = int(dec.InputOffset())
		next := skipWS(data, end)
		if err := dec.Decode(&raw); err != nil {
			findings = append(findings, jsonSyntax(data, err, 1))
		} else {
			line, col := jsonPosition(data, next)
			findings = append(findings, Finding{Rule: RuleMultipleDocuments, Line: line, Column: col, Doc: 1,
				Message: "a JSON file holds one value; this second value is not read"})
		}
	}
	b := jsonBuilder{data: data[:end], line: 1, col: 1}
	root := b.value()
	w := newWalker(0, 0, lim)
	r := w.finish(root)
	findings = append(findings, r.findings...)
	if r.doc == nil {
		return nil, findings
	}
	return []*Document{r.doc}, findings
}

func skipWS(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// jsonSyntax places an encoding/json error in the file.
func jsonSyntax(data []byte, err error, doc int) Finding {
	off, msg := len(data), err.Error()
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off = max(int(se.Offset)-1, 0)
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "unexpected end of JSON input"
	}
	line, col := jsonPosition(data, off)
	return Finding{Rule: RuleJSONSyntax, Line: line, Column: col, Doc: doc, Message: msg}
}

// jsonPosition returns the 1-based line and rune column of offset off; JSON
// breaks lines only at LF, CRLF and CR.
func jsonPosition(data []byte, off int) (line, col int) {
	off = min(off, len(data))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch data[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				continue
			}
			line, start = line+1, i+1
		}
	}
	return line, utf8.RuneCount(data[start:off]) + 1
}

// jsonDepth returns the offset of the first '[' or '{' nested deeper than
// max, or -1.
func jsonDepth(data []byte, max int) int {
	depth := 0
	in := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if in {
			switch c {
			case '\\':
				i++
			case '"':
				in = false
			}
			continue
		}
		switch c {
		case '"':
			in = true
		case '[', '{':
			depth++
			if depth > max {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}

// jsonBuilder builds yaml.Nodes from JSON that encoding/json has accepted,
// with the positions yaml.v3 would give them. It stays safe on any input.
type jsonBuilder struct {
	data      []byte
	pos       int
	cur       int // offset up to which line and col are known
	line, col int
}

// at returns the line and column of offset off, which must not be before
// any offset asked earlier.
func (b *jsonBuilder) at(off int) (int, int) {
	for ; b.cur < off; b.cur++ {
		switch c := b.data[b.cur]; {
		case c == '\n':
			b.line, b.col = b.line+1, 1
		case c == '\r':
			if b.cur+1 < len(b.data) && b.data[b.cur+1] == '\n' {
				continue
			}
			b.line, b.col = b.line+1, 1
		case c&0xC0 != 0x80:
			b.col++
		}
	}
	return b.line, b.col
}

func (b *jsonBuilder) peek() byte {
	b.pos = skipWS(b.data, b.pos)
	if b.pos < len(b.data) {
		return b.data[b.pos]
	}
	return 0
}

func (b *jsonBuilder) value() *yaml.Node {
	c := b.peek()
	line, col := b.at(b.pos)
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: line, Column: col}
	switch c {
	case '{':
		n.Kind, n.Tag, n.Style = yaml.MappingNode, "!!map", yaml.FlowStyle
		b.pos++
		for b.peek() == '"' {
			n.Content = append(n.Content, b.value())
			if b.peek() == ':' {
				b.pos++
			}
			n.Content = append(n.Content, b.value())
			if b.peek() != ',' {
				break
			}
			b.pos++
		}
		if b.peek() == '}' {
			b.pos++
		}
	case '[':
		n.Kind, n.Tag, n.Style = yaml.SequenceNode, "!!seq", yaml.FlowStyle
		b.pos++
		for c := b.peek(); c != ']' && c != 0; c = b.peek() {
			n.Content = append(n.Content, b.value())
			if b.peek() != ',' {
				break
			}
			b.pos++
		}
		if b.peek() == ']' {
			b.pos++
		}
	case '"':
		n.Tag, n.Style, n.Value = "!!str", yaml.DoubleQuotedStyle, b.str()
	case 't', 'f', 'n':
		start := b.pos
		for b.pos < len(b.data) && b.data[b.pos] >= 'a' && b.data[b.pos] <= 'z' {
			b.pos++
		}
		n.Value = string(b.data[start:b.pos])
		n.Tag = "!!bool"
		if c == 'n' {
			n.Tag = "!!null"
		}
	default:
		start := b.pos
		for b.pos < len(b.data) && isNumberByte(b.data[b.pos]) {
			b.pos++
		}
		if b.pos == start { // not JSON; step over it so the build ends
			b.pos++
		}
		n.Value = string(b.data[start:min(b.pos, len(b.data))])
		n.Tag = numberTag(n.Value)
	}
	return n
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// numberTag resolves a JSON number as yaml.v3 resolves the same plain
// scalar: !!int when it fits 64 bits, !!float when it is a finite float,
// and !!str (its text) otherwise.
func numberTag(s string) string {
	integer := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == 'e' || c == 'E' {
			integer = false
			break
		}
	}
	if integer {
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return "!!int"
		}
		if _, err := strconv.ParseUint(s, 10, 64); err == nil {
			return "!!int"
		}
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return "!!float"
	}
	return "!!str"
}

// str reads a string token at b.pos and returns its value as encoding/json
// would.
func (b *jsonBuilder) str() string {
	start := b.pos
	simple := true
	i := start + 1
	for ; i < len(b.data); i++ {
		c := b.data[i]
		if c == '"' {
			break
		}
		if c == '\\' {
			simple = false
			i++
		} else if c >= utf8.RuneSelf {
			simple = false
		}
	}
	stop := min(i, len(b.data))
	b.pos = min(i+1, len(b.data))
	text := b.data[start+1 : stop]
	if simple || (utf8.Valid(text) && bytes.IndexByte(text, '\\') < 0) {
		return string(text)
	}
	var s string
	if err := json.Unmarshal(b.data[start:b.pos], &s); err != nil {
		return string(text)
	}
	return s
}
