package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/internal/suggest"
	"github.com/opsdesign/opsdesign/slo"
)

// Calendar is a business calendar (kind Calendar): when an organisation
// works. Objectives measure business time on it ("within one business
// day"), and a service may name it as its hours.
//
//	apiVersion: opsdesign/v1
//	kind: Calendar
//	metadata: {name: jp-office}
//	spec:
//	  timeZone: Asia/Tokyo
//	  hours: ["mon-fri 09:00-12:00", "mon-fri 13:00-18:00"]
//	  holidays: [jp]
//	  closures: ["12-29..01-03"]
type Calendar struct {
	Doc   *Document
	Name  string
	Title string
	// Spec is the calendar as written, with every value that could be read;
	// values that could not are left out and reported by slo/invalid-calendar.
	Spec slo.CalendarSpec
	// Calendar is the calendar built from Spec, ready for business-time
	// arithmetic; nil when Spec has a value that could not be read or the
	// calendar cannot be built (it would never be open, say).
	Calendar *slo.Calendar

	problems []problem
}

// problem is a value that could not be read into the model, kept with its
// position for the rule that reports it.
type problem struct {
	rule   string // the rule that reports it
	doc    *Document
	ptr    string
	offset int // byte offset inside the scalar at ptr; -1 for the value as a whole
	msg    string
}

// diagnosticsOf turns problems into errors of their rules, each at the
// exact character when the offset can be mapped into the scalar, at the
// value otherwise.
func diagnosticsOf(problems []problem) Diagnostics {
	out := make(Diagnostics, len(problems))
	for i, p := range problems {
		out[i] = Diagnostic{Rule: p.rule, Severity: Error, Pos: p.doc.offsetPos(p.ptr, p.offset), Path: p.ptr, Message: p.msg}
	}
	return out
}

// Problems returns the values of the calendar that could not be read, and
// why it cannot be built when that is so, each an error of rule
// slo/invalid-calendar at the character where reading stopped, when that
// can be told. The slo/ rules of package catalog/rules report them.
func (c *Calendar) Problems() Diagnostics { return diagnosticsOf(c.problems) }

// offsetPos returns the position of the byte at offset inside the scalar
// at ptr. It maps the offset only for a scalar written on one line, plain
// or quoted without escapes, where the text in the file is the value;
// otherwise it is At(ptr).
func (d *Document) offsetPos(ptr string, offset int) Pos {
	pos := d.At(ptr)
	if d == nil || d.root == nil || offset <= 0 {
		return pos
	}
	_, val, ok := d.root.Locate(ptr)
	if !ok || val == nil || val.Kind() != yaml.ScalarNode || offset > len(val.Value) || strings.ContainsRune(val.Value, '\n') {
		return pos
	}
	switch val.Style() {
	case 0:
	case yaml.DoubleQuotedStyle:
		if strings.ContainsAny(val.Value, `\"`) {
			return pos
		}
		pos.Column++
	case yaml.SingleQuotedStyle:
		if strings.ContainsRune(val.Value, '\'') {
			return pos
		}
		pos.Column++
	default:
		return pos
	}
	pos.Column += utf8.RuneCountInString(val.Value[:offset])
	return pos
}

// parseProblem turns an error from package slo into a problem at ptr,
// pointing inside the value when the error says where.
func parseProblem(rule string, doc *Document, ptr string, err error) problem {
	p := problem{rule: rule, doc: doc, ptr: ptr, offset: -1, msg: err.Error()}
	var pe *slo.ParseError
	if errors.As(err, &pe) {
		p.offset = pe.Offset
		p.msg = fmt.Sprintf("%s %q: %s", pe.What, pe.Input, pe.Msg)
		// A number written otherwise (0777, 1e-400) is quoted as written;
		// a column inside the number it is read as would mislead.
		if v, _ := doc.Lookup(ptr); fmt.Sprint(v) == pe.Input {
			if w := doc.readAs(ptr, pe.Input); w != pe.Input {
				p.offset, p.msg = -1, fmt.Sprintf("%s %s: %s", pe.What, w, pe.Msg)
			}
		}
	}
	return p
}

// emptyHours explains why a calendar's empty list of hours is refused.
const emptyHours = "an empty list of hours could mean never open or always open: leave hours out for a calendar open all day every day, or write the shifts, such as \"mon-fri 09:00-18:00\" (00:00-24:00 for whole days)"

// RuleInvalidCalendar is the rule of the problems Calendar.Problems
// returns.
const RuleInvalidCalendar = "slo/invalid-calendar"

func buildCalendar(doc *Document) *Calendar {
	spec := sub(asObj(doc.Value), "spec")
	const at = "/spec"
	c := &Calendar{Doc: doc, Name: doc.Name, Title: doc.Title}
	bad := func(ptr string, err error) {
		c.problems = append(c.problems, parseProblem(RuleInvalidCalendar, doc, ptr, err))
	}
	c.Spec.TimeZone = str(spec, "timeZone")
	if tz := c.Spec.TimeZone; tz != "" {
		if _, err := time.LoadLocation(tz); err != nil || tz == "Local" {
			c.problems = append(c.problems, problem{rule: RuleInvalidCalendar, doc: doc, ptr: at + "/timeZone", offset: -1,
				msg: fmt.Sprintf("unknown time zone %q: write an IANA name such as Asia/Tokyo", tz)})
		}
	}
	each := func(key string, f func(s, ptr string)) {
		for i, v := range list(spec, key) {
			if s, ok := v.(string); ok {
				f(s, idx(at+"/"+key, i))
			}
		}
	}
	if l, ok := spec["hours"].([]any); ok && len(l) == 0 {
		c.problems = append(c.problems, problem{rule: RuleInvalidCalendar, doc: doc, ptr: at + "/hours", offset: -1, msg: emptyHours})
	}
	each("hours", func(s, ptr string) {
		if sh, err := slo.ParseShift(s); err != nil {
			bad(ptr, err)
		} else {
			c.Spec.Hours = append(c.Spec.Hours, sh)
		}
	})
	known := slo.HolidaySets()
	each("holidays", func(s, ptr string) {
		if !slices.Contains(known, s) {
			c.problems = append(c.problems, problem{rule: RuleInvalidCalendar, doc: doc, ptr: ptr, offset: -1,
				msg: fmt.Sprintf("unknown holiday set %q (known: %s)%s", s, strings.Join(known, ", "), suggest.DidYouMean(s, known))})
			return
		}
		c.Spec.Holidays = append(c.Spec.Holidays, s)
	})
	each("closures", func(s, ptr string) {
		if cl, err := slo.ParseClosure(s); err != nil {
			bad(ptr, err)
		} else {
			c.Spec.Closures = append(c.Spec.Closures, cl)
		}
	})
	for _, key := range []string{"closedDates", "workingDates"} {
		each(key, func(s, ptr string) {
			d, err := slo.ParseDate(s)
			switch {
			case err != nil:
				bad(ptr, err)
			case key == "closedDates":
				c.Spec.ClosedDates = append(c.Spec.ClosedDates, d)
			default:
				c.Spec.WorkingDates = append(c.Spec.WorkingDates, d)
			}
		})
	}
	if len(c.problems) > 0 {
		return c
	}
	cal, err := slo.NewCalendar(c.Spec)
	if err != nil {
		// What is left after every value parsed: a calendar that is never
		// open, such as closures covering the whole year.
		c.problems = append(c.problems, problem{rule: RuleInvalidCalendar, doc: doc, ptr: at, offset: -1,
			msg: strings.TrimPrefix(err.Error(), "slo: calendar: ")})
		return c
	}
	c.Calendar = cal
	return c
}

// Calendar returns the calendar with the name, or nil.
func (d *Design) Calendar(name string) *Calendar {
	for _, c := range d.Calendars {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// around-the-clock spellings of a service's hours that name no Calendar.
func aroundTheClock(hours string) bool {
	switch strings.ToLower(strings.TrimSpace(hours)) {
	case "24x7", "24/7", "24x365", "24/365", "24x7x365", "24h", "24時間", "24時間365日", "365日24時間", "年中無休":
		return true
	}
	return false
}

// calendarName matches what a service's hours write when they name a
// Calendar rather than a schedule: a bare name, or "calendar:name".
var calendarName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i:calendar:)?[\p{Ll}\p{Lo}\p{Lm}0-9][\p{Ll}\p{Lo}\p{Lm}\p{M}0-9._-]*$`)
})

// HoursRef returns the reference to a Calendar that the service's hours
// write, positioned at /spec/hours, and whether they write one: false for
// no hours, around-the-clock hours ("24x7") and a schedule written out.
// The roster turns the Calendar into hours; the slo/ rules report a
// reference that names no Calendar.
func (s *Service) HoursRef() (Ref, bool) {
	h := strings.TrimSpace(s.Hours)
	if h == "" || aroundTheClock(h) || !calendarName().MatchString(h) {
		return Ref{}, false
	}
	return parseRef(h, "/spec/hours"), true
}

// HoursCalendar returns the Calendar a service's hours name, or nil when
// they name none (around the clock, a schedule written out, or nothing).
func (d *Design) HoursCalendar(s *Service) *Calendar {
	if s == nil || aroundTheClock(s.Hours) {
		return nil
	}
	return d.Calendar(strings.TrimSpace(s.Hours))
}
