package eventlog

import (
	"fmt"
	"io"
	"iter"
	"strings"
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
		ls := newLines(r, o.maxRow())
		b := &builder{file: file}
		var lay []csvColumn // nil until the first record
		var f csvFields
		for {
			raw, cut, err := ls.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Record{}, readError(file, err))
				return
			}
			if cut {
				if !yield(Record{}, lineDiag(file, ls.n, RuleRowTooLong, "the line is longer than %d bytes; it is skipped", ls.max)) {
					return
				}
				continue
			}
			line := string(raw)
			if off, msg := f.split(line); msg != "" {
				b.reset(ls.n, line)
				b.report(RuleBadCSV, off, "", "%s; the line is skipped", msg)
				if !b.emit(false, yield) {
					return
				}
				continue
			}
			if len(f.text) == 1 && strings.TrimSpace(f.text[0]) == "" {
				continue // a blank line
			}
			if lay == nil {
				if _, ok := parseTime(f.text[0]); ok {
					lay = []csvColumn{{index: 0, value: timeValue}, {index: 1, value: outcomeValue}}
				} else {
					b.reset(ls.n, line)
					lay = header(b, &f)
					if !b.emit(false, yield) || lay == nil {
						return
					}
					continue
				}
			}
			b.reset(ls.n, line)
			for _, c := range lay {
				if c.index >= len(f.text) {
					if c.value == outcomeValue {
						continue // no outcome: finish says so
					}
					b.gave[c.value.slot()] = true
					b.report(RuleMissingValue, len(line), pointer(c.name), "the row ends before its %s column %q; the record is skipped", c.value.what(), c.name)
					continue
				}
				b.set(c.value, f.text[c.index], f.start[c.index], c.name)
			}
			if !b.emit(b.finish(len(line)), yield) {
				return
			}
		}
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
func header(b *builder, f *csvFields) []csvColumn {
	var lay []csvColumn
	var first [outcomeValue + 1]string
	for i, name := range f.text {
		v := valueOf(name)
		if v == noValue {
			continue
		}
		name = strings.TrimSpace(name)
		if prev := first[v.slot()]; prev != "" {
			b.report(RuleDuplicateColumn, f.start[i], pointer(name), "%s; the first is read", again("column", name, prev, v))
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

// csvFields holds the fields of one line, reused from line to line.
type csvFields struct {
	text  []string
	start []int // the byte offset of each field in the line
}

// split cuts one line into its fields. A field may be quoted: it may then
// hold commas, and "" stands for a quote. On a syntax error it returns
// where and what.
func (f *csvFields) split(line string) (int, string) {
	f.text, f.start = f.text[:0], f.start[:0]
	i := 0
	for {
		start := i
		if i < len(line) && line[i] == '"' {
			var sb *strings.Builder // only for a field with "" in it
			i++
			from := i
			for {
				q := strings.IndexByte(line[i:], '"')
				if q < 0 {
					return start, "the quoted field is not closed on its line (a record is one line)"
				}
				i += q
				if i+1 < len(line) && line[i+1] == '"' { // "" is a quote
					if sb == nil {
						sb = &strings.Builder{}
					}
					sb.WriteString(line[from : i+1])
					i += 2
					from = i
					continue
				}
				break
			}
			text := line[from:i]
			if sb != nil {
				sb.WriteString(text)
				text = sb.String()
			}
			i++ // the closing quote
			if i < len(line) && line[i] != ',' {
				return i, fmt.Sprintf("text after the closing quote of a field: %q", shorten(line[i:]))
			}
			f.text, f.start = append(f.text, text), append(f.start, start)
		} else {
			end := strings.IndexByte(line[i:], ',')
			if end < 0 {
				end = len(line)
			} else {
				end += i
			}
			if q := strings.IndexByte(line[i:end], '"'); q >= 0 {
				return i + q, "a quote inside an unquoted field: quote the whole field and double the quote"
			}
			f.text, f.start = append(f.text, line[i:end]), append(f.start, start)
			i = end
		}
		if i >= len(line) {
			return 0, ""
		}
		i++ // the comma
	}
}

// shorten cuts a quoted excerpt to a readable length.
func shorten(s string) string {
	const most = 20
	for i := range s {
		if i >= most {
			return s[:i] + "…"
		}
	}
	return s
}
