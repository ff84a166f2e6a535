package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestOpenSLOFixtures(t *testing.T) { runFixture(t, "openslo") }

func TestOpenSLOPositions(t *testing.T) {
	diags := rules.Lint(load(t, "testdata/openslo/refs.yaml"))
	assert.Equal(t, []string{
		"openslo/unresolved-ref 8:17 /spec/indicatorRef",
		"openslo/unresolved-ref 16:23 /spec/alertPolicies/0/alertPolicyRef",
		"openslo/ambiguous-ref 25:21 /spec/conditions/0/conditionRef",
		"openslo/unresolved-ref 27:18 /spec/notificationTargets/0/targetRef",
		"openslo/unresolved-ref 75:26 /spec/ratioMetric/good/metricSource/metricSourceRef",
		"openslo/datasource-type-mismatch 80:15 /spec/ratioMetric/total/metricSource/type",
		"openslo/unknown-service 88:12 /spec/service",
	}, keys(diags))
	amb := diags.ByRule("openslo/ambiguous-ref")[0]
	require.Len(t, amb.Related, 2)
	assert.Equal(t, []int{33, 41}, []int{amb.Related[0].Pos.Line, amb.Related[1].Pos.Line})
	assert.Equal(t, catalog.Warning, diags.ByRule("openslo/unknown-service")[0].Severity)
}
