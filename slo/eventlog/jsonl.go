package eventlog

import (
	"errors"
	"io"
	"iter"

	"github.com/opsdesign/opsdesign/internal/record"
)

// ReadJSONL returns the events of a JSON Lines file, one object per line,
// read one line at a time; see the package doc for the keys and values it
// reads. Diagnostics and errors are as for ReadCSV; a diagnostic about a
// key's value is at the value's column, with the key as its JSON pointer
// ("/ts").
func ReadJSONL(r io.Reader, file string, o Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		jr := record.NewJSONL(r, o.record())
		b := &builder{file: file, times: newTimes()}
		record.Each(jr.Read, file, readRules(RuleBadJSON), yield, func(line *record.Line) bool {
			b.reset(line.Number, line.Text)
			ok := readObject(b, line) && b.finish(-1)
			return b.emit(ok, yield)
		})
	}
}

// readObject reads the object a line holds. It reports whether the line
// is a JSON object.
func readObject(b *builder, line *record.Line) bool {
	var seen [outcomeValue + 1]string // the key read for each value
	err := line.Object(func(m record.Member) {
		key, val, keyOff, valOff := m.Key, m.Value, m.KeyOff, m.ValueOff
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
			s, ok := record.JSONString(val)
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
	if err != nil {
		var p *record.Problem
		errors.As(err, &p)
		b.bad = true
		b.diags = append(b.diags, readRules(RuleBadJSON).Problem(b.file, p))
		return false
	}
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
