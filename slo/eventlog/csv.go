package eventlog

import (
	"io"
	"iter"
	"strings"

	"github.com/opsdesign/opsdesign/internal/record"
)

// ReadCSV returns the events of a CSV file, read one line at a time; see
// the package doc for the columns and values it reads. file names the
// source in diagnostics. A record that cannot be read yields a
// diag.Diagnostic as the error, with a zero Record, and the rest of the
// file is still read; an error reading r ends the sequence. The sequence
// reads r: iterate it once.
//
//	for rec, err := range eventlog.ReadCSV(f, "requests.csv", eventlog.Options{}) {
//		var d diag.Diagnostic
//		if errors.As(err, &d) { diags = append(diags, d); continue }
//		if err != nil { return err }
//		events = append(events, rec.Event)
//	}
func ReadCSV(r io.Reader, file string, o Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		cr := record.NewCSV(r, o.record())
		b := &builder{file: file, times: newTimes()}
		var lay []csvColumn // nil until the first record
		record.Each(cr.Read, file, readRules(RuleBadCSV), yield, func(rec *record.Record) bool {
			if rec.Blank() {
				return true
			}
			b.resetCSV(rec)
			if lay == nil {
				if _, err := b.times.Parse(rec.Fields[0]); err == nil {
					lay = []csvColumn{{index: 0, value: timeValue}, {index: 1, value: outcomeValue}}
				} else {
					lay = header(b, rec)
					return b.emit(false, yield) && lay != nil
				}
			}
			for _, c := range lay {
				if c.index >= len(rec.Fields) {
					if c.value == outcomeValue {
						continue // no outcome: finish says so
					}
					b.gave[c.value.slot()] = true
					b.report(RuleMissingValue, len(b.text), pointer(c.name), "the row ends before its %s column %q; the record is skipped", c.value.what(), c.name)
					continue
				}
				b.set(c.value, rec.Fields[c.index], rec.Offset(c.index), c.name)
			}
			return b.emit(b.finish(len(b.text)), yield)
		})
	}
}

// csvColumn is a column the reader reads.
type csvColumn struct {
	index int
	value value
	name  string // as the header writes it; "" without a header
}

// header reads the header's columns, in order. It reports the columns
// that give a value again and, returning nil, the values no column gives.
func header(b *builder, rec *record.Record) []csvColumn {
	var lay []csvColumn
	var first [outcomeValue + 1]string
	for i, name := range rec.Fields {
		v := valueOf(name)
		if v == noValue {
			continue
		}
		name = strings.TrimSpace(name)
		if prev := first[v.slot()]; prev != "" {
			b.report(RuleDuplicateColumn, rec.Offset(i), pointer(name), "%s; the first is read", again("column", name, prev, v))
			continue
		}
		first[v.slot()] = name
		lay = append(lay, csvColumn{index: i, value: v, name: name})
	}
	if first[timeValue] == "" {
		b.report(RuleMissingColumn, -1, "", "the first row is not a record (its first field is not a timestamp) and, as a header, names no timestamp column (timestamp, time, at or ts); nothing is read")
	}
	if first[goodValue] == "" && first[latencyValue] == "" {
		b.report(RuleMissingColumn, -1, "", "the header names no good/bad column (good, ok, status, outcome or success) and no latency column (latency, duration, elapsed, latency_ms, latencyms or duration_ms); nothing is read")
	}
	if b.bad {
		return nil
	}
	return lay
}
