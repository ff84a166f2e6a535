package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

// finding is what a test pins of a diagnostic: rule, place and message.
type finding struct {
	Rule         string
	Line, Column int
	Message      string
}

func findingsOf(diags catalog.Diagnostics, file string) []finding {
	var out []finding
	for _, d := range diags {
		if d.Pos.File == file {
			out = append(out, finding{d.Rule, d.Pos.Line, d.Pos.Column, d.Message})
		}
	}
	return out
}

func TestBackstageFixtures(t *testing.T) {
	// name and ref run too: Backstage names never meet opsdesign's, so two
	// Users "guest" in two namespaces draw no name/duplicate.
	diags := catalogtest.Run(t, groups("backstage", "name", "ref"), "testdata/backstage")
	got := findingsOf(diags, "testdata/backstage/mistakes.yaml")
	require.Len(t, got, 16)
	assert.Equal(t, finding{"backstage/name", 6, 9, `"gift cards" is not a valid entity name: a space is not allowed; want letters, digits and '-', '_' or '.' between them, at most 63 characters`}, got[0])
	assert.Equal(t, finding{"backstage/bad-ref", 17, 10, `owner "component:checkout" names component:Shop/checkout, but owner takes Group or User`}, got[5])
	assert.Equal(t, finding{"backstage/bad-ref", 19, 7, `dependsOn "orders-db": not a valid entity reference: "orders-db" names no kind, and this field has no default kind`}, got[6])
	assert.Equal(t, finding{"backstage/schema", 25, 1, `missing required key "owner" (a non-empty string)`}, got[7])
	assert.Equal(t, finding{"backstage/unresolved-ref", 28, 11, `system "shopp" names system:default/shopp, which is not in the files read; did you mean "system:default/shop"?`}, got[8])
	assert.Equal(t, finding{"backstage/duplicate", 41, 9, `resource:default/Orders-Archive is defined 2 times (Backstage compares kind, namespace and name without regard to case)`}, got[10])
	assert.Equal(t, 33, diags[10+findIndex(diags, "testdata/backstage/mistakes.yaml")].Related[0].Pos.Line)
	assert.Equal(t, finding{"backstage/unresolved-ref", 61, 19, `members "janee" names user:default/janee, which is not in the files read; did you mean "user:default/jane"?`}, got[13])
	assert.Equal(t, finding{"backstage/schema", 70, 1, `missing required key "spec": a System has one with owner`}, got[15])
	// The valid catalog has nothing wrong; its Location names sub-catalogs
	// the directory does not hold, which is said, as information.
	assert.Equal(t, []finding{
		{"backstage/location-target", 145, 7, `target "./checkout/catalog-info.yaml" of location:default/shop-catalog: no file read is testdata/backstage/checkout/catalog-info.yaml; the file is missing or was left out of the lint`},
		{"backstage/location-target", 146, 7, `target "./ledger/catalog-info.yaml" of location:default/shop-catalog: no file read is testdata/backstage/ledger/catalog-info.yaml; the file is missing or was left out of the lint`},
	}, findingsOf(diags, "testdata/backstage/catalog-info.yaml"))
	for _, d := range diags {
		if d.Rule == "backstage/location-target" {
			assert.Equal(t, catalog.Info, d.Severity)
		}
	}
}

// findIndex returns the index of the first diagnostic of a file.
func findIndex(diags catalog.Diagnostics, file string) int {
	for i, d := range diags {
		if d.Pos.File == file {
			return i
		}
	}
	return -1
}

func TestBackstageLinkFixtures(t *testing.T) {
	// ref runs too: group:default/payments as an owner and user:guest as
	// a team member are no ref/unresolved.
	diags := catalogtest.Run(t, groups("backstage", "name", "ref"), "testdata/backstage-link")
	assert.Equal(t, []finding{
		{"backstage/no-design", 31, 9, `Component component:default/ledger (production service) has no operations design: no Service names it in spec.component`},
		{"backstage/no-design", 40, 9, `Component component:default/gift-cards (production service) has no operations design: no Service names it in spec.component; service "gift-cards" has its name: write "component: gift-cards" in its spec if it is its design`},
		{"backstage/no-design", 49, 9, `Component component:default/loyalty (production service) has an incomplete operations design: service "loyalty" leaves 1 lifecycle gap(s) (the lifecycle/ rules say which)`},
	}, findingsOf(diags, "testdata/backstage-link/catalog-info.yaml"))
	assert.Equal(t, []finding{
		{"backstage/disagree", 80, 10, `service "loyalty" is planned, but its Component component:default/loyalty is production (which agrees with active or suspended)`},
		{"backstage/disagree", 81, 10, `service "loyalty" is owned by "team:growth", but its Component component:default/loyalty by group:default/payments`},
		{"backstage/unresolved-ref", 108, 14, `component "serch" names component:default/serch, which is not in the files read; did you mean "component:default/search"?`},
		{"backstage/unresolved-ref", 116, 10, `owner "user:default/gueest" names user:default/gueest, which is not in the files read; did you mean "user:default/guest"?`},
		{"backstage/bad-ref", 117, 14, `component "api:refunds" names api:default/refunds, but component takes Component`},
	}, findingsOf(diags, "testdata/backstage-link/design.yaml"))
	// The finding of a Component without design points at the setting.
	require.NotEmpty(t, diags[0].Related)
	assert.Equal(t, "testdata/backstage-link/design.yaml", diags[0].Related[0].Pos.File)
	assert.Equal(t, 10, diags[0].Related[0].Pos.Line)
}

func TestBackstageSettingsFixtures(t *testing.T) {
	catalogtest.Run(t, groups("backstage"), "testdata/backstage-settings")
}

func TestBackstageLocationFixtures(t *testing.T) {
	diags := catalogtest.Run(t, groups("backstage"), "testdata/backstage-location")
	assert.Equal(t, []finding{
		{"backstage/location-target", 12, 7, `target "./components/checkout.yaml" of location:default/shop-root: no file read is testdata/backstage-location/components/checkout.yaml; the file is missing or was left out of the lint`},
		{"backstage/location-target", 14, 7, `target "./docs/**/catalog-info.yaml" of location:default/shop-root: no file read matches testdata/backstage-location/docs/**/catalog-info.yaml; the file is missing or was left out of the lint`},
		{"backstage/location-not-followed", 15, 7, `target "https://github.com/example/platform/blob/main/catalog-info.yaml" of location:default/shop-root is a URL: opsdesign does not follow it, so the entities there are not checked`},
		{"backstage/location-target", 24, 11, `target "./extras/catalog-info.yaml" of location:default/shop-extras: no file read is testdata/backstage-location/extras/catalog-info.yaml; presence is optional, so Backstage accepts its absence, but a file there would not have been checked`},
	}, findingsOf(diags, "testdata/backstage-location/catalog-info.yaml"))
	assert.Empty(t, findingsOf(diags, "testdata/backstage-location/components/storefront.yaml"))
}
