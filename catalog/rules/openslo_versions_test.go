package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// References of v1alpha and v2alpha documents are checked as v1's are,
// within their version: a v2alpha SLO does not read a v1 SLI of the name
// it gives, and the message says so. An SLO's service crosses versions.
func TestOpenSLOVersionReferences(t *testing.T) {
	d := load(t, "testdata/openslo/versions.yaml")
	diags := rules.Lint(d)
	assert.Equal(t, []string{
		"openslo/unresolved-ref 9:11 /spec/sliRef",
		"openslo/unresolved-ref 17:23 /spec/alertPolicies/0/alertPolicyRef",
		"openslo/unresolved-ref 35:20 /spec/thresholdMetric/dataSourceRef",
		"openslo/ambiguous-ref 52:21 /spec/conditions/0/conditionRef",
		"openslo/unknown-service 96:12 /spec/service",
	}, keys(diags))
	assert.Contains(t, diags[0].Message, `SLO "pastry-orders" refers to SLI "pastry-ratio", which no openslo.com/v2alpha document defines (only openslo/v1 defines SLI "pastry-ratio": references do not cross versions)`)
	assert.Contains(t, diags[2].Message, `did you mean "pastry-prometheus"?`)
	amb := diags.ByRule("openslo/ambiguous-ref")[0]
	require.Len(t, amb.Related, 2)
	assert.Equal(t, []int{59, 67}, []int{amb.Related[0].Pos.Line, amb.Related[1].Pos.Line})
	assert.Empty(t, diags.ByRule("name/duplicate"), "a v1 and a v2alpha AlertNotificationTarget of one name are two versions of one, not duplicates")
	assert.Equal(t, catalog.Warning, diags[4].Severity)
}
