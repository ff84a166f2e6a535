package openslo_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/openslo"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// A v1alpha set converted to v1 and back is the same set where the
// concepts map: the same objectives (kind, target, window, threshold,
// service, title), the same queries, the same Services; the one loss on
// the way is reported (objectives of different ratios are a composite
// SLO in v1), none on the way back. Converting again writes the same
// bytes.
func TestRoundTripV1alpha(t *testing.T) {
	orig := load(t, "testdata/roundtrip/sloth.yaml")
	require.Empty(t, rules.Lint(orig), "the set is valid v1alpha")

	v1, found := convert(t, orig, openslo.V1)
	assert.Equal(t, []string{"openslo/conversion-loss 84:3 /spec/objectives"}, found, "checkout-payments' objectives read different ratios")
	mid := parse("v1.yaml", v1)
	for _, d := range rules.Lint(mid) {
		assert.NotEqual(t, catalog.Error, d.Severity, d.String())
	}

	back, found := convert(t, mid, openslo.V1alpha)
	assert.Empty(t, found, "nothing is lost on the way back")
	again := parse("v1alpha.yaml", back)
	assert.Empty(t, rules.Lint(again), "the round trip is clean v1alpha:\n%s", back)
	sameObjectives(t, orig, again)
	sameObjectives(t, orig, mid)
	require.Len(t, again.OpenSLO.Services, 1)
	assert.Equal(t, orig.OpenSLO.Services[0].DisplayName, again.OpenSLO.Services[0].DisplayName)
	assert.Equal(t, orig.OpenSLO.Services[0].Description, again.OpenSLO.Services[0].Description)

	v1Again, _ := convert(t, again, openslo.V1)
	assert.Equal(t, v1, v1Again, "v1 is stable")
	backAgain, _ := convert(t, parse("v1.yaml", v1Again), openslo.V1alpha)
	assert.Equal(t, back, backAgain, "v1alpha is stable")
}

// A v1 set converted to v2alpha and back keeps what maps, displayName
// included (in an annotation on the way), and a metric spec that is not a
// query survives v1alpha as JSON.
func TestRoundTripV1(t *testing.T) {
	orig := load(t, "../../testdata/openslo/valid/shop.yaml")
	v2, found := convert(t, orig, openslo.V2alpha)
	assert.Equal(t, []string{"openslo/conversion-loss 38:5 /metadata/labels/team"}, found, "a label of two values")
	mid := parse("v2alpha.yaml", v2)
	assert.Empty(t, rules.Lint(mid), "clean v2alpha:\n%s", v2)
	back, found := convert(t, mid, openslo.V1)
	assert.Empty(t, found)
	again := parse("v1.yaml", back)
	assert.Empty(t, rules.Lint(again))
	sameObjectives(t, orig, again)
	assert.Equal(t, "ウェブショップ", again.OpenSLO.Services[0].DisplayName)

	d := parse("cw.yaml", `apiVersion: openslo/v1
kind: SLO
metadata: {name: cw}
spec:
  service: web
  indicator:
    metadata: {name: cw}
    spec:
      thresholdMetric:
        metricSource:
          type: CloudWatch
          spec: {namespace: Web, metricName: Latency, dimensions: [{name: Stage, value: prod}], period: 60}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{op: lt, value: 200, target: 0.99}]
`)
	alpha, found := convert(t, d, openslo.V1alpha)
	assert.Empty(t, found)
	assert.Contains(t, alpha, "queryType: json")
	v1, found := convert(t, parse("alpha.yaml", alpha), openslo.V1)
	assert.Empty(t, found)
	assert.Equal(t, d.OpenSLO.SLOs[0].Indicator.Threshold.Spec, parse("v1.yaml", v1).OpenSLO.SLOs[0].Indicator.Threshold.Spec)
}

// sameObjectives compares the objectives two designs read, by name.
func sameObjectives(t *testing.T, want, got *catalog.Design) {
	t.Helper()
	require.Len(t, got.Objectives, len(want.Objectives))
	for i, o := range want.Objectives {
		g := got.Objectives[i]
		assert.Equal(t, o.Name, g.Name)
		assert.Equal(t, o.Title, g.Title, o.Name)
		assert.Equal(t, o.Description, g.Description, o.Name)
		assert.Equal(t, o.Service.Name, g.Service.Name, o.Name)
		assert.Equal(t, o.Kind, g.Kind, o.Name)
		assert.Equal(t, o.Target, g.Target, o.Name)
		assert.Equal(t, o.Window, g.Window, o.Name)
		assert.Equal(t, o.Threshold, g.Threshold, o.Name)
		assert.Equal(t, o.Slice, g.Slice, o.Name)
		assert.Equal(t, o.Alerts, g.Alerts, o.Name)
		assert.Equal(t, o.Calendar.Location().String(), g.Calendar.Location().String(), o.Name)
		assert.Equal(t, sources(o), sources(g), o.Name)
	}
}

// sources lists where an objective's SLI reads its metrics: type and spec.
func sources(o *catalog.Objective) []any {
	s := o.SLO
	var sli *catalog.SLI
	for k, ind := range s.ObjectiveIndicators {
		if s.Objectives[k] == o {
			sli = ind.Inline
		}
	}
	if sli == nil {
		sli = s.Indicator
	}
	if sli == nil {
		return nil
	}
	var out []any
	_, ms := sli.Sources()
	for _, m := range ms {
		out = append(out, m.Type, m.Spec)
	}
	return out
}
