package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
)

func findings(n int, sev catalog.Severity) catalog.Diagnostics {
	var out catalog.Diagnostics
	for i := range n {
		out = append(out, catalog.Diagnostic{Rule: "ref/unresolved", Severity: sev,
			Pos: catalog.Pos{File: "ops/a.yaml", Line: i + 1, Column: 3}, Message: fmt.Sprintf("finding %d", i+1)})
	}
	return out
}

// GitHub annotates ten findings of each kind per step: the eleventh error
// gets a line saying so; ten of each kind do not.
func TestGitHubSaysWhatItHides(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, report.GitHub, append(findings(10, catalog.Error), findings(10, catalog.Warning)...), report.Options{}))
	assert.Equal(t, 20, strings.Count(buf.String(), "\n"))
	assert.NotContains(t, buf.String(), "log only")

	buf.Reset()
	diags := append(append(findings(11, catalog.Error), findings(3, catalog.Warning)...), findings(12, catalog.Info)...)
	require.NoError(t, report.Write(&buf, report.GitHub, diags, report.Options{}))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 27)
	assert.Equal(t, "opsdesign: 11 errors, 3 warnings and 12 notices; GitHub annotates 10 of each kind per step, so 1 error and 2 notices are in this log only (the job summary lists them all)", lines[26])
}

func TestGitHubSummary(t *testing.T) {
	var buf bytes.Buffer
	diags := catalog.Diagnostics{
		{Rule: "ref/unresolved", Severity: catalog.Error, Pos: catalog.Pos{File: "ops/a.yaml", Line: 3, Column: 9},
			Message: "owner \"a|b\" is\nnot <found>"},
		{Rule: "suppress/unused", Severity: catalog.Info, Message: "about the design as a whole"},
	}
	require.NoError(t, report.WriteGitHubSummary(&buf, diags, report.Options{}))
	assert.Equal(t, "### opsdesign: 1 error, 0 warnings, 1 notice\n\n"+
		"| | finding | rule | where |\n|---|---|---|---|\n"+
		"| error | owner \"a\\|b\" is not &lt;found&gt; | `ref/unresolved` | `ops/a.yaml:3:9` |\n"+
		"| info | about the design as a whole | `suppress/unused` |  |\n", buf.String())

	buf.Reset()
	require.NoError(t, report.WriteGitHubSummary(&buf, findings(report.SummaryRows+7, catalog.Warning), report.Options{}))
	assert.Equal(t, report.SummaryRows, strings.Count(buf.String(), "| warning |"))
	assert.True(t, strings.HasSuffix(buf.String(), "\nand 7 more: the step's log has them all.\n"), buf.String()[buf.Len()-80:])

	buf.Reset()
	require.NoError(t, report.WriteGitHubSummary(&buf, nil, report.Options{}))
	assert.Equal(t, "### opsdesign: 0 errors, 0 warnings, 0 notices\n\n", buf.String())
}

// SARIF names the tool's version (the multitool's SARIF2005), from the
// build information unless the options say otherwise.
func TestSARIFToolVersion(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, report.SARIF, nil, report.Options{}))
	assert.Contains(t, buf.String(), `"version": "`+report.BuildVersion()+`"`)
	assert.Equal(t, "0.0.0-devel", report.BuildVersion(), "a test binary is no released module")
	buf.Reset()
	require.NoError(t, report.Write(&buf, report.SARIF, nil, report.Options{ToolVersion: "1.2.3"}))
	assert.Contains(t, buf.String(), `"version": "1.2.3"`)
}
