// Package textsafe tells and escapes the characters that make text say
// something other than what it shows: the bidirectional controls that
// reorder what follows them (the "Trojan Source" characters), and the
// control characters, NUL first, that terminals, Markdown and HTML either
// drop, act on or choke on. The design rule text/hidden-character
// reports them in a design's names, titles and descriptions, catalog/render
// escapes them in every page it writes, and catalog/report shows them as
// U+FFFD in the source lines it echoes.
package textsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// IsBidiControl reports whether r is a bidirectional control: the
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the
// marks U+200E and U+200F, and the Arabic letter mark U+061C.
func IsBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// IsControl reports whether r is a control character other than the tab
// and the line ends: NUL and the rest of C0, DEL, and C1.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7F || r >= 0x80 && r < 0xA0
}

// IsHidden reports whether r is a bidirectional control or a control
// character (IsBidiControl, IsControl).
func IsHidden(r rune) bool { return IsControl(r) || IsBidiControl(r) }

// Find returns the byte offset and the rune of the first hidden character
// of s, or -1.
func Find(s string) (int, rune) {
	for i, r := range s {
		if IsHidden(r) {
			return i, r
		}
	}
	return -1, 0
}

// Name names a hidden character for a message: "U+202E (RIGHT-TO-LEFT
// OVERRIDE)", "U+0000 (NUL)".
func Name(r rune) string {
	if n, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X (%s)", r, n)
	}
	return fmt.Sprintf("U+%04X", r)
}

var names = map[rune]string{
	0x00: "NUL", 0x07: "BELL", 0x08: "BACKSPACE", 0x1B: "ESCAPE", 0x7F: "DELETE",
	0x061C: "ARABIC LETTER MARK", 0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
}

// Escape returns s with every hidden character written as a visible
// escape, \u202E or \u0000, the way Go and JSON write them; a backslash
// and a byte that is not UTF-8 are left as they are. Text without one is
// returned as it is.
func Escape(s string) string {
	if i, _ := Find(s); i < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if IsHidden(r) {
			fmt.Fprintf(&b, `\u%04X`, r)
		} else {
			b.WriteString(s[i : i+size]) // a byte that is not UTF-8 passes as it is
		}
		i += size
	}
	return b.String()
}

// Writer escapes the hidden characters of everything written through it
// (Escape), whatever the Write calls cut: a character split between two
// writes is put together first. Close, or Flush, writes a character left
// incomplete at the end as it is. It keeps at most three bytes.
type Writer struct {
	w    io.Writer
	tail [utf8.UTFMax]byte
	n    int // bytes in tail
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p and writes it; it returns len(p) when all of it was
// taken.
func (e *Writer) Write(p []byte) (int, error) {
	in := p
	if e.n > 0 {
		in = append(e.tail[:e.n:e.n], p...)
		e.n = 0
	}
	// Keep an incomplete character at the end for the next write.
	if k := incomplete(in); k > 0 {
		e.n = copy(e.tail[:], in[len(in)-k:])
		in = in[:len(in)-k]
	}
	start := 0
	var out []byte
	for i := 0; i < len(in); {
		r, size := utf8.DecodeRune(in[i:])
		if IsHidden(r) { // RuneError, for a byte that is not UTF-8, is not hidden: it passes as it is
			out = append(out, in[start:i]...)
			out = fmt.Appendf(out, `\u%04X`, r)
			start = i + size
		}
		i += size
	}
	if out == nil {
		if _, err := e.w.Write(in); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	out = append(out, in[start:]...)
	if _, err := e.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes the bytes of an incomplete character kept from the last
// write, as they are.
func (e *Writer) Flush() error {
	if e.n == 0 {
		return nil
	}
	_, err := e.w.Write(e.tail[:e.n])
	e.n = 0
	return err
}

// incomplete returns how many bytes at the end of p are the start of a
// UTF-8 character that the next bytes may complete.
func incomplete(p []byte) int {
	for k := 1; k < utf8.UTFMax && k <= len(p); k++ {
		c := p[len(p)-k]
		if c < 0x80 {
			return 0 // ASCII: complete
		}
		if utf8.RuneStart(c) {
			if need := seqLen(c); need > k {
				return k
			}
			return 0
		}
	}
	return 0
}

// seqLen is the length of the UTF-8 sequence c starts, 1 for a byte that
// starts none.
func seqLen(c byte) int {
	switch {
	case c&0xE0 == 0xC0:
		return 2
	case c&0xF0 == 0xE0:
		return 3
	case c&0xF8 == 0xF0:
		return 4
	}
	return 1
}
