package openslospec_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/internal/openslospec"
)

func TestVersionsAndKinds(t *testing.T) {
	assert.Equal(t, []string{"openslo/v1alpha", "openslo/v1", "openslo.com/v2alpha"}, openslospec.Versions())
	assert.Equal(t, []string{"SLO", "Service"}, openslospec.Kinds(openslospec.V1alpha))
	assert.Len(t, openslospec.Kinds(openslospec.V2alpha), 7)
	assert.Nil(t, openslospec.Kinds("opsdesign/v1"))
	assert.True(t, openslospec.HasKind(openslospec.V1, "AlertPolicy"))
	assert.False(t, openslospec.HasKind(openslospec.V1alpha, "SLI"))
	assert.Equal(t, []string{"openslo/v1", "openslo.com/v2alpha"}, openslospec.VersionsOfKind("SLI"))
}

func TestShorthand(t *testing.T) {
	for _, c := range []struct {
		unit  string
		count int64
		want  string
	}{
		{"Day", 28, "28d"}, {"Week", 1, "1w"}, {"Month", 1, "1M"}, {"Quarter", 2, "2Q"}, {"Year", 1, "1Y"},
		{"Second", 300, "5m"}, {"Second", 301, "301s"}, {"Minute", 90, "90m"}, {"Hour", 2, "2h"},
		{"Fortnight", 1, ""}, {"Day", 0, ""},
	} {
		assert.Equal(t, c.want, openslospec.Shorthand(c.unit, c.count), "%d %s", c.count, c.unit)
	}
}

// Check does nothing for versions it does not check, and skips values
// of the wrong type (the schema reports them).
func TestCheckLeavesOthers(t *testing.T) {
	var got []string
	report := func(rule, ptr string, _ bool, _ string) { got = append(got, rule+" "+ptr) }
	openslospec.Check(openslospec.V1, "SLO", map[string]any{"spec": "nonsense"}, report)
	openslospec.Check(openslospec.V2alpha, "SLO", map[string]any{"spec": map[string]any{"objectives": "no list", "timeWindow": 7}}, report)
	assert.Equal(t, []string{"schema/required /spec/sli"}, got)
}

func TestReadablePattern(t *testing.T) {
	msg, ok := openslospec.ReadablePattern("does not match pattern '^[0-9]+[mhdw]$'", "1M")
	assert.True(t, ok)
	assert.Contains(t, msg, `"1M" is not a v2alpha duration shorthand`)
	_, ok = openslospec.ReadablePattern("does not match pattern '^x$'", "y")
	assert.False(t, ok)
}
