package catalog_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// FuzzRoster feeds arbitrary shifts, time zones, exception fields and
// service hours through Design.Roster and the roles/ rules: nothing may
// panic, and every problem must be reported inside the file, on the line
// of the value, at a column the line has.
func FuzzRoster(f *testing.F) {
	for _, s := range [][6]string{
		{"Mon-Fri 09:00-18:00", "Asia/Tokyo", "2025-08-11", "2025-08-15", "13:00-17:00", "24x7"},
		{"月-金 9:00〜12:00、13:00〜18:00; 土 22:00-07:00", "Europe/Berlin", "2025-03-30", "", "", "Mon-Fri 09:00-18:00 Asia/Tokyo"},
		{"Mon-Fry 09:00-18:00", "Asia/Tokio", "2025-13-01", "2025-08-10", "9:00-25:00", "Mon-Fri 09:00-1800 Mars/Base"},
		{"daily 00:00-24:00", "UTC", "2025-02-29", "x", "22:00-07:00", "office"},
		{"", "Local", "", "", "00:00-00:00", "calendar:office"},
		{"Fri-Mon 22:00-07:00;;", "", "0001-01-01", "9999-12-31", "10:00", "  Sat 22:00-07:00 UTC  "},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5])
	}
	f.Fuzz(func(t *testing.T, shift, zone, from, to, hours, svcHours string) {
		q := func(s string) string {
			b, _ := json.Marshal(s)
			return string(b)
		}
		src := fmt.Sprintf(`apiVersion: opsdesign/v1
kind: Service
metadata: {name: s}
spec:
  state: active
  hours: %s
  tasks:
    - {name: t, trigger: {event: e}, personalisation: depersonalised, procedure: p}
---
apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec: {timeZone: Asia/Tokyo, hours: ["mon-fri 09:00-18:00"]}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: p}
spec:
  timeZone: %s
  tasks: [s/t]
  shifts: [%s]
  exceptions:
    - {from: %s, to: %s, hours: %s}
`, q(svcHours), q(zone), q(shift), q(from), q(to), q(hours))
		lines := strings.Split(src, "\n")
		d := catalog.Parse(catalog.Source{Name: "f.yaml", Data: []byte(src)})
		_, diags := d.Roster()
		for _, dg := range diags {
			if dg.Rule != catalog.RuleInvalidSchedule || dg.Pos.File != "f.yaml" || dg.Pos.Line < 1 || dg.Pos.Line > len(lines) || dg.Pos.Column < 1 {
				t.Fatalf("bad diagnostic %+v", dg)
			}
			if n := utf8.RuneCountInString(lines[dg.Pos.Line-1]); dg.Pos.Column > n+1 {
				t.Fatalf("column %d past the end of line %d (%d runes): %v", dg.Pos.Column, dg.Pos.Line, n, dg)
			}
		}
		linter := &catalog.Linter{Rules: rules.All(), Now: func() time.Time { return time.Date(2025, 3, 30, 12, 0, 0, 0, time.UTC) }}
		for _, dg := range linter.Lint(d) {
			if dg.Rule == "lint/rule-panic" {
				t.Fatal(dg.Message)
			}
		}
	})
}
