package rules_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/openslo"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo/counts"
	"github.com/opsdesign/opsdesign/slo/eventlog"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

// update is the -update flag of every golden test of the package:
//
//	go test ./catalog/rules -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// today is the day the fixtures are judged at, so that the ages they state
// (when a restore was last tested) never run out.
func today() time.Time { return time.Date(2026, time.November, 22, 12, 0, 0, 0, time.UTC) }

// linter runs every built-in rule as of today.
func linter() *catalog.Linter { return &catalog.Linter{Rules: rules.All(), Now: today} }

// groups runs the built-in rules of the groups only ("slo", "openslo"), so
// that a test about one group is not about the rest of a minimal design.
func groups(names ...string) *catalog.Linter {
	var rs []catalog.Rule
	for _, r := range rules.All() {
		if slices.Contains(names, groupOf(r.ID)) {
			rs = append(rs, r)
		}
	}
	return &catalog.Linter{Rules: rs, Now: today}
}

func groupOf(id string) string { g, _, _ := strings.Cut(id, "/"); return g }

// only keeps the findings of a group.
func only(group string, diags catalog.Diagnostics) catalog.Diagnostics {
	var out catalog.Diagnostics
	for _, d := range diags {
		if groupOf(d.Rule) == group {
			out = append(out, d)
		}
	}
	return out
}

// runFixture checks the fixture of a group (testdata/<dir>) against its
// "# want" comments.
func runFixture(t *testing.T, dir string) catalog.Diagnostics {
	t.Helper()
	return catalogtest.Run(t, linter(), filepath.Join("testdata", dir))
}

func parse(name, src string) *catalog.Design {
	return catalog.Parse(catalog.Source{Name: name, Data: []byte(src)})
}

func load(t *testing.T, paths ...string) *catalog.Design {
	t.Helper()
	d, err := catalog.Load(paths...)
	require.NoError(t, err)
	return d
}

// keys writes each finding as tests compare it: its rule, line, column
// and JSON pointer, "ref/unresolved 15:10 /spec/owner", not its message.
func keys(diags catalog.Diagnostics) []string {
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = fmt.Sprintf("%s %d:%d %s", d.Rule, d.Pos.Line, d.Pos.Column, d.Path)
	}
	return out
}

func ruleIDs(diags catalog.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Rule)
	}
	return out
}

func TestAll(t *testing.T) {
	all := rules.All()
	require.NotEmpty(t, all)
	for i, r := range all {
		require.NoError(t, r.Validate(), r.ID)
		if i > 0 {
			assert.Less(t, all[i-1].ID, r.ID, "sorted, each ID once")
		}
		assert.NotContains(t, []string{"yaml", "json", "limits", "load", "schema", "suppress", "lint"}, groupOf(r.ID),
			"%s is one of the catalog's own rules, which every Linter knows", r.ID)
	}
	// A new slice on every call: changing it changes nothing for the next caller.
	all[0].Severity = 0
	assert.NotZero(t, rules.All()[0].Severity)
}

// TestRegistry: every rule the product reports, each once, valid, sorted.
func TestRegistry(t *testing.T) {
	reg := rules.Registry()
	seen := map[string]diag.RuleInfo{}
	for i, r := range reg {
		require.NoError(t, r.Validate(), r.ID)
		_, dup := seen[r.ID]
		require.False(t, dup, "%s is registered twice", r.ID)
		seen[r.ID] = r
		if i > 0 {
			assert.Less(t, reg[i-1].ID, r.ID, "sorted by ID")
		}
	}
	var want []diag.RuleInfo
	for _, r := range rules.All() {
		want = append(want, r.Info())
	}
	want = slices.Concat(want, catalog.LoaderRules(), catalog.EngineRules(), ticket.Rules(), slack.Rules(), eventlog.Rules(), openslo.Rules(), counts.Rules())
	assert.Len(t, reg, len(want))
	for _, r := range want {
		assert.Equal(t, r, seen[r.ID], r.ID)
	}
	for _, id := range []string{"yaml/duplicate-key", "schema/unknown-key", "openslo/spec-sdk-disagreement", "lint/no-rules",
		"suppress/unused", "lifecycle/missing-event", "baseline/stale", "ticket/bad-time", "events/bad-time", "openslo/not-converted", "schema/unknown-api-version",
		"counts/bad-count", "slack/bad-json"} {
		assert.Contains(t, seen, id)
	}
	reg[0].Severity = 0
	assert.NotZero(t, rules.Registry()[0].Severity, "a new slice on every call")
}

// TestEveryRuleBesideItsTestAndFixture holds the layout a newcomer relies
// on: a rule's ID is written in <group>.go (or <group>_<part>.go), beside
// its _test.go, and a rule that runs is expected by a "# want" comment in
// a fixture of its group, testdata/<group> or testdata/<group>-<part>.
func TestEveryRuleBesideItsTestAndFixture(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	sources := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		sources[f] = string(b)
	}
	wanted := map[string][]string{} // rule ID → fixture directories that expect it
	dirs, err := filepath.Glob("testdata/*")
	require.NoError(t, err)
	for _, dir := range dirs {
		if !isDir(dir) {
			continue
		}
		want, err := catalogtest.Expectations(dir)
		require.NoError(t, err)
		for _, w := range want {
			wanted[w.Rule] = append(wanted[w.Rule], filepath.Base(dir))
		}
	}
	for _, r := range rules.All() {
		group := groupOf(r.ID)
		var in []string
		for f, src := range sources {
			if (f == group+".go" || strings.HasPrefix(f, group+"_")) && strings.Contains(src, `"`+r.ID+`"`) {
				in = append(in, f)
			}
		}
		if !assert.Len(t, in, 1, "%s: the file of its group that writes its ID", r.ID) {
			continue
		}
		assert.FileExists(t, strings.TrimSuffix(in[0], ".go")+"_test.go", r.ID)
		if r.Run == nil {
			continue // documented here, reported elsewhere
		}
		assert.True(t, slices.ContainsFunc(wanted[r.ID], func(dir string) bool { return dir == group || strings.HasPrefix(dir, group+"-") }),
			"%s: no fixture of its group expects it (expected in %v)", r.ID, wanted[r.ID])
	}
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// A Design built by hand, without loading, still gets the default
// Settings, and nothing is wrong with an empty one.
func TestHandBuiltDesignUsesDefaultSettings(t *testing.T) {
	assert.Empty(t, rules.Lint(&catalog.Design{}))
}

// Every operations rule tells its story and shows a finding in YAML.
func TestOpsRuleDocs(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		if g := groupOf(r.ID); g != "ops" && g != "settings" {
			continue
		}
		n++
		require.NotNil(t, r.Run, r.ID)
		story, example, ok := strings.Cut(r.Doc, "\n\n```yaml\n")
		require.True(t, ok, "%s: no YAML example", r.ID)
		assert.True(t, strings.HasSuffix(example, "```"), r.ID)
		assert.GreaterOrEqual(t, strings.Count(story, ". "), 1, "%s: the story needs two sentences or more", r.ID)
	}
	assert.Equal(t, 22, n)
}

// golden pins every finding of a fixture, its position, JSON pointer,
// severity, message and related positions, in testdata/<dir>.golden.
// Refresh it with go test ./catalog/rules -run Golden -update.
func golden(t *testing.T, dir string) {
	t.Helper()
	var b strings.Builder
	for _, dg := range linter().Lint(load(t, filepath.Join("testdata", dir))) {
		fmt.Fprintf(&b, "%s (%s)\n", dg, dg.Path)
		for _, r := range dg.Related {
			fmt.Fprintf(&b, "\t%s: %s\n", r.Pos, r.Message)
		}
	}
	catalogtest.Golden(t, filepath.Join("testdata", dir+".golden"), []byte(b.String()), *update)
}
