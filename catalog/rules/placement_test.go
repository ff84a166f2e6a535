package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// The two forms of a value a rule reads, each with the fixture file of the
// rule's group (testdata/<group> or testdata/<group>-<part>) that holds its
// cases. The group's fixture test runs them with the rest of the group's
// design, so each case's `# want` is checked at its line.
const (
	// A value written but empty ("", [], {}): reported at its own key or
	// value, as Document.At and KeyAt give it.
	emptyForm = "placement-empty.yaml"
	// A value left out: reported at the mapping that lacks it.
	absentForm = "placement-absent.yaml"
)

// formsThatCannotExist lists, for a rule, the forms it never sees, with the
// reason. Every other form of every rule needs a case in its group's
// fixture. A rule of a new group, or a new rule, without both cases fails
// TestEveryRuleHasPlacementCases with what to add.
var formsThatCannotExist = map[string]map[string]string{
	"backstage/location-not-followed": {
		emptyForm:  "an empty target is backstage/schema's (a non-empty string); it names no URL",
		absentForm: "a target left out names no URL; a Location with no target at all is backstage/location-target's",
	},
	"backstage/bad-ref": {
		emptyForm:  "an empty reference is backstage/schema's (a non-empty string; backstage/placement-empty.yaml), or schema/value's in an opsdesign document",
		absentForm: "a reference left out names nothing; a required one is backstage/schema's",
	},
	"backstage/deprecated-annotation": {
		absentForm: "an annotation left out is not used",
	},
	"backstage/disagree": {
		emptyForm:  "an empty component or state is schema/value's or schema/enum's; an empty owner or lifecycle of a Component is backstage/schema's",
		absentForm: "a Service without component is not linked to compare; a Component's owner and lifecycle are backstage/schema's",
	},
	"backstage/duplicate": {
		emptyForm:  "an empty name is backstage/schema's; two empty names are not a duplicate worth a second finding",
		absentForm: "a name left out is backstage/schema's; nothing is duplicated",
	},
	"backstage/name": {
		emptyForm:  "an empty name or namespace is backstage/schema's (a non-empty string), so nothing is reported twice",
		absentForm: "a name left out is backstage/schema's; a namespace left out is default",
	},
	"backstage/metadata": {
		absentForm: "a label, annotation, tag or link left out has no format to break; a link without url is backstage/schema's (backstage/placement-absent.yaml)",
	},
	"backstage/no-design": {
		absentForm: "without spec.backstage.requireDesign nothing is required; lifecycles and types left out take their defaults (backstage-settings/placement-empty.yaml)",
	},
	"backstage/unknown-kind": {
		emptyForm:  "an empty kind is backstage/schema's (a non-empty string)",
		absentForm: "a kind left out is backstage/schema's",
	},
	"backstage/unresolved-ref": {
		emptyForm:  "an empty reference is backstage/schema's (backstage/placement-empty.yaml), or schema/value's in an opsdesign document",
		absentForm: "a reference left out names nothing to resolve",
	},
	"baseline/stale": {
		emptyForm:  "reported by catalog/config about an entry of a baseline file, not about a design value",
		absentForm: "reported by catalog/config about an entry of a baseline file, not about a design value",
	},
	"budgetpolicy/always-applies": {
		emptyForm:  "an empty remainingAtMost is schema/value's (its pattern) or schema/type's",
		absentForm: "remainingAtMost is schema/required's",
	},
	"budgetpolicy/duplicate-threshold": {
		emptyForm:  "an empty remainingAtMost is schema/value's (its pattern) or schema/type's",
		absentForm: "remainingAtMost is schema/required's; one step cannot be a duplicate",
	},
	"budgetpolicy/invalid-threshold": {
		emptyForm:  "an empty remainingAtMost is schema/value's (its pattern) or schema/type's, and is not read as a share",
		absentForm: "remainingAtMost is schema/required's",
	},
	"budgetpolicy/no-budget": {
		emptyForm:  "an empty objective name is schema/value's (minLength 1)",
		absentForm: "objectives is schema/required's; an objective's target is too",
	},
	"budgetpolicy/overlap": {
		emptyForm:  "an empty objective name is schema/value's (minLength 1) and governs nothing",
		absentForm: "objectives is schema/required's; a policy naming none overlaps none",
	},
	"budgetpolicy/threshold-order": {
		emptyForm:  "an empty remainingAtMost is schema/value's (its pattern) or schema/type's",
		absentForm: "remainingAtMost is schema/required's",
	},
	"budgetpolicy/unknown-objective": {
		emptyForm:  "an empty objective name is schema/value's (minLength 1)",
		absentForm: "objectives is schema/required's; a policy naming none names no unknown one",
	},
	"design/placeholder": {
		emptyForm:  "an empty value is no placeholder: the rule that needs the value reports it (lifecycle/open-decision, ops/task-without-action, ...), so nothing is reported twice",
		absentForm: "a value left out is no placeholder: the rule that needs the value reports it",
	},
	"lifecycle/missing-reason": {
		absentForm: "a notApplicable left out claims nothing: the event or decision itself is then needed, lifecycle/missing-event's or lifecycle/open-decision's (lifecycle/placement-absent.yaml)",
	},
	"name/duplicate": {
		emptyForm:  "an empty name breaks the name pattern (schema/value); two empty names are not a duplicate worth a second finding",
		absentForm: "a name left out is schema/required's; nothing is duplicated",
	},
	"openslo/ambiguous-ref": {
		emptyForm:  `an empty reference is not a valid OpenSLO name (schema/value, in openslo/placement-empty.yaml)`,
		absentForm: "a reference left out names nothing, so nothing is ambiguous",
	},
	"openslo/datasource-type-mismatch": {
		emptyForm:  "an empty type is no type: the DataSource's type applies, as the specification says",
		absentForm: "a metric source without type takes the DataSource's",
	},
	"openslo/unknown-service": {
		emptyForm:  "an empty service is schema/value's (minLength 1)",
		absentForm: "an SLO without service is schema/required's",
	},
	"openslo/unresolved-ref": {
		emptyForm:  `an empty reference is not a valid OpenSLO name (schema/value, in openslo/placement-empty.yaml)`,
		absentForm: "a reference left out names nothing to resolve; an SLO needs indicator or indicatorRef (schema)",
	},
	"ops/catch-all-duplicate": {
		emptyForm:  "catchAll is a boolean: an empty value is schema/type's",
		absentForm: "only catchAll: true makes a catch-all",
	},
	"ops/parameter-sheet-invalid": {
		emptyForm:  "an empty $ref or an empty sheet names nothing to load: schema/value's",
		absentForm: "a request type without a parameter sheet has nothing to load",
	},
	"ops/planned-taking-requests": {
		emptyForm:  "channels: [] accepts no requests, which is what a planned service should do",
		absentForm: "a request type without channels accepts no requests",
	},
	"ops/restore-test-stale": {
		emptyForm:  "an empty lastTested is a restore never tested: ops/restore-untested's (ops-method/placement-empty.yaml)",
		absentForm: "a lastTested left out is ops/restore-untested's (ops-method/placement-absent.yaml)",
	},
	"ops/retired-still-offered": {
		emptyForm:  "offerings: [] and objectives: [] offer nothing",
		absentForm: "a retired service without offerings offers nothing",
	},
	"ops/schedule-invalid": {
		absentForm: "a schedule left out is no schedule to read; a task with no trigger at all is ops/task-without-trigger's",
	},
	"ops/suspended-without-design": {
		absentForm: "a suspend event left out is lifecycle/missing-event's",
	},
	"ops/untracked-channel": {
		emptyForm:  "channels: [] accepts no requests, so none goes untracked",
		absentForm: "a request type without channels accepts no requests",
	},
	"ref/ambiguous": {
		emptyForm:  "an empty reference is schema/value's (ref/placement-empty.yaml); it matches nothing",
		absentForm: "a reference left out matches nothing",
	},
	"ref/unresolved": {
		emptyForm:  "every reference field has minLength 1: an empty reference is schema/value's (ref/placement-empty.yaml)",
		absentForm: "a reference left out names nothing to resolve; required references are schema/required's",
	},
	"roles/cover-unchecked": {
		emptyForm: `an empty personalisation is none of its values: schema/enum's; people who all write tasks: [] are told once, at the first one's tasks (testdata/roles-unstaffed)`,
	},
	"roles/escalation-concentrated": {
		emptyForm:  "counts where escalating tasks end: escalatesTo: [] escalates to nobody, so nothing is concentrated",
		absentForm: "a task without escalatesTo does not escalate",
	},
	"roles/invalid-schedule": {
		absentForm: "a schedule left out is no text to read: a person without shifts is never on shift (kei in roles-placement/placement-absent.yaml), an exception without hours covers whole days, a service without hours needs no cover",
	},
	"roles/operation-too-large": {
		emptyForm:  "counts the Person documents of the design, not a value",
		absentForm: "counts the Person documents of the design, not a value",
	},
	"roles/person-over-hours": {
		emptyForm:  "shifts: [] is roles/invalid-schedule's (roles-placement/placement-empty.yaml) and works no hours; an empty effort counts none",
		absentForm: "a person without shifts works no hours, and a task without effort is not counted",
	},
	"roles/person-too-many-tasks": {
		emptyForm:  "counts the tasks a person lists: tasks: [] is none",
		absentForm: "a person without tasks lists none",
	},
	"roles/team-too-large": {
		emptyForm:  "counts a team's members: members: [] is none",
		absentForm: "a team without members has none",
	},
	"roles/team-toil-over-limit": {
		emptyForm:  "adds up the effort tasks state: an effort written empty is not counted, as documented",
		absentForm: "a task without effort is not counted, as documented; a team that owns none has no share",
	},
	"roles/toil-over-limit": {
		emptyForm:  "adds up the effort tasks state: an effort written empty is not counted, as documented",
		absentForm: "a task without effort is not counted, as documented",
	},
	"scorecard/duplicate-check": {
		emptyForm:  "an empty name breaks the name pattern (schema/value)",
		absentForm: "a check without name is schema/required's",
	},
	"scorecard/duplicate-level": {
		emptyForm:  "an empty name breaks the name pattern (schema/value)",
		absentForm: "a level without name is schema/required's",
	},
	"scorecard/check-condition": {
		emptyForm: "an empty condition is schema/value's (minItems 1, in scorecard/placement-empty.yaml)",
	},
	"scorecard/unknown-rule": {
		absentForm: "a check without noFindings names no rule",
	},
	"settings/duplicate": {
		emptyForm:  "reports a whole second document, not a value",
		absentForm: "reports a whole second document, not a value",
	},
	"slo/alert-window-below-slice": {
		emptyForm: "an empty window or slice is schema/value's (minLength 1)",
	},
	"slo/alert-window-exceeds-period": {
		emptyForm:  "an empty window is schema/value's (minLength 1)",
		absentForm: "long is schema/required's; short defaults to long/12",
	},
	"slo/burn-threshold-unreachable": {
		emptyForm:  "burnRate is a number: an empty one is schema/type's",
		absentForm: "burnRate is schema/required's; an objective without alerts gets the workbook's tiers, which it does not write",
	},
	"slo/invalid-calendar": {
		absentForm: "a calendar that writes nothing is open around the clock in UTC, as documented",
	},
	"slo/invalid-objective": {
		absentForm: "required values are schema/required's (slo/placement-absent.yaml); optional ones have documented defaults",
	},
	"slo/objective-on-inactive-service": {
		emptyForm:  "reports the services that hold an objective, not a value of it",
		absentForm: "an objective no service holds is not held by inactive ones",
	},
	"slo/rule-shadowed": {
		emptyForm:  "empty matchers are schema/value's (minLength 1)",
		absentForm: "a rule that leaves its matchers out matches everything; the rules after it are the ones reported",
	},
	"slo/short-window-not-shorter": {
		emptyForm:  "an empty window is schema/value's (minLength 1)",
		absentForm: "a short window left out is long/12",
	},
	"slo/target-wrong-scale": {
		emptyForm:  "an empty target cannot be read: slo/invalid-objective's (slo/placement-empty.yaml)",
		absentForm: "a target left out is schema/required's (slo/placement-absent.yaml)",
	},
	"slo/time-slice-not-dividing": {
		emptyForm:  "an empty slice is schema/value's (minLength 1)",
		absentForm: "a time-slice objective without slice is schema/required's",
	},
	"slo/unknown-calendar": {
		emptyForm:  "an empty calendar or hours is schema/value's (minLength 1, in slo/placement-empty.yaml)",
		absentForm: "an objective without calendar is measured around the clock in UTC; a service without hours needs no cover",
	},
	"slo/unknown-severity": {
		emptyForm:  "an empty severity is schema/value's (slo/placement-empty.yaml)",
		absentForm: "a rule without severities matches every severity",
	},
	"slo/severity-without-target": {
		emptyForm: "an empty severity or rule list is schema/value's (slo/placement-empty.yaml)",
	},
	"text/hidden-character": {
		emptyForm:  "an empty name, title or description hides no character",
		absentForm: "a text left out hides no character",
	},
	"ticketpolicy/calendar": {
		absentForm: "a policy without calendar counts every day, in UTC, as documented",
	},
	"ticketpolicy/overlap": {
		emptyForm:  "reports two policies that name the same service, not a value",
		absentForm: "a policy without services governs those no other policy names; a second one is reported at its name",
	},
	"ticketpolicy/threshold-order": {
		emptyForm:  "a stage is a number: an empty one is schema/type's",
		absentForm: "each stage is optional; those given must grow",
	},
	"ticketpolicy/unknown-service": {
		emptyForm:  "an empty service is schema/value's (ticketpolicy/placement-empty.yaml)",
		absentForm: "a policy without services governs every service no other policy names",
	},
}

// TestEveryRuleHasPlacementCases: every rule that reads a value has, in
// its group's fixtures, a case of the value written but empty and a case
// of the value left out, each `# want`ed at the line it must be reported
// at; a form a rule cannot see is listed with the reason.
func TestEveryRuleHasPlacementCases(t *testing.T) {
	wanted := map[string][]string{} // "dir/form" → the rules its cases expect
	for _, form := range []string{emptyForm, absentForm} {
		files, err := filepath.Glob(filepath.Join("testdata", "*", form))
		require.NoError(t, err)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, w := range catalogtest.ParseExpectations(f, data) {
				key := filepath.Base(filepath.Dir(f)) + "/" + form
				wanted[key] = append(wanted[key], w.Rule)
			}
		}
	}
	covers := func(id, form string) bool {
		group := groupOf(id)
		for key, ids := range wanted {
			dir, f, _ := strings.Cut(key, "/")
			if f == form && (dir == group || strings.HasPrefix(dir, group+"-")) && slices.Contains(ids, id) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	for _, r := range rules.All() {
		seen[r.ID] = true
		for _, form := range []string{emptyForm, absentForm} {
			reason, cannot := formsThatCannotExist[r.ID][form]
			switch {
			case cannot:
				assert.NotEmpty(t, strings.TrimSpace(reason), "%s: say why it has no %s case", r.ID, form)
			case !covers(r.ID, form):
				t.Errorf("%s has no %s case: add to testdata/%s*/%s a value %s with `# want %q` on the line it must be reported at, "+
					"or list the form in formsThatCannotExist with the reason", r.ID, form, groupOf(r.ID), form, formWords(form), r.ID)
			}
		}
	}
	for id := range formsThatCannotExist {
		assert.True(t, seen[id], "formsThatCannotExist names %s, which is no rule", id)
	}
}

func formWords(form string) string {
	if form == emptyForm {
		return `written but empty ("", [], {})`
	}
	return "left out"
}

// TestPlacementCasesPointAtText pins the columns of the placement cases,
// whose `# want` comments pin only lines: every finding in a
// placement-empty.yaml or placement-absent.yaml is at the position its JSON
// pointer names in a document of that file (Document.At, or KeyAt for a
// key at fault), so at the value or its key when the value is written and
// at the mapping that lacks it when it is not; and that position is text a
// caret can point at, not a blank, a comment or the end of the line.
func TestPlacementCasesPointAtText(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "placement-*.yaml"))
	require.NoError(t, err)
	var dirs []string
	for _, f := range files {
		if dir := filepath.Dir(f); !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		design := load(t, dir)
		for _, dg := range linter().Lint(design) {
			if base := filepath.Base(dg.Pos.File); base != emptyForm && base != absentForm {
				continue
			}
			data, err := os.ReadFile(dg.Pos.File)
			require.NoError(t, err)
			line := []rune(strings.Split(string(data), "\n")[dg.Pos.Line-1])
			if c := dg.Pos.Column - 1; c < 0 || c >= len(line) || line[c] == ' ' || line[c] == '\t' || line[c] == '#' {
				t.Errorf("%s: %s is reported at a blank, a comment or the end of its line, not at text", dg.Pos, dg.Rule)
			}
			if dg.Path == "" {
				t.Errorf("%s: %s has no JSON pointer", dg.Pos, dg.Rule)
				continue
			}
			named := false
			for _, doc := range design.Documents {
				if doc.File == dg.Pos.File && (doc.At(dg.Path) == dg.Pos || doc.KeyAt(dg.Path) == dg.Pos) {
					named = true
				}
			}
			assert.True(t, named, "%s: %s is not at the position its JSON pointer %s names", dg.Pos, dg.Rule, dg.Path)
		}
	}
}
