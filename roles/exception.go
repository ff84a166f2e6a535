package roles

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Date is a civil date, read in whatever time zone the schedule that holds
// it uses. The zero Date is not valid.
type Date struct {
	Year  int        // 1 to 9999
	Month time.Month // January is 1
	Day   int        // day of the month, from 1
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses YYYY-MM-DD (or YYYY/MM/DD) for years 1 to 9999.
func ParseDate(s string) (Date, error) {
	d, ok := parseDate(s)
	if !ok {
		return Date{}, syntaxErr("date", s, 0, "want YYYY-MM-DD")
	}
	return d, nil
}

func parseDate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != s[7] || s[4] != '-' && s[4] != '/' || !digits(s[:4]) || !digits(s[5:7]) || !digits(s[8:]) {
		return Date{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	dd, _ := strconv.Atoi(s[8:])
	d := Date{y, time.Month(m), dd}
	return d, d.IsValid()
}

// IsValid reports whether the date exists (February 30 does not).
func (d Date) IsValid() bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	return DateOf(d.utc()) == d
}

func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// days counts days since 1970-01-01, for arithmetic.
func (d Date) days() int64 { return d.utc().Unix() / 86400 }

// AddDays returns the date n days later (earlier when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month - e.Month))
	}
	return sign(d.Day - e.Day)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// In returns local midnight of the date in loc (or the first instant of the
// day when midnight does not exist there).
func (d Date) In(loc *time.Location) time.Time { return d.at(0, loc) }

// at returns the instant at which the wall clock in loc reads off (0 to
// 24h) on date d. A wall time that a daylight-saving jump skips resolves to
// the instant of the jump, the first instant whose wall time is later, so a
// shift inside the skipped hour vanishes and a day whose midnight is skipped
// starts when the clocks jump. time.Date alone will not do: for a skipped
// time it may pick the offset after the jump and so land before the gap, on
// the previous day where the zone is behind UTC (in Santiago, 2025-09-07
// 00:00 would be 2025-09-06 23:00).
func (d Date) at(off time.Duration, loc *time.Location) time.Time {
	h, m := int(off/time.Hour), int(off%time.Hour/time.Minute)
	sec, ns := int(off%time.Minute/time.Second), int(off%time.Second)
	t := time.Date(d.Year, d.Month, d.Day, h, m, sec, ns, loc)
	want := time.Date(d.Year, d.Month, d.Day, h, m, sec, ns, time.UTC)
	y, mo, dd := t.Date()
	hh, mm, ss := t.Clock()
	got := time.Date(y, mo, dd, hh, mm, ss, t.Nanosecond(), time.UTC)
	start, end := t.ZoneBounds()
	switch {
	case got.Before(want) && !end.IsZero(): // landed before the gap: its end is the jump
		return end
	case got.After(want) && !start.IsZero(): // landed after the gap: its zone began at the jump
		return start
	}
	return t
}

// String returns YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("roles: date %s: %w", d, ErrInvalid)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ExceptionKind says whether a dated exception takes time away or adds it.
type ExceptionKind uint8

// The kinds of exception.
const (
	// Leave removes presence: holidays, sick days, training.
	Leave ExceptionKind = iota + 1
	// Extra adds a shift outside the weekly pattern.
	Extra
)

// String returns "leave" or "extra".
func (k ExceptionKind) String() string {
	switch k {
	case Leave:
		return "leave"
	case Extra:
		return "extra"
	}
	return "exception-kind(" + strconv.Itoa(int(k)) + ")"
}

var exceptionWords = map[string]ExceptionKind{
	"leave": Leave, "off": Leave, "休暇": Leave, "休み": Leave,
	"extra": Extra, "on": Extra, "追加": Extra, "出勤": Extra,
}

// Exception changes a schedule on the dates From to To inclusive. With
// Start and End both zero it covers each whole day; otherwise it covers
// Start to End on each date, overnight when End is not after Start, as a
// Span does. Presence is (weekly shifts − leave) ∪ extra shifts: an extra
// shift wins over leave on the same hours.
type Exception struct {
	Kind       ExceptionKind // leave or extra
	From, To   Date          // the first and last date, inclusive
	Start, End time.Duration // wall-clock times on each date; both 0 for whole days
}

// WholeDay reports whether the exception covers whole days.
func (e Exception) WholeDay() bool { return e.Start == 0 && e.End == 0 }

// Validate reports why the exception is unusable.
func (e Exception) Validate() error {
	switch {
	case e.Kind != Leave && e.Kind != Extra:
		return fmt.Errorf("roles: exception kind %d: %w", int(e.Kind), ErrInvalid)
	case !e.From.IsValid() || !e.To.IsValid():
		return fmt.Errorf("roles: exception dates %s..%s: %w", e.From, e.To, ErrInvalid)
	case e.To.Compare(e.From) < 0:
		return fmt.Errorf("roles: exception ends %s before it starts %s: %w", e.To, e.From, ErrInvalid)
	case e.WholeDay():
		return nil
	}
	if err := (Span{Days: EveryDay, Start: e.Start, End: e.End}).Validate(); err != nil {
		return fmt.Errorf("roles: exception %s: %w", e, err)
	}
	return nil
}

// String writes the compact form read by ParseException.
func (e Exception) String() string {
	s := e.Kind.String() + " " + e.From.String()
	if e.To != e.From {
		s += ".." + e.To.String()
	}
	if !e.WholeDay() {
		s += " " + formatClock(e.Start) + "-" + formatClock(e.End)
	}
	return s
}

// ParseException parses the compact form of a dated exception:
//
//	leave 2025-08-11..2025-08-15
//	leave 2025-08-12 13:00-17:00
//	extra 2025-08-16 22:00-07:00
//	休暇 2025-08-13〜2025-08-15
//
// The kind is leave (also off, 休暇, 休み) or extra (also on, 追加, 出勤); a
// date range uses "..", "〜" or "～"; the optional time range is as in
// ParseWeek.
func ParseException(s string) (Exception, error) {
	const what = "exception"
	t, lead := trimSpace(s)
	i := strings.IndexFunc(t, unicode.IsSpace)
	if i < 0 {
		return Exception{}, syntaxErr(what, s, lead, "want a kind and a date, such as \"leave 2025-08-12\"")
	}
	kind, ok := exceptionWords[strings.ToLower(t[:i])]
	if !ok {
		return Exception{}, syntaxErr(what, s, lead, "unknown kind (want leave or extra)")
	}
	rest, lead2 := trimSpace(t[i:])
	pos := lead + i + lead2
	dates, times := rest, ""
	if j := strings.IndexFunc(rest, unicode.IsSpace); j >= 0 {
		dates, times = rest[:j], rest[j:]
	}
	e := Exception{Kind: kind}
	a, b := dates, dates
	for _, sep := range []string{"..", "〜", "～"} {
		if k := strings.Index(dates, sep); k >= 0 {
			a, b = dates[:k], dates[k+len(sep):]
			break
		}
	}
	if e.From, ok = parseDate(a); !ok {
		return Exception{}, syntaxErr(what, s, pos, "bad date "+strconv.Quote(a)+" (want YYYY-MM-DD)")
	}
	if e.To, ok = parseDate(b); !ok {
		return Exception{}, syntaxErr(what, s, pos+len(dates)-len(b), "bad date "+strconv.Quote(b)+" (want YYYY-MM-DD)")
	}
	if e.To.Compare(e.From) < 0 {
		return Exception{}, syntaxErr(what, s, pos, "the range ends before it starts")
	}
	if tt, lead3 := trimSpace(times); tt != "" {
		tpos := pos + len(dates) + lead3
		start, end, err := parseClockRange(s, tpos, tt)
		if err != nil {
			err.(*ParseError).What = what
			return Exception{}, err
		}
		if start == end {
			return Exception{}, syntaxErr(what, s, tpos, "start equals end (leave the times out for a whole day)")
		}
		e.Start, e.End = start, end
	}
	return e, nil
}

// MarshalText implements encoding.TextMarshaler.
func (e Exception) MarshalText() ([]byte, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	return []byte(e.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (e *Exception) UnmarshalText(b []byte) error {
	v, err := ParseException(string(b))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// Schedule is when someone (or something, such as a service's hours) is
// present: a weekly pattern in a time zone with dated exceptions.
type Schedule struct {
	// Location is the IANA zone the wall-clock times are read in; nil means
	// the roster's zone.
	Location *time.Location
	// Week is the regular weekly pattern.
	Week Week
	// Exceptions change particular dates: leave removes presence, extra
	// shifts add it.
	Exceptions []Exception
}

// Validate reports the first invalid span or exception.
func (s Schedule) Validate() error {
	if err := s.Week.Validate(); err != nil {
		return err
	}
	for _, e := range s.Exceptions {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	return nil
}
