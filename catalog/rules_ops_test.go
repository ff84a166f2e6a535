package catalog_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

func init() {
	// Shared by every golden test of the package; defined once, whichever
	// file gets here first.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// opsToday is the day the operations fixtures are judged at.
func opsToday() time.Time { return time.Date(2026, time.November, 22, 12, 0, 0, 0, time.UTC) }

// TestOpsFixturesGolden pins every finding of the operations fixtures, its
// position, JSON pointer, severity, message and related positions, in
// testdata/ops-findings.golden. Refresh it with go test -run OpsFixturesGolden -update.
func TestOpsFixturesGolden(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/invalid/ops*")
	require.NoError(t, err)
	require.Len(t, dirs, 4)
	var b strings.Builder
	for _, dir := range dirs {
		d, err := catalog.Load(dir)
		require.NoError(t, err)
		fmt.Fprintf(&b, "== %s\n", filepath.Base(dir))
		for _, dg := range (&catalog.Linter{Now: opsToday}).Lint(d) {
			fmt.Fprintf(&b, "%s (%s)\n", dg, dg.Path)
			for _, r := range dg.Related {
				fmt.Fprintf(&b, "\t%s: %s\n", r.Pos, r.Message)
			}
		}
	}
	golden := filepath.Join("testdata", "ops-findings.golden")
	if updateGolden() {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -run OpsFixturesGolden -update")
	assert.Equal(t, string(want), b.String())
}

// settingsDesign is one design linted under different Settings. Service
// "shop" owns a catch-all through a support role, "desk" a second one
// through the department head; the restore was tested on 2026-09-01; no
// effort is stated anywhere.
const settingsDesign = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: head}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: support}
spec: {tier: service-enhancement}
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: shop
spec:
  state: active
  owner: head
  customers: [members]
  value: Members come back.
  notApplicableWork: {incident: x., problem: x., change: x., configuration: x., contract: x.}
  lifecycle: {new: {notApplicable: x.}, use: {notApplicable: x.}, change: {notApplicable: x.}, suspend: {notApplicable: x.}, retire: {notApplicable: x.}}
  requestTypes:
    - name: other
      catchAll: true
      owner: support
      channels: [form]
  tasks:
    - name: restart
      category: incident
      trigger: {event: The till freezes.}
      action: Restart it.
      owner: support
  backups:
    - name: db
      restore:
        procedure: https://wiki.example.com/restore
        lastTested: "2026-09-01"
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: desk
spec:
  state: active
  owner: head
  customers: [staff]
  value: Staff get answers.
  notApplicableWork: {incident: x., problem: x., change: x., configuration: x., contract: x.}
  lifecycle: {new: {notApplicable: x.}, use: {notApplicable: x.}, change: {notApplicable: x.}, suspend: {notApplicable: x.}, retire: {notApplicable: x.}}
  requestTypes:
    - name: other
      catchAll: true
      owner: head
      channels: [form]
`

// lintWithSettings lints settingsDesign (in design.yaml) with a Settings
// document (in settings.yaml, none when spec is "") at the given day, and
// returns the operations findings.
func lintWithSettings(t *testing.T, spec string, now time.Time) catalog.Diagnostics {
	t.Helper()
	sources := []catalog.Source{{Name: "design.yaml", Data: []byte(settingsDesign)}}
	if spec != "" {
		sources = append(sources, catalog.Source{Name: "settings.yaml", Data: []byte(
			"apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: design}\nspec:\n" + spec)})
	}
	d := catalog.Parse(sources...)
	require.Empty(t, d.Diagnostics())
	var out catalog.Diagnostics
	for _, dg := range (&catalog.Linter{Now: func() time.Time { return now }}).Lint(d) {
		if strings.HasPrefix(dg.Rule, "ops/") || strings.HasPrefix(dg.Rule, "settings/") {
			out = append(out, dg)
		}
	}
	require.Empty(t, catalog.Lint(d).ByRule("ref/unresolved"))
	return out
}

func TestSettingsChangeFindings(t *testing.T) {
	today := time.Date(2026, time.November, 22, 8, 0, 0, 0, time.UTC)
	// Under the defaults: one catch-all per catalog, owned by a top tier.
	defaults := []key{
		{"ops/catch-all-owner", 25, 14, "/spec/requestTypes/0/owner"},
		{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
	}
	tests := []struct {
		name string
		spec string
		now  time.Time
		want []key
	}{
		{"defaults", "", today, defaults},
		{"empty settings", "  {}\n", today, defaults},
		{"cost optional", "  costAttribution: optional\n", today, defaults},
		{"cost required", "  costAttribution: required\n", today, append([]key{
			{"ops/cost-missing", 15, 1, "/spec/effort"},
			{"ops/cost-missing", 43, 1, "/spec/effort"},
		}, defaults...)},
		{"cost per task", "  costAttribution: per-task\n", today, []key{
			{"ops/cost-missing", 15, 1, "/spec/effort"},
			{"ops/catch-all-owner", 25, 14, "/spec/requestTypes/0/owner"},
			{"ops/cost-missing", 28, 7, "/spec/tasks/0/effort"},
			{"ops/cost-missing", 43, 1, "/spec/effort"},
			{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
		}},
		{"restore age 365d: 82 days is fine", "  restoreTestMaxAge: 365d\n", today, defaults},
		{"restore age 30d: 82 days is stale", "  restoreTestMaxAge: 30d\n", today, []key{
			{"ops/catch-all-owner", 25, 14, "/spec/requestTypes/0/owner"},
			{"ops/restore-test-stale", 37, 21, "/spec/backups/0/restore/lastTested"},
			{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
		}},
		{"default age, exactly 365 days later", "", time.Date(2027, time.September, 1, 23, 59, 0, 0, time.UTC), defaults},
		{"default age, 366 days later", "", time.Date(2027, time.September, 2, 0, 0, 0, 0, time.UTC), []key{
			{"ops/catch-all-owner", 25, 14, "/spec/requestTypes/0/owner"},
			{"ops/restore-test-stale", 37, 21, "/spec/backups/0/restore/lastTested"},
			{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
		}},
		{"restore age in months", "  restoreTestMaxAge: 2mo\n", time.Date(2026, time.November, 2, 0, 0, 0, 0, time.UTC), []key{
			{"ops/catch-all-owner", 25, 14, "/spec/requestTypes/0/owner"},
			{"ops/restore-test-stale", 37, 21, "/spec/backups/0/restore/lastTested"},
			{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
		}},
		{"restore tested in the future", "", time.Date(2026, time.August, 31, 0, 0, 0, 0, time.UTC), []key{
			{"ops/catch-all-owner", 25, 14, "/spec/requestTypes/0/owner"},
			{"ops/restore-untested", 37, 21, "/spec/backups/0/restore/lastTested"},
			{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
		}},
		{"one catch-all per service", "  catchAll: per-service\n", today, []key{
			{"ops/catch-all-owner", 25, 14, "/spec/requestTypes/0/owner"},
		}},
		{"support may own the catch-all", "  catchAllOwnerTiers: [overall-management, service-enhancement]\n", today, []key{
			{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
		}},
		{"only the support tier may own it", "  catchAllOwnerTiers: [service-enhancement]\n", today, []key{
			{"ops/catch-all-duplicate", 52, 17, "/spec/requestTypes/0/catchAll"},
			{"ops/catch-all-owner", 53, 14, "/spec/requestTypes/0/owner"},
		}},
		{"cloud design with a contact", "  cloud: {provider: AWS, contact: Enterprise support.}\n", today, append([]key{
			{"ops/cloud-work-missing", 27, 3, "/spec/tasks"},
			{"ops/cloud-work-missing", 43, 1, "/spec/tasks"},
		}, defaults...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lintWithSettings(t, tt.spec, tt.now)
			// Findings sort by file, then line: design.yaml comes first.
			assert.ElementsMatch(t, tt.want, keys(got))
		})
	}
}

func TestSettingsFindingsPointAtTheSetting(t *testing.T) {
	today := time.Date(2026, time.November, 22, 0, 0, 0, 0, time.UTC)
	stale := lintWithSettings(t, "  restoreTestMaxAge: 30d\n", today).ByRule("ops/restore-test-stale")
	require.Len(t, stale, 1)
	assert.Equal(t, `design.yaml:37:21: warning: the restore of backup "db" of service "shop" was last tested 82 days ago (2026-09-01), longer ago than 30d: test it again [ops/restore-test-stale]`, stale[0].String())
	require.Len(t, stale[0].Related, 1)
	assert.Equal(t, catalog.Pos{File: "settings.yaml", Line: 5, Column: 22}, stale[0].Related[0].Pos)

	cost := lintWithSettings(t, "  costAttribution: required\n", today).ByRule("ops/cost-missing")
	require.Len(t, cost, 2)
	assert.Equal(t, catalog.Pos{File: "settings.yaml", Line: 5, Column: 20}, cost[0].Related[0].Pos)
	assert.Equal(t, catalog.Error, cost[0].Severity)

	cloud := lintWithSettings(t, "  cloud: {provider: Azure}\n", today).ByRule("ops/cloud-work-missing")
	require.Len(t, cloud, 2)
	assert.Contains(t, cloud[0].Message, `service "shop", which runs on Azure, designs no work for the contact route to the provider`)
	assert.Contains(t, cloud[0].Message, "category provider-contact, service-reporting or billing")
	assert.Equal(t, catalog.Pos{File: "settings.yaml", Line: 5, Column: 3}, cloud[0].Related[0].Pos)
}

func TestDesignSettings(t *testing.T) {
	assert.Contains(t, catalog.Kinds(), "Settings")
	schema, ok := catalog.Schema("Settings")
	require.True(t, ok)
	assert.Contains(t, string(schema), "restoreTestMaxAge")

	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(settingsDesign)})
	assert.Equal(t, catalog.DefaultSettings(), d.Settings)
	assert.Nil(t, d.Settings.Doc)
	assert.Equal(t, catalog.CostOptional, d.Settings.CostAttribution)
	assert.Equal(t, "365d", d.Settings.RestoreTestMaxAge.String())
	assert.Equal(t, catalog.CatchAllPerCatalog, d.Settings.CatchAll)
	assert.Equal(t, []string{"overall-management", "overall-optimisation"}, d.Settings.CatchAllOwnerTiers)
	assert.Nil(t, d.Settings.Cloud)

	for _, tt := range []struct {
		age  string
		want catalog.Period
		text string
	}{
		{"180d", catalog.Period{Days: 180}, "180d"},
		{"26w", catalog.Period{Days: 182}, "182d"},
		{"6mo", catalog.Period{Months: 6}, "6mo"},
		{"1y", catalog.Period{Years: 1}, "1y"},
		{"9999d", catalog.Period{Days: 9999}, "9999d"},
	} {
		src := "apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  restoreTestMaxAge: " + tt.age +
			"\n  costAttribution: per-task\n  catchAll: per-service\n  catchAllOwnerTiers: [certified]\n  cloud: {provider: AWS, contact: Support.}\n"
		d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
		require.Empty(t, d.Diagnostics(), tt.age)
		s := d.Settings
		require.NotNil(t, s.Doc)
		assert.Equal(t, "s", s.Doc.Name)
		assert.Equal(t, tt.want, s.RestoreTestMaxAge, tt.age)
		assert.Equal(t, tt.text, s.RestoreTestMaxAge.String())
		assert.Equal(t, catalog.CostPerTask, s.CostAttribution)
		assert.Equal(t, catalog.CatchAllPerService, s.CatchAll)
		assert.Equal(t, []string{"certified"}, s.CatchAllOwnerTiers)
		assert.Equal(t, &catalog.Cloud{Path: "/spec/cloud", Provider: "AWS", Contact: "Support."}, s.Cloud)
	}
	assert.Equal(t, "1y6mo", catalog.Period{Years: 1, Months: 6}.String())
	assert.Equal(t, "0d", catalog.Period{}.String())
	assert.Equal(t, time.Date(2027, time.February, 28, 0, 0, 0, 0, time.UTC),
		catalog.Period{Months: 1}.AddTo(time.Date(2027, time.January, 28, 0, 0, 0, 0, time.UTC)))
}

// A Settings value the schema rejects is reported there and the default
// stays in force; only the first Settings document counts.
func TestBadAndSecondSettings(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Settings
metadata: {name: first}
spec:
  restoreTestMaxAge: 0d
  costAttribution: always
---
apiVersion: opsdesign/v1
kind: Settings
metadata: {name: second}
spec:
  costAttribution: required
`
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
	assert.Equal(t, []key{
		{"schema/value", 5, 22, "/spec/restoreTestMaxAge"},
		{"schema/enum", 6, 20, "/spec/costAttribution"},
	}, keys(d.Diagnostics()))
	assert.Equal(t, "first", d.Settings.Doc.Name)
	assert.Equal(t, catalog.CostOptional, d.Settings.CostAttribution)
	assert.Equal(t, catalog.Period{Days: 365}, d.Settings.RestoreTestMaxAge)
	dup := catalog.Lint(d).ByRule("settings/duplicate")
	assert.Equal(t, []key{{"settings/duplicate", 10, 18, "/metadata/name"}}, keys(dup))
	require.Len(t, dup[0].Related, 1)
	assert.Equal(t, 3, dup[0].Related[0].Pos.Line)
}

// A Design built by hand, without loading, still gets the defaults.
func TestHandBuiltDesignUsesDefaultSettings(t *testing.T) {
	d := &catalog.Design{}
	assert.Empty(t, catalog.Lint(d))
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

// Every operations rule tells its story and shows a finding in YAML.
func TestOpsRuleDocs(t *testing.T) {
	n := 0
	for _, r := range catalog.Rules() {
		if !strings.HasPrefix(r.ID, "ops/") && !strings.HasPrefix(r.ID, "settings/") {
			continue
		}
		n++
		require.NotNil(t, r.Run, r.ID)
		story, example, ok := strings.Cut(r.Doc, "\n\n```yaml\n")
		require.True(t, ok, "%s: no YAML example", r.ID)
		assert.True(t, strings.HasSuffix(example, "```"), r.ID)
		assert.GreaterOrEqual(t, strings.Count(story, ". "), 1, "%s: the story needs two sentences or more", r.ID)
	}
	assert.Equal(t, 21, n)
}

// Broken values of the wrong type never make an operations rule panic or
// report what the schema already reports.
func TestOpsRulesOnMalformedServices(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Service
metadata: {name: broken}
spec:
  state: active
  owner: nobody
  value: 42
  customers: who
  notApplicableWork: [incident]
  cloud: AWS
  tasks: {name: t}
  monitors: [name-only, {name: m, reads: [a], affects: {x: 1}, task: [t]}]
  backups:
    - {name: b, restore: yes please, schedule: 3}
    - {name: c, restore: {procedure: p, lastTested: not-a-date, notApplicable: 7}}
  requestTypes:
    - {name: r, catchAll: "true", channels: [sms, {channel: email, ticketed: "yes"}]}
`
	d := catalog.Parse(catalog.Source{Name: "b.yaml", Data: []byte(src)})
	require.NotEmpty(t, d.Diagnostics())
	diags := (&catalog.Linter{Now: opsToday}).Lint(d)
	assert.Empty(t, diags.ByRule("lint/rule-panic"))
	assert.Empty(t, diags.ByRule("ops/untracked-channel"), "the schema reports the bad channels")
	assert.Empty(t, diags.ByRule("ops/restore-untested"), "the schema reports the bad date")
}
