package slo

import (
	"cmp"
	"slices"
	"sort"
)

// unit is one judged unit of an objective at an instant: a count (or an
// event, as a count of one) for a ratio objective, a judged slice for a
// time-slice objective.
type unit struct {
	at          int64
	good, total float64
}

// timeline holds the units of an objective in order of time, with prefix
// sums, so that the good and total units of any stretch of time come from
// two binary searches: sums over an empty stretch are exactly zero, with
// no rounding left over from adding and taking away.
type timeline struct {
	at     []int64
	pg, pt []float64 // pg[i] sums good over at[:i]; pt likewise totals
}

// timeline builds the units of o from counts, in [from, end): counts as
// they are for a ratio objective; for a time-slice objective, the slices
// on the grid of period p judged from the counts (a slice in progress at
// end is not judged).
func (o *Objective) timeline(counts []Count, p Period, from, end int64) (*timeline, error) {
	var units []unit
	if o.Kind == TimeSliceObjective {
		feed := func(put func(at int64, good, total float64)) {
			for i := range counts {
				if c := &counts[i]; validCount(c) {
					put(nanos(c.At), c.Good, c.Total)
				}
			}
		}
		err := o.judgeSlices(p, from, end, feed, func(at int64, good bool) {
			u := unit{at: at, total: 1}
			if good {
				u.good = 1
			}
			units = append(units, u) // judged in order of time
		})
		if err != nil {
			return nil, err
		}
	} else {
		units = make([]unit, 0, len(counts))
		for i := range counts {
			c := &counts[i]
			if at := nanos(c.At); validCount(c) && at >= from && at < end {
				units = append(units, unit{at, c.Good, c.Total})
			}
		}
		if !slices.IsSortedFunc(units, byTime) {
			slices.SortStableFunc(units, byTime)
		}
	}
	t := &timeline{at: make([]int64, len(units)), pg: make([]float64, len(units)+1), pt: make([]float64, len(units)+1)}
	for i, u := range units {
		t.at[i] = u.at
		t.pg[i+1] = t.pg[i] + u.good
		t.pt[i+1] = t.pt[i] + u.total
	}
	return t, nil
}

func byTime(a, b unit) int { return cmp.Compare(a.at, b.at) }

// index returns the number of units before the instant at.
func (t *timeline) index(at int64) int {
	return sort.Search(len(t.at), func(i int) bool { return t.at[i] >= at })
}

// sums returns the good and total units in [a, b).
func (t *timeline) sums(a, b int64) (good, total float64) {
	i, j := t.index(a), t.index(b)
	if j <= i {
		return 0, 0
	}
	return t.pg[j] - t.pg[i], t.pt[j] - t.pt[i]
}

// between returns the good and total units of the indexes [i, j).
func (t *timeline) between(i, j int) (good, total float64) {
	if j <= i {
		return 0, 0
	}
	return t.pg[j] - t.pg[i], t.pt[j] - t.pt[i]
}

// addSat adds d to the instant at, saturating at the ends of int64.
func addSat(at, d int64) int64 {
	if s := at + d; (d >= 0) == (s >= at) {
		return s
	}
	if d > 0 {
		return 1<<63 - 1
	}
	return -1 << 63
}
