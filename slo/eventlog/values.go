package eventlog

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// value is what a column or key holds.
type value uint8

const (
	noValue        value = iota
	timeValue            // the timestamp
	goodValue            // good or bad
	latencyValue         // a duration, or a number of milliseconds
	latencyMSValue       // a number of milliseconds
	outcomeValue         // good/bad or else a latency: the second column of a CSV file without a header
)

// what names a value in messages.
func (v value) what() string {
	switch v {
	case timeValue:
		return "timestamp"
	case goodValue:
		return "good/bad value"
	case latencyValue, latencyMSValue:
		return "latency"
	}
	return "outcome"
}

// slot is where a value is kept in a record: the two latency columns give
// the same latency, so one of them is a duplicate of the other.
func (v value) slot() value {
	if v == latencyMSValue {
		return latencyValue
	}
	return v
}

// valueOf tells what a column or key holds by its name, in any case. The
// usual lower-case spellings are matched first, without allocating.
func valueOf(name string) value {
	name = strings.TrimSpace(name)
	if v := spelledValue(name); v != noValue {
		return v
	}
	return spelledValue(strings.ToLower(name))
}

// spelledValue matches the lower-case names of each value.
func spelledValue(name string) value {
	switch name {
	case "timestamp", "time", "ts", "at":
		return timeValue
	case "good", "ok", "status", "outcome", "success":
		return goodValue
	case "latency", "duration", "elapsed":
		return latencyValue
	case "latency_ms", "latencyms", "duration_ms":
		return latencyMSValue
	}
	return noValue
}

// parseGood reads good or bad.
func parseGood(s string) (good, ok bool) {
	s = strings.TrimSpace(s)
	if g, ok := goodWord(s); ok {
		return g, true
	}
	return goodWord(strings.ToLower(s))
}

func goodWord(s string) (good, ok bool) {
	switch s {
	case "true", "1", "good", "ok", "success", "yes", "pass":
		return true, true
	case "false", "0", "bad", "error", "failure", "fail", "no":
		return false, true
	}
	return false, false
}

// maxLatencyMS bounds a latency: 10^12 ms is some 31 years.
const maxLatencyMS = 1e12

// parseLatency reads a number of milliseconds or, unless msOnly, a Go
// duration. The message says what is wrong.
func parseLatency(s string, msOnly bool) (time.Duration, string) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < 1e9 {
		return time.Duration(n) * time.Millisecond, "" // the usual whole milliseconds, exactly as below
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if !(f >= 0 && f <= maxLatencyMS) {
			return 0, fmt.Sprintf("latency %q is out of range (0 to 10^12 ms)", s)
		}
		return time.Duration(math.Round(f * float64(time.Millisecond))), ""
	}
	if msOnly {
		return 0, fmt.Sprintf("latency %q is not a number of milliseconds", s)
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Sprintf("latency %q is not a duration such as 120ms or a number of milliseconds", s)
	case d < 0:
		return 0, fmt.Sprintf("latency %q is negative", s)
	}
	return d, ""
}
