package catalog

import (
	"math"
	"time"

	"github.com/opsdesign/opsdesign/roles"
)

// RosterSettings tune how a design's roster is read and the soft limits of
// the roles/ rules: Settings spec.roles.
//
//	spec:
//	  roles:
//	    timeZone: Asia/Tokyo      # the zone the roster is reported in
//	    coverageFrom: 2025-03-03  # the period the coverage rules check…
//	    coverageDays: 7           # …and its length in days
//	    teamSize: 7               # soft limits; see roles.Limits
//	    operationSize: 80
//	    escalationShare: 0.5
//	    toilShare: 0.5
//	    weeklyHours: 40
//	    tasksPerPerson: 12
type RosterSettings struct {
	// TimeZone is the IANA zone results are reported in and the zone of
	// every person who states none; "" means the zone most people state,
	// or when nobody does the zone most services' hours state, or UTC.
	TimeZone string
	// CoverageFrom is the first day of the period the coverage rules
	// check; the zero Date means the Monday of the week the lint runs in
	// (Linter.Now), so the rules judge the current week.
	CoverageFrom roles.Date
	// CoverageDays is the length of that period; 0 means 7.
	CoverageDays int
	// Limits are the soft limits; a zero field takes roles' default.
	Limits roles.Limits
}

// buildRosterSettings reads spec.roles of a Settings document; values of
// the wrong type or out of range (which the schema reports) are left unset.
func buildRosterSettings(m obj) RosterSettings {
	var s RosterSettings
	if m == nil {
		return s
	}
	s.TimeZone = str(m, "timeZone")
	if d, err := roles.ParseDate(str(m, "coverageFrom")); err == nil {
		s.CoverageFrom = d
	}
	whole := func(k string, lo, hi float64) int {
		v := num(m, k)
		if v < lo || v > hi || v != math.Trunc(v) {
			return 0
		}
		return int(v)
	}
	share := func(k string) float64 {
		if v := num(m, k); v > 0 && v <= 1 {
			return v
		}
		return 0
	}
	s.CoverageDays = whole("coverageDays", 1, 366)
	s.Limits.TeamSize = whole("teamSize", 1, math.MaxInt32)
	s.Limits.OperationSize = whole("operationSize", 1, math.MaxInt32)
	s.Limits.TasksPerPerson = whole("tasksPerPerson", 1, math.MaxInt32)
	s.Limits.EscalationShare = share("escalationShare")
	s.Limits.ToilShare = share("toilShare")
	if h := num(m, "weeklyHours"); h > 0 && h <= 168 {
		s.Limits.WeeklyHours = time.Duration(h * float64(time.Hour)).Round(time.Second)
	}
	return s
}
