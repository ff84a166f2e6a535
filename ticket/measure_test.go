package ticket_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/atomicfile"
	"github.com/opsdesign/opsdesign/ticket"
)

// Measure makes the review the sample design implies: its attainment
// objectives, with its ticket policy's clock.
func TestMeasureReview(t *testing.T) {
	d := loadSample(t)
	reports, err := ticket.Measure(d, ticket.ReadFile(mspMonthFile, ticket.NativeMapping(nil)), ticket.MeasureOptions{Review: true})
	require.NoError(t, err)
	require.NotNil(t, reports.Review)
	assert.Nil(t, reports.Inventory)
	assert.Nil(t, reports.Stale)

	policies, err := ticket.StalePolicies(d)
	require.NoError(t, err)
	r, err := ticket.NewReview(ticket.ReviewConfig{Design: d, Objectives: ticket.DesignObjectives(d), Clock: policies[0].Clock})
	require.NoError(t, err)
	cl := ticket.NewClassifier(d)
	diags, err := ticket.Process(ticket.ReadFile(mspMonthFile, ticket.NativeMapping(nil)), cl, r)
	require.NoError(t, err)
	assert.Equal(t, r.Report(), reports.Review)
	assert.Equal(t, append(cl.Diagnostics(), diags...), reports.Findings)
	assert.Empty(t, reports.Findings, "every row of the month reads and classifies")
}

// All three reports from one pass are those of three separate runs.
func TestMeasureOnePass(t *testing.T) {
	d := loadSample(t)
	now := time.Date(2026, 11, 2, 18, 0, 0, 0, time.FixedZone("JST", 9*3600))
	opts := ticket.MeasureOptions{Now: now, UnusedAfter: 30 * 24 * time.Hour, Weekly: true}
	all := opts
	all.Review, all.Inventory, all.Stale = true, true, true
	together, err := ticket.Measure(d, ticket.ReadFile(inquiriesFile, ticket.NativeMapping(nil)), all)
	require.NoError(t, err)
	for _, choose := range []func(*ticket.MeasureOptions){
		func(o *ticket.MeasureOptions) { o.Review = true },
		func(o *ticket.MeasureOptions) { o.Inventory = true },
		func(o *ticket.MeasureOptions) { o.Stale = true },
	} {
		one := opts
		choose(&one)
		alone, err := ticket.Measure(d, ticket.ReadFile(inquiriesFile, ticket.NativeMapping(nil)), one)
		require.NoError(t, err)
		assert.Equal(t, together.Findings, alone.Findings)
		switch {
		case one.Review:
			assert.Equal(t, together.Review, alone.Review)
		case one.Inventory:
			assert.Equal(t, together.Inventory, alone.Inventory)
		case one.Stale:
			assert.Equal(t, together.Stale, alone.Stale)
		}
	}
	assert.True(t, together.Stale.DryRun, "a dry run unless Close")
	assert.Equal(t, now, together.Inventory.Now)
	require.NotEmpty(t, together.Inventory.Other.Periods)
	first := together.Inventory.Other.Periods[0].Start
	assert.Equal(t, "Mon 00:00 +0900", first.Format("Mon 15:04 -0700"), "weekly, from Monday, in the zone of the sample's first calendar")

	all.Close = true
	closing, err := ticket.Measure(d, ticket.ReadFile(inquiriesFile, ticket.NativeMapping(nil)), all)
	require.NoError(t, err)
	assert.False(t, closing.Stale.DryRun)
	require.NotEmpty(t, closing.Stale.Closures)
	assert.False(t, closing.Stale.Closures[0].DryRun)
}

// A design with no Calendar cuts the inventory's periods in the zone
// given, else in UTC.
func TestMeasureInventoryZone(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte("apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: desk}\nspec: {state: active}\n")})
	export := `{"id":"1","service":"desk","created":"2026-10-31T23:30:00Z"}` + "\n"
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	for zone, want := range map[*time.Location]string{nil: "2026-10-01T00:00:00Z", tokyo: "2026-11-01T00:00:00+09:00"} {
		reports, err := ticket.Measure(d, ticket.ReadJSONL(strings.NewReader(export), "t.jsonl", ticket.NativeMapping(nil)),
			ticket.MeasureOptions{Inventory: true, Zone: zone})
		require.NoError(t, err)
		require.Len(t, reports.Inventory.Other.Periods, 1)
		assert.Equal(t, want, reports.Inventory.Other.Periods[0].Start.Format(time.RFC3339))
	}
}

// The Classifier's findings about the design come first, then those of
// the tickets, sorted.
func TestMeasureFindingsOrder(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  requestTypes:
    - name: ask
      parameters: {type: objekt}
`)})
	export := "{\"id\":\"2\",\"service\":\"desk\",\"created\":\"yesterday\"}\n{\"id\":\"1\",\"service\":\"desks\",\"created\":\"2026-10-01T00:00:00Z\"}\n"
	reports, err := ticket.Measure(d, ticket.ReadJSONL(strings.NewReader(export), "t.jsonl", ticket.NativeMapping(nil)),
		ticket.MeasureOptions{Review: true})
	require.NoError(t, err)
	var got []string
	for _, f := range reports.Findings {
		got = append(got, f.Rule+"@"+f.Pos.String())
	}
	require.Len(t, got, 3)
	assert.Equal(t, ticket.RuleBadParameterSheet+"@d.yaml:8:7", got[0])
	assert.True(t, strings.HasPrefix(got[1], "ticket/bad-time@t.jsonl:1:"), got[1])
	assert.True(t, strings.HasPrefix(got[2], ticket.RuleUnknownService+"@t.jsonl:2:"), got[2])
}

func TestMeasureErrors(t *testing.T) {
	d := loadSample(t)
	_, err := ticket.Measure(d, ticket.ReadFile("no-such-export.csv", ticket.NativeMapping(nil)), ticket.MeasureOptions{Review: true})
	assert.ErrorIs(t, err, os.ErrNotExist)
	_, err = ticket.Measure(d, ticket.ReadFile("export.xlsx", ticket.NativeMapping(nil)), ticket.MeasureOptions{Inventory: true})
	assert.ErrorIs(t, err, ticket.ErrFormat)

	bare := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte("apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: desk}\nspec: {state: active}\n")})
	_, err = ticket.Measure(bare, ticket.ReadFile(mspMonthFile, ticket.NativeMapping(nil)), ticket.MeasureOptions{Stale: true})
	assert.ErrorIs(t, err, ticket.ErrNoPolicy)

	broken, err := catalog.Load("../catalog/rules/testdata/ticketpolicy")
	require.NoError(t, err)
	_, err = ticket.Measure(broken, ticket.ReadFile(mspMonthFile, ticket.NativeMapping(nil)), ticket.MeasureOptions{Stale: true})
	assert.ErrorIs(t, err, ticket.ErrPolicy)
	reports, err := ticket.Measure(broken, ticket.ReadFile(mspMonthFile, ticket.NativeMapping(nil)), ticket.MeasureOptions{Review: true})
	require.NoError(t, err, "an unusable policy leaves the review its default clock")
	assert.Equal(t, ticket.ClockPolicyReport{OnSeverityChange: "keep", OnReopen: "continue"}, reports.Review.Clock)
}

// WriteJSON puts the report and the flat findings side by side, and does
// not escape HTML.
func TestWriteJSON(t *testing.T) {
	rep := &ticket.InventoryReport{Tickets: 2}
	findings := diag.List{
		{Rule: "ticket/bad-time", Severity: diag.Error, Pos: diag.Pos{File: "t.csv", Line: 3, Column: 9}, Path: "/created", Message: "created <yesterday>"},
		{Rule: "ticket/unknown-service", Severity: diag.Warning, Pos: diag.Pos{File: "t.csv", Line: 4}, Message: "no service"},
	}
	var b strings.Builder
	require.NoError(t, ticket.WriteJSON(&b, rep, findings, &ticket.ImportTally{Rows: 3, Imported: 2, Skipped: 1,
		Reasons: []ticket.SkipReason{{Rule: "ticket/bad-time", Rows: 1}}}))
	var got struct {
		Report   map[string]any
		Findings []map[string]any
		Import   ticket.ImportTally
	}
	require.NoError(t, json.Unmarshal([]byte(b.String()), &got))
	assert.Equal(t, float64(2), got.Report["tickets"])
	assert.Equal(t, []map[string]any{
		{"file": "t.csv", "line": 3.0, "column": 9.0, "severity": "error", "rule": "ticket/bad-time", "message": "created <yesterday>", "path": "/created"},
		{"file": "t.csv", "line": 4.0, "column": 0.0, "severity": "warning", "rule": "ticket/unknown-service", "message": "no service"},
	}, got.Findings)
	assert.Contains(t, b.String(), "\n  \"findings\": [\n    {\n      \"file\": \"t.csv\",")
	assert.Contains(t, b.String(), `"created <yesterday>"`)
	assert.Equal(t, "3 rows read: 2 imported, 1 skipped (1 ticket/bad-time)", got.Import.String())

	b.Reset()
	require.NoError(t, ticket.WriteJSON(&b, rep, nil, nil))
	assert.True(t, strings.HasSuffix(b.String(), "\"findings\": []\n}\n"), b.String())
}

func TestAppendAudit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "closes.jsonl")
	at := time.Date(2026, 11, 2, 18, 0, 0, 0, time.UTC)
	first := []ticket.AuditEntry{{At: at, Ticket: "MC-1", Policy: "desk", Reason: "stale", By: "bot", Explanation: "idle > 20 days & <unanswered>"}}
	second := []ticket.AuditEntry{{At: at.Add(time.Hour), Ticket: "MC-2", DryRun: true}, {At: at.Add(time.Hour), Ticket: "MC-3"}}
	n, err := ticket.AppendAudit(path, first)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	n, err = ticket.AppendAudit(path, second)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	// The same closes again, the first in another zone: keyed by ticket
	// and instant, nothing is appended.
	again := append([]ticket.AuditEntry{{At: at.In(time.FixedZone("JST", 9*3600)), Ticket: "MC-1"}}, second...)
	n, err = ticket.AppendAudit(path, again)
	require.NoError(t, err)
	assert.Equal(t, 0, n)

	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var lines []string
	var entries []ticket.AuditEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		var e ticket.AuditEntry
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		entries = append(entries, e)
	}
	assert.Equal(t, append(first, second...), entries, "the second run appends, the third adds nothing")
	assert.Contains(t, lines[0], `"explanation":"idle > 20 days & <unanswered>"`, "HTML is not escaped")
	assert.Contains(t, lines[1], `"dryRun":true`)
	read, err := ticket.ReadAudit(path)
	require.NoError(t, err)
	assert.Len(t, read, 3)

	_, err = ticket.AppendAudit(filepath.Join(path, "not-a-dir", "x.jsonl"), first)
	assert.Error(t, err)
}

// A trail that cannot be read is never half read, and a failed write
// leaves the trail whole; the trail is never one of the inputs.
func TestAuditTrailFailures(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	require.NoError(t, os.WriteFile(bad, []byte(`{"at":"2026-11-02T18:00:00Z","ticket":"MC-1"}`+"\n"+`{"at":"yesterday"}`+"\n"), 0o644))
	_, err := ticket.ReadAudit(bad)
	assert.ErrorContains(t, err, "bad.jsonl:2: not a forced close")
	_, err = ticket.AppendAudit(bad, []ticket.AuditEntry{{At: time.Now(), Ticket: "MC-9"}})
	assert.Error(t, err)

	trail := filepath.Join(dir, "closes.jsonl")
	entry := []ticket.AuditEntry{{At: time.Date(2026, 11, 2, 18, 0, 0, 0, time.UTC), Ticket: "MC-1"}}
	_, err = ticket.AppendAudit(trail, entry)
	require.NoError(t, err)
	before, err := os.ReadFile(trail)
	require.NoError(t, err)
	_, err = ticket.AppendAudit(trail, []ticket.AuditEntry{{At: time.Now(), Ticket: "MC-2"}}, trail)
	assert.ErrorIs(t, err, atomicfile.ErrInput)
	require.NoError(t, os.Chmod(dir, 0o500)) // no temporary file can be made beside it
	defer os.Chmod(dir, 0o700)
	if _, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		t.Skip("running as a user who may write anywhere")
	}
	_, err = ticket.AppendAudit(trail, []ticket.AuditEntry{{At: time.Now(), Ticket: "MC-2"}})
	assert.Error(t, err)
	after, err := os.ReadFile(trail)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the old trail is whole")
	missing, err := ticket.ReadAudit(filepath.Join(dir, "none.jsonl"))
	assert.NoError(t, err)
	assert.Empty(t, missing)
}
