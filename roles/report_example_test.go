package roles_test

import (
	"fmt"
	"os"
	"time"

	"github.com/opsdesign/opsdesign/roles"
)

// An office desk in Tokyo needs cover on weekdays from 09:00 to 17:00; its
// only agent takes lunch from 12:00 to 13:00. The hour grid shows the hours
// that need no cover as blanks, covered hours as dots and the lunch hole
// as D, for depersonalised work.
func ExampleCoverage_HourGrid() {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roles.Roster{
		Location: tokyo,
		Tasks:    []roles.Task{{Name: "answer", Service: "desk", Personalisation: roles.Depersonalised, Procedure: "desk manual"}},
		Services: []roles.Service{{Name: "desk", Hours: &roles.Schedule{Week: roles.MustParseWeek("Mon-Fri 09:00-17:00")}}},
		People: []roles.Person{{Name: "aoi", Tasks: []string{"answer"},
			Shifts: roles.Schedule{Week: roles.MustParseWeek("Mon-Fri 09:00-12:00, 13:00-17:00")}}},
	}
	from := time.Date(2025, 11, 7, 0, 0, 0, 0, tokyo) // a Friday
	to := from.AddDate(0, 0, 2)
	cover, err := r.Coverage(from, to, time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	demand, err := r.Demand(from, to, time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, day := range cover.HourGrid(demand) {
		fmt.Printf("%s %s |", day.Weekday, day.Date)
		for _, cell := range day.Hours {
			fmt.Print(cell.Mark())
		}
		fmt.Println("|")
	}
	// Output:
	// Fri 2025-11-07 |         ···D····       |
	// Sat 2025-11-08 |                        |
}

// A roster report for one night: the personalised alert work has nobody
// from 01:00 to 04:00, and each task depends on one person.
func ExampleNewRosterReport() {
	r := &roles.Roster{
		Tasks: []roles.Task{
			{Name: "triage", Service: "alerts", Personalisation: roles.Personalised, Bridge: "cy"},
			{Name: "restart", Service: "alerts", Personalisation: roles.Depersonalised, Procedure: "runbook"},
		},
		People: []roles.Person{
			{Name: "ann", Tasks: []string{"restart"}, Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 00:00-24:00")}},
			{Name: "bo", Tasks: []string{"triage"}, Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 04:00-01:00")}},
		},
	}
	from := time.Date(2025, 11, 7, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 1)
	cover, err := r.Coverage(from, to, time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	demand, err := r.Demand(from, to, time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	rep := roles.NewRosterReport(r, cover, demand)
	fmt.Printf("personalised work covered %.1f%% of %gh\n", 100*rep.Personalised.Covered, rep.Personalised.RequiredHours)
	if err := rep.WriteText(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// personalised work covered 87.5% of 24h
	// Roster: 2 people in 0 teams, reported in UTC
	// Cover from Fri 2025-11-07 00:00 UTC to Sat 2025-11-08 00:00 UTC, to the minute
	//   personalised:   1 standing task, 87.5% of 24h covered
	//   depersonalised: 1 standing task, 100.0% of 24h covered
	//
	//           00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23
	// Fri 11-07  ·  P  P  P  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
	//   · covered  P personalised gap  D depersonalised gap  B both  ~ hour skipped by the clocks  (blank) no cover required
	//
	// Gaps            from                      to                        length  uncovered tasks
	//   personalised  Fri 2025-11-07 01:00 UTC  Fri 2025-11-07 04:00 UTC  3h      triage
	//
	// Service   truck factor  weakest tasks    single-person tasks
	//   alerts  1             triage, restart  triage (bo), restart (ann)
	//
	// Task       class           standing  truck factor  people
	//   triage   personalised    yes       1             bo
	//   restart  depersonalised  yes       1             ann
}

// An interval written as findings write a gap, across the night the
// clocks go forward in Berlin.
func ExampleInterval_Text() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	iv := roles.Interval{
		Start: time.Date(2025, 3, 30, 1, 0, 0, 0, berlin),
		End:   time.Date(2025, 3, 30, 4, 0, 0, 0, berlin),
	}
	fmt.Println(iv.Text())
	// Output: 2025-03-30 Sun 01:00 CET to 04:00 CEST (2h)
}
