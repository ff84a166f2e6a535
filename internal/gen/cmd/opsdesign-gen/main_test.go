package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/ticket"
)

func TestDesignDirectoryLintsClean(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, run([]string{"-what", "design", "-n", "25", "-per-file", "10", "-o", dir}, io.Discard, io.Discard))
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	require.NoError(t, err)
	assert.Len(t, files, 3, "26 documents at 10 a file")
	d, err := catalog.Load(dir)
	require.NoError(t, err)
	assert.Len(t, d.Services, 25)
	assert.Empty(t, rules.Lint(d))
}

// TestOpenSLODirectoryLintsClean: the OpenSLO documents refer to each
// other (SLO to Service and SLI, SLI to DataSource) and validate.
func TestOpenSLODirectoryLintsClean(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, run([]string{"-what", "openslo", "-n", "200", "-per-file", "100", "-o", dir}, io.Discard, io.Discard))
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	require.NoError(t, err)
	assert.Len(t, files, 3, "223 documents at 100 a file")
	d, err := catalog.Load(dir)
	require.NoError(t, err)
	assert.Len(t, d.Documents, 1+2+20+200)
	assert.Empty(t, rules.Lint(d))
}

func TestTicketsAndEvents(t *testing.T) {
	dir := t.TempDir()
	alerts := filepath.Join(dir, "alerts.csv")
	require.NoError(t, run([]string{"-what", "tickets", "-n", "300", "-o", alerts}, io.Discard, io.Discard))
	var n int
	for _, err := range ticket.ReadFile(alerts, ticket.NativeMapping(nil)) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 300, n)

	var out bytes.Buffer
	require.NoError(t, run([]string{"-what", "events", "-n", "3"}, &out, io.Discard))
	assert.Equal(t, "timestamp,latency_ms\n2026-10-01T00:00:00Z,50\n2026-10-01T00:00:02.592Z,51\n2026-10-01T00:00:05.184Z,52\n", out.String())
}

func TestBadFlags(t *testing.T) {
	var stderr strings.Builder
	assert.ErrorIs(t, run([]string{"-n", "x"}, io.Discard, &stderr), errUsage)
	assert.ErrorContains(t, run([]string{"-what", "nothing"}, io.Discard, io.Discard), "unknown -what")
	assert.Error(t, run([]string{"-per-file", "0", "-o", t.TempDir()}, io.Discard, io.Discard))
	_, err := os.Stat("design-0000.yaml")
	assert.True(t, os.IsNotExist(err), "nothing written in the working directory")
}
