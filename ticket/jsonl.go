package ticket

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// ReadJSONL returns the tickets of a JSON Lines file, one JSON object per
// line, read one line at a time. The keys are the field names
// (Field.String): "id", "created", "requestType", "missReason", ...;
// "labels" is an array of strings, "parameters" an object, "escalations"
// an array of {"at", "to"} and "history" an array of activities
// ({"at", "status", "actor", "by", "severity", "forced", "reason"}) or a
// string in the compact form. m gives the time zone, value spellings and
// limits; its columns are not used.
//
// Errors follow ReadCSV: a diag.Diagnostic, positioned at the line and
// at the character column of the value concerned, for each problem, and
// any other error ends the sequence.
func ReadJSONL(r io.Reader, file string, m Mapping) iter.Seq2[Ticket, error] {
	m = m.clone()
	return func(yield func(Ticket, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		b := &builder{m: &m}
		var long []byte
		for lineNo := 1; ; lineNo++ {
			line, err := br.ReadSlice('\n')
			tooLong := false
			if errors.Is(err, bufio.ErrBufferFull) {
				long = append(long[:0], line...)
				for errors.Is(err, bufio.ErrBufferFull) {
					line, err = br.ReadSlice('\n')
					if !tooLong && len(long)+len(line) > m.maxRow() {
						tooLong, long = true, long[:0]
					}
					if !tooLong {
						long = append(long, line...)
					}
				}
				line = long
			}
			if err != nil && !errors.Is(err, io.EOF) {
				yield(Ticket{}, fmt.Errorf("ticket: reading %s: %w", file, err))
				return
			}
			if tooLong || len(line) > m.maxRow() {
				if !yield(Ticket{}, diag.Diagnostic{Rule: RuleRowTooLong, Severity: severityOf(RuleRowTooLong), Pos: diag.Pos{File: file, Line: lineNo},
					Message: fmt.Sprintf("the line is longer than %d bytes; it is skipped", m.maxRow())}) {
					return
				}
			} else if !readJSONLine(b, file, lineNo, line, yield) {
				return
			}
			if err != nil { // io.EOF
				return
			}
		}
	}
}

// readJSONLine reads one line; it returns false when the consumer stopped.
func readJSONLine(b *builder, file string, lineNo int, line []byte, yield func(Ticket, error) bool) bool {
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 0 {
		return true
	}
	lead := len(line) - len(bytes.TrimLeft(line, " \t\r\n"))
	cols := &fieldCols{}
	b.reset(Source{File: file, Line: lineNo, cols: cols})
	bad := func(off int, format string, args ...any) bool {
		return yield(Ticket{}, diag.Diagnostic{Rule: RuleBadJSON, Severity: severityOf(RuleBadJSON),
			Pos: diag.Pos{File: file, Line: lineNo, Column: runeColumn(line, off)}, Message: fmt.Sprintf(format, args...)})
	}
	if trimmed[0] != '{' {
		return bad(lead, "the line is not a JSON object; it is skipped")
	}
	if !json.Valid(trimmed) {
		var v any
		err := json.Unmarshal(trimmed, &v)
		off := lead
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off += int(se.Offset) - 1
		}
		return bad(off, "the line is not valid JSON: %s; it is skipped", jsonMessage(err))
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		return bad(lead, "the line is not valid JSON: %v; it is skipped", err)
	}
	// encoding/json reads invalid UTF-8 in a string as U+FFFD without a
	// word: look for it on the raw line, where one pass is cheap, and walk
	// the values only when the line has some.
	validUTF8 := utf8.Valid(trimmed)
	// Findings about the keys and the encoding, in line order, before
	// those of the values.
	var early []diag.Diagnostic
	seen := [numFields]bool{}
	for dec.More() {
		keyOff := lead + int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return bad(keyOff, "the line is not valid JSON: %v; it is skipped", err)
		}
		key, _ := tok.(string)
		keyOff += len(line[keyOff:]) - len(bytes.TrimLeft(line[keyOff:], " \t\r,"))
		var raw json.RawMessage
		valOff := lead + int(dec.InputOffset())
		if err := dec.Decode(&raw); err != nil {
			return bad(valOff, "the line is not valid JSON: %v; it is skipped", err)
		}
		valOff += len(line[valOff:]) - len(bytes.TrimLeft(line[valOff:], " \t\r:"))
		f, err := ParseField(key)
		switch {
		case err != nil:
			early = append(early, diag.Diagnostic{Rule: RuleUnknownField, Severity: severityOf(RuleUnknownField),
				Pos: diag.Pos{File: file, Line: lineNo, Column: runeColumn(line, keyOff)}, Path: "/" + escapePointer(key),
				Message: fmt.Sprintf("unknown key %q; it is ignored", key)})
			continue
		case seen[f]:
			msg := fmt.Sprintf("key %q appears twice; the first value is kept", key)
			if first := cols.name[f]; first != key {
				msg = fmt.Sprintf("key %q names field %s again, after %q; the first value is kept", key, f, first)
			}
			early = append(early, diag.Diagnostic{Rule: RuleDuplicateField, Severity: severityOf(RuleDuplicateField),
				Pos: diag.Pos{File: file, Line: lineNo, Column: runeColumn(line, keyOff)}, Path: "/" + escapePointer(key), Message: msg})
			continue
		}
		seen[f] = true
		cols.col[f] = int32(runeColumn(line, valOff))
		cols.name[f] = key
		if !validUTF8 && !utf8.Valid(raw) {
			early = invalidUTF8Strings(early, raw, "/"+escapePointer(key), func(off int) diag.Pos {
				return diag.Pos{File: file, Line: lineNo, Column: runeColumn(line, valOff+off)}
			})
		}
		b.setJSON(f, raw)
	}
	b.objCol = runeColumn(line, lead)
	ok := b.build()
	for _, d := range early {
		if !yield(Ticket{}, d) {
			return false
		}
	}
	for _, d := range b.diags {
		if !yield(Ticket{}, d) {
			return false
		}
	}
	return !ok || yield(b.t, nil)
}

// setJSON takes one value of a JSON ticket.
func (b *builder) setJSON(f Field, raw json.RawMessage) {
	switch raw[0] {
	case 'n': // null: as if absent
		return
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			b.raw[f] = s
		}
		return
	}
	switch f {
	case FieldLabels:
		var ls []string
		if err := json.Unmarshal(raw, &ls); err != nil {
			b.report(RuleBadValue, f, "labels must be an array of strings; they are ignored")
			return
		}
		for _, l := range ls {
			if l = strings.TrimSpace(l); l != "" {
				b.labels = append(b.labels, l)
			}
		}
	case FieldParameters:
		var p map[string]any
		if err := decodeJSON(raw, &p); err != nil {
			b.report(RuleBadValue, f, "parameters must be a JSON object; they are ignored")
			return
		}
		b.params = p
	case FieldEscalations:
		var es []struct{ At, To string }
		if err := json.Unmarshal(raw, &es); err != nil {
			b.report(RuleBadValue, f, "escalations must be an array of {\"at\", \"to\"}; they are ignored")
			return
		}
		for _, e := range es {
			at, res := parseTime(e.At, b.m)
			if res != timeOK || strings.TrimSpace(e.To) == "" {
				b.report(RuleBadValue, f, "escalation {at: %q, to: %q}: want an RFC 3339 time and who it went to; it is ignored", e.At, e.To)
				continue
			}
			b.escal = append(b.escal, Escalation{At: at, To: strings.TrimSpace(e.To)})
		}
	case FieldHistory:
		var hs []struct {
			At, Status, Actor, By, Severity, Reason string
			Forced                                  bool
		}
		if err := json.Unmarshal(raw, &hs); err != nil {
			b.report(RuleBadValue, f, "history must be an array of activities or a string; it is ignored")
			return
		}
		b.hasHist = true
		b.history = make([]Activity, 0, len(hs))
		for i, h := range hs {
			a, err := jsonActivity(h.At, h.Status, h.Actor, b.m)
			if err != nil {
				b.report(RuleBadValue, f, "history entry %d: %v; it is ignored", i, err)
				continue
			}
			a.By, a.Severity, a.Forced, a.Reason = strings.TrimSpace(h.By), strings.TrimSpace(h.Severity), h.Forced, h.Reason
			if a.Forced && a.Status != Closed {
				b.report(RuleBadValue, f, "history entry %d: a forced entry must close the ticket; it is ignored", i)
				continue
			}
			b.history = append(b.history, a)
		}
	case FieldTimeSpent, FieldID, FieldFirstResponse, FieldCompleted, FieldResolved, FieldClosed, FieldUpdated:
		if raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9') {
			b.raw[f] = string(raw) // a number: minutes, an ID or an offset
			return
		}
		b.report(RuleBadValue, f, "%s must be a string or a number", f)
	default:
		b.report(RuleBadValue, f, "%s must be a string", f)
	}
}

func jsonActivity(at, status, actor string, m *Mapping) (Activity, error) {
	var a Activity
	t, res := parseTime(at, m)
	switch res {
	case timeAmbiguous:
		return a, fmt.Errorf("time %q has no UTC offset and the import names no time zone", at)
	case timeBad:
		return a, fmt.Errorf("%q is not a timestamp", at)
	}
	a.At = t
	if status != "" && status != "comment" {
		st, ok := m.Statuses[strings.ToLower(status)]
		if !ok {
			st, ok = ParseStatus(status)
		}
		if !ok {
			return a, fmt.Errorf("unknown status %q", status)
		}
		a.Status = st
	}
	if actor != "" {
		ac, ok := ParseActor(actor)
		if !ok {
			return a, fmt.Errorf("unknown actor %q", actor)
		}
		a.Actor = ac
	}
	return a, nil
}

// invalidUTF8Strings appends a finding for every string of raw, one JSON
// value at pointer ptr, that holds bytes that are not UTF-8: a key at the
// key, a value at the value. at turns an offset in raw into a position.
// encoding/json has already replaced the bytes with U+FFFD in what the
// ticket gets; the finding says so.
func invalidUTF8Strings(out []diag.Diagnostic, raw []byte, ptr string, at func(off int) diag.Pos) []diag.Diagnostic {
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
			return top.ptr + "/" + escapePointer(top.key)
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
	report := func(off int, p string) {
		out = append(out, diag.Diagnostic{Rule: RuleInvalidUTF8, Severity: severityOf(RuleInvalidUTF8), Pos: at(off), Path: p,
			Message: "the string holds bytes that are not UTF-8; they are read as U+FFFD (is the export in another encoding, such as Shift_JIS?)"})
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	prev := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return out // io.EOF: raw was checked as valid JSON before
		}
		end := int(dec.InputOffset())
		start := prev + len(raw[prev:end]) - len(bytes.TrimLeft(raw[prev:end], " \t\r\n,:"))
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
				if !utf8.Valid(raw[start:end]) {
					report(start, here())
				}
				continue
			}
			if !utf8.Valid(raw[start:end]) {
				report(start, here())
			}
			done()
		default:
			done()
		}
	}
}
