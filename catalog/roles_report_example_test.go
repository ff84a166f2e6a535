package catalog_test

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
)

// Roster.Report is what `opsdesign roles` prints: here an office desk in
// Tokyo, open on weekdays, whose one agent takes lunch from 12:00 to 13:00.
func ExampleRoster_Report() {
	d := catalog.Parse(catalog.Source{Name: "desk.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Settings
metadata: {name: design}
spec:
  roles: {timeZone: Asia/Tokyo, coverageFrom: "2025-11-07", coverageDays: 2}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  hours: Mon-Fri 09:00-17:00
  tasks:
    - {name: answer, trigger: {event: A call.}, personalisation: depersonalised, procedure: desk manual}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: aoi}
spec: {timeZone: Asia/Tokyo, tasks: [desk/answer], shifts: ["Mon-Fri 09:00-12:00, 13:00-17:00"]}
`)})
	r, problems := d.Roster()
	if len(problems) > 0 {
		fmt.Println(problems)
		return
	}
	from, to := r.Period(time.Now()) // as Settings spec.roles says: Friday and Saturday
	rep, err := r.Report(from, to)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range rep.Depersonalised.Gaps {
		fmt.Printf("gap %s to %s (%d minutes) %v\n", g.Start.Format("Mon 15:04"), g.End.Format("15:04 MST"), g.Minutes, g.Tasks)
	}
	for _, day := range rep.Grid {
		fmt.Printf("%s |", day.Weekday)
		for _, cell := range day.Hours {
			fmt.Print(cell.Mark())
		}
		fmt.Println("|")
	}
	fmt.Printf("%s: truck factor %d %v\n", rep.Tasks[0].Task, rep.Tasks[0].Factor, rep.Tasks[0].People)
	// Output:
	// gap Fri 12:00 to 13:00 JST (60 minutes) [desk/answer]
	// Fri |         ···D····       |
	// Sat |                        |
	// desk/answer: truck factor 1 [aoi]
}
