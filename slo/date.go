package slo

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date with no time of day and no time zone, such as a
// holiday or a company closure day. The zero Date is not valid.
type Date struct {
	Year  int        // 1 to 9999
	Month time.Month // January to December
	Day   int        // 1 to the length of the month
}

// DateOf returns the date on which t falls in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "YYYY-MM-DD" (years 1 to 9999).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, parseErr(ErrInvalidDate, "date", s, 0, "want YYYY-MM-DD")
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, parseErr(ErrInvalidDate, "date", s, 0, "want YYYY-MM-DD")
	}
	date := Date{y, time.Month(m), d}
	if !date.Valid() {
		return Date{}, parseErr(ErrInvalidDate, "date", s, 5, "no such day")
	}
	return date, nil
}

// MustParseDate is ParseDate for constants known to be valid; it panics on
// a malformed input.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Valid reports whether d names a real day in years 1 to 9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// String returns "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date { return dateFromNum(d.num() + int64(n)) }

// In returns the instant at which d starts (local midnight) in loc. On a
// day that starts inside a daylight-saving gap this is the first instant
// that exists.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// num numbers days from 1970-01-01, so dates can be keys and be stepped.
func (d Date) num() int64 {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func dateFromNum(n int64) Date {
	y, m, d := time.Unix(n*86400, 0).UTC().Date()
	return Date{y, m, d}
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// digits parses a short run of ASCII digits; ok is false for anything else.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// MonthDay is a day of the year without a year, such as 12-29, used for
// closures that repeat every year.
type MonthDay struct {
	Month time.Month // January to December
	Day   int        // 1 to the longest length of the month (02-29 allowed)
}

// ParseMonthDay parses "MM-DD". February 29 is accepted; in a year without
// it, it matches nothing.
func ParseMonthDay(s string) (MonthDay, error) {
	if len(s) != 5 || s[2] != '-' {
		return MonthDay{}, parseErr(ErrInvalidDate, "month-day", s, 0, "want MM-DD")
	}
	m, ok1 := digits(s[0:2])
	d, ok2 := digits(s[3:5])
	md := MonthDay{time.Month(m), d}
	if !ok1 || !ok2 || !md.Valid() {
		return MonthDay{}, parseErr(ErrInvalidDate, "month-day", s, 0, "no such day of the year")
	}
	return md, nil
}

// Valid reports whether md names a day that exists in some year.
func (md MonthDay) Valid() bool {
	return md.Month >= time.January && md.Month <= time.December && md.Day >= 1 && md.Day <= daysIn(2000, md.Month)
}

// String returns "MM-DD".
func (md MonthDay) String() string { return fmt.Sprintf("%02d-%02d", int(md.Month), md.Day) }

// MarshalText implements encoding.TextMarshaler.
func (md MonthDay) MarshalText() ([]byte, error) { return []byte(md.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (md *MonthDay) UnmarshalText(b []byte) error {
	v, err := ParseMonthDay(string(b))
	if err != nil {
		return err
	}
	*md = v
	return nil
}

func (md MonthDay) key() int { return int(md.Month)*100 + md.Day }

// Closure is a range of days, From through To inclusive, on which the
// organisation is closed every year, such as the year-end break 12-29..01-03.
// A range whose To comes before its From wraps over the new year.
type Closure struct {
	From, To MonthDay // first and last closed day, both included
}

// ParseClosure parses "MM-DD..MM-DD" or a single "MM-DD".
func ParseClosure(s string) (Closure, error) {
	from, to, found := strings.Cut(s, "..")
	f, err := ParseMonthDay(from)
	if err != nil {
		return Closure{}, parseErr(ErrInvalidDate, "closure", s, 0, "want MM-DD..MM-DD")
	}
	if !found {
		return Closure{f, f}, nil
	}
	t, err := ParseMonthDay(to)
	if err != nil {
		return Closure{}, parseErr(ErrInvalidDate, "closure", s, len(from)+2, "want MM-DD..MM-DD")
	}
	return Closure{f, t}, nil
}

// String returns "MM-DD..MM-DD", or "MM-DD" for a single day.
func (c Closure) String() string {
	if c.From == c.To {
		return c.From.String()
	}
	return c.From.String() + ".." + c.To.String()
}

// MarshalText implements encoding.TextMarshaler.
func (c Closure) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Closure) UnmarshalText(b []byte) error {
	v, err := ParseClosure(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Contains reports whether the closure covers the given day of the year.
func (c Closure) Contains(m time.Month, day int) bool {
	k, f, t := int(m)*100+day, c.From.key(), c.To.key()
	if f <= t {
		return f <= k && k <= t
	}
	return k >= f || k <= t
}

// TimeOfDay is a wall-clock time as seconds after local midnight, from
// 00:00 to 24:00 inclusive (24:00 only makes sense as the end of a shift).
type TimeOfDay int32

// EndOfDay is the end of the day, 24:00.
const EndOfDay TimeOfDay = 24 * 3600

// ParseTimeOfDay parses "H:MM", "HH:MM" or "HH:MM:SS", up to "24:00".
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) > 2 || len(parts[1]) != 2 || (len(parts) == 3 && len(parts[2]) != 2) {
		return 0, parseErr(ErrInvalidDate, "time of day", s, 0, "want HH:MM or HH:MM:SS")
	}
	h, ok1 := digits(parts[0])
	m, ok2 := digits(parts[1])
	sec, ok3 := 0, true
	if len(parts) == 3 {
		sec, ok3 = digits(parts[2])
	}
	if !ok1 || !ok2 || !ok3 || m > 59 || sec > 59 || h > 24 || (h == 24 && (m != 0 || sec != 0)) {
		return 0, parseErr(ErrInvalidDate, "time of day", s, 0, "out of range 00:00..24:00")
	}
	return TimeOfDay(h*3600 + m*60 + sec), nil
}

// String returns "HH:MM", or "HH:MM:SS" when seconds are set.
func (t TimeOfDay) String() string {
	if t < 0 || t > EndOfDay {
		return "invalid"
	}
	h, m, s := int(t)/3600, int(t)/60%60, int(t)%60
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// MarshalText implements encoding.TextMarshaler.
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Shift is one working interval repeated on some days of the week, such as
// "mon-fri 09:00-12:00". A shift belongs to the day it starts on: when End
// is not after Start it runs past midnight into the next day ("22:00-06:00";
// a Shift built with End equal to Start is a full 24 hours, although
// ParseShift refuses that text for 00:00-24:00), and closing a day (a
// holiday) removes the shifts that start on it, not the tail of the
// previous night's shift.
type Shift struct {
	Days  []time.Weekday // the days the shift starts on
	Start TimeOfDay      // local time it starts, before 24:00
	End   TimeOfDay      // local time it ends; not after Start means the next day
}

var weekdayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseShift parses "DAYS HH:MM-HH:MM". DAYS is a comma-separated list of
// three-letter weekdays (mon..sun) or ranges of them ("mon-fri", "fri-mon"
// wraps over the weekend). A shift that ends before it starts runs past
// midnight; one that ends when it starts ("09:00-09:00") is refused, since
// it could mean no time or a whole day: a whole day is 00:00-24:00.
func ParseShift(s string) (Shift, error) {
	dayPart, hours, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return Shift{}, parseErr(ErrInvalidShift, "shift", s, 0, `want "mon-fri 09:00-17:00"`)
	}
	hours = strings.TrimSpace(hours)
	var set [7]bool
	off := 0
	for _, item := range strings.Split(strings.ToLower(dayPart), ",") {
		a, b, isRange := strings.Cut(item, "-")
		from, ok1 := weekdayIndex(a)
		to, ok2 := from, true
		if isRange {
			to, ok2 = weekdayIndex(b)
		}
		if !ok1 || !ok2 {
			return Shift{}, parseErr(ErrInvalidShift, "shift", s, off, "unknown weekday in "+strconv.Quote(item))
		}
		for d := from; ; d = (d + 1) % 7 {
			set[d] = true
			if d == to {
				break
			}
		}
		off += len(item) + 1
	}
	startS, endS, ok := strings.Cut(hours, "-")
	if !ok {
		return Shift{}, parseErr(ErrInvalidShift, "shift", s, len(dayPart)+1, "want HH:MM-HH:MM")
	}
	start, err1 := ParseTimeOfDay(startS)
	end, err2 := ParseTimeOfDay(endS)
	if err1 != nil || err2 != nil || start == EndOfDay {
		return Shift{}, parseErr(ErrInvalidShift, "shift", s, len(dayPart)+1, "bad time of day in "+strconv.Quote(hours))
	}
	if start == end {
		// Either nothing or a whole day: say which.
		return Shift{}, parseErr(ErrInvalidShift, "shift", s, len(dayPart)+1, "start equals end: write 00:00-24:00 for a whole day")
	}
	sh := Shift{Start: start, End: end}
	for _, d := range mondayFirst {
		if set[d] {
			sh.Days = append(sh.Days, d)
		}
	}
	return sh, nil
}

// MustParseShift is ParseShift for constants; it panics on a malformed input.
func MustParseShift(s string) Shift {
	sh, err := ParseShift(s)
	if err != nil {
		panic(err)
	}
	return sh
}

var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func weekdayIndex(s string) (time.Weekday, bool) {
	for i, n := range weekdayNames {
		if s == n {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// String returns the shift in the form ParseShift reads, with the days in
// Monday-first order and consecutive days written as ranges.
func (sh Shift) String() string {
	var set [7]bool
	for _, d := range sh.Days {
		if d >= time.Sunday && d <= time.Saturday {
			set[d] = true
		}
	}
	var items []string
	for i := 0; i < 7; {
		if !set[mondayFirst[i]] {
			i++
			continue
		}
		j := i
		for j+1 < 7 && set[mondayFirst[j+1]] {
			j++
		}
		switch {
		case j == i:
			items = append(items, weekdayNames[mondayFirst[i]])
		default:
			items = append(items, weekdayNames[mondayFirst[i]]+"-"+weekdayNames[mondayFirst[j]])
		}
		i = j + 1
	}
	days := strings.Join(items, ",")
	if days == "" {
		days = "none"
	}
	return days + " " + sh.Start.String() + "-" + sh.End.String()
}

// MarshalText implements encoding.TextMarshaler.
func (sh Shift) MarshalText() ([]byte, error) { return []byte(sh.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (sh *Shift) UnmarshalText(b []byte) error {
	v, err := ParseShift(string(b))
	if err != nil {
		return err
	}
	*sh = v
	return nil
}

// length is the shift's length in wall-clock seconds.
func (sh Shift) length() int32 {
	if sh.End > sh.Start {
		return int32(sh.End - sh.Start)
	}
	return int32(EndOfDay - sh.Start + sh.End)
}
