package config_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// A design with two findings: an unresolved owner and an open decision.
const twoFindings = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: ops-manager}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: shop}
spec:
  state: active
  owner: ops-manger
  lifecycle:
    new: {notApplicable: x}
    use: {notApplicable: x}
    change: {notApplicable: x}
    suspend: {triggers: a, permissions: b, idReissue: c}
    retire: {notApplicable: x}
`

// lintFile lints with the reference and lifecycle rules only, so that the
// fixture's findings do not change as rules are added.
func lintFile(t *testing.T, name string) catalog.Diagnostics {
	t.Helper()
	d, err := catalog.Load(name)
	require.NoError(t, err)
	var some []catalog.Rule
	for _, r := range rules.All() {
		if r.ID == "ref/unresolved" || strings.HasPrefix(r.ID, "lifecycle/") {
			some = append(some, r)
		}
	}
	return (&catalog.Linter{Rules: some}).Lint(d)
}

func TestBaselineRoundTripSurvivesLineShifts(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, "ops/design.yaml", twoFindings)
	diags := lintFile(t, "ops/design.yaml")
	require.Len(t, diags, 2)

	var buf bytes.Buffer
	require.NoError(t, config.NewBaseline(".", diags).Write(&buf))
	write(t, "baseline.json", buf.String())
	assert.Contains(t, buf.String(), `"$schema": "https://opsdesign.dev/schemas/v1/baseline.json"`)
	assert.Contains(t, buf.String(), `"file": "ops/design.yaml"`)
	assert.NotContains(t, buf.String(), `"line"`)

	b, bd, err := config.ReadBaseline("baseline.json")
	require.NoError(t, err)
	require.Empty(t, bd)
	require.Len(t, b.Entries, 2)

	// Lines added above both findings move them; the baseline still holds.
	write(t, "ops/design.yaml", "# A comment\n# and another\n"+twoFindings)
	fresh, stale := b.Filter(lintFile(t, "ops/design.yaml"))
	assert.Empty(t, fresh)
	assert.Empty(t, stale)

	// Linted by absolute path from elsewhere: file names are relative to
	// the baseline, so it still holds.
	t.Chdir(t.TempDir())
	fresh, stale = b.Filter(lintFile(t, filepath.Join(dir, "ops", "design.yaml")))
	assert.Empty(t, fresh)
	assert.Empty(t, stale)
}

func TestBaselineNewAndStaleFindings(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, "design.yaml", twoFindings)
	var buf bytes.Buffer
	require.NoError(t, config.NewBaseline(".", lintFile(t, "design.yaml")).Write(&buf))
	write(t, "baseline.json", buf.String())
	b, _, err := config.ReadBaseline("baseline.json")
	require.NoError(t, err)

	// Fix the owner, leave out the retire event: one new finding, one
	// stale entry.
	fixed := strings.Replace(twoFindings, "owner: ops-manger", "owner: ops-manager", 1)
	fixed = strings.Replace(fixed, "    retire: {notApplicable: x}\n", "", 1)
	write(t, "design.yaml", fixed)
	fresh, stale := b.Filter(lintFile(t, "design.yaml"))
	require.Len(t, fresh, 1)
	assert.Equal(t, "lifecycle/missing-event", fresh[0].Rule)
	require.Len(t, stale, 1)
	// The ref/unresolved entry sorts second: it is the second object of
	// the findings list, which starts on line 12 of the written file.
	assert.Equal(t, "baseline/stale", stale[0].Rule)
	assert.Equal(t, catalog.Info, stale[0].Severity)
	assert.Equal(t, "/findings/1", stale[0].Path)
	assert.Equal(t, catalog.Pos{File: "baseline.json", Line: 12, Column: 5}, stale[0].Pos)
	assert.Contains(t, stale[0].Message, "ref/unresolved finding in design.yaml at /spec/owner")
	lines := strings.Split(buf.String(), "\n")
	assert.Equal(t, "    {", lines[11])
	assert.Contains(t, lines[13], `"rule": "ref/unresolved"`)
}

func TestBaselineCountsIdenticalFindings(t *testing.T) {
	d := catalog.Diagnostic{Rule: "x/y", Pos: catalog.Pos{File: "a.yaml", Line: 3, Column: 1}, Path: "/spec", Message: "same"}
	b := config.NewBaseline("", catalog.Diagnostics{d, d})
	require.Len(t, b.Entries, 1)
	assert.Equal(t, 2, b.Entries[0].Count)

	fresh, stale := b.Filter(catalog.Diagnostics{d, d, d})
	assert.Len(t, fresh, 1, "a third identical finding is new")
	assert.Empty(t, stale)

	_, stale = b.Filter(nil)
	require.Len(t, stale, 1)
	assert.Contains(t, stale[0].Message, "(2 of them)")
}

func TestFingerprintIgnoresPositionOnly(t *testing.T) {
	d := catalog.Diagnostic{Rule: "x/y", Pos: catalog.Pos{File: "a.yaml", Line: 3, Column: 1}, Path: "/spec", Message: "m"}
	moved := d
	moved.Pos.Line, moved.Pos.Column = 40, 7
	assert.Equal(t, config.Fingerprint(d, ""), config.Fingerprint(moved, ""))
	quoting := d
	quoting.Message = "duplicate key; the first one (line 9) is kept"
	quotingMoved := quoting
	quotingMoved.Message = "duplicate key; the first one (line 12) is kept"
	assert.Equal(t, config.Fingerprint(quoting, ""), config.Fingerprint(quotingMoved, ""), "quoted line numbers do not count")
	assert.Len(t, config.Fingerprint(d, ""), 32)
	for _, change := range []func(*catalog.Diagnostic){
		func(c *catalog.Diagnostic) { c.Rule = "x/z" },
		func(c *catalog.Diagnostic) { c.Pos.File = "b.yaml" },
		func(c *catalog.Diagnostic) { c.Path = "/spec/owner" },
		func(c *catalog.Diagnostic) { c.Message = "n" },
	} {
		c := d
		change(&c)
		assert.NotEqual(t, config.Fingerprint(d, ""), config.Fingerprint(c, ""))
	}
}

func TestBadBaselineIsPositioned(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []key
		entries   int
	}{
		{"json syntax", "{\"version\": 1, \"findings\": [\n  {\"rule\": }\n]}\n", []key{{"json/syntax", 2, 12, ""}}, 0},
		{"wrong version", "{\"version\": 2, \"findings\": []}\n", []key{{"schema/enum", 1, 13, "/version"}}, 0},
		{"bad entry kept out, good one kept", "{\"version\": 1, \"findings\": [\n  {\"rule\": \"a/b\", \"file\": \"x\", \"message\": \"m\"},\n" +
			"  {\"fingerprint\": \"0123456789abcdef0123456789abcdef\", \"rule\": \"a/b\", \"file\": \"x\", \"message\": \"m\"}\n]}\n",
			[]key{{"schema/required", 2, 3, "/findings/0/fingerprint"}}, 1},
		{"empty", "", []key{{"schema/required", 0, 0, ""}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, diags := config.ParseBaseline("b.json", []byte(tc.src), "")
			assert.Equal(t, tc.want, keys(diags))
			assert.Len(t, b.Entries, tc.entries)
		})
	}
}

func TestReadBaselineMissing(t *testing.T) {
	_, _, err := config.ReadBaseline(filepath.Join(t.TempDir(), "none.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
