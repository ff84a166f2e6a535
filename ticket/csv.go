package ticket

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
)

// ReadCSV returns the tickets of a CSV export, read one row at a time:
// memory holds one row, whatever the size of the file. The first row is
// the header; m says which columns hold which fields. file names the
// source in diagnostics.
//
// A row that cannot be imported, or a value that cannot be read, yields a
// catalog.Diagnostic as the error, with a zero Ticket; the row's line and
// the column's index are its position. The rest of the file is still
// read, and a ticket whose problems leave it usable comes after its
// diagnostics. Any other error (reading r) ends the sequence.
//
//	for t, err := range ticket.ReadCSV(f, "export.csv", ticket.JiraMapping(tokyo)) {
//		var d catalog.Diagnostic
//		if errors.As(err, &d) { diags = append(diags, d); continue }
//		if err != nil { return err }
//		review.Add(&t)
//	}
func ReadCSV(r io.Reader, file string, m Mapping) iter.Seq2[Ticket, error] {
	m = m.clone()
	return func(yield func(Ticket, error) bool) {
		lim := &lineLimiter{r: r, max: m.maxRow(), line: 1}
		cr := csv.NewReader(lim)
		if m.Comma != 0 {
			cr.Comma = m.Comma
		}
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		header, err := cr.Read()
		switch {
		case errors.Is(err, io.EOF):
			return
		case err != nil:
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				yield(Ticket{}, csvDiag(file, pe, "the header"))
			} else {
				yield(Ticket{}, fmt.Errorf("ticket: reading %s: %w", file, err))
			}
			return
		}
		if lim.cut(1, 1) {
			yield(Ticket{}, catalog.Diagnostic{Rule: RuleRowTooLong, Severity: severityOf(RuleRowTooLong), Pos: catalog.Pos{File: file, Line: 1},
				Message: fmt.Sprintf("the header is longer than %d bytes; nothing can be imported", lim.max)})
			return
		}
		lay, missing := newCSVLayout(slicesClone(header), &m)
		if len(missing) > 0 {
			for _, d := range missing {
				d.Pos.File = file
				if !yield(Ticket{}, d) {
					return
				}
			}
			return
		}
		b := &builder{m: &m}
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				var pe *csv.ParseError
				if !errors.As(err, &pe) {
					yield(Ticket{}, fmt.Errorf("ticket: reading %s: %w", file, err))
					return
				}
				lim.cut(pe.StartLine, pe.Line)
				if !yield(Ticket{}, csvDiag(file, pe, "the row")) {
					return
				}
				continue
			}
			line, _ := cr.FieldPos(0)
			last, _ := cr.FieldPos(len(rec) - 1)
			end := last + strings.Count(rec[len(rec)-1], "\n")
			if lim.cut(line, end) {
				if !yield(Ticket{}, catalog.Diagnostic{Rule: RuleRowTooLong, Severity: severityOf(RuleRowTooLong), Pos: catalog.Pos{File: file, Line: line},
					Message: fmt.Sprintf("the row is longer than %d bytes; it is skipped", lim.max)}) {
					return
				}
				continue
			}
			if len(rec) != lay.width {
				col := min(len(rec), lay.width) + 1
				if !yield(Ticket{}, catalog.Diagnostic{Rule: RuleFieldCount, Severity: severityOf(RuleFieldCount), Pos: catalog.Pos{File: file, Line: line, Column: col},
					Message: fmt.Sprintf("the row has %d fields and the header %d; the row is skipped (an unquoted comma?)", len(rec), lay.width)}) {
					return
				}
				continue
			}
			b.reset(Source{File: file, Line: line, cols: lay.cols})
			lay.fill(b, rec)
			ok := b.build()
			for _, d := range b.diags {
				if !yield(Ticket{}, d) {
					return
				}
			}
			if ok && !yield(b.t, nil) {
				return
			}
		}
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

func csvDiag(file string, pe *csv.ParseError, what string) catalog.Diagnostic {
	return catalog.Diagnostic{Rule: RuleBadCSV, Severity: severityOf(RuleBadCSV), Pos: catalog.Pos{File: file, Line: pe.StartLine},
		Message: fmt.Sprintf("%s is not valid CSV: %v at line %d, byte %d; it is skipped", what, pe.Err, pe.Line, pe.Column)}
}

// csvLayout is where the fields are in the rows of one file.
type csvLayout struct {
	width  int
	index  [numFields]int // column of each field, -1 when absent
	labels []int          // every label column
	params []paramCol
	cols   *fieldCols
}

type paramCol struct {
	index int
	name  string
}

// newCSVLayout finds the mapping's columns in the header. It reports the
// required fields it cannot find.
func newCSVLayout(header []string, m *Mapping) (*csvLayout, catalog.Diagnostics) {
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	lay := &csvLayout{width: len(header), cols: &fieldCols{}}
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = strings.ToLower(strings.TrimSpace(h))
	}
	for f := range numFields {
		lay.index[f] = -1
		for _, name := range m.columns(f) {
			want := strings.ToLower(strings.TrimSpace(name))
			for i, h := range norm {
				if h != want {
					continue
				}
				if f == FieldLabels {
					lay.labels = append(lay.labels, i)
				}
				if lay.index[f] < 0 {
					lay.index[f] = i
					lay.cols.col[f] = int32(i + 1)
					lay.cols.name[f] = strings.TrimSpace(header[i])
				}
			}
			if lay.index[f] >= 0 {
				break
			}
		}
	}
	if len(lay.labels) > 0 {
		lay.index[FieldLabels] = -1 // read through labels
	}
	used := map[int]bool{}
	for _, i := range lay.index {
		used[i] = true
	}
	for _, i := range lay.labels {
		used[i] = true
	}
	for i, h := range header {
		if used[i] {
			continue
		}
		name, ok := "", false
		if m.ParameterPrefix != "" && len(h) > len(m.ParameterPrefix) && strings.EqualFold(h[:len(m.ParameterPrefix)], m.ParameterPrefix) {
			name, ok = h[len(m.ParameterPrefix):], true
		}
		for col, p := range m.Parameters {
			if strings.EqualFold(strings.TrimSpace(col), strings.TrimSpace(h)) {
				name, ok = p, true
			}
		}
		if ok {
			lay.params = append(lay.params, paramCol{i, name})
			if lay.cols.col[FieldParameters] == 0 {
				lay.cols.col[FieldParameters] = int32(i + 1)
				lay.cols.name[FieldParameters] = strings.TrimSpace(h)
			}
		}
	}
	var missing catalog.Diagnostics
	for _, f := range []Field{FieldID, FieldCreated} {
		if lay.index[f] < 0 {
			missing = append(missing, catalog.Diagnostic{Rule: RuleMissingColumn, Severity: severityOf(RuleMissingColumn),
				Pos: catalog.Pos{Line: 1}, Message: fmt.Sprintf("the header has no %s column (looked for %s with the %s mapping); nothing is imported",
					f, quoteList(m.columns(f)), mappingName(m))})
		}
	}
	return lay, missing
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

// fill copies one row's values into the builder.
func (lay *csvLayout) fill(b *builder, rec []string) {
	for f, i := range lay.index {
		if i >= 0 {
			b.raw[f] = rec[i]
		}
	}
	for _, i := range lay.labels {
		if v := rec[i]; v != "" {
			b.labels = append(b.labels, splitLabels(v, b.m.LabelSeparator)...)
		}
	}
	for _, p := range lay.params {
		if v := rec[p.index]; v != "" {
			if b.params == nil {
				b.params = map[string]any{}
			}
			b.params[p.name] = v
		}
	}
}

// lineLimiter passes a reader through, cutting every line longer than max
// bytes to max bytes and remembering which lines it cut, so that a single
// runaway line cannot make the CSV reader hold it all.
type lineLimiter struct {
	r        io.Reader
	max      int
	run      int // bytes of the current line passed so far
	line     int // the current line, 1-based
	skipping bool
	cuts     []int // lines cut and not yet claimed, ascending
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		if n == 0 {
			return 0, err
		}
		out, in := 0, 0
		for in < n {
			seg := p[in:n]
			nl := bytes.IndexByte(seg, '\n')
			body := seg
			if nl >= 0 {
				body = seg[:nl]
			}
			keep := len(body)
			if l.skipping {
				keep = 0
			} else if l.run+keep > l.max {
				keep = l.max - l.run
				l.skipping = true
				l.cuts = append(l.cuts, l.line)
			}
			if out != in {
				copy(p[out:], body[:keep])
			}
			out += keep
			l.run += keep
			in += len(body)
			if nl >= 0 {
				p[out] = '\n'
				out++
				in++
				l.run, l.line, l.skipping = 0, l.line+1, false
			}
		}
		if out > 0 || err != nil {
			return out, err
		}
	}
}

// cut reports whether a line from first to last was cut, and forgets the
// cuts up to last.
func (l *lineLimiter) cut(first, last int) bool {
	found := false
	i := 0
	for ; i < len(l.cuts) && l.cuts[i] <= last; i++ {
		if l.cuts[i] >= first {
			found = true
		}
	}
	l.cuts = l.cuts[i:]
	return found
}
