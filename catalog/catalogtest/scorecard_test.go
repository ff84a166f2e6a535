package catalogtest_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

// recorder is a TB that keeps what a helper reports instead of failing.
type recorder struct {
	errors []string
	fatal  string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }

const design = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: boss}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: shop}
spec:
  state: active
  owner: boss
  value: Customers buy lunch.
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: old}
spec: {state: retired, owner: boss}
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: maturity}
spec:
  appliesTo: {states: [active]}
  levels:
    - name: bronze
      checks: [{name: valued, has: [value]}]
    - name: silver
      checks:
        - {name: staffed, has: [hours, customers]}
    - name: gold
      checks: [{name: costed, has: [effort]}]
`

func load(t *testing.T) *catalog.Design {
	d := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(design)})
	require.Empty(t, d.Diagnostics())
	return d
}

func TestScorecardLevel(t *testing.T) {
	d := load(t)

	ok := &recorder{}
	s := catalogtest.ScorecardLevel(ok, d, "maturity", "shop", "bronze")
	assert.Empty(t, ok.errors)
	assert.Empty(t, ok.fatal)
	assert.Equal(t, "bronze", s.LevelName())

	// Below the level wanted: one error for the level, one per reason of
	// the checks up to that level, each at its position; gold's failing
	// check is not among them.
	low := &recorder{}
	catalogtest.ScorecardLevel(low, d, "maturity", "shop", "gold")
	assert.Equal(t, []string{
		`service "shop" reaches bronze of scorecard "maturity"; want at least "gold"`,
		`design.yaml:9:1: silver/staffed: service "shop" does not say the hours it must be covered`,
		`design.yaml:9:1: silver/staffed: service "shop" names no customers`,
		`design.yaml:9:1: gold/costed: service "shop" attributes no hours or cost per month to its work`,
	}, low.errors)

	below := &recorder{}
	catalogtest.ScorecardLevel(below, d, "maturity", "shop", "silver")
	assert.Len(t, below.errors, 3, "gold's check is not reported when silver is wanted")
}

func TestScorecardLevelCannotAssert(t *testing.T) {
	d := load(t)
	tests := []struct {
		scorecard, service, level, fatal string
	}{
		{"nope", "shop", "bronze", `catalogtest: the design has no scorecard "nope" (it has: maturity)`},
		{"maturity", "shop", "platinum", `catalogtest: scorecard "maturity" has no level "platinum" (its levels: bronze, silver, gold)`},
		{"maturity", "cafe", "bronze", `catalogtest: the design has no service "cafe"`},
		{"maturity", "old", "bronze", `catalogtest: scorecard "maturity" does not apply to service "old" (state "retired"): see its appliesTo`},
	}
	for _, tt := range tests {
		t.Run(tt.fatal, func(t *testing.T) {
			r := &recorder{}
			catalogtest.ScorecardLevel(r, d, tt.scorecard, tt.service, tt.level)
			assert.Equal(t, tt.fatal, r.fatal)
			assert.Empty(t, r.errors)
		})
	}
}

// A team holds each of its services to a level of its own scorecard, in
// its design's package tests.
func ExampleScorecardLevel() {
	testDesign := func(t *testing.T) {
		d, err := catalog.Load("../design")
		require.NoError(t, err)
		catalogtest.ScorecardLevel(t, d, "operations-maturity", "member-card", "silver")
		catalogtest.ScorecardLevel(t, d, "operations-maturity", "alert-response", "bronze")
	}
	_ = testDesign // func TestDesign(t *testing.T) in the team's package
}
