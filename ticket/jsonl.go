package ticket

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
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
// Lines are read as ReadCSV reads rows (limit, byte-order mark, UTF-16,
// line ends). Errors follow ReadCSV: a diag.Diagnostic, positioned at the
// line and at the character column of the value concerned, for each
// problem, and any other error ends the sequence.
func ReadJSONL(r io.Reader, file string, m Mapping) iter.Seq2[Ticket, error] {
	m = m.clone()
	return func(yield func(Ticket, error) bool) {
		jr := record.NewJSONL(r, record.Options{MaxBytes: m.maxRow(), MaxTotalBytes: m.MaxStreamBytes})
		b := &builder{m: &m}
		for {
			line, err := jr.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				var p *record.Problem
				if !yield(Ticket{}, skip(readError(file, err, "the line"))) || !errors.As(err, &p) {
					return
				}
				continue
			}
			if !readJSONLine(b, file, line, yield) {
				return
			}
		}
	}
}

// readJSONLine reads one line; it returns false when the consumer stopped.
func readJSONLine(b *builder, file string, line *record.Line, yield func(Ticket, error) bool) bool {
	cols := &fieldCols{}
	b.reset(Source{File: file, Line: line.Number, cols: cols})
	at := func(off int) diag.Pos { return diag.Pos{File: file, Line: line.Number, Column: line.Column(off)} }
	// encoding/json reads invalid UTF-8 in a string as U+FFFD without a
	// word: look for it on the raw line, where one pass is cheap, and walk
	// the values only when the line has some.
	validUTF8 := utf8.ValidString(line.Text)
	// Findings about the keys and the encoding, in line order, before
	// those of the values.
	var early []diag.Diagnostic
	seen := [numFields]bool{}
	err := line.Object(func(mb record.Member) {
		f, err := ParseField(mb.Key)
		switch {
		case err != nil:
			early = append(early, diag.Diagnostic{Rule: RuleUnknownField, Severity: severityOf(RuleUnknownField),
				Pos: at(mb.KeyOff), Path: record.Pointer(mb.Key), Message: fmt.Sprintf("unknown key %q; it is ignored", mb.Key)})
			return
		case seen[f]:
			msg := fmt.Sprintf("key %q appears twice; the first value is kept", mb.Key)
			if first := cols.name[f]; first != mb.Key {
				msg = fmt.Sprintf("key %q names field %s again, after %q; the first value is kept", mb.Key, f, first)
			}
			early = append(early, diag.Diagnostic{Rule: RuleDuplicateField, Severity: severityOf(RuleDuplicateField),
				Pos: at(mb.KeyOff), Path: record.Pointer(mb.Key), Message: msg})
			return
		}
		seen[f] = true
		cols.col[f] = int32(line.Column(mb.ValueOff))
		cols.name[f] = mb.Key
		if !validUTF8 && !utf8.ValidString(mb.Value) {
			record.InvalidUTF8(mb.Value, record.Pointer(mb.Key), func(off int, ptr string) {
				early = append(early, diag.Diagnostic{Rule: RuleInvalidUTF8, Severity: severityOf(RuleInvalidUTF8), Pos: at(mb.ValueOff + off), Path: ptr,
					Message: "the string holds bytes that are not UTF-8; they are read as U+FFFD (is the export in another encoding, such as Shift_JIS?)"})
			})
		}
		b.setJSON(f, mb.Value)
	})
	if err != nil {
		return yield(Ticket{}, skip(readError(file, err, "the line")))
	}
	b.objCol = line.Column(len(line.Text) - len(strings.TrimLeft(line.Text, " \t\r\n")))
	return yieldRow(b, b.build(), early, yield)
}

// setJSON takes one value of a JSON ticket.
func (b *builder) setJSON(f Field, raw string) {
	switch raw[0] {
	case 'n': // null: as if absent
		return
	case '"':
		if s, ok := record.JSONString(raw); ok {
			b.raw[f] = s
		}
		return
	}
	switch f {
	case FieldLabels:
		var ls []string
		if err := json.Unmarshal([]byte(raw), &ls); err != nil {
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
		if err := decodeJSON([]byte(raw), &p); err != nil {
			b.report(RuleBadValue, f, "parameters must be a JSON object; they are ignored")
			return
		}
		b.params = p
	case FieldEscalations:
		var es []struct{ At, To string }
		if err := json.Unmarshal([]byte(raw), &es); err != nil {
			b.report(RuleBadValue, f, "escalations must be an array of {\"at\", \"to\"}; they are ignored")
			return
		}
		for _, e := range es {
			at, err := b.m.parseTime(e.At)
			if err != nil || strings.TrimSpace(e.To) == "" {
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
		if err := json.Unmarshal([]byte(raw), &hs); err != nil {
			b.report(RuleBadValue, f, "history must be an array of activities or a string; it is ignored")
			return
		}
		b.hasHist = true
		b.history = make([]Activity, 0, len(hs))
		for i, h := range hs {
			a, err := jsonActivity(h.At, h.Status, h.Actor, h.By, h.Severity, b.m)
			if err != nil {
				b.report(RuleBadValue, f, "history entry %d: %v; it is ignored", i, err)
				continue
			}
			a.Forced, a.Reason = h.Forced, h.Reason
			if a.Forced && a.Status != Closed {
				b.report(RuleBadValue, f, "history entry %d: a forced entry must close the ticket; it is ignored", i)
				continue
			}
			b.history = append(b.history, a)
		}
	case FieldTimeSpent, FieldID, FieldFirstResponse, FieldCompleted, FieldFirstResolved, FieldResolved, FieldClosed, FieldUpdated, FieldReopens:
		if raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9') {
			b.raw[f] = raw // a number: minutes, an ID or an offset
			return
		}
		b.report(RuleBadValue, f, "%s must be a string or a number", f)
	default:
		b.report(RuleBadValue, f, "%s must be a string", f)
	}
}

func jsonActivity(at, status, actor, by, severity string, m *Mapping) (Activity, error) {
	var a Activity
	t, err := m.parseTime(at)
	switch err {
	case record.ErrNoZone:
		return a, fmt.Errorf("time %q has no UTC offset and no time zone is known", at)
	case record.ErrNotTime:
		return a, fmt.Errorf("%q is not a timestamp", at)
	}
	a.At = t
	if status != "" && status != "comment" {
		st, ok := m.status(status)
		if !ok {
			return a, fmt.Errorf("unknown status %q (map it in the mapping's statuses)", status)
		}
		a.Status = st
	}
	if actor != "" {
		ac, ok := m.actor(actor)
		if !ok {
			return a, fmt.Errorf("unknown actor %q", actor)
		}
		a.Actor = ac
	}
	a.By = strings.TrimSpace(by)
	if named, ok := m.actorOf(a.By); ok {
		a.Actor = named
	}
	a.Severity = strings.TrimSpace(severity)
	if a.Severity != "" && len(m.Severities) > 0 {
		sev, ok := m.Severities[strings.ToLower(a.Severity)]
		if !ok {
			return a, fmt.Errorf("severity %q is not in the mapping's severities", a.Severity)
		}
		a.Severity = sev
	}
	return a, nil
}
