package ticket

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
)

// ReadCSV returns the tickets of a CSV export, read one row at a time:
// memory holds a batch of rows, whatever the size of the file. The rows
// are scanned on a second goroutine, a batch ahead of the tickets built
// from them; it ends before the sequence returns, so r is no longer read
// once the loop is over, even when it stops early. The first row is the
// header; m says which columns hold which fields. file names the source
// in diagnostics. The sequence reads r: iterate it once.
//
// A quoted field may run over several lines. A row longer than
// m.MaxRowBytes, however many lines it runs over, is skipped without
// being held in memory. A UTF-8 byte-order mark is ignored, UTF-16 (as
// Excel writes "Unicode text") is decoded, and a line may end with
// "\n", "\r\n" or a lone "\r".
//
// A row that cannot be imported, or a value that cannot be read, yields a
// diag.Diagnostic as the error, with a zero Ticket; the row's line and
// the column's index are its position. The rest of the file is still
// read, and a ticket whose problems leave it usable comes after its
// diagnostics. Any other error (reading r) ends the sequence.
//
//	for t, err := range ticket.ReadCSV(f, "export.csv", ticket.JiraMapping(tokyo)) {
//		var d diag.Diagnostic
//		if errors.As(err, &d) { diags = append(diags, d); continue }
//		if err != nil { return err }
//		review.Add(&t)
//	}
func ReadCSV(r io.Reader, file string, m Mapping) iter.Seq2[Ticket, error] {
	m = m.clone()
	return func(yield func(Ticket, error) bool) {
		cr := record.NewCSV(r, record.Options{MaxBytes: m.maxRow(), Comma: m.Comma, MultiLine: true, MaxTotalBytes: m.MaxStreamBytes})
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			yield(Ticket{}, readError(file, err, "the header"))
			return
		}
		lay, found, ok := newCSVLayout(rec, &m, file)
		for _, d := range found {
			if !yield(Ticket{}, d) {
				return
			}
		}
		if !ok {
			return
		}
		b := &builder{m: &m}
		rows := readRows(cr, file, lay.width)
		defer rows.close()
		for batch := range rows.batches {
			for i := range batch.rows {
				row := &batch.rows[i]
				if row.err != nil {
					if !yield(Ticket{}, row.err) {
						return
					}
					continue
				}
				b.reset(Source{File: file, Line: row.line, cols: lay.cols})
				if row.badUTF8 {
					lay.repair(b, row.fields)
				}
				lay.fill(b, row.fields)
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
			rows.recycle(batch)
		}
	}
}

// readError is the diagnostic of a row or line the reader skipped (what
// names it), or the error that ended the reading.
func readError(file string, err error, what string) error {
	var lim *record.LimitError
	if errors.As(err, &lim) {
		return diag.Diagnostic{Rule: RuleStreamLimit, Severity: severityOf(RuleStreamLimit), Pos: diag.Pos{File: file, Line: lim.Line},
			Message: fmt.Sprintf("the input goes on past the limit of %d bytes (Mapping.MaxStreamBytes): the import stopped at this line, and nothing after it is imported", lim.Max)}
	}
	var p *record.Problem
	if !errors.As(err, &p) {
		return fmt.Errorf("ticket: reading %s: %w", file, err)
	}
	pos := diag.Pos{File: file, Line: p.Start}
	if p.Kind == record.TooLong {
		then := "it is skipped"
		if what == "the header" {
			then = "nothing can be imported"
		}
		return diag.Diagnostic{Rule: RuleRowTooLong, Severity: severityOf(RuleRowTooLong), Pos: pos,
			Message: fmt.Sprintf("%s is %s; %s", what, p.Msg, then)}
	}
	if what == "the line" { // JSON Lines: the problem's own column
		pos.Column = p.Column
		return diag.Diagnostic{Rule: RuleBadJSON, Severity: severityOf(RuleBadJSON), Pos: pos, Message: p.Msg + "; it is skipped"}
	}
	return diag.Diagnostic{Rule: RuleBadCSV, Severity: severityOf(RuleBadCSV), Pos: pos,
		Message: fmt.Sprintf("%s is not valid CSV: %s at line %d, column %d; it is skipped", what, p.Msg, p.Line, p.Column)}
}

// rowBatch is a batch of rows read ahead: the fields of every row live in
// one shared slice.
type rowBatch struct {
	rows   []rawRow
	fields []string
}

// rawRow is one CSV row, or the error that took its place.
type rawRow struct {
	line    int
	fields  []string
	err     error // a diag.Diagnostic, or a read error that ends the file
	badUTF8 bool  // the row has bytes that are not UTF-8
}

const rowBatchSize = 256

// rowReader reads CSV rows on its own goroutine, a batch ahead of the
// tickets being built from them: CSV scanning and ticket building then
// run side by side.
type rowReader struct {
	batches  chan *rowBatch
	empty    chan *rowBatch
	stop     chan struct{}
	panicked any
}

// readRows starts reading the rows after the header. Every row is checked
// here (syntax, length, field count, encoding), so the batches hold rows
// to build or the diagnostics that replace them, in file order.
func readRows(cr *record.CSV, file string, width int) *rowReader {
	rr := &rowReader{batches: make(chan *rowBatch, 2), empty: make(chan *rowBatch, 3), stop: make(chan struct{})}
	go func() {
		defer close(rr.batches)
		defer func() { rr.panicked = recover() }()
		batch := rr.fresh(width)
		send := func() bool {
			select {
			case rr.batches <- batch:
			case <-rr.stop:
				return false
			}
			batch = rr.fresh(width)
			return true
		}
		add := func(row rawRow) bool {
			batch.rows = append(batch.rows, row)
			return len(batch.rows) < rowBatchSize || send()
		}
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				var p *record.Problem
				if !errors.As(err, &p) {
					add(rawRow{err: readError(file, err, "the row")})
					break
				}
				if !add(rawRow{line: p.Start, err: readError(file, err, "the row")}) {
					return
				}
				continue
			}
			var row rawRow
			if n := len(rec.Fields); n != width {
				col := min(n, width) + 1
				row = rawRow{line: rec.Line, err: diag.Diagnostic{Rule: RuleFieldCount, Severity: severityOf(RuleFieldCount), Pos: diag.Pos{File: file, Line: rec.Line, Column: col},
					Message: fmt.Sprintf("the row has %d fields and the header %d; the row is skipped (an unquoted comma?)", n, width)}}
			} else {
				// The strings are the reader's own, fresh for each record;
				// only the slice holding them is reused.
				start := len(batch.fields)
				batch.fields = append(batch.fields, rec.Fields...)
				row = rawRow{line: rec.Line, fields: batch.fields[start:len(batch.fields):len(batch.fields)], badUTF8: !rec.ValidUTF8()}
			}
			if !add(row) {
				return
			}
		}
		if len(batch.rows) > 0 {
			send()
		}
	}()
	return rr
}

func (rr *rowReader) fresh(width int) *rowBatch {
	select {
	case b := <-rr.empty:
		return b
	default:
		return &rowBatch{rows: make([]rawRow, 0, rowBatchSize), fields: make([]string, 0, rowBatchSize*width)}
	}
}

// recycle hands a batch back once its rows are built.
func (rr *rowReader) recycle(b *rowBatch) {
	clear(b.rows)
	clear(b.fields)
	b.rows, b.fields = b.rows[:0], b.fields[:0]
	select {
	case rr.empty <- b:
	default:
	}
}

// close stops the reading and waits for the goroutine to end, so the
// reader is no longer used when the sequence returns; a panic while
// reading is raised again here.
func (rr *rowReader) close() {
	close(rr.stop)
	for range rr.batches {
	}
	if rr.panicked != nil {
		panic(rr.panicked)
	}
}

// csvLayout is where the fields are in the rows of one file.
type csvLayout struct {
	width  int
	index  [numFields]int // column of each field, -1 when absent
	mapped []fieldCol     // the fields present, with their columns
	labels []int          // every label column
	params []paramCol
	read   []int    // every column read, ascending
	names  []string // the header, trimmed
	cols   *fieldCols
}

// fieldCol is a field and the column it is read from.
type fieldCol struct {
	field Field
	index int
}

type paramCol struct {
	index int
	name  string
}

// newCSVLayout finds the mapping's columns in the header, rec. It
// reports, in this order, the header cells read that are not UTF-8 (they
// are repaired), the columns read twice, and the required fields it
// cannot find; ok is false when one is missing.
func newCSVLayout(rec *record.Record, m *Mapping, file string) (lay *csvLayout, found diag.List, ok bool) {
	header := slices.Clone(rec.Fields)
	var badHeader []int // the header's cells that are not UTF-8, repaired
	for i, h := range header {
		if !utf8.ValidString(h) {
			header[i] = strings.ToValidUTF8(h, "\uFFFD")
			badHeader = append(badHeader, i)
		}
	}
	lay = &csvLayout{width: len(header), cols: &fieldCols{}, names: make([]string, len(header))}
	norm := make([]string, len(header))
	for i, h := range header {
		lay.names[i] = strings.TrimSpace(h)
		norm[i] = strings.ToLower(lay.names[i])
	}
	at := func(rule string, i int, format string, args ...any) diag.Diagnostic {
		pos := diag.Pos{File: file, Line: rec.Line}
		path := ""
		if i >= 0 {
			pos.Column, path = i+1, lay.path(i)
		}
		return diag.Diagnostic{Rule: rule, Severity: severityOf(rule), Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)}
	}
	var dups []diag.Diagnostic
	for f := range numFields {
		lay.index[f] = -1
		for _, name := range m.columns(f) {
			want := strings.ToLower(strings.TrimSpace(name))
			for i, h := range norm {
				if h != want {
					continue
				}
				switch {
				case f == FieldLabels: // every label column is read
					lay.labels = append(lay.labels, i)
				case lay.index[f] >= 0:
					dups = append(dups, at(RuleDuplicateColumn, i, "column %q appears twice; the first, column %d, is read", lay.names[i], lay.index[f]+1))
					continue
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
	for f, i := range lay.index {
		if i >= 0 {
			lay.mapped = append(lay.mapped, fieldCol{Field(f), i})
		}
	}
	used := map[int]bool{}
	for _, i := range lay.index {
		used[i] = true
	}
	for _, i := range lay.labels {
		used[i] = true
	}
	params := map[string]int{} // the column of each parameter
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
		if !ok {
			continue
		}
		if first, seen := params[name]; seen {
			dups = append(dups, at(RuleDuplicateColumn, i, "column %q gives parameter %q again, after column %d; the first is read", lay.names[i], name, first+1))
			continue
		}
		params[name] = i
		lay.params = append(lay.params, paramCol{i, name})
		if lay.cols.col[FieldParameters] == 0 {
			lay.cols.col[FieldParameters] = int32(i + 1)
			lay.cols.name[FieldParameters] = strings.TrimSpace(h)
		}
	}
	for i := range header {
		if used[i] || slices.ContainsFunc(lay.params, func(p paramCol) bool { return p.index == i }) {
			lay.read = append(lay.read, i)
		}
	}
	for _, i := range badHeader {
		// Reported only where the cell names a column that is read (in
		// practice a parameter column); other columns are not imported.
		if slices.Contains(lay.read, i) {
			found = append(found, at(RuleInvalidUTF8, i, "the header %q holds bytes that are not UTF-8; they are replaced by U+FFFD", header[i]))
		}
	}
	slices.SortStableFunc(dups, func(a, b diag.Diagnostic) int { return a.Pos.Column - b.Pos.Column })
	found = append(found, dups...)
	ok = true
	for _, f := range []Field{FieldID, FieldCreated} {
		if lay.index[f] < 0 {
			found = append(found, at(RuleMissingColumn, -1, "the header has no %s column (looked for %s with the %s mapping); nothing is imported",
				f, quoteList(m.columns(f)), mappingName(m)))
			ok = false
		}
	}
	return lay, found, ok
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
			Pos: diag.Pos{File: b.t.Source.File, Line: b.t.Source.Line, Column: i + 1}, Path: lay.path(i),
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
		if v := rec[p.index]; v != "" {
			if b.params == nil {
				b.params = map[string]any{}
			}
			b.params[p.name] = v
		}
	}
}
