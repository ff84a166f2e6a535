package diag

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Count writes n and its noun, plural unless n is 1: Count(1, "ticket")
// is "1 ticket", Count(1200, "ticket") "1,200 tickets". A noun whose
// plural is not its singular with "s" gives the plural after it:
// Count(2, "person", "people").
func Count(n int, singular string, plural ...string) string {
	return Int(n) + " " + Noun(n, singular, plural...)
}

// Noun is the noun for n of it: singular when n is 1 (or -1), else the
// plural (the singular with "s" unless given).
func Noun(n int, singular string, plural ...string) string {
	if n == 1 || n == -1 {
		return singular
	}
	if len(plural) > 0 {
		return plural[0]
	}
	return singular + "s"
}

// Int writes n with a comma between each group of three digits: 1,200.
func Int(n int) string {
	if n < 0 {
		return "-" + Int(-n)
	}
	return group(strconv.Itoa(n))
}

// group puts a comma between each group of three digits of a string of
// digits.
func group(s string) string {
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Number writes a figure for people, never in exponent notation: to
// digits significant digits below 10^digits (14.4, 0.0123, 100.8 with
// 4), and from there on rounded to a whole number with thousands
// separators (154,500); whole numbers are always written whole, without
// trailing zeros. Infinities are "∞" and "-∞", NaN is "?".
func Number(f float64, digits int) string {
	switch {
	case math.IsNaN(f):
		return "?"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "-∞"
	}
	digits = max(digits, 1)
	if a := math.Abs(f); a >= math.Pow10(digits) || a == math.Trunc(a) {
		s := group(strconv.FormatFloat(math.Round(a), 'f', 0, 64))
		if f < 0 && s != "0" {
			s = "-" + s
		}
		return s
	}
	decimals := digits - 1 - int(math.Floor(math.Log10(math.Abs(f))))
	decimals = min(max(decimals, 0), 9)
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Duration writes a duration without its zero units, to the minute from
// a minute on: 21m, 1h32m, 48h, 150h56m; under a minute in seconds (45s);
// 0 is "0m".
func Duration(d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	var s string
	switch {
	case d == 0:
		s = "0m"
	case d < time.Minute:
		s = strconv.FormatInt(int64(d.Round(time.Second)/time.Second), 10) + "s"
	default:
		d = d.Round(time.Minute)
		h, m := d/time.Hour, (d%time.Hour)/time.Minute
		switch {
		case h == 0:
			s = strconv.FormatInt(int64(m), 10) + "m"
		case m == 0:
			s = strconv.FormatInt(int64(h), 10) + "h"
		default:
			s = strconv.FormatInt(int64(h), 10) + "h" + strconv.FormatInt(int64(m), 10) + "m"
		}
	}
	if neg {
		return "-" + s
	}
	return s
}
