package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScorecardSample(t *testing.T) {
	code, out, errs := runCLI("scorecard")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, "opsdesign scorecard: no findings in 9 files (37 documents); configuration: none; baseline: none\n", errs)
	assert.Equal(t, `scorecard operations-maturity (運用成熟度): bronze < silver < gold
alert-response (24/365 アラート一次対応): bronze
  sample/alert-response.yaml:26:7: silver/requests-ticketed: request type "investigate-alert" has no parameter sheet
member-card (会員カード): gold
`, out)
}

func TestScorecardMin(t *testing.T) {
	code, _, errs := runCLI("scorecard", "-min", "bronze")
	assert.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI("scorecard", "-min", "gold", "-scorecard", "operations-maturity")
	assert.Equal(t, exitFindings, code)
	assert.Equal(t, "opsdesign scorecard: no findings in 9 files (37 documents); configuration: none; baseline: none\nopsdesign scorecard: 1 service below gold\n", errs)
}

func TestScorecardJSON(t *testing.T) {
	code, out, errs := runCLI("scorecard", "-format", "json")
	require.Equal(t, exitOK, code, errs)
	var got []struct {
		Name     string   `json:"name"`
		Levels   []string `json:"levels"`
		Services []struct {
			Service string  `json:"service"`
			Level   *string `json:"level"`
			Checks  []struct {
				Level    string `json:"level"`
				Check    string `json:"check"`
				Passed   bool   `json:"passed"`
				Failures []struct {
					File   string `json:"file"`
					Line   int    `json:"line"`
					Column int    `json:"column"`
					Path   string `json:"path"`
				} `json:"failures"`
			} `json:"checks"`
		} `json:"services"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got, 1)
	assert.Equal(t, []string{"bronze", "silver", "gold"}, got[0].Levels)
	require.Len(t, got[0].Services, 2)
	alert := got[0].Services[0]
	assert.Equal(t, "alert-response", alert.Service)
	require.NotNil(t, alert.Level)
	assert.Equal(t, "bronze", *alert.Level)
	failed := 0
	for _, c := range alert.Checks {
		if c.Check == "requests-ticketed" {
			assert.False(t, c.Passed)
			assert.Equal(t, "silver", c.Level)
			require.Len(t, c.Failures, 1)
			f := c.Failures[0]
			assert.Equal(t, []any{"sample/alert-response.yaml", 26, 7, "/spec/requestTypes/0"}, []any{f.File, f.Line, f.Column, f.Path})
		}
		if !c.Passed {
			failed++
		}
	}
	assert.Equal(t, 1, failed)
}

// A service that reaches no level, a scorecard that selects nobody, and a
// malformed scorecard whose findings go to standard error.
func TestScorecardOwnDesign(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "design.yaml"), []byte(`apiVersion: opsdesign/v1
kind: Role
metadata: {name: boss}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: kiosk}
spec: {state: active, owner: boss}
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: basics}
spec:
  levels: [{name: valued, checks: [{name: value, has: [value]}, {name: typo, noFindings: [ref/unresolvd]}]}]
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: retired-only}
spec:
  appliesTo: {states: [retired]}
  levels: [{name: gone}]
`), 0o644))
	code, out, errs := runCLI("scorecard", "-min", "valued", dir)
	assert.Equal(t, exitFindings, code)
	file := filepath.ToSlash(filepath.Join(dir, "design.yaml"))
	assert.Equal(t, `scorecard basics: valued
kiosk: no level
  `+file+`:9:1: valued/value: service "kiosk" does not say what value it delivers

scorecard retired-only: gone
  no service is scored: none matches appliesTo
`, out)
	assert.Equal(t, file+`:15:91: error: check "typo" names unknown rule "ref/unresolvd"; did you mean "ref/unresolved"? [scorecard/unknown-rule]
opsdesign scorecard: 1 error in 1 file (4 documents); configuration: none; baseline: none
opsdesign scorecard: 1 service below valued
`, errs)
}

func TestScorecardUsageErrors(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty.yaml"), []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata: {name: r}\nspec: {tier: associate}\n"), 0o644))
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"scorecard", "-format", "xml"}, `unknown format "xml"`},
		{[]string{"scorecard", "-scorecard", "nope"}, `no scorecard "nope" (it has: operations-maturity)`},
		{[]string{"scorecard", "-min", "platinum"}, `no scorecard has a level "platinum"`},
		{[]string{"scorecard", dir}, "no Scorecard document"},
		{[]string{"scorecard", "does/not/exist"}, "does/not/exist"},
		{[]string{"scorecard", "-nope"}, "flag provided but not defined"},
	} {
		code, _, errs := runCLI(tt.args...)
		assert.Equal(t, exitUsage, code, "%v", tt.args)
		assert.True(t, strings.Contains(errs, tt.msg), "%v: %s", tt.args, errs)
	}
}
