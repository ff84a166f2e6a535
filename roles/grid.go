package roles

import "time"

// HourCell is one wall-clock hour of an hour grid: whether cover is
// required in it and which class of work has a gap in it. Its values are
// the words a report's JSON carries.
type HourCell string

// The cells of an hour grid.
const (
	HourIdle              HourCell = ""               // no cover is required in the hour
	HourCovered           HourCell = "covered"        // every task that needs cover has someone
	HourPersonalisedGap   HourCell = "personalised"   // a personalised task has nobody able present
	HourDepersonalisedGap HourCell = "depersonalised" // a depersonalised task has nobody able present
	HourBothGaps          HourCell = "both"           // both classes have a gap
	HourSkipped           HourCell = "skipped"        // the hour does not exist: the clocks go forward
)

var hourMarks = map[HourCell]string{HourIdle: " ", HourCovered: "·", HourPersonalisedGap: "P", HourDepersonalisedGap: "D",
	HourBothGaps: "B", HourSkipped: "~"}

// Mark returns the character a text grid shows for the cell: a blank,
// "·", "P", "D", "B" or "~"; "?" for a value that is not a cell.
func (c HourCell) Mark() string {
	if m, ok := hourMarks[c]; ok {
		return m
	}
	return "?"
}

// GridDay is one day of an hour grid.
type GridDay struct {
	Date    Date         `json:"date"`
	Weekday string       `json:"weekday"` // Mon, Tue, …
	Hours   [24]HourCell `json:"hours"`   // one per wall-clock hour, from 00
}

// Demand returns the coverage of the roster's work with nobody on the
// roster: every task is uncovered whenever it needs cover, so the gaps of
// the result are exactly the time in which cover is required. HourGrid
// uses it to tell an hour that needs no cover from one that is covered.
// Errors are those of Coverage.
func (r *Roster) Demand(from, to time.Time, granularity time.Duration) (*Coverage, error) {
	nobody := *r
	nobody.People = nil
	return nobody.Coverage(from, to, granularity)
}

// HourGrid marks each wall-clock hour of each day of the coverage's range,
// in the zone of c.From (the roster's): a gap of either class of work, or
// else whether cover is required then, as demand (the Demand of the same
// roster over the same range) says. An hour that the range cuts is judged
// on its part inside the range; an hour the clocks skip is HourSkipped.
func (c *Coverage) HourGrid(demand *Coverage) []GridDay {
	from, to, loc := c.From, c.To, c.From.Location()
	var days []GridDay
	for day := DateOf(from); day.In(loc).Before(to); day = day.AddDays(1) {
		row := GridDay{Date: day, Weekday: day.Weekday().String()[:3]}
		for h := range 24 {
			s := time.Date(day.Year, day.Month, day.Day, h, 0, 0, 0, loc)
			e := time.Date(day.Year, day.Month, day.Day, h+1, 0, 0, 0, loc)
			s, e = later(s, from), earlier(e, to)
			if !s.Before(e) {
				if time.Date(day.Year, day.Month, day.Day, h, 0, 0, 0, loc).Hour() != h {
					row.Hours[h] = HourSkipped
				}
				continue
			}
			row.Hours[h] = hourCell(c, demand, s, e)
		}
		days = append(days, row)
	}
	return days
}

// hourCell judges [s, e): a gap of either class first, then whether any
// cover is required in it.
func hourCell(c, demand *Coverage, s, e time.Time) HourCell {
	p, d := overlaps(c.Personalised.Gaps, s, e), overlaps(c.Depersonalised.Gaps, s, e)
	switch {
	case p && d:
		return HourBothGaps
	case p:
		return HourPersonalisedGap
	case d:
		return HourDepersonalisedGap
	case overlaps(demand.Personalised.Gaps, s, e) || overlaps(demand.Depersonalised.Gaps, s, e):
		return HourCovered
	}
	return HourIdle
}

// overlaps reports whether any gap meets [s, e).
func overlaps(gaps []Gap, s, e time.Time) bool {
	for _, g := range gaps {
		if g.Start.Before(e) && s.Before(g.End) {
			return true
		}
	}
	return false
}

func later(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if a.After(b) {
		return b
	}
	return a
}
