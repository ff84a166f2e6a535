package yamlx

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// ParseEmbedded parses the text of scalar, a string value of a document
// of src, as YAML documents of their own, placed in src: the lines of a
// literal block ("key: |") map to the lines after its indicator, indented
// as its first line is, so each node, document and finding is at its
// line and column in src. A scalar written otherwise (quoted, folded)
// places everything at the scalar itself.
func ParseEmbedded(src []byte, scalar *yaml.Node, opts Options) ([]*Document, []Finding) {
	shift := placeIn(src, scalar)
	docs, findings := Parse([]byte(scalar.Value), opts)
	seen := map[*yaml.Node]bool{}
	for _, d := range docs {
		d.Line, d.Column = shift(d.Line, d.Column)
		visitNodes(d.Root, seen, func(n *yaml.Node) { n.Line, n.Column = shift(n.Line, n.Column) })
		if d.Tree != nil {
			d.Tree.move(shift)
		}
	}
	for i := range findings {
		f := &findings[i]
		f.Line, f.Column = shift(f.Line, f.Column)
		for j := range f.Related {
			f.Related[j].Line, f.Related[j].Column = shift(f.Related[j].Line, f.Related[j].Column)
		}
	}
	return docs, findings
}

// placeIn returns how a position inside a scalar's text maps to src.
func placeIn(src []byte, scalar *yaml.Node) func(line, col int) (int, int) {
	at := func(int, int) (int, int) { return scalar.Line, scalar.Column }
	if scalar.Style&yaml.LiteralStyle == 0 {
		return at
	}
	// The block's indentation: the least of its lines' (they follow the
	// indicator's line, one per line of the text).
	indent := -1
	lines := strings.Split(string(src), "\n")
	for i := scalar.Line; i < len(lines) && i < scalar.Line+strings.Count(strings.TrimRight(scalar.Value, "\n"), "\n")+1; i++ {
		if l := strings.TrimRight(lines[i], "\r"); strings.TrimSpace(l) != "" {
			if n := len(l) - len(strings.TrimLeft(l, " ")); indent < 0 || n < indent {
				indent = n
			}
		}
	}
	if indent < 0 {
		return at
	}
	return func(line, col int) (int, int) {
		if line <= 0 {
			return at(line, col)
		}
		return scalar.Line + line, indent + col
	}
}

// visitNodes calls f once on each node of a tree.
func visitNodes(n *yaml.Node, seen map[*yaml.Node]bool, f func(*yaml.Node)) {
	if n == nil || seen[n] {
		return
	}
	seen[n] = true
	f(n)
	for _, c := range n.Content {
		visitNodes(c, seen, f)
	}
	visitNodes(n.Alias, seen, f)
}
