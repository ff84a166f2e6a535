package eventlog

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

// Collection is an event log read to the end: its events in memory, what
// its records gave, and its problems.
type Collection struct {
	Events []slo.Event
	// HasGood and HasLatency say that some record gave good or bad, and
	// some record gave a latency.
	HasGood, HasLatency bool
	// Skipped counts the records skipped: lines with an error, as the
	// reader graded it (a configuration that re-grades or disables the
	// rule does not make the record readable).
	Skipped int
	// Problems are the first diagnostics of reading, up to the limit given
	// to Collect; MoreProblems counts the others, and Errors those of
	// severity Error, shown or not.
	Problems     []diag.Diagnostic
	MoreProblems int
	Errors       int

	limit int
	grade func(diag.Diagnostic) (diag.Diagnostic, bool)
	// Where each event's timestamp is: its line and column, and its JSON
	// pointer as an index into paths.
	lines, cols []int32
	pathOf      []uint8
	paths       []string
	file        string
}

// Collect reads a log (the sequence ReadCSV or ReadJSONL returns) to the
// end and keeps its events. It keeps the first limit problems and counts
// the others, so a file in the wrong format cannot flood a report; a
// negative limit keeps them all. It returns an error only when the log
// could not be read on, with what was collected until then.
func Collect(records iter.Seq2[Record, error], limit int) (*Collection, error) {
	return CollectGraded(records, limit, nil)
}

// CollectGraded is Collect with every problem, and every finding of
// Findings, passed through grade first, as a configuration file re-grades
// or disables rules: grade returns the diagnostic to keep, or false to
// drop it. Skipped still counts every record skipped. A nil grade keeps
// every diagnostic as it is.
func CollectGraded(records iter.Seq2[Record, error], limit int, grade func(diag.Diagnostic) (diag.Diagnostic, bool)) (*Collection, error) {
	c := &Collection{limit: limit, grade: grade}
	lastSkipped := 0
	for rec, err := range records {
		var d diag.Diagnostic
		switch {
		case errors.As(err, &d):
			if d.Severity == diag.Error && d.Pos.Line != lastSkipped {
				c.Skipped, lastSkipped = c.Skipped+1, d.Pos.Line
			}
			c.add(d)
		case err != nil:
			return c, err
		default:
			c.Events = append(c.Events, rec.Event)
			c.HasGood = c.HasGood || rec.HasGood
			c.HasLatency = c.HasLatency || rec.HasLatency
			c.locate(rec)
		}
	}
	return c, nil
}

// add grades a problem and keeps or counts it.
func (c *Collection) add(d diag.Diagnostic) {
	record.Keep(c.grade, d, c.limit, &c.Problems, &c.MoreProblems, &c.Errors)
}

// locate remembers where the timestamp of the event just added is.
func (c *Collection) locate(rec Record) {
	if c.file == "" {
		c.file = rec.Pos.File
	}
	k := -1
	for i, p := range c.paths {
		if p == rec.Path {
			k = i
			break
		}
	}
	if k < 0 && len(c.paths) < math.MaxUint8 {
		k = len(c.paths)
		c.paths = append(c.paths, rec.Path)
	}
	c.lines = append(c.lines, clamp32(rec.Pos.Line))
	c.cols = append(c.cols, clamp32(rec.Pos.Column))
	c.pathOf = append(c.pathOf, uint8(max(k, 0)))
}

func clamp32(n int) int32 { return int32(min(max(n, 0), math.MaxInt32)) }

// Where returns where the timestamp of Events[i] is written, and the JSON
// pointer of its column or key; the zero Pos for an event the reader did
// not place (one appended to Events by hand).
func (c *Collection) Where(i int) (diag.Pos, string) {
	if i < 0 || i >= len(c.lines) || i >= len(c.Events) {
		return diag.Pos{}, ""
	}
	path := ""
	if k := int(c.pathOf[i]); k < len(c.paths) {
		path = c.paths[k]
	}
	return diag.Pos{File: c.file, Line: int(c.lines[i]), Column: int(c.cols[i])}, path
}

// Findings returns the problems of reading the log, then a finding at
// the timestamp of every event the evaluation did not count for its time:
// events/far-from-others for one far from the others (ev.Far), and
// events/after-now for one at or after the instant evaluated. Both are
// graded as the problems were and limited with them: shown are the first
// up to Collect's limit, more counts the others, and errors counts those
// of severity Error, shown or not. ev is what slo.Objective.Evaluation
// returned for c.Events.
func (c *Collection) Findings(ev *slo.Evaluation) (shown []diag.Diagnostic, more, errs int) {
	shown = append([]diag.Diagnostic(nil), c.Problems...)
	more, errs = c.MoreProblems, c.Errors
	add := func(d diag.Diagnostic) { record.Keep(c.grade, d, c.limit, &shown, &more, &errs) }
	far := ev.Far
	for i, e := range c.Events {
		isFar := len(far) > 0 && far[0] == i
		if isFar {
			far = far[1:]
		}
		if !isFar && e.At.Before(ev.Now) {
			continue
		}
		pos, path := c.Where(i)
		if isFar {
			add(diag.Diagnostic{Rule: RuleFarFromOthers, Severity: severityOf(RuleFarFromOthers), Pos: pos, Path: path,
				Message: fmt.Sprintf("the event at %s lies far outside the other events of the log; it is not counted and does not choose the period (a mistyped year or a clock at zero?)", e.At.Format(time.RFC3339Nano))})
			continue
		}
		add(diag.Diagnostic{Rule: RuleAfterNow, Severity: severityOf(RuleAfterNow), Pos: pos, Path: path,
			Message: fmt.Sprintf("the event at %s is at or after the instant evaluated, %s; it is not counted", e.At.Format(time.RFC3339Nano), ev.Now.Format(time.RFC3339))})
	}
	return shown, more, errs
}

// ErrMissingMeasure is wrapped by Collection.Suits when the events lack
// what an objective judges them by.
var ErrMissingMeasure = errors.New("eventlog: the events lack what the objective judges")

// missingMeasure keeps its own words and matches ErrMissingMeasure.
type missingMeasure struct{ msg string }

func (e missingMeasure) Error() string { return e.msg }
func (e missingMeasure) Unwrap() error { return ErrMissingMeasure }

// Suits reports, as an error wrapping ErrMissingMeasure, why the events
// cannot be judged against o: it has a latency threshold and no record gave
// a latency, or it has none and no record gave good or bad. Without that
// check every event would silently count as good.
func (c *Collection) Suits(o *slo.Objective) error {
	switch {
	case o.Threshold > 0 && !c.HasLatency:
		return missingMeasure{fmt.Sprintf("objective %q judges latency against %v: the events need a latency column", o.Name, o.Threshold)}
	case o.Threshold == 0 && !c.HasGood:
		return missingMeasure{fmt.Sprintf("objective %q has no latency threshold: the events need a good/bad column", o.Name)}
	}
	return nil
}
