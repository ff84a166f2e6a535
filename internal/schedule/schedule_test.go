package schedule_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/internal/schedule"
)

// base is Sunday 1 November 2026, 10:30 UTC.
var base = time.Date(2026, time.November, 1, 10, 30, 0, 0, time.UTC)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04 Mon", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNext(t *testing.T) {
	tests := []struct {
		text  string
		after time.Time
		want  []string // the next occurrences, in order
		timed bool
	}{
		{"daily 03:00", base, []string{"2026-11-02 03:00 Mon", "2026-11-03 03:00 Tue"}, true},
		{"Daily at 03:00", base, []string{"2026-11-02 03:00 Mon"}, true},
		{"daily 09:00, 18:30", base, []string{"2026-11-01 18:30 Sun", "2026-11-02 09:00 Mon", "2026-11-02 18:30 Mon"}, true},
		{"daily", base, []string{"2026-11-02 00:00 Mon"}, false},
		{"nightly 02:30", base, []string{"2026-11-02 02:30 Mon"}, true},
		{"  daily 10:31  ", base, []string{"2026-11-01 10:31 Sun", "2026-11-02 10:31 Mon"}, true},
		{"daily 10:30", base, []string{"2026-11-02 10:30 Mon"}, true}, // strictly after
		{"hourly", base, []string{"2026-11-01 11:00 Sun", "2026-11-01 12:00 Sun"}, true},
		{"hourly at :45", base, []string{"2026-11-01 10:45 Sun", "2026-11-01 11:45 Sun"}, true},
		{"weekdays 08:00", base, []string{"2026-11-02 08:00 Mon", "2026-11-03 08:00 Tue"}, true},
		{"weekends 22:00", at("2026-11-06 12:00 Fri"), []string{"2026-11-07 22:00 Sat", "2026-11-08 22:00 Sun", "2026-11-14 22:00 Sat"}, true},
		{"weekly Mon 09:00", base, []string{"2026-11-02 09:00 Mon", "2026-11-09 09:00 Mon"}, true},
		{"weekly Mon,Thu 09:00", base, []string{"2026-11-02 09:00 Mon", "2026-11-05 09:00 Thu", "2026-11-09 09:00 Mon"}, true},
		{"weekly tuesdays", base, []string{"2026-11-03 00:00 Tue"}, false},
		{"weekly fri-mon 07:00", at("2026-11-03 00:00 Tue"), []string{"2026-11-06 07:00 Fri", "2026-11-07 07:00 Sat", "2026-11-08 07:00 Sun", "2026-11-09 07:00 Mon", "2026-11-13 07:00 Fri"}, true},
		{"monthly 1 09:00", base, []string{"2026-12-01 09:00 Tue", "2027-01-01 09:00 Fri"}, true},
		{"monthly 1st, 15th", base, []string{"2026-11-15 00:00 Sun", "2026-12-01 00:00 Tue"}, false},
		{"monthly 31", base, []string{"2026-12-31 00:00 Thu", "2027-01-31 00:00 Sun", "2027-03-31 00:00 Wed"}, false},
		{"monthly last 23:00", base, []string{"2026-11-30 23:00 Mon", "2026-12-31 23:00 Thu", "2027-01-31 23:00 Sun", "2027-02-28 23:00 Sun"}, true},
		{"monthly first Monday", base, []string{"2026-11-02 00:00 Mon", "2026-12-07 00:00 Mon", "2027-01-04 00:00 Mon"}, false},
		{"monthly, first Monday", at("2026-11-02 00:00 Mon"), []string{"2026-12-07 00:00 Mon"}, false},
		{"monthly 2nd tue at 10:00", base, []string{"2026-11-10 10:00 Tue", "2026-12-08 10:00 Tue"}, true},
		{"monthly last Friday 17:00", base, []string{"2026-11-27 17:00 Fri", "2026-12-25 17:00 Fri"}, true},
		{"monthly", base, []string{"2026-12-01 00:00 Tue", "2027-01-01 00:00 Fri"}, false},
		{"monthly at 09:00", base, []string{"2026-12-01 09:00 Tue"}, true},
		{"quarterly", base, []string{"2027-01-01 00:00 Fri", "2027-04-01 00:00 Thu"}, false},
		{"quarterly 10:00", base, []string{"2027-01-01 10:00 Fri"}, true},
		{"yearly April", base, []string{"2027-04-01 00:00 Thu"}, false},
		{"quarterly first Monday 10:00", base, []string{"2027-01-04 10:00 Mon", "2027-04-05 10:00 Mon", "2027-07-05 10:00 Mon"}, true},
		{"yearly April 1 09:00", base, []string{"2027-04-01 09:00 Thu", "2028-04-01 09:00 Sat"}, true},
		{"yearly feb 29", base, []string{"2028-02-29 00:00 Tue", "2032-02-29 00:00 Sun"}, false},
		{"0 3 * * *", base, []string{"2026-11-02 03:00 Mon"}, true},
		{"*/20 9-10 * * mon-fri", at("2026-11-02 10:30 Mon"), []string{"2026-11-02 10:40 Mon", "2026-11-03 09:00 Tue", "2026-11-03 09:20 Tue"}, true},
		{"0 0 1 JAN,jul *", base, []string{"2027-01-01 00:00 Fri", "2027-07-01 00:00 Thu"}, true},
		{"0 12 13 * 5", base, []string{"2026-11-06 12:00 Fri", "2026-11-13 12:00 Fri", "2026-11-20 12:00 Fri"}, true}, // day 13 or any Friday
		{"30 6 ? * 7", base, []string{"2026-11-08 06:30 Sun"}, true},
		{"15/30 * * * *", base, []string{"2026-11-01 10:45 Sun", "2026-11-01 11:15 Sun"}, true},
		{"0 0 29 2 *", base, []string{"2028-02-29 00:00 Tue"}, true},
		{"@weekly", base, []string{"2026-11-08 00:00 Sun"}, true},
		{"@Daily", base, []string{"2026-11-02 00:00 Mon"}, true},
		{"daily\u300003:00", base, []string{"2026-11-02 03:00 Mon"}, true}, // ideographic space
		{"weekly 月 09:00", base, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			s, err := schedule.Parse(tt.text)
			if tt.want == nil {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.timed, s.Timed())
			next := tt.after
			for _, w := range tt.want {
				var ok bool
				next, ok = s.Next(next)
				require.True(t, ok)
				assert.Equal(t, w, next.Format("2006-01-02 15:04 Mon"))
				assert.True(t, s.Matches(next), "Matches(%v)", next)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		text   string
		offset int
		reason string
	}{
		{"", 0, "empty"},
		{"   ", 0, "empty"},
		{"every full moon", 0, `"every" is not a schedule`},
		{"daily 25:00", 6, `unexpected "25:00"; a time of day is HH:MM`},
		{"daily 3pm", 6, `unexpected "3pm"`},
		{"daily at", 8, `"at" needs a time of day`},
		{"weekly 09:00", 7, "weekly needs a day of the week"},
		{"weekly", 6, "weekly needs a day of the week"},
		{"monthly first", 8, `"first" is not a day of the month`},
		{"monthly 32", 8, `"32" is not a day of the month`},
		{"yearly 1", 7, "yearly needs a month"},
		{"yearly february 30", 0, "never falls due"},
		{"hourly 15", 7, "is not a minute past the hour"},
		{"daily 03:00 JST", 12, `unexpected "jst"`},
		{"0 3 * *", 0, "five cron fields"},
		{"0 3 * * * *", 0, "five cron fields"},
		{"60 3 * * *", 0, `minute field "60": "60" is not a minute (0 to 59)`},
		{"0 3 0 * *", 4, `day of month field "0"`},
		{"0 3 * 13 *", 6, `month field "13"`},
		{"0 9-5 * * *", 2, "the range runs backwards"},
		{"*/0 * * * *", 0, "the step must be a number from 1 to 59"},
		{"0,,5 * * * *", 2, `minute field "": empty`},
		{"0 0 1,x * *", 6, `day of month field "x"`},
		{"0 0 30 2 *", 0, "never falls due"},
		{"0 0 31 4,6,9,11 *", 0, "never falls due"},
		{"@reboot", 0, "unknown macro"},
		{"daily \xff", 0, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			_, err := schedule.Parse(tt.text)
			require.Error(t, err)
			assert.True(t, errors.Is(err, schedule.ErrSyntax))
			var se *schedule.Error
			require.True(t, errors.As(err, &se))
			assert.Equal(t, tt.text, se.Text)
			assert.Equal(t, tt.offset, se.Offset)
			assert.Contains(t, se.Reason, tt.reason)
			assert.Contains(t, err.Error(), tt.reason)
		})
	}
	_, err := schedule.Parse(string(make([]byte, schedule.MaxLen+1)))
	assert.ErrorIs(t, err, schedule.ErrSyntax)
}

func TestZeroScheduleNeverDue(t *testing.T) {
	var s schedule.Schedule
	_, ok := s.Next(base)
	assert.False(t, ok)
	assert.False(t, s.Matches(base))
	assert.Equal(t, "", s.String())
}

func TestStringAndLocation(t *testing.T) {
	s, err := schedule.Parse("  monthly, first Monday ")
	require.NoError(t, err)
	assert.Equal(t, "monthly, first Monday", s.String())

	tokyo := time.FixedZone("JST", 9*3600)
	s, err = schedule.Parse("daily 03:00")
	require.NoError(t, err)
	next, ok := s.Next(base.In(tokyo)) // 19:30 in Tokyo
	require.True(t, ok)
	assert.Equal(t, "2026-11-02 03:00 JST", next.Format("2006-01-02 15:04 MST"))
}

// Next never returns a time at or before its argument, and the minutes in
// between are not due.
func TestNextSkipsNothing(t *testing.T) {
	for _, text := range []string{"*/7 * * * *", "weekly Wed 13:13", "0 0 13 * 5", "monthly last Sunday 23:59"} {
		s, err := schedule.Parse(text)
		require.NoError(t, err)
		from := base
		for range 5 {
			next, ok := s.Next(from)
			require.True(t, ok)
			require.True(t, next.After(from))
			if next.Sub(from) < 24*time.Hour {
				for m := from.Add(time.Minute); m.Before(next); m = m.Add(time.Minute) {
					require.False(t, s.Matches(m), "%s matches %v before Next %v", text, m, next)
				}
			}
			from = next
		}
	}
}
