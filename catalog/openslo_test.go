package catalog_test

import (
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
