package slo_test

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/slo"
)

// A Japanese office works weekdays 9:00-18:00 with a lunch break, is
// closed on national holidays and over the year-end break. A ticket
// promised "within one business day" gets until the close of the next
// business day.
func ExampleCalendar_BusinessDayDeadline() {
	office, err := slo.NewCalendar(slo.CalendarSpec{
		TimeZone: "Asia/Tokyo",
		Hours: []slo.Shift{
			slo.MustParseShift("mon-fri 09:00-12:00"),
			slo.MustParseShift("mon-fri 13:00-18:00"),
		},
		Holidays: []string{"jp"},
		Closures: []slo.Closure{{From: slo.MonthDay{Month: 12, Day: 29}, To: slo.MonthDay{Month: 1, Day: 3}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	within := slo.MustParseDuration("1 business day")
	tokyo := office.Location()
	for _, opened := range []time.Time{
		time.Date(2025, 3, 14, 10, 0, 0, 0, tokyo),  // Friday morning
		time.Date(2025, 3, 14, 19, 0, 0, 0, tokyo),  // Friday, after hours
		time.Date(2025, 3, 19, 10, 0, 0, 0, tokyo),  // the day before the equinox holiday
		time.Date(2025, 12, 26, 15, 0, 0, 0, tokyo), // the last day before the year-end break
	} {
		fmt.Println(opened.Format("Mon 01-02 15:04"), "->", within.Deadline(office, opened).Format("Mon 01-02 15:04"))
	}
	name, _ := office.Holiday(slo.MustParseDate("2021-08-09"))
	fmt.Println("2021-08-09:", name)
	// Output:
	// Fri 03-14 10:00 -> Mon 03-17 18:00
	// Fri 03-14 19:00 -> Tue 03-18 18:00
	// Wed 03-19 10:00 -> Fri 03-21 18:00
	// Fri 12-26 15:00 -> Mon 01-05 18:00
	// 2021-08-09: Mountain Day (substitute)
}

// A support desk promises first-response completion by severity and aims
// at 95% of tickets in time each month. The report breaks attainment down
// by severity and lists the misses, so each one can get a recorded reason.
func ExampleObjective_EvaluateOutcomes() {
	office := slo.MustNewCalendar(slo.CalendarSpec{
		TimeZone: "Asia/Tokyo",
		Hours:    []slo.Shift{slo.MustParseShift("mon-fri 09:00-18:00")},
		Holidays: []string{"jp"},
	})
	desk := slo.Objective{
		Name:     "first-response",
		Kind:     slo.AttainmentObjective,
		Target:   slo.MustParseTarget("95%"),
		Window:   slo.Monthly(),
		Calendar: office,
		Measure:  slo.FirstResponseCompletion,
		Rules: []slo.Rule{
			{Severities: []string{"重大"}, Within: slo.MustParseDuration("30m")},
			{Severities: []string{"中"}, Within: slo.MustParseDuration("4bh")},
			{Within: slo.MustParseDuration("1bd")},
		},
	}
	jst := office.Location()
	at := func(day, hour, minute int) time.Time { return time.Date(2025, 6, day, hour, minute, 0, 0, jst) }
	tickets := []slo.Outcome{
		{ID: "T-1", Severity: "重大", Start: at(2, 10, 0), End: at(2, 10, 20)},
		{ID: "T-2", Severity: "重大", Start: at(3, 2, 0), End: at(3, 2, 45)},
		{ID: "T-3", Severity: "中", Start: at(6, 16, 0), End: at(9, 11, 0)}, // Friday 16:00 -> Monday 11:00 is 4bh
		{ID: "T-4", Severity: "軽微", Start: at(10, 9, 0), End: at(12, 9, 0)},
		{ID: "T-5", Severity: "軽微", Start: at(27, 17, 0)}, // open, due Monday 30th 18:00
	}
	r, err := desk.EvaluateOutcomes(tickets, at(30, 12, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("attainment %.0f%% (%d of %d), target met: %v, pending %d\n", 100*r.SLI, r.Good, r.Total, r.Attained, r.Pending)
	for _, s := range r.Severities {
		fmt.Printf("  %s: met %d, missed %d, pending %d\n", s.Severity, s.Met, s.Missed, s.Pending)
	}
	for _, m := range r.Misses {
		fmt.Printf("  miss %s (%s): due %s, late %v\n", m.ID, m.Severity, m.Deadline.Format("01-02 15:04"), m.Late)
	}
	// Output:
	// attainment 50% (2 of 4), target met: false, pending 1
	//   中: met 1, missed 0, pending 0
	//   軽微: met 0, missed 1, pending 1
	//   重大: met 1, missed 1, pending 0
	//   miss T-2 (重大): due 06-03 02:30, late 15m0s
	//   miss T-4 (軽微): due 06-11 18:00, late 15h0m0s
}

// An API promises 99.9% availability over 30 days. After an hour with
// 1.44% of requests failing, the budget burns at 14.4 times the sustainable
// pace and the fast paging tier of the SRE workbook fires.
func ExampleObjective_EvaluateEvents() {
	api := slo.Objective{
		Name:   "api-availability",
		Kind:   slo.RatioObjective,
		Target: slo.MustParseTarget("99.9%"),
		Window: slo.MustParseWindow("30d"),
	}
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	var events []slo.Event
	// A request every 480ms for the last day (625 every 5 minutes); in the
	// last hour 9 of every 625 fail (1.44%).
	for k := 1; k <= 180000; k++ {
		bad := k <= 7500 && k%625 < 9
		events = append(events, slo.Event{At: now.Add(-time.Duration(k) * 480 * time.Millisecond), Good: !bad})
	}
	r, err := api.EvaluateEvents(events, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("SLI %.5f, budget consumed %.1f%%, alert %q\n", r.SLI, 100*r.Budget.ConsumedFraction, r.Alert)
	for _, a := range r.Alerts {
		fmt.Printf("  %-11s %-6s burn %5.2f over %-3v and %5.2f over %-3v firing=%v\n",
			a.Tier.Name, a.Tier.Action, a.LongBurn, slo.Elapsed(a.Tier.Long), a.ShortBurn, slo.Elapsed(a.Tier.Short), a.Firing)
	}
	// Output:
	// SLI 0.99940, budget consumed 60.0%, alert "page"
	//   page-fast   page   burn 14.40 over 1h  and 14.40 over 5m  firing=true
	//   page-slow   page   burn  2.40 over 6h  and 14.40 over 30m firing=false
	//   ticket-fast ticket burn  0.60 over 1d  and  7.20 over 2h  firing=false
	//   ticket-slow ticket burn  0.60 over 3d  and  2.40 over 6h  firing=false
}

// Check reports designs that cannot work, with stable codes.
func ExampleObjective_Check() {
	o := slo.Objective{
		Name:   "batch",
		Target: slo.MustParseTarget("90%"),
		Window: slo.Monthly(),
		Kind:   slo.AttainmentObjective,
		Rules: []slo.Rule{
			{Severities: []string{"P1", "P2"}, Within: slo.MustParseDuration("2h")},
			{Severities: []string{"P1"}, Within: slo.MustParseDuration("30m")},
		},
	}
	for _, f := range o.Check([]string{"P1", "P2", "P3"}) {
		fmt.Println(f.Code, f.Field, f.Index)
	}
	// Output:
	// burn-threshold-unreachable alerts -1
	// severity-without-target severities 2
	// rule-shadowed rules 1
}

func ExampleParseDuration() {
	for _, s := range []string{"90m", "2 business days", "8営業時間", "1.5h"} {
		d, err := slo.ParseDuration(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d, d.Kind())
	}
	// Output:
	// 1h30m elapsed
	// 2bd business-days
	// 8bh business-hours
	// slo: parse duration "1.5h": at 1: unknown unit "."
}

func ExampleParseTarget() {
	for _, s := range []string{"99.9%", "0.999", "99.9"} {
		t, err := slo.ParseTarget(s)
		fmt.Println(t, err)
	}
	// Output:
	// 99.9% <nil>
	// 99.9% <nil>
	// 0% slo: parse target "99.9": at 0: a fraction must lie in (0, 1]; write "99.9%" for a percentage
}
