package slo

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// DurationKind says how a Duration is measured.
type DurationKind uint8

const (
	// KindElapsed is plain elapsed time, as a clock on the wall measures
	// it, whether or not anyone is working. A day is 24 hours.
	KindElapsed DurationKind = iota
	// KindBusinessHours is open time on a Calendar: only the time inside
	// working hours counts, so 8 business hours from Friday 15:00 on a
	// 09:00-17:00 calendar ends on Monday at 15:00.
	KindBusinessHours
	// KindBusinessDays is a count of whole business days; see
	// Calendar.BusinessDayDeadline for the exact rule.
	KindBusinessDays
)

// String returns "elapsed", "business-hours" or "business-days".
func (k DurationKind) String() string {
	switch k {
	case KindElapsed:
		return "elapsed"
	case KindBusinessHours:
		return "business-hours"
	case KindBusinessDays:
		return "business-days"
	}
	return "DurationKind(" + strconv.Itoa(int(k)) + ")"
}

// Duration is a time-to-event target or any other span an operations team
// promises: elapsed time ("4h"), business time ("8bh") or business days
// ("1bd"). Its resolution is one second. The zero Duration is zero elapsed
// time. Durations are comparable with ==.
type Duration struct {
	kind DurationKind
	secs int64 // elapsed or business seconds
	days int64 // business days
}

// maxSeconds keeps every Duration convertible to time.Duration.
const maxSeconds = math.MaxInt64 / int64(time.Second)

// MaxBusinessDays bounds business-day counts: ten years of working days
// is far beyond any service promise, and keeps every deadline search short.
const MaxBusinessDays = 2600

// Elapsed returns an elapsed-time Duration. Parts below a second are
// dropped and negative values become zero.
func Elapsed(d time.Duration) Duration { return Duration{kind: KindElapsed, secs: clampSeconds(d)} }

// BusinessHours returns a business-time Duration: d of open time on a
// calendar. Parts below a second are dropped and negative values become
// zero.
func BusinessHours(d time.Duration) Duration {
	return Duration{kind: KindBusinessHours, secs: clampSeconds(d)}
}

// BusinessDays returns a Duration of n whole business days. Negative n
// becomes zero (the same business day) and n above MaxBusinessDays becomes
// MaxBusinessDays.
func BusinessDays(n int) Duration {
	days := int64(n)
	if days < 0 {
		days = 0
	}
	if days > MaxBusinessDays {
		days = MaxBusinessDays
	}
	return Duration{kind: KindBusinessDays, days: days}
}

func clampSeconds(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(d / time.Second)
}

// Kind reports how the duration is measured.
func (d Duration) Kind() DurationKind { return d.kind }

// Std returns an elapsed or business-time duration as a time.Duration, and
// zero for a count of business days.
func (d Duration) Std() time.Duration { return time.Duration(d.secs) * time.Second }

// Days returns the number of business days, and zero for other kinds.
func (d Duration) Days() int { return int(d.days) }

// IsZero reports whether d is zero of any kind.
func (d Duration) IsZero() bool { return d.secs == 0 && d.days == 0 }

// Deadline returns the instant by which something started at start must
// happen to stay within d, measured on cal (a nil cal is open around the
// clock in UTC). It returns the zero Time when cal never reaches the
// deadline (a calendar closed for a decade).
func (d Duration) Deadline(cal *Calendar, start time.Time) time.Time {
	switch d.kind {
	case KindBusinessHours:
		return cal.AddBusinessTime(start, d.Std())
	case KindBusinessDays:
		return cal.BusinessDayDeadline(start, d.Days())
	default:
		return start.Add(d.Std())
	}
}

type durationUnit struct {
	kind DurationKind
	mul  int64 // seconds per unit, or 1 for business days
}

// durationUnits maps every unit spelling ParseDuration accepts; read only.
var durationUnits = map[string]durationUnit{
	"w": {KindElapsed, 7 * 86400}, "week": {KindElapsed, 7 * 86400}, "weeks": {KindElapsed, 7 * 86400}, "週間": {KindElapsed, 7 * 86400},
	"d": {KindElapsed, 86400}, "day": {KindElapsed, 86400}, "days": {KindElapsed, 86400}, "日": {KindElapsed, 86400},
	"h": {KindElapsed, 3600}, "hour": {KindElapsed, 3600}, "hours": {KindElapsed, 3600}, "時間": {KindElapsed, 3600},
	"m": {KindElapsed, 60}, "min": {KindElapsed, 60}, "minute": {KindElapsed, 60}, "minutes": {KindElapsed, 60}, "分": {KindElapsed, 60},
	"s": {KindElapsed, 1}, "sec": {KindElapsed, 1}, "second": {KindElapsed, 1}, "seconds": {KindElapsed, 1}, "秒": {KindElapsed, 1},

	"bh": {KindBusinessHours, 3600}, "business hour": {KindBusinessHours, 3600}, "business hours": {KindBusinessHours, 3600}, "営業時間": {KindBusinessHours, 3600},
	"bm": {KindBusinessHours, 60}, "business minute": {KindBusinessHours, 60}, "business minutes": {KindBusinessHours, 60},
	"bs": {KindBusinessHours, 1}, "business second": {KindBusinessHours, 1}, "business seconds": {KindBusinessHours, 1},

	"bd": {KindBusinessDays, 1}, "business day": {KindBusinessDays, 1}, "business days": {KindBusinessDays, 1}, "営業日": {KindBusinessDays, 1},
}

// ParseDuration parses a duration written as one or more terms, each a
// whole number and a unit, all of the same kind:
//
//   - elapsed: w, d, h, m, s (or week(s), day(s), hour(s), minute(s),
//     min, second(s), sec, 週間, 日, 時間, 分, 秒): "30d", "4h", "1h30m",
//     "90 minutes";
//   - business time: bh, bm, bs (or business hour(s), business minute(s),
//     business second(s), 営業時間): "8bh", "1bh30bm";
//   - business days: bd (or business day(s), 営業日): "1bd", "2 business days".
//
// Units are case-insensitive and may be separated from the number by
// spaces. A lone "0" is zero elapsed time.
func ParseDuration(s string) (Duration, error) {
	const what = "duration"
	if strings.TrimSpace(s) == "0" {
		return Duration{}, nil
	}
	var (
		d     Duration
		first = true
		i     = 0
	)
	for {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			break
		}
		numStart := i
		var n int64
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if n > maxSeconds/10 {
				return Duration{}, parseErr(ErrInvalidDuration, what, s, numStart, "number too large")
			}
			n = n*10 + int64(s[i]-'0')
			i++
		}
		if i == numStart {
			return Duration{}, parseErr(ErrInvalidDuration, what, s, i, "want a whole number")
		}
		unitStart := i
		for i < len(s) && (s[i] < '0' || s[i] > '9') {
			i++
		}
		unit := strings.ToLower(strings.Join(strings.Fields(s[unitStart:i]), " "))
		u, ok := durationUnits[unit]
		if !ok {
			msg := "unknown unit " + strconv.Quote(unit)
			if unit == "" {
				msg = "missing unit"
			}
			return Duration{}, parseErr(ErrInvalidDuration, what, s, unitStart, msg)
		}
		if first {
			d.kind = u.kind
			first = false
		} else if u.kind != d.kind {
			return Duration{}, parseErr(ErrInvalidDuration, what, s, unitStart, "cannot mix "+d.kind.String()+" and "+u.kind.String())
		}
		if u.kind == KindBusinessDays {
			if n > MaxBusinessDays-d.days {
				return Duration{}, parseErr(ErrInvalidDuration, what, s, numStart, "too many business days")
			}
			d.days += n
			continue
		}
		if n > (maxSeconds-d.secs)/u.mul {
			return Duration{}, parseErr(ErrInvalidDuration, what, s, numStart, "duration too long")
		}
		d.secs += n * u.mul
	}
	if first {
		return Duration{}, parseErr(ErrInvalidDuration, what, s, 0, "empty duration")
	}
	return d, nil
}

// MustParseDuration is ParseDuration for constants; it panics on a
// malformed input.
func MustParseDuration(s string) Duration {
	d, err := ParseDuration(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String returns the canonical form that ParseDuration reads back:
// "1d12h", "8bh", "1bh30bm", "2bd"; zero is "0s" or "0bh" by kind.
func (d Duration) String() string {
	switch d.kind {
	case KindBusinessDays:
		return strconv.FormatInt(d.days, 10) + "bd"
	case KindBusinessHours:
		return formatSeconds(d.secs, false, "0bh", "bh", "bm", "bs")
	default:
		return formatSeconds(d.secs, true, "0s", "h", "m", "s")
	}
}

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func formatSeconds(secs int64, withDays bool, zero, h, m, s string) string {
	if secs == 0 {
		return zero
	}
	var b []byte
	if withDays && secs >= 86400 {
		b = strconv.AppendInt(b, secs/86400, 10)
		b = append(b, 'd')
		secs %= 86400
	}
	for _, p := range [...]struct {
		n    int64
		unit string
	}{{3600, h}, {60, m}, {1, s}} {
		if secs >= p.n {
			b = strconv.AppendInt(b, secs/p.n, 10)
			b = append(b, p.unit...)
			secs %= p.n
		}
	}
	return string(b)
}
