package rules

import (
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
)

// The helpers the rule groups share: how a rule's doc is written, how a
// finding's message lists names, and how rules read settings, dates and
// "notApplicable" the same way.

// ruleDoc joins a rule's story and a YAML example of a finding.
func ruleDoc(story, example string) string {
	return story + "\n\n```yaml\n" + strings.TrimPrefix(example, "\n") + "```"
}

// settings returns the design's settings in force, defaults applied.
func settings(d *catalog.Design) catalog.Settings { return d.Settings.WithDefaults() }

// settingRelated points at a setting of the Settings document, to explain a
// finding that depends on it; nil when the setting is not written.
func settingRelated(set catalog.Settings, ptr, msg string) []catalog.Related {
	if set.Doc == nil {
		return nil
	}
	if _, ok := set.Doc.Lookup(ptr); !ok {
		return nil
	}
	return []catalog.Related{{Pos: set.Doc.At(ptr), Message: msg}}
}

// idx is the JSON pointer of the i-th element of the list at p.
func idx(p string, i int) string { return p + "/" + strconv.Itoa(i) }

// written reports whether the document writes a value at ptr, even an
// empty one.
func written(doc *catalog.Document, ptr string) bool {
	_, ok := doc.Lookup(ptr)
	return ok
}

// asWritten writes a number read at ptr as the design writes it, followed
// by the number it is read as when they differ: "0x10 (16)".
func asWritten(doc *catalog.Document, ptr string, n int) string {
	value := strconv.Itoa(n)
	if text, ok := doc.Text(ptr); ok && text != value {
		return text + " (" + value + ")"
	}
	return value
}

// blank reports whether a text says nothing.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// today is the date of the pass's clock, as midnight UTC, for comparing
// with dates written in a design.
func today(p *catalog.Pass) time.Time {
	y, m, d := p.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// notApplicableAt reads a "notApplicable" member at ptr: whether it is
// written (and not false), and its reason. A key written with no value
// ("notApplicable:") is written, without a reason.
func notApplicableAt(doc *catalog.Document, ptr string) (written bool, reason string) {
	v, ok := doc.Lookup(ptr)
	if !ok || v == false {
		return false, ""
	}
	r, _ := v.(string)
	return true, strings.TrimSpace(r)
}

// andList writes names as a, b and c.
func andList(names []string) string { return joinList(names, "and") }

// orList writes names as a, b or c.
func orList(names []string) string { return joinList(names, "or") }

func joinList(names []string, conj string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}
