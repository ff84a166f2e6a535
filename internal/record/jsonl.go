package record

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// JSONL reads the lines of a JSON Lines file one at a time. Blank lines
// are skipped. See the package doc for encodings and line ends.
type JSONL struct {
	lines *lines
	max   int
	line  Line
}

// NewJSONL returns a reader of r. Of the options, MaxBytes and
// MaxTotalBytes apply: a line is a record.
func NewJSONL(r io.Reader, o Options) *JSONL {
	j := &JSONL{lines: newLines(capReader(r, o.MaxTotalBytes), bufSize), max: o.maxBytes()}
	j.lines.total = o.MaxTotalBytes
	return j
}

// Line is one line of a JSON Lines file. Read reuses it: it is valid
// until the next Read, but for Text and the strings taken from it, which
// may be kept.
type Line struct {
	// Number is the line's number, from 1.
	Number int
	// Text is the line without its line end.
	Text string
	raw  []byte // Text's bytes, in the reader's buffer
}

// Read returns the next line that is not blank. A line longer than the
// limit returns a *Problem (TooLong) as the error; the next Read goes on
// after it. Read returns io.EOF at the end of the file, a *LimitError
// past MaxTotalBytes, and any other error that stops the reading, such
// as an error of r, from then on.
func (j *JSONL) Read() (*Line, error) {
	for {
		raw, cut, _, err := j.lines.next(j.max)
		n := j.lines.n
		switch {
		case err != nil:
			return nil, err
		case cut:
			return nil, &Problem{Kind: TooLong, Start: n, End: n, Line: n, Msg: "longer than " + strconv.Itoa(j.max) + " bytes"}
		case blank(raw):
			continue
		}
		j.line = Line{Number: n, Text: string(raw), raw: raw}
		return &j.line, nil
	}
}

// blank reports whether a line holds nothing but the white space JSON
// allows around values.
func blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// Column returns the character column of byte offset off of the line.
func (l *Line) Column(off int) int { return Column(l.Text, off) }

// Member is one member of a JSON object.
type Member struct {
	// Key is the member's name, decoded.
	Key string
	// Value is the member's value as JSON text: `"x"`, `12`, `{...}`.
	Value string
	// KeyOff and ValueOff are the byte offsets in the line of the key's
	// opening quote and of the value.
	KeyOff, ValueOff int
}

// Object reads the line as one JSON object and calls fn for each of its
// members, in order. When the line is not one, it returns a *Problem
// (Syntax) at the character where the JSON goes wrong, and calls fn for
// none. Keys are decoded as encoding/json decodes them: bytes that are
// not UTF-8 read as U+FFFD.
func (l *Line) Object(fn func(Member)) error {
	lead, end := skipSpace(l.Text, 0), len(l.Text)
	for end > lead && isSpace(l.Text[end-1]) {
		end--
	}
	obj := l.Text[lead:end]
	if obj[0] != '{' {
		return l.problem(lead, "the line is not a JSON object")
	}
	if raw := l.raw[lead : lead+len(obj)]; !json.Valid(raw) {
		var se *json.SyntaxError
		if err := json.Unmarshal(raw, new(json.RawMessage)); errors.As(err, &se) {
			return l.problem(lead+int(se.Offset)-1, "the line is not valid JSON: "+se.Error())
		}
		return l.problem(lead, "the line is not valid JSON")
	}
	i := skipSpace(obj, 1)
	for i < len(obj) && obj[i] == '"' {
		keyOff := i
		end := StringEnd(obj, i)
		key, _ := JSONString(obj[i:end])
		i = skipSpace(obj, end)
		i = skipSpace(obj, i+1) // the colon
		valOff := i
		end = ValueEnd(obj, i)
		fn(Member{Key: key, Value: obj[valOff:end], KeyOff: lead + keyOff, ValueOff: lead + valOff})
		i = skipSpace(obj, end)
		if i < len(obj) && obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
	return nil
}

func (l *Line) problem(off int, msg string) *Problem {
	return &Problem{Kind: Syntax, Start: l.Number, End: l.Number, Line: l.Number, Column: l.Column(off), Msg: msg}
}

// JSONString decodes a JSON string literal as encoding/json does, bytes
// that are not UTF-8 read as U+FFFD; ok is false when lit is not one.
// The usual literal, without escapes, costs no allocation.
func JSONString(lit string) (string, bool) {
	if len(lit) >= 2 && lit[0] == '"' && lit[len(lit)-1] == '"' && strings.IndexByte(lit, '\\') < 0 && utf8.ValidString(lit) {
		return lit[1 : len(lit)-1], true
	}
	return decodeString(lit)
}

// decodeString is JSONString's slow path, apart so that the fast one
// does not allocate the string decoded into.
func decodeString(lit string) (s string, ok bool) {
	err := json.Unmarshal([]byte(lit), &s)
	return s, err == nil
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// isSpace reports whether c is white space JSON allows around values.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// StringEnd returns the offset after the JSON string literal that starts
// at byte i of s (its opening quote), or len(s) when it is not closed.
func StringEnd[T ~string | ~[]byte](s T, i int) int {
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(s)
}

// ValueEnd returns the offset after the JSON value that starts at byte i
// of s, found by its brackets and strings alone: for valid JSON, the
// value's end; for a value whose brackets never close, len(s). The JSON
// readers of the module (this package's, package slack's) skip values
// with it.
func ValueEnd[T ~string | ~[]byte](s T, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '"':
		return StringEnd(s, i)
	case '{', '[':
		depth := 0
		for i < len(s) {
			switch s[i] {
			case '"':
				i = StringEnd(s, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(s) { // a number, true, false, null, or garbage
		switch s[i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return i
		}
		i++
	}
	return i
}

// InvalidUTF8 calls fn for every string of value, one JSON value at
// pointer ptr, that holds bytes that are not UTF-8: a key at the key, a
// value at the value, each with its byte offset in value and its JSON
// pointer. encoding/json reads those bytes as U+FFFD without a word;
// this says where they were. value must be valid JSON.
func InvalidUTF8(value, ptr string, fn func(off int, ptr string)) {
	// frame is an open object or array: the pointer to it, and the key or
	// index of the member being read.
	type frame struct {
		ptr     string
		obj     bool
		wantKey bool
		key     string
		index   int
	}
	var stack []frame
	here := func() string { // the pointer of the value about to be read
		if len(stack) == 0 {
			return ptr
		}
		top := &stack[len(stack)-1]
		if top.obj {
			return top.ptr + Pointer(top.key)
		}
		return top.ptr + "/" + strconv.Itoa(top.index)
	}
	done := func() { // a value of the innermost container was read
		if len(stack) == 0 {
			return
		}
		top := &stack[len(stack)-1]
		if top.obj {
			top.wantKey = true
		} else {
			top.index++
		}
	}
	dec := json.NewDecoder(strings.NewReader(value))
	dec.UseNumber()
	prev := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return // io.EOF, as value is valid JSON
		}
		end := int(dec.InputOffset())
		start := prev + len(value[prev:end]) - len(strings.TrimLeft(value[prev:end], " \t\r\n,:"))
		prev = end
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				stack = append(stack, frame{ptr: here(), obj: v == '{', wantKey: v == '{'})
				continue
			}
			stack = stack[:len(stack)-1]
			done()
		case string:
			if top := len(stack) - 1; top >= 0 && stack[top].wantKey {
				stack[top].key, stack[top].wantKey = v, false
				if !utf8.ValidString(value[start:end]) {
					fn(start, here())
				}
				continue
			}
			if !utf8.ValidString(value[start:end]) {
				fn(start, here())
			}
			done()
		default:
			done()
		}
	}
}
