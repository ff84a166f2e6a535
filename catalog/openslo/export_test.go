package openslo_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/openslo"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const deskDesign = `apiVersion: opsdesign/v1
kind: Calendar
metadata:
  name: jp-office
  title: 本社営業日
spec:
  timeZone: Asia/Tokyo
  hours: ["mon-fri 09:00-12:00", "mon-fri 13:00-18:00"]
  holidays: [jp]
  closures: ["12-29..01-03"]
  closedDates: ["2026-06-19"]
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: inquiry-resolution
  title: 問い合わせ解決
spec:
  kind: attainment
  measure: resolution
  target: 95%
  window: month
  calendar: jp-office
  severities: [至急, 通常]
  rules:
    - {severities: [至急], within: 4bh}
    - {within: 1bd}
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: point-api
spec:
  kind: ratio
  target: 0.995
  window: 30d
  threshold: 800ms
  alerts:
    - {name: page-fast, action: page, long: 1h, burnRate: 14.4}
    - {name: ticket-slow, action: ticket, long: 3d, short: 6h, burnRate: 1}
`

// Objectives export as OpenSLO v1; loading the export gives back the same
// objectives, and exporting them again writes the same bytes. The export
// is pinned in testdata/openslo/export.golden (refresh with -update).
func TestExportRoundTrip(t *testing.T) {
	foreign, err := os.ReadFile("../../testdata/openslo/valid/shop.yaml")
	require.NoError(t, err)
	services := `apiVersion: opsdesign/v1
kind: Service
metadata:
  name: member-desk
spec:
  state: active
  owner: nobody
  offerings:
    - name: inquiries
      objectives: [inquiry-resolution, point-api]
`
	d := catalog.Parse(catalog.Source{Name: "desk.yaml", Data: []byte(deskDesign)}, catalog.Source{Name: "services.yaml", Data: []byte(services)},
		catalog.Source{Name: "shop.yaml", Data: foreign})
	require.Empty(t, d.Diagnostics())
	var first bytes.Buffer
	found, err := openslo.Export(&first, d, openslo.V1)
	require.NoError(t, err)
	require.Empty(t, found)

	golden := "../../testdata/openslo/export.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, first.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), first.String())

	// The export stands on its own: the Calendar its objectives name
	// travels in the first SLO naming it (OpenSLO has no calendars).
	back := catalog.Parse(catalog.Source{Name: "export.yaml", Data: first.Bytes()})
	assert.Empty(t, rules.Lint(back), "the export is clean OpenSLO")
	require.Len(t, back.Calendars, 1)
	assert.Equal(t, "jp-office", back.Calendars[0].Name)
	require.Len(t, back.Objectives, len(d.Objectives))
	for i, o := range d.Objectives {
		b := back.Objectives[i]
		assert.Equal(t, o.Name, b.Name)
		assert.Equal(t, o.Title, b.Title)
		assert.Equal(t, o.Description, b.Description)
		assert.Equal(t, o.Kind, b.Kind, o.Name)
		assert.Equal(t, o.Target, b.Target, o.Name)
		assert.Equal(t, o.Window, b.Window, o.Name)
		assert.Equal(t, o.Measure, b.Measure, o.Name)
		assert.Equal(t, o.Rules, b.Rules, o.Name)
		assert.Equal(t, o.Severities, b.Severities, o.Name)
		assert.Equal(t, o.Threshold, b.Threshold, o.Name)
		assert.Equal(t, o.Slice, b.Slice, o.Name)
		assert.Equal(t, o.SliceTarget, b.SliceTarget, o.Name)
		assert.Equal(t, o.Alerts, b.Alerts, o.Name)
		assert.Equal(t, o.CalendarRef.Name, b.CalendarRef.Name, o.Name)
		assert.Equal(t, o.Calendar.Location().String(), b.Calendar.Location().String(), o.Name)
		require.NoError(t, b.Err())
	}
	var second bytes.Buffer
	found, err = openslo.Export(&second, back, openslo.V1)
	require.NoError(t, err)
	require.Empty(t, found)
	assert.Equal(t, first.String(), second.String())
}

func TestExportErrors(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: perfect
spec: {kind: ratio, target: 100%, window: 30d, service: web}
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: orphan
spec: {kind: ratio, target: 99%, window: 30d}
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: 窓口応答
spec: {kind: ratio, target: 99%, window: 30d, service: web}
---
apiVersion: opsdesign/v1
kind: Objective
metadata:
  name: fine
spec: {kind: ratio, target: 99%, window: 30d, service: web}
`
	d := parse("e.yaml", src)
	var out bytes.Buffer
	found, err := openslo.Export(&out, d, openslo.V1)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"openslo/not-converted 5:29 /spec/target",
		"openslo/not-converted 11:1 /spec",
		"openslo/not-converted 16:9 /metadata/name",
	}, keys(found))
	assert.Contains(t, found[0].Message, `objective "perfect" is not exported: OpenSLO targets lie below 1`)
	assert.Contains(t, found[1].Message, `"orphan" is not exported: it belongs to no service`)
	assert.Contains(t, found[2].Message, `"窓口応答" is not exported: its name is not an RFC 1123 label`)
	back := parse("back.yaml", out.String())
	require.Len(t, back.Objectives, 1, "the others are still written")
	assert.Equal(t, "fine", back.Objectives[0].Name)
}

// Objectives export to v1alpha and v2alpha through v1: an opsdesign
// objective's SLO converts like any other, every loss reported at the
// objective, and what is written is clean OpenSLO of that version. An
// OpenSLO SLO of Prometheus queries exports to v1alpha as Sloth reads it.
func TestExportVersions(t *testing.T) {
	foreign := readFile(t, "../../testdata/openslo/v1alpha/valid/coffee.yaml")
	shop := readFile(t, "../../testdata/openslo/valid/shop.yaml")
	d := catalog.Parse(catalog.Source{Name: "desk.yaml", Data: []byte(deskDesign)}, catalog.Source{Name: "coffee.yaml", Data: foreign},
		catalog.Source{Name: "shop.yaml", Data: shop},
		catalog.Source{Name: "services.yaml", Data: []byte("apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: member-desk}\nspec:\n  state: active\n  owner: nobody\n  offerings:\n    - {name: inquiries, objectives: [inquiry-resolution, point-api]}\n")})
	require.Empty(t, d.Diagnostics())
	for to, want := range map[openslo.Version][]string{
		openslo.V1alpha: {
			"coffee.yaml openslo/conversion-loss 6:7 /kind",         // the Service: a v1alpha export is SLOs alone, as Sloth reads them
			"desk.yaml openslo/conversion-loss 18:1 /spec",          // inquiry-resolution's rules travel in annotations
			"desk.yaml openslo/conversion-loss 33:1 /spec",          // point-api's annotations
			"desk.yaml openslo/conversion-loss 39:7 /spec/alerts/0", // and alert tiers
			"shop.yaml openslo/conversion-loss 4:7 /kind",           // the Service
			"shop.yaml openslo/conversion-loss 12:7 /kind",          // the DataSource, written inline
			"shop.yaml openslo/conversion-loss 21:7 /kind",          // the SLI likewise
			"shop.yaml openslo/conversion-loss 37:3 /metadata/labels",
			"shop.yaml openslo/conversion-loss 40:3 /metadata/annotations",
			"shop.yaml openslo/conversion-loss 55:3 /spec/alertPolicies",
			"shop.yaml openslo/conversion-loss 59:7 /kind",
			"shop.yaml openslo/conversion-loss 72:7 /kind",
			"shop.yaml openslo/conversion-loss 85:7 /kind",
		},
		openslo.V2alpha: {
			"coffee.yaml openslo/not-converted 60:14 /spec/timeWindows/0/count", // a calendar month has no v2alpha form
			"desk.yaml openslo/not-converted 22:11 /spec/window",                // likewise
			"shop.yaml openslo/conversion-loss 38:5 /metadata/labels/team",
		},
	} {
		t.Run(to.Short(), func(t *testing.T) {
			var out bytes.Buffer
			found, err := openslo.Export(&out, d, to)
			require.NoError(t, err)
			var got []string
			for i, dg := range found {
				got = append(got, dg.Pos.File+" "+keys(found[i : i+1])[0])
				if dg.Rule == openslo.RuleNotConverted {
					assert.Equal(t, catalog.Error, dg.Severity)
				}
			}
			assert.Equal(t, want, got)
			back := parse("export.yaml", out.String())
			for _, dg := range rules.Lint(back) {
				assert.NotEqual(t, catalog.Error, dg.Severity, "%v\n%s", dg, out.String())
				assert.NotEqual(t, "openslo/spec-sdk-disagreement", dg.Rule, "%v\n%s", dg, out.String())
			}
		})
	}
}

// Each Calendar the exported objectives name is written once, into the
// first SLO naming it; loading the export reads it as a Calendar of the
// file, each value at its own line and column, so a mistake made while
// editing the export is reported where it is.
func TestExportCarriesCalendars(t *testing.T) {
	second := "---\napiVersion: opsdesign/v1\nkind: Objective\nmetadata: {name: inquiry-first-answer}\nspec: {kind: attainment, service: member-desk, measure: first-response, target: 90%, window: month, calendar: jp-office, rules: [{within: 4bh}]}\n" +
		"---\napiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: member-desk}\nspec: {state: active, owner: nobody, offerings: [{name: inquiries, objectives: [inquiry-resolution, point-api, inquiry-first-answer]}]}\n"
	d := catalog.Parse(catalog.Source{Name: "desk.yaml", Data: []byte(deskDesign + second)})
	require.Empty(t, d.Diagnostics())
	var out bytes.Buffer
	found, err := openslo.Export(&out, d, openslo.V1)
	require.NoError(t, err)
	require.Empty(t, found)
	text := out.String()
	assert.Equal(t, 1, strings.Count(text, catalog.AnnotationCalendarDocument+": |"), text)
	assert.Equal(t, 2, strings.Count(text, catalog.AnnotationCalendar+": jp-office"), text)

	lineCol := func(src, needle string) (int, int) {
		i := strings.Index(src, needle)
		require.GreaterOrEqual(t, i, 0, needle)
		line := strings.Count(src[:i], "\n") + 1
		return line, i - strings.LastIndex(src[:i], "\n")
	}
	for _, tc := range []struct{ from, to, rule, at string }{
		{"timeZone: Asia/Tokyo", "timeZon: Asia/Tokyo", "schema/unknown-key", "timeZon"},
		{"timeZone: Asia/Tokyo", "timeZone: Asia/Tokio", "slo/invalid-calendar", "Asia/Tokio"},
	} {
		edited := strings.Replace(text, tc.from, tc.to, 1)
		back := catalog.Parse(catalog.Source{Name: "export.yaml", Data: []byte(edited)})
		line, col := lineCol(edited, tc.at)
		var got []string
		for _, dg := range append(back.Diagnostics(), rules.Lint(back)...) {
			got = append(got, fmt.Sprintf("%s %d:%d", dg.Rule, dg.Pos.Line, dg.Pos.Column))
		}
		assert.Contains(t, got, fmt.Sprintf("%s %d:%d", tc.rule, line, col), tc.to)
	}
}
