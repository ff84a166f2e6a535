package sloreport_test

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo"
)

// FuzzEvaluationFormats builds an objective and a log from the input (a
// target down to 100%, a rolling or calendar window, a ratio or
// time-slice objective with or without a latency threshold, tiers written
// or derived) and events or counts, evaluates it with its series and a
// policy, and asserts that every format encodes whatever the figures:
// text, JSON (valid, and read back), CSV (readable, every row whole).
// Infinite and undefined values are written as +Inf, -Inf and undefined,
// never as Go's NaN, and the exhaustion is never empty.
func FuzzEvaluationFormats(f *testing.F) {
	f.Add(uint32(1_000_000_000), uint8(0), uint8(0), uint16(60), []byte{0, 1, 0, 0, 2, 1, 1, 9, 0})
	f.Add(uint32(999_000_000), uint8(1), uint8(1), uint16(5), []byte{10, 0, 1, 20, 0, 0, 30, 0, 1})
	f.Add(uint32(900_000_000), uint8(2), uint8(2), uint16(1440), []byte{255, 255, 255, 0, 0, 0})
	f.Add(uint32(500_000_000), uint8(3), uint8(3), uint16(7), []byte{})
	f.Add(uint32(1), uint8(4), uint8(4), uint16(0), []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Fuzz(evaluateInFormats)
}

func evaluateInFormats(t *testing.T, ppb uint32, window, kind uint8, slice uint16, data []byte) {
	target := slo.Target{}
	if err := target.UnmarshalText([]byte(slo.FormatNumber(float64(ppb%1_000_000_000+1) / 1e9))); err != nil {
		t.Skip() // a fraction finer than the target's precision
	}
	windows := []slo.Window{slo.MustParseWindow("1d"), slo.MustParseWindow("7d"), slo.Weekly(), slo.Monthly(), slo.MustParseWindow("1h")}
	o := slo.Objective{Name: "o", Target: target, Window: windows[int(window)%len(windows)]}
	if kind&1 == 1 {
		o.Kind = slo.TimeSliceObjective
		o.Slice = time.Duration(slice%1440+1) * time.Minute
		o.SliceTarget = slo.MustParseTarget("90%")
	}
	if kind&2 == 2 {
		o.Threshold = 300 * time.Millisecond
	}
	if kind&4 == 4 {
		o.Alerts = []slo.AlertTier{{Name: "t", Action: slo.Page, Long: time.Duration(slice%600+1) * time.Minute, Short: time.Minute, BurnRate: 2}}
	}
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var events []slo.Event
	var counts []slo.Count
	for i := 0; i+3 <= len(data); i += 3 {
		at := now.Add(-time.Duration(binary.BigEndian.Uint16(data[i:])) * time.Minute)
		events = append(events, slo.Event{At: at, Good: data[i+2]&1 == 1, Latency: time.Duration(data[i+2]) * 10 * time.Millisecond})
		total := float64(data[i+2])
		counts = append(counts, slo.Count{At: at, Total: total, Good: total * float64(data[i]%4) / 3})
	}
	policy := slo.BudgetPolicy{Name: "p", Thresholds: []slo.PolicyThreshold{
		{RemainingAtMost: 0.5, Actions: []string{"look"}}, {RemainingAtMost: 0, Actions: []string{"stop"}, Freeze: slo.FreezeChanges}}}
	for _, useCounts := range []bool{false, true} {
		var ev *slo.Evaluation
		var err error
		judged := o.Counts(events)
		if useCounts {
			judged = counts
			ev, err = o.CountsEvaluation(counts, now)
		} else {
			ev, err = o.Evaluation(events, now)
		}
		if err != nil {
			continue // an objective too fine for its window: refused, not a format's concern
		}
		if ev.Series, err = o.Series(judged, now); err != nil {
			t.Fatal(err)
		}
		if ev.Policy, err = policy.Apply(&o, judged, ev); err != nil {
			t.Fatal(err)
		}
		checkFormats(t, ev)
	}
}

func checkFormats(t *testing.T, ev *slo.Evaluation) {
	t.Helper()
	if ev.Exhaustion == "" {
		t.Fatal("empty exhaustion")
	}
	var text strings.Builder
	if err := ev.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text.String(), "NaN") {
		t.Fatalf("NaN in the text:\n%s", text.String())
	}
	js, err := json.Marshal(ev)
	if err != nil {
		t.Fatalf("JSON: %v", err)
	}
	if !json.Valid(js) || bytes.Contains(js, []byte("NaN")) {
		t.Fatalf("JSON: %s", js)
	}
	// Read back without the series: decoding thousands of points by
	// reflection would cost the fuzzer most of its time.
	short := *ev
	short.Series = nil
	if js, err = json.Marshal(short); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	var back slo.Evaluation
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatalf("JSON does not read back: %v", err)
	}
	if !sameFloat(back.BurnRate, ev.BurnRate) || !sameFloat(back.Budget.ConsumedFraction, ev.Budget.ConsumedFraction) {
		t.Fatalf("JSON reads back %v, %v for %v, %v", back.BurnRate, back.Budget.ConsumedFraction, ev.BurnRate, ev.Budget.ConsumedFraction)
	}
	var b strings.Builder
	if err := sloreport.WriteCSV(&b, []*slo.Evaluation{ev}); err != nil {
		t.Fatalf("CSV: %v", err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not read back: %v", err)
	}
	for _, r := range rows[1:] {
		if r[6] == "NaN" || r[6] == "" && r[1] != "policy-step" {
			t.Fatalf("CSV row without a value: %q", r)
		}
	}
}

func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
