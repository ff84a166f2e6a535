package ticket

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// ReadCSV returns the tickets of a CSV export, read one row at a time:
// memory holds a batch of rows, whatever the size of the file. The rows
// are scanned on a second goroutine, a batch ahead of the tickets built
// from them; it ends before the sequence returns, so r is no longer read
// once the loop is over, even when it stops early. The first row is the
// header; m says which columns hold which fields. file names the source
// in diagnostics. The sequence reads r: iterate it once.
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
			yield(Ticket{}, diag.Diagnostic{Rule: RuleRowTooLong, Severity: severityOf(RuleRowTooLong), Pos: diag.Pos{File: file, Line: 1},
				Message: fmt.Sprintf("the header is longer than %d bytes; nothing can be imported", lim.max)})
			return
		}
		header = slicesClone(header)
		var badHeader []int // the header's cells that are not UTF-8, repaired
		for i, h := range header {
			if !utf8.ValidString(h) {
				header[i] = strings.ToValidUTF8(h, "\uFFFD")
				badHeader = append(badHeader, i)
			}
		}
		lay, missing := newCSVLayout(header, &m)
		for _, i := range badHeader {
			// Reported only where the cell names a column that is read (in
			// practice a parameter column); other columns are not imported.
			if slices.Contains(lay.read, i) {
				d := diag.Diagnostic{Rule: RuleInvalidUTF8, Severity: severityOf(RuleInvalidUTF8), Pos: diag.Pos{File: file, Line: 1, Column: i + 1},
					Path: lay.path(i), Message: fmt.Sprintf("the header %q holds bytes that are not UTF-8; they are replaced by U+FFFD", header[i])}
				if !yield(Ticket{}, d) {
					return
				}
			}
		}
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
		rows := readRows(cr, lim, file, lay.width)
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
	badUTF8 bool  // a line of the row has bytes that are not UTF-8
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
func readRows(cr *csv.Reader, lim *lineLimiter, file string, width int) *rowReader {
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
				var pe *csv.ParseError
				if !errors.As(err, &pe) {
					add(rawRow{err: fmt.Errorf("ticket: reading %s: %w", file, err)})
					break
				}
				lim.cut(pe.StartLine, pe.Line)
				if !add(rawRow{line: pe.StartLine, err: csvDiag(file, pe, "the row")}) {
					return
				}
				continue
			}
			line, _ := cr.FieldPos(0)
			last, _ := cr.FieldPos(len(rec) - 1)
			end := last + strings.Count(rec[len(rec)-1], "\n")
			var row rawRow
			switch {
			case lim.cut(line, end):
				row = rawRow{line: line, err: diag.Diagnostic{Rule: RuleRowTooLong, Severity: severityOf(RuleRowTooLong), Pos: diag.Pos{File: file, Line: line},
					Message: fmt.Sprintf("the row is longer than %d bytes; it is skipped", lim.max)}}
			case len(rec) != width:
				col := min(len(rec), width) + 1
				row = rawRow{line: line, err: diag.Diagnostic{Rule: RuleFieldCount, Severity: severityOf(RuleFieldCount), Pos: diag.Pos{File: file, Line: line, Column: col},
					Message: fmt.Sprintf("the row has %d fields and the header %d; the row is skipped (an unquoted comma?)", len(rec), width)}}
			default:
				// The strings are the csv reader's own, fresh for each
				// record; only the slice holding them is reused.
				start := len(batch.fields)
				batch.fields = append(batch.fields, rec...)
				row = rawRow{line: line, fields: batch.fields[start:len(batch.fields):len(batch.fields)], badUTF8: lim.badUTF8(line, end)}
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

func slicesClone(s []string) []string { return append([]string(nil), s...) }

func csvDiag(file string, pe *csv.ParseError, what string) diag.Diagnostic {
	return diag.Diagnostic{Rule: RuleBadCSV, Severity: severityOf(RuleBadCSV), Pos: diag.Pos{File: file, Line: pe.StartLine},
		Message: fmt.Sprintf("%s is not valid CSV: %v at line %d, byte %d; it is skipped", what, pe.Err, pe.Line, pe.Column)}
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

// newCSVLayout finds the mapping's columns in the header. It reports the
// required fields it cannot find.
func newCSVLayout(header []string, m *Mapping) (*csvLayout, diag.List) {
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	lay := &csvLayout{width: len(header), cols: &fieldCols{}, names: make([]string, len(header))}
	norm := make([]string, len(header))
	for i, h := range header {
		lay.names[i] = strings.TrimSpace(h)
		norm[i] = strings.ToLower(lay.names[i])
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
	for i := range header {
		if used[i] || slices.ContainsFunc(lay.params, func(p paramCol) bool { return p.index == i }) {
			lay.read = append(lay.read, i)
		}
	}
	var missing diag.List
	for _, f := range []Field{FieldID, FieldCreated} {
		if lay.index[f] < 0 {
			missing = append(missing, diag.Diagnostic{Rule: RuleMissingColumn, Severity: severityOf(RuleMissingColumn),
				Pos: diag.Pos{Line: 1}, Message: fmt.Sprintf("the header has no %s column (looked for %s with the %s mapping); nothing is imported",
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

// path is the JSON pointer of column i: "/" and its header.
func (lay *csvLayout) path(i int) string { return "/" + escapePointer(lay.names[i]) }

// repair replaces the bytes that are not UTF-8 in the columns read with
// U+FFFD, reporting each column, so the ticket is imported readable and
// nothing is dropped without a word. It runs only on the rare row whose
// lines the lineLimiter found bad; bad bytes in a column that is not read
// are not imported, so not reported.
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

// lineLimiter passes a reader through, cutting every line longer than max
// bytes to max bytes and remembering which lines it cut, so that a single
// runaway line cannot make the CSV reader hold it all. It also remembers
// the lines that hold bytes that are not UTF-8: one utf8.Valid over each
// chunk read is far cheaper than checking every field of every row.
type lineLimiter struct {
	r        io.Reader
	max      int
	run      int // bytes of the current line passed so far
	line     int // the current line, 1-based
	skipping bool
	cuts     []int // lines cut and not yet claimed, ascending
	bad      []int // lines with bytes that are not UTF-8, not yet claimed, ascending
	// pend is the start of a multi-byte character the last chunk cut
	// off, to check with the bytes that complete it.
	pend  [utf8.UTFMax]byte
	npend int
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		if n == 0 {
			if err != nil && l.npend > 0 { // the file ends inside a character
				l.markBad(l.line)
				l.npend = 0
			}
			return 0, err
		}
		first := l.line
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
		l.checkUTF8(p[:out], first)
		if err != nil && l.npend > 0 {
			l.markBad(l.line)
			l.npend = 0
		}
		if out > 0 || err != nil {
			return out, err
		}
	}
}

// checkUTF8 notes the lines of chunk, which starts on line first, that
// hold bytes that are not UTF-8. A character cut at the end of the chunk
// waits in pend for the next one.
func (l *lineLimiter) checkUTF8(chunk []byte, first int) {
	if l.npend > 0 {
		// pend holds a lead byte and perhaps continuation bytes, never a
		// newline: the character is on line first.
		n := copy(l.pend[l.npend:], chunk)
		if !utf8.FullRune(l.pend[:l.npend+n]) { // still cut: a tiny chunk
			l.npend += n
			return
		}
		r, size := utf8.DecodeRune(l.pend[:l.npend+n])
		if r == utf8.RuneError && size <= 1 {
			l.markBad(first)
			size = l.npend // go on after the bad bytes, with the whole chunk
		}
		chunk = chunk[size-l.npend:]
		l.npend = 0
	}
	if k := cutRune(chunk); k > 0 {
		l.npend = copy(l.pend[:], chunk[len(chunk)-k:])
		chunk = chunk[:len(chunk)-k]
	}
	if utf8.Valid(chunk) {
		return
	}
	for line := first; len(chunk) > 0; line++ { // rare: find the lines
		body := chunk
		nl := bytes.IndexByte(chunk, '\n')
		if nl >= 0 {
			body, chunk = chunk[:nl], chunk[nl+1:]
		} else {
			chunk = nil
		}
		if !utf8.Valid(body) {
			l.markBad(line)
		}
	}
}

// cutRune returns how many bytes at the end of b start a character that b
// does not complete.
func cutRune(b []byte) int {
	for i := 1; i <= min(utf8.UTFMax-1, len(b)); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-i:]) {
				return 0
			}
			return i
		}
	}
	return 0
}

func (l *lineLimiter) markBad(line int) {
	if n := len(l.bad); n == 0 || l.bad[n-1] != line {
		l.bad = append(l.bad, line)
	}
}

// badUTF8 reports whether a line from first to last holds bytes that are
// not UTF-8, and forgets those up to last. The reader has read at least
// to the end of line last.
func (l *lineLimiter) badUTF8(first, last int) bool {
	found := false
	i := 0
	for ; i < len(l.bad) && l.bad[i] <= last; i++ {
		if l.bad[i] >= first {
			found = true
		}
	}
	l.bad = l.bad[i:]
	return found
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
