package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const lifecycleFixture = "../../catalog/rules/testdata/lifecycle/design.yaml"

// workspace makes a repository (a directory with .git, so the search for
// a configuration stops there) holding the lifecycle fixture at each of the
// given paths, and makes it the working directory.
func workspace(t *testing.T, designs ...string) string {
	t.Helper()
	fixture, err := os.ReadFile(lifecycleFixture)
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	for i, d := range designs {
		// Each copy names its documents apart, so copies do not clash.
		content := string(fixture)
		if i > 0 {
			for _, name := range []string{"ops-manager", "coupon-app", "point-card", "gift-card"} {
				content = strings.ReplaceAll(content, name, fmt.Sprintf("%s-%d", name, i))
			}
		}
		writeFile(t, filepath.Join(dir, d), content)
	}
	t.Chdir(dir)
	return dir
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte(content), 0o644))
}

func TestLintTextShowsSourceLines(t *testing.T) {
	code, out, errs := runCLI("lint", lifecycleFixture)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, lifecycleFixture+":17:3: error: service \"coupon-app\" does not design its retire (廃止) event; write it or mark it notApplicable with a reason [lifecycle/missing-event]\n"+
		" 17 |   lifecycle: # want \"lifecycle/missing-event\"\n"+
		"    |   ^\n")
	assert.Equal(t, "opsdesign lint: 13 errors in 1 file (4 documents); configuration: none; baseline: none\n", errs)
}

func TestLintGitHubAnnotations(t *testing.T) {
	workspace(t, "ops/design.yaml")
	code, out, _ := runCLI("lint", "-format", "github", "ops")
	assert.Equal(t, exitFindings, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 14, "13 annotations and the line saying GitHub hides 3 of them")
	assert.Equal(t, `::error file=ops/design.yaml,line=17,col=3,title=lifecycle/missing-event::service "coupon-app" does not design its retire (廃止) event; write it or mark it notApplicable with a reason`, lines[0])
	assert.Equal(t, "opsdesign: 13 errors, 0 warnings and 0 notices; GitHub annotates 10 of each kind per step, so 3 errors are in this log only (the job summary lists them all)", lines[13])
}

func TestLintSARIF(t *testing.T) {
	workspace(t, "ops/design.yaml")
	writeFile(t, ".opsdesign.yaml", "rules: {ticket/bad-time: warning}\n")
	code, out, errs := runCLI("lint", "-format", "sarif", "ops")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "opsdesign lint: 13 errors in 1 file (4 documents); configuration: .opsdesign.yaml; baseline: none\n", errs, "the summary on stderr; the log alone on stdout")
	var log struct {
		Version string
		Runs    []struct {
			Properties map[string]any
			Tool       struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID              string
				PartialFingerprints map[string]string
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	assert.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	assert.GreaterOrEqual(t, len(log.Runs[0].Tool.Driver.Rules), 30, "every rule is described")
	require.Len(t, log.Runs[0].Results, 13)
	first := log.Runs[0].Results[0]
	assert.Equal(t, "lifecycle/missing-event", first.RuleID)
	loc := first.Locations[0].PhysicalLocation
	assert.Equal(t, "ops/design.yaml", loc.ArtifactLocation.URI)
	assert.Equal(t, "%SRCROOT%", loc.ArtifactLocation.URIBaseID)
	assert.Equal(t, 17, loc.Region.StartLine)
	assert.Equal(t, 3, loc.Region.StartColumn)
	assert.Len(t, first.PartialFingerprints["opsdesign/v1"], 32)
	assert.Equal(t, map[string]any{"configuration": ".opsdesign.yaml", "baseline": nil}, log.Runs[0].Properties)
}

func TestLintFailOn(t *testing.T) {
	workspace(t, "ops/design.yaml")
	for _, tc := range []struct {
		grade, failOn string
		want          int
	}{
		{"error", "", exitFindings},
		{"warning", "", exitOK},
		{"warning", "error", exitOK},
		{"warning", "warning", exitFindings},
		{"warning", "info", exitFindings},
		{"info", "warning", exitOK},
		{"info", "info", exitFindings},
		{"error", "none", exitOK},
		{"off", "info", exitOK},
	} {
		writeFile(t, ".opsdesign.yaml", "rules:\n  lifecycle/*: "+tc.grade+"\n")
		args := []string{"lint", "-format", "json"}
		if tc.failOn != "" {
			args = append(args, "-fail-on", tc.failOn)
		}
		code, out, errs := runCLI(append(args, "ops")...)
		assert.Equal(t, tc.want, code, "%s graded %s, -fail-on %s: %s", "lifecycle/*", tc.grade, tc.failOn, errs)
		var got []map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		if tc.grade == "off" {
			assert.Empty(t, got)
		} else {
			require.Len(t, got, 13)
			assert.Equal(t, tc.grade, got[0]["severity"])
		}
	}
}

func TestLintConfigOverridesByPath(t *testing.T) {
	workspace(t, "ops/legacy/design.yaml", "ops/current/design.yaml")
	writeFile(t, "ops/.opsdesign.yaml", "overrides:\n  - paths: [legacy]\n    rules:\n      lifecycle/*: off\n      lifecycle/open-decision: info\n")
	code, out, _ := runCLI("lint", "-format", "json", "ops")
	assert.Equal(t, exitFindings, code)
	var got []struct{ File, Rule, Severity string }
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	byFile := map[string][]string{}
	for _, g := range got {
		byFile[g.File] = append(byFile[g.File], g.Rule+" "+g.Severity)
	}
	assert.Len(t, byFile["ops/current/design.yaml"], 13)
	assert.Equal(t, []string{"lifecycle/open-decision info", "lifecycle/open-decision info"}, byFile["ops/legacy/design.yaml"])
}

func TestLintConfigMistakesArePositioned(t *testing.T) {
	workspace(t, "design.yaml")
	writeFile(t, ".opsdesign.yaml", "rules:\n  lifecycle/*: warn\n  lifecycle/missing-evnt: off\n")
	code, out, _ := runCLI("lint", "design.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, ".opsdesign.yaml:2:16: error: value must be one of \"off\", \"info\", \"warning\", \"error\" [schema/enum]\n"+
		" 2 |   lifecycle/*: warn\n"+
		"   |                ^\n")
	assert.Contains(t, out, ".opsdesign.yaml:3:3: warning: configuration names unknown rule \"lifecycle/missing-evnt\"; did you mean \"lifecycle/missing-event\"? [lint/unknown-rule]\n")
	assert.Equal(t, 13, strings.Count(out, "[lifecycle/"), "the valid settings and the design still count")
}

func TestLintExplicitConfig(t *testing.T) {
	workspace(t, "design.yaml")
	writeFile(t, "strict/team.yaml", "rules:\n  lifecycle/*: off\n")
	code, out, errs := runCLI("lint", "-config", "strict/team.yaml", "design.yaml")
	assert.Equal(t, exitOK, code, errs)
	assert.Empty(t, out)

	code, _, errs = runCLI("lint", "-config", "none.yaml", "design.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "none.yaml")
}

func TestLintPathsWithDifferentConfigs(t *testing.T) {
	workspace(t, "a/design.yaml", "b/design.yaml")
	writeFile(t, "a/.opsdesign.yaml", "rules: {}\n")
	code, _, errs := runCLI("lint", "a", "b")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "different configurations")
}

func TestLintBaseline(t *testing.T) {
	workspace(t, "ops/design.yaml")

	code, out, errs := runCLI("lint", "-write-baseline", "ops/.opsdesign-baseline.json", "ops")
	assert.Equal(t, exitOK, code, errs)
	assert.Empty(t, out)
	assert.Contains(t, errs, "recorded 13 findings in ops/.opsdesign-baseline.json")
	written, err := os.ReadFile("ops/.opsdesign-baseline.json")
	require.NoError(t, err)
	assert.Contains(t, string(written), `"file": "design.yaml"`, "names relative to the baseline")

	code, out, errs = runCLI("lint", "-baseline", "ops/.opsdesign-baseline.json", "ops")
	assert.Equal(t, exitOK, code, errs)
	assert.Empty(t, out)

	// Lines move and one finding is fixed while another appears: the
	// moved ones stay accepted, the new one fails, the fixed one is stale.
	design, err := os.ReadFile("ops/design.yaml")
	require.NoError(t, err)
	edited := "# Reviewed in November.\n\n" + strings.Replace(string(design),
		`notApplicable: "" # want "lifecycle/missing-reason"`, "notApplicable: Nothing personal is kept.", 1)
	require.NotEqual(t, "# Reviewed in November.\n\n"+string(design), edited, "the fixture still has the line this test edits")
	edited = strings.Replace(edited, "      idReissue: The same ID returns.\n", "", 1)
	writeFile(t, "ops/design.yaml", edited)

	// The configuration names the baseline, relative to itself.
	writeFile(t, ".opsdesign.yaml", "baseline: ops/.opsdesign-baseline.json\n")
	code, out, _ = runCLI("lint", "-format", "json", "ops")
	assert.Equal(t, exitFindings, code)
	var got []struct {
		File, Rule, Severity, Path string
		Line                       int
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	var rules []string
	for _, g := range got {
		rules = append(rules, g.Rule+" "+g.Severity)
	}
	assert.ElementsMatch(t, []string{"baseline/stale info", "lifecycle/open-decision error"}, rules)
	for _, g := range got {
		if g.Rule == "baseline/stale" {
			assert.Equal(t, "ops/.opsdesign-baseline.json", g.File)
			assert.Greater(t, g.Line, 0)
		}
	}

	code, _, errs = runCLI("lint", "-baseline", "missing.json", "ops")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "record one with -write-baseline")
}

func TestLintUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"lint", "-fail-on", "fatal"},
		{"lint", "-format", "markdown"},
		{"lint", "-baseline", "a.json", "-write-baseline", "b.json"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
}

// The reproduction: `lint dir` exited 0 where linting the link's
// target exited 1, because the walk skipped symbolic links.
func TestLintFollowsSymlinks(t *testing.T) {
	dir := workspace(t, "shared/design.yaml")
	require.NoError(t, os.Mkdir(filepath.Join(dir, "ops"), 0o755))
	require.NoError(t, os.Symlink("../shared", filepath.Join(dir, "ops/shared")))
	code, out, _ := runCLI("lint", "-format", "json", "ops")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, 13, strings.Count(out, `"file": "ops/shared/design.yaml"`))

	require.NoError(t, os.Remove(filepath.Join(dir, "ops/shared")))
	require.NoError(t, os.Symlink("../shared/design.yaml", filepath.Join(dir, "ops/design.yaml")))
	code, out, _ = runCLI("lint", "-format", "json", "ops")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, 13, strings.Count(out, `"file": "ops/design.yaml"`))
}

// One configuration governs every command, so lint checks its settings
// against every rule of the product: ticket/ and events/ settings are not
// unknown, a typo still is, at its key, and only once.
func TestLintConfigNamesEveryRule(t *testing.T) {
	workspace(t, "design.yaml")
	writeFile(t, ".opsdesign.yaml", "rules:\n  ticket/bad-time: off\n  events/far-from-others: warning\n  events/*: error\n  lifecycle/missing-evnt: off\n")
	code, out, errs := runCLI("lint", "-format", "json", "design.yaml")
	assert.Equal(t, exitFindings, code)
	var got []struct {
		File, Rule string
		Line       int
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	var unknown []string
	for _, g := range got {
		if g.Rule == "lint/unknown-rule" {
			unknown = append(unknown, fmt.Sprintf("%s:%d", g.File, g.Line))
		}
	}
	assert.Equal(t, []string{".opsdesign.yaml:5"}, unknown)
	assert.Equal(t, "opsdesign lint: 13 errors, 1 warning in 1 file (4 documents); configuration: .opsdesign.yaml; baseline: none\n", errs)
}

// The reproduction: without .git, a .opsdesign.yaml planted in a
// shared parent directory turned a failing lint into a pass. It is not
// found now, and -config none runs on the defaults even where a
// configuration would apply.
func TestLintIgnoresPlantedConfig(t *testing.T) {
	shared := t.TempDir()
	t.Setenv("HOME", filepath.Join(shared, "home"))
	writeFile(t, filepath.Join(shared, ".opsdesign.yaml"), "rules:\n  lifecycle/*: off\n")
	fixture, err := os.ReadFile(lifecycleFixture)
	require.NoError(t, err)
	writeFile(t, filepath.Join(shared, "project", "design.yaml"), string(fixture))
	t.Chdir(filepath.Join(shared, "project"))
	code, _, errs := runCLI("lint", "design.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "opsdesign lint: 13 errors in 1 file (4 documents); configuration: none; baseline: none\n", errs)

	writeFile(t, ".opsdesign.yaml", "rules:\n  lifecycle/missing-event: off\n")
	code, _, errs = runCLI("lint", "design.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "opsdesign lint: 4 errors in 1 file (4 documents); configuration: .opsdesign.yaml; baseline: none\n", errs)
	code, _, errs = runCLI("lint", "-config", "none", "design.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "opsdesign lint: 13 errors in 1 file (4 documents); configuration: none; baseline: none\n", errs)
}

// A FIFO given as -config or -baseline is refused at once, with a clear
// message, instead of blocking the run on its opening.
func TestLintRefusesFIFOConfigAndBaseline(t *testing.T) {
	workspace(t, "design.yaml")
	require.NoError(t, syscall.Mkfifo("fifo", 0o644))
	for _, flag := range []string{"-config", "-baseline"} {
		done := make(chan struct{})
		var code int
		var errs string
		go func() {
			defer close(done)
			code, _, errs = runCLI("lint", flag, "fifo", "design.yaml")
		}()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatalf("lint %s fifo blocked", flag)
		}
		assert.Equal(t, exitUsage, code, flag)
		assert.Contains(t, errs, "fifo: not a regular file (a FIFO): a configuration or baseline is read from a file", flag)
	}
}

// A clean design says what was read, so a run that checked the sample is
// told from one that found no files; -q says nothing; the exit codes stay.
func TestLintSummaryQuiet(t *testing.T) {
	code, out, errs := runCLI("lint")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	assert.Equal(t, "opsdesign lint: no findings in 9 files (37 documents); configuration: none; baseline: none\n", errs)

	code, out, errs = runCLI("lint", "-q")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, out)
	assert.Empty(t, errs)

	code, out, errs = runCLI("lint", "-q", lifecycleFixture)
	assert.Equal(t, exitFindings, code, "-q keeps the exit status")
	assert.Contains(t, out, "[lifecycle/missing-event]", "and the report")
	assert.Empty(t, errs)

	for _, args := range [][]string{
		{"scorecard", "-q"}, {"slo", "check", "-q"},
		{"tickets", "review", "-q", "../../testdata/tickets/msp-2026-10.csv"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitOK, code, "%v", args)
		assert.Empty(t, errs, "%v", args)
	}
}
