package catalog_test

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
)

const opensloDir = "../testdata/openslo"

// A directory of valid OpenSLO files lints clean, lists included, and its
// objects join the model with their references resolved.
func TestOpenSLOValidIsClean(t *testing.T) {
	d, err := catalog.Load(opensloDir + "/valid")
	require.NoError(t, err)
	assert.Empty(t, rules.Lint(d))

	o := d.OpenSLO
	assert.Len(t, o.SLOs, 3)
	assert.Len(t, o.SLIs, 2)
	assert.Len(t, o.Services, 1)
	assert.Len(t, o.DataSources, 1)
	assert.Len(t, o.AlertPolicies, 1)
	assert.Len(t, o.AlertConditions, 1)
	assert.Len(t, o.NotificationTargets, 1)

	// An element of a list is a document of its own, positioned where it
	// starts.
	raw := o.SLIs[0]
	assert.Equal(t, "search-success-ratio", raw.Name)
	assert.Equal(t, catalog.Pos{File: "../testdata/openslo/valid/basket-list.yaml", Line: 59, Column: 3}, raw.Doc.Start)
	assert.Equal(t, catalog.Pos{File: "../testdata/openslo/valid/basket-list.yaml", Line: 62, Column: 11}, raw.Doc.At("/metadata/name"))
	require.NotNil(t, raw.Ratio)
	assert.Equal(t, "success", raw.Ratio.RawType)

	// Every SLO objective is an objective of the design, in load order.
	var ids []string
	for _, ob := range d.Objectives {
		ids = append(ids, ob.Name)
		require.NoError(t, ob.Err(), ob.Name)
	}
	assert.Equal(t, []string{"basket-availability", "delivery-slot-booking", "checkout-fast"}, ids)

	checkout := d.Objective("checkout-fast")
	assert.Equal(t, slo.RatioObjective, checkout.Kind)
	assert.Equal(t, "99%", checkout.Target.String())
	assert.Equal(t, slo.Rolling(28*24*time.Hour), checkout.Window)
	assert.Equal(t, 300*time.Millisecond, checkout.Threshold, "a thresholdMetric read through indicatorRef, op lt, value in ms")
	assert.Equal(t, []slo.AlertTier{{Name: "checkout-burn-fast", Action: slo.Page, Long: time.Hour, Short: 5 * time.Minute, BurnRate: 14.4}}, checkout.Alerts)
	assert.Equal(t, "web-shop", checkout.Service.Name)
	assert.Equal(t, []string{"storefront", "payments"}, checkout.SLO.Labels["team"])
	assert.Equal(t, []string{"1"}, checkout.SLO.Labels["tier"])

	basket := d.Objective("basket-availability")
	assert.Equal(t, slo.TimeSliceObjective, basket.Kind)
	assert.Equal(t, 5*time.Minute, basket.Slice)
	assert.Equal(t, "95%", basket.SliceTarget.String())
	assert.Equal(t, slo.Monthly(), basket.Window)
	assert.Equal(t, "Asia/Tokyo", basket.Calendar.Location().String())
	assert.Equal(t, []slo.AlertTier{{Name: "basket-burn-slow", Action: slo.Ticket, Long: 72 * time.Hour, Short: 6 * time.Hour, BurnRate: 1}}, basket.Alerts)
	doc, ptr := basket.Locate("alerts", 0)
	assert.Equal(t, "/spec/alertPolicies/0/spec/conditions/0/spec/condition/threshold", ptr)
	assert.Equal(t, 55, doc.At(ptr).Line)

	delivery := d.Objective("delivery-slot-booking")
	assert.Equal(t, "99.5%", delivery.Target.String(), "targetPercent")
	assert.Equal(t, slo.Weekly(), delivery.Window, "a week from a Monday midnight")
	assert.Equal(t, "配送枠予約", delivery.Title)
}

// Invalid OpenSLO files: every finding on the line its "# want" names.
func TestOpenSLOInvalid(t *testing.T) {
	catalogtest.Run(t, nil, opensloDir+"/invalid")
}

// The points where the OpenSLO specification and its go-sdk disagree are
// warnings, never errors; in a list file they point into the element.
func TestOpenSLOSpecSDKDisagreement(t *testing.T) {
	src := `- apiVersion: openslo/v1
  kind: AlertCondition
  metadata:
    name: CpuBurn
  spec:
    severity: page
    condition:
      kind: burnrate
      threshold: 2
      lookbackWindow: 1h
- apiVersion: openslo/v1
  kind: SLO
  metadata:
    name: web
  spec:
    service: web
    indicator:
      metadata: {name: web-ratio}
      spec:
        ratioMetric:
          counter: true
          good: {metricSource: {type: Prometheus, spec: {query: ok}}}
          total: {metricSource: {type: Prometheus, spec: {query: all}}}
    timeWindow: [{duration: 1w, isRolling: true}]
    budgetingMethod: Occurrences
    objectives:
      - displayName: Good
        op: gt
        target: 0.995
`
	d := parse("list.yaml", src)
	diags := rules.Lint(d)
	assert.Equal(t, []key{
		{"openslo/spec-sdk-disagreement", 4, 11, "/metadata/name"},
		{"openslo/spec-sdk-disagreement", 7, 5, "/spec/condition"},
		{"openslo/spec-sdk-disagreement", 28, 9, "/spec/objectives/0/op"},
	}, keys(diags))
	for _, dg := range diags {
		assert.Equal(t, catalog.Warning, dg.Severity, dg.String())
	}
}

// An opsdesign Service and an OpenSLO Service of the same name are one
// service (the opsdesign one claims the other), not a duplicate; two
// OpenSLO objects of one name are fine until something refers to them.
func TestOpenSLOClaimAndDuplicates(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Service
metadata:
  name: web-shop
spec:
  state: active
  owner: nobody
---
apiVersion: openslo/v1
kind: Service
metadata:
  name: web-shop
---
apiVersion: openslo/v1
kind: Service
metadata:
  name: web-shop
spec:
  description: The same name again, as the go-sdk's own examples do.
`
	d := parse("s.yaml", src)
	assert.Empty(t, rules.Lint(d).ByRule("name/duplicate"))
	assert.Len(t, d.Services, 1)
	assert.Len(t, d.OpenSLO.Services, 2)
}

// Windows and budgeting package slo does not model are kept and loaded,
// but the objective says why it cannot be evaluated.
func TestOpenSLOUnsupported(t *testing.T) {
	src := `apiVersion: openslo/v1
kind: SLO
metadata:
  name: weekly-from-saturday
spec:
  service: web
  indicatorRef: x
  timeWindow:
    - duration: 1w
      isRolling: false
      calendar: {startTime: "2022-01-01 12:00:00", timeZone: America/New_York}
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: averaged-slices
spec:
  service: web
  indicatorRef: x
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: RatioTimeslices
  objectives:
    - {displayName: a, target: 0.99, timeSliceWindow: 1m}
    - {displayName: b, target: 0.9, timeSliceWindow: 1m}
`
	d := parse("u.yaml", src)
	require.Len(t, d.Objectives, 3)
	assert.ErrorContains(t, d.Objective("weekly-from-saturday").Err(), "a week window starting Sat 2022-01-01 12:00 is not modelled")
	a := d.Objective("averaged-slices#0")
	require.NotNil(t, a)
	assert.Equal(t, "a", a.Title)
	assert.Equal(t, "/spec/objectives/0", a.Path)
	assert.ErrorContains(t, a.Err(), "RatioTimeslices")
	assert.NotNil(t, d.Objective("averaged-slices#1"))
}

// Objectives export as OpenSLO v1; loading the export gives back the same
// objectives, and exporting them again writes the same bytes. The export
// is pinned in testdata/openslo/export.golden (refresh with -update).
func TestExportRoundTrip(t *testing.T) {
	foreign, err := os.ReadFile(opensloDir + "/valid/shop.yaml")
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
	require.NoError(t, d.ExportOpenSLO(&first))

	golden := opensloDir + "/export.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, first.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), first.String())

	// Load the export with the calendars it names (OpenSLO has none).
	calendars := deskDesign[:bytes.Index([]byte(deskDesign), []byte("\n---\n"))+1]
	back := catalog.Parse(catalog.Source{Name: "export.yaml", Data: first.Bytes()}, catalog.Source{Name: "cal.yaml", Data: []byte(calendars)})
	assert.Empty(t, rules.Lint(back), "the export is clean OpenSLO")
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
	require.NoError(t, back.ExportOpenSLO(&second))
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
	err := d.ExportOpenSLO(&out)
	require.Error(t, err)
	assert.True(t, errors.Is(err, catalog.ErrExport))
	assert.ErrorContains(t, err, `"perfect": OpenSLO targets lie below 1`)
	assert.ErrorContains(t, err, `"orphan": it belongs to no service`)
	assert.ErrorContains(t, err, `"窓口応答": its name is not an RFC 1123 label`)
	back := parse("back.yaml", out.String())
	require.Len(t, back.Objectives, 1, "the others are still written")
	assert.Equal(t, "fine", back.Objectives[0].Name)
}
