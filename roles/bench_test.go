package roles

import (
	"fmt"
	"testing"
	"time"
)

// benchRoster builds an operation of n people on rotating shifts, 50 tasks
// (half personalised), each person able to do five, some on leave, half
// the services on business hours.
func benchRoster(b testing.TB, n int) *Roster {
	ny := mustLoad(b, "America/New_York")
	r := &Roster{Location: ny}
	for s := range 10 {
		svc := Service{Name: fmt.Sprintf("svc-%d", s)}
		if s%2 == 0 {
			svc.Hours = &Schedule{Week: MustParseWeek("Mon-Fri 08:00-20:00")}
		}
		r.Services = append(r.Services, svc)
	}
	for t := range 50 {
		p := Personalised
		if t%2 == 1 {
			p = Depersonalised
		}
		r.Tasks = append(r.Tasks, Task{Name: fmt.Sprintf("task-%d", t), Service: fmt.Sprintf("svc-%d", t%10), Personalisation: p})
	}
	patterns := []Week{
		MustParseWeek("Mon-Fri 09:00-18:00"),
		MustParseWeek("Mon-Thu 18:00-03:00; Sat 10:00-14:00"),
		MustParseWeek("Fri-Mon 22:00-07:00"),
		MustParseWeek("Tue-Sat 07:00-12:00, 13:00-16:00"),
	}
	for i := range n {
		p := Person{Name: fmt.Sprintf("person-%d", i), Shifts: Schedule{Week: patterns[i%len(patterns)]}}
		for k := range 5 {
			p.Tasks = append(p.Tasks, fmt.Sprintf("task-%d", (i+k*7)%50))
		}
		if i%3 == 0 {
			d := Date{2025, time.Month(1 + i%12), 1 + i%28}
			p.Shifts.Exceptions = []Exception{{Kind: Leave, From: d, To: d.AddDays(4)}, {Kind: Extra, From: d.AddDays(20), To: d.AddDays(20), Start: 22 * time.Hour, End: 6 * time.Hour}}
		}
		r.People = append(r.People, p)
	}
	return r
}

func BenchmarkCoverage1000PeopleYear(b *testing.B) {
	r := benchRoster(b, 1000)
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, r.Location)
	to := from.AddDate(1, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Coverage(from, to, time.Minute); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCoverage50PeopleWeek(b *testing.B) {
	r := benchRoster(b, 50)
	from := time.Date(2025, 3, 3, 0, 0, 0, 0, r.Location)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Coverage(from, from.AddDate(0, 0, 7), 15*time.Minute); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck1000People(b *testing.B) {
	r := benchRoster(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		r.Check(Limits{})
	}
}

func BenchmarkParseWeek(b *testing.B) {
	for b.Loop() {
		if _, err := ParseWeek("Mon-Fri 09:00-12:00, 13:00-18:00; Sat 22:00-07:00"); err != nil {
			b.Fatal(err)
		}
	}
}
