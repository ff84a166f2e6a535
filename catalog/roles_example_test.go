package catalog_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// A small MSP in Tokyo: one service watched around the clock, a rescue
// engineer on long days, a certified engineer on long evenings, and nobody
// between 01:00 and 04:00 who can judge an alert no runbook describes. The
// rules look at the two days from Monday 3 March 2025.
const exampleRoster = `apiVersion: opsdesign/v1
kind: Settings
metadata: {name: design}
spec:
  roles: {coverageFrom: "2025-03-03", coverageDays: 2}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: rescue}
spec: {tier: technical-enhancement}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: certified}
spec: {tier: certified}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: alerts}
spec:
  state: active
  hours: 24x7
  tasks:
    - name: investigate
      trigger: {event: An alert no runbook describes.}
      personalisation: personalised   # judgement work…
      bridge: kai                     # …that kai is turning into a runbook
    - name: restart
      trigger: {monitor: down}
      personalisation: depersonalised
      procedure: runbooks/restart.md
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: rin}
spec:
  roles: [rescue]
  timeZone: Asia/Tokyo
  tasks: [alerts/investigate, alerts/restart]
  shifts: ["daily 04:00-16:00"]
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: kai}
spec:
  roles: [certified]
  timeZone: Asia/Tokyo
  tasks: [alerts/investigate, alerts/restart]
  shifts: ["daily 16:00-01:00"]
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: mio}
spec:
  timeZone: Asia/Tokyo
  tasks: [alerts/restart]
  shifts: ["daily 00:00-04:00"]
`

// Design.Roster turns Role, Person and Team documents and the tasks of
// services into a roles.Roster; Coverage then finds every interval in which
// nobody able to do some work is present.
func ExampleDesign_Roster() {
	d := catalog.Parse(catalog.Source{Name: "ops.yaml", Data: []byte(exampleRoster)})
	r, problems := d.Roster()
	if len(problems) > 0 {
		fmt.Println(problems)
		return
	}
	from, to := r.Period(time.Now()) // as Settings spec.roles says
	cov, err := r.Coverage(from, to)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range cov.Personalised.Gaps {
		fmt.Printf("personalised gap %s to %s %v\n", g.Start.Format("Mon 15:04"), g.End.Format("15:04 MST"), g.Tasks)
	}
	fmt.Println("depersonalised gaps:", len(cov.Depersonalised.Gaps))
	for _, t := range r.Operation.TruckFactors().Tasks {
		fmt.Printf("%s: truck factor %d %v\n", t.Task, t.Factor, t.People)
	}
	// Output:
	// personalised gap Mon 01:00 to 04:00 JST [alerts/investigate]
	// personalised gap Tue 01:00 to 04:00 JST [alerts/investigate]
	// depersonalised gaps: 0
	// alerts/investigate: truck factor 2 [rin kai]
	// alerts/restart: truck factor 3 [rin kai mio]
}

// The roles/ rules report the same as positioned findings, over the
// period Settings spec.roles sets (by default, the week the lint runs in),
// and judge the load: twelve-hour shifts every day are too many hours.
func ExampleLinter_rolesRules() {
	d := catalog.Parse(catalog.Source{Name: "ops.yaml", Data: []byte(exampleRoster)})
	for _, f := range rules.Lint(d) {
		if strings.HasPrefix(f.Rule, "roles/") {
			fmt.Println(f)
		}
	}
	// Output:
	// ops.yaml:24:13: error: personalised work has no cover 2025-03-03 Mon 01:00 to 04:00 JST (3h): nobody able to do alerts/investigate is present [roles/personalised-gap]
	// ops.yaml:24:13: error: personalised work has no cover 2025-03-04 Tue 01:00 to 04:00 JST (3h): nobody able to do alerts/investigate is present [roles/personalised-gap]
	// ops.yaml:40:3: warning: "rin" is rostered for 84h a week (limit 40h): share the shifts or the work with more people [roles/person-over-hours]
	// ops.yaml:49:3: warning: "kai" is rostered for 63h a week (limit 40h): share the shifts or the work with more people [roles/person-over-hours]
}
