package record

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// Rules are the rules an importer reports what the reader could not read
// under, so that rule IDs stay with the package that documents them.
type Rules struct {
	// Syntax is the rule of a record that breaks the syntax (a Syntax
	// problem), TooLong that of one over the limit, StreamLimit that of
	// an input that goes on past Options.MaxTotalBytes.
	Syntax, TooLong, StreamLimit string
	// Severity gives each rule's severity.
	Severity func(rule string) diag.Severity
	// Skipped ends the message of a syntax problem: "; the line is
	// skipped".
	Skipped string
	// Limit follows "the input goes on past the limit of N bytes" in the
	// message of the stream limit: what the limit is and what stopped.
	Limit string
	// Name names the importer in an error that ends the reading: the
	// "counts" of "counts: reading x.csv: …".
	Name string
}

// Problem returns the diagnostic of a record the reader skipped: at the
// record's first line when it is too long, else where the problem is.
func (r Rules) Problem(file string, p *Problem) diag.Diagnostic {
	if p.Kind == TooLong {
		return diag.Diagnostic{Rule: r.TooLong, Severity: r.Severity(r.TooLong), Pos: diag.Pos{File: file, Line: p.Start},
			Message: "the line is " + p.Msg + "; it is skipped"}
	}
	return diag.Diagnostic{Rule: r.Syntax, Severity: r.Severity(r.Syntax), Pos: diag.Pos{File: file, Line: p.Line, Column: p.Column},
		Message: p.Msg + r.Skipped}
}

// Error returns what takes the place of a record Read could not return:
// the diagnostic of a record skipped (more is true: reading goes on), or
// what ended the reading, the diagnostic of the stream limit or the
// error of the input.
func (r Rules) Error(file string, err error) (e error, more bool) {
	var p *Problem
	if errors.As(err, &p) {
		return r.Problem(file, p), true
	}
	var lim *LimitError
	if errors.As(err, &lim) {
		return diag.Diagnostic{Rule: r.StreamLimit, Severity: r.Severity(r.StreamLimit), Pos: diag.Pos{File: file, Line: lim.Line},
			Message: fmt.Sprintf("the input goes on past the limit of %d bytes%s", lim.Max, r.Limit)}, false
	}
	return fmt.Errorf("%s: reading %s: %w", r.Name, file, err), false
}

// Each is the loop every importer of the module runs around a reader:
// it calls fn with each record read returns (CSV.Read, JSONL.Read) until
// the end of the input, and yields, in the place of a record read could
// not return, the zero T and the error rules make of it (Rules.Error). It
// stops when fn or yield returns false, or after an error that ends the
// reading, and reports whether it read to the end of the input.
func Each[R, T any](read func() (R, error), file string, rules Rules, yield func(T, error) bool, fn func(R) bool) bool {
	var zero T
	for {
		rec, err := read()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			e, more := rules.Error(file, err)
			if !yield(zero, e) || !more {
				return false
			}
			continue
		}
		if !fn(rec) {
			return false
		}
	}
}

// Blank reports whether the record is one field of white space only: a
// line that holds nothing, which readers of records skip.
func (r *Record) Blank() bool { return len(r.Fields) == 1 && strings.TrimSpace(r.Fields[0]) == "" }

// Graded passes a finding through grade, as a configuration re-grades or
// disables rules: the finding to keep, or false to drop it. A nil grade
// keeps every finding as it is.
func Graded(grade func(diag.Diagnostic) (diag.Diagnostic, bool), d diag.Diagnostic) (diag.Diagnostic, bool) {
	if grade == nil {
		return d, true
	}
	return grade(d)
}

// Keep grades a finding and keeps it in shown while fewer than limit are
// (all of them when limit is negative), else counts it in more; errs
// counts those of severity Error, kept or counted. A finding grade drops
// is in no count. This is how the importers keep the first problems of a
// file and count the others, so a file in the wrong format cannot flood
// a report.
func Keep(grade func(diag.Diagnostic) (diag.Diagnostic, bool), d diag.Diagnostic, limit int, shown *[]diag.Diagnostic, more, errs *int) {
	d, ok := Graded(grade, d)
	if !ok {
		return
	}
	if d.Severity == diag.Error {
		*errs++
	}
	if limit < 0 || len(*shown) < limit {
		*shown = append(*shown, d)
	} else {
		*more++
	}
}
