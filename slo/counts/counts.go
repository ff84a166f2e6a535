package counts

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
	"github.com/opsdesign/opsdesign/slo"
)

// Record is one row of counts read from a file.
type Record struct {
	slo.Count
	// Line is the line of the row (of the sample, in a Prometheus file).
	Line int
	// Excluded says the row's labels do not match Options.Where: it is
	// not to be counted, and its Count is zero.
	Excluded bool
}

// Options tunes the readers. The zero value is ready to use.
type Options struct {
	// MaxRowBytes bounds a line of CSV or JSON Lines, its end of line
	// excluded: a longer one is skipped without being held in memory
	// (counts/row-too-long). Zero means 1 MiB.
	MaxRowBytes int
	// MaxFileBytes bounds a Prometheus file, which is read whole. Zero
	// means 256 MiB.
	MaxFileBytes int64
	// MaxStreamBytes, when positive, bounds the whole of a CSV or JSON
	// Lines input: past it the reading stops with a counts/stream-limit
	// diagnostic at the line it cut. Meant for a stream that may not end
	// (a FIFO, /dev/stdin); slo eval puts DefaultMaxStreamBytes on one.
	MaxStreamBytes int64
	// Where keeps the rows whose labels match every condition.
	Where []Match
}

// DefaultMaxFileBytes bounds a Prometheus file when Options.MaxFileBytes
// is zero.
const DefaultMaxFileBytes = 256 << 20

// DefaultMaxStreamBytes is the bound slo eval puts on a counts file that
// is not a regular file.
const DefaultMaxStreamBytes = record.DefaultMaxStreamBytes

func (o Options) record() record.Options {
	return record.Options{MaxBytes: o.MaxRowBytes, MaxTotalBytes: o.MaxStreamBytes} // record reads zero as 1 MiB
}

// Match is one condition of Options.Where: the row's label has the value.
type Match struct {
	Label, Value string
}

// String returns "label=value".
func (m Match) String() string { return m.Label + "=" + m.Value }

// ParseMatch parses "label=value", as the -where flag writes it.
func ParseMatch(s string) (Match, error) {
	label, value, ok := strings.Cut(s, "=")
	label = strings.TrimSpace(label)
	if !ok || label == "" {
		return Match{}, fmt.Errorf("counts: %q is not label=value", s)
	}
	return Match{Label: label, Value: value}, nil
}

// matches reports whether labels (looked up by get) meet every condition.
func matches(where []Match, get func(label string) (string, bool)) bool {
	for _, m := range where {
		if v, ok := get(m.Label); !ok || v != m.Value {
			return false
		}
	}
	return true
}

// role is what a column, key or series gives.
type role uint8

const (
	noRole    role = iota
	timeRole       // the timestamp
	goodRole       // the good count
	badRole        // the bad count
	totalRole      // the total count
)

func (r role) what() string {
	switch r {
	case timeRole:
		return "timestamp"
	case goodRole:
		return "good count"
	case badRole:
		return "bad count"
	case totalRole:
		return "total"
	}
	return "label"
}

// roleOf tells what a column or key holds by its name, in any case.
func roleOf(name string) role {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "timestamp", "time", "ts", "at":
		return timeRole
	case "good":
		return goodRole
	case "bad", "errors":
		return badRole
	case "total", "count":
		return totalRole
	}
	return noRole
}

// parseCount reads a count: a finite number, at least 0.
func parseCount(s string) (float64, string) {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, fmt.Sprintf("%q is not a number", s)
	case math.IsNaN(f) || math.IsInf(f, 0) || errors.Is(err, strconv.ErrRange):
		return 0, fmt.Sprintf("%q is not a finite number", s)
	case f < 0:
		return 0, fmt.Sprintf("%q is negative", s)
	}
	return f, ""
}

// newTimes reads the timestamps of one file, as slo/eventlog does.
func newTimes() *record.Times {
	return &record.Times{Location: time.UTC, Layouts: []string{time.DateTime}, UnixSeconds: true, MinYear: 1970}
}

// row puts one row together from its values, collecting its problems.
type row struct {
	file  string
	times *record.Times
	line  int
	text  string         // the row's text, for columns
	csv   *record.Record // the CSV record, which knows its positions; nil for JSON
	at    time.Time
	good  float64
	bad   float64
	total float64
	gave  [totalRole + 1]bool
	skip  bool // a value could not be read: the row is skipped
	diags []diag.Diagnostic
	// Where the good or bad count is, for a finding that it is above the
	// total.
	countOff  int
	countName string
}

func (b *row) reset(line int, text string) {
	b.line, b.text, b.csv = line, text, nil
	b.at, b.good, b.bad, b.total = time.Time{}, 0, 0, 0
	b.gave, b.skip = [totalRole + 1]bool{}, false
	b.diags = b.diags[:0]
}

// report adds a problem at byte offset off of the row's text (-1: the
// whole row).
func (b *row) report(rule string, off int, path, format string, args ...any) {
	line, col := b.line, 0
	switch {
	case off >= 0 && b.csv != nil:
		line, col = b.csv.Pos(off)
	case off >= 0:
		col = record.Column(b.text, off)
	}
	if severityOf(rule) == diag.Error {
		b.skip = true
	}
	b.diags = append(b.diags, diag.Diagnostic{Rule: rule, Severity: severityOf(rule),
		Pos: diag.Pos{File: b.file, Line: line, Column: col}, Path: path, Message: fmt.Sprintf(format, args...)})
}

// set reads one value given as text, at byte offset off, named name.
func (b *row) set(r role, s string, off int, name string) {
	b.gave[r] = true
	if strings.TrimSpace(s) == "" {
		b.report(RuleMissingValue, off, pointer(name), "the %s is empty; the row is skipped", r.what())
		return
	}
	if r == timeRole {
		t, err := b.times.Parse(s)
		if err != nil {
			b.report(RuleBadTime, off, pointer(name), "timestamp %q is not RFC 3339, YYYY-MM-DD hh:mm:ss or Unix seconds; the row is skipped", strings.TrimSpace(s))
			return
		}
		b.at = t
		return
	}
	if r == goodRole || r == badRole {
		b.countOff, b.countName = off, name
	}
	f, msg := parseCount(s)
	if msg != "" {
		b.report(RuleBadCount, off, pointer(name), "the %s %s; the row is skipped", r.what(), msg)
		return
	}
	switch r {
	case goodRole:
		b.good = f
	case badRole:
		b.bad = f
	case totalRole:
		b.total = f
	}
}

// finish checks the row is whole; off is where a missing value would be
// (-1: the whole line). It reports whether the row can be yielded, and
// sets good from bad when the row gave bad.
func (b *row) finish(off int) bool {
	if !b.gave[timeRole] {
		b.report(RuleMissingValue, off, "", "the row has no timestamp (timestamp, time, at or ts); it is skipped")
	}
	if !b.gave[totalRole] {
		b.report(RuleMissingValue, off, "", "the row has no total (total or count); it is skipped")
	}
	if !b.gave[goodRole] && !b.gave[badRole] {
		b.report(RuleMissingValue, off, "", "the row has neither a good count (good) nor a bad count (bad or errors); it is skipped")
	}
	if b.skip {
		return false
	}
	if b.gave[badRole] && !b.gave[goodRole] {
		b.good = b.total - b.bad
		if b.bad > b.total {
			b.report(RuleGoodAboveTotal, b.countOff, pointer(b.countName), "the bad count %v is above the total %v; the row is skipped", b.bad, b.total)
			return false
		}
	}
	if b.good > b.total {
		b.report(RuleGoodAboveTotal, b.countOff, pointer(b.countName), "the good count %v is above the total %v; the row is skipped", b.good, b.total)
		return false
	}
	return true
}

// emit yields the row's problems, then the row if it is whole (excluded
// when its labels do not match). It returns false when the consumer
// stopped.
func (b *row) emit(ok, excluded bool, yield func(Record, error) bool) bool {
	for _, d := range b.diags {
		if !yield(Record{}, d) {
			return false
		}
	}
	if !ok {
		return true
	}
	if excluded {
		return yield(Record{Line: b.line, Excluded: true}, nil)
	}
	return yield(Record{Count: slo.Count{At: b.at, Good: b.good, Total: b.total}, Line: b.line}, nil)
}

// pointer returns the JSON pointer of a column or key: "" when it has no
// name (a CSV file without a header).
func pointer(name string) string {
	if name == "" {
		return ""
	}
	return record.Pointer(name)
}

// readRules are the rules the reader's problems are reported under;
// syntax is the rule of a syntax error (counts/bad-csv, counts/bad-json).
func readRules(syntax string) record.Rules {
	return record.Rules{Syntax: syntax, TooLong: RuleRowTooLong, StreamLimit: RuleStreamLimit, Severity: severityOf,
		Skipped: "; the line is skipped", Name: "counts",
		Limit: " (Options.MaxStreamBytes; slo eval -max-stream-bytes): reading stopped at this line, and nothing after it is counted"}
}

// unknownLabels reports the labels of where that no row gave.
func unknownLabels(file string, where []Match, seen map[string]bool, yield func(Record, error) bool) bool {
	for _, m := range where {
		if seen[m.Label] {
			continue
		}
		d := diag.Diagnostic{Rule: RuleUnknownLabel, Severity: severityOf(RuleUnknownLabel), Pos: diag.Pos{File: file},
			Message: fmt.Sprintf("no row has the label %q, so no row matches %s", m.Label, m)}
		if !yield(Record{}, d) {
			return false
		}
	}
	return true
}
