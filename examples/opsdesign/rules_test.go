package main

import (
	"encoding/json"
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo/eventlog"
	"github.com/opsdesign/opsdesign/ticket"
)

// update is the -update flag of every golden test of the package.
var update = flag.Bool("update", false, "rewrite generated and golden files (docs/rules.md, ...)")

// docs/rules.md is the rules command's Markdown. After adding or changing a
// rule, regenerate it:
//
//	go test ./examples/opsdesign -run TestRulesDoc -update
func TestRulesDoc(t *testing.T) {
	code, out, errs := runCLI("rules", "-format", "markdown")
	require.Equal(t, exitOK, code, errs)
	catalogtest.Golden(t, "../../docs/rules.md", []byte(out), *update)
}

func TestRulesListsEveryRule(t *testing.T) {
	reg := rules.Registry()
	require.Greater(t, len(reg), len(rules.All()), "the loader's, ticket and events rules are listed too")
	assert.True(t, slices.ContainsFunc(reg, func(r diag.RuleInfo) bool { return r.ID == ticket.RuleBadTime }))
	assert.True(t, slices.ContainsFunc(reg, func(r diag.RuleInfo) bool { return r.ID == eventlog.RuleBadTime }))
	code, out, errs := runCLI("rules")
	require.Equal(t, exitOK, code, errs)
	for _, r := range reg {
		assert.Contains(t, out, r.ID+" ("+r.Severity.String()+")\n", r.ID)
	}

	code, out, errs = runCLI("rules", "-format", "json")
	require.Equal(t, exitOK, code, errs)
	var got []struct{ ID, Severity, Summary, Doc string }
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got, len(reg))
	for i, r := range reg {
		assert.Equal(t, r.ID, got[i].ID)
		assert.Equal(t, r.Severity.String(), got[i].Severity)
		assert.NotEmpty(t, got[i].Summary, r.ID)
	}

	code, out, _ = runCLI("rules", "-format", "markdown")
	require.Equal(t, exitOK, code)
	for _, r := range reg {
		assert.Contains(t, out, "\n### "+r.ID+"\n", r.ID)
	}
	assert.True(t, strings.HasPrefix(out, "# Rules\n"))
}

func TestRulesUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"rules", "-format", "sarif"},
		{"rules", "-format", "xml"},
		{"rules", "some/path"},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
}
