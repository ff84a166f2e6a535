package eventlog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/slo"
)

// Record is one event read from a file, with what its record gave: a
// caller can tell a log of good/bad from a log of latencies, which an
// objective with a latency threshold needs.
type Record struct {
	slo.Event
	// HasGood says the record gave good or bad. Without it the event is
	// Good and only its latency can make it bad.
	HasGood bool
	// HasLatency says the record gave a latency; Latency is 0 otherwise.
	HasLatency bool
}

// Options tunes the readers. The zero value is ready to use.
type Options struct {
	// MaxRowBytes bounds a line, its end of line excluded: a longer one is
	// skipped without being held in memory (events/row-too-long). Zero
	// means 1 MiB.
	MaxRowBytes int
}

const defaultMaxRowBytes = 1 << 20

func (o Options) maxRow() int {
	if o.MaxRowBytes > 0 {
		return o.MaxRowBytes
	}
	return defaultMaxRowBytes
}

var bom = []byte("\ufeff")

// lines reads a file one line at a time, holding at most the reader's
// buffer and one line of up to max bytes.
type lines struct {
	br   *bufio.Reader
	max  int
	n    int    // the number of the line last returned, 1-based
	long []byte // a line longer than the buffer, put together
	done bool
}

func newLines(r io.Reader, max int) *lines {
	return &lines{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its end of line ("\n" or "\r\n"),
// valid until the following call; the first line loses its byte-order
// mark. cut reports a line longer than max, which is not returned. err is
// io.EOF after the last line, or the error reading it.
func (l *lines) next() (line []byte, cut bool, err error) {
	if l.done {
		return nil, false, io.EOF
	}
	line, err = l.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		l.long = append(l.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = l.br.ReadSlice('\n')
			if !cut && len(l.long)+len(line) > l.max+len("\r\n") {
				cut, l.long = true, l.long[:0]
			}
			if !cut {
				l.long = append(l.long, line...)
			}
		}
		line = l.long
	}
	if err != nil {
		if !errors.Is(err, io.EOF) {
			return nil, false, err
		}
		l.done = true
		if len(line) == 0 && !cut {
			return nil, false, io.EOF
		}
	}
	l.n++
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if l.n == 1 {
		line = bytes.TrimPrefix(line, bom)
	}
	if cut || len(line) > l.max {
		return nil, true, nil
	}
	return line, false, nil
}

// column returns the 1-based character column of byte offset off in line.
// An offset inside a character (encoding/json counts bytes) names that
// character.
func column(line string, off int) int {
	off = min(max(off, 0), len(line))
	for off > 0 && off < len(line) && !utf8.RuneStart(line[off]) {
		off--
	}
	return utf8.RuneCountInString(line[:off]) + 1
}

// pointer returns the JSON pointer of a column or key: "" when it has no
// name (a CSV file without a header).
func pointer(name string) string {
	if name == "" {
		return ""
	}
	return "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
}

// builder puts one record together from its values, collecting the
// problems of the line.
type builder struct {
	file  string
	line  int
	text  string // the line, for columns
	rec   Record
	gave  [outcomeValue + 1]bool // the values the record gave, read or not
	bad   bool                   // a value could not be read: the line is skipped
	diags []diag.Diagnostic
}

func (b *builder) reset(line int, text string) {
	b.line, b.text, b.rec, b.gave, b.bad = line, text, Record{}, [outcomeValue + 1]bool{}, false
	b.diags = b.diags[:0]
}

// report adds a problem at byte offset off of the line (-1: the whole
// line).
func (b *builder) report(rule string, off int, path, format string, args ...any) {
	col := 0
	if off >= 0 {
		col = column(b.text, off)
	}
	if severityOf(rule) == diag.Error {
		b.bad = true
	}
	b.diags = append(b.diags, diag.Diagnostic{Rule: rule, Severity: severityOf(rule),
		Pos: diag.Pos{File: b.file, Line: b.line, Column: col}, Path: path, Message: fmt.Sprintf(format, args...)})
}

// set reads one value given as text, at byte offset off, named name.
func (b *builder) set(v value, s string, off int, name string) {
	b.gave[v.slot()] = true
	if strings.TrimSpace(s) == "" {
		b.report(RuleMissingValue, off, pointer(name), "the %s is empty; the record is skipped", v.what())
		return
	}
	switch v {
	case timeValue:
		t, ok := parseTime(s)
		if !ok {
			b.report(RuleBadTime, off, pointer(name), "timestamp %q is not RFC 3339, YYYY-MM-DD hh:mm:ss or Unix seconds; the record is skipped", strings.TrimSpace(s))
			return
		}
		b.rec.At = t
	case goodValue:
		g, ok := parseGood(s)
		if !ok {
			b.report(RuleBadOutcome, off, pointer(name), "outcome %q is not good or bad (true/false, 1/0, good/bad, ok/error, success/failure); the record is skipped", strings.TrimSpace(s))
			return
		}
		b.rec.Good, b.rec.HasGood = g, true
	case latencyValue, latencyMSValue:
		d, msg := parseLatency(s, v == latencyMSValue)
		if msg != "" {
			b.report(RuleBadLatency, off, pointer(name), "%s; the record is skipped", msg)
			return
		}
		b.rec.Latency, b.rec.HasLatency = d, true
	case outcomeValue:
		if g, ok := parseGood(s); ok {
			b.rec.Good, b.rec.HasGood = g, true
		} else if d, msg := parseLatency(s, false); msg == "" {
			b.rec.Latency, b.rec.HasLatency = d, true
		} else {
			b.report(RuleBadOutcome, off, pointer(name), "outcome %q is neither good/bad nor a latency; the record is skipped", strings.TrimSpace(s))
		}
	}
}

// finish checks the record is whole; off is where a missing value would
// be (-1: the whole line). It reports whether the record can be yielded.
func (b *builder) finish(off int) bool {
	if !b.gave[timeValue] {
		b.report(RuleMissingValue, off, "", "the record has no timestamp (timestamp, time, at or ts); it is skipped")
	}
	if !b.gave[goodValue] && !b.gave[latencyValue] && !b.gave[outcomeValue] {
		b.report(RuleMissingValue, off, "", "the record has no outcome: give good/bad or a latency; it is skipped")
	}
	if !b.rec.HasGood {
		b.rec.Good = true // judged by its latency
	}
	return !b.bad
}

// emit yields the record's problems, then the record if it is whole. It
// returns false when the consumer stopped.
func (b *builder) emit(ok bool, yield func(Record, error) bool) bool {
	for _, d := range b.diags {
		if !yield(Record{}, d) {
			return false
		}
	}
	return !ok || yield(b.rec, nil)
}

// again describes a column or key that gives a value a first one gave.
func again(what, name, first string, v value) string {
	if name == first {
		return fmt.Sprintf("%s %q appears twice", what, name)
	}
	return fmt.Sprintf("%s %q gives the %s again, after %q", what, name, v.what(), first)
}

// lineDiag is a problem with a whole line.
func lineDiag(file string, line int, rule, format string, args ...any) diag.Diagnostic {
	return diag.Diagnostic{Rule: rule, Severity: severityOf(rule), Pos: diag.Pos{File: file, Line: line},
		Message: fmt.Sprintf(format, args...)}
}

func readError(file string, err error) error {
	return fmt.Errorf("eventlog: reading %s: %w", file, err)
}
