package diag

import (
	"bufio"
	"io"
	"strings"
)

// TextTable lines up columns of text by their terminal width, as
// text/tabwriter does by counting runes (which leaves a column of
// Japanese names short by half). Cells are padded to the widest cell of
// their column, columns parted by Gap spaces; the last cell of a row is
// not padded, and no line ends in spaces. Columns listed in Right are
// aligned on the right, for figures. Lines added with Line stand between
// the rows as they are, so that groups of rows (a heading, then its rows)
// line up with one another. The zero value writes columns two spaces
// apart. A TextTable is not safe for concurrent use.
type TextTable struct {
	Gap    int    // spaces between columns; 0 means 2
	Indent string // written before every row
	Right  []int  // the columns (0-based) aligned on the right
	rows   [][]string
	lines  map[int]string // a line written as it is, by its place among the rows
}

// Row adds a row of cells.
func (t *TextTable) Row(cells ...string) { t.rows = append(t.rows, cells) }

// Line adds a line written as it is, without the indent, taking no part
// in the columns: a heading between groups of rows.
func (t *TextTable) Line(s string) {
	if t.lines == nil {
		t.lines = map[int]string{}
	}
	t.lines[len(t.rows)] = s
	t.rows = append(t.rows, nil)
}

// Len is the number of rows and lines added.
func (t *TextTable) Len() int { return len(t.rows) }

// WriteTo writes the rows, aligned, and forgets them.
func (t *TextTable) WriteTo(w io.Writer) (int64, error) {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r { // a Line is a nil row
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(c))
		}
	}
	gap := strings.Repeat(" ", cmpOr(t.Gap, 2))
	cw := &countWriter{w: bufio.NewWriter(w)}
	for n, r := range t.rows {
		if r == nil {
			cw.WriteString(t.lines[n] + "\n")
			continue
		}
		var line strings.Builder
		line.WriteString(t.Indent)
		for i, c := range r {
			if i > 0 {
				line.WriteString(gap)
			}
			switch {
			case t.right(i):
				line.WriteString(PadLeft(c, widths[i]))
			case i < len(r)-1:
				line.WriteString(PadRight(c, widths[i]))
			default:
				line.WriteString(c)
			}
		}
		cw.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	t.rows, t.lines = nil, nil
	if cw.err == nil {
		cw.err = cw.w.Flush()
	}
	return cw.n, cw.err
}

func (t *TextTable) right(col int) bool {
	for _, c := range t.Right {
		if c == col {
			return true
		}
	}
	return false
}

func cmpOr(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// countWriter counts what it writes and keeps the first error.
type countWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countWriter) WriteString(s string) {
	if c.err != nil {
		return
	}
	n, err := c.w.WriteString(s)
	c.n += int64(n)
	c.err = err
}
