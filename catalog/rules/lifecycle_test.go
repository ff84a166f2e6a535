package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestLifecycleFixtures(t *testing.T) { runFixture(t, "lifecycle") }

func TestLifecycleGapsExactly(t *testing.T) {
	// The service misses its retire event and leaves suspend.deletion open:
	// exactly those two gaps, at the lifecycle and at the suspend event.
	d := load(t, "testdata/lifecycle/two-gaps.yaml")
	diags := rules.Lint(d)
	assert.Equal(t, []string{
		"lifecycle/missing-event 15:3 /spec/lifecycle/retire",
		"lifecycle/open-decision 19:5 /spec/lifecycle/suspend/deletion",
	}, keys(diags))
	for _, dg := range diags {
		assert.Equal(t, "testdata/lifecycle/two-gaps.yaml", dg.Pos.File)
		assert.Equal(t, catalog.Error, dg.Severity)
	}
	assert.Equal(t, `testdata/lifecycle/two-gaps.yaml:15:3: error: service "s" does not design its retire (廃止) event; write it or mark it notApplicable with a reason [lifecycle/missing-event]`, diags[0].Error())
}
