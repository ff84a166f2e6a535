package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const diffCases = "../../catalog/diff/testdata/"

func TestDiffPaths(t *testing.T) {
	code, out, errs := runCLI("diff", "-today", sampleToday, diffCases+"retire/old", diffCases+"retire/new")
	assert.Equal(t, exitOK, code, "retiring introduces no finding: %s", errs)
	assert.Contains(t, out, "design.yaml:13:10  service \"coupon-app\": state active → retired  [service/state]\n"+
		"    ! retired without a designed retire (廃止) event: the retire event is not designed\n")

	code, out, _ = runCLI("diff", "-today", sampleToday, diffCases+"service-parts/old", diffCases+"service-parts/new")
	assert.Equal(t, exitFindings, code, "the change introduces errors")
	assert.Contains(t, out, "Findings introduced\nmember-card.yaml:13:10: warning:") // roles/cover-unchecked: hours but no people
	assert.Contains(t, out, "\n\nmember-card.yaml:40:81: error:")
	assert.Contains(t, out, " 40 |     suspend:", "introduced findings show their source line")

	code, _, _ = runCLI("diff", "-fail-on", "none", "-today", sampleToday, diffCases+"service-parts/old", diffCases+"service-parts/new")
	assert.Equal(t, exitOK, code)
}

func TestDiffFormats(t *testing.T) {
	code, out, _ := runCLI("diff", "-format", "markdown", "-today", sampleToday, diffCases+"roster/old", diffCases+"roster/new")
	assert.Equal(t, exitFindings, code)
	assert.True(t, strings.HasPrefix(out, "## Operations change review\n"), out)
	assert.Contains(t, out, "<details><summary>Cover (4)</summary>")

	code, out, _ = runCLI("diff", "-format", "json", "-today", sampleToday, diffCases+"objectives/old", diffCases+"objectives/new")
	assert.Equal(t, exitOK, code)
	var rep struct {
		Summary struct {
			ByKind map[string]int `json:"byKind"`
		} `json:"summary"`
		Changes []struct {
			Kind string `json:"kind"`
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"changes"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, 3, rep.Summary.ByKind["objective/loosened"])
	assert.Equal(t, "objective/loosened", rep.Changes[0].Kind)
	assert.Equal(t, "99.9%", rep.Changes[0].From)
	assert.Equal(t, "99%", rep.Changes[0].To)
}

func TestDiffUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"diff"},
		{"diff", diffCases + "retire/old"},
		{"diff", "-format", "sarif", diffCases + "retire/old", diffCases + "retire/new"},
		{"diff", "-fail-on", "fatal", diffCases + "retire/old", diffCases + "retire/new"},
		{"diff", "-today", "tomorrow", diffCases + "retire/old", diffCases + "retire/new"},
		{"diff", diffCases + "retire/old", "does/not/exist"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
}

// gitWorkspace makes a git repository holding the retire case's old
// revision under ops/, committed, with the new one in the working tree,
// and makes it the working directory. Without git the test is skipped.
func gitWorkspace(t *testing.T) (dir string, git func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: diff -rev is not tested")
	}
	dir = t.TempDir()
	git = func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com", "GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	git("init", "-q")
	copyTo := func(from, to string) {
		data, err := os.ReadFile(from)
		require.NoError(t, err)
		writeFile(t, filepath.Join(dir, to), string(data))
	}
	copyTo(diffCases+"service-parts/old/member-card.yaml", "ops/member-card.yaml")
	copyTo(diffCases+"service-parts/old/roles.yaml", "ops/roles.yaml")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	copyTo(diffCases+"service-parts/new/member-card.yaml", "ops/member-card.yaml")
	t.Chdir(dir)
	return dir, git
}

func TestDiffRev(t *testing.T) {
	dir, _ := gitWorkspace(t)
	code, out, errs := runCLI("diff", "-rev", "HEAD", "-format", "json", "-today", sampleToday, "ops")
	assert.Equal(t, exitFindings, code, errs)
	var rep struct {
		Old, New string
		Changes  []struct {
			Kind string
			Old  struct{ File string }
			New  struct{ File string }
		}
		Introduced []struct{ File, Rule string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Equal(t, "HEAD", rep.Old)
	assert.Equal(t, "working tree", rep.New)
	require.NotEmpty(t, rep.Changes)
	assert.Equal(t, "service/owner", rep.Changes[0].Kind)
	assert.Equal(t, "ops/member-card.yaml", rep.Changes[0].Old.File, "named from the top of the repository")
	assert.Equal(t, "ops/member-card.yaml", rep.Changes[0].New.File)
	require.Len(t, rep.Introduced, 3) // roles/cover-unchecked, lifecycle/open-decision, ops/work-category-missing

	// From inside ops/, with no path: the current directory.
	t.Chdir(filepath.Join(dir, "ops"))
	code, out2, _ := runCLI("diff", "-rev", "HEAD", "-format", "json", "-today", sampleToday)
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, out, out2)

	for _, args := range [][]string{
		{"diff", "-rev", "no-such-branch"},
		{"diff", "-rev", "HEAD", "missing"},
		{"diff", "-rev", "HEAD", t.TempDir()},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
}

// TestReadmeActionsRecipe runs the opsdesign command of the README's
// GitHub Actions recipe, as the workflow would on a pull request, so the
// recipe stays runnable.
func TestReadmeActionsRecipe(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	line := regexp.MustCompile(`(?m)^\s+- run: go run \./examples/opsdesign (diff .*) >> "\$GITHUB_STEP_SUMMARY"$`).FindSubmatch(readme)
	require.NotNil(t, line, "the README's Actions recipe runs opsdesign diff into the job summary")

	_, git := gitWorkspace(t)
	git("update-ref", "refs/remotes/origin/main", "HEAD") // what actions/checkout with fetch-depth 0 leaves
	t.Setenv("GITHUB_BASE_REF", "main")
	var args []string
	for _, f := range strings.Fields(string(line[1])) {
		args = append(args, os.ExpandEnv(strings.Trim(f, `"`)))
	}
	code, out, errs := runCLI(args...)
	assert.Equal(t, exitFindings, code, "the change introduces errors: %s", errs)
	assert.True(t, strings.HasPrefix(out, "## Operations change review\n\n`origin/main → working tree`"), out)
}
