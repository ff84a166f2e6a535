package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/ticket"
)

const (
	mspMonth  = "../../testdata/tickets/msp-2026-10.csv"
	inquiries = "../../testdata/tickets/inquiries-2026-08-10.jsonl"
)

func TestTicketsReview(t *testing.T) {
	code, out, errs := runCLI("tickets", "review", mspMonth)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, "opsdesign tickets review: no findings; configuration: none; baseline: none\n", errs)
	assert.Contains(t, out, "objective alert-first-response (first-response-completion, target 95%): 89.3%, NOT attained — 375 met, 45 missed")
	assert.Contains(t, out, "  severity critical     88.0%  (22 met, 3 missed, 0 pending)")
	assert.Contains(t, out, "   17  手順書の不備\n")
	assert.Contains(t, out, "improvement requests: 7\n")
	assert.Contains(t, out, "[ticket/miss-without-reason]")
}

func TestTicketsReviewJSON(t *testing.T) {
	code, out, errs := runCLI("tickets", "review", "-format", "json", inquiries)
	require.Equal(t, exitOK, code, errs)
	var got struct {
		Report   ticket.ReviewReport
		Findings []struct{ Rule string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.NotEmpty(t, got.Report.Objectives)
	assert.Equal(t, 276, got.Report.Tickets)
	require.NotNil(t, got.Report.SameDay)
	rules := map[string]bool{}
	for _, f := range got.Findings {
		rules[f.Rule] = true
	}
	// The inquiry log's channel and parameter problems come beside the report.
	for _, r := range []string{ticket.RuleChannelRejected, ticket.RuleMissingParameter, ticket.RuleInvalidParameter, ticket.RuleUnknownRequestType} {
		assert.True(t, rules[r], r)
	}
}

func TestTicketsInventoryMarkdown(t *testing.T) {
	code, out, errs := runCLI("tickets", "inventory", "-format", "markdown", "-unused", "30d", inquiries)
	require.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "# Ticket inventory\n"))
	assert.Contains(t, out, "| 2026-08-01 | 110 | 24 | 21.8% |") // periods cut in the sample calendar's zone, Tokyo
	assert.Contains(t, out, "| ポイント-反映されない | ポイント 反映されない |")
	assert.Contains(t, out, "## Proposed for retirement")
	assert.Contains(t, errs, "ticket/channel-not-accepted")
}

func TestTicketsStale(t *testing.T) {
	dir := t.TempDir()
	audit := filepath.Join(dir, "audit.jsonl")
	code, out, errs := runCLI("tickets", "stale", inquiries)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "(dry run: nothing is closed; policies support-desk)")
	assert.Contains(t, out, "would be force-closed: 3")
	assert.Contains(t, out, "[ticket/filing-drop]")

	code, out, errs = runCLI("tickets", "stale", "-close", "-audit", audit, "-now", "2026-11-02T18:00:00+09:00", inquiries)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "(forced-close run; policies support-desk)")
	f, err := os.Open(audit)
	require.NoError(t, err)
	defer f.Close()
	var entries []ticket.AuditEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e ticket.AuditEntry
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		entries = append(entries, e)
	}
	require.Len(t, entries, 4) // one more than the dry run: by 18:00 MC-0207 reached 15 business days
	for _, e := range entries {
		assert.Equal(t, "stale", e.Reason)
		assert.Equal(t, "support-desk", e.Policy)
		assert.False(t, e.DryRun)
		assert.NotEmpty(t, e.Explanation)
	}
}

func TestTicketsPresetsAndBadFiles(t *testing.T) {
	// Jira writes local times: without -tz they are refused, row by row.
	code, _, errs := runCLI("tickets", "inventory", "-mapping", "jira", "../../testdata/tickets/jira-export.csv")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, errs, "jira-export.csv:2:9: error: ticket OPS-101: created \"17/Jul/26 7:40 PM\" has no UTC offset")
	code, out, errs := runCLI("tickets", "inventory", "-mapping", "jira", "-tz", "Asia/Tokyo", "../../testdata/tickets/jira-export.csv")
	assert.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "3 tickets")
	// A file with bad rows: the rest is still measured, and the exit
	// status says rows were rejected.
	code, out, errs = runCLI("tickets", "review", "../../testdata/tickets/bad/field-count.csv")
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, "2 tickets")
	assert.Contains(t, errs, "field-count.csv:3:5: error: the row has 5 fields and the header 4; the row is skipped")
}

func TestTicketsUsage(t *testing.T) {
	for _, args := range [][]string{
		{"tickets"},
		{"tickets", "audit", mspMonth},
		{"tickets", "review"},
		{"tickets", "review", "-format", "pdf", mspMonth},
		{"tickets", "review", "-mapping", "servicenow", mspMonth},
		{"tickets", "review", "-tz", "Mars/Olympus", mspMonth},
		{"tickets", "review", "-now", "yesterday", mspMonth},
		{"tickets", "review", "no-such-file.csv"},
		{"tickets", "review", "tickets.xlsx"},
		{"tickets", "inventory", "-unused", "ninety", mspMonth},
		{"tickets", "stale", "-design", "../../catalog/rules/testdata/lifecycle", mspMonth},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v: %s", args, errs)
		assert.NotEmpty(t, errs, args)
	}
}

func TestTicketsRules(t *testing.T) {
	code, out, errs := runCLI("tickets", "rules")
	require.Equal(t, exitOK, code, errs)
	for _, r := range ticket.Rules() {
		assert.Contains(t, out, r.ID, r.ID)
	}
}

// One configuration governs the ticket/ rules too: off, a rejected row no
// longer fails the run; the summary names the configuration.
func TestTicketsConfig(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	workspace(t)
	require.NoError(t, os.CopyFS("design", os.DirFS(filepath.Join(root, "testdata/sample"))))
	bad, err := os.ReadFile(filepath.Join(root, "testdata/corpus/csv/bad-time.csv"))
	require.NoError(t, err)
	writeFile(t, "export.csv", string(bad))
	code, _, errs := runCLI("tickets", "review", "-design", "design", "export.csv")
	assert.Equal(t, exitFindings, code, errs)
	assert.Contains(t, errs, "[ticket/bad-time]")
	assert.Contains(t, errs, "configuration: none")

	writeFile(t, ".opsdesign.yaml", "rules:\n  ticket/bad-time: off\n")
	code, _, errs = runCLI("tickets", "review", "-design", "design", "export.csv")
	assert.Equal(t, exitOK, code, errs)
	assert.NotContains(t, errs, "ticket/bad-time")
	assert.Contains(t, errs, "opsdesign tickets review: no findings; configuration: .opsdesign.yaml; baseline: none\n")
}
