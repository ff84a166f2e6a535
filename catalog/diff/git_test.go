package diff_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diff"
)

// gitRepo makes a repository in a temporary directory and returns it with
// a function that runs git there. Without git the test is skipped.
func gitRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: reading a revision through git is not tested")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.com", "GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.com")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	run("init", "-q")
	return dir, run
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	require.NoError(t, os.WriteFile(to, data, 0o644))
}

func TestLoadGitAgainstWorkingTree(t *testing.T) {
	dir, run := gitRepo(t)
	copyFile(t, "testdata/retire/old/design.yaml", filepath.Join(dir, "ops", "design.yaml"))
	// A configuration at the top whose override names ops/: it applies to
	// both revisions, with the files named from the top.
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".opsdesign.yaml"),
		[]byte("overrides:\n  - paths: [ops/**]\n    rules:\n      lifecycle/missing-event: warning\n"), 0o644))
	run("add", ".")
	run("commit", "-q", "-m", "base")
	copyFile(t, "testdata/retire/new/design.yaml", filepath.Join(dir, "ops", "design.yaml"))

	ctx := context.Background()
	top, err := diff.GitRoot(ctx, filepath.Join(dir, "ops"))
	require.NoError(t, err)
	old, err := diff.LoadGit(ctx, top, "HEAD", "ops")
	require.NoError(t, err)
	new, err := diff.LoadFS("working tree", os.DirFS(top), "ops")
	require.NoError(t, err)
	assert.Empty(t, old.Notes)
	assert.Equal(t, "ops/design.yaml", old.Design.Documents[0].File)
	assert.Equal(t, "ops/design.yaml", new.Design.Documents[0].File)
	require.Len(t, old.Config.Overrides, 1)
	assert.Contains(t, old.Config.Overrides[0].Paths, "ops/**")

	rep := diff.Review(old, new, opts())
	states := find(rep, diff.ServiceState)
	require.Len(t, states, 3)
	assert.Equal(t, "ops/design.yaml", states[0].Old.File)
	assert.Equal(t, "ops/design.yaml", states[0].New.File)
	require.Len(t, states[0].Findings, 1)
	assert.Equal(t, catalog.Warning, states[0].Findings[0].Severity, "the configuration's override applies")
	assert.Empty(t, rep.Introduced)
	assert.Empty(t, rep.Fixed)
}

func TestLoadGitNewPathsAndErrors(t *testing.T) {
	dir, run := gitRepo(t)
	copyFile(t, "testdata/retire/old/design.yaml", filepath.Join(dir, "ops", "design.yaml"))
	require.NoError(t, os.Symlink("design.yaml", filepath.Join(dir, "ops", "link.yaml")))
	run("add", ".")
	run("commit", "-q", "-m", "base")
	ctx := context.Background()

	rev, err := diff.LoadGit(ctx, dir, "HEAD", "new-ops")
	require.NoError(t, err, "a path the revision does not hold is new, not an error")
	assert.Empty(t, rev.Design.Documents)
	assert.Equal(t, []string{"HEAD holds no design file at new-ops: all of it is new"}, rev.Notes)

	rev, err = diff.LoadGit(ctx, dir, "HEAD")
	require.NoError(t, err)
	assert.Len(t, rev.Design.Documents, 4, "the whole tree")
	assert.Equal(t, []string{"HEAD: symbolic link ops/link.yaml left out"}, rev.Notes)
	assert.Empty(t, rev.Design.Diagnostics())

	_, err = diff.LoadGit(ctx, dir, "no-such-branch", "ops")
	assert.ErrorIs(t, err, diff.ErrGit)
	assert.ErrorContains(t, err, `revision "no-such-branch"`)

	_, err = diff.GitRoot(ctx, t.TempDir())
	assert.ErrorIs(t, err, diff.ErrGit, "not a repository")
}

func TestLoadGitRejectsOptionLikeRevision(t *testing.T) {
	dir, _ := gitRepo(t)
	_, err := diff.LoadGit(context.Background(), dir, "--output=/tmp/x", "ops")
	assert.ErrorIs(t, err, diff.ErrGit)
	assert.ErrorContains(t, err, "does not start with -")
}
