package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const roleDoc = "apiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: %s\nspec:\n  tier: bogus\n"

func writeRole(t *testing.T, name, role string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte(strings.Replace(roleDoc, "%s", role, 1)), 0o644))
}

// loadKeys loads paths from dir and returns the findings of the loader as
// "rule file:line:col".
func loadKeys(t *testing.T, dir string, paths ...string) []string {
	t.Helper()
	t.Chdir(dir)
	d, err := catalog.Load(paths...)
	require.NoError(t, err)
	var out []string
	for _, dg := range d.Diagnostics() {
		out = append(out, dg.Rule+" "+dg.Pos.String())
	}
	return out
}

// The reproduction: linting a directory that holds a symlinked
// file and a symlinked directory passed, where linting their targets
// failed. They are read now, each real file once, and what is met and not
// read is reported at its path.
func TestLoadFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeRole(t, filepath.Join(dir, "shared/a.yaml"), "a")
	writeRole(t, filepath.Join(dir, "elsewhere/b.yaml"), "b")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "design"), 0o755))
	require.NoError(t, os.Symlink("../shared", filepath.Join(dir, "design/shared")))
	require.NoError(t, os.Symlink("../elsewhere/b.yaml", filepath.Join(dir, "design/b.yaml")))
	require.NoError(t, os.Symlink(".", filepath.Join(dir, "design/shared-loop")))
	require.NoError(t, os.Symlink("nowhere.yaml", filepath.Join(dir, "design/gone.yaml")))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "design/pipe.yaml"), 0o644))

	done := make(chan []string)
	go func() { done <- loadKeys(t, dir, "design") }()
	var got []string
	select {
	case got = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the walk blocked (on the FIFO?)")
	}
	assert.Equal(t, []string{
		"schema/enum design/b.yaml:6:9",
		"load/broken-link design/gone.yaml",
		"load/not-regular design/pipe.yaml",
		"load/link-loop design/shared-loop",
		"schema/enum design/shared/a.yaml:6:9",
	}, got)
	d, err := catalog.Load("design")
	require.NoError(t, err)
	assert.Len(t, d.Roles, 2)
	lint := rules.Lint(d)
	assert.Equal(t, 3, lint.Count(catalog.Error), "two roles out of their enum, the broken link")
}

// A second path to the same file (a link beside its target, or the file
// given twice) is read once and reported as such.
func TestLoadReadsEachFileOnce(t *testing.T) {
	dir := t.TempDir()
	writeRole(t, filepath.Join(dir, "design/v2/a.yaml"), "a")
	require.NoError(t, os.Symlink("v2", filepath.Join(dir, "design/current")))
	got := loadKeys(t, dir, "design")
	assert.Equal(t, []string{"schema/enum design/current/a.yaml:6:9", "load/duplicate-path design/v2"}, got)
}

// The name the loader reads in a walk.
func TestWalkReads(t *testing.T) {
	for rel, want := range map[string]bool{
		"design.yaml": true, "a/b.YML": true, "x.json": true, "./y.yaml": true,
		".opsdesign-baseline.json": false, "legacy/.old/x.yaml": false, "catalog.html": false, "a/README": false,
	} {
		assert.Equal(t, want, catalog.WalkReads(rel), rel)
	}
}

// A stream named explicitly (a FIFO, /dev/stdin) is read up to the byte
// limit, and one that goes on past it is a finding, not a run that never
// ends.
func TestLoadExplicitStream(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "design.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		line := []byte("# an endless stream of comments\n")
		for range 1000 { // 32 KB, then the reader has long stopped
			if _, err := f.Write(line); err != nil {
				return
			}
		}
	}()
	d, err := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 1000}}.Load(fifo)
	require.NoError(t, err)
	got := d.Diagnostics()
	require.Len(t, got, 1)
	assert.Equal(t, "limits/file-size", got[0].Rule)
	assert.Equal(t, fifo, got[0].Pos.File)
	assert.Equal(t, "file is larger than the limit of 1000 bytes (1001 or more); it was not loaded", got[0].Message)
}
