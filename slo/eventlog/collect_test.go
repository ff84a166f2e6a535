package eventlog_test

import (
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

type item struct {
	rec eventlog.Record
	err error
}

func sequence(items ...item) iter.Seq2[eventlog.Record, error] {
	return func(yield func(eventlog.Record, error) bool) {
		for _, it := range items {
			if !yield(it.rec, it.err) {
				return
			}
		}
	}
}

func problem(line int, sev diag.Severity, rule string) item {
	return item{err: diag.Diagnostic{Rule: rule, Severity: sev, Pos: diag.Pos{File: "e.csv", Line: line, Column: 1}, Message: rule}}
}

// A line with an error is one skipped record however many problems it
// has; a warning skips nothing.
func TestCollect(t *testing.T) {
	seq := sequence(
		item{rec: good(t0, true)},
		problem(2, diag.Error, "events/bad-time"),
		problem(2, diag.Error, "events/bad-outcome"),
		problem(3, diag.Warning, "events/duplicate-column"),
		item{rec: latency(t1, 5*time.Millisecond)},
		problem(4, diag.Error, "events/bad-time"),
	)
	c, err := eventlog.Collect(seq, -1)
	require.NoError(t, err)
	assert.Equal(t, []slo.Event{{At: t0, Good: true}, {At: t1, Good: true, Latency: 5 * time.Millisecond}}, c.Events)
	assert.True(t, c.HasGood)
	assert.True(t, c.HasLatency)
	assert.Equal(t, 2, c.Skipped)
	require.Len(t, c.Problems, 4)
	assert.Equal(t, "events/duplicate-column", c.Problems[2].Rule)
	assert.Zero(t, c.MoreProblems)

	c, err = eventlog.Collect(seq, 1)
	require.NoError(t, err)
	require.Len(t, c.Problems, 1)
	assert.Equal(t, "events/bad-time", c.Problems[0].Rule)
	assert.Equal(t, 3, c.MoreProblems)
	assert.Equal(t, 2, c.Skipped, "problems not kept are still counted")

	c, err = eventlog.Collect(seq, 0)
	require.NoError(t, err)
	assert.Empty(t, c.Problems)
	assert.Equal(t, 4, c.MoreProblems)
}

// An error reading the log on ends the collection, with what was read.
func TestCollectReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	c, err := eventlog.Collect(sequence(item{rec: good(t0, false)}, problem(2, diag.Error, "events/bad-time"), item{err: boom},
		item{rec: good(t1, true)}), 10)
	require.ErrorIs(t, err, boom)
	require.NotNil(t, c)
	assert.Equal(t, []slo.Event{{At: t0}}, c.Events)
	assert.Equal(t, 1, c.Skipped)
	assert.Len(t, c.Problems, 1)
}

// What a reader yields for a real file.
func TestCollectCSV(t *testing.T) {
	in := "timestamp,good\n2026-11-01T00:00:00Z,good\nyesterday,good\n2026-11-01T00:01:00Z,bad\n"
	c, err := eventlog.Collect(eventlog.ReadCSV(strings.NewReader(in), "e.csv", eventlog.Options{}), 100)
	require.NoError(t, err)
	assert.Len(t, c.Events, 2)
	assert.True(t, c.HasGood)
	assert.False(t, c.HasLatency)
	assert.Equal(t, 1, c.Skipped)
	require.Len(t, c.Problems, 1)
	assert.Equal(t, "events/bad-time", c.Problems[0].Rule)
	assert.Equal(t, diag.Pos{File: "e.csv", Line: 3, Column: 1}, c.Problems[0].Pos)
}

func TestSuits(t *testing.T) {
	fast := slo.Objective{Name: "fast", Threshold: 800 * time.Millisecond}
	up := slo.Objective{Name: "up"}
	outcomes := &eventlog.Collection{HasGood: true}
	latencies := &eventlog.Collection{HasLatency: true}

	assert.NoError(t, outcomes.Suits(&up))
	assert.NoError(t, latencies.Suits(&fast))
	err := outcomes.Suits(&fast)
	require.ErrorIs(t, err, eventlog.ErrMissingMeasure)
	assert.EqualError(t, err, `objective "fast" judges latency against 800ms: the events need a latency column`)
	err = latencies.Suits(&up)
	require.ErrorIs(t, err, eventlog.ErrMissingMeasure)
	assert.EqualError(t, err, `objective "up" has no latency threshold: the events need a good/bad column`)
}

// A configuration grades problems as they are collected: a disabled rule
// is dropped, a re-graded one kept with its new severity, and every
// skipped record is still counted.
func TestCollectGraded(t *testing.T) {
	seq := sequence(
		problem(2, diag.Error, "events/bad-time"),
		problem(3, diag.Error, "events/bad-outcome"),
		problem(4, diag.Warning, "events/duplicate-column"),
		item{rec: good(t0, true)},
	)
	grade := func(d diag.Diagnostic) (diag.Diagnostic, bool) {
		switch d.Rule {
		case "events/bad-time":
			return d, false
		case "events/bad-outcome":
			d.Severity = diag.Warning
		}
		return d, true
	}
	c, err := eventlog.CollectGraded(seq, 1, grade)
	require.NoError(t, err)
	assert.Equal(t, 2, c.Skipped, "records skipped whatever the configuration says")
	require.Len(t, c.Problems, 1)
	assert.Equal(t, "events/bad-outcome", c.Problems[0].Rule)
	assert.Equal(t, diag.Warning, c.Problems[0].Severity)
	assert.Equal(t, 1, c.MoreProblems, "the duplicate column, counted after grading")
	assert.Zero(t, c.Errors)
}

// Findings places the events the evaluation did not count for their time,
// graded and limited with the problems of reading.
func TestCollectionFindings(t *testing.T) {
	in := "timestamp,good\n" +
		"2026-11-01T00:00:00Z,good\n" +
		"2026-11-01T00:01:00Z,good\n" +
		"1970-01-01T00:00:00Z,good\n" + // far: a clock at zero
		"2026-11-01T00:02:00Z,bad\n" +
		"2026-11-01T00:03:00Z,bad\n" + // after now
		"soon,bad\n"
	c, err := eventlog.Collect(eventlog.ReadCSV(strings.NewReader(in), "e.csv", eventlog.Options{}), 10)
	require.NoError(t, err)
	pos, path := c.Where(2)
	assert.Equal(t, diag.Pos{File: "e.csv", Line: 4, Column: 1}, pos)
	assert.Equal(t, "/timestamp", path)
	_, path = c.Where(99)
	assert.Empty(t, path)

	up := slo.Objective{Name: "up", Kind: slo.RatioObjective, Target: slo.MustParseTarget("99%"), Window: slo.MustParseWindow("28d")}
	ev, err := up.Evaluation(c.Events, time.Date(2026, 11, 1, 0, 3, 0, 0, time.UTC))
	require.NoError(t, err)
	found, more, errs := c.Findings(ev)
	var keys []string
	for _, d := range found {
		keys = append(keys, d.Rule+" "+d.Pos.String()+" "+d.Path)
	}
	assert.Equal(t, []string{
		"events/bad-time e.csv:7:1 /timestamp",
		"events/far-from-others e.csv:4:1 /timestamp",
		"events/after-now e.csv:6:1 /timestamp",
	}, keys)
	assert.Zero(t, more)
	assert.Equal(t, 2, errs)
	assert.Contains(t, found[1].Message, "1970-01-01T00:00:00Z lies far outside")

	// The same findings through a limit of one and a configuration that
	// disables events/after-now.
	c, err = eventlog.CollectGraded(eventlog.ReadCSV(strings.NewReader(in), "e.csv", eventlog.Options{}), 1,
		func(d diag.Diagnostic) (diag.Diagnostic, bool) { return d, d.Rule != eventlog.RuleAfterNow })
	require.NoError(t, err)
	found, more, errs = c.Findings(ev)
	require.Len(t, found, 1)
	assert.Equal(t, "events/bad-time", found[0].Rule)
	assert.Equal(t, 1, more)
	assert.Equal(t, 2, errs)
}
