package ticket

import (
	"errors"
	"fmt"
	"io"
	"iter"

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
		b := &builder{m: &m, names: lay.names}
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
				b.reset(Source{File: file, Line: row.line, cols: lay.cols, text: row.text})
				if row.badUTF8 {
					lay.repair(b, row.fields)
				}
				lay.fill(b, row.fields)
				if !yieldRow(b, b.build(), nil, yield) {
					return
				}
			}
			rows.recycle(batch)
		}
	}
}

// yieldRow yields the findings of a row or line, early ones first, then
// its ticket when ok. Without a ticket, the row's first error (build
// always reports why it gives none) is yielded as the SkippedRow. It
// returns false when the consumer stopped.
func yieldRow(b *builder, ok bool, early []diag.Diagnostic, yield func(Ticket, error) bool) bool {
	cause := -1
	if !ok {
		cause, _ = skipped(b.diags)
	}
	for _, d := range early {
		if !yield(Ticket{}, d) {
			return false
		}
	}
	for i, d := range b.diags {
		var err error = d
		if i == cause {
			err = &SkippedRow{d}
		}
		if !yield(Ticket{}, err) {
			return false
		}
	}
	return !ok || yield(b.t, nil)
}

// skip marks the finding of a row the reader could not read as the one
// that skipped it; an error that is no finding ends the reading as it is.
func skip(err error) error {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return &SkippedRow{d}
	}
	return err
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
	text    string // the row as read, for the positions of its fields
	err     error  // a diag.Diagnostic, or a read error that ends the file
	badUTF8 bool   // the row has bytes that are not UTF-8
}

// fieldCount is the finding of a row with more or fewer fields than the
// header: at the first field past the header's, or at the end of a row
// that stops short.
func fieldCount(rec *record.Record, file string, width int) diag.Diagnostic {
	n := len(rec.Fields)
	off := len(rec.Text())
	if n > width {
		off = rec.Offset(width)
	}
	line, col := lineColumn(rec.Text(), rec.Line, off)
	return diag.Diagnostic{Rule: RuleFieldCount, Severity: severityOf(RuleFieldCount), Pos: diag.Pos{File: file, Line: line, Column: col},
		Message: fmt.Sprintf("the row has %d fields and the header %d; the row is skipped (an unquoted comma, or a cut line?)", n, width)}
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
				if !add(rawRow{line: p.Start, err: skip(readError(file, err, "the row"))}) {
					return
				}
				continue
			}
			var row rawRow
			if n := len(rec.Fields); n != width {
				row = rawRow{line: rec.Line, err: &SkippedRow{fieldCount(rec, file, width)}}
			} else {
				// The strings are the reader's own, fresh for each record
				// (the fields are mostly substrings of the text); only the
				// slice holding them is reused.
				start := len(batch.fields)
				batch.fields = append(batch.fields, rec.Fields...)
				row = rawRow{line: rec.Line, fields: batch.fields[start:len(batch.fields):len(batch.fields)], text: rec.Text(), badUTF8: !rec.ValidUTF8()}
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

// recycle hands a batch back once its rows are built. It is not
// cleared: the next rows overwrite it (see readAhead).
func (rr *rowReader) recycle(b *rowBatch) {
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
