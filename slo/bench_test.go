package slo

import (
	"testing"
	"time"
)

var benchNow = time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)

// benchEvents spreads n events over the 30 days before benchNow, one in a
// thousand bad, and latencies from 0 to 999ms.
func benchEvents(n int) []Event {
	events := make([]Event, n)
	step := 30 * 24 * time.Hour / time.Duration(n)
	for i := range events {
		events[i] = Event{
			At:      benchNow.Add(-time.Duration(n-i) * step),
			Good:    i%1000 != 0,
			Latency: time.Duration(i%1000) * time.Millisecond,
		}
	}
	return events
}

var sink int64

// BenchmarkCountBaseline is the floor for the evaluation below: one pass
// over the same million events that only counts the good ones in the
// period.
func BenchmarkCountBaseline1M(b *testing.B) {
	events := benchEvents(1_000_000)
	start := benchNow.Add(-30 * 24 * time.Hour)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var good int64
		for i := range events {
			if events[i].Good && !events[i].At.Before(start) && events[i].At.Before(benchNow) {
				good++
			}
		}
		sink = good
	}
}

// BenchmarkEvaluateEvents1M evaluates a million events against a 99.9%
// 30-day objective with the four workbook tiers (nine windows).
func BenchmarkEvaluateEvents1M(b *testing.B) {
	events := benchEvents(1_000_000)
	o := Objective{Name: "api", Target: MustParseTarget("99.9%"), Window: MustParseWindow("30d")}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := o.EvaluateEvents(events, benchNow)
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Good
	}
}

func BenchmarkEvaluateLatency1M(b *testing.B) {
	events := benchEvents(1_000_000)
	o := Objective{Name: "api", Target: MustParseTarget("95%"), Window: Monthly(), Threshold: 900 * time.Millisecond}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := o.EvaluateEvents(events, benchNow)
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Good
	}
}

func BenchmarkEvaluateTimeSlices1M(b *testing.B) {
	events := benchEvents(1_000_000)
	o := Objective{Name: "probe", Kind: TimeSliceObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("30d"),
		Slice: time.Minute, SliceTarget: MustParseTarget("99%")}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := o.EvaluateEvents(events, benchNow)
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Good
	}
}

// BenchmarkEvaluateOutcomes10k evaluates ten thousand tickets with
// business-hour and business-day targets on a Japanese calendar.
func BenchmarkEvaluateOutcomes10k(b *testing.B) {
	cal := tokyoOffice(b)
	o := Objective{Name: "desk", Kind: AttainmentObjective, Target: MustParseTarget("95%"), Window: Monthly(), Calendar: cal,
		Rules: []Rule{
			{Severities: []string{"P1"}, Within: MustParseDuration("1h")},
			{Severities: []string{"P2"}, Within: MustParseDuration("8bh")},
			{Within: MustParseDuration("1bd")},
		}}
	sev := []string{"P1", "P2", "P3"}
	outs := make([]Outcome, 10000)
	for i := range outs {
		start := benchNow.Add(-time.Duration(i) * 4 * time.Minute)
		outs[i] = Outcome{Severity: sev[i%3], Start: start, End: start.Add(time.Duration(i%600) * time.Minute)}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := o.EvaluateOutcomes(outs, benchNow)
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Good
	}
}

func BenchmarkBusinessDayDeadline(b *testing.B) {
	cal := tokyoOffice(b)
	t := time.Date(2025, 12, 26, 15, 0, 0, 0, cal.Location())
	b.ReportAllocs()
	for b.Loop() {
		sink = cal.BusinessDayDeadline(t, 1).Unix()
	}
}

func BenchmarkAddBusinessTime(b *testing.B) {
	cal := tokyoOffice(b)
	t := time.Date(2025, 3, 14, 17, 0, 0, 0, cal.Location())
	b.ReportAllocs()
	for b.Loop() {
		sink = cal.AddBusinessTime(t, 8*time.Hour).Unix()
	}
}

func BenchmarkParseDuration(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d, err := ParseDuration("2 business days")
		if err != nil {
			b.Fatal(err)
		}
		sink = int64(d.Days())
	}
}
