package catalog_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// rosterDesign writes a design shaped like the roles package's benchmark
// roster: n people on four rotating shift patterns in America/New_York,
// 10 services (half on business hours, half 24x7) with 5 tasks each, half
// of them personalised, each person able to do five tasks, and every third
// person with a week of leave and an extra night shift.
func rosterDesign(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`apiVersion: opsdesign/v1
kind: Settings
metadata: {name: design}
spec:
  roles: {timeZone: America/New_York}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: engineer}
spec: {tier: certified}
`)
	for s := range 10 {
		hours := "24x7"
		if s%2 == 0 {
			hours = "Mon-Fri 08:00-20:00"
		}
		fmt.Fprintf(&b, "---\napiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: svc-%d}\nspec:\n  state: active\n  owner: engineer\n  hours: %s\n  tasks:\n", s, hours)
		for t := s; t < 50; t += 10 {
			class := "personalised\n      keepPersonal: Judgement."
			if t%2 == 1 {
				class = "depersonalised\n      procedure: runbook"
			}
			fmt.Fprintf(&b, "    - name: task-%d\n      trigger: {event: Something happens.}\n      personalisation: %s\n", t, class)
		}
	}
	patterns := []string{
		"Mon-Fri 09:00-18:00",
		"Mon-Thu 18:00-03:00; Sat 10:00-14:00",
		"Fri-Mon 22:00-07:00",
		"Tue-Sat 07:00-12:00, 13:00-16:00",
	}
	for i := range n {
		fmt.Fprintf(&b, "---\napiVersion: opsdesign/v1\nkind: Person\nmetadata: {name: person-%d}\nspec:\n  roles: [engineer]\n  tasks: [", i)
		for k := range 5 {
			t := (i + k*7) % 50
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "svc-%d/task-%d", t%10, t)
		}
		fmt.Fprintf(&b, "]\n  shifts: [%q]\n", patterns[i%len(patterns)])
		if i%3 == 0 {
			d := time.Date(2025, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
			fmt.Fprintf(&b, "  exceptions:\n    - {from: %q, to: %q, kind: leave}\n    - {from: %q, hours: \"22:00-06:00\", kind: extra}\n",
				d.Format(time.DateOnly), d.AddDate(0, 0, 4).Format(time.DateOnly), d.AddDate(0, 0, 20).Format(time.DateOnly))
		}
	}
	return b.Bytes()
}

// BenchmarkRosterCoverage1000PeopleYear computes a year of cover, to the
// minute, for 1,000 people. Its baseline, in the same run, is
// roles-coverage: the roles package alone on the roster already built.
// roster is the mapping from the parsed design (shifts, exceptions, zones
// parsed and positioned); catalog is what a caller of the catalog pays:
// parse the YAML, build the roster and compute the year.
func BenchmarkRosterCoverage1000PeopleYear(b *testing.B) {
	data := rosterDesign(1000)
	src := catalog.Source{Name: "roster.yaml", Data: data}
	loader := catalog.Loader{Limits: catalog.Limits{MaxDocuments: 2000}}
	d := loader.Parse(src)
	r, diags := d.Roster()
	if len(diags) > 0 || len(d.Diagnostics()) > 0 {
		b.Fatalf("generated roster is not clean: %v %v", diags, d.Diagnostics())
	}
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, r.Location())
	to := from.AddDate(1, 0, 0)
	b.Run("roles-coverage", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Standing.Coverage(from, to, time.Minute); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("roster", func(b *testing.B) {
		designs := make([]*catalog.Design, 0, 64)
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			if len(designs) == 0 {
				for range cap(designs) {
					designs = append(designs, loader.Parse(src))
				}
			}
			d := designs[len(designs)-1]
			designs = designs[:len(designs)-1]
			b.StartTimer()
			d.Roster()
		}
	})
	b.Run("catalog", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, _ := loader.Parse(src).Roster()
			if _, err := r.Coverage(from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRolesRules1000People lints the same design with the roles/
// rules only, over the default week. Baseline: the yaml-parse sub-benchmark
// (loading the design), measured in the same run.
func BenchmarkRolesRules1000People(b *testing.B) {
	src := catalog.Source{Name: "roster.yaml", Data: rosterDesign(1000)}
	loader := catalog.Loader{Limits: catalog.Limits{MaxDocuments: 2000}}
	linter := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{Rules: map[string]catalog.RuleConfig{}},
		Now: func() time.Time { return time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC) }}
	for _, r := range slices.Concat(catalog.LoaderRules(), catalog.EngineRules()) {
		linter.Config.Rules[r.ID] = catalog.RuleConfig{Disabled: true}
	}
	for _, r := range rules.All() {
		if len(r.ID) < 6 || r.ID[:6] != "roles/" {
			linter.Config.Rules[r.ID] = catalog.RuleConfig{Disabled: true}
		}
	}
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			loader.Parse(src)
		}
	})
	b.Run("load+roles-rules", func(b *testing.B) {
		for b.Loop() {
			linter.Lint(loader.Parse(src))
		}
	})
}
