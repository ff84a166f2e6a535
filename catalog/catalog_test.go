package catalog_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

const sampleDir = "../testdata/sample"

func sampleToday() time.Time { return time.Date(2026, time.November, 22, 9, 0, 0, 0, time.UTC) }

func TestSampleDesignIsClean(t *testing.T) {
	d, err := catalog.Load(sampleDir)
	require.NoError(t, err)
	// Judged as of a fixed day: the sample's restore tests must not age out.
	assert.Empty(t, (&catalog.Linter{Now: sampleToday}).Lint(d))
	assert.Len(t, d.Services, 2)
	assert.NotEmpty(t, d.Roles)
	assert.NotEmpty(t, d.People)
	assert.Len(t, d.Teams, 5) // management, three first-line shifts, the member-card desk
}

// TestInvalidDesigns runs every fixture under testdata/invalid against its
// "# want" comments.
func TestInvalidDesigns(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/invalid/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			linter := &catalog.Linter{}
			if filepath.Base(dir) == "schema" {
				// The schema fixture is about schema findings only.
				linter.Config.Rules = map[string]catalog.RuleConfig{"lifecycle/*": {Disabled: true}, "ops/*": {Disabled: true}}
			}
			catalogtest.Run(t, linter, dir)
		})
	}
}

// key is what tests compare: rule, position and path, not message text.
type key struct {
	Rule         string
	Line, Column int
	Path         string
}

func keys(diags catalog.Diagnostics) []key {
	out := make([]key, len(diags))
	for i, d := range diags {
		out[i] = key{d.Rule, d.Pos.Line, d.Pos.Column, d.Path}
	}
	return out
}

const lifecycleBase = `apiVersion: opsdesign/v1
kind: Role
metadata:
  name: owner
spec:
  tier: certified
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: s
spec:
  state: active
  owner: owner
  lifecycle:
    new: {issuance: a, inquiries: b, naming: c}
    use: {users: a, operators: b, thirdParties: c}
    change: {triggers: a, patterns: b}
    suspend:
      triggers: a
      permissions: b
      idReissue: d
  value: v
  customers: [c]
  notApplicableWork: {incident: x, problem: x, change: x, configuration: x, contract: x}
`

func TestLifecycleGapsExactly(t *testing.T) {
	// The service misses its retire event and leaves suspend.deletion open:
	// exactly those two gaps, at the lifecycle and at the suspend event.
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	diags := catalog.Lint(d)
	assert.Equal(t, []key{
		{"lifecycle/missing-event", 15, 3, "/spec/lifecycle/retire"},
		{"lifecycle/open-decision", 19, 5, "/spec/lifecycle/suspend/deletion"},
	}, keys(diags))
	for _, dg := range diags {
		assert.Equal(t, "s.yaml", dg.Pos.File)
		assert.Equal(t, catalog.Error, dg.Severity)
	}
}

func TestSchemaPositions(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Service
metadata:
  name: s
spec:
  state: active
  ownr: x
  tasks:
    - name: t
      category: nonsense
`
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
	assert.Equal(t, []key{
		{"schema/required", 5, 1, "/spec/owner"},
		{"schema/unknown-key", 7, 3, "/spec/ownr"},
		{"schema/enum", 10, 17, "/spec/tasks/0/category"},
	}, keys(d.Diagnostics()))
	assert.Contains(t, d.Diagnostics()[1].Message, `did you mean "owner"?`)
}

func TestUserRuleRunsWithBuiltins(t *testing.T) {
	noTitle := catalog.Rule{
		ID:       "team/service-title",
		Doc:      "Every service has a title people recognise.",
		Severity: catalog.Warning,
		Run: func(p *catalog.Pass) {
			for _, s := range p.Design.Services {
				if s.Title == "" {
					p.Reportf(s.Doc, "/metadata", "service %q has no title", s.Name)
				}
			}
		},
	}
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	l := &catalog.Linter{Rules: append(catalog.Rules(), noTitle)}
	assert.Equal(t, []key{
		{"team/service-title", 10, 1, "/metadata"},
		{"lifecycle/missing-event", 15, 3, "/spec/lifecycle/retire"},
		{"lifecycle/open-decision", 19, 5, "/spec/lifecycle/suspend/deletion"},
	}, keys(l.Lint(d)))
}

func TestConfigDisablesAndRegrades(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	l := &catalog.Linter{Config: catalog.Config{Rules: map[string]catalog.RuleConfig{
		"lifecycle/*":             {Severity: catalog.Warning},
		"lifecycle/missing-event": {Disabled: true},
		"no/such-rule":            {Disabled: true},
	}}}
	diags := l.Lint(d)
	require.Equal(t, []key{
		{"lint/unknown-rule", 0, 0, ""},
		{"lifecycle/open-decision", 19, 5, "/spec/lifecycle/suspend/deletion"},
	}, keys(diags))
	assert.Equal(t, catalog.Warning, diags[1].Severity)
}

func TestPanickingAndInvalidRules(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	l := &catalog.Linter{Rules: []catalog.Rule{
		{ID: "x/panics", Doc: "Panics.", Severity: catalog.Error, Run: func(*catalog.Pass) { panic("boom") }},
		{ID: "Bad ID", Doc: "Bad.", Severity: catalog.Error, Run: func(*catalog.Pass) {}},
	}}
	diags := l.Lint(d)
	assert.Equal(t, []string{"lint/invalid-rule", "lint/rule-panic"}, []string{diags[0].Rule, diags[1].Rule})
	assert.Len(t, diags, 2)
}

func TestRulesRegistry(t *testing.T) {
	rules := catalog.Rules()
	require.NotEmpty(t, rules)
	seen := map[string]bool{}
	for i, r := range rules {
		require.NoError(t, r.Validate(), r.ID)
		assert.False(t, seen[r.ID], "duplicate %s", r.ID)
		seen[r.ID] = true
		if i > 0 {
			assert.Less(t, rules[i-1].ID, r.ID, "rules are sorted")
		}
	}
	for _, id := range []string{"yaml/duplicate-key", "schema/unknown-key", "ref/unresolved", "name/duplicate",
		"lifecycle/missing-event", "lifecycle/open-decision", "lifecycle/missing-reason", "suppress/missing-reason"} {
		assert.True(t, seen[id], id)
	}
	// Rules returns a copy: changing it changes nothing for the next caller.
	rules[0].Severity = 0
	assert.NotZero(t, catalog.Rules()[0].Severity)
}

func TestLoadFSAndErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"design/a.yaml":       {Data: []byte(lifecycleBase)},
		"design/.hidden.yaml": {Data: []byte("not: [valid")},
		"design/notes.txt":    {Data: []byte("ignored")},
		"design/b.json":       {Data: []byte(`{"apiVersion": "opsdesign/v1", "kind": "Role", "metadata": {"name": "r"}, "spec": {"tier": "associate"}}`)},
	}
	d, err := catalog.LoadFS(fsys, "design")
	require.NoError(t, err)
	require.Len(t, d.Documents, 3)
	assert.Equal(t, "design/a.yaml", d.Documents[0].File)
	assert.Equal(t, "design/b.json", d.Documents[2].File)
	assert.NotNil(t, d.Lookup("Role", "r"))

	_, err = catalog.Load("../testdata/does-not-exist")
	assert.True(t, errors.Is(err, fs.ErrNotExist), "%v", err)
}

func TestFileSizeLimit(t *testing.T) {
	d := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 10}}.Parse(catalog.Source{Name: "big.yaml", Data: []byte(lifecycleBase)})
	assert.Equal(t, []key{{"limits/file-size", 0, 0, ""}}, keys(d.Diagnostics()))
	assert.Empty(t, d.Documents)
}

func TestDiagnosticsAsError(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	err := catalog.Lint(d).Err()
	require.Error(t, err)
	var list catalog.Diagnostics
	require.True(t, errors.As(err, &list))
	assert.Len(t, list, 2)
	var one catalog.Diagnostic
	require.True(t, errors.As(err, &one))
	assert.Equal(t, "lifecycle/missing-event", one.Rule)
	assert.Equal(t, `s.yaml:15:3: error: service "s" does not design its retire (廃止) event; write it or mark it notApplicable with a reason [lifecycle/missing-event]`, one.Error())
	assert.NoError(t, catalog.Diagnostics(nil).Err())
}

func TestSeverityText(t *testing.T) {
	for _, s := range []catalog.Severity{catalog.Info, catalog.Warning, catalog.Error} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back catalog.Severity
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	_, err := catalog.ParseSeverity("fatal")
	assert.ErrorIs(t, err, catalog.ErrBadSeverity)
}
