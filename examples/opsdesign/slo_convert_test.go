package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// slo convert writes the files' OpenSLO in the version asked for, to a
// file through atomicfile, and prints each loss at its line; what is
// written lints clean.
func TestSLOConvert(t *testing.T) {
	out := filepath.Join(t.TempDir(), "v1.yaml")
	code, stdout, errs := runCLI("slo", "convert", "-to", "v1", "-o", out, "../../testdata/openslo/v1alpha/valid/coffee.yaml")
	require.Equal(t, exitOK, code, errs)
	assert.Empty(t, stdout)
	assert.Empty(t, errs, "nothing is lost")
	d, err := catalog.Load(out)
	require.NoError(t, err)
	assert.Empty(t, rules.Lint(d))
	assert.Len(t, d.OpenSLO.SLOs, 2)
	for _, doc := range d.Documents {
		assert.Equal(t, catalog.OpenSLOAPIVersion, doc.APIVersion)
	}

	code, stdout, errs = runCLI("slo", "convert", "-to", "v1alpha", out)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, stdout, "apiVersion: openslo/v1alpha\nkind: SLO\n")
	assert.Empty(t, errs)
}

// A loss is a warning at its line (exit 0); an object that cannot be
// converted is an error (exit 1), and the rest is still written.
func TestSLOConvertFindings(t *testing.T) {
	code, stdout, errs := runCLI("slo", "convert", "-to", "v1alpha", "../../catalog/openslo/testdata/convert/v1-to-v1alpha.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, "../../catalog/openslo/testdata/convert/v1-to-v1alpha.yaml:47:3: warning: v1alpha has no alerting: the SLO's alert policies are not kept [openslo/conversion-loss]\n")
	assert.Contains(t, errs, `../../catalog/openslo/testdata/convert/v1-to-v1alpha.yaml:119:20: error: SLO "queue-length" is not converted to openslo/v1alpha: v1alpha has no RatioTimeslices budgeting [openslo/not-converted]`)
	assert.Contains(t, errs, "2 errors, 9 warnings")
	assert.Contains(t, stdout, "name: cup-temperature\n")
	assert.NotContains(t, stdout, "queue-length")

	code, _, errs = runCLI("slo", "convert", "-to", "v2alpha", "../../catalog/openslo/testdata/convert/v1alpha-to-v2alpha.yaml")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, "v1alpha-to-v2alpha.yaml:19:14: warning: a rolling window of 1Q is written as 90d, as the go-sdk counts it: v2alpha durations stop at weeks [openslo/conversion-loss]")
}

// The output is never written over an input, and the flags are checked
// before anything is loaded.
func TestSLOConvertUsage(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "slo.yaml")
	src, err := os.ReadFile("../../testdata/openslo/v1alpha/valid/coffee.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, src, 0o644))
	for _, args := range [][]string{
		{"slo", "convert", in},                                      // no -to
		{"slo", "convert", "-to", "v3", in},                         // no such version
		{"slo", "convert", "-to", "v1"},                             // no path
		{"slo", "convert", "-to", "v1", "-o", in, in},               // over the input
		{"slo", "convert", "-to", "v1", "-o", dir + "/x.yaml", dir}, // inside the input directory
		{"slo", "convert", "-to", "v1", "../../testdata/sample"},    // no OpenSLO there
		{"slo", "export", "-to", "v0"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
	after, err := os.ReadFile(in)
	require.NoError(t, err)
	assert.Equal(t, src, after, "the input is untouched")
}

// slo export -to v1alpha writes what Sloth reads: an OpenSLO SLO of
// Prometheus queries as v1alpha ratios; an opsdesign objective converts
// too, its losses warnings at the objective.
func TestSLOExportV1alpha(t *testing.T) {
	code, out, errs := runCLI("slo", "export", "-to", "v1alpha", "-objective", "order-availability", "../../testdata/openslo/v1alpha/valid", "../../testdata/openslo/valid")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, `../../testdata/openslo/v1alpha/valid/coffee.yaml:6:7: warning: a v1alpha export holds SLOs alone, as Sloth reads them: Service "order-api" is not written (slo convert writes it) [openslo/conversion-loss]
1 warning
`, errs)
	assert.Contains(t, out, "      ratioMetrics:\n        incremental: true\n        good:\n          source: prometheus\n          queryType: promql\n")
	assert.NotContains(t, out, "kind: Service")

	code, out, errs = runCLI("slo", "export", "-to", "v1alpha", "-objective", "point-api-latency")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "sample/objectives.yaml:")
	assert.Contains(t, errs, "[openslo/conversion-loss]")
	d := catalog.Parse(catalog.Source{Name: "export.yaml", Data: []byte(out)})
	assert.Empty(t, rules.Lint(d))
	require.Len(t, d.OpenSLO.SLOs, 1)
	assert.Equal(t, catalog.OpenSLOV1alphaAPIVersion, d.OpenSLO.SLOs[0].Doc.APIVersion)
}

// Objectives of every OpenSLO version evaluate like the others: a v1alpha
// latency SLO and a v2alpha time-slice SLO over the same request log.
func TestSLOEvalOtherVersions(t *testing.T) {
	path, now, _ := requestLog(t, false)
	code, out, errs := runCLI("slo", "eval", "-objective", "order-latency", "-events", path, "-now", now.Format(time.RFC3339), "../../testdata/openslo/v1alpha/valid")
	assert.NotEqual(t, exitUsage, code, errs)
	assert.Contains(t, out, "objective  order-latency (ratio, target 95% over month)\n")
	assert.Contains(t, out, "SLI        ")

	code, out, errs = runCLI("slo", "eval", "-objective", "oven-display", "-events", path, "-now", now.Format(time.RFC3339), "../../testdata/openslo/v2alpha/valid")
	assert.NotEqual(t, exitUsage, code, errs)
	assert.Contains(t, out, "objective  oven-display (time-slice, target 99% over week")
}
