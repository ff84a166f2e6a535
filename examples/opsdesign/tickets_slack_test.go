package main

import (
	"archive/zip"
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
	slackDir     = "../../ticket/slack/testdata/export"
	slackDesign  = "../../ticket/slack/testdata/design.yaml"
	slackMapping = "../../ticket/slack/testdata/mapping.yaml"
	slackNow     = "2026-11-06T18:00:00+09:00"
)

// slackArgs are a ticket command's arguments over the Slack testdata.
func slackArgs(what string, more ...string) []string {
	args := []string{"tickets", what, "-design", slackDesign, "-mapping", slackMapping, "-now", slackNow}
	return append(append(args, more...), slackDir)
}

func TestTicketsSlackReview(t *testing.T) {
	code, out, errs := runCLI(slackArgs("review")...)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "same-day answers: 62.5% (5 of 8)\n")
	assert.Contains(t, out, "  dev-consult/1793751300.000100 dev-first-response [normal] 1h late (target 1bd, deadline 2026-11-05 17:30 JST): 前日の障害対応で遅れました\n"+
		"      https://example.slack.com/archives/C0DEV1/p1793751300000100\n")
	assert.Contains(t, out, "export: 28 messages in 3 desk channels (9 day files): 8 inquiries, 12 replies in their threads, 1 channel answer; "+
		"not inquiries: 1 agent post, 2 bot messages, 1 join or leave, 1 channel notice, 2 deleted; 0 unreadable\n")
}

func TestTicketsSlackZipAndSource(t *testing.T) {
	zipName := filepath.Join(t.TempDir(), "slack.zip")
	f, err := os.Create(zipName)
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	require.NoError(t, filepath.WalkDir(slackDir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(slackDir, p)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}))
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())

	args := slackArgs("review", "-format", "json")
	args[len(args)-1] = zipName
	code, out, errs := runCLI(args...)
	require.Equal(t, exitOK, code, errs)
	var got struct {
		Report ticket.ReviewReport
		Import ticket.ImportTally
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got.Report.Misses, 1)
	assert.Equal(t, "https://example.slack.com/archives/C0DEV1/p1793751300000100", got.Report.Misses[0].Link)
	assert.Equal(t, zipName+"/dev-consult/2026-11-04.json", got.Report.Misses[0].Pos.File)
	require.NotNil(t, got.Import.Chat)
	assert.Equal(t, 8, got.Import.Chat.Inquiries)

	// -source tickets reads the directory as a tracker's file, and fails.
	args = slackArgs("review", "-source", "tickets")
	code, _, errs = runCLI(args...)
	assert.NotEqual(t, exitOK, code)
	assert.Contains(t, errs, "unknown ticket file format")
	args = slackArgs("review", "-source", "teams")
	code, _, errs = runCLI(args...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `-source "teams": want tickets, slack or auto`)
	// A mapping without a slack section cannot read a Slack export.
	code, _, errs = runCLI("tickets", "review", "-design", slackDesign, "-source", "slack", slackDir)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "-mapping must name a TicketMapping with a slack section")
}

func TestTicketsSlackDueCSVAndStale(t *testing.T) {
	code, out, errs := runCLI(slackArgs("due", "-within", "72h", "-format", "csv")...)
	require.Equal(t, exitOK, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3)
	assert.True(t, strings.HasSuffix(lines[0], ",link"), lines[0])
	assert.Contains(t, lines[1], "dev-consult/1793611800.000100,dev-resolution,")
	assert.True(t, strings.HasSuffix(lines[1], ",https://example.slack.com/archives/C0DEV1/p1793611800000100"), lines[1])

	code, out, errs = runCLI(slackArgs("stale")...)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "3 open: 1 active, 1 stale, 1 rotten, 0 to close")

	code, out, errs = runCLI(slackArgs("inventory")...)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "dev-consult: 7 tickets (87.5%)")
}
