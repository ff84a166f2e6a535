package roles

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// checkParseErr asserts the shape every parse error must have.
func checkParseErr(t *testing.T, what, in string, err error) {
	t.Helper()
	var pe *ParseError
	require.True(t, errors.As(err, &pe), "%v is not a *ParseError", err)
	require.ErrorIs(t, err, ErrSyntax)
	require.Equal(t, what, pe.What)
	require.Equal(t, in, pe.Input)
	require.GreaterOrEqual(t, pe.Offset, 0)
	require.LessOrEqual(t, pe.Offset, len(in))
}

// FuzzParse feeds one input to every text parser of the package: each must
// reject it with a *ParseError, or accept it, validate and read back what it
// prints. One target with a shared corpus serves these grammars better than
// one target each.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Mon-Fri 09:00-18:00", "Sat 22:00-07:00", "daily 00:00-24:00; 月-金 9:00〜18:00、19:00-20:00",
		"Fri-Mon 1:00-2:00", "土・日曜日\u300022:00～07:00", "Mon,,Tue 09:00-10:00", ";;", "Mon 09:00-09:00",
		"leave 2025-08-11..2025-08-15", "leave 2025-08-12 13:00-17:00", "extra 2025-08-16 22:00-07:00",
		"休暇 2025-08-13〜2025-08-15", "on 2025/02/28 0:00-24:00", "leave 2025-08-11 13:00",
		"2024-02-29", "2025/08/11", "9999-12-31", "0001-01-01", "2025-02-29",
		"certified", "3", " Associate", "tier",
		"logic", "abstraction, concretization", "none", "", "logic,,",
		"personalised", "非属人", "operations", "改善", "x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkWeek(t, s)
		checkException(t, s)
		checkDate(t, s)
		checkTier(t, s)
		checkAbilities(t, s)
		checkKinds(t, s)
	})
}

func checkWeek(t *testing.T, s string) {
	w, err := ParseWeek(s)
	if err != nil {
		checkParseErr(t, "week", s, err)
		return
	}
	require.NoError(t, w.Validate())
	back, err := ParseWeek(w.String())
	require.NoError(t, err)
	require.Equal(t, w, back)
	if len(w) > 0 {
		b, err := w.MarshalText()
		require.NoError(t, err)
		require.Equal(t, w.String(), string(b))
	}
}

func checkException(t *testing.T, s string) {
	e, err := ParseException(s)
	if err != nil {
		checkParseErr(t, "exception", s, err)
		return
	}
	require.NoError(t, e.Validate())
	back, err := ParseException(e.String())
	require.NoError(t, err)
	require.Equal(t, e, back)
}

func checkDate(t *testing.T, s string) {
	d, err := ParseDate(s)
	if err != nil {
		checkParseErr(t, "date", s, err)
		return
	}
	require.True(t, d.IsValid())
	back, err := ParseDate(d.String())
	require.NoError(t, err)
	require.Equal(t, d, back)
	require.Equal(t, d, DateOf(d.In(time.UTC)))
}

func checkTier(t *testing.T, s string) {
	v, err := ParseTier(s)
	if err != nil {
		checkParseErr(t, "tier", s, err)
		return
	}
	require.True(t, v.IsValid())
	back, err := ParseTier(v.String())
	require.NoError(t, err)
	require.Equal(t, v, back)
}

func checkAbilities(t *testing.T, s string) {
	a, err := ParseAbilities(s)
	if err != nil {
		checkParseErr(t, "abilities", s, err)
		return
	}
	require.Zero(t, a&^AllAbilities)
	back, err := ParseAbilities(a.String())
	require.NoError(t, err)
	require.Equal(t, a, back)
}

func checkKinds(t *testing.T, s string) {
	if p, err := ParsePersonalisation(s); err != nil {
		checkParseErr(t, "personalisation", s, err)
	} else {
		back, err := ParsePersonalisation(p.String())
		require.NoError(t, err)
		require.Equal(t, p, back)
	}
	if k, err := ParseWorkKind(s); err != nil {
		checkParseErr(t, "work kind", s, err)
	} else {
		back, err := ParseWorkKind(k.String())
		require.NoError(t, err)
		require.Equal(t, k, back)
	}
}

// fuzzZones have daylight-saving changes of every awkward kind: at 02:00,
// at midnight (Santiago), by half an hour (Lord Howe), none (Tokyo).
var fuzzZones = []string{"America/New_York", "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Tokyo", "UTC"}

// FuzzCoverage checks the sweep against the minute-by-minute reference on
// two-day windows around the year's clock changes.
func FuzzCoverage(f *testing.F) {
	f.Add("daily 07:00-19:00", "daily 19:00-01:00; daily 04:00-07:00", "", "", uint8(0), uint16(66))
	f.Add("Sat 22:00-07:00", "Sun 01:30-02:30", "Sun 01:00-04:00", "extra 2025-11-02 01:00-03:00", uint8(0), uint16(304))
	f.Add("daily 23:00-01:00", "daily 00:00-00:30, 12:00-24:00", "", "leave 2025-09-07", uint8(2), uint16(248))
	f.Add("daily 01:00-03:00", "daily 23:00-02:00", "daily 01:30-02:30", "", uint8(3), uint16(94))
	f.Fuzz(func(t *testing.T, a, b, svc, exc string, zone uint8, day uint16) {
		loc := mustLoad(t, fuzzZones[int(zone)%len(fuzzZones)])
		r, err := refRoster(loc, a, b, svc, exc)
		if err != nil {
			return
		}
		from := time.Date(2025, 1, 1, 0, 0, 0, 0, loc).AddDate(0, 0, int(day%365))
		checkAgainstReference(t, r, from, from.Add(48*time.Hour))
	})
}
