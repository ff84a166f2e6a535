package roles

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Weekdays is a set of days of the week; bit d is time.Weekday d.
type Weekdays uint8

// EveryDay holds all seven days.
const EveryDay Weekdays = 1<<7 - 1

// Days returns the set holding the given days; out-of-range values are
// ignored.
func Days(ds ...time.Weekday) Weekdays {
	var w Weekdays
	for _, d := range ds {
		if d >= time.Sunday && d <= time.Saturday {
			w |= 1 << d
		}
	}
	return w
}

// Has reports whether d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return d >= 0 && d <= 6 && w&(1<<d) != 0 }

// Count returns how many days the set holds.
func (w Weekdays) Count() int {
	n := 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			n++
		}
	}
	return n
}

// mondayFirst is the order in which sets are written.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

var dayAbbr = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// String writes the set Monday first, runs of three or more as a range:
// "Mon-Fri", "Mon,Wed,Sat,Sun", "Mon-Sun". The empty set is "".
func (w Weekdays) String() string {
	var b strings.Builder
	for i := 0; i < 7; {
		if !w.Has(mondayFirst[i]) {
			i++
			continue
		}
		j := i
		for j+1 < 7 && w.Has(mondayFirst[j+1]) {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		switch {
		case j-i >= 2:
			b.WriteString(dayAbbr[mondayFirst[i]] + "-" + dayAbbr[mondayFirst[j]])
		case j > i:
			b.WriteString(dayAbbr[mondayFirst[i]] + "," + dayAbbr[mondayFirst[j]])
		default:
			b.WriteString(dayAbbr[mondayFirst[i]])
		}
		i = j + 1
	}
	return b.String()
}

// Span is a weekly shift: on each of Days, from Start to End of the local
// day. Start and End are offsets from local midnight in whole minutes.
// End may be 24h. When End is not after Start the shift runs overnight and
// ends on the next day (after Saturday comes Sunday, so shifts wrap across
// the week's end). Wall-clock times are turned into instants day by day,
// so a shift across a daylight-saving change is an hour shorter or longer.
type Span struct {
	Days       Weekdays      // the days on which the shift starts
	Start, End time.Duration // wall-clock offsets from local midnight
}

// Overnight reports whether the span ends on the day after it starts.
func (s Span) Overnight() bool { return s.End <= s.Start }

// Length returns the wall-clock length of one shift of the span.
func (s Span) Length() time.Duration {
	if s.Overnight() {
		return s.End + 24*time.Hour - s.Start
	}
	return s.End - s.Start
}

// Validate reports why the span is unusable: no days, times outside the
// day or not in whole minutes, or equal start and end (write 00:00-24:00
// for a whole day).
func (s Span) Validate() error {
	switch {
	case s.Days == 0 || s.Days&^EveryDay != 0:
		return fmt.Errorf("roles: span %v: no weekdays or unknown bits: %w", s, ErrInvalid)
	case !validClock(s.Start) || s.Start == 24*time.Hour:
		return fmt.Errorf("roles: span start %v: %w", s.Start, ErrInvalid)
	case !validClock(s.End) || s.End == 0 && s.Start == 0:
		return fmt.Errorf("roles: span end %v: %w", s.End, ErrInvalid)
	case s.Start == s.End:
		return fmt.Errorf("roles: span %v: start equals end: %w", s, ErrInvalid)
	}
	return nil
}

func validClock(d time.Duration) bool {
	return d >= 0 && d <= 24*time.Hour && d%time.Minute == 0
}

func formatClock(d time.Duration) string {
	if !validClock(d) {
		return d.String()
	}
	m := int(d / time.Minute)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// String writes the span in the compact form, such as "Mon-Fri 09:00-18:00".
func (s Span) String() string {
	return s.Days.String() + " " + formatClock(s.Start) + "-" + formatClock(s.End)
}

// Week is a weekly schedule: the union of its spans.
type Week []Span

// ParseWeek parses the compact form of a weekly schedule: groups separated
// by ";", each a set of days, white space, and one or more comma-separated
// intervals. Examples:
//
//	Mon-Fri 09:00-18:00
//	Mon-Fri 09:00-12:00, 13:00-18:00; Sat 22:00-07:00
//	daily 00:00-24:00
//	月-金 9:00〜18:00
//
// Days are English names or abbreviations ("Mon", "monday"), Japanese
// (月, 月曜, 月曜日), ranges ("Fri-Mon" wraps), lists ("Mon,Wed", 月・水 or
// 月水金) and the words daily, weekdays, weekends, 毎日, 平日, 土日. Times are
// H:MM or HH:MM from 00:00 to 24:00, in ASCII or full-width digits
// (９：００), or H時 and H時MM分; a range may use "-", "–", "〜" or "～", and
// its end may be marked 翌 (the next day) when it is past midnight. A group
// may also follow the last interval of the one before after "、" or ","
// ("月-金 9:00〜18:00、土 9:00〜12:00"). An empty string is an empty week.
func ParseWeek(s string) (Week, error) {
	var w Week
	off := 0
	for group := range strings.SplitSeq(s, ";") {
		start := off
		off += len(group) + 1
		g, lead := trimSpace(group)
		if g == "" {
			continue
		}
		spans, err := parseGroup(s, start+lead, g)
		if err != nil {
			return nil, err
		}
		w = append(w, spans...)
	}
	return w, nil
}

// MustParseWeek is ParseWeek for literals known to be valid; it panics on
// error.
func MustParseWeek(s string) Week {
	w, err := ParseWeek(s)
	if err != nil {
		panic(err)
	}
	return w
}

// String writes the week in the compact form, one group per span, joined by
// "; ". ParseWeek reads it back to the same spans.
func (w Week) String() string {
	parts := make([]string, len(w))
	for i, s := range w {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}

// Validate returns the first invalid span's error.
func (w Week) Validate() error {
	for _, s := range w {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Hours returns the wall-clock time the week's spans cover, counting
// overlapping spans once per span (the weekly hours someone is rostered).
func (w Week) Hours() time.Duration {
	var d time.Duration
	for _, s := range w {
		d += time.Duration(s.Days.Count()) * s.Length()
	}
	return d
}

// MarshalText implements encoding.TextMarshaler.
func (w Week) MarshalText() ([]byte, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	return []byte(w.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *Week) UnmarshalText(b []byte) error {
	v, err := ParseWeek(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// trimSpace trims Unicode white space and returns how many bytes were cut
// from the front.
func trimSpace(s string) (string, int) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	lead := len(s) - len(t)
	return strings.TrimRightFunc(t, unicode.IsSpace), lead
}

// parseGroup parses "days intervals" that starts at byte off of whole.
func parseGroup(whole string, off int, g string) ([]Span, error) {
	i := strings.IndexFunc(g, unicode.IsSpace)
	if i < 0 {
		return nil, syntaxErr("week", whole, off+len(g), "missing times after the days")
	}
	days, err := parseDays(whole, off, g[:i])
	if err != nil {
		return nil, err
	}
	var spans []Span
	pos := off + i
	for iv := range splitAny(g[i:], ",、") {
		t, lead := trimSpace(iv)
		if r, _ := utf8.DecodeRuneInString(t); len(spans) > 0 && !unicode.IsDigit(r) {
			// Not a time: the days of the next group ("…、土 9:00〜12:00").
			more, err := parseGroup(whole, pos+lead, strings.TrimRightFunc(g[pos+lead-off:], unicode.IsSpace))
			return append(spans, more...), err
		}
		start, end, err := parseClockRange(whole, pos+lead, t)
		if err != nil {
			return nil, err
		}
		sp := Span{Days: days, Start: start, End: end}
		if err := sp.Validate(); err != nil {
			return nil, syntaxErr("week", whole, pos+lead, "start equals end (write 00:00-24:00 for a whole day)")
		}
		spans = append(spans, sp)
		pos += len(iv) + sepLen(g, pos-off+len(iv))
	}
	return spans, nil
}

// splitAny splits s at any of the separator runes, keeping offsets
// recoverable with sepLen.
func splitAny(s, seps string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for {
			i := strings.IndexAny(s, seps)
			if i < 0 {
				yield(s)
				return
			}
			if !yield(s[:i]) {
				return
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			s = s[i+n:]
		}
	}
}

// sepLen returns the byte length of the separator rune at s[i], 0 at the end.
func sepLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}

var dayWords = map[string]Weekdays{
	"daily": EveryDay, "everyday": EveryDay, "毎日": EveryDay,
	"weekdays": Days(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday),
	"平日":       Days(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday),
	"weekends": Days(time.Saturday, time.Sunday),
	"土日":       Days(time.Saturday, time.Sunday),
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday, "日": time.Sunday,
	"mon": time.Monday, "monday": time.Monday, "月": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday, "火": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday, "水": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday, "木": time.Thursday,
	"fri": time.Friday, "friday": time.Friday, "金": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday, "土": time.Saturday,
}

func lookupDay(s string) (time.Weekday, bool) {
	k := strings.ToLower(s)
	k = strings.TrimSuffix(strings.TrimSuffix(k, "曜日"), "曜")
	d, ok := dayNames[k]
	return d, ok
}

// parseDays parses a day set such as "Mon-Fri,Sun" at byte off of whole.
func parseDays(whole string, off int, s string) (Weekdays, error) {
	if w, ok := dayWords[strings.ToLower(s)]; ok {
		return w, nil
	}
	var w Weekdays
	pos := off
	for item := range splitAny(s, ",、・") {
		if item == "" {
			return 0, syntaxErr("week", whole, pos, "empty day")
		}
		if dw, ok := dayWords[strings.ToLower(item)]; ok {
			w |= dw
		} else if i, n := indexRangeSep(item); i >= 0 {
			a, ok1 := lookupDay(item[:i])
			b, ok2 := lookupDay(item[i+n:])
			if !ok1 {
				return 0, syntaxErr("week", whole, pos, "unknown day "+strconv.Quote(item[:i]))
			}
			if !ok2 {
				return 0, syntaxErr("week", whole, pos+i+n, "unknown day "+strconv.Quote(item[i+n:]))
			}
			for d := a; ; d = (d + 1) % 7 {
				w |= 1 << d
				if d == b {
					break
				}
			}
		} else if d, ok := lookupDay(item); ok {
			w |= 1 << d
		} else if ds, ok := kanjiDays(item); ok {
			w |= ds
		} else {
			msg := "unknown day " + strconv.Quote(item)
			if strings.Contains(item, "祝") {
				msg += " (a weekly shift has no holidays: write the days, and leave on holidays as exceptions)"
			}
			return 0, syntaxErr("week", whole, pos, msg)
		}
		pos += len(item) + sepLen(whole, pos+len(item))
	}
	return w, nil
}

// kanjiDays reads days written one kanji each with nothing between, such
// as 月水金.
func kanjiDays(s string) (Weekdays, bool) {
	var w Weekdays
	for _, r := range s {
		d, ok := dayNames[string(r)]
		if !ok || r < 0x80 {
			return 0, false
		}
		w |= 1 << d
	}
	return w, s != ""
}

// rangeSeps are the dashes and tildes accepted between the ends of a range.
var rangeSeps = []string{"-", "–", "〜", "～"}

// indexRangeSep finds the first range separator, returning its index and
// byte length, or -1.
func indexRangeSep(s string) (int, int) {
	best, n := -1, 0
	for _, sep := range rangeSeps {
		if i := strings.Index(s, sep); i >= 0 && (best < 0 || i < best) {
			best, n = i, len(sep)
		}
	}
	return best, n
}

// parseClockRange parses "09:00-18:00" at byte off of whole.
func parseClockRange(whole string, off int, s string) (time.Duration, time.Duration, error) {
	i, n := indexRangeSep(s)
	if i < 0 {
		return 0, 0, syntaxErr("week", whole, off, "want a time range such as 09:00-18:00")
	}
	a, b := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:])
	start, ok := parseClock(a)
	if !ok || start == 24*time.Hour {
		return 0, 0, syntaxErr("week", whole, off, "bad start time "+strconv.Quote(a)+" (want HH:MM from 00:00 to 23:59)")
	}
	b, nextDay := strings.CutPrefix(b, "翌")
	end, ok := parseClock(b)
	if !ok {
		return 0, 0, syntaxErr("week", whole, off+i+n, "bad end time "+strconv.Quote(b)+" (want HH:MM from 00:00 to 24:00)")
	}
	if nextDay && end > start {
		return 0, 0, syntaxErr("week", whole, off+i+n, "翌 marks an end on the next day, but the shift would last more than a day")
	}
	return start, end, nil
}

// parseClock parses H:MM or HH:MM, 00:00 to 24:00, also with full-width
// digits and colon, and H時 or H時MM分.
func parseClock(s string) (time.Duration, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '：':
			return ':'
		}
		return r
	}, s)
	if h, rest, ok := strings.Cut(s, "時"); ok {
		m, ok := strings.CutSuffix(rest, "分")
		if rest == "" {
			m = "00"
		} else if !ok {
			return 0, false
		}
		if len(m) == 1 {
			m = "0" + m
		}
		s = h + ":" + m
	}
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !digits(h) || !digits(m) {
		return 0, false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 24 || mm > 59 || hh == 24 && mm != 0 {
		return 0, false
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
