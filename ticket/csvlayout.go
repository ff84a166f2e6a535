package ticket

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
)

// csvLayout is where the fields are in the rows of one file.
type csvLayout struct {
	width   int
	index   [numFields]int // column of each field, -1 when absent
	mapped  []fieldCol     // the fields present, with their columns
	labels  []int          // every label column
	params  []paramCol
	status  []namedCol // columns of minutes in a tracker status
	tracker []namedCol // columns of the tracker's own figures
	read    []int      // every column read, ascending
	names   []string   // the header, trimmed
	cols    *fieldCols
}

// fieldCol is a field and the column it is read from.
type fieldCol struct {
	field Field
	index int
}

// paramCol is a parameter's column; number is set for a custom field
// whose type says it holds a number.
type paramCol struct {
	index  int
	name   string
	number bool
}

// namedCol is a column and what the mapping calls its value.
type namedCol struct {
	index int
	name  string
}

// header is the header row, trimmed and lower-cased for matching.
type header struct {
	rec   *record.Record
	cells []string // repaired, as written
	names []string // trimmed
	norm  []string // trimmed, lower-cased
	base  []string // norm without a field-type suffix, when the mapping allows one
}

func newHeader(rec *record.Record, typeSuffix bool) (*header, []int) {
	h := &header{rec: rec, cells: slices.Clone(rec.Fields)}
	var bad []int // the cells that are not UTF-8, repaired
	for i, c := range h.cells {
		if !utf8.ValidString(c) {
			h.cells[i] = strings.ToValidUTF8(c, "\uFFFD")
			bad = append(bad, i)
		}
	}
	for _, c := range h.cells {
		name := strings.TrimSpace(c)
		h.names = append(h.names, name)
		h.norm = append(h.norm, strings.ToLower(name))
		base := ""
		if typeSuffix {
			if b, ok := stripTypeSuffix(name); ok {
				base = strings.ToLower(b)
			}
		}
		h.base = append(h.base, base)
	}
	return h, bad
}

// is reports whether column i has the header name, with or without a
// field-type suffix.
func (h *header) is(i int, name string) bool {
	want := strings.ToLower(strings.TrimSpace(name))
	return h.norm[i] == want || (h.base[i] != "" && h.base[i] == want)
}

// find returns every column with the header name.
func (h *header) find(name string) []int {
	var out []int
	for i := range h.norm {
		if h.is(i, name) {
			out = append(out, i)
		}
	}
	return out
}

// newCSVLayout finds the mapping's columns in the header, rec. It
// reports, in this order, the header cells read that are not UTF-8 (they
// are repaired), the columns read twice, the columns the mapping names
// that the header lacks, and the required fields it cannot find; ok is
// false when one is missing.
func newCSVLayout(rec *record.Record, m *Mapping, file string) (lay *csvLayout, found diag.List, ok bool) {
	h, badHeader := newHeader(rec, m.TypeSuffix)
	lay = &csvLayout{width: len(h.cells), names: h.names, cols: &fieldCols{comma: string(m.comma())}}
	at := func(rule string, i int, format string, args ...any) diag.Diagnostic {
		pos := diag.Pos{File: file, Line: rec.Line}
		path := ""
		if i >= 0 {
			pos.Line, pos.Column = lineColumn(rec.Text(), rec.Line, rec.Offset(i))
			path = lay.path(i)
		}
		return diag.Diagnostic{Rule: rule, Severity: severityOf(rule), Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)}
	}
	used := make([]bool, len(h.cells))
	var dups, absent []diag.Diagnostic
	// absentAt reports a column the mapping names at ptr that the header
	// lacks, pointing at where the mapping names it.
	absentAt := func(ptr, format string, args ...any) {
		d := at(RuleAbsentColumn, -1, format, args...)
		if pos, ok := m.where(ptr); ok {
			d.Related = []diag.Related{{Pos: pos, Message: "the mapping names the column here"}}
		}
		absent = append(absent, d)
	}
	for f := range numFields {
		lay.index[f] = -1
		names, explicit := m.columns(f)
		for _, name := range names {
			for _, i := range h.find(name) {
				switch {
				case f == FieldLabels: // every label column is read
					lay.labels = append(lay.labels, i)
				case lay.index[f] >= 0:
					dups = append(dups, at(RuleDuplicateColumn, i, "column %q appears twice; the first, column %d, is read", h.names[i], lay.index[f]+1))
					continue
				}
				used[i] = true
				if lay.index[f] < 0 {
					lay.index[f] = i
					lay.cols.col[f] = int32(i + 1)
					lay.cols.name[f] = h.names[i]
				}
			}
			if lay.index[f] >= 0 {
				break
			}
		}
		if explicit && lay.index[f] < 0 && f != FieldID && f != FieldCreated {
			absentAt("/spec/columns/"+f.String(), "the header has no column for the %s (looked for %s with the %s mapping): no ticket has one; export the column, or name its header in the mapping's columns",
				fieldWords(f), quoteList(names), mappingName(m))
		}
	}
	if len(lay.labels) > 0 {
		lay.index[FieldLabels] = -1 // read through labels
	}
	for f, i := range lay.index {
		if i >= 0 {
			lay.mapped = append(lay.mapped, fieldCol{Field(f), i})
		}
	}
	lay.statusColumns(h, m, used, &dups, absentAt, at)
	lay.parameterColumns(h, m, used, &dups, absentAt, at)
	for i := range h.cells {
		if used[i] {
			lay.read = append(lay.read, i)
		}
	}
	for _, i := range badHeader {
		// Reported only where the cell names a column that is read (in
		// practice a parameter column); other columns are not imported.
		if used[i] {
			found = append(found, at(RuleInvalidUTF8, i, "the header %q holds bytes that are not UTF-8; they are replaced by U+FFFD", h.cells[i]))
		}
	}
	slices.SortStableFunc(dups, func(a, b diag.Diagnostic) int { return a.Pos.Column - b.Pos.Column })
	found = append(found, dups...)
	found = append(found, absent...)
	ok = true
	for _, f := range []Field{FieldID, FieldCreated} {
		if lay.index[f] < 0 {
			names, _ := m.columns(f)
			found = append(found, at(RuleMissingColumn, -1, "the header has no %s column (looked for %s with the %s mapping); nothing is imported",
				f, quoteList(names), mappingName(m)))
			ok = false
		}
	}
	return lay, found, ok
}

// statusColumns finds the columns of minutes in a status and of the
// tracker's figures.
func (lay *csvLayout) statusColumns(h *header, m *Mapping, used []bool, dups *[]diag.Diagnostic,
	absentAt func(ptr, format string, args ...any), at func(string, int, string, ...any) diag.Diagnostic) {
	find := func(cols map[string]string, section, what string, out *[]namedCol) {
		for _, col := range sortedKeys(cols) {
			idx := h.find(col)
			if len(idx) == 0 {
				absentAt("/spec/"+section+"/"+escapePointer(col), "the header has no column %q (%s, with the %s mapping); export it, or take it out of the mapping's %s", col, what, mappingName(m), section)
				continue
			}
			for _, i := range idx[1:] {
				*dups = append(*dups, at(RuleDuplicateColumn, i, "column %q appears twice; the first, column %d, is read", h.names[i], idx[0]+1))
			}
			*out = append(*out, namedCol{idx[0], cols[col]})
			used[idx[0]] = true
		}
	}
	find(m.StatusTime, "minutesInStatus", "minutes in a status", &lay.status)
	find(m.TrackerFigures, "trackerFigures", "a figure of the tracker's", &lay.tracker)
}

// parameterColumns finds the parameters: the mapping's columns by name,
// then the prefixed columns and the custom fields no other entry reads.
func (lay *csvLayout) parameterColumns(h *header, m *Mapping, used []bool, dups *[]diag.Diagnostic,
	absentAt func(ptr, format string, args ...any), at func(string, int, string, ...any) diag.Diagnostic) {
	params := map[string]int{} // the column of each parameter
	add := func(i int, name string, number bool) {
		if first, seen := params[name]; seen {
			*dups = append(*dups, at(RuleDuplicateColumn, i, "column %q gives parameter %q again, after column %d; the first is read", h.names[i], name, first+1))
			return
		}
		params[name] = i
		used[i] = true
		lay.params = append(lay.params, paramCol{i, name, number})
		if lay.cols.col[FieldParameters] == 0 {
			lay.cols.col[FieldParameters] = int32(i + 1)
			lay.cols.name[FieldParameters] = h.names[i]
		}
	}
	for _, col := range sortedKeys(m.Parameters) {
		idx := h.find(col)
		if len(idx) == 0 {
			absentAt("/spec/parameters/columns/"+escapePointer(col), "the header has no column %q (parameter %s, with the %s mapping): no ticket has the parameter; export the column, or correct its header in the mapping", col, m.Parameters[col], mappingName(m))
		}
		for _, i := range idx {
			if !used[i] {
				add(i, m.Parameters[col], false)
			}
		}
	}
	var patterns []pattern
	for _, s := range m.CustomFields {
		if p, err := parsePattern(s); err == nil {
			patterns = append(patterns, p)
		}
	}
	for i, cell := range h.cells {
		if used[i] {
			continue
		}
		name := ""
		if pre := m.ParameterPrefix; pre != "" && len(cell) > len(pre) && strings.EqualFold(cell[:len(pre)], pre) {
			name = cell[len(pre):]
			add(i, name, false)
			continue
		}
		for _, p := range patterns {
			if n, typ, ok := p.match(h.names[i]); ok {
				add(i, lowerCamel(n), typ == "int" || typ == "dec" || typ == "decimal" || typ == "integer" || typ == "number")
				break
			}
		}
	}
	slices.SortFunc(lay.params, func(a, b paramCol) int { return a.index - b.index })
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fieldWords names a field in a sentence.
func fieldWords(f Field) string {
	switch f {
	case FieldRequestType:
		return "request type"
	case FieldTimeSpent:
		return "time spent"
	case FieldFirstResponse:
		return "first response"
	case FieldFirstResolved:
		return "first resolution"
	case FieldMissReason:
		return "reason of a miss"
	case FieldMissAnalysis:
		return "analysis of a miss"
	case FieldCompleted:
		return "first-response completion"
	}
	return f.String()
}

func mappingName(m *Mapping) string {
	if m.Name == "" {
		return "native"
	}
	return m.Name
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// comma is the mapping's field delimiter.
func (m *Mapping) comma() rune {
	if m.Comma == 0 {
		return ','
	}
	return m.Comma
}

// path is the JSON pointer of column i: "/" and its header.
func (lay *csvLayout) path(i int) string { return record.Pointer(lay.names[i]) }

// repair replaces the bytes that are not UTF-8 in the columns read with
// U+FFFD, reporting each column, so the ticket is imported readable and
// nothing is dropped without a word. It runs only on the rare row that
// is not valid UTF-8; bad bytes in a column that is not read are not
// imported, so not reported.
func (lay *csvLayout) repair(b *builder, rec []string) {
	id := ""
	if i := lay.index[FieldID]; i >= 0 {
		id = trim(strings.ToValidUTF8(rec[i], "\uFFFD"))
	}
	for _, i := range lay.read {
		if utf8.ValidString(rec[i]) {
			continue
		}
		rec[i] = strings.ToValidUTF8(rec[i], "\uFFFD")
		b.diags = append(b.diags, diag.Diagnostic{Rule: RuleInvalidUTF8, Severity: severityOf(RuleInvalidUTF8),
			Pos: b.t.Source.column(i), Path: lay.path(i),
			Message: fmt.Sprintf("ticket %s: column %q holds bytes that are not UTF-8; they are replaced by U+FFFD (is the export in another encoding, such as Shift_JIS?)", quoteID(id), lay.names[i])})
	}
}

// fill copies one row's values into the builder.
func (lay *csvLayout) fill(b *builder, rec []string) {
	for _, fc := range lay.mapped {
		b.raw[fc.field] = rec[fc.index]
	}
	for _, i := range lay.labels {
		if v := rec[i]; v != "" {
			if b.labels == nil {
				b.labels = splitLabels(v, b.m.LabelSeparator)
			} else {
				b.labels = append(b.labels, splitLabels(v, b.m.LabelSeparator)...)
			}
		}
	}
	for _, p := range lay.params {
		v := rec[p.index]
		if v == "" {
			continue
		}
		if b.params == nil {
			b.params = map[string]any{}
		}
		if n := trim(v); p.number && isNumber(n) {
			b.params[p.name] = json.Number(n)
		} else {
			b.params[p.name] = v
		}
	}
	for _, c := range lay.status {
		if v := trim(rec[c.index]); v != "" {
			b.statusTime = append(b.statusTime, statusValue{c.index, c.name, v})
		}
	}
	for _, c := range lay.tracker {
		if v := trim(rec[c.index]); v != "" {
			if b.tracker == nil {
				b.tracker = map[string]string{}
			}
			b.tracker[c.name] = v
		}
	}
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && s != "" && s[0] != '+' && !strings.ContainsAny(s, "xXpPnN_iI")
}
