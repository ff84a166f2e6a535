package slo

import (
	"testing"
	"time"
)

// FuzzParse feeds one input to every text parser of the package: each must
// reject it with an error, or accept it, keep its invariants and read back
// what it prints. One target with a shared corpus serves these small
// grammars better than one target each.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"30d", "1h30m", "8bh", "2 business days", "1営業日", "0", "1bd2h", "99999999999d", "3 日 4 時間",
		"99.9%", "0.999", "99.9", "100%", "1", "0.0000001%", "99.99999999%",
		"30d", "week", "calendar month", "quarter", "1bd", "0s",
		"2025-12-29", "2024-02-29", "2023-02-29", "9999-12-31", "0001-01-01",
		"12-29", "02-29", "02-30", "1-1",
		"12-29..01-03", "08-13..08-16", "05-01", "12-29..", "..01-03",
		"09:00", "9:00", "24:00", "23:59:59", "24:00:01",
		"mon-fri 09:00-12:00", "fri-mon 22:00-06:00", "sat,sun 00:00-00:00", "mon 24:00-01:00",
		"ratio", "time-slice", "attainment", "resolution", "first-response",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDuration(t, s)
		checkTarget(t, s)
		checkWindow(t, s)
		checkDate(t, s)
		checkMonthDay(t, s)
		checkClosure(t, s)
		checkTimeOfDay(t, s)
		checkShift(t, s)
		checkNames(t, s)
	})
}

func checkDuration(t *testing.T, s string) {
	d, err := ParseDuration(s)
	if err != nil {
		if d != (Duration{}) {
			t.Fatalf("%q: error with a non-zero value %#v", s, d)
		}
		return
	}
	back, err := ParseDuration(d.String())
	if err != nil || back != d {
		t.Fatalf("%q -> %q -> %#v, %v", s, d.String(), back, err)
	}
	if d.Std() < 0 || d.Days() < 0 || d.Days() > MaxBusinessDays {
		t.Fatalf("%q: out of range %#v", s, d)
	}
}

func checkTarget(t *testing.T, s string) {
	v, err := ParseTarget(s)
	if err != nil {
		return
	}
	if v.Fraction() <= 0 || v.Fraction() > 1 {
		t.Fatalf("%q: fraction %v", s, v.Fraction())
	}
	back, err := ParseTarget(v.String())
	if err != nil || back != v {
		t.Fatalf("%q -> %q -> %v, %v", s, v.String(), back, err)
	}
}

func checkWindow(t *testing.T, s string) {
	w, err := ParseWindow(s)
	if err != nil {
		return
	}
	if w.IsZero() {
		t.Fatalf("%q: parsed to the zero window", s)
	}
	back, err := ParseWindow(w.String())
	if err != nil || back != w {
		t.Fatalf("%q -> %q -> %v, %v", s, w.String(), back, err)
	}
	p := w.Period(time.Date(2025, 3, 30, 2, 30, 0, 0, time.UTC), time.UTC)
	if !p.End.After(p.Start) {
		t.Fatalf("%q: empty period %v", s, p)
	}
}

func checkDate(t *testing.T, s string) {
	d, err := ParseDate(s)
	if err != nil {
		return
	}
	if !d.Valid() || d.String() != s {
		t.Fatalf("%q -> %v", s, d)
	}
	if d.AddDays(1).AddDays(-1) != d {
		t.Fatalf("%v: AddDays does not invert", d)
	}
}

func checkMonthDay(t *testing.T, s string) {
	md, err := ParseMonthDay(s)
	if err != nil {
		return
	}
	if !md.Valid() || md.String() != s {
		t.Fatalf("%q -> %v", s, md)
	}
}

func checkClosure(t *testing.T, s string) {
	c, err := ParseClosure(s)
	if err != nil {
		return
	}
	back, err := ParseClosure(c.String())
	if err != nil || back != c {
		t.Fatalf("%q -> %q -> %v, %v", s, c.String(), back, err)
	}
	if !c.Contains(c.From.Month, c.From.Day) || !c.Contains(c.To.Month, c.To.Day) {
		t.Fatalf("%v does not contain its own ends", c)
	}
}

func checkTimeOfDay(t *testing.T, s string) {
	v, err := ParseTimeOfDay(s)
	if err != nil {
		return
	}
	if v < 0 || v > EndOfDay {
		t.Fatalf("%q -> %d", s, v)
	}
	back, err := ParseTimeOfDay(v.String())
	if err != nil || back != v {
		t.Fatalf("%q -> %q -> %v, %v", s, v.String(), back, err)
	}
}

func checkShift(t *testing.T, s string) {
	sh, err := ParseShift(s)
	if err != nil {
		return
	}
	back, err := ParseShift(sh.String())
	if err != nil || back.String() != sh.String() {
		t.Fatalf("%q -> %q -> %v, %v", s, sh.String(), back, err)
	}
	if _, err := NewCalendar(CalendarSpec{Hours: []Shift{sh}}); err != nil {
		t.Fatalf("%q: parsed shift rejected by NewCalendar: %v", s, err)
	}
}

func checkNames(t *testing.T, s string) {
	if k, err := ParseKind(s); err == nil && k.String() != s {
		t.Fatalf("kind %q -> %v", s, k)
	}
	if m, err := ParseMeasure(s); err == nil && m.String() != s {
		t.Fatalf("measure %q -> %v", s, m)
	}
}

// FuzzBusinessTime checks the calendar arithmetic on random shifts and
// instants, across the daylight-saving changes of New York: adding the
// business time between two instants to the first lands no later than the
// second, business time never exceeds elapsed time, and adding business
// time either lands where exactly that much has passed or, when ten years
// hold less, returns the zero Time.
func FuzzBusinessTime(f *testing.F) {
	f.Add("mon-fri 09:00-17:00", int64(0), int64(3600*24*3), int64(3600*5))
	f.Add("sat 22:00-06:00", int64(3600*24*4), int64(3600*24*9), int64(3600*7))
	f.Add("mon-sun 01:30-02:30", int64(-3600*24*30), int64(3600*24*300), int64(60))
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, shift string, a, b, add int64) {
		sh, err := ParseShift(shift)
		if err != nil {
			return
		}
		c, err := NewCalendar(CalendarSpec{TimeZone: "America/New_York", Hours: []Shift{sh}, Holidays: []string{"jp"}})
		if err != nil {
			t.Fatal(err)
		}
		const span = 3600 * 24 * 400
		from := base.Add(time.Duration(a%span) * time.Second)
		to := base.Add(time.Duration(b%span) * time.Second)
		bt := c.BusinessTime(from, to)
		if bt < 0 || (to.After(from) && bt > to.Sub(from)) {
			t.Fatalf("business time %v between %v and %v", bt, from, to)
		}
		if bt > 0 {
			end := c.AddBusinessTime(from, bt)
			if end.IsZero() || end.After(to) || c.BusinessTime(from, end) != bt {
				t.Fatalf("%v + %v = %v, beyond %v", from, bt, end, to)
			}
		}
		d := time.Duration(add%(3600*24*30)) * time.Second
		if end := c.AddBusinessTime(from, d); d > 0 {
			// Zero is the documented answer only when ten years do not
			// hold d of open time (one second a week holds ~9 minutes).
			if end.IsZero() {
				if ten := c.BusinessTime(from, from.AddDate(10, 0, 0)); ten >= d {
					t.Fatalf("%v + %v = zero time, but ten years hold %v", from, d, ten)
				}
			} else if got := c.BusinessTime(from, end); got != d {
				t.Fatalf("%v + %v = %v measures %v", from, d, end, got)
			}
		}
		if dl := c.BusinessDayDeadline(from, int(add%5+5)%5); dl.IsZero() || !dl.After(from) || !c.IsOpen(dl.Add(-time.Nanosecond)) {
			t.Fatalf("deadline from %v: %v", from, dl)
		}
	})
}
