package record

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// Errors of Times.Parse.
var (
	// ErrNotTime is a value no layout of the Times reads.
	ErrNotTime = errors.New("not a timestamp")
	// ErrNoZone is a time written without a UTC offset where the Times
	// has no Location: the readers never guess a zone.
	ErrNoZone = errors.New("no UTC offset, and no time zone given")
)

// Times reads timestamps in the layouts one reader accepts. Set its
// fields before the first Parse and leave them; it is not safe for
// concurrent use (it caches the zones of the offsets it reads).
type Times struct {
	// Location is the zone of a time written without a UTC offset. Nil
	// makes such a time ErrNoZone.
	Location *time.Location
	// Layouts are tried in order after RFC 3339 (package time layouts).
	// A time read with a UTC offset keeps it, whatever Location is; one
	// read with a zone's name ("MST") is read in Location (or in UTC
	// without one), and one without either in Location.
	Layouts []string
	// UnixSeconds reads a number as seconds since 1970, with a fraction
	// if any, up to 10^11.
	UnixSeconds bool
	// MinYear refuses a date of an earlier year, as written; 0 refuses
	// none.
	MinYear int

	layouts []layout // Layouts, looked at once
	zones   map[int]*time.Location
}

type layout struct {
	text   string
	offset bool // the layout reads a UTC offset
	named  bool // the layout reads a zone's name
	iso    bool // the layout starts "2006-01-02": a value must too
}

// Parse reads s, surrounding space ignored: RFC 3339 (T or t, Z or z),
// then each of Layouts, then Unix seconds if asked for.
func (ts *Times) Parse(s string) (time.Time, error) {
	s = trimSpace(s)
	if t, ok := ts.fastRFC3339(s); ok {
		return ts.since(t, s)
	}
	if ts.layouts == nil && len(ts.Layouts) > 0 {
		ts.prepare()
	}
	if len(s) > 10 && (s[10] == 'T' || s[10] == 't') {
		if t, err := time.Parse(time.RFC3339, upperTZ(s)); err == nil {
			return ts.since(t, s)
		}
	}
	iso := len(s) >= 10 && s[4] == '-' && s[7] == '-'
	for _, l := range ts.layouts {
		if l.iso && !iso {
			continue
		}
		var t time.Time
		var err error
		switch {
		case l.offset || (l.named && ts.Location == nil):
			t, err = time.Parse(l.text, s)
		case ts.Location != nil:
			t, err = time.ParseInLocation(l.text, s, ts.Location)
		default: // a local time, and no zone to read it in
			if _, err := time.Parse(l.text, s); err == nil {
				return time.Time{}, ErrNoZone
			}
			continue
		}
		if err == nil {
			return ts.since(t, s)
		}
	}
	if ts.UnixSeconds {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1e11 { // NaN fails too
			sec, frac := math.Modf(f)
			return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), nil
		}
	}
	return time.Time{}, ErrNotTime
}

// since applies MinYear to t, read from s: the year as written, which
// the ISO forms give in their first four digits (cheaper than t.Year).
func (ts *Times) since(t time.Time, s string) (time.Time, error) {
	if ts.MinYear == 0 {
		return t, nil
	}
	year := -1
	if len(s) > 4 && s[4] == '-' {
		if century, yy := d2(s, 0), d2(s, 2); century >= 0 && yy >= 0 {
			year = century*100 + yy
		}
	}
	if year < 0 {
		year = t.Year()
	}
	if year < ts.MinYear {
		return time.Time{}, ErrNotTime
	}
	return t, nil
}

func (ts *Times) prepare() {
	ts.layouts = make([]layout, len(ts.Layouts))
	for i, l := range ts.Layouts {
		ts.layouts[i] = layout{text: l, offset: strings.Contains(l, "Z07") || strings.Contains(l, "-07"),
			named: strings.Contains(l, "MST"), iso: strings.HasPrefix(l, "2006-01-02")}
	}
}

// upperTZ writes RFC 3339's lower-case t and z, which the RFC allows and
// package time does not, in upper case.
func upperTZ(s string) string {
	if s[10] != 't' && s[len(s)-1] != 'z' {
		return s
	}
	b := []byte(s)
	if b[10] == 't' {
		b[10] = 'T'
	}
	if b[len(b)-1] == 'z' {
		b[len(b)-1] = 'Z'
	}
	return string(b)
}

// trimSpace is strings.TrimSpace, without its work for the usual value
// that has no surrounding space.
func trimSpace(s string) string {
	if s == "" || (s[0] > ' ' && s[len(s)-1] > ' ') {
		return s
	}
	return strings.TrimSpace(s)
}

// fastRFC3339 reads the common form "2006-01-02T15:04:05+09:00" (or
// "...Z") without the general parser, which allocates a zone for every
// offset it reads. It gives up, leaving the input to time.Parse, on
// anything else, fractions of a second included.
func (ts *Times) fastRFC3339(v string) (time.Time, bool) {
	if len(v) != 25 && len(v) != 20 {
		return time.Time{}, false
	}
	if v[4] != '-' || v[7] != '-' || (v[10] != 'T' && v[10] != 't') || v[13] != ':' || v[16] != ':' {
		return time.Time{}, false
	}
	century, yy := d2(v, 0), d2(v, 2)
	year := century*100 + yy
	month, day := d2(v, 5), d2(v, 8)
	hour, minute, sec := d2(v, 11), d2(v, 14), d2(v, 17)
	if century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23 ||
		minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	offset := 0
	switch {
	case len(v) == 20 && (v[19] == 'Z' || v[19] == 'z'):
	case len(v) == 25 && (v[19] == '+' || v[19] == '-') && v[22] == ':':
		oh, om := d2(v, 20), d2(v, 23)
		if oh < 0 || oh > 23 || om < 0 || om > 59 {
			return time.Time{}, false
		}
		offset = (oh*60 + om) * 60
		if v[19] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	unix := daysFromCivil(year, month, day)*86400 + int64(hour*3600+minute*60+sec) - int64(offset)
	return time.Unix(unix, 0).In(ts.zone(offset)), true
}

// zone returns the fixed zone of an offset as time.Parse would make it
// (unnamed), from a cache so each offset is allocated once.
func (ts *Times) zone(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	if l, ok := ts.zones[offset]; ok {
		return l
	}
	l := time.FixedZone("", offset)
	if ts.zones == nil {
		ts.zones = map[int]*time.Location{}
	}
	if len(ts.zones) < 64 { // a file rarely mixes more than a few zones
		ts.zones[offset] = l
	}
	return l
}

// d2 reads the two digits at s[i:i+2], or returns a negative number.
func d2(s string, i int) int {
	a, b := int(s[i])-'0', int(s[i+1])-'0'
	if a < 0 || a > 9 || b < 0 || b > 9 {
		return -1000
	}
	return a*10 + b
}

// daysIn returns the number of days of a month of the proleptic
// Gregorian calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to a proleptic Gregorian
// date (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
