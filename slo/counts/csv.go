package counts

import (
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
)

// ReadCSV returns the rows of a CSV file of counts, read one line at a
// time; see the package doc for the columns. file names the source in
// diagnostics. A row that cannot be read yields a diag.Diagnostic as the
// error, with a zero Record, and the rest of the file is still read; an
// error reading r ends the sequence. The sequence reads r: iterate it once.
func ReadCSV(r io.Reader, file string, o Options) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		cr := record.NewCSV(r, o.record())
		b := &row{file: file, times: newTimes()}
		var lay []column // nil until the first record
		var labels map[string]int
		record.Each(cr.Read, file, readRules(RuleBadCSV), yield, func(rec *record.Record) bool {
			if rec.Blank() {
				return true
			}
			b.reset(rec.Line, rec.Text())
			b.csv = rec
			if lay == nil {
				if _, err := b.times.Parse(rec.Fields[0]); err == nil {
					lay = []column{{index: 0, role: timeRole}, {index: 1, role: goodRole}, {index: 2, role: totalRole}}
					labels = map[string]int{}
				} else {
					lay, labels = header(b, rec)
					if !b.emit(false, false, yield) || lay == nil {
						return false
					}
					for _, m := range o.Where {
						if _, ok := labels[m.Label]; !ok {
							d := diag.Diagnostic{Rule: RuleUnknownLabel, Severity: severityOf(RuleUnknownLabel), Pos: diag.Pos{File: file, Line: rec.Line},
								Message: fmt.Sprintf("the header names no column %q, so no row matches %s; nothing is read", m.Label, m)}
							yield(Record{}, d)
							return false
						}
					}
					return true
				}
			}
			for _, c := range lay {
				if c.index >= len(rec.Fields) {
					b.gave[c.role] = true
					b.report(RuleMissingValue, len(b.text), pointer(c.name), "the row ends before its %s column %q; the row is skipped", c.role.what(), c.name)
					continue
				}
				b.set(c.role, rec.Fields[c.index], rec.Offset(c.index), c.name)
			}
			ok := b.finish(len(b.text))
			excluded := len(o.Where) > 0 && !matches(o.Where, func(l string) (string, bool) {
				i, ok := labels[l]
				if !ok || i >= len(rec.Fields) {
					return "", false
				}
				return strings.TrimSpace(rec.Fields[i]), true
			})
			return b.emit(ok, excluded, yield)
		})
	}
}

// column is a column the reader reads.
type column struct {
	index int
	role  role
	name  string // as the header writes it; "" without a header
}

// header reads the header's columns, in order, and the columns of the
// labels. It reports the columns that give a value again and, returning
// nil, the values no column gives.
func header(b *row, rec *record.Record) ([]column, map[string]int) {
	var lay []column
	labels := map[string]int{}
	var first [totalRole + 1]string // by slot: the good and the bad count share one
	slot := func(r role) role {
		if r == badRole {
			return goodRole
		}
		return r
	}
	for i, name := range rec.Fields {
		r := roleOf(name)
		name = strings.TrimSpace(name)
		if r == noRole {
			if _, dup := labels[name]; !dup && name != "" {
				labels[name] = i
			}
			continue
		}
		if prev := first[slot(r)]; prev != "" {
			b.report(RuleDuplicateColumn, rec.Offset(i), pointer(name), "column %q gives the %s, after %q gave the %s; the first is read",
				name, r.what(), prev, roleOf(prev).what())
			continue
		}
		first[slot(r)] = name
		lay = append(lay, column{index: i, role: r, name: name})
	}
	if first[timeRole] == "" {
		b.report(RuleMissingColumn, -1, "", "the first row is not a row of counts (its first field is not a timestamp) and, as a header, names no timestamp column (timestamp, time, at or ts); nothing is read")
	}
	if first[totalRole] == "" {
		b.report(RuleMissingColumn, -1, "", "the header names no total column (total or count); nothing is read")
	}
	if first[goodRole] == "" {
		b.report(RuleMissingColumn, -1, "", "the header names neither a good column (good) nor a bad column (bad or errors); nothing is read")
	}
	if b.skip {
		return nil, nil
	}
	return lay, labels
}
