package counts

import (
	"errors"
	"fmt"
	"iter"
	"math"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
	"github.com/opsdesign/opsdesign/slo"
)

// Collection is a file of counts read to the end: its counts in memory,
// the rows left out, and the problems.
type Collection struct {
	Counts []slo.Count
	// Excluded counts the rows that did not match Options.Where; Skipped
	// the rows with an error.
	Excluded, Skipped int
	// Problems are the first diagnostics of reading, up to the limit given
	// to Collect; MoreProblems counts the others, and Errors those of
	// severity Error, shown or not.
	Problems     []diag.Diagnostic
	MoreProblems int
	Errors       int

	limit int
	file  string
	lines []int32 // the line of each count's row
	grade func(diag.Diagnostic) (diag.Diagnostic, bool)
}

// Collect reads a sequence of rows (ReadCSV, ReadJSONL, ReadPrometheus)
// to the end and keeps its counts. It keeps the first limit problems and
// counts the others; a negative limit keeps them all. It returns an error
// only when the file could not be read on, with what was collected until
// then. file names the source in the findings of AfterNow.
func Collect(rows iter.Seq2[Record, error], file string, limit int) (*Collection, error) {
	return CollectGraded(rows, file, limit, nil)
}

// CollectGraded is Collect with every problem, and every finding of
// AfterNow, passed through grade first, as a configuration file re-grades
// or disables rules (as eventlog.CollectGraded does): grade returns the
// diagnostic to keep, or false to drop it. Skipped still counts every row
// skipped: a rule turned off does not make a row readable. A nil grade
// keeps every diagnostic as it is.
func CollectGraded(rows iter.Seq2[Record, error], file string, limit int, grade func(diag.Diagnostic) (diag.Diagnostic, bool)) (*Collection, error) {
	c := &Collection{limit: limit, file: file, grade: grade}
	// A million rows appended to one slice are copied four times over as
	// it grows by a quarter at a time: nearly half the time of a run.
	// Chunks are copied once, when the file is read.
	var counts chunks[slo.Count]
	var lines chunks[int32]
	defer func() { c.Counts, c.lines = counts.slice(), lines.slice() }()
	lastSkipped := -1
	for rec, err := range rows {
		switch {
		case err != nil:
			// Only here: a diagnostic taken by address would cost every
			// row an allocation.
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				return c, err
			}
			if d.Severity == diag.Error && (d.Pos.Line != lastSkipped || d.Pos.Line == 0) {
				c.Skipped, lastSkipped = c.Skipped+1, d.Pos.Line
			}
			c.add(d)
		case rec.Excluded:
			c.Excluded++
		default:
			counts.add(rec.Count)
			lines.add(int32(min(max(rec.Line, 0), math.MaxInt32)))
		}
	}
	return c, nil
}

// chunks is a list built in pieces that are never copied while it grows.
type chunks[T any] struct {
	full [][]T
	cur  []T
	n    int
}

const maxChunk = 1 << 16

func (c *chunks[T]) add(v T) {
	if len(c.cur) == cap(c.cur) {
		if c.cur != nil {
			c.full = append(c.full, c.cur)
		}
		c.cur = make([]T, 0, min(max(2*cap(c.cur), 256), maxChunk))
	}
	c.cur = append(c.cur, v)
	c.n++
}

// slice returns the elements in one slice, copied once; nil when there
// are none.
func (c *chunks[T]) slice() []T {
	if len(c.full) == 0 {
		return c.cur
	}
	out := make([]T, 0, c.n)
	for _, f := range c.full {
		out = append(out, f...)
	}
	return append(out, c.cur...)
}

// add grades a problem and keeps or counts it.
func (c *Collection) add(d diag.Diagnostic) {
	record.Keep(c.grade, d, c.limit, &c.Problems, &c.MoreProblems, &c.Errors)
}

// Line returns the line of the row Counts[i] was read from; 0 for a count
// appended by hand.
func (c *Collection) Line(i int) int {
	if i < 0 || i >= len(c.lines) {
		return 0
	}
	return int(c.lines[i])
}

// AfterNow returns a finding (counts/after-now, a warning) for every row
// at or after now, which an evaluation as of now does not count, in the
// order read, graded as the problems were (CollectGraded): the first up
// to Collect's limit, the others counted in more.
func (c *Collection) AfterNow(now time.Time) (found []diag.Diagnostic, more int) {
	for i, n := range c.Counts {
		if n.At.Before(now) {
			continue
		}
		// Grading goes by rule and file: the message is written only for
		// a finding shown.
		d, ok := record.Graded(c.grade, diag.Diagnostic{Rule: RuleAfterNow, Severity: severityOf(RuleAfterNow), Pos: diag.Pos{File: c.file, Line: c.Line(i)}})
		switch {
		case !ok:
		case c.limit >= 0 && len(found) >= c.limit:
			more++
		default:
			d.Message = fmt.Sprintf("the counts at %s are at or after the instant evaluated, %s; they are not counted", n.At.Format(time.RFC3339Nano), now.Format(time.RFC3339))
			found = append(found, d)
		}
	}
	return found, more
}
