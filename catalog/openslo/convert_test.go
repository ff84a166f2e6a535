package openslo_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/openslo"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// Each fixture testdata/convert/<from>-to-<to>.yaml is valid OpenSLO of
// its version; converting it reports every loss on the line its "# want"
// names, and what is written loads without an error and without a point
// where the target's specification and go-sdk disagree.
func TestConvertFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/convert/*.yaml")
	require.NoError(t, err)
	require.Len(t, files, 5)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			to, err := openslo.ParseVersion(strings.TrimSuffix(strings.SplitN(filepath.Base(file), "-to-", 2)[1], ".yaml"))
			require.NoError(t, err)
			src := load(t, file)
			for _, d := range rules.Lint(src) {
				require.NotEqual(t, catalog.Error, d.Severity, "the fixture is valid OpenSLO: %v", d)
			}
			out, found := convertFound(t, src, to)
			want, err := catalogtest.Expectations(file)
			require.NoError(t, err)
			catalogtest.Check(t, found, want)
			assertClean(t, out, to)
		})
	}
}

// convertFound converts and returns what is written and the findings.
func convertFound(t *testing.T, d *catalog.Design, to openslo.Version) (string, catalog.Diagnostics) {
	t.Helper()
	var out strings.Builder
	found, err := openslo.Convert(&out, d, to)
	require.NoError(t, err)
	return out.String(), found
}

// assertClean holds converted YAML to what Convert promises: every
// document of the version, no error, no spec-versus-go-sdk disagreement
// but the one Convert reports itself (a composite SLO in v1, which only
// the go-sdk defines).
func assertClean(t *testing.T, out string, to openslo.Version) {
	t.Helper()
	back := parse("converted.yaml", out)
	for _, doc := range back.Documents {
		assert.Equal(t, string(to), doc.APIVersion, doc.Ref())
	}
	for _, d := range rules.Lint(back) {
		assert.NotEqual(t, catalog.Error, d.Severity, "%v\n%s", d, out)
		if !strings.Contains(d.Message, "a composite SLO") {
			assert.NotEqual(t, "openslo/spec-sdk-disagreement", d.Rule, "%v\n%s", d, out)
		}
	}
}

// Every finding of the conversion fixtures, pinned by rule, position and
// path, with the messages that matter.
func TestConvertPositions(t *testing.T) {
	for file, want := range map[string][]string{
		"v1-to-v1alpha.yaml": {
			"openslo/conversion-loss 8:3 /metadata/labels",
			"openslo/conversion-loss 13:7 /kind",
			"openslo/conversion-loss 21:7 /kind",
			"openslo/conversion-loss 34:3 /metadata/annotations",
			"openslo/conversion-loss 39:17 /spec/timeWindow/0/duration",
			"openslo/conversion-loss 46:24 /spec/objectives/0/timeSliceWindow",
			"openslo/conversion-loss 47:3 /spec/alertPolicies",
			"openslo/conversion-loss 51:7 /kind",
			"openslo/conversion-loss 73:5 /spec/indicator/metadata",
			"openslo/not-converted 102:9 /spec/indicator/spec/ratioMetric/bad",
			"openslo/not-converted 119:20 /spec/budgetingMethod",
		},
		"v1-to-v2alpha.yaml": {
			"openslo/conversion-loss 9:5 /metadata/labels/team",
			"openslo/conversion-loss 39:19 /spec/indicator/spec/ratioMetric/total/metricSource/type",
			"openslo/conversion-loss 42:17 /spec/timeWindow/0/duration",
			"openslo/conversion-loss 57:15 /spec/alertPolicies/0/spec/conditions/0/spec/condition",
			"openslo/not-converted 85:17 /spec/timeWindow/0/duration",
			"openslo/conversion-loss 99:24 /spec/thresholdMetric/metricSource/metricSourceRef",
		},
		"v2alpha-to-v1.yaml": {
			"openslo/conversion-loss 18:26 /spec/sli/spec/ratioMetric/good/dataSourceSpec/description",
			"openslo/conversion-loss 19:13 /spec/sli/spec/ratioMetric/good/dataSourceSpec/connectionDetails",
			"openslo/conversion-loss 29:7 /spec/objectives/0/labels",
			"openslo/not-converted 49:7 /spec/sli/spec/thresholdMetric",
		},
		"v1alpha-to-v1.yaml": {
			"openslo/conversion-loss 10:3 /spec/objectives",
			"openslo/conversion-loss 18:11 /spec/objectives/1/op",
			"openslo/conversion-loss 19:14 /spec/objectives/1/value",
			"openslo/not-converted 35:7 /spec/objectives/0",
			"openslo/not-converted 57:14 /spec/timeWindows/0/count",
		},
		"v1alpha-to-v2alpha.yaml": {
			"openslo/conversion-loss 19:14 /spec/timeWindows/0/count",
			"openslo/not-converted 37:14 /spec/timeWindows/0/count",
		},
	} {
		t.Run(file, func(t *testing.T) {
			to, err := openslo.ParseVersion(strings.TrimSuffix(strings.SplitN(file, "-to-", 2)[1], ".yaml"))
			require.NoError(t, err)
			_, found := convertFound(t, load(t, "testdata/convert/"+file), to)
			assert.Equal(t, want, keys(found))
			for _, d := range found {
				want := catalog.Warning
				if d.Rule == openslo.RuleNotConverted {
					want = catalog.Error
				}
				assert.Equal(t, want, d.Severity, d.String())
			}
		})
	}
}

// The messages say what is lost and why.
func TestConvertMessages(t *testing.T) {
	_, found := convertFound(t, load(t, "testdata/convert/v1-to-v1alpha.yaml"), openslo.V1alpha)
	at := map[int]string{}
	for _, d := range found {
		at[d.Pos.Line] = d.Message
	}
	assert.Equal(t, `v1alpha has no DataSource kind: the type of DataSource "tea-prometheus" is written as the source of the metrics that read it, its connectionDetails are not kept`, at[13])
	assert.Equal(t, `v1alpha has no SLI kind: SLI "brew-success" is written inline in the SLOs that read it, without its name, labels and description`, at[21])
	assert.Equal(t, `a rolling window of 1M is written as 30 days, as the go-sdk counts it`, at[39])
	assert.Equal(t, `v1alpha has no alerting: AlertPolicy "brew-pager" is not written`, at[51])
	assert.Equal(t, `v1alpha writes an indicator without metadata: its name "cup-temperature-reading", its description not kept`, at[73])
	assert.Equal(t, `SLO "leaf-stock" is not converted to openslo/v1alpha: v1alpha counts good events over total: a ratio of bad events cannot be written`, at[102])

	_, found = convertFound(t, load(t, "testdata/convert/v1alpha-to-v1.yaml"), openslo.V1)
	assert.Equal(t, `SLO "ramen-slices" is not converted to openslo/v1: v1alpha does not say how long a time slice is, and openslo/v1 needs timeSliceWindow`, found[3].Message)
}
