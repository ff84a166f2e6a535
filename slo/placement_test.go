package slo

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The reproduction: 100 bad events and one dated 2099. Without
// the far event's exclusion the period moved to 2099 and the one event in
// it made the objective "100% met".
func TestEvaluationIgnoresFarEvent(t *testing.T) {
	start := at("2026-11-01T09:00:00Z")
	var events []Event
	for i := range 100 {
		events = append(events, Event{At: start.Add(time.Duration(i) * time.Minute)})
	}
	events = append(events[:50], append([]Event{{At: at("2099-11-01T09:00:00Z"), Good: true}}, events[50:]...)...)
	o := Objective{Name: "api", Kind: RatioObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("28d")}
	ev, err := o.Evaluation(events, time.Time{})
	require.NoError(t, err)
	assert.Equal(t, []int{50}, ev.Far)
	assert.True(t, ev.NowFromEvents)
	assert.Equal(t, at("2026-11-01T10:39:01Z"), ev.Now, "the second after the latest event that is not far")
	assert.Equal(t, Placement{Inside: 100, Far: 1}, ev.Placement)
	assert.Equal(t, int64(0), ev.Good)
	assert.Equal(t, int64(100), ev.Total)
	assert.False(t, ev.Attained)
	var b strings.Builder
	require.NoError(t, ev.WriteText(&b))
	assert.Contains(t, b.String(), "counted until 2026-11-01T10:39:01Z (the second after the latest event)\n"+
		"events     0 before the period, 100 inside it, 0 at or after the instant counted until; 1 far from the others, not counted\n")
	assert.Contains(t, b.String(), "target 99% MISSED")
}

// With an instant given, the events after it and before the period are
// counted apart, and a far event is still not counted.
func TestEvaluationPlacement(t *testing.T) {
	now := at("2026-11-02T00:00:00Z")
	events := []Event{
		{At: at("2026-10-01T00:00:00Z")}, // before the 7-day period
		{At: at("2026-10-30T00:00:00Z"), Good: true},
		{At: at("2026-11-01T00:00:00Z"), Good: true},
		{At: now, Good: true}, // at now: not yet counted
		{At: at("2026-11-03T00:00:00Z")},
		{At: at("1970-01-01T00:00:00Z"), Good: true}, // a clock at zero
	}
	o := weekAPI()
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	assert.False(t, ev.NowFromEvents)
	assert.Equal(t, []int{5}, ev.Far)
	assert.Equal(t, Placement{Before: 1, Inside: 2, After: 2, Far: 1}, ev.Placement)
	assert.Equal(t, 6, ev.Events)
	assert.Equal(t, int64(2), ev.Good)
	assert.Equal(t, int64(2), ev.Total)
}

func TestFarEvents(t *testing.T) {
	day := 24 * time.Hour
	base := at("2026-11-01T00:00:00Z")
	log := func(offsets ...time.Duration) []Event {
		out := make([]Event, len(offsets))
		for i, o := range offsets {
			out[i] = Event{At: base.Add(o)}
		}
		return out
	}
	tests := []struct {
		name   string
		events []Event
		reach  time.Duration
		want   []int
	}{
		{"too few to judge", log(0, time.Hour, 100*365*day), 28 * day, nil},
		{"one far after", log(0, time.Minute, 2*time.Minute, 3*time.Minute, 73*365*day), 28 * day, []int{4}},
		{"one far before", log(-56*365*day, 0, time.Minute, 2*time.Minute, 3*time.Minute), 28 * day, []int{0}},
		// Within one period of the middle half: never far, however tight the log.
		{"within reach", log(0, time.Minute, 2*time.Minute, 3*time.Minute, 27*day), 28 * day, nil},
		{"just past reach", log(0, time.Minute, 2*time.Minute, 3*time.Minute, 28*day+3*time.Minute+time.Second), 28 * day, []int{4}},
		// A log spread over a year: three interquartile ranges (Q1 90d, Q3
		// 270d) are the fence, up to 810d.
		{"spread log", log(0, 90*day, 180*day, 270*day, 365*day, 765*day), 28 * day, nil},
		{"spread log, typo", log(0, 90*day, 180*day, 270*day, 365*day, 73*365*day), 28 * day, []int{5}},
		{"all at once", log(0, 0, 0, 0, 0), 0, nil},
		{"reach zero", log(0, 0, 0, 0, time.Nanosecond), 0, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FarEvents(tt.events, tt.reach))
		})
	}
}

// Times at the edges of what time.Time holds saturate instead of
// overflowing.
func TestFarEventsExtremes(t *testing.T) {
	events := []Event{
		{At: time.Unix(-1<<62, 0)}, {At: base()}, {At: base()}, {At: base()}, {At: base()}, {At: time.Unix(1<<62, 0)},
	}
	assert.Equal(t, []int{0, 5}, FarEvents(events, 1<<62))
	assert.Nil(t, FarEvents(events[1:5], 1<<63-1))
}

func base() time.Time { return at("2026-11-01T00:00:00Z") }

func TestWindowMaxLength(t *testing.T) {
	assert.Equal(t, 7*24*time.Hour, Weekly().MaxLength())
	assert.Equal(t, 31*24*time.Hour, Monthly().MaxLength())
	assert.Equal(t, 92*24*time.Hour, Quarterly().MaxLength())
	assert.Equal(t, 28*24*time.Hour, MustParseWindow("28d").MaxLength())
	assert.Zero(t, Window{}.MaxLength())
}

// FuzzEvaluationPeriod evaluates logs of events at arbitrary times, each
// byte pair an offset in hours (or, with the high bit set, in years) from
// a base: a far event is never counted and never chooses the instant,
// every event is counted in exactly one place, and the events of the
// middle half of the log are never far.
func FuzzEvaluationPeriod(f *testing.F) {
	f.Add([]byte{0, 1, 0, 2, 0, 3, 0, 4}, int64(0))
	f.Add([]byte{0, 1, 0, 2, 0, 3, 0, 4, 0x80, 73}, int64(0))
	f.Add([]byte{0xff, 0xff, 0, 0, 0, 0, 0, 0, 0x7f, 0xff}, int64(3600))
	f.Add([]byte{0x80, 0, 0x80, 0, 0x80, 0, 0x80, 0}, int64(-1))
	f.Fuzz(func(t *testing.T, data []byte, nowOffset int64) {
		start := base()
		var events []Event
		for i := 0; i+1 < len(data) && len(events) < 1000; i += 2 {
			off := time.Duration(int(data[i]&0x7f)<<8|int(data[i+1])) * time.Hour
			if data[i]&0x80 != 0 { // years, within what Unix nanoseconds hold
				off = time.Duration(int(data[i+1])%200) * 365 * 24 * time.Hour
				if data[i+1]%2 == 1 {
					off = -off
				}
			}
			events = append(events, Event{At: start.Add(off), Good: data[i+1]%3 != 0})
		}
		o := Objective{Name: "api", Kind: RatioObjective, Target: MustParseTarget("99%"), Window: MustParseWindow("28d")}
		var now time.Time
		if nowOffset != 0 {
			now = start.Add(time.Duration(nowOffset%(1<<40)) * time.Second)
		}
		ev, err := o.Evaluation(events, now)
		if err != nil {
			t.Fatal(err)
		}
		pl := ev.Placement
		if pl.Before+pl.Inside+pl.After+pl.Far != len(events) || pl.Far != len(ev.Far) {
			t.Fatalf("placement %+v of %d events, far %v", pl, len(events), ev.Far)
		}
		if int64(pl.Inside) != ev.Total {
			t.Fatalf("%d events inside, %d counted", pl.Inside, ev.Total)
		}
		if ev.NowFromEvents && pl.After != 0 {
			t.Fatalf("the instant chosen from the events leaves %d after it", pl.After)
		}
		far := map[int]bool{}
		for k, i := range ev.Far {
			if k > 0 && ev.Far[k-1] >= i {
				t.Fatalf("far indexes not ascending: %v", ev.Far)
			}
			far[i] = true
		}
		// The far events are not counted, and the instant chosen is the
		// second after the latest of the others.
		var kept []Event
		var last time.Time
		for i, e := range events {
			if !far[i] {
				kept = append(kept, e)
				if e.At.After(last) {
					last = e.At
				}
			}
		}
		if ev.NowFromEvents && len(kept) > 0 && !ev.Now.Equal(last.Truncate(time.Second).Add(time.Second)) {
			t.Fatalf("now %v, the latest event not far %v", ev.Now, last)
		}
		r, err := o.EvaluateEvents(kept, ev.Now)
		if err != nil {
			t.Fatal(err)
		}
		if r.Good != ev.Good || r.Total != ev.Total {
			t.Fatalf("without the far events: good %d of %d; evaluated: good %d of %d", r.Good, r.Total, ev.Good, ev.Total)
		}
		// The events of the middle half are never far.
		if n := len(events); n >= 4 {
			sorted := slices.SortedFunc(slices.Values(events), func(a, b Event) int { return a.At.Compare(b.At) })
			q1, q3 := sorted[(n-1)/4].At, sorted[3*(n-1)/4].At
			for _, i := range ev.Far {
				if !events[i].At.Before(q1) && !events[i].At.After(q3) {
					t.Fatalf("event %d at %v, between the quartiles %v and %v, is far", i, events[i].At, q1, q3)
				}
			}
		}
	})
}
