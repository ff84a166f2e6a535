package rules_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestSettingsFixtures(t *testing.T) { runFixture(t, "settings") }

func TestSettingsGolden(t *testing.T) { golden(t, "settings") }

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
	for _, dg := range (&catalog.Linter{Rules: rules.All(), Now: func() time.Time { return now }}).Lint(d) {
		if strings.HasPrefix(dg.Rule, "ops/") || strings.HasPrefix(dg.Rule, "settings/") {
			out = append(out, dg)
		}
	}
	require.Empty(t, rules.Lint(d).ByRule("ref/unresolved"))
	return out
}

func TestSettingsChangeFindings(t *testing.T) {
	today := time.Date(2026, time.November, 22, 8, 0, 0, 0, time.UTC)
	// Under the defaults: one catch-all per catalog, owned by a top tier.
	defaults := []string{
		"ops/catch-all-owner 25:14 /spec/requestTypes/0/owner",
		"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
	}
	tests := []struct {
		name string
		spec string
		now  time.Time
		want []string
	}{
		{"defaults", "", today, defaults},
		{"empty settings", "  {}\n", today, defaults},
		{"cost optional", "  costAttribution: optional\n", today, defaults},
		{"cost required", "  costAttribution: required\n", today, append([]string{
			"ops/cost-missing 15:1 /spec/effort",
			"ops/cost-missing 43:1 /spec/effort",
		}, defaults...)},
		{"cost per task", "  costAttribution: per-task\n", today, []string{
			"ops/cost-missing 15:1 /spec/effort",
			"ops/catch-all-owner 25:14 /spec/requestTypes/0/owner",
			"ops/cost-missing 28:7 /spec/tasks/0/effort",
			"ops/cost-missing 43:1 /spec/effort",
			"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
		}},
		{"restore age 365d: 82 days is fine", "  restoreTestMaxAge: 365d\n", today, defaults},
		{"restore age 30d: 82 days is stale", "  restoreTestMaxAge: 30d\n", today, []string{
			"ops/catch-all-owner 25:14 /spec/requestTypes/0/owner",
			"ops/restore-test-stale 37:21 /spec/backups/0/restore/lastTested",
			"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
		}},
		{"default age, exactly 365 days later", "", time.Date(2027, time.September, 1, 23, 59, 0, 0, time.UTC), defaults},
		{"default age, 366 days later", "", time.Date(2027, time.September, 2, 0, 0, 0, 0, time.UTC), []string{
			"ops/catch-all-owner 25:14 /spec/requestTypes/0/owner",
			"ops/restore-test-stale 37:21 /spec/backups/0/restore/lastTested",
			"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
		}},
		{"restore age in months", "  restoreTestMaxAge: 2mo\n", time.Date(2026, time.November, 2, 0, 0, 0, 0, time.UTC), []string{
			"ops/catch-all-owner 25:14 /spec/requestTypes/0/owner",
			"ops/restore-test-stale 37:21 /spec/backups/0/restore/lastTested",
			"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
		}},
		{"restore tested in the future", "", time.Date(2026, time.August, 31, 0, 0, 0, 0, time.UTC), []string{
			"ops/catch-all-owner 25:14 /spec/requestTypes/0/owner",
			"ops/restore-untested 37:21 /spec/backups/0/restore/lastTested",
			"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
		}},
		{"one catch-all per service", "  catchAll: per-service\n", today, []string{
			"ops/catch-all-owner 25:14 /spec/requestTypes/0/owner",
		}},
		{"support may own the catch-all", "  catchAllOwnerTiers: [overall-management, service-enhancement]\n", today, []string{
			"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
		}},
		{"only the support tier may own it", "  catchAllOwnerTiers: [service-enhancement]\n", today, []string{
			"ops/catch-all-duplicate 52:17 /spec/requestTypes/0/catchAll",
			"ops/catch-all-owner 53:14 /spec/requestTypes/0/owner",
		}},
		{"cloud design with a contact", "  cloud: {provider: AWS, contact: Enterprise support.}\n", today, append([]string{
			"ops/cloud-work-missing 27:3 /spec/tasks",
			"ops/cloud-work-missing 43:1 /spec/tasks",
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

	// The work each service lacks is reported at its tasks, pointing at the
	// cloud of the Settings; the contact route the Settings' cloud lacks,
	// once, at that cloud, pointing at each service's tasks.
	cloud := lintWithSettings(t, "  cloud: {provider: Azure}\n", today).ByRule("ops/cloud-work-missing")
	require.Len(t, cloud, 3)
	assert.Contains(t, cloud[0].Message, `service "shop", which runs on Azure, designs no work for service-level management and reporting`)
	assert.Contains(t, cloud[0].Message, "category service-reporting or billing")
	assert.Equal(t, catalog.Pos{File: "settings.yaml", Line: 5, Column: 3}, cloud[0].Related[0].Pos)
	contact := cloud[2]
	assert.Equal(t, catalog.Pos{File: "settings.yaml", Line: 5, Column: 3}, contact.Pos)
	assert.Contains(t, contact.Message, `services "shop" and "desk", which run on Azure, design no contact route to the provider`)
	require.Len(t, contact.Related, 2)
	assert.Equal(t, catalog.Pos{File: "design.yaml", Line: 27, Column: 3}, contact.Related[0].Pos)

	// An empty contact is reported at the contact itself.
	empty := lintWithSettings(t, "  cloud: {provider: Azure, contact: \"\"}\n", today).ByRule("ops/cloud-work-missing")
	require.Len(t, empty, 3)
	assert.Equal(t, "ops/cloud-work-missing 5:37 /spec/cloud/contact", keys(empty)[2])
	assert.Contains(t, empty[2].Message, `services "shop" and "desk", which run on Azure, have an empty contact route to the provider`)
}

// Only the first Settings document counts: the second is reported at its
// name, pointing at the one in force.
func TestSecondSettings(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: first}\nspec: {costAttribution: optional}\n---\n" +
		"apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: second}\nspec: {costAttribution: required}\n"
	d := parse("s.yaml", src)
	dup := rules.Lint(d).ByRule("settings/duplicate")
	assert.Equal(t, []string{"settings/duplicate 8:18 /metadata/name"}, keys(dup))
	require.Len(t, dup[0].Related, 1)
	assert.Equal(t, 3, dup[0].Related[0].Pos.Line)
	assert.Equal(t, `Settings "second" is a second Settings document; only "first", loaded first, is in force: merge them`, dup[0].Message)
}
