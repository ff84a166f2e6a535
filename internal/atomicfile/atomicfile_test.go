package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/internal/atomicfile"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// entries lists a directory, so tests can see that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "catalog.html")
	write(t, out, "old page")
	require.NoError(t, os.Chmod(out, 0o600))
	require.NoError(t, atomicfile.WriteFile(out, []byte("new page"), atomicfile.Options{}))
	assert.Equal(t, "new page", read(t, out))
	info, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "an existing file keeps its mode")
	assert.Equal(t, []string{"catalog.html"}, entries(t, dir))
}

func TestWriterErrorLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "slos.yaml")
	write(t, out, "old: content\n")
	boom := errors.New("disk full")
	err := atomicfile.Write(out, atomicfile.Options{}, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half a ")
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, "old: content\n", read(t, out))
	assert.Equal(t, []string{"slos.yaml"}, entries(t, dir), "the temporary file is removed")
}

func TestRefusesInputs(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "design")
	objectives := filepath.Join(design, "objectives.yaml")
	write(t, objectives, "kind: Calendar\n")
	export := filepath.Join(dir, "export.csv")
	write(t, export, "id\n")
	link := filepath.Join(dir, "link.csv")
	require.NoError(t, os.Symlink(export, link))
	inputs := []string{design, export}

	for _, target := range []string{
		objectives,                            // a file of a loaded design directory
		filepath.Join(design, "new.yaml"),     // a new file inside it
		design,                                // the directory itself
		export,                                // an input file
		link,                                  // a link to an input file
		filepath.Join(dir, ".", "export.csv"), // the same path written otherwise
	} {
		err := atomicfile.WriteFile(target, []byte("x"), atomicfile.Options{Inputs: inputs})
		assert.ErrorIs(t, err, atomicfile.ErrInput, target)
	}
	assert.Equal(t, "kind: Calendar\n", read(t, objectives))
	assert.Equal(t, "id\n", read(t, export))

	require.NoError(t, atomicfile.WriteFile(filepath.Join(dir, "report.md"), []byte("ok"), atomicfile.Options{Inputs: inputs}))
	require.NoError(t, atomicfile.WriteFile(objectives, []byte("forced"), atomicfile.Options{Inputs: inputs, Force: true}))
	assert.Equal(t, "forced", read(t, objectives))
}

func TestSymlinkTargetKeepsLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.html")
	write(t, real, "old")
	link := filepath.Join(dir, "page.html")
	require.NoError(t, os.Symlink(real, link))
	require.NoError(t, atomicfile.WriteFile(link, []byte("new"), atomicfile.Options{}))
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.True(t, fi.Mode()&os.ModeSymlink != 0, "the link stays a link")
	assert.Equal(t, "new", read(t, real))
}

func TestAppend(t *testing.T) {
	dir := t.TempDir()
	audit := filepath.Join(dir, "closes.jsonl")
	require.NoError(t, atomicfile.Append(audit, []byte("{\"id\":1}\n"), atomicfile.Options{}))
	require.NoError(t, atomicfile.Append(audit, []byte("{\"id\":2}\n"), atomicfile.Options{}))
	assert.Equal(t, "{\"id\":1}\n{\"id\":2}\n", read(t, audit))

	err := atomicfile.Append(filepath.Join(dir, "no", "such", "dir.jsonl"), []byte("x"), atomicfile.Options{})
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestNonRegularTargetIsWrittenDirectly(t *testing.T) {
	require.NoError(t, atomicfile.WriteFile(os.DevNull, []byte("discarded"), atomicfile.Options{}))
	info, err := os.Stat(os.DevNull)
	require.NoError(t, err)
	assert.False(t, info.Mode().IsRegular(), "/dev/null is still a device")
}

// A full disk, for real: a 64 KiB tmpfs (root only; skipped elsewhere).
func TestFullDiskLeavesOldFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", dir).Run() })
	page := filepath.Join(dir, "catalog.html")
	old := strings.Repeat("old page\n", 2000) // 18 KB of the 64 KiB
	write(t, page, old)
	err := atomicfile.WriteFile(page, []byte(strings.Repeat("new page\n", 20000)), atomicfile.Options{}) // 180 KB
	require.Error(t, err)
	assert.Equal(t, old, read(t, page), "the old page is whole")
	assert.Equal(t, []string{"catalog.html"}, entries(t, dir))
}

// A design loader skips hidden files and files other than YAML and JSON:
// with Unread saying so, those may be written inside a design directory,
// and nothing it would load may.
func TestUnreadInsideInputDirectory(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "design")
	write(t, filepath.Join(design, "objectives.yaml"), "kind: Calendar\n")
	hiddenOrOther := func(rel string) bool {
		return strings.HasPrefix(path.Base(rel), ".") || !strings.HasSuffix(rel, ".yaml")
	}
	opts := atomicfile.Options{Inputs: []string{design}, Unread: hiddenOrOther}
	require.NoError(t, atomicfile.WriteFile(filepath.Join(design, ".opsdesign-baseline.json"), []byte("{}"), opts))
	require.NoError(t, atomicfile.WriteFile(filepath.Join(design, "catalog.html"), []byte("<p>"), opts))
	for _, target := range []string{filepath.Join(design, "objectives.yaml"), filepath.Join(design, "new.yaml"), design} {
		err := atomicfile.WriteFile(target, []byte("x"), opts)
		assert.ErrorIs(t, err, atomicfile.ErrInput, target)
		assert.ErrorContains(t, err, "inside the input directory "+design)
	}
	// An input file is refused whatever Unread says.
	export := filepath.Join(design, "tickets.csv")
	write(t, export, "id\n")
	opts.Inputs = append(opts.Inputs, export)
	assert.ErrorIs(t, atomicfile.WriteFile(export, []byte("x"), opts), atomicfile.ErrInput)
	assert.ErrorIs(t, opts.Check(export), atomicfile.ErrInput)
	opts.Force = true
	assert.ErrorIs(t, opts.Check(export), atomicfile.ErrInput, "Check says what Force overrides")
	assert.NoError(t, atomicfile.WriteFile(export, []byte("x"), opts))
}

// FuzzWrite writes content over an old file through a writer that may
// fail after any number of bytes: the target holds the new content after
// a success and the old one after a failure, and no temporary file is
// left either way.
func FuzzWrite(f *testing.F) {
	f.Add([]byte("old page"), []byte("new page"), uint16(0), false)
	f.Add([]byte("old"), []byte(strings.Repeat("new ", 5000)), uint16(4096), true)
	f.Add([]byte{}, []byte{}, uint16(0), true)
	f.Fuzz(func(t *testing.T, old, content []byte, failAt uint16, fail bool) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.html")
		require.NoError(t, os.WriteFile(out, old, 0o644))
		boom := errors.New("injected")
		err := atomicfile.Write(out, atomicfile.Options{}, func(w io.Writer) error {
			if !fail {
				_, err := w.Write(content)
				return err
			}
			n := min(int(failAt), len(content))
			if _, err := w.Write(content[:n]); err != nil {
				return err
			}
			return boom
		})
		got, rerr := os.ReadFile(out)
		require.NoError(t, rerr)
		if fail {
			require.ErrorIs(t, err, boom)
			require.Equal(t, old, got, "the old file is whole")
		} else {
			require.NoError(t, err)
			require.Equal(t, content, got)
		}
		require.Equal(t, []string{"out.html"}, entries(t, dir), "no temporary file is left")
	})
}
