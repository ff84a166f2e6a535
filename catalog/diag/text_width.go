package diag

import (
	"strings"
	"unicode"
)

// RuneWidth is the number of terminal cells a rune takes: two for East
// Asian wide and full-width characters, zero for combining marks and
// zero-width characters, one otherwise. It covers the ranges designs use
// (kana, kanji, hangul, full-width forms, emoji) without a Unicode width
// table.
func RuneWidth(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115F,
		r >= 0x2E80 && r <= 0x303E,
		r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF,
		r >= 0x4E00 && r <= 0x9FFF,
		r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F,
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD:
		return 2
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF,
		unicode.In(r, unicode.Mn, unicode.Me):
		return 0
	}
	return 1
}

// Width is the number of terminal cells s takes on one line.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += RuneWidth(r)
	}
	return n
}

// PadRight appends spaces to s until it takes width cells; s is returned
// as it is when it is as wide already.
func PadRight(s string, width int) string {
	if n := width - Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// PadLeft puts spaces before s until it takes width cells, for numbers
// aligned on the right.
func PadLeft(s string, width int) string {
	if n := width - Width(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
