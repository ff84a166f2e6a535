package schedule_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/internal/schedule"
)

func ExampleParse() {
	after := time.Date(2026, time.November, 22, 12, 0, 0, 0, time.UTC)
	for _, text := range []string{"daily 03:00", "monthly, first Monday", "weekly Mon,Thu 09:00", "0 */6 * * *"} {
		s, err := schedule.Parse(text)
		if err != nil {
			fmt.Println(err)
			continue
		}
		next, _ := s.Next(after)
		fmt.Printf("%-22s next %s\n", s, next.Format("Mon 2 Jan 15:04"))
	}
	// Output:
	// daily 03:00            next Mon 23 Nov 03:00
	// monthly, first Monday  next Mon 7 Dec 00:00
	// weekly Mon,Thu 09:00   next Mon 23 Nov 09:00
	// 0 */6 * * *            next Sun 22 Nov 18:00
}

func ExampleError() {
	_, err := schedule.Parse("daily 25:00")
	var se *schedule.Error
	if errors.As(err, &se) {
		fmt.Printf("at byte %d: %s\n", se.Offset, se.Reason)
	}
	// Output:
	// at byte 6: unexpected "25:00"; a time of day is HH:MM, from 00:00 to 23:59
}
