package catalog_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

func TestDesignSettings(t *testing.T) {
	assert.Contains(t, catalog.Kinds(), "Settings")
	schema, ok := catalog.Schema("Settings")
	require.True(t, ok)
	assert.Contains(t, string(schema), "restoreTestMaxAge")

	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(lifecycleBase)})
	assert.Equal(t, catalog.DefaultSettings(), d.Settings)
	assert.Nil(t, d.Settings.Doc)
	assert.Equal(t, catalog.CostOptional, d.Settings.CostAttribution)
	assert.Equal(t, "365d", d.Settings.RestoreTestMaxAge.String())
	assert.Equal(t, catalog.CatchAllPerCatalog, d.Settings.CatchAll)
	assert.Equal(t, []string{"overall-management", "overall-optimisation"}, d.Settings.CatchAllOwnerTiers)
	assert.Nil(t, d.Settings.Cloud)

	for _, tt := range []struct {
		age  string
		want catalog.Period
		text string
	}{
		{"180d", catalog.Period{Days: 180}, "180d"},
		{"26w", catalog.Period{Days: 182}, "182d"},
		{"6mo", catalog.Period{Months: 6}, "6mo"},
		{"1y", catalog.Period{Years: 1}, "1y"},
		{"9999d", catalog.Period{Days: 9999}, "9999d"},
	} {
		src := "apiVersion: opsdesign/v1\nkind: Settings\nmetadata: {name: s}\nspec:\n  restoreTestMaxAge: " + tt.age +
			"\n  costAttribution: per-task\n  catchAll: per-service\n  catchAllOwnerTiers: [certified]\n  cloud: {provider: AWS, contact: Support.}\n"
		d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
		require.Empty(t, d.Diagnostics(), tt.age)
		s := d.Settings
		require.NotNil(t, s.Doc)
		assert.Equal(t, "s", s.Doc.Name)
		assert.Equal(t, tt.want, s.RestoreTestMaxAge, tt.age)
		assert.Equal(t, tt.text, s.RestoreTestMaxAge.String())
		assert.Equal(t, catalog.CostPerTask, s.CostAttribution)
		assert.Equal(t, catalog.CatchAllPerService, s.CatchAll)
		assert.Equal(t, []string{"certified"}, s.CatchAllOwnerTiers)
		assert.Equal(t, &catalog.Cloud{Path: "/spec/cloud", Provider: "AWS", Contact: "Support."}, s.Cloud)
	}
	assert.Equal(t, "1y6mo", catalog.Period{Years: 1, Months: 6}.String())
	assert.Equal(t, "0d", catalog.Period{}.String())
	assert.Equal(t, time.Date(2027, time.February, 28, 0, 0, 0, 0, time.UTC),
		catalog.Period{Months: 1}.AddTo(time.Date(2027, time.January, 28, 0, 0, 0, 0, time.UTC)))
}

// A Settings value the schema rejects is reported there and the default
// stays in force; only the first Settings document counts (the rule
// settings/duplicate of package catalog/rules reports the second).
func TestBadAndSecondSettings(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Settings
metadata: {name: first}
spec:
  restoreTestMaxAge: 0d
  costAttribution: always
---
apiVersion: opsdesign/v1
kind: Settings
metadata: {name: second}
spec:
  costAttribution: required
`
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
	assert.Equal(t, []key{
		{"schema/value", 5, 22, "/spec/restoreTestMaxAge"},
		{"schema/enum", 6, 20, "/spec/costAttribution"},
	}, keys(d.Diagnostics()))
	assert.Equal(t, "first", d.Settings.Doc.Name)
	assert.Equal(t, catalog.CostOptional, d.Settings.CostAttribution)
	assert.Equal(t, catalog.Period{Days: 365}, d.Settings.RestoreTestMaxAge)
	dup := rules.Lint(d).ByRule("settings/duplicate")
	assert.Equal(t, []key{{"settings/duplicate", 10, 18, "/metadata/name"}}, keys(dup))
}
