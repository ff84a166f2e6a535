package catalog_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
)

// findings lists diagnostics as "rule line:col path".
func findings(diags catalog.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%s %d:%d %s", d.Rule, d.Pos.Line, d.Pos.Column, d.Path))
	}
	return out
}

// Valid v1alpha files lint clean, lists included, and their SLOs are
// objectives like v1's.
func TestOpenSLOV1alphaValidIsClean(t *testing.T) {
	d, err := catalog.Load(opensloDir + "/v1alpha/valid")
	require.NoError(t, err)
	assert.Empty(t, rules.Lint(d))
	assert.Len(t, d.OpenSLO.SLOs, 3)
	assert.Len(t, d.OpenSLO.Services, 1)
	for _, o := range d.Objectives {
		if o.SLO.Name != "register-sync" {
			require.NoError(t, o.Err(), o.Name)
		}
		assert.Equal(t, catalog.OpenSLOV1alphaAPIVersion, o.Doc.APIVersion)
	}

	avail := d.Objective("order-availability")
	require.NotNil(t, avail)
	assert.Equal(t, slo.RatioObjective, avail.Kind)
	assert.Equal(t, "99.9%", avail.Target.String())
	assert.Equal(t, slo.Rolling(30*24*time.Hour), avail.Window)
	assert.Equal(t, "order-api", avail.Service.Name)
	assert.Equal(t, "Orders succeed", avail.Title)
	ratio := avail.SLO.ObjectiveIndicators[0].Inline
	require.NotNil(t, ratio)
	assert.True(t, ratio.Ratio.Counter, "incremental")
	assert.Equal(t, "prometheus", ratio.Ratio.Good.Type)
	assert.Equal(t, "promql", ratio.Ratio.Good.Spec["queryType"])
	doc, ptr := avail.Locate("window", -1)
	assert.Equal(t, "/spec/timeWindows/0/count", ptr)
	assert.Equal(t, 38, doc.At(ptr).Line)

	latency := d.Objective("order-latency")
	require.NotNil(t, latency)
	assert.Equal(t, 300*time.Millisecond, latency.Threshold, "thresholdMetric, op lte, value in ms")
	assert.Equal(t, slo.Monthly(), latency.Window)
	assert.Equal(t, "Asia/Tokyo", latency.Calendar.Location().String())

	sync := d.Objective("register-sync#1")
	require.NotNil(t, sync, "an SLO with two objectives gives two")
	assert.Equal(t, slo.TimeSliceObjective, sync.Kind)
	assert.Equal(t, slo.Weekly(), sync.Window)
	assert.ErrorContains(t, sync.Err(), "OpenSLO v1alpha does not say how long a time slice is")
}

// Valid v2alpha files lint clean; references resolve within v2alpha.
func TestOpenSLOV2alphaValidIsClean(t *testing.T) {
	d, err := catalog.Load(opensloDir + "/v2alpha/valid")
	require.NoError(t, err)
	assert.Empty(t, rules.Lint(d))
	o := d.OpenSLO
	assert.Len(t, o.SLOs, 3)
	assert.Len(t, o.SLIs, 1)
	assert.Len(t, o.DataSources, 1)
	assert.Len(t, o.AlertPolicies, 1)
	assert.Len(t, o.AlertConditions, 1)
	assert.Len(t, o.NotificationTargets, 1)
	assert.Equal(t, "パン屋のウェブ注文", o.Services[0].DisplayName, "v2alpha has no displayName: opsdesign.dev/display-name carries it")

	avail := d.Objective("order-availability")
	require.NotNil(t, avail)
	require.NoError(t, avail.Err())
	assert.Equal(t, "99.5%", avail.Target.String())
	assert.Equal(t, slo.Rolling(28*24*time.Hour), avail.Window)
	assert.Equal(t, []slo.AlertTier{{Name: "orders-burn-fast", Action: slo.Page, Long: time.Hour, Short: 5 * time.Minute, BurnRate: 14.4}}, avail.Alerts,
		"the alert policy and its condition, by reference")
	assert.Equal(t, "order-success", avail.SLO.IndicatorRef.Name)
	assert.Equal(t, "/spec/sliRef", avail.SLO.IndicatorRef.Path)

	oven := d.Objective("oven-display")
	require.NotNil(t, oven)
	require.NoError(t, oven.Err())
	assert.Equal(t, 500*time.Millisecond, oven.Threshold)
	assert.Equal(t, 5*time.Minute, oven.Slice)
	assert.Equal(t, "Prometheus", oven.SLO.Indicator.Threshold.Type, "dataSourceSpec")
	assert.Equal(t, "/spec/sli/spec/thresholdMetric", oven.SLO.Indicator.Threshold.Path)

	journey := d.Objective("checkout-journey#0")
	require.NotNil(t, journey)
	assert.Equal(t, "99%", journey.Target.String(), "targetPercent")
	assert.ErrorContains(t, journey.Err(), "RatioTimeslices")
}

// Invalid files of each version: every finding on the line its "# want"
// names.
func TestOpenSLOVersionsInvalid(t *testing.T) {
	catalogtest.Run(t, nil, opensloDir+"/v1alpha/invalid")
	catalogtest.Run(t, nil, opensloDir+"/v2alpha/invalid")
}

// Every finding of the invalid files, pinned by rule, position and path.
func TestOpenSLOVersionsPositions(t *testing.T) {
	for file, want := range map[string][]string{
		"v1alpha/invalid/schema.yaml": {
			"schema/value 6:9 /metadata/name",
			"schema/enum 9:20 /spec/budgetingMethod",
			"schema/value 10:3 /spec/indicator",
			"schema/value 15:15 /spec/objectives/0/target",
			"schema/required 18:9 /spec/objectives/0/ratioMetrics/total/query",
			"schema/enum 20:13 /spec/timeWindows/0/unit",
			"schema/value 21:14 /spec/timeWindows/0/count",
			"schema/required 28:1 /spec/indicator",
			"schema/required 32:7 /spec/objectives/0/timeSliceTarget",
			"schema/value 39:7 /spec/timeWindows/0/calendar",
			"schema/required 51:7 /spec/objectives/0/op",
			"schema/required 51:7 /spec/objectives/0/value",
			"schema/unknown-key 52:7 /spec/objectives/0/threshold",
			"schema/value 53:3 /spec/timeWindows",
			"schema/required 54:7 /spec/timeWindows/0/calendar",
			"schema/value 59:20 /spec/timeWindows/1/calendar/startTime",
			"schema/value 60:19 /spec/timeWindows/1/calendar/timeZone",
			"schema/unknown-kind 63:7 /kind",
		},
		"v1alpha/invalid/portability.yaml": {
			"openslo/spec-sdk-disagreement 7:16 /metadata/displayName",
			"openslo/spec-sdk-disagreement 8:3 /metadata/labels",
			"openslo/spec-sdk-disagreement 13:7 /spec/objectives/0",
			"openslo/spec-sdk-disagreement 15:24 /spec/objectives/0/timeSliceTarget",
			"slo/invalid-objective 15:24 /spec/objectives/0/timeSliceTarget",
			"openslo/spec-sdk-disagreement 16:7 /spec/objectives/0/op",
			"openslo/spec-sdk-disagreement 17:7 /spec/objectives/0/ratioMetric",
			"openslo/spec-sdk-disagreement 20:19 /spec/objectives/0/ratioMetric/total/source",
			"openslo/spec-sdk-disagreement 23:11 /spec/objectives/0/ratioMetric/total/metadata",
			"openslo/spec-sdk-disagreement 25:13 /spec/timeWindows/0/unit",
			"openslo/spec-sdk-disagreement 26:14 /spec/timeWindows/0/count",
			"openslo/spec-sdk-disagreement 38:3 /spec/objectives",
			"openslo/unknown-service 49:12 /spec/service",
			"openslo/spec-sdk-disagreement 52:7 /spec/objectives/0",
		},
		"v2alpha/invalid/schema.yaml": {
			"schema/unknown-key 7:3 /metadata/displayName",
			"schema/type 9:5 /metadata/labels/team",
			"schema/value 17:40 /spec/sli/spec/ratioMetric/good/dataSourceSpec",
			"schema/required 18:9 /spec/sli/spec/ratioMetric/total/dataSourceRef",
			"schema/value 19:3 /spec/sliRef",
			"openslo/unresolved-ref 19:11 /spec/sliRef",
			"schema/value 22:17 /spec/timeWindow/0/duration",
			"schema/value 26:7 /spec/objectives/0/targetPercent",
			"schema/required 32:1 /spec/sli",
			"schema/required 39:7 /spec/objectives/0/timeSliceTarget",
			"schema/required 39:7 /spec/objectives/0/timeSliceWindow",
			"schema/required 47:3 /spec/condition/op",
			"schema/value 50:21 /spec/condition/lookbackWindow",
		},
		"v2alpha/invalid/portability.yaml": {
			"openslo/spec-sdk-disagreement 6:9 /metadata/name",
			"openslo/spec-sdk-disagreement 8:11 /metadata/labels/team",
			"openslo/spec-sdk-disagreement 9:1 /spec",
			"openslo/spec-sdk-disagreement 21:7 /spec/objectives/0/labels",
			"openslo/spec-sdk-disagreement 22:7 /spec/objectives/0/op",
			"openslo/spec-sdk-disagreement 25:24 /spec/objectives/0/timeSliceWindow",
			"openslo/spec-sdk-disagreement 33:3 /spec/condition",
			"openslo/spec-sdk-disagreement 33:3 /spec/condition",
			"openslo/spec-sdk-disagreement 36:21 /spec/condition/lookbackWindow",
		},
	} {
		t.Run(file, func(t *testing.T) {
			d, err := catalog.Load(opensloDir + "/" + file)
			require.NoError(t, err)
			diags := rules.Lint(d)
			assert.Equal(t, want, findings(diags))
			for _, dg := range diags.ByRule("openslo/spec-sdk-disagreement") {
				assert.Equal(t, catalog.Warning, dg.Severity, "a disagreement is never an error: %v", dg)
			}
		})
	}
}

// An apiVersion that is a typo is a warning with "did you mean", and the
// document is still checked, as the version it reads best as; it stays
// out of the model. Only a kind no version knows makes it foreign.
func TestUnknownAPIVersion(t *testing.T) {
	catalogtest.Run(t, nil, opensloDir+"/apiversion")
	d, err := catalog.Load(opensloDir + "/apiversion/typos.yaml")
	require.NoError(t, err)
	diags := rules.Lint(d)
	assert.Equal(t, []string{
		"schema/unknown-api-version 3:13 /apiVersion",
		"schema/value 12:17 /spec/timeWindow/0/duration",
		"schema/unknown-api-version 17:13 /apiVersion",
		"schema/unknown-api-version 31:13 /apiVersion",
		"schema/required 39:1 /apiVersion",
		"schema/type 43:11 /spec/target",
		"schema/unknown-api-version 45:13 /apiVersion",
		"schema/foreign-document 52:13 /apiVersion",
	}, findings(diags))
	msg := func(i int) string { return diags[i].Message }
	assert.Contains(t, msg(0), `unknown apiVersion "opensol/v1" for kind SLO; did you mean "openslo/v1"? It is checked as openslo/v1, but not read into the design`)
	assert.Contains(t, msg(2), `did you mean "openslo/v1" or "openslo.com/v2alpha"? It is checked as openslo.com/v2alpha, which it reads best as`)
	assert.Contains(t, msg(3), `unknown apiVersion "foo" for kind Service. It is checked as openslo/v1, which it reads best as`)
	assert.Contains(t, msg(4), `missing required key "apiVersion". It is checked as openslo/v1, which it reads best as`)
	assert.Contains(t, msg(6), `did you mean "opsdesign/v1"?`)
	assert.Contains(t, msg(7), "(it reads opsdesign/v1, openslo/v1alpha, openslo/v1, openslo.com/v2alpha); it is kept but not checked")
	for _, i := range []int{0, 2, 3, 6} {
		assert.Equal(t, catalog.Warning, diags[i].Severity)
	}
	assert.Empty(t, d.Objectives, "a typo keeps a document out of the model")
	assert.Empty(t, d.OpenSLO.SLOs)
	assert.Empty(t, d.Roles)
}
