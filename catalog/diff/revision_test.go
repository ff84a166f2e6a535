package diff_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diff"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// TestLoadDirRebasesConfigAbove: a configuration above the directory
// compared governs it, its override globs rebased onto names relative to
// the directory.
func TestLoadDirRebasesConfigAbove(t *testing.T) {
	repo := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	copyFile(t, "testdata/config/old/legacy/coupon.yaml", filepath.Join(repo, "ops", "legacy", "coupon.yaml"))
	require.NoError(t, os.WriteFile(filepath.Join(repo, ".opsdesign.yaml"),
		[]byte("overrides:\n  - paths: [ops/legacy/**]\n    rules:\n      lifecycle/*: off\n"), 0o644))

	rev, err := diff.LoadDir(filepath.Join(repo, "ops"))
	require.NoError(t, err)
	assert.Empty(t, rev.ConfigFindings)
	assert.Equal(t, "legacy/coupon.yaml", rev.Design.Documents[0].File)
	require.Len(t, rev.Config.Overrides, 1)
	assert.Contains(t, rev.Config.Overrides[0].Paths, "legacy/**")
	linter := &catalog.Linter{Rules: rules.All(), Config: rev.Config}
	assert.Empty(t, linter.Lint(rev.Design).ByRule("lifecycle/open-decision"), "the override applies")

	file, err := diff.LoadDir(filepath.Join(repo, "ops", "legacy", "coupon.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "coupon.yaml", file.Design.Documents[0].File, "a file is named by its base name")
	assert.Contains(t, file.Config.Overrides[0].Paths, "**", "its directory matches the glob")

	_, err = diff.LoadDir(filepath.Join(repo, "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestLoadDirReportsConfigMistakes(t *testing.T) {
	repo := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	copyFile(t, "testdata/config/old/legacy/coupon.yaml", filepath.Join(repo, "coupon.yaml"))
	require.NoError(t, os.WriteFile(filepath.Join(repo, ".opsdesign.yaml"), []byte("rules:\n  lifecycle/no-such-rule: off\n"), 0o644))
	rev, err := diff.LoadDir(repo)
	require.NoError(t, err)
	require.Len(t, rev.ConfigFindings, 1)
	assert.Equal(t, "lint/unknown-rule", rev.ConfigFindings[0].Rule)
	assert.Equal(t, 2, rev.ConfigFindings[0].Pos.Line)
}

func TestLoadFSOneConfigurationPerRevision(t *testing.T) {
	fsys := fstest.MapFS{
		"a/.opsdesign.yaml": {Data: []byte("rules: {suppress/unused: off}\n")},
		"a/x.yaml":          {Data: []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata: {name: r}\nspec: {tier: associate}\n")},
		"b/y.yaml":          {Data: []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata: {name: s}\nspec: {tier: associate}\n")},
	}
	_, err := diff.LoadFS("rev", fsys, "a", "b")
	assert.ErrorContains(t, err, "the paths have different configurations: a (a/.opsdesign.yaml); b (no .opsdesign.yaml)")

	rev, err := diff.LoadFS("rev", fsys, "a/x.yaml")
	require.NoError(t, err)
	assert.True(t, rev.Config.Rules["suppress/unused"].Disabled, "found from the file's directory")

	_, err = diff.LoadFS("rev", fsys, "c")
	assert.ErrorIs(t, err, os.ErrNotExist)
}
