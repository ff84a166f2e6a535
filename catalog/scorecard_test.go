package catalog_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// failure is what tests compare of a check failure: position and path.
type failure struct {
	Line, Column int
	Path         string
}

func failuresOf(r catalog.CheckResult) []failure {
	out := []failure{}
	for _, f := range r.Failures {
		out = append(out, failure{f.Pos.Line, f.Pos.Column, f.Path})
	}
	return out
}

// resultsByCheck maps check names to their failures.
func resultsByCheck(s catalog.Score) map[string][]failure {
	out := map[string][]failure{}
	for _, r := range s.Checks {
		out[r.Check.Name] = failuresOf(r)
	}
	return out
}

func scoreOf(t *testing.T, scores []catalog.Score, service string) catalog.Score {
	t.Helper()
	for _, s := range scores {
		if s.Service.Name == service {
			return s
		}
	}
	t.Fatalf("service %q was not scored", service)
	return catalog.Score{}
}

// bareService lacks something for nearly every fact, each on its own line.
const bareService = `apiVersion: opsdesign/v1
kind: Role
metadata:
  name: boss
spec:
  tier: overall-management
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: bare
spec:
  state: planned
  owner: nobody
  cloud: {provider: AWS}
  effort: {costCenter: cc-1}
  requestTypes:
    - name: ask
      channels: [email, {channel: chat, ticketed: true}, form, phone]
    - name: other
      catchAll: true
  tasks:
    - name: fix
      category: incident
      personalisation: depersonalised
  notApplicableWork:
    contract: ""
  backups:
    - name: db
      restore: {procedure: run restore.sh}
    - name: logs
    - name: cache
      restore: {notApplicable: Rebuilt from the database.}
  lifecycle:
    new: {issuance: a, inquiries: b, naming: c}
    use: {users: a, operators: b, thirdParties: c}
    change: {triggers: a, patterns: b}
    suspend: {triggers: a, permissions: b, deletion: {notApplicable: true}, idReissue: d}
  subjects:
    - type: data
      name: records
      lifecycle:
        use: {notApplicable: Nobody reads them.}
`

// everyCheck has one check per fact and per other condition.
const everyCheck = `apiVersion: opsdesign/v1
kind: Scorecard
metadata:
  name: all
spec:
  levels:
    - name: only
      checks:
        - {name: owner, has: [owner]}
        - {name: title, has: [title]}
        - {name: value, has: [value]}
        - {name: customers, has: [customers]}
        - {name: hours, has: [hours]}
        - {name: effort, has: [effort]}
        - {name: offerings, has: [offerings]}
        - {name: objectives, has: [objectives]}
        - {name: request-types, has: [requestTypes]}
        - {name: parameter-sheets, has: [parameterSheets]}
        - {name: ticketed, has: [ticketedChannels]}
        - {name: tasks, has: [tasks]}
        - {name: procedures, has: [procedures]}
        - {name: cloud-contact, has: [cloudContact]}
        - {name: restore-tested, has: [restoreTested]}
        - {name: state, stateIn: [active, suspended]}
        - {name: categories, taskCategories: [incident, problem, contract]}
        - {name: lifecycle-all, lifecycleCovered: all}
        - {name: lifecycle-new, lifecycleCovered: [new, use]}
        - {name: no-refs, noFindings: [ref/*]}
        - {name: no-names, noFindings: [name/duplicate]}
        - name: malformed
`

func TestScorecardEveryCondition(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(bareService)}, catalog.Source{Name: "sc.yaml", Data: []byte(everyCheck)})
	require.Len(t, d.Scorecards, 1)
	sc := d.Scorecard("all")
	require.NotNil(t, sc)
	scores := sc.Evaluate(d, rules.Lint(d))
	require.Len(t, scores, 1)
	s := scores[0]
	assert.Equal(t, -1, s.Level)
	assert.Equal(t, "", s.LevelName())
	assert.Equal(t, map[string][]failure{
		"owner":            {{14, 10, "/spec/owner"}},
		"title":            {{10, 1, "/metadata/title"}},
		"value":            {{12, 1, "/spec/value"}},
		"customers":        {{12, 1, "/spec/customers"}},
		"hours":            {{12, 1, "/spec/hours"}},
		"effort":           {{16, 3, "/spec/effort"}},
		"offerings":        {{12, 1, "/spec/offerings"}},
		"objectives":       {{12, 1, "/spec/offerings"}},
		"request-types":    {},
		"parameter-sheets": {{18, 7, "/spec/requestTypes/0"}},
		"ticketed":         {{19, 18, "/spec/requestTypes/0/channels/0"}, {19, 64, "/spec/requestTypes/0/channels/3"}},
		"tasks":            {},
		"procedures":       {{23, 7, "/spec/tasks/0"}},
		"cloud-contact":    {{15, 3, "/spec/cloud"}},
		"restore-tested": {
			{30, 7, "/spec/backups/0/restore"}, // tested never
			{31, 7, "/spec/backups/1"},         // no restore at all
		},
		"state": {{13, 10, "/spec/state"}},
		"categories": {
			{22, 3, "/spec/tasks"},                       // problem: no task, not declared
			{27, 15, "/spec/notApplicableWork/contract"}, // contract: declared without a reason
		},
		"lifecycle-all": {
			{38, 70, "/spec/lifecycle/suspend/deletion/notApplicable"},
			{34, 3, "/spec/lifecycle/retire"},
			{42, 7, "/spec/subjects/0/lifecycle/new"},
			{42, 7, "/spec/subjects/0/lifecycle/change"},
			{42, 7, "/spec/subjects/0/lifecycle/suspend"},
			{42, 7, "/spec/subjects/0/lifecycle/retire"},
		},
		"lifecycle-new": {{42, 7, "/spec/subjects/0/lifecycle/new"}},
		"no-refs":       {{14, 10, "/spec/owner"}},
		"no-names":      {},
		"malformed":     {{30, 11, "/spec/levels/0/checks/21"}},
	}, resultsByCheck(s))

	// The malformed check is reported in the scorecard's file; every other
	// failure is in the service's.
	for _, r := range s.Failed() {
		want := "s.yaml"
		if r.Check.Name == "malformed" {
			want = "sc.yaml"
		}
		for _, f := range r.Failures {
			assert.Equal(t, want, f.Pos.File, r.Check.Name)
			assert.NotEmpty(t, f.Message, r.Check.Name)
		}
	}
	byName := map[string]catalog.CheckResult{}
	for _, r := range s.Checks {
		byName[r.Check.Name] = r
	}
	assert.Equal(t, `owner "nobody" of service "bare" is not a Role, Person or Team of the design`, byName["owner"].Failures[0].Message)
	assert.Equal(t, `service "bare" has no problem task and does not declare problem work not applicable`, byName["categories"].Failures[0].Message)
	assert.Contains(t, byName["no-refs"].Failures[0].Message, "[ref/unresolved]")
	assert.Equal(t, `service "bare" does not design its retire (廃止) event`, byName["lifecycle-all"].Failures[1].Message)
}

// A design at every level: "high" passes every check, "mid" fails only
// silver's, "low" fails bronze but passes the checks above it.
const ladderDesign = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: boss}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: engineer}
spec: {tier: certified}
---
apiVersion: opsdesign/v1
kind: Person
metadata: {name: kato}
spec: {roles: [engineer]}
---
apiVersion: opsdesign/v1
kind: Team
metadata: {name: desk}
spec: {lead: kato, members: [kato]}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: high}
spec: {state: active, owner: boss, value: v, hours: 24x7}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: mid}
spec: {state: active, owner: kato, value: v}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: low}
spec: {state: suspended, owner: desk, hours: 24x7}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: gone}
spec: {state: retired, owner: boss, value: v, hours: 24x7}
`

const ladder = `apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: ladder}
spec:
  appliesTo: {states: [active, suspended]}
  levels:
    - name: entry
    - name: bronze
      checks: [{name: value, has: [value]}]
    - name: silver
      checks: [{name: hours, has: [hours]}]
    - name: gold
`

func TestScorecardLevels(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(ladderDesign)}, catalog.Source{Name: "sc.yaml", Data: []byte(ladder)})
	require.Empty(t, d.Diagnostics())
	sc := d.Scorecard("ladder")
	require.NotNil(t, sc)
	scores := sc.Evaluate(d, nil)
	got := map[string]string{}
	for _, s := range scores {
		got[s.Service.Name] = s.LevelName()
	}
	// "gone" is retired: the filter leaves it out. A level without checks
	// is reached with the level below it; "low" stops at entry although it
	// passes silver's check, because it fails bronze.
	assert.Equal(t, map[string]string{"high": "gold", "mid": "bronze", "low": "entry"}, got)
	low := scoreOf(t, scores, "low")
	assert.Equal(t, 0, low.Level)
	require.Len(t, low.Checks, 2)
	assert.False(t, low.Checks[0].Passed())
	assert.True(t, low.Checks[1].Passed(), "checks above the level reached are still evaluated")
	assert.Equal(t, 2, low.Checks[1].Level)
	assert.Equal(t, 1, sc.Level("bronze"))
	assert.Equal(t, -1, sc.Level("platinum"))
}

func TestScorecardOwnerTiers(t *testing.T) {
	// boss is a Role; kato a Person holding a certified role; desk a Team
	// led by kato.
	tests := []struct {
		tiers string
		want  []string
	}{
		{"[overall-management]", []string{"high"}},
		{"[certified]", []string{"mid", "low"}},
		{"[associate]", nil},
		{"[certified, overall-management]", []string{"high", "mid", "low"}},
	}
	for _, tt := range tests {
		t.Run(tt.tiers, func(t *testing.T) {
			src := "apiVersion: opsdesign/v1\nkind: Scorecard\nmetadata: {name: s}\nspec:\n  appliesTo: {states: [active, suspended], ownerTiers: " +
				tt.tiers + "}\n  levels: [{name: one}]\n"
			d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(ladderDesign)}, catalog.Source{Name: "s.yaml", Data: []byte(src)})
			require.Empty(t, d.Diagnostics())
			var got []string
			for _, s := range d.Scorecards[0].Evaluate(d, nil) {
				got = append(got, s.Service.Name)
				assert.True(t, d.Scorecards[0].Applies(d, s.Service))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestScorecardFindingsByDocument checks that a finding counts against the
// service whose document holds it, with several documents in one file.
func TestScorecardFindingsByDocument(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Role
metadata: {name: boss}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: first}
spec: {state: active, owner: bos}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: second}
spec: {state: active, owner: boss}
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: s}
spec:
  levels: [{name: clean, checks: [{name: refs, noFindings: [ref/unresolved]}]}]
`
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(src)})
	scores := d.Scorecard("s").Evaluate(d, rules.Lint(d))
	require.Len(t, scores, 2)
	assert.Equal(t, []failure{{9, 30, "/spec/owner"}}, failuresOf(scoreOf(t, scores, "first").Checks[0]))
	assert.Equal(t, -1, scoreOf(t, scores, "first").Level)
	assert.Equal(t, "clean", scoreOf(t, scores, "second").LevelName())
	// Configuration that disables the rule takes the finding away, and
	// with it the failure: the scorecard reads the findings it is given.
	l := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{Rules: map[string]catalog.RuleConfig{"ref/*": {Disabled: true}}}}
	assert.Equal(t, "clean", scoreOf(t, d.Scorecard("s").Evaluate(d, l.Lint(d)), "first").LevelName())
}

func TestScorecardSchema(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: s}
spec:
  appliesTo: {states: [gone], tiers: [certified]}
  levels:
    - name: one
      checks:
        - {name: a, has: [owner, everything]}
        - {name: b, lifecycleCovered: [new, retired]}
        - {name: c, lifecycleCovered: some}
        - {name: d, taskCategories: []}
`
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
	assert.Equal(t, []key{
		{"schema/enum", 5, 24, "/spec/appliesTo/states/0"},
		{"schema/unknown-key", 5, 31, "/spec/appliesTo/tiers"},
		{"schema/enum", 9, 34, "/spec/levels/0/checks/0/has/1"},
		{"schema/enum", 10, 45, "/spec/levels/0/checks/1/lifecycleCovered/1"},
		{"schema/enum", 11, 39, "/spec/levels/0/checks/2/lifecycleCovered"},
		{"schema/value", 12, 21, "/spec/levels/0/checks/3/taskCategories"},
	}, keys(d.Diagnostics()))
	assert.Contains(t, catalog.Kinds(), "Scorecard")
	// The model keeps what it can; an unknown fact fails its check with a
	// reason rather than passing silently.
	sc := d.Scorecard("s")
	require.NotNil(t, sc)
	assert.Equal(t, []catalog.Fact{catalog.FactOwner, "everything"}, sc.Levels[0].Checks[0].Facts)
}

func TestSampleScorecard(t *testing.T) {
	d, err := catalog.Load(sampleDir)
	require.NoError(t, err)
	sc := d.Scorecard("operations-maturity")
	require.NotNil(t, sc)
	scores := sc.Evaluate(d, rules.Lint(d))
	require.Len(t, scores, 2)
	alert, member := scoreOf(t, scores, "alert-response"), scoreOf(t, scores, "member-card")
	assert.Equal(t, "bronze", alert.LevelName())
	assert.Equal(t, "gold", member.LevelName())
	failed := func(s catalog.Score) []string {
		var out []string
		for _, r := range s.Failed() {
			out = append(out, sc.Levels[r.Level].Name+"/"+r.Check.Name)
		}
		return out
	}
	// investigate-alert has no parameter sheet: alert-response stops at
	// bronze although it passes every check of gold.
	assert.Equal(t, []string{"silver/requests-ticketed"}, failed(alert))
	assert.Empty(t, failed(member))
	req := alert.Failed()[0].Failures
	require.Len(t, req, 1)
	assert.Equal(t, "/spec/requestTypes/0", req[0].Path)
	assert.Equal(t, "../testdata/sample/alert-response.yaml", req[0].Pos.File)
}
