package catalogtest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/atomicfile"
)

// Load loads the design at the given files and directories and fails the
// test when it does not load cleanly: a path that cannot be read, or a
// file with errors (YAML syntax, schema violations, limits). Each problem
// is reported at its position before the test stops. Warnings do not
// fail it; lint the design to see them.
func Load(t TB, paths ...string) *catalog.Design {
	t.Helper()
	d, err := catalog.Load(paths...)
	return checkLoaded(t, d, err, strings.Join(paths, " "))
}

// LoadFS is Load for a design in an fs.FS, such as one embedded in the
// package under test.
func LoadFS(t TB, fsys fs.FS, roots ...string) *catalog.Design {
	t.Helper()
	d, err := catalog.LoadFS(fsys, roots...)
	return checkLoaded(t, d, err, strings.Join(roots, " "))
}

func checkLoaded(t TB, d *catalog.Design, err error, what string) *catalog.Design {
	t.Helper()
	if err != nil {
		t.Fatalf("catalogtest: loading %s: %v", what, err)
		return d
	}
	n := 0
	for _, dg := range d.Diagnostics() {
		if dg.Severity >= catalog.Error {
			t.Errorf("%s", dg)
			n++
		}
	}
	if n > 0 {
		t.Fatalf("catalogtest: %s does not load: %s above", what, diag.Count(n, "error"))
	}
	return d
}

// NoFindings fails the test for every finding, each at its position, and
// reports whether there were none. Filter the list first to hold a design
// only to its errors, say.
func NoFindings(t TB, diags catalog.Diagnostics) bool {
	t.Helper()
	for _, d := range diags {
		t.Errorf("unexpected finding: %s", d)
	}
	return len(diags) == 0
}

// HasFinding reports whether a finding of the rule is at the file, line
// and column, and fails the test when there is none. A zero line or column
// matches any. File names are compared with forward slashes, as loaded.
func HasFinding(t TB, diags catalog.Diagnostics, rule, file string, line, col int) bool {
	t.Helper()
	file = cleanName(file)
	var same []string
	for _, d := range diags {
		if d.Rule != rule {
			continue
		}
		if cleanName(d.Pos.File) == file && (line == 0 || d.Pos.Line == line) && (col == 0 || d.Pos.Column == col) {
			return true
		}
		same = append(same, d.Pos.String())
	}
	want := catalog.Pos{File: file, Line: line, Column: col}
	if len(same) == 0 {
		t.Errorf("no %s finding at %s: the rule reported nothing", rule, want)
	} else {
		t.Errorf("no %s finding at %s: the rule reported at %s", rule, want, strings.Join(same, ", "))
	}
	return false
}

// Golden compares got with the content of the golden file at path and
// fails the test with the first differing line when they differ. With
// update set it writes got to the file instead (creating its directory),
// so a test refreshes its golden files with a flag of its own:
//
//	var update = flag.Bool("update", false, "rewrite golden files")
//	...
//	catalogtest.Golden(t, "testdata/report.golden", got, *update)
//
// The flag is the caller's: a library that registered "-update" itself
// would clash with the test packages that already have one.
func Golden(t TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("catalogtest: %v", err)
			return
		}
		if err := atomicfile.WriteFile(path, got, atomicfile.Options{}); err != nil {
			t.Fatalf("catalogtest: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("catalogtest: golden file %s does not exist; run the test with -update to write it", path)
		return
	}
	if err != nil {
		t.Fatalf("catalogtest: %v", err)
		return
	}
	if bytes.Equal(want, got) {
		return
	}
	t.Errorf("catalogtest: output differs from %s (run the test with -update to accept it)\n%s", path, firstDifference(want, got))
}

// firstDifference describes the first line where two texts differ, with
// the lines around it.
func firstDifference(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d:\n", i+1)
	for j := max(0, i-2); j < i; j++ {
		fmt.Fprintf(&b, "  %s\n", wl[j])
	}
	for j := i; j < min(len(wl), i+3); j++ {
		fmt.Fprintf(&b, "- %s\n", wl[j])
	}
	for j := i; j < min(len(gl), i+3); j++ {
		fmt.Fprintf(&b, "+ %s\n", gl[j])
	}
	return b.String()
}

// cleanName normalises a file name for comparison.
func cleanName(name string) string { return path.Clean(filepath.ToSlash(name)) }
