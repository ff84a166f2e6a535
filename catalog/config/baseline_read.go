package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/opsdesign/opsdesign/catalog"
)

// A baseline of 50,000 entries is a JSON file of 15.6 MB. Parsed whole
// with positions (a node per value) it took 40 times its size and many
// seconds; streamed, it takes about its size and its entries. This file
// streams a JSON baseline:
//
//  1. One pass of encoding/json's tokenizer finds the ranges of the first
//     value's top-level members and of the elements of its findings array.
//     A file that is not valid JSON up to the end of its first value goes
//     the whole-document way (parseBaselineDoc), which reports the syntax
//     error without building anything.
//  2. The envelope (the file with the inside of the findings array
//     blanked, its line ends kept) is parsed and validated the
//     whole-document way: it is a few lines, and every diagnostic about
//     it, and about what follows the first value, is the one the
//     whole-document parse gives, at the same position.
//  3. Each element is read on its own: an entry written as
//     -write-baseline writes it is decoded directly; any other is parsed
//     and validated as the whole-document parse would, against the schema
//     of an entry, its positions moved to where the element is.
//
// The result is the one parseBaselineDoc gives on the whole file; a test
// and FuzzParseBaseline hold the two to it.

// streamBaseline parses a JSON baseline as parseBaselineDoc does, in
// memory proportional to its entries.
func streamBaseline(name string, data []byte, dir string) (*Baseline, catalog.Diagnostics) {
	sc, ok := scanBaseline(data)
	if !ok {
		return parseBaselineDoc(name, data, dir)
	}
	b, diags := parseBaselineDoc(name, sc.envelope(data), dir)
	b.Entries, b.at = nil, nil
	pos := newPositions(data)
	for i, el := range sc.elements {
		line, col := pos.at(el.start)
		ptr := "/findings/" + strconv.Itoa(i)
		at := located{catalog.Pos{File: name, Line: line, Column: col}, ptr}
		if e, ok := fastEntry(data[el.start:el.end]); ok {
			b.Entries, b.at = append(b.Entries, e), append(b.at, at)
			continue
		}
		e, ok, more := slowEntry(name, data[el.start:el.end], ptr, line, col)
		diags = append(diags, more...)
		if ok {
			b.Entries, b.at = append(b.Entries, e), append(b.at, at)
		}
	}
	diags.Sort()
	return b, diags
}

// span is a range of bytes of the file.
type span struct{ start, end int }

// baselineScan is where the parts of a baseline file are.
type baselineScan struct {
	blank    []span // the inside of the findings array: [ and ] excluded
	elements []span // the elements of the first findings array
}

// scanBaseline finds the parts of the file's first JSON value; ok is false
// when it is not valid JSON up to its end. Only the first findings array
// of a top-level object is blanked and read element by element: anything
// else in a baseline is small, or wrong and parsed whole so that every
// finding in it (a duplicate key deep inside) is reported as before.
func scanBaseline(data []byte) (sc baselineScan, ok bool) {
	if nestsDeeper(data, maxNesting) {
		return sc, false // the whole-document parse refuses it at once
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return sc, false
	}
	if tok != json.Delim('{') {
		return sc, true // not an object: nothing to stream
	}
	seenFindings := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return sc, false
		}
		tok, err := dec.Token()
		if err != nil {
			return sc, false
		}
		d, isDelim := tok.(json.Delim)
		switch {
		case !isDelim: // a scalar member
		case d == '[' && key == "findings" && !seenFindings:
			start := int(dec.InputOffset())
			for dec.More() {
				s := valueStart(data, int(dec.InputOffset()))
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return sc, false
				}
				sc.elements = append(sc.elements, span{s, int(dec.InputOffset())})
			}
			if _, err := dec.Token(); err != nil { // ]
				return sc, false
			}
			sc.blank = append(sc.blank, span{start, int(dec.InputOffset()) - 1})
		default:
			if !skipRest(dec, 1) {
				return sc, false
			}
		}
		seenFindings = seenFindings || key == "findings"
	}
	if _, err := dec.Token(); err != nil { // }
		return sc, false
	}
	return sc, true
}

// maxNesting is the nesting the whole-document parse allows (yamlx's
// default limit): an entry read alone is less deep than in its file.
const maxNesting = 100

// nestsDeeper reports whether JSON text nests arrays and objects deeper
// than max, strings aside.
func nestsDeeper(data []byte, max int) bool {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++
		case inString:
			inString = c != '"'
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			if depth++; depth > max {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}

// skipRest reads on to the end of a value whose depth levels are open.
func skipRest(dec *json.Decoder, depth int) bool {
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
	}
	return true
}

// valueStart returns the offset of the value that follows off: past white
// space, a comma and a colon.
func valueStart(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// envelope returns the file with the inside of every blanked range
// replaced by its line ends and, after the last of them, a space for each
// character: every position outside the ranges stays where it was.
func (sc baselineScan) envelope(data []byte) []byte {
	var out []byte
	prev := 0
	for _, b := range sc.blank {
		out = append(out, data[prev:b.start]...)
		inside := data[b.start:b.end]
		last := bytes.LastIndexAny(inside, "\r\n") + 1
		for _, c := range inside[:last] {
			if c == '\n' || c == '\r' {
				out = append(out, c)
			}
		}
		out = append(out, bytes.Repeat([]byte{' '}, columns(inside[last:]))...)
		prev = b.end
	}
	return append(out, data[prev:]...)
}

// positions turns increasing offsets of a file into lines and columns as
// yamlx counts them in JSON nodes (a line ends at "\n", "\r\n" or a lone
// "\r"; columns by columns), in one pass over the file in all.
type positions struct {
	data       []byte
	off, start int // where the last position was; where its line starts
	line       int
}

func newPositions(data []byte) *positions { return &positions{data: data, line: 1} }

func (p *positions) at(off int) (line, col int) {
	for ; p.off < off; p.off++ {
		switch p.data[p.off] {
		case '\n':
			p.line, p.start = p.line+1, p.off+1
		case '\r':
			if p.off+1 < len(p.data) && p.data[p.off+1] == '\n' {
				continue
			}
			p.line, p.start = p.line+1, p.off+1
		}
	}
	return p.line, columns(p.data[p.start:off]) + 1
}

// columns is how many columns b takes as yamlx counts them in JSON: one
// for each byte that does not continue a UTF-8 character.
func columns(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

var fingerprintPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{32}$`) })

// lineInMessage is a line a message of yamlx quotes: "the first one (line
// 5) is kept".
var lineInMessage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\(line [0-9]+\)`) })

// fastEntry decodes an element written as -write-baseline writes it: an
// object of the known keys, each once, strings where strings go, a count
// of digits. It reports false for anything else, which slowEntry reads.
func fastEntry(raw []byte) (Entry, bool) {
	var v struct {
		Fingerprint, Rule, File, Path, Message *string
		Count                                  *json.Number
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil || v.Fingerprint == nil || v.Rule == nil || v.File == nil || v.Message == nil {
		return Entry{}, false
	}
	keys := 4
	if v.Path != nil {
		keys++
	}
	e := Entry{Fingerprint: *v.Fingerprint, Rule: *v.Rule, File: *v.File, Message: *v.Message, Count: 1}
	if v.Path != nil {
		e.Path = *v.Path
	}
	if v.Count != nil {
		keys++
		c, err := strconv.ParseInt(string(*v.Count), 10, 64)
		if !digits(string(*v.Count)) || err != nil || c < 1 {
			return Entry{}, false
		}
		if c > 1 && c <= 1<<31 {
			e.Count = int(c)
		}
	}
	// encoding/json takes the last of two equal keys and matches keys
	// without regard to case: the keys must be those decoded, as written.
	if !plainKeys(raw, keys) || e.Rule == "" || !fingerprintPattern().MatchString(e.Fingerprint) {
		return Entry{}, false
	}
	return e, true
}

// plainKeys reports whether the JSON object raw, a valid one, has want
// keys, each one of an entry's, written once, as the schema spells it and
// without escapes.
func plainKeys(raw []byte, want int) bool {
	var seen [6]bool
	n, depth := 0, 0
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '"':
			end := i + 1
			escaped := false
			for ; end < len(raw) && raw[end] != '"'; end++ {
				if raw[end] == '\\' {
					escaped = true
					end++
				}
			}
			if depth == 1 && afterOpenOrComma(raw, i) {
				k := slices.Index(entryKeys, string(raw[i+1:min(end, len(raw))]))
				if escaped || k < 0 || seen[k] {
					return false
				}
				seen[k] = true
				n++
			}
			i = end
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
	}
	return n == want
}

// entryKeys are the keys of an entry.
var entryKeys = []string{"fingerprint", "rule", "file", "path", "message", "count"}

// afterOpenOrComma reports whether the previous character of raw before i
// that is not white space is { or ,: the string at i is a key.
func afterOpenOrComma(raw []byte, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch raw[j] {
		case ' ', '\t', '\n', '\r':
			continue
		case '{', ',':
			return true
		}
		return false
	}
	return false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// slowEntry reads an element as the whole-document parse does: parsed
// with positions, validated against the schema of an entry, its
// diagnostics moved to where the element is (line, col) under its JSON
// pointer ptr. ok says the entry is kept.
func slowEntry(name string, raw []byte, ptr string, line, col int) (e Entry, ok bool, diags catalog.Diagnostics) {
	r := &reporter{file: name, prefix: ptr, line: line, col: col}
	doc := parseDocument(name, raw, true, r)
	for i := range r.diags { // yamlx's own findings, such as a duplicate key
		r.diags[i].Pos = r.shift(r.diags[i].Pos)
		r.diags[i].Path = ptr + r.diags[i].Path
		r.diags[i].Message = lineInMessage().ReplaceAllStringFunc(r.diags[i].Message, func(m string) string {
			n, _ := strconv.Atoi(m[len("(line ") : len(m)-1])
			return "(line " + strconv.Itoa(n+line-1) + ")"
		})
		for j := range r.diags[i].Related {
			r.diags[i].Related[j].Pos = r.shift(r.diags[i].Related[j].Pos)
		}
	}
	if doc == nil {
		return Entry{}, false, r.diags
	}
	r.validateEntry(doc.Value, ptr)
	e, ok = entryOf(doc.Value)
	return e, ok, r.diags
}

// entryOf reads an entry from an element's value, as the whole-document
// parse does: one without a fingerprint of 32 characters or a rule is not
// kept (the schema reports why).
func entryOf(item any) (Entry, bool) {
	m, ok := item.(map[string]any)
	if !ok {
		return Entry{}, false
	}
	e := Entry{Count: 1}
	var okFP, okRule bool
	e.Fingerprint, okFP = m["fingerprint"].(string)
	e.Rule, okRule = m["rule"].(string)
	e.File, _ = m["file"].(string)
	e.Path, _ = m["path"].(string)
	e.Message, _ = m["message"].(string)
	if n, ok := m["count"].(int64); ok && n > 1 && n <= 1<<31 {
		e.Count = int(n)
	}
	if !okFP || !okRule || len(e.Fingerprint) != 32 {
		return Entry{}, false
	}
	return e, true
}

// entrySchema is the schema of one element of findings.
func entrySchema() (root, entry *jsonschema.Schema, err error) {
	schemas, err := compiled()
	if err != nil {
		return nil, nil, err
	}
	root = schemas["baseline.json"]
	if f := root.Properties["findings"]; f != nil && f.Items2020 != nil {
		return root, f.Items2020, nil
	}
	return nil, nil, fmt.Errorf("config: the baseline schema has no findings items")
}
