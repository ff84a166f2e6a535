package catalog_test

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
)

// An Objective document on a business Calendar: the catalog resolves the
// calendar, so the embedded domain objective gives each ticket its
// deadline and evaluates tickets directly.
func ExampleObjective() {
	d := catalog.Parse(catalog.Source{Name: "desk.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: jp-office}
spec:
  timeZone: Asia/Tokyo
  hours: ["mon-fri 09:00-18:00"]
  holidays: [jp]
  closures: ["12-29..01-03"]
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: inquiry-resolution}
spec:
  kind: attainment
  measure: resolution
  target: 95%
  window: month
  calendar: jp-office
  rules:
    - {within: 1bd}
`)})
	o := d.Objective("inquiry-resolution")
	if err := o.Err(); err != nil {
		fmt.Println(err)
		return
	}
	jst := o.Calendar.Location()
	opened := time.Date(2026, 12, 28, 15, 0, 0, 0, jst) // the last business day of 2026
	fmt.Println("due", o.Rules[0].Within.Deadline(o.Calendar, opened).Format("Mon 2006-01-02 15:04"))
	r, _ := o.EvaluateOutcomes([]slo.Outcome{
		{ID: "Q-1", Start: opened, End: time.Date(2027, 1, 4, 11, 0, 0, 0, jst)},
		{ID: "Q-2", Start: opened, End: time.Date(2027, 1, 5, 10, 0, 0, 0, jst)},
	}, time.Date(2027, 1, 31, 0, 0, 0, 0, jst))
	fmt.Printf("%d of %d in time; missed: %s\n", r.Good, r.Total, r.Misses[0].ID)
	// Output:
	// due Mon 2027-01-04 18:00
	// 1 of 2 in time; missed: Q-2
}

// OpenSLO documents join the design: their references are checked across
// files, and each SLO objective is an Objective like any other.
func ExampleOpenSLO() {
	d, err := catalog.Load("../testdata/openslo/valid")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("findings:", len(rules.Lint(d)))
	for _, s := range d.OpenSLO.SLOs {
		o := s.Objectives[0]
		fmt.Printf("%s: %s %s over %s\n", o.Name, o.Kind, o.Target, o.Window)
	}
	// Output:
	// findings: 0
	// basket-availability: time-slice 99.5% over month
	// delivery-slot-booking: ratio 99.5% over week
	// checkout-fast: ratio 99% over 28d
}
