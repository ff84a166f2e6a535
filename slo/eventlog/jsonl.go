package eventlog

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"strings"
)

// ReadJSONL returns the events of a JSON Lines file, one object per line,
// read one line at a time; see the package doc for the keys and values it
// reads. Diagnostics and errors are as for ReadCSV; a diagnostic about a
// key's value is at the value's column, with the key as its JSON pointer
// ("/ts").
func ReadJSONL(r io.Reader, file string, o Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		ls := newLines(r, o.maxRow())
		b := &builder{file: file}
		for {
			raw, cut, err := ls.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Record{}, readError(file, err))
				return
			}
			if cut {
				if !yield(Record{}, lineDiag(file, ls.n, RuleRowTooLong, "the line is longer than %d bytes; it is skipped", ls.max)) {
					return
				}
				continue
			}
			trimmed := bytes.Trim(raw, jsonSpace)
			if len(trimmed) == 0 {
				continue
			}
			line := string(raw)
			b.reset(ls.n, line)
			lead := len(raw) - len(bytes.TrimLeft(raw, jsonSpace))
			ok := readObject(b, line, lead, trimmed) && b.finish(-1)
			if !b.emit(ok, yield) {
				return
			}
		}
	}
}

// jsonSpace is the white space JSON allows around values.
const jsonSpace = " \t\r\n"

// readObject reads the object in trimmed, which starts at byte lead of
// line. It reports whether the line is a JSON object.
func readObject(b *builder, line string, lead int, trimmed []byte) bool {
	if trimmed[0] != '{' {
		b.report(RuleBadJSON, lead, "", "the line is not a JSON object; it is skipped")
		return false
	}
	if !json.Valid(trimmed) {
		off := lead
		var se *json.SyntaxError
		if err := json.Unmarshal(trimmed, new(json.RawMessage)); errors.As(err, &se) {
			off += int(se.Offset) - 1
			b.report(RuleBadJSON, off, "", "the line is not valid JSON: %v; it is skipped", se)
			return false
		}
		b.report(RuleBadJSON, off, "", "the line is not valid JSON; it is skipped")
		return false
	}
	var seen [outcomeValue + 1]string // the key read for each value
	members(line[lead:lead+len(trimmed)], func(key string, keyOff int, val string, valOff int) {
		keyOff, valOff = keyOff+lead, valOff+lead
		v := valueOf(key)
		if v == noValue || val == "null" { // null: as if absent
			return
		}
		if prev := seen[v.slot()]; prev != "" {
			b.report(RuleDuplicateColumn, keyOff, pointer(key), "%s; the first is read", again("key", key, prev, v))
			return
		}
		seen[v.slot()] = key
		b.gave[v.slot()] = true
		switch val[0] {
		case '"':
			s, ok := jsonString(val)
			if !ok {
				b.report(badRule(v), valOff, pointer(key), "the %s is not a valid JSON string; the record is skipped", v.what())
				return
			}
			b.set(v, s, valOff, key)
		case 't', 'f':
			if v != goodValue {
				b.report(badRule(v), valOff, pointer(key), "the %s must be %s, not %s; the record is skipped", v.what(), wants(v), val)
				return
			}
			b.rec.Good, b.rec.HasGood = val == "true", true
		case '{', '[':
			kind := "an object"
			if val[0] == '[' {
				kind = "an array"
			}
			b.report(badRule(v), valOff, pointer(key), "the %s must be %s, not %s; the record is skipped", v.what(), wants(v), kind)
		default: // a number: Unix seconds, 1/0, milliseconds
			b.set(v, val, valOff, key)
		}
	})
	return true
}

// badRule is the rule of an unreadable value.
func badRule(v value) string {
	switch v {
	case timeValue:
		return RuleBadTime
	case goodValue:
		return RuleBadOutcome
	}
	return RuleBadLatency
}

// wants says what JSON a value may be.
func wants(v value) string {
	if v == goodValue {
		return "true or false, a string or 1/0"
	}
	return "a string or a number"
}

// jsonString decodes a JSON string literal.
func jsonString(lit string) (string, bool) {
	if strings.IndexByte(lit, '\\') < 0 {
		return lit[1 : len(lit)-1], true
	}
	var s string
	err := json.Unmarshal([]byte(lit), &s)
	return s, err == nil
}

// members calls fn for each member of the object obj, which is valid JSON,
// with its key and its value's text, and their byte offsets in obj.
func members(obj string, fn func(key string, keyOff int, val string, valOff int)) {
	i := skipSpace(obj, 1)
	for i < len(obj) && obj[i] == '"' {
		keyOff := i
		end := skipString(obj, i)
		key, _ := jsonString(obj[i:end])
		i = skipSpace(obj, end)
		i = skipSpace(obj, i+1) // the colon
		valOff := i
		end = skipValue(obj, i)
		fn(key, keyOff, obj[valOff:end], valOff)
		i = skipSpace(obj, end)
		if i < len(obj) && obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
		i++
	}
	return i
}

// skipString returns the offset after the string literal at i.
func skipString(s string, i int) int {
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

// skipValue returns the offset after the JSON value at i.
func skipValue(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '"':
		return skipString(s, i)
	case '{', '[':
		depth := 0
		for i < len(s) {
			switch s[i] {
			case '"':
				i = skipString(s, i)
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
	for i < len(s) && !strings.ContainsRune(",}] \t\r\n", rune(s[i])) {
		i++
	}
	return i
}
