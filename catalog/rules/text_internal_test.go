package rules

import (
	"testing"

	"github.com/opsdesign/opsdesign/internal/textsafe"
)

// TestHiddenInIsFind holds the byte scan of text/hidden-character's clean
// path to textsafe.Find: every character, between others and after bytes
// that are not UTF-8, and every pair of bytes.
func TestHiddenInIsFind(t *testing.T) {
	check := func(s string) {
		t.Helper()
		n, _ := textsafe.Find(s)
		if got := hiddenIn(s); got != (n >= 0) {
			t.Fatalf("hiddenIn(%q) = %v, textsafe.Find says %d", s, got, n)
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		check("a" + string(r) + "b")
		if r < 0x3000 {
			check("\xe3" + string(r))
			check("\xff\xc2" + string(r))
		}
	}
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			check(string([]byte{byte(a), byte(b)}))
			check(string([]byte{'x', byte(a), byte(b), 0x80}))
		}
	}
}

func TestHoldsHidden(t *testing.T) {
	clean := map[string]any{"name": "a", "list": []any{"b", int64(1), nil, map[string]any{"k": "会員カード"}}}
	if holdsHidden(clean) {
		t.Fatal("a clean value holds no hidden character")
	}
	for _, v := range []any{
		"restart\u202Egnp.exe",
		map[string]any{"ke\u200Fy": "v"},
		map[string]any{"a": []any{"x", map[string]any{"b": "\x00"}}},
	} {
		if !holdsHidden(v) {
			t.Errorf("%#v holds a hidden character", v)
		}
	}
}
