package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/textsafe"
)

func textRules() []catalog.Rule {
	return []catalog.Rule{{
		ID:       "text/hidden-character",
		Severity: catalog.Error,
		Doc: ruleDoc(`A name, title, description or any other text of a document holds a character that makes it show something other than what it says: `+
			`a bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which reorders the text after it (a task named "restart\u202Egnp.exe" shows as "restartexe.png"), `+
			`or a control character (NUL, the rest of C0 but tab and line ends, DEL, C1), which terminals act on and Markdown and HTML drop or choke on. `+
			`Reviewers read the rendered catalog, not the bytes: remove the character. The rendered catalog shows it as an escape (\u202E), never raw. Reported at the value, or at the key that holds one.`, `
metadata:
  name: member-card
  title: "会員カード\u202E"   # a right-to-left override, written as an escape
`),
		Run: runHiddenCharacter,
	}}
}

// runHiddenCharacter checks every string of every document, keys too.
func runHiddenCharacter(p *catalog.Pass) {
	for _, doc := range p.Design.Documents {
		if !holdsHidden(doc.Value) {
			continue // the clean path: no pointers built, no keys sorted
		}
		walkStrings(doc.Value, "", func(ptr, s string, key bool) {
			i, r := textsafe.Find(s)
			if i < 0 {
				return
			}
			what := "the text"
			if key {
				what = "the key"
			}
			msg := fmt.Sprintf("%s %s holds %s at character %d: it shows as something other than what it says where the design is read; remove it",
				what, strconv.QuoteToASCII(s), textsafe.Name(r), utf8.RuneCountInString(s[:i])+1)
			d := catalog.Diagnostic{Pos: doc.At(ptr), Path: ptr, Message: msg}
			if key {
				d.Pos = doc.KeyAt(ptr)
			}
			p.Report(d)
		})
	}
}

// holdsHidden reports whether a string or a key of v holds a hidden
// character (textsafe.Find).
func holdsHidden(v any) bool {
	switch x := v.(type) {
	case string:
		return hiddenIn(x)
	case map[string]any:
		for k, sub := range x {
			if hiddenIn(k) || holdsHidden(sub) {
				return true
			}
		}
	case []any:
		for _, sub := range x {
			if holdsHidden(sub) {
				return true
			}
		}
	}
	return false
}

// hiddenIn is textsafe.Find(s) >= 0 with a byte scan first. Every hidden
// character is a byte below 0x20 or 0x7F, or its UTF-8 starts with 0xC2
// (C1), 0xD8 (U+061C) or 0xE2 (the bidirectional controls); none of these
// bytes continues a character, so Find decodes from the first of them as
// it would have from the start.
func hiddenIn(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t', c == '\n', c == '\r':
		case c < 0x20, c == 0x7F, c == 0xC2, c == 0xD8, c == 0xE2:
			n, _ := textsafe.Find(s[i:])
			return n >= 0
		}
	}
	return false
}

// walkStrings calls f with every string of a document's value, and every
// key of its mappings, in a stable order, with its JSON pointer.
func walkStrings(v any, ptr string, f func(ptr, s string, key bool)) {
	switch x := v.(type) {
	case string:
		f(ptr, x, false)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, cmp.Compare)
		for _, k := range keys {
			at := ptr + "/" + escapePointer(k)
			f(at, k, true)
			walkStrings(x[k], at, f)
		}
	case []any:
		for i, sub := range x {
			walkStrings(sub, ptr+"/"+strconv.Itoa(i), f)
		}
	}
}
