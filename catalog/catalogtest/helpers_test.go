package catalogtest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// fakeT records what a helper reports instead of failing the test.
type fakeT struct {
	errors []string
	fatals []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
}

// lifecycleOnly lints with the lifecycle rules, as the fixture is about
// them only.
func lifecycleOnly() *catalog.Linter {
	var lifecycle []catalog.Rule
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, "lifecycle/") {
			lifecycle = append(lifecycle, r)
		}
	}
	return &catalog.Linter{Rules: lifecycle}
}

func TestLoad(t *testing.T) {
	ft := &fakeT{}
	d := catalogtest.Load(ft, "testdata/lifecycle")
	assert.Empty(t, ft.errors)
	assert.Empty(t, ft.fatals)
	require.NotNil(t, d)
	assert.NotNil(t, d.Service("laptop-loans"))

	// A file that does not load fails the test with each error at its place.
	fsys := fstest.MapFS{"design/bad.yaml": {Data: []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata: {name: r}\nspec:\n  tier: boss\n  tier: associate\n")}}
	ft = &fakeT{}
	catalogtest.LoadFS(ft, fsys, "design")
	assert.Equal(t, []string{
		`design/bad.yaml:5:9: error: value must be one of "overall-management", "overall-optimisation", "service-enhancement", "technical-enhancement", "certified", "associate" [schema/enum]`,
		`design/bad.yaml:6:3: error: duplicate key "tier"; the first one (line 5) is kept and this pair is dropped [yaml/duplicate-key]`,
	}, ft.errors)
	assert.Equal(t, []string{"catalogtest: design does not load: 2 errors above"}, ft.fatals)

	// A path that cannot be read stops the test.
	ft = &fakeT{}
	catalogtest.Load(ft, "testdata/missing")
	require.Len(t, ft.fatals, 1)
	assert.Contains(t, ft.fatals[0], "testdata/missing")

	// Warnings do not fail loading.
	ft = &fakeT{}
	catalogtest.LoadFS(ft, fstest.MapFS{"w.yaml": {Data: []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata: {name: r, labels: {shift: on}}\nspec: {tier: associate}\n")}}, ".")
	assert.Empty(t, ft.errors)
	assert.Empty(t, ft.fatals)
}

func TestNoFindingsAndHasFinding(t *testing.T) {
	d := catalogtest.Load(t, "testdata/lifecycle")
	diags := lifecycleOnly().Lint(d)

	ft := &fakeT{}
	assert.False(t, catalogtest.NoFindings(ft, diags))
	assert.Equal(t, []string{"unexpected finding: testdata/lifecycle/design.yaml:21:5: error: service \"laptop-loans\" leaves suspend.deletion open: whether its data is deleted logically or physically [lifecycle/open-decision]"}, ft.errors)
	assert.True(t, catalogtest.NoFindings(t, nil))

	for _, tc := range []struct {
		rule, file string
		line, col  int
		want       bool
		msg        string
	}{
		{"lifecycle/open-decision", "testdata/lifecycle/design.yaml", 21, 5, true, ""},
		{"lifecycle/open-decision", "./testdata/lifecycle/design.yaml", 21, 0, true, ""},
		{"lifecycle/open-decision", filepath.Join("testdata", "lifecycle", "design.yaml"), 0, 0, true, ""},
		{"lifecycle/open-decision", "testdata/lifecycle/design.yaml", 22, 5, false,
			"no lifecycle/open-decision finding at testdata/lifecycle/design.yaml:22:5: the rule reported at testdata/lifecycle/design.yaml:21:5"},
		{"lifecycle/missing-event", "testdata/lifecycle/design.yaml", 0, 0, false,
			"no lifecycle/missing-event finding at testdata/lifecycle/design.yaml: the rule reported nothing"},
	} {
		ft := &fakeT{}
		assert.Equal(t, tc.want, catalogtest.HasFinding(ft, diags, tc.rule, tc.file, tc.line, tc.col), "%+v", tc)
		if tc.msg == "" {
			assert.Empty(t, ft.errors)
		} else {
			assert.Equal(t, []string{tc.msg}, ft.errors)
		}
	}
}

func TestRunOnOwnFixtures(t *testing.T) {
	diags := catalogtest.Run(t, lifecycleOnly(), "testdata/lifecycle")
	assert.Len(t, diags, 1)

	// Without the want comment, the same finding is unexpected.
	src, err := os.ReadFile("testdata/lifecycle/design.yaml")
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "design.yaml"), []byte(strings.Replace(string(src), ` # want "lifecycle/open-decision"`, "", 1)), 0o644))
	ft := &fakeT{}
	catalogtest.Run(ft, lifecycleOnly(), dir)
	require.Len(t, ft.errors, 1)
	assert.Contains(t, ft.errors[0], "unexpected finding: ")
	assert.Contains(t, ft.errors[0], "design.yaml:21:5:")
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	golden := filepath.Join(dir, "sub", "out.golden")

	ft := &fakeT{}
	catalogtest.Golden(ft, golden, []byte("a\nb\n"), false)
	require.Len(t, ft.errors, 1)
	assert.Contains(t, ft.errors[0], "does not exist; run the test with -update")

	ft = &fakeT{}
	catalogtest.Golden(ft, golden, []byte("a\nb\n"), true)
	assert.Empty(t, ft.errors)
	assert.Empty(t, ft.fatals)
	b, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, "a\nb\n", string(b))

	ft = &fakeT{}
	catalogtest.Golden(ft, golden, []byte("a\nb\n"), false)
	assert.Empty(t, ft.errors)

	ft = &fakeT{}
	catalogtest.Golden(ft, golden, []byte("a\nc\nd\n"), false)
	require.Len(t, ft.errors, 1)
	assert.Contains(t, ft.errors[0], "output differs from "+golden)
	assert.Contains(t, ft.errors[0], "first difference at line 2:\n  a\n- b\n- \n+ c\n+ d\n")
}
