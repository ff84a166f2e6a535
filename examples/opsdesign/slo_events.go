package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/slo"
)

// An events file holds one observation per record: when it happened and
// whether it went well, or how long it took.
//
// CSV: an optional header names the columns (timestamp, time, at or ts;
// good, ok or status; latency, latency_ms or duration); without one the
// columns are the timestamp and the outcome. JSON Lines: one object per
// line with the same keys. Timestamps are RFC 3339, "YYYY-MM-DD hh:mm:ss"
// (UTC) or Unix seconds; outcomes are true/false, 1/0, good/bad, ok/error
// or success/failure; latencies are Go durations ("120ms") or a number of
// milliseconds.

// eventsFile is what reading an events file produced.
type eventsFile struct {
	events     []slo.Event
	hasGood    bool // some record gave good/bad
	hasLatency bool // some record gave a latency
	problems   []eventProblem
}

// eventProblem is a record that could not be read, at its line and column.
type eventProblem struct {
	line, column int
	msg          string
}

func (p eventProblem) String() string { return fmt.Sprintf("%d:%d: %s", p.line, p.column, p.msg) }

// maxEventProblems bounds the problems kept: a file in the wrong format
// would otherwise report every line.
const maxEventProblems = 100

// errEvents marks an events file that cannot be read at all.
var errEvents = errors.New("cannot read events")

func (f *eventsFile) fail(line, column int, format string, args ...any) {
	if len(f.problems) < maxEventProblems {
		f.problems = append(f.problems, eventProblem{line, column, fmt.Sprintf(format, args...)})
	}
}

// readEvents reads an events file in format "csv" or "jsonl". Records that
// cannot be read are reported and skipped; the others are kept.
func readEvents(r io.Reader, format string) (*eventsFile, error) {
	switch format {
	case "csv":
		return readCSVEvents(r)
	case "jsonl", "ndjson":
		return readJSONLEvents(r)
	}
	return nil, fmt.Errorf("%w: unknown format %q (want csv or jsonl)", errEvents, format)
}

// column names, by what they hold.
func columnRole(name string) string {
	switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))) {
	case "timestamp", "time", "at", "ts":
		return "time"
	case "good", "ok", "status", "outcome", "success":
		return "good"
	case "latency", "duration", "elapsed":
		return "latency"
	case "latency_ms", "latencyms", "duration_ms":
		return "latency_ms"
	}
	return ""
}

func readCSVEvents(r io.Reader) (*eventsFile, error) {
	f := &eventsFile{}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	// Without a header: the timestamp, then the outcome (good/bad or a
	// latency).
	cols := map[string]int{"time": 0, "outcome": 1}
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				f.fail(pe.Line, pe.Column, "%v", pe.Err)
				if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
					continue
				}
			}
			return f, fmt.Errorf("%w: %v", errEvents, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if first {
			first = false
			if _, err := parseTimestamp(rec[0]); err != nil {
				// A header: map the columns by name.
				cols = map[string]int{}
				for i, name := range rec {
					if role := columnRole(name); role != "" {
						if _, dup := cols[role]; !dup {
							cols[role] = i
						}
					}
				}
				if _, ok := cols["time"]; !ok {
					return f, fmt.Errorf("%w: the header names no timestamp column (timestamp, time, at or ts)", errEvents)
				}
				if len(cols) == 1 {
					return f, fmt.Errorf("%w: the header names no good or latency column", errEvents)
				}
				continue
			}
		}
		field := func(role string) (string, int, bool) {
			i, ok := cols[role]
			if !ok || i >= len(rec) {
				return "", 1, false
			}
			_, col := cr.FieldPos(i)
			return rec[i], col, true
		}
		var ev slo.Event
		text, col, present := field("time")
		if !present {
			f.fail(line, col, "the record has no timestamp")
			continue
		}
		at, err := parseTimestamp(text)
		if err != nil {
			f.fail(line, col, "%v", err)
			continue
		}
		ev.At = at
		ok := true
		got := false
		if text, col, present := field("outcome"); present {
			if g, err := parseGood(text); err == nil {
				ev.Good, f.hasGood, got = g, true, true
			} else if lat, err2 := parseLatency(text, false); err2 == nil {
				ev.Latency, ev.Good, f.hasLatency, got = lat, true, true, true
			} else {
				f.fail(line, col, "outcome %q is neither good/bad nor a latency", text)
				ok = false
			}
		}
		if text, col, present := field("good"); present {
			g, err := parseGood(text)
			if err != nil {
				f.fail(line, col, "%v", err)
				ok = false
			}
			ev.Good, f.hasGood, got = g, true, true
		}
		for _, role := range []string{"latency", "latency_ms"} {
			if text, col, present := field(role); present && ok {
				lat, err := parseLatency(text, role == "latency_ms")
				if err != nil {
					f.fail(line, col, "%v", err)
					ok = false
					continue
				}
				ev.Latency, f.hasLatency, got = lat, true, true
				if _, hasGood := cols["good"]; !hasGood {
					ev.Good = true // judged by its latency
				}
			}
		}
		if !ok {
			continue
		}
		if !got {
			f.fail(line, 1, "the record has no outcome: give good/bad or a latency")
			continue
		}
		f.events = append(f.events, ev)
	}
}

func readJSONLEvents(r io.Reader) (*eventsFile, error) {
	f := &eventsFile{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(b, &rec); err != nil {
			col := 1
			var se *json.SyntaxError
			if errors.As(err, &se) {
				col = utf8.RuneCount(b[:min(int(se.Offset), len(b))]) + 1
			}
			f.fail(line, col, "not a JSON object: %v", err)
			continue
		}
		col := func(key string) int {
			if i := bytes.Index(b, []byte(strconv.Quote(key))); i >= 0 {
				return utf8.RuneCount(b[:i]) + 1
			}
			return 1
		}
		var ev slo.Event
		var when, key string
		for k, v := range rec {
			if columnRole(k) == "time" {
				key = k
				var s string
				if err := json.Unmarshal(v, &s); err == nil {
					when = s
				} else {
					when = string(v) // Unix seconds as a number
				}
			}
		}
		if key == "" {
			f.fail(line, 1, "no timestamp (timestamp, time, at or ts)")
			continue
		}
		at, err := parseTimestamp(when)
		if err != nil {
			f.fail(line, col(key), "%v", err)
			continue
		}
		ev.At = at
		ok, got := true, false
		for k, v := range rec {
			role := columnRole(k)
			switch role {
			case "good":
				var s string
				var bl bool
				var g bool
				var err error
				switch {
				case json.Unmarshal(v, &bl) == nil:
					g = bl
				case json.Unmarshal(v, &s) == nil:
					g, err = parseGood(s)
				default:
					g, err = parseGood(string(v))
				}
				if err != nil {
					f.fail(line, col(k), "%v", err)
					ok = false
					continue
				}
				ev.Good, f.hasGood, got = g, true, true
			case "latency", "latency_ms":
				var s string
				text := string(v)
				if json.Unmarshal(v, &s) == nil {
					text = s
				}
				lat, err := parseLatency(text, role == "latency_ms")
				if err != nil {
					f.fail(line, col(k), "%v", err)
					ok = false
					continue
				}
				ev.Latency, f.hasLatency, got = lat, true, true
			}
		}
		if !ok {
			continue
		}
		if !got {
			f.fail(line, 1, "the record has no outcome: give good/bad or a latency")
			continue
		}
		if _, hasGood := goodKey(rec); !hasGood {
			ev.Good = true // judged by its latency
		}
		f.events = append(f.events, ev)
	}
	if err := sc.Err(); err != nil {
		return f, fmt.Errorf("%w: line %d: %v", errEvents, line+1, err)
	}
	return f, nil
}

func goodKey(rec map[string]json.RawMessage) (string, bool) {
	for k := range rec {
		if columnRole(k) == "good" {
			return k, true
		}
	}
	return "", false
}

// parseTimestamp reads RFC 3339, "YYYY-MM-DD hh:mm:ss" in UTC, or Unix
// seconds (with a fraction), from 1970 on.
func parseTimestamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	sane := func(t time.Time) bool { return t.Year() >= 1970 && t.Year() <= 9999 }
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil && sane(t) {
		return t, nil
	}
	if t, err := time.Parse(time.DateTime, s); err == nil && sane(t) {
		return t, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1e11 && !math.IsNaN(f) {
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("timestamp %q is not RFC 3339, YYYY-MM-DD hh:mm:ss or Unix seconds", s)
}

func parseGood(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "good", "ok", "success", "yes", "pass":
		return true, nil
	case "false", "0", "bad", "error", "failure", "fail", "no":
		return false, nil
	}
	return false, fmt.Errorf("outcome %q is not good or bad (true/false, 1/0, good/bad, ok/error, success/failure)", s)
}

// parseLatency reads a Go duration, or a number of milliseconds.
func parseLatency(s string, ms bool) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 || f > 1e12 || math.IsNaN(f) {
			return 0, fmt.Errorf("latency %q is out of range", s)
		}
		return time.Duration(math.Round(f * float64(time.Millisecond))), nil
	}
	if !ms {
		if d, err := time.ParseDuration(s); err == nil && d >= 0 {
			return d, nil
		}
	}
	return 0, fmt.Errorf("latency %q is not a duration such as 120ms or a number of milliseconds", s)
}
