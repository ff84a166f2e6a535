package roles

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests need real zones whatever the machine has

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// nightHoleRoster has personalised cover from 04:00 to 01:00 every day and
// depersonalised cover around the clock: a three-hour hole at night.
func nightHoleRoster(loc *time.Location) *Roster {
	return &Roster{
		Location: loc,
		Tasks: []Task{
			{Name: "incident-triage", Service: "hosting", Personalisation: Personalised, Bridge: "cara"},
			{Name: "backup-check", Service: "hosting", Personalisation: Depersonalised, Procedure: "runbooks/backup.md"},
		},
		People: []Person{
			{Name: "alice", Roles: []string{RoleRescue}, Tasks: []string{"incident-triage", "backup-check"}, Shifts: Schedule{Week: MustParseWeek("daily 07:00-19:00")}},
			{Name: "bob", Roles: []string{RoleTechLead}, Tasks: []string{"incident-triage"}, Shifts: Schedule{Week: MustParseWeek("daily 19:00-01:00")}},
			{Name: "cara", Roles: []string{RoleCertifiedEngineer}, Tasks: []string{"incident-triage", "backup-check"}, Shifts: Schedule{Week: MustParseWeek("daily 04:00-07:00")}},
			{Name: "dan", Roles: []string{RoleAssociateMember}, Tasks: []string{"backup-check"}, Shifts: Schedule{Week: MustParseWeek("daily 19:00-07:00")}},
		},
	}
}

func TestCoverageNightHoleAcrossDST(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	at := func(mo time.Month, d, hh int) time.Time { return time.Date(2025, mo, d, hh, 0, 0, 0, ny) }
	tests := []struct {
		name     string
		from, to time.Time
		gaps     []Interval
		real     []time.Duration
	}{
		{"spring forward: 23-hour day, 2-hour hole",
			at(time.March, 8, 0), at(time.March, 11, 0),
			[]Interval{{at(time.March, 8, 1), at(time.March, 8, 4)}, {at(time.March, 9, 1), at(time.March, 9, 4)}, {at(time.March, 10, 1), at(time.March, 10, 4)}},
			[]time.Duration{3 * h, 2 * h, 3 * h}},
		{"fall back: 25-hour day, 4-hour hole",
			at(time.November, 1, 0), at(time.November, 4, 0),
			[]Interval{{at(time.November, 1, 1), at(time.November, 1, 4)}, {at(time.November, 2, 1), at(time.November, 2, 4)}, {at(time.November, 3, 1), at(time.November, 3, 4)}},
			[]time.Duration{3 * h, 4 * h, 3 * h}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cov, err := nightHoleRoster(ny).Coverage(tt.from, tt.to, time.Minute)
			require.NoError(t, err)
			require.Len(t, cov.Personalised.Gaps, len(tt.gaps))
			var sum time.Duration
			for i, g := range cov.Personalised.Gaps {
				assert.True(t, tt.gaps[i].Start.Equal(g.Start), "start %d: want %v, got %v", i, tt.gaps[i].Start, g.Start)
				assert.True(t, tt.gaps[i].End.Equal(g.End), "end %d: want %v, got %v", i, tt.gaps[i].End, g.End)
				assert.Equal(t, ny, g.Start.Location(), "reported in the roster's zone")
				assert.Equal(t, 1, g.Start.Hour())
				assert.Equal(t, 4, g.End.Hour())
				assert.Equal(t, tt.real[i], g.Duration())
				assert.Equal(t, []string{"incident-triage"}, g.Tasks)
				sum += g.Duration()
			}
			assert.Equal(t, sum, cov.Personalised.Uncovered)
			assert.Equal(t, tt.to.Sub(tt.from), cov.Personalised.Required)
			assert.Empty(t, cov.Depersonalised.Gaps)
			assert.Equal(t, 1.0, cov.Depersonalised.Ratio())
			assert.Equal(t, 1, cov.Personalised.Tasks)
			require.Len(t, cov.Tasks, 2)
			assert.Equal(t, "incident-triage", cov.Tasks[0].Task)
			assert.Equal(t, 3, cov.Tasks[0].Able)
			assert.Equal(t, sum, cov.Tasks[0].Uncovered)
			assert.Len(t, cov.Tasks[0].Gaps, 3)
			assert.Empty(t, cov.Tasks[1].Gaps)
		})
	}
}

func TestCoverageEuropeDST(t *testing.T) {
	// Europe changes at 02:00 and 03:00 local time; a hole from 01:00 to
	// 04:00 on the last Sunday of March lasts two real hours.
	berlin := mustLoad(t, "Europe/Berlin")
	r := nightHoleRoster(berlin)
	from := time.Date(2025, time.March, 30, 0, 0, 0, 0, berlin)
	cov, err := r.Coverage(from, from.AddDate(0, 0, 1), 0)
	require.NoError(t, err)
	assert.Equal(t, time.Minute, cov.Granularity)
	require.Len(t, cov.Personalised.Gaps, 1)
	g := cov.Personalised.Gaps[0]
	assert.Equal(t, "2025-03-30T01:00:00+01:00/2025-03-30T04:00:00+02:00", g.String())
	assert.Equal(t, 2*h, g.Duration())
	assert.Equal(t, 23*h, cov.Personalised.Required)
}

func TestCoverageZones(t *testing.T) {
	// A person in Tokyo covers the New York roster's night hole; the gap
	// that remains is reported in New York time.
	ny, tokyo := mustLoad(t, "America/New_York"), mustLoad(t, "Asia/Tokyo")
	r := nightHoleRoster(ny)
	r.People = append(r.People, Person{Name: "kenji", Tasks: []string{"incident-triage"},
		Shifts: Schedule{Location: tokyo, Week: MustParseWeek("daily 15:00-17:00")}}) // 02:00-04:00 in New York (EDT)
	from := time.Date(2025, time.June, 2, 0, 0, 0, 0, ny)
	cov, err := r.Coverage(from, from.Add(24*h), time.Minute)
	require.NoError(t, err)
	require.Len(t, cov.Personalised.Gaps, 1)
	assert.Equal(t, "2025-06-02T01:00:00-04:00/2025-06-02T02:00:00-04:00", cov.Personalised.Gaps[0].String())
}

func TestCoverageSchedules(t *testing.T) {
	utc := time.UTC
	mon := time.Date(2025, time.June, 2, 0, 0, 0, 0, utc) // a Monday
	iv := func(d0, h0, m0, d1, h1, m1 int) Interval {
		return Interval{mon.Add(time.Duration(d0)*24*h + time.Duration(h0)*h + time.Duration(m0)*m),
			mon.Add(time.Duration(d1)*24*h + time.Duration(h1)*h + time.Duration(m1)*m)}
	}
	task := []Task{{Name: "watch", Personalisation: Depersonalised, Procedure: "p"}}
	n := 0
	person := func(week string, exc ...string) Person {
		n++
		p := Person{Name: string(rune('a' + n)), Tasks: []string{"watch"}, Shifts: Schedule{Week: MustParseWeek(week)}}
		for _, e := range exc {
			x, err := ParseException(e)
			require.NoError(t, err)
			p.Shifts.Exceptions = append(p.Shifts.Exceptions, x)
		}
		return p
	}
	tests := []struct {
		name   string
		people []Person
		want   []Interval
	}{
		{"nobody", nil, []Interval{iv(0, 0, 0, 7, 0, 0)}},
		{"all week", []Person{person("daily 00:00-24:00")}, nil},
		{"overnight across the week's end", []Person{person("Mon-Sat 00:00-24:00; Sun 00:00-22:00; Sun 22:00-07:00")}, nil},
		{"Sunday night wraps into Monday", []Person{person("Sun 22:00-07:00")},
			[]Interval{iv(0, 7, 0, 6, 22, 0)}},
		{"weekdays with a lunch break", []Person{person("Mon-Fri 09:00-12:00, 13:00-18:00")},
			[]Interval{iv(0, 0, 0, 0, 9, 0), iv(0, 12, 0, 0, 13, 0), iv(0, 18, 0, 1, 9, 0), iv(1, 12, 0, 1, 13, 0), iv(1, 18, 0, 2, 9, 0),
				iv(2, 12, 0, 2, 13, 0), iv(2, 18, 0, 3, 9, 0), iv(3, 12, 0, 3, 13, 0), iv(3, 18, 0, 4, 9, 0), iv(4, 12, 0, 4, 13, 0), iv(4, 18, 0, 7, 0, 0)}},
		{"two people hand over at the minute", []Person{person("daily 00:00-12:00"), person("daily 12:00-24:00")}, nil},
		{"whole-day leave", []Person{person("daily 00:00-24:00", "leave 2025-06-04")}, []Interval{iv(2, 0, 0, 3, 0, 0)}},
		{"leave for some hours over several days", []Person{person("daily 00:00-24:00", "leave 2025-06-03..2025-06-04 10:00-10:30")},
			[]Interval{iv(1, 10, 0, 1, 10, 30), iv(2, 10, 0, 2, 10, 30)}},
		{"overnight leave", []Person{person("daily 00:00-24:00", "leave 2025-06-08 23:00-01:00")},
			[]Interval{iv(6, 23, 0, 7, 0, 0)}},
		{"extra shift fills a hole and wins over leave", []Person{person("Mon-Fri 00:00-24:00", "extra 2025-06-07..2025-06-08 00:00-24:00", "leave 2025-06-02", "extra 2025-06-02 00:00-12:00")},
			[]Interval{iv(0, 12, 0, 1, 0, 0)}},
		{"leave of someone else does not matter", []Person{person("daily 00:00-24:00"), person("daily 00:00-24:00", "leave 2025-06-01..2025-06-30")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Roster{Tasks: task, People: tt.people}
			cov, err := r.Coverage(mon, mon.Add(7*24*h), time.Minute)
			require.NoError(t, err)
			require.Len(t, cov.Tasks, 1)
			assert.Equal(t, tt.want, nilIfEmpty(cov.Tasks[0].Gaps))
			var sum time.Duration
			for _, g := range tt.want {
				sum += g.Duration()
			}
			assert.Equal(t, sum, cov.Depersonalised.Uncovered)
			assert.Equal(t, len(tt.want), len(cov.Depersonalised.Gaps))
			assert.InDelta(t, 1-float64(sum)/float64(7*24*h), cov.Depersonalised.Ratio(), 1e-12)
		})
	}
}

func nilIfEmpty(v []Interval) []Interval {
	if len(v) == 0 {
		return nil
	}
	return v
}

func TestCoverageServiceHours(t *testing.T) {
	jst := mustLoad(t, "Asia/Tokyo")
	mon := time.Date(2025, time.June, 2, 0, 0, 0, 0, jst)
	at := func(d, hh int) time.Time { return mon.Add(time.Duration(d)*24*h + time.Duration(hh)*h) }
	r := &Roster{
		Location: jst,
		Services: []Service{
			{Name: "会員カード", Hours: &Schedule{Week: MustParseWeek("月-金 9:00-18:00"), Exceptions: []Exception{{Kind: Leave, From: Date{2025, 6, 4}, To: Date{2025, 6, 4}}}}},
			{Name: "hosting"},
		},
		Tasks: []Task{
			{Name: "問い合わせ対応", Service: "会員カード", Personalisation: Depersonalised, Procedure: "手順書/問い合わせ.md"},
			{Name: "障害対応", Service: "hosting", Personalisation: Personalised, PersonalReason: "judgement"},
		},
		People: []Person{
			{Name: "佐藤", Tasks: []string{"問い合わせ対応", "障害対応"}, Shifts: Schedule{Week: MustParseWeek("平日 10:00-18:00")}},
		},
	}
	cov, err := r.Coverage(mon, mon.Add(7*24*h), time.Minute)
	require.NoError(t, err)
	// Business hours need cover only from 09:00; Wednesday is a service holiday.
	want := []Interval{{at(0, 9), at(0, 10)}, {at(1, 9), at(1, 10)}, {at(3, 9), at(3, 10)}, {at(4, 9), at(4, 10)}}
	assert.Equal(t, want, cov.Tasks[0].Gaps)
	assert.Equal(t, 4*9*h, cov.Tasks[0].Required)
	assert.Equal(t, 4*h, cov.Depersonalised.Uncovered)
	assert.Equal(t, 4*9*h, cov.Depersonalised.Required)
	assert.Equal(t, []string{"問い合わせ対応"}, cov.Depersonalised.Gaps[0].Tasks)
	// The 24/7 service needs cover all week.
	assert.Equal(t, 7*24*h, cov.Tasks[1].Required)
	assert.Equal(t, 7*24*h-5*8*h, cov.Tasks[1].Uncovered)
	assert.Len(t, cov.Personalised.Gaps, 6)
}

func TestCoverageGranularityAndMergedTasks(t *testing.T) {
	day := time.Date(2025, time.June, 2, 0, 0, 0, 0, time.UTC)
	r := &Roster{
		Tasks: []Task{
			{Name: "a", Personalisation: Personalised, PersonalReason: "r"},
			{Name: "b", Personalisation: Personalised, PersonalReason: "r"},
			{Name: "c"}, // unclassified: reported per task only
		},
		People: []Person{
			{Name: "x", Tasks: []string{"a", "c"}, Shifts: Schedule{Week: MustParseWeek("daily 00:00-01:10; daily 03:00-24:00")}},
			{Name: "y", Tasks: []string{"b"}, Shifts: Schedule{Week: MustParseWeek("daily 00:00-02:00; daily 04:20-24:00")}},
		},
	}
	cov, err := r.Coverage(day, day.Add(24*h), time.Minute)
	require.NoError(t, err)
	require.Len(t, cov.Personalised.Gaps, 1)
	g := cov.Personalised.Gaps[0]
	assert.Equal(t, Interval{day.Add(h + 10*m), day.Add(4*h + 20*m)}, g.Interval)
	assert.Equal(t, []string{"a", "b"}, g.Tasks)
	assert.Equal(t, 2, cov.Personalised.Tasks)
	assert.Equal(t, 0, cov.Depersonalised.Tasks)
	assert.Equal(t, time.Duration(0), cov.Depersonalised.Required)
	assert.Len(t, cov.Tasks[2].Gaps, 1)

	cov, err = r.Coverage(day, day.Add(24*h), time.Hour)
	require.NoError(t, err)
	require.Len(t, cov.Personalised.Gaps, 1)
	assert.Equal(t, Interval{day.Add(h), day.Add(5 * h)}, cov.Personalised.Gaps[0].Interval, "slots touched by a gap count whole")
	assert.Equal(t, []Interval{{day.Add(h), day.Add(3 * h)}}, cov.Tasks[0].Gaps)

	// Slots count from the start of the range, and the last one is cut at its end.
	cov, err = r.Coverage(day.Add(30*m), day.Add(4*h+10*m), time.Hour)
	require.NoError(t, err)
	assert.Equal(t, Interval{day.Add(30 * m), day.Add(4*h + 10*m)}, cov.Personalised.Gaps[0].Interval)
}

func TestCoverageErrors(t *testing.T) {
	day := time.Date(2025, time.June, 2, 0, 0, 0, 0, time.UTC)
	r := nightHoleRoster(time.UTC)
	for _, tt := range []struct {
		name     string
		from, to time.Time
		g        time.Duration
	}{
		{"empty", day, day, time.Minute},
		{"backwards", day, day.Add(-h), time.Minute},
		{"too fine", day, day.Add(h), time.Second},
		{"too coarse", day, day.Add(h), 2 * h},
		{"too long", day, day.AddDate(11, 0, 0), time.Hour},
		{"ancient", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1000, 1, 2, 0, 0, 0, 0, time.UTC), time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Coverage(tt.from, tt.to, tt.g)
			assert.ErrorIs(t, err, ErrRange)
		})
	}
	r.People[0].Shifts.Week = append(r.People[0].Shifts.Week, Span{Days: EveryDay, Start: h, End: h})
	_, err := r.Coverage(day, day.Add(h), time.Minute)
	assert.ErrorIs(t, err, ErrInvalid)
	assert.ErrorContains(t, err, `"alice"`)

	r = nightHoleRoster(time.UTC)
	r.Services = []Service{{Name: "hosting", Hours: &Schedule{Exceptions: []Exception{{Kind: Leave}}}}}
	_, err = r.Coverage(day, day.Add(h), time.Minute)
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestCoverageConcurrentUse(t *testing.T) {
	r := nightHoleRoster(mustLoad(t, "America/New_York"))
	from := time.Date(2025, time.March, 8, 0, 0, 0, 0, r.Location)
	want, err := r.Coverage(from, from.AddDate(0, 0, 3), time.Minute)
	require.NoError(t, err)
	results := make(chan *Coverage, 4)
	for range 4 {
		go func() {
			c, _ := r.Coverage(from, from.AddDate(0, 0, 3), time.Minute)
			r.Check(Limits{})
			results <- c
		}()
	}
	for range 4 {
		assert.Equal(t, want, <-results)
	}
}

func TestCoverageSkippedWallTimes(t *testing.T) {
	// A wall time skipped by a daylight-saving jump stands for the instant
	// of the jump: a shift inside the skipped hour does not happen, and a
	// day whose midnight is skipped starts when the clocks jump. Santiago
	// jumps from 2025-09-07 00:00 (-04) to 01:00 (-03); New York from
	// 2025-03-09 02:00 (-05) to 03:00 (-04).
	santiago, ny := mustLoad(t, "America/Santiago"), mustLoad(t, "America/New_York")
	assert.Equal(t, "2025-09-07T01:00:00-03:00", Date{2025, 9, 7}.In(santiago).Format(time.RFC3339))
	assert.Equal(t, "2025-09-06T00:00:00-04:00", Date{2025, 9, 6}.In(santiago).Format(time.RFC3339))
	assert.Equal(t, "2025-03-09T00:00:00-05:00", Date{2025, 3, 9}.In(ny).Format(time.RFC3339))
	sep5 := time.Date(2025, 9, 5, 0, 0, 0, 0, santiago)
	mar9 := time.Date(2025, 3, 9, 0, 0, 0, 0, ny)
	tests := []struct {
		name     string
		loc      *time.Location
		week     string
		exc      string
		from, to time.Time
		want     []string
	}{
		{"midnight shift on the day midnight is skipped vanishes (the fuzz crasher's window)",
			santiago, "dAilY 0:00-1:00", "", sep5, sep5.Add(48 * h),
			[]string{"2025-09-05T01:00:00-04:00/2025-09-06T00:00:00-04:00", "2025-09-06T01:00:00-04:00/2025-09-07T01:00:00-03:00"}},
		{"a longer window gives the same answer",
			santiago, "daily 00:00-01:00", "", sep5, sep5.Add(72 * h),
			[]string{"2025-09-05T01:00:00-04:00/2025-09-06T00:00:00-04:00", "2025-09-06T01:00:00-04:00/2025-09-08T00:00:00-03:00"}},
		{"a whole-day leave covers the 23 real hours of the day",
			santiago, "daily 00:00-24:00", "leave 2025-09-07", sep5, sep5.Add(72 * h),
			[]string{"2025-09-07T01:00:00-03:00/2025-09-08T00:00:00-03:00"}},
		{"an evening shift ends at the jump",
			santiago, "daily 23:00-24:00", "", sep5.Add(24 * h), sep5.Add(48 * h),
			[]string{"2025-09-06T00:00:00-04:00/2025-09-06T23:00:00-04:00"}},
		{"a shift inside the skipped hour vanishes",
			ny, "Sun 02:00-03:00", "", mar9, mar9.Add(5 * h),
			[]string{"2025-03-09T00:00:00-05:00/2025-03-09T06:00:00-04:00"}},
		{"a shift into the skipped hour ends at the jump",
			ny, "Sun 01:30-02:30", "", mar9, mar9.Add(5 * h),
			[]string{"2025-03-09T00:00:00-05:00/2025-03-09T01:30:00-05:00", "2025-03-09T03:00:00-04:00/2025-03-09T06:00:00-04:00"}},
		{"a shift from the skipped hour starts at the jump",
			ny, "Sun 02:30-04:00", "", mar9, mar9.Add(5 * h),
			[]string{"2025-03-09T00:00:00-05:00/2025-03-09T03:00:00-04:00", "2025-03-09T04:00:00-04:00/2025-03-09T06:00:00-04:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Person{Name: "b", Tasks: []string{"follow"}, Shifts: Schedule{Week: MustParseWeek(tt.week)}}
			if tt.exc != "" {
				e, err := ParseException(tt.exc)
				require.NoError(t, err)
				p.Shifts.Exceptions = []Exception{e}
			}
			r := &Roster{Location: tt.loc, Tasks: []Task{{Name: "follow", Personalisation: Depersonalised, Procedure: "p"}}, People: []Person{p}}
			cov, err := r.Coverage(tt.from, tt.to, time.Minute)
			require.NoError(t, err)
			got := []string{}
			for _, g := range cov.Tasks[0].Gaps {
				got = append(got, g.String())
			}
			assert.Equal(t, tt.want, got)
			checkAgainstReference(t, r, tt.from, tt.to)
		})
	}
}
