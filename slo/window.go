package slo

import (
	"strings"
	"time"
)

// WindowKind says whether a window rolls or follows the calendar.
type WindowKind uint8

const (
	// WindowRolling is the stretch of fixed length that ends now.
	WindowRolling WindowKind = iota
	// WindowWeek is the calendar week, Monday 00:00 to the next Monday
	// 00:00 in the calendar's time zone.
	WindowWeek
	// WindowMonth is the calendar month in the calendar's time zone.
	WindowMonth
	// WindowQuarter is the calendar quarter (January, April, July and
	// October start one) in the calendar's time zone.
	WindowQuarter
)

// Window is the span an objective is judged over: rolling ("30d") or a
// calendar week, month or quarter, whose real length depends on the time
// zone (a month with a daylight-saving change is an hour longer or shorter).
// The zero Window is not set.
type Window struct {
	kind   WindowKind
	length time.Duration
}

// Rolling returns a rolling window of length d (whole seconds; d must be
// positive for the window to be set).
func Rolling(d time.Duration) Window {
	d = d.Truncate(time.Second)
	if d <= 0 {
		return Window{}
	}
	return Window{kind: WindowRolling, length: d}
}

// Weekly returns the calendar-week window.
func Weekly() Window { return Window{kind: WindowWeek} }

// Monthly returns the calendar-month window.
func Monthly() Window { return Window{kind: WindowMonth} }

// Quarterly returns the calendar-quarter window.
func Quarterly() Window { return Window{kind: WindowQuarter} }

// ParseWindow parses "week", "month" or "quarter" for a calendar window
// (also "calendar week" and so on), or an elapsed duration such as "30d"
// or "28 days" for a rolling window.
func ParseWindow(s string) (Window, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	t = strings.TrimPrefix(t, "calendar ")
	switch t {
	case "week":
		return Weekly(), nil
	case "month":
		return Monthly(), nil
	case "quarter":
		return Quarterly(), nil
	}
	d, err := ParseDuration(s)
	if err != nil {
		return Window{}, parseErr(ErrInvalidWindow, "window", s, 0, `want week, month, quarter or a rolling length such as "30d"`)
	}
	if d.Kind() != KindElapsed || d.IsZero() {
		return Window{}, parseErr(ErrInvalidWindow, "window", s, 0, "a rolling window needs a positive elapsed length")
	}
	return Rolling(d.Std()), nil
}

// MustParseWindow is ParseWindow for constants; it panics on a malformed
// input.
func MustParseWindow(s string) Window {
	w, err := ParseWindow(s)
	if err != nil {
		panic(err)
	}
	return w
}

// Kind reports whether the window rolls or follows the calendar.
func (w Window) Kind() WindowKind { return w.kind }

// Length returns the length of a rolling window, and zero for a calendar
// window (use Period for its real length).
func (w Window) Length() time.Duration { return w.length }

// IsZero reports whether the window is unset.
func (w Window) IsZero() bool { return w.kind == WindowRolling && w.length == 0 }

// String returns "week", "month", "quarter" or the rolling length ("30d").
func (w Window) String() string {
	switch w.kind {
	case WindowWeek:
		return "week"
	case WindowMonth:
		return "month"
	case WindowQuarter:
		return "quarter"
	}
	if w.length == 0 {
		return "unset"
	}
	return Elapsed(w.length).String()
}

// MarshalText implements encoding.TextMarshaler.
func (w Window) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *Window) UnmarshalText(b []byte) error {
	v, err := ParseWindow(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// Period returns the concrete period of w that contains t, in loc (nil
// means UTC). A rolling window's period is the one that ends at t:
// [t-length, t). A calendar window's period is the week, month or quarter
// that t falls in. The zero Window yields the empty period [t, t).
func (w Window) Period(t time.Time, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	lt := t.In(loc)
	y, m, d := lt.Date()
	switch w.kind {
	case WindowWeek:
		back := (int(lt.Weekday()) + 6) % 7 // days since Monday
		start := time.Date(y, m, d-back, 0, 0, 0, 0, loc)
		return Period{start, time.Date(y, m, d-back+7, 0, 0, 0, 0, loc)}
	case WindowMonth:
		return Period{time.Date(y, m, 1, 0, 0, 0, 0, loc), time.Date(y, m+1, 1, 0, 0, 0, 0, loc)}
	case WindowQuarter:
		qm := m - (m-1)%3
		return Period{time.Date(y, qm, 1, 0, 0, 0, 0, loc), time.Date(y, qm+3, 1, 0, 0, 0, 0, loc)}
	}
	return Period{t.Add(-w.length), t}
}

// Period is a concrete stretch of time [Start, End): the instants at or
// after Start and before End.
type Period struct {
	Start, End time.Time // first instant in, first instant after
}

// Duration returns the real length of the period.
func (p Period) Duration() time.Duration { return p.End.Sub(p.Start) }

// Contains reports whether t lies in [Start, End).
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// String returns the period as "START/END" in RFC 3339.
func (p Period) String() string {
	return p.Start.Format(time.RFC3339) + "/" + p.End.Format(time.RFC3339)
}
