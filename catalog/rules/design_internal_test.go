package rules

import (
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
)

// slowMatch is design/placeholder's definition as its doc writes it: the
// value's key is a placeholder in force, or nothing but filler. match must
// answer as it does; its clean path only skips the key.
func (ph placeholders) slowMatch(value string) bool {
	k := placeholderKey(value)
	return k != "" && !ph.removed[k] && (ph.words[k] || onlyFiller(k))
}

// placeholderSamples are values near the edges of the clean path (ASCII
// values, their key found without allocating): white space of every kind
// inside and around, brackets and sentence ends stripped, keys just
// shorter and longer than every placeholder, filler long and short; and
// values that take the general path: full-width letters folded, letters
// lower-cased into fewer bytes (the Kelvin sign), bytes that are not
// UTF-8.
var placeholderSamples = []string{
	"", " ", "TBD", "tbd.", "(TBD)", "t.b.d.", "N/A", "---", "…", "未定です", "「未定」", "ＴＢＤ",
	"not decided yet", "Not   decided\tyet", "n o t d e c i d e d y e t", "to be determined", "To  be  determined",
	"t                                        bd", "tＢＤ", "to be determinedx", "x to be determined",
	"tＯ ＢＥ ＤＥＴＥＲＭＩＮＥＤ", "to\u3000be\u3000determined", "to\u00a0be\u00a0determined",
	"a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212ab",
	"Notify every customer by mail 30 days before", "TBD: the vendor proposes a scheme by March.",
	"N/A - the city pays centrally", "x\xff\xfe\xfdy", "ask ken", "ASK KEN",
	"-\t-", "- \t\v -", "-----------------------------------", "---\t---\t---\t---\t---\t---\t---\t---",
	"((tbd))", "( tbd ).", "(TBD).", "'tbd'", "\"TBD\"", "<to be determined>.", "tbd!!", "tbd:", "{[(<tbd>)]}", "(", ")", "()", "(.)",
	"TO BE DETERMINED", "to\tbe\ndetermined", "  to be   determined  ", "Kept.", "Daily use.", "None.", "?", "...", "./",
}

func TestPlaceholderCleanPath(t *testing.T) {
	kelvin := strings.Repeat("\u212a", 17)
	for _, set := range []catalog.PlaceholderSettings{{}, {Add: []string{"ask ken", "a" + strings.Repeat("k", 17) + "b"}, Remove: []string{"-"}}} {
		ph := newPlaceholders(set)
		for _, v := range append(placeholderSamples, "a"+kelvin+"b") {
			if got, want := ph.match(v), ph.slowMatch(v); got != want {
				t.Errorf("settings %+v: match(%q) = %v, the definition says %v", set, v, got, want)
			}
		}
	}
	// The Kelvin sign lower-cases to k in fewer bytes: a team's placeholder.
	ph := newPlaceholders(catalog.PlaceholderSettings{Add: []string{"a" + strings.Repeat("k", 17) + "b"}})
	if !ph.match("a" + kelvin + "b") {
		t.Errorf("a value whose key is a team's placeholder is one")
	}
}

func FuzzPlaceholderMatch(f *testing.F) {
	for _, s := range placeholderSamples {
		f.Add(s, "", "")
		f.Add(s, s, "")
		f.Add(s, "", s)
	}
	f.Fuzz(func(t *testing.T, value, added, removed string) {
		ph := newPlaceholders(catalog.PlaceholderSettings{Add: []string{added}, Remove: []string{removed}})
		if got, want := ph.match(value), ph.slowMatch(value); got != want {
			t.Fatalf("match(%q) with %q added and %q removed = %v, the definition says %v", value, added, removed, got, want)
		}
	})
}
