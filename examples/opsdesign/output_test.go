package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every writer goes through internal/atomicfile with the run's inputs:
// these tests pin, command by command, that an output that is an input (or
// a file the design loader would read inside a loaded design directory)
// is refused with exit 2 and the old file untouched, that -force writes
// it, and that a full disk leaves the old file whole.

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(b)
}

// The reproduction: `slo export -o design/objectives.yaml` replaced
// a design file (its Calendar documents lost) and exited 0.
func TestSLOExportRefusesDesignFile(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "design")
	require.NoError(t, os.CopyFS(design, os.DirFS("../../testdata/sample")))
	objectives := filepath.Join(design, "objectives.yaml")
	old := readFile(t, objectives)

	for _, args := range [][]string{
		{"slo", "export", "-o", objectives, design},                            // a file of the loaded directory
		{"slo", "export", "-o", filepath.Join(design, "openslo.yaml"), design}, // a new file the next load would read
		{"slo", "export", "-o", objectives, objectives},                        // the input file itself
	} {
		code, out, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.Empty(t, out)
		assert.Contains(t, errs, "the output would overwrite an input", "%v", args)
		assert.Contains(t, errs, "nothing was written (-force writes it all the same)")
	}
	assert.Equal(t, old, readFile(t, objectives), "the design file is untouched")
	assert.NoFileExists(t, filepath.Join(design, "openslo.yaml"))
	code, _, errs := runCLI("slo", "export", "-o", objectives, design)
	assert.Equal(t, "opsdesign slo export: "+objectives+": the output would overwrite an input: it is inside the input directory "+design+"; nothing was written (-force writes it all the same)\n", errs)
	assert.Equal(t, exitUsage, code)

	// Outside the design, or forced, it is written.
	code, _, errs = runCLI("slo", "export", "-o", filepath.Join(dir, "openslo.yaml"), design)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, readFile(t, filepath.Join(dir, "openslo.yaml")), "apiVersion: openslo/v1")
	code, _, errs = runCLI("slo", "export", "-force", "-o", objectives, design)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, readFile(t, objectives), "apiVersion: openslo/v1")
}

// render -o: a page inside the design directory is fine (the loader reads
// no HTML), a YAML file is not; a hidden file is fine.
func TestRenderRefusesInputs(t *testing.T) {
	dir := t.TempDir()
	design := filepath.Join(dir, "design")
	require.NoError(t, os.CopyFS(design, os.DirFS("../../testdata/sample")))
	code, _, errs := runCLI("render", "-format", "html", "-o", filepath.Join(design, "catalog.html"), design)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI("render", "-o", filepath.Join(design, "catalog.yaml"), design)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "inside the input directory "+design)
	assert.NoFileExists(t, filepath.Join(design, "catalog.yaml"))
	code, _, errs = runCLI("render", "-o", filepath.Join(design, ".catalog.md"), design)
	require.Equal(t, exitOK, code, errs)
}

// -write-baseline: never over the configuration or a design file; a
// hidden baseline beside the design is the documented place.
func TestWriteBaselineRefusesInputs(t *testing.T) {
	workspace(t, "ops/design.yaml")
	writeFile(t, ".opsdesign.yaml", "rules: {}\n")
	for _, target := range []string{".opsdesign.yaml", "ops/design.yaml", "ops/baseline.json"} {
		before, _ := os.ReadFile(target)
		code, _, errs := runCLI("lint", "-write-baseline", target, "ops")
		assert.Equal(t, exitUsage, code, target)
		assert.Contains(t, errs, "the output would overwrite an input", target)
		after, _ := os.ReadFile(target)
		assert.Equal(t, before, after, target)
	}
	code, _, errs := runCLI("lint", "-write-baseline", "ops/.opsdesign-baseline.json", "ops")
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI("lint", "-write-baseline", "ops/baseline.json", "-force", "ops")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, readFile(t, "ops/baseline.json"), `"findings"`)
}

// A device that fails every write (/dev/full: "no space left") is an
// error, exit 2, for every writer.
func TestWritersFailOnFullDevice(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	workspace(t, "ops/design.yaml")
	for _, args := range [][]string{
		{"render", "-o", "/dev/full"},
		{"slo", "export", "-o", "/dev/full"},
		{"lint", "-write-baseline", "/dev/full", "ops"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.Contains(t, errs, "no space left on device", "%v", args)
	}
}

// smallDisk mounts a tmpfs of 64 KiB (root only; skipped elsewhere).
func smallDisk(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", dir).Run() })
	return dir
}

// fill takes the free space of the disk holding dir, leaving about one
// page free.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	require.NoError(t, err)
	defer f.Close()
	page := bytes.Repeat([]byte{'x'}, 4096)
	n := 0
	for {
		if _, err := f.Write(page); err != nil {
			break
		}
		n++
	}
	require.Positive(t, n)
	require.NoError(t, f.Truncate(int64(n-1)*4096))
}

// The reproduction: a full disk left a cut-off file (12 KB of HTML
// where the old page was). Every writer now leaves the old file whole and
// exits 2.
func TestWritersOnFullDiskLeaveOldFile(t *testing.T) {
	disk := smallDisk(t)
	page := filepath.Join(disk, "catalog.html")
	export := filepath.Join(disk, "slos.yaml")
	baseline := filepath.Join(disk, ".opsdesign-baseline.json")
	old := map[string]string{page: "<p>the old page</p>\n", export: "old: export\n", baseline: "{\"old\": true}\n"}
	for name, content := range old {
		writeFile(t, name, content)
	}
	fill(t, disk)
	for _, tc := range []struct {
		target string
		args   []string
	}{
		{page, []string{"render", "-format", "html", "-o", page}},
		{export, []string{"slo", "export", "-o", export}},
		{baseline, []string{"lint", "-write-baseline", baseline, "../../catalog/rules/testdata/ops-catalog", "../../catalog/rules/testdata/ops-work"}},
	} {
		code, _, errs := runCLI(tc.args...)
		assert.Equal(t, exitUsage, code, "%v: %s", tc.args, errs)
		assert.Contains(t, errs, "no space left on device", "%v", tc.args)
		assert.Equal(t, old[tc.target], readFile(t, tc.target), "%v leaves the old file whole", tc.args)
	}
	entries, err := os.ReadDir(disk)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{".opsdesign-baseline.json", "catalog.html", "filler", "slos.yaml"}, names, "no temporary file is left: %s", strings.Join(names, " "))
}
