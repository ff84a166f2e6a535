package slo

import (
	"slices"
	"time"
)

// Placement counts the events of a log by where they fall around the
// evaluated period, so that a report can say what it did not count.
// Before, Inside and After partition the events that are not far from the
// others; Far counts those that are.
type Placement struct {
	Before int `json:"before"` // before the period's start: older than the period
	Inside int `json:"inside"` // in [period start, now): the events counted
	After  int `json:"after"`  // at or after the evaluation instant: not counted yet
	Far    int `json:"far"`    // far from the others (FarEvents): never counted
}

// MaxLength returns the longest period the window can have: its length
// when it rolls, 7 days for a week, 31 for a month, 92 for a quarter, and
// zero for the zero Window.
func (w Window) MaxLength() time.Duration {
	const day = 24 * time.Hour
	switch w.kind {
	case WindowWeek:
		return 7 * day
	case WindowMonth:
		return 31 * day
	case WindowQuarter:
		return 92 * day
	}
	return w.length
}

// farMinEvents is the fewest events among which one can be told far from
// the others: with fewer there are no quartiles to judge by.
const farMinEvents = 4

// FarEvents returns the indexes, ascending, of the events whose times lie
// far outside the others, as a typo in a year (2099 for 2026) or a clock
// at zero (1970) does. Such an event must not decide the period a log is
// evaluated over.
//
// "Far" is Tukey's far-out fence with a floor of reach: with the times in
// order, Q1 and Q3 are the times at the 0-based ranks ⌊(n−1)/4⌋ and
// ⌊3(n−1)/4⌋, the fence is the larger of 3×(Q3−Q1) and reach, and an
// event is far when it lies before Q1 − fence or after Q3 + fence. reach
// is meant to be the longest period of the objective's window
// (Window.MaxLength), so that no event within one period of the middle
// half of the log is ever far, however tightly the log is packed. With
// fewer than four events nothing is far. Events need not be sorted; the
// times are copied, the events are not changed.
func FarEvents(events []Event, reach time.Duration) []int {
	n := len(events)
	if n < farMinEvents {
		return nil
	}
	times := make([]int64, n)
	for i := range events {
		times[i] = nanos(events[i].At)
	}
	slices.Sort(times)
	q1, q3 := times[(n-1)/4], times[3*(n-1)/4]
	fence := max(saturatingMul3(q3-q1), int64(max(reach, 0)))
	low, high := saturatingAdd(q1, -fence), saturatingAdd(q3, fence) // fence ≥ 0
	if times[0] >= low && times[n-1] <= high {
		return nil
	}
	var far []int
	for i := range events {
		if t := nanos(events[i].At); t < low || t > high {
			far = append(far, i)
		}
	}
	return far
}

func saturatingMul3(d int64) int64 {
	const most = 1<<63 - 1
	if d > most/3 {
		return most
	}
	return 3 * d
}

func saturatingAdd(a, b int64) int64 {
	if s := a + b; (b >= 0) == (s >= a) {
		return s
	}
	if b > 0 {
		return 1<<63 - 1
	}
	return -1 << 63
}

// place counts events by where they fall around the period p evaluated as
// of now, skipping those whose indexes are in far (ascending).
func place(events []Event, far []int, p Period, now time.Time) Placement {
	pl := Placement{Far: len(far)}
	start, end := nanos(p.Start), nanos(now)
	for i := range events {
		if len(far) > 0 && far[0] == i {
			far = far[1:]
			continue
		}
		switch t := nanos(events[i].At); {
		case t < start:
			pl.Before++
		case t >= end:
			pl.After++
		default:
			pl.Inside++
		}
	}
	return pl
}

// without returns events without those whose indexes are in far
// (ascending); events itself when far is empty.
func without(events []Event, far []int) []Event {
	if len(far) == 0 {
		return events
	}
	out := make([]Event, 0, len(events)-len(far))
	for i := range events {
		if len(far) > 0 && far[0] == i {
			far = far[1:]
			continue
		}
		out = append(out, events[i])
	}
	return out
}
