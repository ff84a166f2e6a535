package schedule_test

import (
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/internal/schedule"
)

// BenchmarkParse reads typical schedules. Its baseline, in the same run, is
// time.Parse of a date and time: compare Parse/schedule with Parse/time.Parse.
func BenchmarkParse(b *testing.B) {
	texts := []string{"daily 03:00", "monthly, first Monday", "weekly Mon,Thu 09:00", "*/15 9-17 * * 1-5"}
	b.Run("time.Parse", func(b *testing.B) {
		for b.Loop() {
			for range texts {
				if _, err := time.Parse(time.DateTime, "2026-11-22 03:00:00"); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("schedule", func(b *testing.B) {
		for b.Loop() {
			for _, s := range texts {
				if _, err := schedule.Parse(s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkNext finds the next due time of a sparse schedule (the 29th of
// February) and of a dense one.
func BenchmarkNext(b *testing.B) {
	from := time.Date(2026, time.November, 22, 12, 0, 0, 0, time.UTC)
	for _, text := range []string{"*/15 9-17 * * 1-5", "0 0 29 2 *"} {
		s, err := schedule.Parse(text)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(text, func(b *testing.B) {
			for b.Loop() {
				if _, ok := s.Next(from); !ok {
					b.Fatal("never due")
				}
			}
		})
	}
}
