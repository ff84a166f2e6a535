package roles

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/internal/longtest"
)

// The reference model below answers "is this person present at instant t?"
// straight from the definitions, with time.Date for every boundary, and
// coverage by testing every minute. It is slow and obviously right; the
// sweep in Coverage must agree with it.
//
// A wall time that a daylight-saving jump skips stands for the first
// instant whose wall time is later, the instant of the jump: a 00:00-01:00
// shift on a day whose first hour is skipped (Santiago, 2025-09-07) does not
// happen at all. time.Date alone gives no such promise; in Santiago it turns
// 2025-09-07 00:00 into 2025-09-06 23:00, a wall time on the previous day.

// refAt returns the instant the wall clock in loc reads off on d, found
// without zone bounds: time.Date's answer when its wall time is the one
// asked for, otherwise the earliest minute near it whose wall time is not
// earlier (wall time only grows within a few hours of a forward jump).
func refAt(loc *time.Location, d Date, off time.Duration) time.Time {
	hh, mm := int(off/time.Hour), int(off%time.Hour/time.Minute)
	t := time.Date(d.Year, d.Month, d.Day, hh, mm, 0, 0, loc)
	want := time.Date(d.Year, d.Month, d.Day, hh, mm, 0, 0, time.UTC)
	wall := func(u time.Time) time.Time {
		u = u.In(loc)
		return time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, time.UTC)
	}
	if wall(t).Equal(want) {
		return t
	}
	lo, hi := -180, 180 // minutes from t; wall(t+lo) < want <= wall(t+hi)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if wall(t.Add(time.Duration(mid) * time.Minute)).Before(want) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return t.Add(time.Duration(hi) * time.Minute)
}

func refInSpan(t time.Time, loc *time.Location, d Date, start, end time.Duration) bool {
	s := refAt(loc, d, start)
	e := refAt(loc, d, end)
	if end <= start {
		e = refAt(loc, d.AddDays(1), end)
	}
	return !t.Before(s) && t.Before(e)
}

func refPresent(s *Schedule, def *time.Location, t time.Time) bool {
	loc := s.Location
	if loc == nil {
		loc = def
	}
	today := DateOf(t.In(loc))
	var weekly, leave, extra bool
	// Tomorrow too, though with skipped wall times resolved forward no
	// shift of tomorrow should start today: the sweep must agree.
	for _, d := range []Date{today.AddDays(1), today, today.AddDays(-1)} {
		for _, sp := range s.Week {
			if sp.Days.Has(d.Weekday()) && refInSpan(t, loc, d, sp.Start, sp.End) {
				weekly = true
			}
		}
		for _, e := range s.Exceptions {
			if d.Compare(e.From) < 0 || d.Compare(e.To) > 0 {
				continue
			}
			var in bool
			if e.WholeDay() {
				in = !t.Before(refAt(loc, d, 0)) && t.Before(refAt(loc, d.AddDays(1), 0))
			} else {
				in = refInSpan(t, loc, d, e.Start, e.End)
			}
			if in && e.Kind == Leave {
				leave = true
			}
			if in && e.Kind == Extra {
				extra = true
			}
		}
	}
	return weekly && !leave || extra
}

// refTaskGaps returns each task's uncovered minutes, merged, as Unix
// nanosecond intervals.
func refTaskGaps(r *Roster, from, to time.Time) map[string][]ival {
	out := map[string][]ival{}
	svc := map[string]*Schedule{}
	for i := range r.Services {
		if _, ok := svc[r.Services[i].Name]; !ok {
			svc[r.Services[i].Name] = r.Services[i].Hours
		}
	}
	for t := from; t.Before(to); t = t.Add(time.Minute) {
		for _, task := range r.Tasks {
			if hours := svc[task.Service]; hours != nil && !refPresent(hours, r.loc(), t) {
				continue
			}
			covered := false
			for i := range r.People {
				p := &r.People[i]
				for _, name := range p.Tasks {
					if name == task.Name && refPresent(&p.Shifts, r.loc(), t) {
						covered = true
					}
				}
			}
			if !covered {
				out[task.Name] = appendJoined(out[task.Name], ival{t.UnixNano(), t.Add(time.Minute).UnixNano()})
			}
		}
	}
	return out
}

// checkAgainstReference compares Coverage with the reference, task by task
// and for the two classes.
func checkAgainstReference(t *testing.T, r *Roster, from, to time.Time) {
	t.Helper()
	cov, err := r.Coverage(from, to, time.Minute)
	require.NoError(t, err)
	ref := refTaskGaps(r, from, to)
	var class [3][]ival
	for _, tc := range cov.Tasks {
		var got []ival
		for _, g := range tc.Gaps {
			got = append(got, ival{g.Start.UnixNano(), g.End.UnixNano()})
		}
		require.Equal(t, fmtIvals(ref[tc.Task]), fmtIvals(got), "task %s", tc.Task)
		class[tc.Personalisation] = append(class[tc.Personalisation], ref[tc.Task]...)
	}
	for p, cc := range map[Personalisation]ClassCoverage{Personalised: cov.Personalised, Depersonalised: cov.Depersonalised} {
		var got []ival
		for _, g := range cc.Gaps {
			got = append(got, ival{g.Start.UnixNano(), g.End.UnixNano()})
		}
		require.Equal(t, fmtIvals(merge(class[p])), fmtIvals(got), "class %s", p)
	}
}

func fmtIvals(v []ival) []string {
	out := []string{}
	for _, iv := range v {
		out = append(out, fmt.Sprintf("%s/%s", time.Unix(0, iv.s).UTC().Format(time.RFC3339), time.Unix(0, iv.e).UTC().Format(time.RFC3339)))
	}
	return out
}

// refRoster builds a small roster from compact forms: a and b can do the
// personalised task, only b the depersonalised one, whose service keeps
// the hours in svc ("" for always).
func refRoster(loc *time.Location, a, b, svc string, exc string) (*Roster, error) {
	wa, err := ParseWeek(a)
	if err != nil {
		return nil, err
	}
	wb, err := ParseWeek(b)
	if err != nil {
		return nil, err
	}
	r := &Roster{
		Location: loc,
		Tasks: []Task{
			{Name: "judge", Service: "core", Personalisation: Personalised},
			{Name: "follow", Service: "desk", Personalisation: Depersonalised},
		},
		People: []Person{
			{Name: "a", Tasks: []string{"judge"}, Shifts: Schedule{Week: wa}},
			{Name: "b", Tasks: []string{"judge", "follow"}, Shifts: Schedule{Week: wb}},
		},
	}
	if exc != "" {
		e, err := ParseException(exc)
		if err != nil {
			return nil, err
		}
		r.People[1].Shifts.Exceptions = []Exception{e}
	}
	if svc != "" {
		ws, err := ParseWeek(svc)
		if err != nil {
			return nil, err
		}
		r.Services = []Service{{Name: "desk", Hours: &Schedule{Week: ws}}}
	}
	return r, nil
}

func TestCoverageMatchesReference(t *testing.T) {
	tests := []struct {
		zone, a, b, svc, exc string
		from                 time.Time // wall clock, read in zone
	}{
		{"America/New_York", "daily 07:00-19:00", "daily 19:00-01:00; daily 04:00-07:00", "", "", time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC)},
		{"America/New_York", "Sat 22:00-07:00; Sun 01:30-02:30", "Mon-Fri 09:00-18:00", "Mon-Fri 10:00-17:00", "extra 2025-11-02 01:00-03:00", time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)},
		{"Europe/Berlin", "daily 02:00-03:00, 22:00-02:30", "Sun 00:00-24:00", "Sat,Sun 01:00-04:00", "leave 2025-03-30 02:15-02:45", time.Date(2025, 3, 29, 0, 0, 0, 0, time.UTC)},
		{"Australia/Lord_Howe", "daily 01:00-03:00", "daily 23:00-02:00", "", "leave 2025-04-06", time.Date(2025, 4, 5, 0, 0, 0, 0, time.UTC)},
		{"America/Santiago", "daily 23:00-01:00", "daily 00:00-00:30, 12:00-24:00", "", "", time.Date(2025, 9, 6, 0, 0, 0, 0, time.UTC)},
		{"Asia/Tokyo", "Fri-Mon 18:00-09:00", "月-金 9:00-18:00", "平日 9:00-18:00", "休暇 2025-06-03..2025-06-04 12:00-13:00", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.a, func(t *testing.T) {
			loc := mustLoad(t, tt.zone)
			r, err := refRoster(loc, tt.a, tt.b, tt.svc, tt.exc)
			require.NoError(t, err)
			from := time.Date(tt.from.Year(), tt.from.Month(), tt.from.Day(), 0, 0, 0, 0, loc)
			checkAgainstReference(t, r, from, from.Add(72*time.Hour))
		})
	}
}

func TestCoverageMatchesReferenceBenchRoster(t *testing.T) {
	longtest.Skip(t) // the minute-by-minute model takes about 20 s under -race
	r := benchRoster(t, 24)
	// Across the spring change, and across the autumn change with person-9's
	// extra night shift on 2025-10-30.
	from := time.Date(2025, 3, 7, 0, 0, 0, 0, r.Location)
	checkAgainstReference(t, r, from, from.Add(4*24*time.Hour))
	from = time.Date(2025, 10, 29, 12, 0, 0, 0, r.Location)
	checkAgainstReference(t, r, from, from.Add(5*24*time.Hour))
	r.People[9].Shifts.Exceptions[0] = Exception{Kind: Leave, From: Date{2025, 10, 31}, To: Date{2025, 11, 2}, Start: 20 * time.Hour, End: 2 * time.Hour}
	checkAgainstReference(t, r, from, from.Add(5*24*time.Hour))
}
