package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// sampleToday is the date the sample design is judged at, so that its
// restore tests do not age out of the tests.
const sampleToday = "2026-11-22"

func TestLintSampleIsClean(t *testing.T) {
	code, out, errs := runCLI("lint", "-today", sampleToday)
	assert.Equal(t, exitOK, code, errs)
	assert.Empty(t, out)
}

func TestLintInvalidDesign(t *testing.T) {
	code, out, _ := runCLI("lint", "../../catalog/rules/testdata/lifecycle")
	assert.Equal(t, exitFindings, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NotEmpty(t, lines)
	assert.Equal(t, `../../catalog/rules/testdata/lifecycle/design.yaml:17:3: error: service "coupon-app" does not design its retire (廃止) event; write it or mark it notApplicable with a reason [lifecycle/missing-event]`, lines[0])
}

func TestLintJSON(t *testing.T) {
	code, out, _ := runCLI("lint", "-format", "json", "../../catalog/rules/testdata/lifecycle")
	assert.Equal(t, exitFindings, code)
	var got []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.NotEmpty(t, got)
	for _, k := range []string{"file", "line", "column", "severity", "rule", "message", "path"} {
		assert.Contains(t, got[0], k)
	}
	assert.Equal(t, "lifecycle/missing-event", got[0]["rule"])
	assert.Equal(t, float64(17), got[0]["line"])
	assert.Equal(t, float64(3), got[0]["column"])
	assert.Equal(t, "error", got[0]["severity"])
	assert.Equal(t, "/spec/lifecycle/retire", got[0]["path"])

	code, out, _ = runCLI("lint", "-format", "json", "-today", sampleToday)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "[]\n", out)
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"lint", "-format", "xml"},
		{"lint", "-nope"},
		{"lint", "-today", "22/11/2026"},
		{"lint", "does/not/exist"},
		{"frobnicate"},
		{},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
}

// -today moves the linter's clock: a restore tested on 2020-03-01 is stale
// by today's standard (365 days) but not on 2020-06-01.
func TestLintToday(t *testing.T) {
	const stale = "[ops/restore-test-stale]"
	fixture := "../../catalog/rules/testdata/ops-method"
	code, out, errs := runCLI("lint", fixture)
	assert.Equal(t, exitFindings, code, errs)
	assert.Contains(t, out, "design.yaml:109:21: warning: the restore of backup \"order-logs\" of service \"online-order\" was last tested")
	assert.Contains(t, out, stale)

	code, out, errs = runCLI("lint", "-today", "2020-06-01", fixture)
	assert.Equal(t, exitFindings, code, errs)
	assert.NotContains(t, out, stale)
	assert.Contains(t, out, "[ops/backup-without-restore]")
}

// The embedded sample must be the design in testdata/sample: run
// `go generate ./examples/opsdesign` after changing it.
func TestEmbeddedSampleMatchesTestdata(t *testing.T) {
	want := map[string][]byte{}
	root := "../../testdata/sample"
	require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		want[filepath.ToSlash(rel)] = b
		return err
	}))
	got := map[string][]byte{}
	require.NoError(t, fs.WalkDir(sample, "sample", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sample, p)
		got[strings.TrimPrefix(p, "sample/")] = b
		return err
	}))
	assert.Equal(t, want, got, "run go generate ./examples/opsdesign")
}
