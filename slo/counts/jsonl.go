package counts

import (
	"encoding/json"
	"errors"
	"io"
	"iter"
	"strings"

	"github.com/opsdesign/opsdesign/internal/record"
)

// ReadJSONL returns the rows of a JSON Lines file of counts, one object
// per line; see the package doc for the keys. Diagnostics and errors are
// as for ReadCSV; a diagnostic about a key's value is at the value's
// column, with the key as its JSON pointer ("/good").
func ReadJSONL(r io.Reader, file string, o Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		jr := record.NewJSONL(r, o.record())
		b := &row{file: file, times: newTimes()}
		seen := map[string]bool{} // the labels of Where some row gave
		labels := map[string]string{}
		atEnd := record.Each(jr.Read, file, readRules(RuleBadJSON), yield, func(line *record.Line) bool {
			b.reset(line.Number, line.Text)
			clear(labels)
			ok := readObject(b, line, labels, len(o.Where) > 0) && b.finish(-1)
			for _, m := range o.Where {
				if _, has := labels[m.Label]; has {
					seen[m.Label] = true
				}
			}
			excluded := len(o.Where) > 0 && !matches(o.Where, func(l string) (string, bool) { v, ok := labels[l]; return v, ok })
			return b.emit(ok, excluded, yield)
		})
		if atEnd {
			unknownLabels(file, o.Where, seen, yield)
		}
	}
}

// readObject reads the object a line holds, and its labels when asked
// to. It reports whether the line is a JSON object.
func readObject(b *row, line *record.Line, labels map[string]string, wantLabels bool) bool {
	var seen [totalRole + 1]string // the key read for each value
	err := line.Object(func(m record.Member) {
		key, val := m.Key, m.Value
		r := roleOf(key)
		if r == noRole {
			if wantLabels {
				addLabels(labels, key, val)
			}
			return
		}
		if val == "null" { // as if absent
			return
		}
		slot := r
		if slot == badRole {
			slot = goodRole
		}
		if prev := seen[slot]; prev != "" {
			b.report(RuleDuplicateColumn, m.KeyOff, pointer(key), "key %q gives the %s, after %q gave the %s; the first is read", key, r.what(), prev, roleOf(prev).what())
			return
		}
		seen[slot] = key
		b.gave[r] = true
		switch val[0] {
		case '"':
			s, ok := record.JSONString(val)
			if !ok {
				b.report(badRule(r), m.ValueOff, pointer(key), "the %s is not a valid JSON string; the row is skipped", r.what())
				return
			}
			b.set(r, s, m.ValueOff, key)
		case '{', '[', 't', 'f':
			b.report(badRule(r), m.ValueOff, pointer(key), "the %s must be a number or a string, not %s; the row is skipped", r.what(), kindOf(val))
		default:
			b.set(r, val, m.ValueOff, key)
		}
	})
	if err != nil {
		var p *record.Problem
		errors.As(err, &p)
		b.skip = true
		b.diags = append(b.diags, readRules(RuleBadJSON).Problem(b.file, p))
		return false
	}
	return true
}

// addLabels adds a member to the labels: a scalar as its text, and the
// scalar members of a "labels" or "metric" object.
func addLabels(labels map[string]string, key, val string) {
	switch val[0] {
	case '"':
		labels[key], _ = record.JSONString(val)
	case '{':
		if k := strings.ToLower(key); k != "labels" && k != "metric" {
			return
		}
		var m map[string]any
		if json.Unmarshal([]byte(val), &m) != nil {
			return
		}
		for k, v := range m {
			if s, ok := scalarText(v); ok {
				labels[k] = s
			}
		}
	case '[':
	case 'n': // null: absent
	default: // a number or a boolean, as written
		labels[key] = val
	}
}

func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool, float64:
		b, _ := json.Marshal(x)
		return string(b), true
	}
	return "", false
}

// badRule is the rule of an unreadable value.
func badRule(r role) string {
	if r == timeRole {
		return RuleBadTime
	}
	return RuleBadCount
}

func kindOf(val string) string {
	switch val[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return val
}
