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

// TestLifecyclePlacement pins where each lifecycle rule reports an empty
// value (at its key) and an absent one (at the mapping that lacks it; the
// JSON pointer still names what is missing). A null (a key with nothing
// after it) is at its key too.
func TestLifecyclePlacement(t *testing.T) {
	diags := only("lifecycle", rules.Lint(load(t, "testdata/lifecycle/placement.yaml")))
	assert.Equal(t, []string{
		"lifecycle/missing-event 17:3 /spec/lifecycle/retire",           // absent event: at the lifecycle
		"lifecycle/open-decision 20:18 /spec/lifecycle/new/inquiries",   // "": at its key
		"lifecycle/open-decision 22:5 /spec/lifecycle/use/thirdParties", // absent decision: at the event
		"lifecycle/open-decision 26:7 /spec/lifecycle/change/triggers",  // null: at its key
		"lifecycle/missing-event 28:5 /spec/lifecycle/suspend",          // {}: at its key, once, not four open decisions
		"lifecycle/missing-reason 34:30 /spec/subjects/0/lifecycle/new/notApplicable",
		"lifecycle/missing-reason 36:11 /spec/subjects/0/lifecycle/use/notApplicable",    // null reason
		"lifecycle/missing-reason 38:26 /spec/subjects/0/lifecycle/change/notApplicable", // true: no reason
		"lifecycle/missing-reason 42:37 /spec/subjects/0/lifecycle/suspend/deletion/notApplicable",
		"lifecycle/missing-reason 44:13 /spec/subjects/0/lifecycle/suspend/idReissue/notApplicable",
		"lifecycle/missing-event 50:7 /spec/subjects/1/lifecycle/change", // no lifecycle: at the subject
		"lifecycle/missing-event 50:7 /spec/subjects/1/lifecycle/new",
		"lifecycle/missing-event 50:7 /spec/subjects/1/lifecycle/retire",
		"lifecycle/missing-event 50:7 /spec/subjects/1/lifecycle/suspend",
		"lifecycle/missing-event 50:7 /spec/subjects/1/lifecycle/use",
		"lifecycle/open-decision 78:7 /spec/lifecycle/suspend/idReissue", // null, in Japanese
		"lifecycle/open-decision 79:5 /spec/lifecycle/retire/contact",    // absent: at retire
		"lifecycle/open-decision 82:15 /spec/lifecycle/retire/notice",    // ""
	}, keys(diags))
}
