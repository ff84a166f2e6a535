package catalog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
)

// The values of Objective, Calendar and TicketPolicy documents are parsed
// by their own small grammars (business-time durations, windows, targets,
// shifts, closures, dates). These targets fuzz them where users write them,
// inside documents, through loading, linting and evaluation.

// quoted writes s as a YAML double-quoted scalar, whatever it holds.
func quoted(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a valid YAML double-quoted scalar
	return string(b)
}

// checkDiagnostics fails on a malformed finding: every one names a rule,
// has a valid severity and points into the file, within its lines.
func checkDiagnostics(t *testing.T, name string, src string, diags catalog.Diagnostics) {
	t.Helper()
	lines := strings.Count(src, "\n") + 1
	for _, d := range diags {
		if d.Rule == "" || d.Severity < catalog.Info || d.Severity > catalog.Error {
			t.Fatalf("malformed diagnostic %#v", d)
		}
		if d.Pos.File != name && d.Pos.File != "" {
			t.Fatalf("diagnostic points at %q, not %q: %v", d.Pos.File, name, d)
		}
		if d.Pos.Line < 0 || d.Pos.Line > lines || d.Pos.Column < 0 {
			t.Fatalf("position outside the file of %d lines: %v", lines, d)
		}
	}
}

var fuzzNow = time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)

// FuzzObjectiveDocument writes fuzzed targets, windows and time-to-event
// targets ("4bh", "1bd", "30m") into an attainment and a time-slice Objective. An
// objective whose Err is nil must evaluate without an error.
func FuzzObjectiveDocument(f *testing.F) {
	for _, s := range [][4]string{
		{"95%", "month", "4bh", "30m"}, {"99.9%", "28d", "1bd", "0bd"}, {"97.5", "quarter", "-1bd", "1h30m"},
		{"120%", "28x", "4xh", "99999999bd"}, {"0.999", "week", "2600bd", "8bh"}, {"", "", "", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, target, window, within, slice string) {
		src := `apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-18:00"], holidays: [jp]}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: response}
spec:
  kind: attainment
  measure: first-response
  target: ` + quoted(target) + `
  window: ` + quoted(window) + `
  calendar: office
  severities: [high, low]
  rules:
    - {severities: [high], within: ` + quoted(within) + `}
    - {within: ` + quoted(slice) + `}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: availability}
spec:
  kind: time-slice
  target: ` + quoted(target) + `
  window: ` + quoted(window) + `
  slice: ` + quoted(slice) + `
  sliceTarget: 99%
`
		d := catalog.Parse(catalog.Source{Name: "o.yaml", Data: []byte(src)})
		diags := rules.Lint(d)
		checkDiagnostics(t, "o.yaml", src, diags)
		start := fuzzNow.Add(-72 * time.Hour)
		outcomes := []slo.Outcome{
			{ID: "a", Severity: "high", Start: start, End: start.Add(3 * time.Hour)},
			{ID: "b", Severity: "low", Start: start.Add(time.Hour)},
		}
		var events []slo.Event
		for i := range 200 {
			events = append(events, slo.Event{At: fuzzNow.Add(-time.Duration(i) * 17 * time.Minute), Good: i%7 != 0})
		}
		for _, o := range d.Objectives {
			o.Findings()
			if o.Err() != nil {
				continue
			}
			var err error
			if o.Kind == slo.AttainmentObjective {
				_, err = o.EvaluateOutcomes(outcomes, fuzzNow)
			} else {
				_, err = o.EvaluateEvents(events, fuzzNow)
			}
			if err != nil {
				t.Fatalf("objective %s loads without error but does not evaluate: %v", o.Name, err)
			}
		}
	})
}

// FuzzCalendarDocument writes fuzzed zones, shifts, closures and dates into
// a Calendar. A calendar that builds must answer business-time questions
// with instants no earlier than the one asked about.
func FuzzCalendarDocument(f *testing.F) {
	for _, s := range [][5]string{
		{"Asia/Tokyo", "mon-fri 09:00-18:00", "12-29..01-03", "2026-08-14", "2026-11-21"},
		{"Europe/London", "Mon-Fri 22:00-06:00", "02-29", "2026-13-01", ""},
		{"", "月-金 9:00〜18:00", "01-01..12-31", "", "2026-12-30"},
		{"Asia/Tokio", "sat 00:00-24:00", "12-30..01-02", "2025-02-29", "x"},
		{"America/New_York", "sun 01:30-03:30", "03-08", "2026-03-08", "2026-11-01"},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4])
	}
	f.Fuzz(func(t *testing.T, zone, hours, closure, closed, working string) {
		src := `apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec:
  timeZone: ` + quoted(zone) + `
  hours: [` + quoted(hours) + `]
  holidays: [jp]
  closures: [` + quoted(closure) + `]
  closedDates: [` + quoted(closed) + `]
  workingDates: [` + quoted(working) + `]
`
		d := catalog.Parse(catalog.Source{Name: "c.yaml", Data: []byte(src)})
		checkDiagnostics(t, "c.yaml", src, rules.Lint(d))
		c := d.Calendar("office")
		if c == nil || c.Calendar == nil {
			return
		}
		cal := c.Calendar
		for _, at := range []time.Time{fuzzNow, time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), time.Date(2027, 3, 14, 1, 30, 0, 0, time.UTC)} {
			if next := cal.NextOpen(at); next.Before(at) {
				t.Fatalf("NextOpen(%v) = %v, before it", at, next)
			}
			if dl := cal.BusinessDayDeadline(at, 1); dl.Before(at) {
				t.Fatalf("BusinessDayDeadline(%v, 1) = %v, before it", at, dl)
			}
			if end := cal.AddBusinessTime(at, 4*time.Hour); end.Before(at) {
				t.Fatalf("AddBusinessTime(%v, 4h) = %v, before it", at, end)
			}
			if bt := cal.BusinessTime(at, at.Add(48*time.Hour)); bt < 0 || bt > 48*time.Hour {
				t.Fatalf("BusinessTime over 48h = %v", bt)
			}
		}
	})
}

// FuzzTicketPolicyDocument writes a fuzzed calendar in place and fuzzed
// thresholds into a TicketPolicy. BusinessCalendar must either give a
// calendar or a *catalog.CalendarError at a pointer into the policy.
func FuzzTicketPolicyDocument(f *testing.F) {
	f.Add("Asia/Tokyo", "mon-fri 09:00-18:00", "12-29..01-03", 5, 10, 20)
	f.Add("Asia/Tokio", "mon-fri 09:00-25:00", "02-30", 10, 5, 20)
	f.Add("", "", "", 0, 0, 0)
	f.Add("UTC", "sun 00:00-24:00", "01-01..12-31", -1, 1<<40, 3)
	f.Fuzz(func(t *testing.T, zone, hours, closure string, stale, rotten, closeAfter int) {
		src := `apiVersion: opsdesign/v1
kind: TicketPolicy
metadata: {name: desk}
spec:
  calendar: {timeZone: ` + quoted(zone) + `, hours: [` + quoted(hours) + `], closures: [` + quoted(closure) + `]}
  thresholds: {stale: ` + fmt.Sprint(stale) + `, rotten: ` + fmt.Sprint(rotten) + `, close: ` + fmt.Sprint(closeAfter) + `}
`
		d := catalog.Parse(catalog.Source{Name: "p.yaml", Data: []byte(src)})
		checkDiagnostics(t, "p.yaml", src, rules.Lint(d))
		for _, tp := range d.TicketPolicies {
			cal, err := d.BusinessCalendar(tp)
			if err != nil {
				var ce *catalog.CalendarError
				if !errors.As(err, &ce) || !strings.HasPrefix(ce.Path, "/spec/calendar") {
					t.Fatalf("BusinessCalendar error %v is not a *CalendarError in the calendar", err)
				}
				continue
			}
			if cal != nil {
				cal.BusinessDayDeadline(fuzzNow, 3)
			}
		}
	})
}
