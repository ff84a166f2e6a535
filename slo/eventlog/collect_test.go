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
