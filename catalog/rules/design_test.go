package rules_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestDesignFixtures(t *testing.T)         { runFixture(t, "design") }
func TestDesignSettingsFixtures(t *testing.T) { runFixture(t, "design-settings") }

// TestPlaceholdersExactly pins every placeholder of the English fixture to
// the value it is written in, one for each kind of text the rule reads.
func TestPlaceholdersExactly(t *testing.T) {
	diags := only("design", rules.Lint(load(t, "testdata/design/placeholders.yaml")))
	assert.Equal(t, []string{
		"design/placeholder 34:10 /spec/value",
		"design/placeholder 35:29 /spec/customers/1",
		"design/placeholder 38:14 /spec/cloud/contact",
		"design/placeholder 40:15 /spec/notApplicableWork/contract",
		"design/placeholder 44:17 /spec/lifecycle/new/issuance",
		"design/placeholder 49:18 /spec/lifecycle/use/operators",
		"design/placeholder 51:24 /spec/lifecycle/use/thirdParties/notApplicable",
		"design/placeholder 54:17 /spec/lifecycle/change/patterns",
		"design/placeholder 56:22 /spec/lifecycle/suspend/notApplicable",
		"design/placeholder 60:15 /spec/lifecycle/retire/notice",
		"design/placeholder 61:16 /spec/lifecycle/retire/contact",
		"design/placeholder 74:25 /spec/subjects/0/lifecycle/retire/personalData",
		"design/placeholder 81:24 /spec/tasks/0/trigger/event",
		"design/placeholder 85:18 /spec/tasks/0/procedure",
		"design/placeholder 89:15 /spec/tasks/1/action",
		"design/placeholder 92:21 /spec/tasks/1/keepPersonal",
		"design/placeholder 117:14 /spec/monitors/0/reads",
		"design/placeholder 125:20 /spec/backups/0/restore/procedure",
		"design/placeholder 131:24 /spec/backups/1/restore/notApplicable",
		"design/placeholder 140:36 /spec/forcedClose/by",
	}, keys(diags))
	for _, d := range diags {
		assert.Equal(t, catalog.Error, d.Severity)
	}
	assert.Equal(t, `testdata/design/placeholders.yaml:61:16: error: the retire.contact decision of service "book-lending" is "To be decided.", a placeholder: write the decision, or mark it notApplicable with the reason [design/placeholder]`, diags[10].Error())
	assert.Equal(t, `the reason service "book-lending" marks its suspend event not applicable is "?", a placeholder: say why it does not apply`, diags[8].Message)
	assert.Equal(t, `the retire.personalData decision of data "loan-history" of service "book-lending" is "...", a placeholder: write the decision, or mark it notApplicable with the reason`, diags[11].Message)
}

// placeholderDesign is a service whose retire.contact decision is value.
func placeholderDesign(value, settings string) *catalog.Design {
	src := fmt.Sprintf(`apiVersion: opsdesign/v1
kind: Service
metadata: {name: s}
spec:
  state: active
  owner: s
  lifecycle:
    retire:
      contact: %q
`, value)
	if settings != "" {
		src += "---\napiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  placeholders: " + settings + "\n"
	}
	return parse("d.yaml", src)
}

// TestPlaceholderMatching: what the doc of design/placeholder says matches,
// and what it says does not.
func TestPlaceholderMatching(t *testing.T) {
	placeholders := []string{
		"TBD", "tbd", " TBD ", "TBD.", "(TBD)", "[tbd]", "<TBD>", "t.b.d.", "TBA", "TBC", "TODO", "To do", "FIXME", "WIP", "xxx", "XXX",
		"N/A", "n/a", "NA", "n.a.", "Unknown", "undecided", "Not decided yet", "To be determined", "to be confirmed", "Pending", "Later",
		"Same as above", "see above", "Ditto", "-", "--", "—", "–", "―", "ー", "ｰ", "?", "???", "？", "…", "...", "・", "*", "_", "/", "〃", "〜",
		"未定", "未定。", "未定です", "「未定」", "【未定】", "　未定　", "未決定", "検討中", "要検討", "要確認", "確認中", "調整中", "別途", "別途検討",
		"同上", "上記と同じ", "後日", "追って連絡", "不明", "仮", "未記入", "準備中", "ＴＢＤ", "ｔｂｄ", "Ｎ／Ａ", "－",
	}
	for _, v := range placeholders {
		diags := only("design", rules.Lint(placeholderDesign(v, "")))
		if assert.Len(t, diags, 1, "%q is a placeholder", v) {
			assert.Equal(t, "design/placeholder 9:16 /spec/lifecycle/retire/contact", keys(diags)[0], v)
		}
	}
	answers := []string{
		"TBD: the vendor proposes a scheme by March.", "N/A - the city pays centrally.", "Ask the desk; TODO list in the wiki.",
		"None.", "なし", "No", "0", "x", "The same contact as for the shop.", "未定の項目は運用会議で決める。", "○",
		"Logical; IDs are never reissued.", "https://wiki.example.com/contact",
	}
	for _, v := range answers {
		assert.Empty(t, only("design", rules.Lint(placeholderDesign(v, ""))), "%q is an answer", v)
	}

	// Settings add placeholders and take built-in ones out, compared the
	// same way.
	assert.Len(t, only("design", rules.Lint(placeholderDesign("ASK KEN.", `{add: [ask ken]}`))), 1)
	assert.Len(t, only("design", rules.Lint(placeholderDesign("決め中", `{add: [決め中]}`))), 1)
	assert.Empty(t, only("design", rules.Lint(placeholderDesign("-", `{remove: ["-"]}`))))
	assert.Empty(t, only("design", rules.Lint(placeholderDesign("－", `{remove: ["-"]}`))), "the full-width dash is the same value")
	assert.Len(t, only("design", rules.Lint(placeholderDesign("--", `{remove: ["-"]}`))), 1, "remove takes out exact values")
	assert.Empty(t, only("design", rules.Lint(placeholderDesign("N/A", `{remove: [n/a]}`))))
}

// An empty or absent value is not a placeholder: the rule that needs the
// value reports it, at its key when it is empty and at its parent when it
// is absent, and design/placeholder stays silent.
func TestPlaceholderEmptyAndAbsent(t *testing.T) {
	d := parse("d.yaml", `apiVersion: opsdesign/v1
kind: Service
metadata: {name: s}
spec:
  state: active
  owner: s
  value: ""
  lifecycle:
    retire:
      contact: ""
  tasks:
    - name: t
      trigger: {event: A call.}
      action: "   "
    - name: u
      trigger: {event: A call.}
`)
	diags := rules.Lint(d)
	assert.Empty(t, only("design", diags))
	want := map[string]bool{
		"lifecycle/open-decision 10:16 /spec/lifecycle/retire/contact": false,
		"ops/task-without-action 14:15 /spec/tasks/0/action":           false,
		"ops/task-without-action 15:7 /spec/tasks/1/action":            false,
	}
	for _, k := range keys(diags) {
		if _, ok := want[k]; ok {
			want[k] = true
		}
	}
	for k, found := range want {
		assert.True(t, found, "%s in %v", k, keys(diags))
	}
	require.NotEmpty(t, diags)
}
