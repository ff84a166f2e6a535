// Package catalogtest helps test operations designs and catalog rules in
// `go test`, in the style of golang.org/x/tools/go/analysis/analysistest.
//
// A design fixture says inline what the linter must report: a comment
// `# want "rule-id"` on the line a finding must be reported at. Several IDs
// may follow one want. Run loads the fixture, lints it and fails the test
// for every expected finding that is missing and every finding that was
// not expected.
//
// A team's own design is held to account with the other helpers: Load (or
// LoadFS for an embedded design) fails the test at the position of every
// loading error, NoFindings fails it for every finding, HasFinding asserts
// one finding by rule and position, ScorecardLevel holds a service to a
// scorecard level, and Golden compares output with a golden file:
//
//	func TestOurDesign(t *testing.T) {
//		design := catalogtest.Load(t, "ops/design")
//		catalogtest.NoFindings(t, rules.Lint(design))
//	}
//
// Every helper takes a TB, which *testing.T satisfies, and reports through
// it: nothing here stops a test that a real *testing.T would not stop.
package catalogtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// TB is the part of testing.TB the helpers use.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Expectation is one finding a fixture expects: a rule at a line.
type Expectation struct {
	File string
	Line int
	Rule string
}

func (e Expectation) String() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Rule) }

var wantComment = regexp.MustCompile(`#\s*want((?:\s+"[^"]+")+)\s*$`)
var wantRule = regexp.MustCompile(`"([^"]+)"`)

// Expectations reads the `# want` comments of the YAML files at the given
// paths (directories are walked as the loader walks them).
func Expectations(paths ...string) ([]Expectation, error) {
	var out []Expectation
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if ext := strings.ToLower(filepath.Ext(p)); p != root && ext != ".yaml" && ext != ".yml" {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, ParseExpectations(filepath.ToSlash(p), data)...)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("catalogtest: %w", err)
		}
	}
	return out, nil
}

// ParseExpectations reads the `# want` comments of one file's content.
func ParseExpectations(file string, data []byte) []Expectation {
	var out []Expectation
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for line := 1; sc.Scan(); line++ {
		m := wantComment.FindSubmatch(sc.Bytes())
		if m == nil {
			continue
		}
		for _, r := range wantRule.FindAllSubmatch(m[1], -1) {
			out = append(out, Expectation{File: file, Line: line, Rule: string(r[1])})
		}
	}
	return out
}

// Run loads the design at paths, lints it with linter (the built-in rules,
// rules.All() of package catalog/rules, when nil), and checks the findings
// against the fixtures' `# want` comments. It returns the findings for
// further checks.
func Run(t TB, linter *catalog.Linter, paths ...string) catalog.Diagnostics {
	t.Helper()
	design, err := catalog.Load(paths...)
	if err != nil {
		t.Fatalf("catalogtest: %v", err)
		return nil
	}
	if linter == nil {
		linter = &catalog.Linter{Rules: rules.All()}
	}
	diags := linter.Lint(design)
	want, err := Expectations(paths...)
	if err != nil {
		t.Fatalf("%v", err)
		return diags
	}
	Check(t, diags, want)
	return diags
}

// Check compares findings with expectations, reporting each missing and
// each unexpected finding as a test error.
func Check(t TB, diags catalog.Diagnostics, want []Expectation) {
	t.Helper()
	expected := map[Expectation]int{}
	for _, w := range want {
		expected[w]++
	}
	var unexpected []string
	for _, d := range diags {
		k := Expectation{File: filepath.ToSlash(d.Pos.File), Line: d.Pos.Line, Rule: d.Rule}
		if expected[k] > 0 {
			expected[k]--
			continue
		}
		unexpected = append(unexpected, d.String())
	}
	var missing []string
	for k, n := range expected {
		for range n {
			missing = append(missing, k.String())
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("missing finding: %s", m)
	}
	for _, u := range unexpected {
		t.Errorf("unexpected finding: %s", u)
	}
}
