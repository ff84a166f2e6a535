package eventlog

import (
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
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
	// Pos is where the record's timestamp is written, and Path the JSON
	// pointer of its column or key ("/ts"; "" in a CSV file without a
	// header), so that a finding about the event's time is placed there.
	Pos  diag.Pos
	Path string
}

// Options tunes the readers. The zero value is ready to use.
type Options struct {
	// MaxRowBytes bounds a line, its end of line excluded: a longer one is
	// skipped without being held in memory (events/row-too-long). Zero
	// means 1 MiB.
	MaxRowBytes int
	// MaxStreamBytes, when positive, bounds the whole input: past it the
	// reading stops with an events/stream-limit diagnostic at the line it
	// cut. Give it for a stream that may never end (a FIFO, a pipe,
	// /dev/stdin); DefaultMaxStreamBytes is the bound slo eval puts on
	// one. Zero reads to the end.
	MaxStreamBytes int64
}

// DefaultMaxStreamBytes is the bound slo eval puts on an events file that
// is not a regular file: 1 GiB.
const DefaultMaxStreamBytes = record.DefaultMaxStreamBytes

func (o Options) record() record.Options {
	return record.Options{MaxBytes: o.MaxRowBytes, MaxTotalBytes: o.MaxStreamBytes} // record reads zero as 1 MiB
}

// pointer returns the JSON pointer of a column or key: "" when it has no
// name (a CSV file without a header).
func pointer(name string) string {
	if name == "" {
		return ""
	}
	return record.Pointer(name)
}

// builder puts one record together from its values, collecting the
// problems of the line.
type builder struct {
	file  string
	times *record.Times
	line  int
	text  string         // the record's text, for columns
	csv   *record.Record // the CSV record, which knows its positions; nil for JSON
	rec   Record
	gave  [outcomeValue + 1]bool // the values the record gave, read or not
	bad   bool                   // a value could not be read: the line is skipped
	diags []diag.Diagnostic
}

// reset starts a record of JSON Lines, text on line.
func (b *builder) reset(line int, text string) {
	b.line, b.text, b.csv, b.rec, b.gave, b.bad = line, text, nil, Record{}, [outcomeValue + 1]bool{}, false
	b.diags = b.diags[:0]
}

// resetCSV starts a CSV record.
func (b *builder) resetCSV(rec *record.Record) {
	b.reset(rec.Line, rec.Text())
	b.csv = rec
}

// report adds a problem at byte offset off of the record's text (-1: the
// whole record).
func (b *builder) report(rule string, off int, path, format string, args ...any) {
	if severityOf(rule) == diag.Error {
		b.bad = true
	}
	b.diags = append(b.diags, diag.Diagnostic{Rule: rule, Severity: severityOf(rule),
		Pos: b.pos(off), Path: path, Message: fmt.Sprintf(format, args...)})
}

// pos is the position of byte offset off of the record's text (-1: the
// whole record).
func (b *builder) pos(off int) diag.Pos {
	line, col := b.line, 0
	switch {
	case off >= 0 && b.csv != nil:
		line, col = b.csv.Pos(off)
	case off >= 0:
		col = record.Column(b.text, off)
	}
	return diag.Pos{File: b.file, Line: line, Column: col}
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
		t, err := b.times.Parse(s)
		if err != nil {
			b.report(RuleBadTime, off, pointer(name), "timestamp %q is not RFC 3339, YYYY-MM-DD hh:mm:ss or Unix seconds; the record is skipped", strings.TrimSpace(s))
			return
		}
		b.rec.At, b.rec.Pos, b.rec.Path = t, b.pos(off), pointer(name)
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

// readRules are the rules the reader's problems are reported under;
// syntax is the rule of a syntax error (events/bad-csv, events/bad-json).
func readRules(syntax string) record.Rules {
	skipped := "; it is skipped"
	if syntax == RuleBadCSV {
		skipped = "; the line is skipped"
	}
	return record.Rules{Syntax: syntax, TooLong: RuleRowTooLong, StreamLimit: RuleStreamLimit, Severity: severityOf,
		Skipped: skipped, Name: "eventlog",
		Limit: " (Options.MaxStreamBytes; slo eval -max-stream-bytes): reading stopped at this line, and nothing after it is counted"}
}

// newTimes reads the timestamps of one file: RFC 3339, "YYYY-MM-DD
// hh:mm:ss" in UTC, or Unix seconds, from 1970 on.
func newTimes() *record.Times {
	return &record.Times{Location: time.UTC, Layouts: []string{time.DateTime}, UnixSeconds: true, MinYear: 1970}
}
