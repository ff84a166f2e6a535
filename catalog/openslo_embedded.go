package catalog

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// AnnotationCalendarDocument carries, on an OpenSLO SLO that opsdesign
// exported, the opsdesign Calendar document its objective names
// (AnnotationCalendar), as YAML in a literal block. OpenSLO has no
// calendars, and its tools (oslo) refuse a stream holding documents of
// another apiVersion, so the calendar travels inside the SLO: the export
// stands on its own for both. Only the first SLO naming a calendar
// carries it.
const AnnotationCalendarDocument = "opsdesign.dev/calendar-document"

// embeddedDocuments returns the documents OpenSLO SLOs carry in their
// AnnotationCalendarDocument annotation, each placed in the file: the
// lines of a literal block map to the file's lines, so a finding in an
// embedded Calendar is at its line and column; a value written otherwise
// (quoted) places everything at the annotation. The loader checks and
// models them as documents of the file, as if written beside the SLO.
func embeddedDocuments(src []byte, docs []*yamlx.Document, opts yamlx.Options) ([]*yamlx.Document, []yamlx.Finding) {
	var out []*yamlx.Document
	var findings []yamlx.Finding
	ptr := "/metadata/annotations/" + yamlx.Pointer(AnnotationCalendarDocument)[1:]
	for _, y := range docs {
		root, ok := y.Value.(obj)
		if !ok || y.Root == nil || root["kind"] != "SLO" || !slices.Contains(OpenSLOAPIVersions(), str(root, "apiVersion")) {
			continue
		}
		text, ok := sub(sub(root, "metadata"), "annotations")[AnnotationCalendarDocument].(string)
		if !ok {
			continue
		}
		_, scalar, found := yamlx.Locate(y.Root, ptr)
		if !found || scalar == nil {
			continue
		}
		shift := placeAt(src, scalar)
		embedded, fs := yamlx.Parse([]byte(text), opts)
		for _, e := range embedded {
			e.Index = y.Index
			e.Line, e.Column = shift(e.Line, e.Column)
			visit(e.Root, map[*yaml.Node]bool{}, func(n *yaml.Node) { n.Line, n.Column = shift(n.Line, n.Column) })
			out = append(out, e)
		}
		for _, f := range fs {
			f.Doc = y.Index
			f.Line, f.Column = shift(f.Line, f.Column)
			for i := range f.Related {
				f.Related[i].Line, f.Related[i].Column = shift(f.Related[i].Line, f.Related[i].Column)
			}
			findings = append(findings, f)
		}
	}
	return out, findings
}

// placeAt returns how a position inside a scalar's text maps to the file:
// for a literal block, line k of the text is the k-th line after the
// block's indicator, indented as its first line is; otherwise, the
// scalar's own position.
func placeAt(src []byte, scalar *yaml.Node) func(line, col int) (int, int) {
	if scalar.Style&yaml.LiteralStyle == 0 {
		return func(int, int) (int, int) { return scalar.Line, scalar.Column }
	}
	lines := strings.Split(string(src), "\n")
	indent := 0
	if scalar.Line < len(lines) {
		first := lines[scalar.Line] // the line after the indicator's (0-based index)
		indent = len(first) - len(strings.TrimLeft(first, " "))
	}
	return func(line, col int) (int, int) {
		if line <= 0 {
			return scalar.Line, scalar.Column
		}
		return scalar.Line + line, indent + col
	}
}

// visit calls f once on each node of a tree.
func visit(n *yaml.Node, seen map[*yaml.Node]bool, f func(*yaml.Node)) {
	if n == nil || seen[n] {
		return
	}
	seen[n] = true
	f(n)
	for _, c := range n.Content {
		visit(c, seen, f)
	}
	visit(n.Alias, seen, f)
}
