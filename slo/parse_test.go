package slo

import (
	"encoding"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in    string
		kind  DurationKind
		std   time.Duration
		days  int
		canon string
	}{
		{"30d", KindElapsed, 30 * 24 * time.Hour, 0, "30d"},
		{"4h", KindElapsed, 4 * time.Hour, 0, "4h"},
		{"90m", KindElapsed, 90 * time.Minute, 0, "1h30m"},
		{"1h30m", KindElapsed, 90 * time.Minute, 0, "1h30m"},
		{"1d 12h", KindElapsed, 36 * time.Hour, 0, "1d12h"},
		{"2w", KindElapsed, 14 * 24 * time.Hour, 0, "14d"},
		{"90 Minutes", KindElapsed, 90 * time.Minute, 0, "1h30m"},
		{"45s", KindElapsed, 45 * time.Second, 0, "45s"},
		{"0", KindElapsed, 0, 0, "0s"},
		{"0s", KindElapsed, 0, 0, "0s"},
		{"3日", KindElapsed, 72 * time.Hour, 0, "3d"},
		{"2時間30分", KindElapsed, 150 * time.Minute, 0, "2h30m"},
		{"8bh", KindBusinessHours, 8 * time.Hour, 0, "8bh"},
		{"1bh30bm", KindBusinessHours, 90 * time.Minute, 0, "1bh30bm"},
		{"90 business minutes", KindBusinessHours, 90 * time.Minute, 0, "1bh30bm"},
		{"4 business hours", KindBusinessHours, 4 * time.Hour, 0, "4bh"},
		{"8営業時間", KindBusinessHours, 8 * time.Hour, 0, "8bh"},
		{"0bh", KindBusinessHours, 0, 0, "0bh"},
		{"1bd", KindBusinessDays, 0, 1, "1bd"},
		{"2 business days", KindBusinessDays, 0, 2, "2bd"},
		{"1 Business Day", KindBusinessDays, 0, 1, "1bd"},
		{"1営業日", KindBusinessDays, 0, 1, "1bd"},
		{"0bd", KindBusinessDays, 0, 0, "0bd"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDuration(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.kind, d.Kind())
			assert.Equal(t, tt.std, d.Std())
			assert.Equal(t, tt.days, d.Days())
			assert.Equal(t, tt.canon, d.String())
			back, err := ParseDuration(d.String())
			require.NoError(t, err)
			assert.Equal(t, d, back)
		})
	}
	bad := []struct{ in, msg string }{
		{"", "empty"}, {"   ", "empty"}, {"3", "missing unit"}, {"3x", "unknown unit"}, {"h", "whole number"},
		{"1.5h", "unknown unit"}, {"-1h", "whole number"}, {"1bd2h", "cannot mix"}, {"1h1bh", "cannot mix"},
		{"99999999999999999999d", "too large"}, {"300000d", "too long"}, {"3000bd", "too many"},
	}
	for _, tt := range bad {
		t.Run("bad "+tt.in, func(t *testing.T) {
			_, err := ParseDuration(tt.in)
			require.ErrorIs(t, err, ErrInvalidDuration)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, "duration", pe.What)
			assert.Contains(t, pe.Msg, tt.msg)
		})
	}
	assert.Panics(t, func() { MustParseDuration("x") })
	assert.Equal(t, "1h", Elapsed(time.Hour+time.Millisecond).String())
	assert.Equal(t, "0s", Elapsed(-time.Hour).String())
	assert.Equal(t, "2bh", BusinessHours(2*time.Hour).String())
	assert.Equal(t, "0bd", BusinessDays(-3).String())
	assert.Equal(t, MaxBusinessDays, BusinessDays(1<<40).Days())
	assert.Equal(t, "business-days", KindBusinessDays.String())
	assert.Equal(t, "DurationKind(7)", DurationKind(7).String())
	assert.True(t, Duration{}.IsZero())
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, start.Add(4*time.Hour), MustParseDuration("4h").Deadline(nil, start))
}

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in    string
		frac  float64
		canon string
	}{
		{"99.9%", 0.999, "99.9%"},
		{"0.999", 0.999, "99.9%"},
		{" 95 % ", 0.95, "95%"},
		{"100%", 1, "100%"},
		{"1", 1, "100%"},
		{"1.0", 1, "100%"},
		{"99.99999%", 0.9999999, "99.99999%"},
		{"0.999999999", 0.999999999, "99.9999999%"},
		{"0.999%", 0.00999, "0.999%"},
		{"99.90000000000%", 0.999, "99.9%"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := ParseTarget(tt.in)
			require.NoError(t, err)
			assert.InDelta(t, tt.frac, v.Fraction(), 1e-15)
			assert.Equal(t, tt.canon, v.String())
			back, err := ParseTarget(v.String())
			require.NoError(t, err)
			assert.Equal(t, v, back)
		})
	}
	assert.Equal(t, 0.001, MustParseTarget("99.9%").Budget())
	assert.Equal(t, MustParseTarget("99.9%"), MustParseTarget("0.999"))

	for _, in := range []string{"99.9", "95", "100", "1.5"} {
		_, err := ParseTarget(in)
		assert.ErrorIs(t, err, ErrTargetScale, in)
		assert.NotErrorIs(t, err, ErrInvalidTarget, in)
	}
	for _, in := range []string{"", "%", "0", "0%", "101%", "100.1%", "1000", "abc", "99.9.9%", ".5", "5.", "-0.5", "0.0000000001", "99.123456789%"} {
		_, err := ParseTarget(in)
		assert.ErrorIs(t, err, ErrInvalidTarget, in)
	}
	assert.Panics(t, func() { MustParseTarget("99.9") })
	assert.True(t, Target{}.IsZero())
	assert.Equal(t, "0%", Target{}.String())
}

func TestParseWindowAndPeriods(t *testing.T) {
	tests := []struct {
		in    string
		kind  WindowKind
		canon string
	}{
		{"30d", WindowRolling, "30d"},
		{"28 days", WindowRolling, "28d"},
		{"1h", WindowRolling, "1h"},
		{"week", WindowWeek, "week"},
		{"Calendar Month", WindowMonth, "month"},
		{"quarter", WindowQuarter, "quarter"},
	}
	for _, tt := range tests {
		w, err := ParseWindow(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.kind, w.Kind())
		assert.Equal(t, tt.canon, w.String())
		back, err := ParseWindow(w.String())
		require.NoError(t, err)
		assert.Equal(t, w, back)
	}
	for _, in := range []string{"", "0d", "1bd", "8bh", "fortnight", "year"} {
		_, err := ParseWindow(in)
		assert.ErrorIs(t, err, ErrInvalidWindow, in)
	}
	assert.Panics(t, func() { MustParseWindow("x") })
	assert.Equal(t, "unset", Window{}.String())
	assert.True(t, Rolling(-time.Hour).IsZero())

	ny := mustLoc(t, "America/New_York")
	tokyo := mustLoc(t, "Asia/Tokyo")
	at := func(loc *time.Location, s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		require.NoError(t, err)
		return tm
	}
	periods := []struct {
		w          Window
		loc        *time.Location
		t          string
		start, end string
		length     time.Duration
	}{
		{Weekly(), tokyo, "2025-03-16 23:59", "2025-03-10 00:00", "2025-03-17 00:00", 7 * 24 * time.Hour},
		{Weekly(), tokyo, "2025-03-17 00:00", "2025-03-17 00:00", "2025-03-24 00:00", 7 * 24 * time.Hour},
		{Weekly(), ny, "2025-03-09 12:00", "2025-03-03 00:00", "2025-03-10 00:00", 7*24*time.Hour - time.Hour},
		{Monthly(), ny, "2025-03-31 23:00", "2025-03-01 00:00", "2025-04-01 00:00", 31*24*time.Hour - time.Hour},
		{Monthly(), ny, "2025-11-15 00:00", "2025-11-01 00:00", "2025-12-01 00:00", 30*24*time.Hour + time.Hour},
		{Monthly(), tokyo, "2024-02-10 00:00", "2024-02-01 00:00", "2024-03-01 00:00", 29 * 24 * time.Hour},
		{Quarterly(), tokyo, "2025-05-10 00:00", "2025-04-01 00:00", "2025-07-01 00:00", 91 * 24 * time.Hour},
		{Quarterly(), tokyo, "2025-12-31 23:59", "2025-10-01 00:00", "2026-01-01 00:00", 92 * 24 * time.Hour},
		{Rolling(30 * 24 * time.Hour), tokyo, "2025-03-31 00:00", "2025-03-01 00:00", "2025-03-31 00:00", 30 * 24 * time.Hour},
	}
	for _, tt := range periods {
		p := tt.w.Period(at(tt.loc, tt.t), tt.loc)
		assert.True(t, at(tt.loc, tt.start).Equal(p.Start), "%v at %s: start %v", tt.w, tt.t, p.Start)
		assert.True(t, at(tt.loc, tt.end).Equal(p.End), "%v at %s: end %v", tt.w, tt.t, p.End)
		assert.Equal(t, tt.length, p.Duration())
	}
	p := Monthly().Period(time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC), nil)
	assert.Equal(t, "2025-03-01T00:00:00Z/2025-04-01T00:00:00Z", p.String())
	assert.True(t, p.Contains(p.Start))
	assert.False(t, p.Contains(p.End))
}

func TestParseCivil(t *testing.T) {
	d, err := ParseDate("2024-02-29")
	require.NoError(t, err)
	assert.Equal(t, Date{2024, time.February, 29}, d)
	assert.Equal(t, time.Thursday, d.Weekday())
	assert.Equal(t, Date{2024, time.March, 1}, d.AddDays(1))
	assert.Equal(t, Date{2023, time.December, 31}, Date{2024, time.January, 1}.AddDays(-1))
	for _, in := range []string{"2023-02-29", "2024-13-01", "0000-01-01", "2024-1-01", "20240101", "2024-01-0x"} {
		_, err := ParseDate(in)
		assert.ErrorIs(t, err, ErrInvalidDate, in)
	}
	assert.Panics(t, func() { MustParseDate("x") })

	md, err := ParseMonthDay("02-29")
	require.NoError(t, err)
	assert.Equal(t, "02-29", md.String())
	for _, in := range []string{"02-30", "13-01", "1-1", "00-10"} {
		_, err := ParseMonthDay(in)
		assert.ErrorIs(t, err, ErrInvalidDate, in)
	}

	c, err := ParseClosure("12-29..01-03")
	require.NoError(t, err)
	assert.Equal(t, "12-29..01-03", c.String())
	for _, tt := range []struct {
		m    time.Month
		d    int
		want bool
	}{{12, 28, false}, {12, 29, true}, {12, 31, true}, {1, 1, true}, {1, 3, true}, {1, 4, false}, {6, 1, false}} {
		assert.Equal(t, tt.want, c.Contains(tt.m, tt.d), "%v-%v", tt.m, tt.d)
	}
	c, err = ParseClosure("08-13..08-16")
	require.NoError(t, err)
	assert.True(t, c.Contains(8, 14))
	assert.False(t, c.Contains(12, 30))
	c, err = ParseClosure("05-01")
	require.NoError(t, err)
	assert.Equal(t, "05-01", c.String())
	for _, in := range []string{"", "12-29..", "..01-03", "12-29..13-01", "12-29-01-03"} {
		_, err := ParseClosure(in)
		assert.ErrorIs(t, err, ErrInvalidDate, in)
	}

	tod, err := ParseTimeOfDay("9:05")
	require.NoError(t, err)
	assert.Equal(t, TimeOfDay(9*3600+5*60), tod)
	assert.Equal(t, "09:05", tod.String())
	tod, err = ParseTimeOfDay("23:59:30")
	require.NoError(t, err)
	assert.Equal(t, "23:59:30", tod.String())
	assert.Equal(t, "24:00", EndOfDay.String())
	for _, in := range []string{"24:01", "12:60", "12", "123:00", "12:0", "aa:bb", "12:00:60"} {
		_, err := ParseTimeOfDay(in)
		assert.ErrorIs(t, err, ErrInvalidDate, in)
	}
	assert.Equal(t, "invalid", TimeOfDay(-1).String())

	sh, err := ParseShift("MON-FRI 09:00-12:00")
	require.NoError(t, err)
	assert.Equal(t, []time.Weekday{1, 2, 3, 4, 5}, sh.Days)
	assert.Equal(t, "mon-fri 09:00-12:00", sh.String())
	for _, tt := range []struct{ in, canon string }{
		{"fri-mon 22:00-06:00", "mon,fri-sun 22:00-06:00"},
		{"sat,mon,wed 10:00-24:00", "mon,wed,sat 10:00-24:00"},
		{"sun 00:00-24:00", "sun 00:00-24:00"},
	} {
		sh, err := ParseShift(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.canon, sh.String())
		back, err := ParseShift(sh.String())
		require.NoError(t, err)
		assert.Equal(t, sh, back)
	}
	for _, in := range []string{"", "mon", "mon 09:00", "xyz 09:00-10:00", "mon 24:00-01:00", "mon 09:00-25:00", "mon-fry 09:00-10:00", "sun 00:00-00:00", "mon-fri 09:00-09:00"} {
		_, err := ParseShift(in)
		assert.ErrorIs(t, err, ErrInvalidShift, in)
	}
	_, err = ParseShift("mon-fri 09:00-09:00")
	assert.ErrorContains(t, err, "start equals end: write 00:00-24:00 for a whole day", "could mean nothing or a whole day")
	assert.Equal(t, "none 09:00-10:00", Shift{Start: 9 * 3600, End: 10 * 3600}.String())
}

func TestEnums(t *testing.T) {
	for _, k := range []Kind{RatioObjective, TimeSliceObjective, AttainmentObjective} {
		back, err := ParseKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, back)
	}
	for _, m := range []Measure{FirstResponse, FirstResponseCompletion, Resolution} {
		back, err := ParseMeasure(m.String())
		require.NoError(t, err)
		assert.Equal(t, m, back)
	}
	_, err := ParseKind("availability")
	assert.ErrorIs(t, err, ErrInvalidName)
	_, err = ParseMeasure("fix")
	assert.ErrorIs(t, err, ErrInvalidName)
	assert.Equal(t, "Kind(9)", Kind(9).String())
	assert.Equal(t, "Measure(9)", Measure(9).String())
}

// TestTextRoundTrip checks every text type through encoding.TextMarshaler
// and TextUnmarshaler, as YAML and JSON decoders use them.
func TestTextRoundTrip(t *testing.T) {
	values := []struct {
		in  encoding.TextMarshaler
		out encoding.TextUnmarshaler
	}{
		{MustParseDuration("1bh30bm"), new(Duration)},
		{MustParseTarget("99.95%"), new(Target)},
		{Monthly(), new(Window)},
		{MustParseDate("2025-12-29"), new(Date)},
		{MonthDay{12, 29}, new(MonthDay)},
		{Closure{MonthDay{12, 29}, MonthDay{1, 3}}, new(Closure)},
		{TimeOfDay(9 * 3600), new(TimeOfDay)},
		{MustParseShift("mon-fri 09:00-17:00"), new(Shift)},
		{AttainmentObjective, new(Kind)},
		{Resolution, new(Measure)},
	}
	for _, v := range values {
		b, err := v.in.MarshalText()
		require.NoError(t, err)
		require.NoError(t, v.out.UnmarshalText(b), string(b))
		again, err := v.out.(encoding.TextMarshaler).MarshalText()
		require.NoError(t, err)
		assert.Equal(t, string(b), string(again))
		assert.Error(t, v.out.UnmarshalText([]byte("\x00nonsense")), "%T", v.out)
	}
	var pe *ParseError
	err := new(Target).UnmarshalText([]byte("99.9"))
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, `slo: parse target "99.9": at 0: a fraction must lie in (0, 1]; write "99.9%" for a percentage`, pe.Error())
}
