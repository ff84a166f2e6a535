package roles

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	h = time.Hour
	m = time.Minute
)

var (
	monFri  = Days(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
	weekend = Days(time.Saturday, time.Sunday)
)

func TestParseWeek(t *testing.T) {
	tests := []struct {
		in   string
		want Week
		str  string
	}{
		{"", nil, ""},
		{"Mon-Fri 09:00-18:00", Week{{monFri, 9 * h, 18 * h}}, "Mon-Fri 09:00-18:00"},
		{"Sat 22:00-07:00", Week{{Days(time.Saturday), 22 * h, 7 * h}}, "Sat 22:00-07:00"},
		{"mon-fri 9:00-12:00, 13:00-18:30; sat,sun 22:00-24:00",
			Week{{monFri, 9 * h, 12 * h}, {monFri, 13 * h, 18*h + 30*m}, {weekend, 22 * h, 24 * h}},
			"Mon-Fri 09:00-12:00; Mon-Fri 13:00-18:30; Sat,Sun 22:00-24:00"},
		{"Fri-Mon 00:00-24:00", Week{{Days(time.Friday, time.Saturday, time.Sunday, time.Monday), 0, 24 * h}}, "Mon,Fri-Sun 00:00-24:00"},
		{"daily 19:00-01:00", Week{{EveryDay, 19 * h, 1 * h}}, "Mon-Sun 19:00-01:00"},
		{"weekdays 08:00-17:00;", Week{{monFri, 8 * h, 17 * h}}, "Mon-Fri 08:00-17:00"},
		{"月-金 9:00〜18:00", Week{{monFri, 9 * h, 18 * h}}, "Mon-Fri 09:00-18:00"},
		{"土・日曜日\u300022:00～07:00", Week{{weekend, 22 * h, 7 * h}}, "Sat,Sun 22:00-07:00"},
		{"平日 09:00–18:00、19:00-20:00", Week{{monFri, 9 * h, 18 * h}, {monFri, 19 * h, 20 * h}}, "Mon-Fri 09:00-18:00; Mon-Fri 19:00-20:00"},
		{"Mon,Wed,Sun 01:00-02:00", Week{{Days(time.Monday, time.Wednesday, time.Sunday), h, 2 * h}}, "Mon,Wed,Sun 01:00-02:00"},
		// Japanese rosters as people write them.
		{"月〜金 ９：００〜１８：００", Week{{monFri, 9 * h, 18 * h}}, "Mon-Fri 09:00-18:00"},
		{"月-金 9時〜17時30分", Week{{monFri, 9 * h, 17*h + 30*m}}, "Mon-Fri 09:00-17:30"},
		{"月水金 10:00-15:00", Week{{Days(time.Monday, time.Wednesday, time.Friday), 10 * h, 15 * h}}, "Mon,Wed,Fri 10:00-15:00"},
		{"月～金 22:00～翌7:00", Week{{monFri, 22 * h, 7 * h}}, "Mon-Fri 22:00-07:00"},
		{"月-金 9:00〜18:00、土 9:00〜12:00", Week{{monFri, 9 * h, 18 * h}, {Days(time.Saturday), 9 * h, 12 * h}}, "Mon-Fri 09:00-18:00; Sat 09:00-12:00"},
		{"Mon-Fri 09:00-12:00, 13:00-17:00, Sat 10:00-12:00", Week{{monFri, 9 * h, 12 * h}, {monFri, 13 * h, 17 * h}, {Days(time.Saturday), 10 * h, 12 * h}},
			"Mon-Fri 09:00-12:00; Mon-Fri 13:00-17:00; Sat 10:00-12:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeek(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.str, got.String())
			back, err := ParseWeek(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, back)
		})
	}
}

func TestParseWeekErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
	}{
		{"Mon-Fri", 7},
		{"Mon-Fry 09:00-18:00", 4},
		{"Funday 09:00-18:00", 0},
		{"Mon 9-18", 4},
		{"Mon 09:00-18:00; Tue 25:00-26:00", 21},
		{"Mon 09:00-18:60", 10},
		{"Mon 24:00-01:00", 4},
		{"Mon 09:00-09:00", 4},
		{"Mon,,Tue 09:00-10:00", 4},
		{"Mon 09:00-10:00,", 16},
		{"Mon 9:5-10:00", 4},
		{"土日祝 9:00-18:00", 0},   // no holidays in a weekly shift
		{"月-金 9:00-翌10:00", 13}, // 翌 on an end that is not past midnight
		{"月-金 9時半-18時", 8},
		{"月-金 9:00〜18:00、土", 26},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseWeek(tt.in)
			require.ErrorIs(t, err, ErrSyntax)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "week", pe.What)
			assert.Equal(t, tt.in, pe.Input)
			assert.Equal(t, tt.offset, pe.Offset, pe.Error())
		})
	}
}

func TestSpan(t *testing.T) {
	night := Span{Days: EveryDay, Start: 22 * h, End: 7 * h}
	assert.True(t, night.Overnight())
	assert.Equal(t, 9*h, night.Length())
	assert.NoError(t, night.Validate())
	assert.Equal(t, 24*h, Span{Days: 1, Start: 0, End: 24 * h}.Length())
	for _, bad := range []Span{
		{Days: 0, Start: h, End: 2 * h},
		{Days: EveryDay, Start: 24 * h, End: 2 * h},
		{Days: EveryDay, Start: h, End: 25 * h},
		{Days: EveryDay, Start: h + time.Second, End: 2 * h},
		{Days: EveryDay, Start: 3 * h, End: 3 * h},
		{Days: EveryDay, Start: 0, End: 0},
		{Days: 0x80, Start: h, End: 2 * h},
	} {
		assert.ErrorIs(t, bad.Validate(), ErrInvalid, bad.String())
	}
	w := MustParseWeek("Mon-Fri 09:00-18:00; Sat 22:00-07:00")
	assert.Equal(t, 45*h+9*h, w.Hours())
	assert.Equal(t, 5, monFri.Count())
	assert.Panics(t, func() { MustParseWeek("nonsense") })
}

func TestWeekJSON(t *testing.T) {
	var v struct{ W Week }
	require.NoError(t, json.Unmarshal([]byte(`{"W":"Mon-Fri 09:00-18:00"}`), &v))
	assert.Equal(t, Week{{monFri, 9 * h, 18 * h}}, v.W)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"W":"Mon-Fri 09:00-18:00"}`, string(b))
	_, err = Week{{0, h, 2 * h}}.MarshalText()
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestParseDate(t *testing.T) {
	d, err := ParseDate("2024-02-29")
	require.NoError(t, err)
	assert.Equal(t, Date{2024, time.February, 29}, d)
	assert.Equal(t, time.Thursday, d.Weekday())
	assert.Equal(t, Date{2024, time.March, 1}, d.AddDays(1))
	assert.Equal(t, -1, d.Compare(d.AddDays(1)))
	assert.Equal(t, 0, d.Compare(d))
	assert.Equal(t, 1, d.AddDays(400).Compare(d))
	d2, err := ParseDate("2025/08/11")
	require.NoError(t, err)
	assert.Equal(t, "2025-08-11", d2.String())
	for _, bad := range []string{"2025-02-29", "2025-8-11", "2025-08-11x", "0000-01-01", "2025-13-01", "2025/08-11", ""} {
		_, err := ParseDate(bad)
		assert.ErrorIs(t, err, ErrSyntax, bad)
	}
	var v struct{ D Date }
	require.NoError(t, json.Unmarshal([]byte(`{"D":"2025-01-02"}`), &v))
	assert.Equal(t, Date{2025, 1, 2}, v.D)
	_, err = Date{}.MarshalText()
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestParseException(t *testing.T) {
	aug := func(d int) Date { return Date{2025, time.August, d} }
	tests := []struct {
		in   string
		want Exception
		str  string
	}{
		{"leave 2025-08-11..2025-08-15", Exception{Leave, aug(11), aug(15), 0, 0}, "leave 2025-08-11..2025-08-15"},
		{"leave 2025-08-12 13:00-17:00", Exception{Leave, aug(12), aug(12), 13 * h, 17 * h}, "leave 2025-08-12 13:00-17:00"},
		{" Extra 2025-08-16 22:00-07:00 ", Exception{Extra, aug(16), aug(16), 22 * h, 7 * h}, "extra 2025-08-16 22:00-07:00"},
		{"休暇 2025-08-13〜2025-08-15", Exception{Leave, aug(13), aug(15), 0, 0}, "leave 2025-08-13..2025-08-15"},
		{"出勤 2025/08/16 0:00-24:00", Exception{Extra, aug(16), aug(16), 0, 24 * h}, "extra 2025-08-16 00:00-24:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseException(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.str, got.String())
			require.NoError(t, got.Validate())
			back, err := ParseException(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, back)
		})
	}
	for _, bad := range []struct {
		in     string
		offset int
	}{
		{"leave", 0},
		{"holiday 2025-08-11", 0},
		{"leave 2025-08-32", 6},
		{"leave 2025-08-11..2025-08-3", 18},
		{"leave 2025-08-15..2025-08-11", 6},
		{"leave 2025-08-11 13:00", 17},
		{"leave 2025-08-11 13:00-13:00", 17},
	} {
		_, err := ParseException(bad.in)
		var pe *ParseError
		require.ErrorAs(t, err, &pe, bad.in)
		assert.Equal(t, "exception", pe.What)
		assert.Equal(t, bad.offset, pe.Offset, bad.in)
	}
	assert.ErrorIs(t, Exception{Kind: 3, From: aug(1), To: aug(1)}.Validate(), ErrInvalid)
	assert.ErrorIs(t, Exception{Kind: Leave, From: aug(2), To: aug(1)}.Validate(), ErrInvalid)
	assert.ErrorIs(t, Exception{Kind: Leave, From: aug(1), To: aug(1), Start: h, End: h}.Validate(), ErrInvalid)
	assert.ErrorIs(t, Schedule{Exceptions: []Exception{{}}}.Validate(), ErrInvalid)
}

func TestWeekdaysString(t *testing.T) {
	tests := []struct {
		w    Weekdays
		want string
	}{
		{0, ""},
		{EveryDay, "Mon-Sun"},
		{weekend, "Sat,Sun"},
		{Days(time.Sunday, time.Monday, time.Tuesday), "Mon,Tue,Sun"},
		{Days(time.Monday, time.Wednesday, time.Thursday, time.Friday, 9), "Mon,Wed-Fri"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.w.String())
	}
	assert.False(t, EveryDay.Has(7))
	assert.False(t, EveryDay.Has(-1))
}
