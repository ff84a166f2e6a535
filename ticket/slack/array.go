package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
)

// jsonFile is one JSON file of the export held in memory (within
// Config.MaxFileBytes), with a cursor that turns byte offsets into lines
// and character columns as the file is read front to back.
type jsonFile struct {
	name string // the file's name in positions
	data []byte
	// The cursor: offset off is on line line, which starts at lineStart.
	off, line, lineStart int
	validUTF8            bool
	// maxValue bounds the scan for the end of one value of the array, so
	// that values that never close cost the file's length once, not once
	// each; a longer value is given to the reader cut after maxValue+1
	// bytes. Zero means no bound.
	maxValue int
}

func newJSONFile(name string, data []byte) *jsonFile {
	return &jsonFile{name: name, data: data, line: 1, validUTF8: utf8.Valid(data)}
}

// pos returns the position of byte offset off: its line, counted from 1
// at each "\n", and its character column from 1. Offsets are asked for
// mostly in increasing order; an earlier one is counted again from the
// start.
func (f *jsonFile) pos(off int) diag.Pos {
	off = min(max(off, 0), len(f.data))
	if off < f.off {
		f.off, f.line, f.lineStart = 0, 1, 0
	}
	seg := f.data[f.off:off]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		f.line += n
		f.lineStart = f.off + bytes.LastIndexByte(seg, '\n') + 1
	}
	f.off = off
	return diag.Pos{File: f.name, Line: f.line, Column: utf8.RuneCount(f.data[f.lineStart:off]) + 1}
}

// element is one value of the file's top-level array.
type element struct {
	data  []byte
	start int // its offset in the file
}

// The verdicts of an element's reader on how to go on.
const (
	next = -1 // after the element
	stop = -2 // not at all: the rest of the file is not read
)

// elements calls fn for each value of the file's top-level array, in
// order. fn returns next to go on after the value, an offset to go on at
// (after a value whose JSON is broken, where the next one starts: see
// resync), or stop. What is not an array, and the syntax between values,
// is reported through report at the offset concerned; elements does not
// look inside the values (fn decodes them), and a value whose brackets
// never close is given to fn to the end of the file, so that its
// decoding says where the JSON goes wrong. what names the values in
// messages ("message", "user").
func (f *jsonFile) elements(what string, report func(rule string, off int, format string, args ...any), fn func(element) int) {
	data := f.data
	i := skipSpace(data, skipBOM(data))
	switch {
	case i == len(data):
		report(RuleNotAnArray, i, "the file is empty: want a JSON array of %ss; it is skipped", what)
		return
	case data[i] != '[':
		report(RuleNotAnArray, i, "the file holds %s, not a JSON array of %ss; it is skipped", kindOf(data[i]), what)
		return
	}
	i++
	for {
		i = skipSpace(data, i)
		if i == len(data) {
			report(RuleBadJSON, i, "the file ends before its array is closed (is it cut short?); the %ss before this point are read", what)
			return
		}
		if data[i] == ']' {
			if j := skipSpace(data, i+1); j < len(data) {
				report(RuleBadJSON, j, "text after the end of the array: it is not read")
			}
			return
		}
		scan := data
		if f.maxValue > 0 && len(data)-i > f.maxValue+1 {
			scan = data[:i+f.maxValue+1]
		}
		end := record.ValueEnd(scan, i)
		if end == i { // a stray comma, colon or bracket: no value at all
			report(RuleBadJSON, i, "unexpected %s where a %s belongs; it is skipped", kindOf(data[i]), what)
			i++
			continue
		}
		switch at := fn(element{data: data[i:end], start: i}); at {
		case stop:
			return
		case next:
		default:
			i = at
			continue
		}
		i = skipSpace(data, end)
		switch {
		case i < len(data) && data[i] == ',':
			if j := skipSpace(data, i+1); j < len(data) && data[j] == ']' {
				report(RuleBadJSON, i, "a comma before the end of the array; nothing is lost")
			}
			i++
		case i < len(data) && data[i] == '{':
			report(RuleBadJSON, i, "a comma is missing between two %ss; both are read", what)
		case i < len(data) && data[i] != ']':
			at := f.resync(i, i)
			if at < 0 {
				report(RuleBadJSON, i, "unexpected %s after a %s, where a comma or the end of the array belongs; the rest of the file is not read", kindOf(data[i]), what)
				return
			}
			report(RuleBadJSON, i, "unexpected %s after a %s, where a comma or the end of the array belongs; reading goes on at line %d", kindOf(data[i]), what, f.pos(at).Line)
			i = at
		}
	}
}

// resync finds where to go on after a value that could not be read, the
// error at offset at: the next line that opens an object at the column
// the broken value started on (start), as a pretty-printed export writes
// every message. It returns -1 when there is none.
func (f *jsonFile) resync(start, at int) int {
	data := f.data
	ls := bytes.LastIndexByte(data[:start], '\n') + 1
	indent := data[ls:start]
	if len(bytes.Trim(indent, " \t")) > 0 {
		return -1 // the value does not start its line: no pattern to look for
	}
	for i := at; i < len(data); {
		nl := bytes.IndexByte(data[i:], '\n')
		if nl < 0 {
			return -1
		}
		i += nl + 1
		if bytes.HasPrefix(data[i:], indent) && i+len(indent) < len(data) && data[i+len(indent)] == '{' {
			return i + len(indent)
		}
	}
	return -1
}

// decodeError describes a value's decoding error: where it is (an offset
// in the value) and what it says, with encoding/json's "json: " dropped.
func decodeError(err error, n int) (off int, msg string, syntax bool) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset) - 1
		if se.Offset == 0 || off >= n {
			off = n
		}
		return off, se.Error(), true
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return int(te.Offset), fmt.Sprintf("%s is a JSON %s, want a %s", fieldName(te.Field), te.Value, te.Type), false
	}
	return 0, err.Error(), false
}

func fieldName(f string) string {
	if f == "" {
		return "the value"
	}
	return f
}

// kindOf names the JSON value that starts with c.
func kindOf(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	case c < ' ' || c >= utf8.RuneSelf:
		return fmt.Sprintf("the byte %#02x", c)
	}
	return fmt.Sprintf("%q", rune(c))
}

func skipBOM(data []byte) int {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return 3
	}
	return 0
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// memberAt returns the offset, in an object's JSON, of the value of its
// top-level member key, or -1. The object must be valid JSON.
func memberAt(obj []byte, key string) int {
	i := skipSpace(obj, 0)
	if i == len(obj) || obj[i] != '{' {
		return -1
	}
	i = skipSpace(obj, i+1)
	for i < len(obj) && obj[i] == '"' {
		end := record.StringEnd(obj, i)
		k := obj[i:end]
		i = skipSpace(obj, end)
		i = skipSpace(obj, i+1) // the colon
		if string(k) == `"`+key+`"` || unquote(k) == key {
			return i
		}
		i = skipSpace(obj, record.ValueEnd(obj, i))
		if i < len(obj) && obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
	return -1
}

// unquote decodes a string literal, or returns "" when it is not one.
func unquote(lit []byte) string {
	s, _ := quoted(lit)
	return s
}
