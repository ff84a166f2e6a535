// Package schedule reads the recurrence of scheduled operations work as a
// design writes it, in a short phrase or as a cron expression, and tells
// when it next falls due.
//
// # Syntax
//
// Words are case-insensitive; spaces, commas and "、" separate them, so
// "monthly, first Monday" and "weekly Mon,Thu 09:00" read as expected. A
// time of day is HH:MM on the 24-hour clock and may follow "at"; several
// times may be given. Without a time, the work falls due some time that
// day: Next and Matches then use midnight and Timed reports false.
//
//	hourly [at :MM]                      every hour, at minute MM (default :00)
//	daily [at HH:MM ...]                 every day ("nightly" too)
//	weekdays [HH:MM ...]                 Monday to Friday
//	weekends [HH:MM ...]                 Saturday and Sunday
//	weekly DAY ... [HH:MM ...]           DAY is Mon or Monday (and so on) or a range Mon-Fri
//	monthly N ... [HH:MM ...]            day N of the month: 1 to 31, 1st, 15th; "last" for the last day
//	monthly ORD DAY [HH:MM ...]          ORD is first, second, third, fourth or last (or 1st to 4th)
//	monthly [HH:MM ...]                  the first day of the month, as cron's @monthly
//	quarterly ...                        as monthly, in January, April, July and October
//	yearly MONTH ...                     as monthly, in the month named (Jan or January, ...)
//
// A cron expression has the five standard fields, minute, hour, day of
// month, month and day of week, each "*", a number, a range "a-b", a step
// "*/n" or "a-b/n", or a comma-separated list of those; months and days
// may be named (JAN, MON) and Sunday is 0 or 7. When both day fields are
// restricted, a day matching either one is due, as in Vixie cron. The
// macros @hourly, @daily (@midnight), @weekly, @monthly and @yearly
// (@annually) are accepted too.
//
// A schedule that can never fall due, such as "0 0 30 2 *", is an error.
package schedule

import (
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxLen is the longest schedule text Parse reads, in bytes.
const MaxLen = 512

// ErrSyntax is wrapped by every error Parse returns.
var ErrSyntax = errors.New("schedule syntax error")

// Error is a schedule Parse cannot read. Use errors.As to get it, and
// errors.Is(err, ErrSyntax) to recognise it.
type Error struct {
	Text   string // the schedule as given
	Offset int    // byte offset in Text of the word at fault
	Reason string // what is wrong, for people
}

func (e *Error) Error() string { return fmt.Sprintf("schedule %q: %s", e.Text, e.Reason) }

// Unwrap returns ErrSyntax.
func (e *Error) Unwrap() error { return ErrSyntax }

const minutesPerDay = 24 * 60

// Schedule is a parsed recurrence. The zero value never falls due; use
// Parse. A Schedule is a value and safe for concurrent use.
type Schedule struct {
	text   string
	timed  bool
	times  [(minutesPerDay + 63) / 64]uint64 // bit h*60+m: due at h:m
	months uint16                            // bit m (1-12)
	dom    uint32                            // bit d (1-31)
	last   bool                              // the last day of the month
	dow    uint8                             // bit time.Weekday
	nth    int8                              // 0 every matching weekday, 1-4 the nth of the month, -1 the last
	domSet bool                              // the day of month is restricted
	dowSet bool                              // the day of week is restricted
}

// String returns the schedule as written, without surrounding spaces.
func (s Schedule) String() string { return s.text }

// Timed reports whether the schedule names a time of day.
func (s Schedule) Timed() bool { return s.timed }

// Matches reports whether the schedule is due in the minute of t, read in
// t's location.
func (s Schedule) Matches(t time.Time) bool {
	y, m, d := t.Date()
	return s.dueOn(y, m, d, t.Weekday()) && s.at(t.Hour()*60+t.Minute())
}

// searchDays bounds Next: the longest gap between two days a valid
// schedule is due is eight years (29 February around 2100) and a month.
const searchDays = 8*366 + 31

// Next returns the first minute strictly after t, in t's location, at
// which the schedule is due, and false when there is none within eight
// years (only for the zero Schedule). Across a daylight-saving gap the
// time is normalised as time.Date does.
func (s Schedule) Next(t time.Time) (time.Time, bool) {
	loc := t.Location()
	y, m, d := t.Date()
	from := t.Hour()*60 + t.Minute() + 1
	for i := 0; i < searchDays; i++ {
		day := time.Date(y, m, d+i, 0, 0, 0, 0, loc)
		dy, dm, dd := day.Date()
		if !s.dueOn(dy, dm, dd, day.Weekday()) {
			from = 0
			continue
		}
		if minute, ok := s.firstTime(from); ok {
			return time.Date(dy, dm, dd, minute/60, minute%60, 0, 0, loc), true
		}
		from = 0
	}
	return time.Time{}, false
}

func (s Schedule) at(minute int) bool {
	return minute >= 0 && minute < minutesPerDay && s.times[minute/64]&(1<<(minute%64)) != 0
}

// firstTime returns the first due minute of the day at or after from.
func (s Schedule) firstTime(from int) (int, bool) {
	for w := from / 64; w < len(s.times) && from < minutesPerDay; w++ {
		word := s.times[w]
		if w == from/64 {
			word &= ^uint64(0) << (from % 64)
		}
		if word != 0 {
			return w*64 + bits.TrailingZeros64(word), true
		}
	}
	return 0, false
}

func (s Schedule) dueOn(y int, m time.Month, d int, wd time.Weekday) bool {
	if s.months&(1<<m) == 0 {
		return false
	}
	n := daysIn(y, m)
	domOK := s.dom&(1<<d) != 0 || (s.last && d == n)
	dowOK := s.dow&(1<<wd) != 0
	switch {
	case s.nth > 0:
		dowOK = dowOK && (d-1)/7+1 == int(s.nth)
	case s.nth < 0:
		dowOK = dowOK && d+7 > n
	}
	switch {
	case s.domSet && s.dowSet:
		return domOK || dowOK
	case s.domSet:
		return domOK
	case s.dowSet:
		return dowOK
	}
	return true
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (s *Schedule) setTime(minute int) { s.times[minute/64] |= 1 << (minute % 64) }

// Parse reads a schedule written as described in the package doc.
func Parse(text string) (Schedule, error) {
	trimmed := strings.TrimSpace(text)
	lead := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
	p := &parser{text: text}
	switch {
	case len(text) > MaxLen:
		return Schedule{}, p.fail(0, fmt.Sprintf("longer than %d bytes", MaxLen))
	case !utf8.ValidString(text):
		return Schedule{}, p.fail(0, "not valid UTF-8")
	case trimmed == "":
		return Schedule{}, p.fail(0, "empty; write e.g. \"daily 03:00\"")
	}
	s := Schedule{text: trimmed, months: allMonths}
	var err error
	if strings.HasPrefix(trimmed, "@") {
		err = p.macro(&s, trimmed, lead)
	} else if first := p.tokens(trimmed, lead); len(first) > 0 && phraseWords[first[0].word] {
		err = p.phrase(&s, first)
	} else {
		err = p.cron(&s, trimmed, lead)
	}
	if err != nil {
		return Schedule{}, err
	}
	if !s.everDue() {
		return Schedule{}, p.fail(lead, "never falls due: no month has the day it names")
	}
	return s, nil
}

// everDue reports whether some day is due. Only a schedule restricted to
// days of the month alone can name none (the 30th of February); a weekday,
// an nth weekday or the last day falls in every month.
func (s Schedule) everDue() bool {
	if s.dowSet || s.last || !s.domSet {
		return s.months != 0
	}
	for m := time.January; m <= time.December; m++ {
		daysOfMonth := uint64(1)<<(daysIn(2000, m)+1) - 1 // bits 0 to 29 in February: 2000 is a leap year
		if s.months&(1<<m) != 0 && uint64(s.dom)&daysOfMonth != 0 {
			return true
		}
	}
	return false
}

const (
	allMonths   = 0b1_1111_1111_1110
	allDays     = 0xFFFF_FFFE
	allWeekdays = 0x7F
)

type parser struct{ text string }

func (p *parser) fail(offset int, reason string) error {
	return &Error{Text: p.text, Offset: offset, Reason: reason}
}

// token is one word of a phrase, lower-cased, with its byte offset.
type token struct {
	word string
	off  int
}

func separator(r rune) bool { return r == ',' || r == '、' || unicode.IsSpace(r) }

func (p *parser) tokens(s string, base int) []token {
	var out []token
	start := -1
	for i, r := range s {
		if separator(r) {
			if start >= 0 {
				out = append(out, token{strings.ToLower(s[start:i]), base + start})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, token{strings.ToLower(s[start:]), base + start})
	}
	return out
}

var phraseWords = map[string]bool{"hourly": true, "daily": true, "nightly": true, "weekdays": true, "weekends": true,
	"weekly": true, "monthly": true, "quarterly": true, "yearly": true, "annually": true}

func (p *parser) phrase(s *Schedule, toks []token) error {
	kw, rest := toks[0], toks[1:]
	switch kw.word {
	case "hourly":
		s.timed = true
		minute := 0
		if len(rest) > 0 && rest[0].word == "at" {
			rest = rest[1:]
		}
		if len(rest) > 0 {
			m, ok := minuteOnly(rest[0].word)
			if !ok {
				return p.fail(rest[0].off, fmt.Sprintf("%q is not a minute past the hour; write e.g. \"hourly :15\"", rest[0].word))
			}
			minute, rest = m, rest[1:]
		}
		for h := range 24 {
			s.setTime(h*60 + minute)
		}
		return p.end(rest)
	case "daily", "nightly":
	case "weekdays", "weekends":
		s.dowSet = true
		s.dow = 0b0111110
		if kw.word == "weekends" {
			s.dow = 0b1000001
		}
	case "weekly":
		n := 0
		for len(rest) > 0 {
			set, ok := weekdays(rest[0].word)
			if !ok {
				break
			}
			s.dow |= set
			rest, n = rest[1:], n+1
		}
		if n == 0 {
			return p.fail(p.offsetOf(rest), "weekly needs a day of the week, e.g. \"weekly Mon 09:00\"")
		}
		s.dowSet = true
	case "monthly", "quarterly", "yearly", "annually":
		switch kw.word {
		case "quarterly":
			s.months = 1<<time.January | 1<<time.April | 1<<time.July | 1<<time.October
		case "yearly", "annually":
			s.months = 0
			for len(rest) > 0 {
				m, ok := monthNames[rest[0].word]
				if !ok {
					break
				}
				s.months |= 1 << m
				rest = rest[1:]
			}
			if s.months == 0 {
				return p.fail(p.offsetOf(rest), kw.word+" needs a month, e.g. \"yearly April 1\"")
			}
		}
		var err error
		if rest, err = p.monthDays(s, kw.word, rest); err != nil {
			return err
		}
	}
	return p.times(s, rest)
}

// monthDays reads the day(s) of the month after monthly, quarterly or
// yearly MONTH: numbers, "last", or an ordinal and a weekday; none (only a
// time, or nothing) is the first day.
func (p *parser) monthDays(s *Schedule, kw string, rest []token) ([]token, error) {
	if len(rest) == 0 || rest[0].word == "at" {
		s.dom, s.domSet = 1<<1, true // "monthly", "quarterly": the first day, as @monthly
		return rest, nil
	}
	if _, ok := clock(rest[0].word); ok {
		s.dom, s.domSet = 1<<1, true
		return rest, nil
	}
	if n, ok := ordinals[rest[0].word]; ok && len(rest) > 1 {
		if set, ok := weekdays(rest[1].word); ok && bits.OnesCount8(set) == 1 {
			s.dow, s.dowSet, s.nth = set, true, n
			return rest[2:], nil
		}
	}
	n := 0
	for len(rest) > 0 {
		w := rest[0].word
		switch d, ok := dayOfMonth(w); {
		case ok:
			s.dom |= 1 << d
		case w == "last":
			s.last = true
		default:
			if n == 0 {
				return nil, p.fail(rest[0].off, fmt.Sprintf("%q is not a day of the month; write a number (1 to 31), \"last\", or e.g. \"first Monday\"", w))
			}
			return rest, nil
		}
		s.domSet = true
		rest, n = rest[1:], n+1
	}
	return rest, nil
}

// times reads the optional "at" and times of day that end a phrase.
func (p *parser) times(s *Schedule, rest []token) error {
	if len(rest) > 0 && rest[0].word == "at" {
		rest = rest[1:]
		if len(rest) == 0 {
			return p.fail(len(p.text), "\"at\" needs a time of day, e.g. \"at 09:00\"")
		}
	}
	for len(rest) > 0 {
		minute, ok := clock(rest[0].word)
		if !ok {
			break
		}
		s.setTime(minute)
		s.timed = true
		rest = rest[1:]
	}
	if !s.timed {
		s.setTime(0)
	}
	return p.end(rest)
}

func (p *parser) end(rest []token) error {
	if len(rest) == 0 {
		return nil
	}
	w := rest[0].word
	reason := fmt.Sprintf("unexpected %q", w)
	if strings.Contains(w, ":") || (w != "" && w[0] >= '0' && w[0] <= '9') {
		reason += "; a time of day is HH:MM, from 00:00 to 23:59"
	}
	return p.fail(rest[0].off, reason)
}

func (p *parser) offsetOf(rest []token) int {
	if len(rest) > 0 {
		return rest[0].off
	}
	return len(p.text)
}

// clock reads HH:MM (H:MM allowed).
func clock(w string) (int, bool) {
	h, m, ok := strings.Cut(w, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	hh, ok1 := small(h, 0, 23)
	mm, ok2 := small(m, 0, 59)
	return hh*60 + mm, ok1 && ok2
}

// minuteOnly reads ":MM".
func minuteOnly(w string) (int, bool) {
	m, ok := strings.CutPrefix(w, ":")
	if !ok || len(m) != 2 {
		return 0, false
	}
	return small(m, 0, 59)
}

// small reads a decimal number of ASCII digits in [lo, hi].
func small(s string, lo, hi int) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= lo && n <= hi
}

// dayOfMonth reads 1-31, with an optional English ordinal suffix.
func dayOfMonth(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(w, suf); ok {
			w = n
			break
		}
	}
	return small(w, 1, 31)
}

var ordinals = map[string]int8{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
	"fourth": 4, "4th": 4, "last": -1}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday, "mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday, "sat": time.Saturday, "saturday": time.Saturday,
}

// weekday reads a day name, also in the plural ("Mondays").
func weekday(w string) (time.Weekday, bool) {
	if d, ok := dayNames[w]; ok {
		return d, true
	}
	if s, ok := strings.CutSuffix(w, "s"); ok && len(s) > 3 {
		d, ok := dayNames[s]
		return d, ok
	}
	return 0, false
}

// weekdays reads a day name or a range of them ("mon-fri", wrapping
// round the week as "fri-mon" does).
func weekdays(w string) (uint8, bool) {
	a, b, isRange := strings.Cut(w, "-")
	from, ok := weekday(a)
	if !ok {
		return 0, false
	}
	if !isRange {
		return 1 << from, true
	}
	to, ok := weekday(b)
	if !ok {
		return 0, false
	}
	var set uint8
	for d := from; ; d = (d + 1) % 7 {
		set |= 1 << d
		if d == to {
			return set, true
		}
	}
}

var monthNames = func() map[string]time.Month {
	m := map[string]time.Month{"sept": time.September}
	for mo := time.January; mo <= time.December; mo++ {
		full := strings.ToLower(mo.String())
		m[full], m[full[:3]] = mo, mo
	}
	return m
}()

var macros = map[string]string{"@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
	"@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"}

func (p *parser) macro(s *Schedule, text string, lead int) error {
	expr, ok := macros[strings.ToLower(text)]
	if !ok {
		return p.fail(lead, fmt.Sprintf("unknown macro %q; want @hourly, @daily, @weekly, @monthly or @yearly", text))
	}
	// The expansion is valid: offsets into it are never reported.
	return p.cron(s, expr, lead)
}

// cronField describes one of the five fields of a cron expression.
type cronField struct {
	name   string
	lo, hi int
	names  map[string]int
}

var cronFields = func() [5]cronField {
	months := map[string]int{}
	for mo := time.January; mo <= time.December; mo++ {
		months[strings.ToLower(mo.String()[:3])] = int(mo)
	}
	days := map[string]int{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		days[strings.ToLower(d.String()[:3])] = int(d)
	}
	return [5]cronField{
		{name: "minute", lo: 0, hi: 59},
		{name: "hour", lo: 0, hi: 23},
		{name: "day of month", lo: 1, hi: 31},
		{name: "month", lo: 1, hi: 12, names: months},
		{name: "day of week", lo: 0, hi: 7, names: days},
	}
}()

func (p *parser) cron(s *Schedule, text string, lead int) error {
	var fields []token
	start := -1
	for i, r := range text {
		if unicode.IsSpace(r) {
			if start >= 0 {
				fields = append(fields, token{text[start:i], lead + start})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		fields = append(fields, token{text[start:], lead + start})
	}
	if c := fields[0].word[0]; len(fields) != 5 || !(c == '*' || c == '?' || c >= '0' && c <= '9') {
		return p.fail(fields[0].off, fmt.Sprintf("%q is not a schedule: start with daily, weekly, monthly, quarterly, yearly, hourly, weekdays or weekends, or write five cron fields (minute hour day-of-month month day-of-week)", fields[0].word))
	}
	var sets [5]uint64
	for i, f := range fields {
		set, err := p.cronField(f, cronFields[i])
		if err != nil {
			return err
		}
		sets[i] = set
	}
	for h := range 24 {
		if sets[1]&(1<<h) == 0 {
			continue
		}
		for m := range 60 {
			if sets[0]&(1<<m) != 0 {
				s.setTime(h*60 + m)
			}
		}
	}
	s.timed = true
	s.dom = uint32(sets[2])
	s.months = uint16(sets[3])
	dow := sets[4]
	if dow&(1<<7) != 0 {
		dow |= 1 // 7 is Sunday too
	}
	s.dow = uint8(dow & allWeekdays)
	s.domSet = !strings.HasPrefix(fields[2].word, "*") && !strings.HasPrefix(fields[2].word, "?")
	s.dowSet = !strings.HasPrefix(fields[4].word, "*") && !strings.HasPrefix(fields[4].word, "?")
	if !s.domSet {
		s.dom = allDays
	}
	if !s.dowSet {
		s.dow = allWeekdays
	}
	return nil
}

func (p *parser) cronField(f token, spec cronField) (uint64, error) {
	var set uint64
	off := f.off
	for _, item := range strings.Split(f.word, ",") {
		bad := func(why string) error {
			return p.fail(off, fmt.Sprintf("%s field %q: %s", spec.name, item, why))
		}
		rng, stepText, hasStep := strings.Cut(item, "/")
		step := 1
		if hasStep {
			n, ok := small(stepText, 1, spec.hi)
			if !ok {
				return 0, bad(fmt.Sprintf("the step must be a number from 1 to %d", spec.hi))
			}
			step = n
		}
		lo, hi := spec.lo, spec.hi
		switch {
		case rng == "*" || (rng == "?" && (spec.name == "day of month" || spec.name == "day of week")):
		case rng == "":
			return 0, bad("empty")
		default:
			a, b, isRange := strings.Cut(rng, "-")
			var ok bool
			if lo, ok = spec.value(a); !ok {
				return 0, bad(fmt.Sprintf("%q is not a %s (%d to %d)", a, spec.name, spec.lo, spec.hi))
			}
			hi = lo
			if isRange {
				if hi, ok = spec.value(b); !ok {
					return 0, bad(fmt.Sprintf("%q is not a %s (%d to %d)", b, spec.name, spec.lo, spec.hi))
				}
				if hi < lo {
					return 0, bad("the range runs backwards")
				}
			} else if hasStep {
				hi = spec.hi // "a/n" runs from a to the end
			}
		}
		for v := lo; v <= hi; v += step {
			set |= 1 << v
		}
		off += len(item) + 1
	}
	return set, nil
}

func (c cronField) value(s string) (int, bool) {
	if v, ok := c.names[strings.ToLower(s)]; ok {
		return v, true
	}
	return small(s, c.lo, c.hi)
}
