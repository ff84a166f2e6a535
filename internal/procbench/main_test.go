package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTime(t *testing.T) {
	report := `	Command being timed: "opsdesign lint x"
	User time (seconds): 1.25
	System time (seconds): 0.50
	Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50
	Maximum resident set size (kbytes): 2048
`
	s, err := parseTime(report)
	require.NoError(t, err)
	assert.Equal(t, sample{wall: 62500 * time.Millisecond, cpu: 1750 * time.Millisecond, peakKB: 2048}, s)

	_, err = parseTime("Command terminated by signal 9\n")
	assert.Error(t, err, "a report without the figures is an error, not zeros")
}

func TestMedian(t *testing.T) {
	m := median([]sample{{wall: 3}, {wall: 1}, {wall: 2}})
	assert.Equal(t, time.Duration(2), m.wall)
	m = median([]sample{{peakKB: 4}, {peakKB: 2}})
	assert.Equal(t, int64(3), m.peakKB)
}

func TestRatio(t *testing.T) {
	assert.Equal(t, "1.50", ratio(3*time.Second, 2*time.Second))
	assert.Equal(t, "-", ratio(30*time.Millisecond, 0), "a floor under the timer's 10 ms reads as zero: no ratio, not +Inf")
	assert.Equal(t, "-", ratio(0, 0), "nor NaN")
}
