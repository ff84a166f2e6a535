package schedule_test

import (
	"errors"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/internal/schedule"
)

// FuzzParse checks that Parse never panics, fails only with a
// positioned *Error, and that whatever it accepts falls due within the
// search window, at a minute Matches agrees with, strictly after the start.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"daily 03:00", "monthly, first Monday", "weekly Mon,Thu 09:00", "weekly fri-mon", "monthly last 23:00",
		"quarterly 2nd tue", "yearly feb 29", "hourly at :15", "weekends", "0 3 * * *", "*/15 9-17 * * 1-5",
		"0 0 13 * fri", "0 0 30 2 *", "@monthly", "daily 25:00", "毎日 03:00", "daily\u3000 03:00、18:00", "", "\xff",
	} {
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		s, err := schedule.Parse(text)
		if err != nil {
			var se *schedule.Error
			if !errors.As(err, &se) || !errors.Is(err, schedule.ErrSyntax) {
				t.Fatalf("Parse(%q) error %v is not a *schedule.Error", text, err)
			}
			if se.Offset < 0 || se.Offset > len(text) {
				t.Fatalf("Parse(%q) offset %d out of range", text, se.Offset)
			}
			return
		}
		// Keep the start within years Go formats plainly.
		start := time.Unix(unix%(200*365*24*3600), 0).UTC()
		next, ok := s.Next(start)
		if !ok {
			t.Fatalf("Parse(%q) accepted a schedule that never falls due after %v", text, start)
		}
		if !next.After(start) || !s.Matches(next) {
			t.Fatalf("Parse(%q): Next(%v) = %v, which is not after it or not due", text, start, next)
		}
	})
}
