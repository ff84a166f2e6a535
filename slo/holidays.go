package slo

import (
	"sort"
	"sync"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/jp"
)

// Years for which national holidays are precomputed. Outside this range a
// holiday set has no dates.
const (
	HolidayFirstYear = 1990
	HolidayLastYear  = 2100
)

// holidaySet is a table of dates (day numbers) to holiday names. It is
// built once, on first use, and only read afterwards, so calendars that
// share it are safe for concurrent use.
type holidaySet struct {
	once  sync.Once
	build func() map[int64]string
	days  map[int64]string
}

func (h *holidaySet) table() map[int64]string {
	h.once.Do(func() { h.days = h.build() })
	return h.days
}

// holidaySets lists the holiday sets a CalendarSpec may name. The map is
// never modified; each set fills itself in exactly once.
var holidaySets = map[string]*holidaySet{
	"jp": {build: func() map[int64]string { return buildHolidays(jp.Holidays) }},
}

// HolidaySets returns the names a CalendarSpec may list in Holidays.
func HolidaySets() []string {
	names := make([]string, 0, len(holidaySets))
	for n := range holidaySets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// buildHolidays evaluates upstream holiday rules for every supported year.
// The upstream rules write to shared state while they compute (the jp
// equinox rules store the day they find in the shared Holiday value), so
// they must only ever run here, under the set's sync.Once.
func buildHolidays(hs []*cal.Holiday) map[int64]string {
	days := make(map[int64]string, len(hs)*(HolidayLastYear-HolidayFirstYear+1))
	for year := HolidayFirstYear; year <= HolidayLastYear; year++ {
		for _, h := range hs {
			actual, observed := h.Calc(year)
			if !actual.IsZero() {
				addHoliday(days, DateOf(actual).num(), h.Name)
			}
			if !observed.IsZero() && !observed.Equal(actual) {
				addHoliday(days, DateOf(observed).num(), h.Name+" (substitute)")
			}
		}
	}
	return days
}

func addHoliday(days map[int64]string, day int64, name string) {
	if _, dup := days[day]; !dup {
		days[day] = name
	}
}
