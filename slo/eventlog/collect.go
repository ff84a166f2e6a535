package eventlog

import (
	"errors"
	"fmt"
	"iter"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo"
)

// Collection is an event log read to the end: its events in memory, what
// its records gave, and its problems.
type Collection struct {
	Events []slo.Event
	// HasGood and HasLatency say that some record gave good or bad, and
	// some record gave a latency.
	HasGood, HasLatency bool
	// Skipped counts the records skipped: lines with an error.
	Skipped int
	// Problems are the first diagnostics of reading, up to the limit given
	// to Collect; MoreProblems counts the others.
	Problems     []diag.Diagnostic
	MoreProblems int
}

// Collect reads a log (the sequence ReadCSV or ReadJSONL returns) to the
// end and keeps its events. It keeps the first limit problems and counts
// the others, so a file in the wrong format cannot flood a report; a
// negative limit keeps them all. It returns an error only when the log
// could not be read on, with what was collected until then.
func Collect(records iter.Seq2[Record, error], limit int) (*Collection, error) {
	c := &Collection{}
	lastSkipped := 0
	for rec, err := range records {
		var d diag.Diagnostic
		switch {
		case errors.As(err, &d):
			if d.Severity == diag.Error && d.Pos.Line != lastSkipped {
				c.Skipped, lastSkipped = c.Skipped+1, d.Pos.Line
			}
			if limit < 0 || len(c.Problems) < limit {
				c.Problems = append(c.Problems, d)
			} else {
				c.MoreProblems++
			}
		case err != nil:
			return c, err
		default:
			c.Events = append(c.Events, rec.Event)
			c.HasGood = c.HasGood || rec.HasGood
			c.HasLatency = c.HasLatency || rec.HasLatency
		}
	}
	return c, nil
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
