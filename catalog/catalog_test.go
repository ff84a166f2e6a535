package catalog_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const sampleDir = "../testdata/sample"

func sampleToday() time.Time { return time.Date(2026, time.November, 22, 9, 0, 0, 0, time.UTC) }

func TestSampleDesignIsClean(t *testing.T) {
	d, err := catalog.Load(sampleDir)
	require.NoError(t, err)
	// Judged as of a fixed day: the sample's restore tests must not age out.
	assert.Empty(t, (&catalog.Linter{Rules: rules.All(), Now: sampleToday}).Lint(d))
	assert.Len(t, d.Services, 2)
	assert.NotEmpty(t, d.Roles)
	assert.NotEmpty(t, d.People)
	assert.Len(t, d.Teams, 5) // management, three first-line shifts, the member-card desk
}

// TestLoaderAndEngineFixtures runs the fixtures of what the loader and the
// engine report (testdata/yaml, schema, suppress) against their "# want"
// comments; the design rules' fixtures are in package catalog/rules.
func TestLoaderAndEngineFixtures(t *testing.T) {
	for _, dir := range []string{"yaml", "schema", "suppress"} {
		t.Run(dir, func(t *testing.T) {
			linter := &catalog.Linter{Rules: rules.All()}
			if dir == "schema" {
				// The schema fixture is about schema findings only.
				linter.Config.Rules = map[string]catalog.RuleConfig{"lifecycle/*": {Disabled: true}, "ops/*": {Disabled: true}}
			}
			for _, d := range catalogtest.Run(t, linter, filepath.Join("testdata", dir)) {
				assert.True(t, slices.ContainsFunc(slices.Concat(catalog.LoaderRules(), catalog.EngineRules(), infos(rules.All())),
					func(r diag.RuleInfo) bool { return r.ID == d.Rule }), d.Rule)
			}
		})
	}
}

func infos(rs []catalog.Rule) []diag.RuleInfo {
	out := make([]diag.RuleInfo, len(rs))
	for i, r := range rs {
		out[i] = r.Info()
	}
	return out
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

// TestNullAtItsKey: a key written with nothing after it is placed at the
// key, where a caret finds text, not just past the colon; `~`, `null` and
// "" are text and placed where they are written. The schema still calls
// the null what it is, a value of the wrong type, beside the finding of
// the rule that needs the value: it is written wrong, and it leaves the
// decision open, two things the editor's schema and the rules each say.
func TestNullAtItsKey(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Service
metadata: {name: s}
spec:
  state: active
  owner: o
  value: v
  customers: [c]
  notApplicableWork: {incident: x, problem: x, change: x, configuration: x, contract: x}
  lifecycle:
    new: {issuance: x, inquiries: x, naming: x}
    use: {users: x, operators: x, thirdParties: {notApplicable: x}}
    change: {triggers: x, patterns: x}
    suspend: {triggers: x, permissions: x, deletion: x, idReissue: x}
    retire:
      personalData:   # nothing written
      disposal: ~
      notice: null
      contact: ""
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: o}
spec: {tier: overall-management}
`
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
	doc := d.Lookup("Service", "s")
	at := func(ptr string) [2]int { p := doc.At(ptr); return [2]int{p.Line, p.Column} }
	assert.Equal(t, [2]int{16, 7}, at("/spec/lifecycle/retire/personalData"), "nothing written: at the key")
	assert.Equal(t, [2]int{17, 17}, at("/spec/lifecycle/retire/disposal"), "~: at the text")
	assert.Equal(t, [2]int{18, 15}, at("/spec/lifecycle/retire/notice"), "null: at the text")
	assert.Equal(t, [2]int{19, 16}, at("/spec/lifecycle/retire/contact"), `"": at the quotes`)

	diags := (&catalog.Linter{Rules: rules.All()}).Lint(d)
	assert.Equal(t, []key{
		{"lifecycle/open-decision", 16, 7, "/spec/lifecycle/retire/personalData"},
		{"schema/type", 16, 7, "/spec/lifecycle/retire/personalData"},
		{"lifecycle/open-decision", 17, 17, "/spec/lifecycle/retire/disposal"},
		{"schema/type", 17, 17, "/spec/lifecycle/retire/disposal"},
		{"lifecycle/open-decision", 18, 15, "/spec/lifecycle/retire/notice"},
		{"schema/type", 18, 15, "/spec/lifecycle/retire/notice"},
		{"lifecycle/open-decision", 19, 16, "/spec/lifecycle/retire/contact"},
	}, keys(diags))
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
	l := &catalog.Linter{Rules: append(rules.All(), noTitle)}
	assert.Equal(t, []key{
		{"team/service-title", 10, 1, "/metadata"},
		{"lifecycle/missing-event", 15, 3, "/spec/lifecycle/retire"},
		{"lifecycle/open-decision", 19, 5, "/spec/lifecycle/suspend/deletion"},
	}, keys(l.Lint(d)))
}

func TestConfigDisablesAndRegrades(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	l := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{Rules: map[string]catalog.RuleConfig{
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

// The catalog's own rules: valid, each ID once, in two tables that do not
// overlap, new on every call, and known to every Linter.
func TestOwnRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range slices.Concat(catalog.LoaderRules(), catalog.EngineRules()) {
		require.NoError(t, r.Validate(), r.ID)
		assert.False(t, seen[r.ID], "duplicate %s", r.ID)
		seen[r.ID] = true
	}
	for _, id := range []string{"yaml/duplicate-key", "json/syntax", "limits/file-size", "schema/unknown-key",
		"openslo/spec-sdk-disagreement", "suppress/missing-reason", "lint/unknown-rule", "lint/no-rules"} {
		assert.True(t, seen[id], id)
	}
	loader := catalog.LoaderRules()
	loader[0].Severity = 0
	assert.NotZero(t, catalog.LoaderRules()[0].Severity)

	// A Linter with no checks still knows them: configuration may name
	// them without being told they are unknown.
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase)})
	l := &catalog.Linter{Rules: []catalog.Rule{}, Config: catalog.Config{Rules: map[string]catalog.RuleConfig{
		"yaml/*": {Severity: catalog.Error}, "suppress/unused": {Disabled: true}, "lifecycle/missing-event": {Disabled: true},
	}}}
	assert.Equal(t, []key{{"lint/unknown-rule", 0, 0, ""}}, keys(l.Lint(d)), "only the design rule is unknown")
}

// A Linter given no rules at all (nil) says so rather than silently
// checking nothing; an empty slice checks nothing on purpose.
func TestLinterWithoutRules(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(lifecycleBase + "  ownr: x\n")})
	diags := (&catalog.Linter{}).Lint(d)
	assert.Equal(t, []key{{"lint/no-rules", 0, 0, ""}, {"schema/unknown-key", 26, 3, "/spec/ownr"}}, keys(diags))
	assert.Equal(t, catalog.Error, diags[0].Severity)
	assert.Contains(t, diags[0].Message, "rules.All()")
	assert.Equal(t, []key{{"schema/unknown-key", 26, 3, "/spec/ownr"}}, keys((&catalog.Linter{Rules: []catalog.Rule{}}).Lint(d)))
}

// Known lists what a Linter checks configuration against: the catalog's
// own rules and its valid rules, each once, sorted.
func TestLinterKnown(t *testing.T) {
	mine := catalog.Rule{ID: "team/mine", Doc: "Mine.", Severity: catalog.Info, Run: func(*catalog.Pass) {}}
	l := &catalog.Linter{Rules: []catalog.Rule{mine, mine, {ID: "Bad ID", Doc: "Bad.", Severity: catalog.Error}}}
	known := l.Known()
	assert.True(t, slices.IsSortedFunc(known, func(a, b diag.RuleInfo) int { return strings.Compare(a.ID, b.ID) }))
	assert.Len(t, known, len(catalog.LoaderRules())+len(catalog.EngineRules())+1)
	assert.Contains(t, known, mine.Info())
	assert.Len(t, (&catalog.Linter{}).Known(), len(catalog.LoaderRules())+len(catalog.EngineRules()))
}

// A Pass made outside a Linter knows the catalog's own rules and the rule
// it runs for, not the built-in design rules.
func TestPassOutsideALinter(t *testing.T) {
	p := &catalog.Pass{Rule: catalog.Rule{ID: "team/mine", Doc: "Mine.", Severity: catalog.Info}}
	assert.True(t, p.HasRule("team/mine"))
	assert.True(t, p.HasRule("yaml/*"))
	assert.True(t, p.HasRule("lint/no-rules"))
	assert.False(t, p.HasRule("lifecycle/missing-event"))
	assert.False(t, p.HasRule("lifecycle/*"))
	ids := p.RuleIDs()
	assert.True(t, slices.IsSorted(ids))
	assert.Contains(t, ids, "team/mine")
	assert.Len(t, ids, len(catalog.LoaderRules())+len(catalog.EngineRules())+1)
}

func TestLinterClock(t *testing.T) {
	fixed := time.Date(2030, time.January, 2, 3, 4, 5, 0, time.UTC)
	calls := 0
	var seen []time.Time
	record := func(id string) catalog.Rule {
		return catalog.Rule{ID: id, Doc: "Records the clock.", Severity: catalog.Info, Run: func(p *catalog.Pass) {
			p.Report(catalog.Diagnostic{Message: p.Now().Format(time.RFC3339)})
		}}
	}
	l := &catalog.Linter{
		Rules: []catalog.Rule{record("clock/a"), record("clock/b")},
		Now:   func() time.Time { calls++; return fixed },
	}
	for _, dg := range l.Lint(&catalog.Design{}) {
		at, err := time.Parse(time.RFC3339, dg.Message)
		require.NoError(t, err)
		seen = append(seen, at)
	}
	assert.Equal(t, []time.Time{fixed, fixed}, seen)
	assert.Equal(t, 1, calls, "the clock is read once per Lint")

	before := time.Now()
	p := &catalog.Pass{}
	assert.False(t, p.Now().Before(before), "a Pass outside a Linter uses time.Now")
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
	err := rules.Lint(d).Err()
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
