package lifecycle_test

import (
	"testing"

	"github.com/opsdesign/opsdesign/lifecycle"
)

// benchPlans returns n plans of mixed quality: fully covered, missing an
// event, with open decisions, and with events not applicable.
func benchPlans(n int) []lifecycle.Plan {
	subjects := lifecycle.Subjects()
	plans := make([]lifecycle.Plan, n)
	for i := range plans {
		p := fullPlan(subjects[i%len(subjects)], "subject")
		switch i % 4 {
		case 1:
			p = without(p, lifecycle.Retire)
		case 2:
			p = answer(answer(p, "suspend.deletion", lifecycle.Answer{}), "use.users", lifecycle.Answer{NotApplicable: true})
		case 3:
			p = with(p, lifecycle.Change, lifecycle.EventPlan{NotApplicable: true, Reason: "fixed for life"})
		}
		plans[i] = p
	}
	return plans
}

func BenchmarkCoverage(b *testing.B) {
	plans := benchPlans(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if len(lifecycle.Coverage(plans...)) == 0 {
			b.Fatal("no gaps")
		}
	}
}

func BenchmarkPlanStatus(b *testing.B) {
	plans := benchPlans(64)
	events := lifecycle.Events()
	b.ReportAllocs()
	for b.Loop() {
		for i := range plans {
			for _, e := range events {
				_ = plans[i].Status(e)
			}
		}
	}
}
