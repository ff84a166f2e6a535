package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/textsafe"
)

// tabWidth is how many columns a tab takes in a shown source line.
const tabWidth = 4

// snippetContext is how many characters of a long source line are shown
// on each side of the column: a line longer than 2×snippetContext+1
// characters is shown as that window, with … where it is cut, so that a
// one-line file of 79 KB with 5,000 findings prints kilobytes, not the
// whole line 5,000 times.
const snippetContext = 60

// ellipsis marks where a shown source line is cut.
const ellipsis = "…"

func writeText(w io.Writer, diags catalog.Diagnostics, opts Options) error {
	safe := textsafe.NewWriter(w) // a message quoting a value never writes its controls raw
	bw := bufio.NewWriter(safe)
	src := newSources(opts.Source)
	for _, d := range diags {
		bw.WriteString(d.String())
		bw.WriteByte('\n')
		shown := writeSnippet(bw, src, d.Pos)
		for _, r := range d.Related {
			fmt.Fprintf(bw, "%s: note: %s\n", r.Pos, r.Message)
			shown = writeSnippet(bw, src, r.Pos) || shown
		}
		if shown {
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return safe.Flush()
}

// writeSnippet writes the source line of a position with a caret under its
// column:
//
//	17 |   retire:
//	   |   ^
//
// It reports whether it wrote anything.
func writeSnippet(w *bufio.Writer, src *sources, p catalog.Pos) bool {
	if !p.IsValid() {
		return false
	}
	lines := src.get(p.File)
	if lines == nil || p.Line > len(lines.starts) {
		return false
	}
	line, col, cutBefore, cutAfter := lines.window(p.Line, p.Column)
	num := strconv.Itoa(p.Line)
	text, caret := render(line, col)
	if cutBefore {
		text, caret = ellipsis+text, " "+caret
	}
	if cutAfter {
		text = strings.TrimRight(text, " ") + ellipsis
	}
	fmt.Fprintf(w, " %s | %s\n", num, strings.TrimRight(text, " "))
	if p.Column > 0 {
		fmt.Fprintf(w, " %s | %s^\n", strings.Repeat(" ", len(num)), caret)
	}
	return true
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// lines is a file split into lines as the loader counts them: at LF, CRLF
// and CR, and in YAML also at NEL, LS and PS.
type lines struct {
	data   []byte
	starts []int // offset of each line; line n spans starts[n-1] to its break
	ends   []int

	// The rune offsets of the last long line windowed, kept because the
	// findings of one line come together (sorted by position).
	longLine  int
	longRunes []int
}

// splitLines indexes the lines of a file. A file in UTF-16 is not shown
// (nil): its bytes are not the text the positions count.
func splitLines(data []byte, json bool) *lines {
	if len(data) >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)) {
		return nil
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	l := &lines{data: data}
	for off := 0; ; {
		end, next := lineBreak(data[off:], json)
		l.starts = append(l.starts, off)
		l.ends = append(l.ends, off+end)
		if next < 0 {
			return l
		}
		off += next
	}
}

// line returns the 1-based line n.
func (l *lines) line(n int) []byte { return l.data[l.starts[n-1]:l.ends[n-1]] }

// window returns the part of line n shown for a finding at column col:
// the whole line when it is short, or snippetContext characters on each
// side of the column; col is then the column within the part, and the
// booleans say where the line was cut.
func (l *lines) window(n, col int) (part []byte, partCol int, cutBefore, cutAfter bool) {
	line := l.line(n)
	if len(line) <= 2*snippetContext+1 { // never more characters than bytes
		return line, col, false, false
	}
	if l.longLine != n {
		l.longLine, l.longRunes = n, l.longRunes[:0]
		for i := range string(line) {
			l.longRunes = append(l.longRunes, i)
		}
		l.longRunes = append(l.longRunes, len(line))
	}
	runes := len(l.longRunes) - 1
	if runes <= 2*snippetContext+1 {
		return line, col, false, false
	}
	first := min(max(col-snippetContext, 1), runes-2*snippetContext) // 1-based, the first character shown
	last := first + 2*snippetContext                                 // the last shown
	return line[l.longRunes[first-1]:l.longRunes[last]], col - first + 1, first > 1, last < runes
}

// lineBreak returns where the first line of data ends and where the next
// starts (-1 when there is none).
func lineBreak(data []byte, json bool) (end, next int) {
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
			return i, i + 1
		case c == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		case json:
		case c == 0xC2 && i+1 < len(data) && data[i+1] == 0x85:
			return i, i + 2
		case c == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9):
			return i, i + 3
		}
	}
	return len(data), -1
}

// render makes a source line safe to print and builds the padding that
// puts a caret under the rune at column col (1-based, in runes, as the
// loader counts): tabs become spaces, control characters and the
// bidirectional controls that would reorder the terminal's text become
// U+FFFD, and wide characters (CJK, full-width forms) take two cells,
// as diag.Width counts them.
func render(line []byte, col int) (text, pad string) {
	var t, p strings.Builder
	cell := 0
	for i, r := 1, []rune(string(line)); i <= len(r); i++ {
		c := r[i-1]
		var s string
		width := 1
		switch {
		case c == '\t':
			width = tabWidth - cell%tabWidth
			s = strings.Repeat(" ", width)
		case c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029 || textsafe.IsBidiControl(c):
			s = string(utf8.RuneError)
		default:
			s = string(c)
			width = diag.RuneWidth(c) // the same cells as every text table
		}
		t.WriteString(s)
		if i < col {
			p.WriteString(strings.Repeat(" ", width))
		}
		cell += width
	}
	return t.String(), p.String()
}
