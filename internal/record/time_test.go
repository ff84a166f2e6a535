package record

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// checkFast holds the fast path to package time: whatever it reads,
// time.Parse reads as the same instant at the same offset.
func checkFast(t testing.TB, ts *Times, s string) {
	got, ok := ts.fastRFC3339(s)
	if !ok {
		return
	}
	want, err := time.Parse(time.RFC3339, upperTZ(s))
	_, gotOff := got.Zone()
	_, wantOff := want.Zone()
	if err != nil || !got.Equal(want) || gotOff != wantOff {
		t.Fatalf("%q: fast path %v, time.Parse %v (%v)", s, got, want, err)
	}
}

func TestFastRFC3339(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ts := &Times{}
	for range 100_000 {
		s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", rng.IntN(10000), rng.IntN(14), rng.IntN(33), rng.IntN(25), rng.IntN(61), rng.IntN(61))
		switch rng.IntN(3) {
		case 0:
			s += "Z"
		case 1:
			s += fmt.Sprintf("+%02d:%02d", rng.IntN(25), rng.IntN(61))
		default:
			s += fmt.Sprintf("-%02d:%02d", rng.IntN(25), rng.IntN(61))
		}
		checkFast(t, ts, s)
	}
	// The usual timestamp costs no allocation, its zone read once.
	ts.Parse("2026-11-01T09:00:00+09:00")
	assert.Zero(t, testing.AllocsPerRun(10, func() { ts.Parse("2026-11-01T09:00:00+09:00") }))
}

func FuzzTimes(f *testing.F) {
	for _, s := range []string{"2026-11-01T09:00:00+09:00", "2024-02-29t00:00:00z", "2026-11-01 09:00", "1761955200.5", "17/Jul/26 7:40 PM"} {
		f.Add(s)
	}
	tokyo := time.FixedZone("JST", 9*3600)
	f.Fuzz(func(t *testing.T, s string) {
		checkFast(t, &Times{}, s)
		for _, ts := range []*Times{
			{Layouts: []string{"2006-01-02 15:04", "02/Jan/06 3:04 PM", "2006-01-02 15:04 MST"}},
			{Location: tokyo, Layouts: []string{"2006-01-02 15:04", "02/Jan/06 3:04 PM", "2006-01-02 15:04 MST"}},
			{Location: time.UTC, Layouts: []string{time.DateTime}, UnixSeconds: true, MinYear: 1970},
		} {
			got, err := ts.Parse(s)
			switch {
			case err == nil && got.IsZero() && ts.MinYear > 0:
				t.Fatalf("%q: the zero time", s)
			case err == nil && ts.MinYear > 0 && got.Year() < ts.MinYear:
				t.Fatalf("%q: %v is before %d", s, got, ts.MinYear)
			case err == ErrNoZone && ts.Location != nil:
				t.Fatalf("%q: no zone, with a Location", s)
			case err != nil && err != ErrNoZone && err != ErrNotTime:
				t.Fatalf("%q: %v", s, err)
			}
		}
	})
}

func TestTimes(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	at := func(loc *time.Location, h, m int) time.Time { return time.Date(2026, 11, 1, h, m, 0, 0, loc) }
	iso := []string{"2006-01-02 15:04", "02/Jan/06 3:04 PM", "2006-01-02 15:04 MST"}
	tests := []struct {
		name string
		ts   Times
		in   string
		want time.Time
		err  error
	}{
		{"RFC 3339", Times{}, " 2026-11-01T09:00:00+09:00 ", at(tokyo, 9, 0), nil},
		{"RFC 3339, lower case, fraction", Times{}, "2026-11-01t00:00:00.5z", at(time.UTC, 0, 0).Add(time.Second / 2), nil},
		{"not a time", Times{}, "yesterday", time.Time{}, ErrNotTime},
		{"February 29th of a common year", Times{}, "2026-02-29T00:00:00Z", time.Time{}, ErrNotTime},
		{"a layout, no zone", Times{Layouts: iso}, "2026-11-01 09:00", time.Time{}, ErrNoZone},
		{"a layout, in the Location", Times{Location: tokyo, Layouts: iso}, "01/Nov/26 9:00 AM", at(tokyo, 9, 0), nil},
		{"a zone's name, in the Location", Times{Location: tokyo, Layouts: iso}, "2026-11-01 09:00 JST", at(tokyo, 9, 0), nil},
		{"Unix seconds", Times{UnixSeconds: true}, "1793523600", at(tokyo, 18, 0), nil},
		{"Unix seconds not asked for", Times{}, "1793523600", time.Time{}, ErrNotTime},
		{"Unix seconds out of range", Times{UnixSeconds: true}, "1e11", time.Time{}, ErrNotTime},
		{"before MinYear", Times{MinYear: 1970}, "1969-12-31T23:59:59Z", time.Time{}, ErrNotTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.ts.Parse(tt.in)
			assert.Equal(t, tt.err, err)
			assert.True(t, tt.want.Equal(got), "%v, want %v", got, tt.want)
		})
	}
}
