package diff_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/diff"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/roles"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// today is the clock of every test: Sunday 22 November 2026.
var today = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func opts() diff.Options { return diff.Options{Now: func() time.Time { return today }} }

// review compares testdata/<name>/old with testdata/<name>/new.
func review(t *testing.T, name string) *diff.Report {
	t.Helper()
	dir := filepath.Join("testdata", name)
	old, err := diff.LoadDir(filepath.Join(dir, "old"))
	require.NoError(t, err)
	new, err := diff.LoadDir(filepath.Join(dir, "new"))
	require.NoError(t, err)
	return diff.Review(old, new, opts())
}

func write(t *testing.T, rep *diff.Report, f report.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, rep.Write(&buf, f, diff.WriteOptions{}))
	return buf.Bytes()
}

// TestCases holds each pair of revisions under testdata to its text
// report (testdata/<case>/want.txt, rewritten with -update), and checks
// that together they pin every kind of change.
func TestCases(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	require.NoError(t, err)
	seen := map[diff.Kind]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			rep := review(t, e.Name())
			for _, ch := range rep.Changes {
				seen[ch.Kind] = true
				assert.NotEmpty(t, ch.Message, "%s", ch.Kind)
				assert.False(t, ch.Old.IsZero() && ch.New.IsZero(), "%s has no site: %s", ch.Kind, ch.Message)
			}
			catalogtest.Golden(t, filepath.Join("testdata", e.Name(), "want.txt"), write(t, rep, report.Text), *update)
		})
	}
	for _, k := range diff.Kinds() {
		assert.True(t, seen[k], "no case pins %s", k)
	}
}

// find returns the changes of a kind.
func find(rep *diff.Report, kind diff.Kind) []diff.Change {
	var out []diff.Change
	for _, ch := range rep.Changes {
		if ch.Kind == kind {
			out = append(out, ch)
		}
	}
	return out
}

func TestRetirementWithoutRetireEvent(t *testing.T) {
	rep := review(t, "retire")
	states := find(rep, diff.ServiceState)
	require.Len(t, states, 3)

	coupon := states[0]
	assert.Equal(t, "Service:coupon-app", coupon.Subject)
	assert.Equal(t, "active", coupon.From)
	assert.Equal(t, "retired", coupon.To)
	assert.Equal(t, diff.Site{Pos: catalog.Pos{File: "design.yaml", Line: 13, Column: 10}, Path: "/spec/state"}, coupon.Old)
	assert.Equal(t, coupon.Old, coupon.New)
	assert.Contains(t, coupon.Attention, "retired without a designed retire (廃止) event: the retire event is not designed")
	require.Len(t, coupon.Findings, 1, "the lint finding at the missing event")
	assert.Equal(t, "lifecycle/missing-event", coupon.Findings[0].Rule)
	assert.Equal(t, catalog.Pos{File: "design.yaml", Line: 18, Column: 3}, coupon.Findings[0].Pos)

	assert.Contains(t, states[1].Attention, "the retire event is marked not applicable", "stamp-card")
	assert.Empty(t, states[2].Attention, "gift-card designed its retire event")
	assert.Empty(t, rep.Introduced, "the missing event was already a finding")
}

func TestRosterChangeOpensExactGap(t *testing.T) {
	rep := review(t, "roster")
	opened := find(rep, diff.CoverGapOpened)
	require.Len(t, opened, 1)
	g := opened[0].Gap
	require.NotNil(t, g)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	assert.Equal(t, roles.Personalised, g.Class)
	assert.True(t, g.Start.Equal(time.Date(2026, 11, 22, 1, 0, 0, 0, tokyo)), "start %v", g.Start)
	assert.True(t, g.End.Equal(time.Date(2026, 11, 22, 3, 0, 0, 0, tokyo)), "end %v", g.End)
	assert.Equal(t, "Asia/Tokyo", g.Start.Location().String(), "in the roster's zone")
	assert.Equal(t, []string{"alert-watch/investigate-unknown-alert"}, g.Tasks)
	assert.Equal(t, "2026-11-22 Sun 01:00 to 03:00 JST (2h)", opened[0].To)
	assert.Equal(t, catalog.Pos{File: "alert-watch.yaml", Line: 20, Column: 13}, opened[0].New.Pos)

	closed := find(rep, diff.CoverGapClosed)
	require.Len(t, closed, 1)
	assert.Equal(t, roles.Depersonalised, closed[0].Gap.Class)
	assert.Equal(t, "2026-11-22 Sun 03:00 to 07:00 JST (4h)", closed[0].From)

	dropped := find(rep, diff.CoverTruckFactorDropped)
	require.Len(t, dropped, 1)
	assert.Equal(t, &diff.TruckFactor{Task: "alert-watch/restart-batch", Old: 2, New: 1, People: []string{"kato"}}, dropped[0].Truck)
	assert.Contains(t, dropped[0].Attention, "depends on kato alone")
}

func TestLoosenedTarget(t *testing.T) {
	rep := review(t, "objectives")
	var loosened []diff.Change
	for _, ch := range find(rep, diff.ObjectiveLoosened) {
		if ch.From == "99.9%" {
			loosened = append(loosened, ch)
		}
	}
	require.Len(t, loosened, 1)
	ch := loosened[0]
	assert.Equal(t, "99%", ch.To)
	assert.Equal(t, "Objective:point-api-availability", ch.Subject)
	assert.Equal(t, "/spec/target", ch.New.Path)
	assert.Equal(t, catalog.Pos{File: "objectives.yaml", Line: 25, Column: 11}, ch.New.Pos)
	assert.Equal(t, "target 99.9% → 99%: the error budget grows 10×", ch.Attention)
}

func TestMovedDocumentIsNoChange(t *testing.T) {
	rep := review(t, "moved")
	assert.Empty(t, rep.Changes)
	assert.Empty(t, rep.Introduced, "a moved document keeps its findings")
	assert.Empty(t, rep.Fixed)
}

func TestRenamedService(t *testing.T) {
	rep := review(t, "renamed")
	renamed := find(rep, diff.DocumentRenamed)
	require.Len(t, renamed, 1)
	assert.Equal(t, "member-card", renamed[0].From)
	assert.Equal(t, "membership", renamed[0].To)
	assert.Equal(t, "/metadata/name", renamed[0].Old.Path)
	var kinds []diff.Kind
	for _, ch := range rep.Changes {
		kinds = append(kinds, ch.Kind)
	}
	// People follow the new name and cover is the same: neither is a change.
	assert.Equal(t, []diff.Kind{diff.DocumentRenamed, diff.ServiceChanged}, kinds)
	assert.Empty(t, rep.Introduced)
}

func TestDesignsDoesNotLint(t *testing.T) {
	old, err := diff.LoadDir("testdata/service-parts/old")
	require.NoError(t, err)
	new, err := diff.LoadDir("testdata/service-parts/new")
	require.NoError(t, err)
	rep := diff.Designs(old.Design, new.Design, opts())
	assert.False(t, rep.Linted)
	assert.Empty(t, rep.Introduced)
	assert.NotEmpty(t, rep.Changes)
	assert.NotContains(t, string(write(t, rep, report.Text)), "findings")
	assert.Equal(t, len(review(t, "service-parts").Changes), len(rep.Changes))
}

func TestFails(t *testing.T) {
	rep := review(t, "service-parts")
	require.NotEmpty(t, rep.Introduced)
	assert.True(t, rep.Fails(catalog.Error))
	assert.False(t, rep.Fails(0), "a zero threshold never fails")
	assert.False(t, review(t, "moved").Fails(catalog.Info))
}

func TestMarkdownAndJSONGolden(t *testing.T) {
	rep := review(t, "roster")
	rep.Old, rep.New = "main", "feature"
	catalogtest.Golden(t, "testdata/roster.md", write(t, rep, report.Markdown), *update)
	rep = review(t, "retire")
	rep.Old, rep.New = "main", "feature"
	catalogtest.Golden(t, "testdata/retire.json", write(t, rep, report.JSON), *update)
}

func TestMarkdownEscapesCells(t *testing.T) {
	rep := &diff.Report{Old: "a", New: "b", Changes: []diff.Change{{Kind: diff.ServiceChanged, Subject: "Service:x",
		Message: "value: <script>|x\ny", New: diff.Site{Pos: catalog.Pos{File: "f.yaml", Line: 1}}, Attention: "a|b"}}}
	out := string(write(t, rep, report.Markdown))
	assert.Contains(t, out, "value: &lt;script&gt;\\|x y")
	assert.NotContains(t, out, "<script>")
}

func TestWriteUnknownFormat(t *testing.T) {
	err := (&diff.Report{}).Write(&bytes.Buffer{}, report.SARIF, diff.WriteOptions{})
	assert.ErrorIs(t, err, report.ErrUnknownFormat)
}

// service is a small service document; body varies its content.
func service(name, body string) string {
	return "apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n  state: active\n  owner: ops-manager\n" +
		"  value: " + body + "\n  customers: [a, b, c]\n  tasks:\n    - {name: t1, action: Do it., category: incident}\n"
}

func TestRenameDetectionBoundedAndNoted(t *testing.T) {
	var oldDocs, newDocs []string
	for i := range 250 {
		oldDocs = append(oldDocs, service("old-"+strconv.Itoa(i), "Value "+strconv.Itoa(i)+"."))
		newDocs = append(newDocs, service("new-"+strconv.Itoa(i), "Value "+strconv.Itoa(i)+"."))
	}
	old := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(strings.Join(oldDocs, "---\n"))})
	new := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(strings.Join(newDocs, "---\n"))})
	rep := diff.Designs(old, new, opts())
	assert.Len(t, find(rep, diff.DocumentAdded), 250)
	assert.Len(t, find(rep, diff.DocumentRemoved), 250)
	require.Len(t, rep.Notes, 1)
	assert.Contains(t, rep.Notes[0], "renames of Service documents were not looked for: 250 removed and 250 added")

	// Below the bound, each is paired with its like.
	old = catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(strings.Join(oldDocs[:20], "---\n"))})
	new = catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(strings.Join(newDocs[:20], "---\n"))})
	rep = diff.Designs(old, new, opts())
	renamed := find(rep, diff.DocumentRenamed)
	require.Len(t, renamed, 20)
	for i, ch := range renamed {
		assert.Equal(t, "old-"+strconv.Itoa(i), ch.From)
		assert.Equal(t, "new-"+strconv.Itoa(i), ch.To)
	}
	assert.Empty(t, rep.Notes)
}

func TestRenameNeedsSimilarity(t *testing.T) {
	old := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(service("a", "One thing."))})
	new := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(
		"apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: b}\nspec:\n  state: planned\n  owner: someone-else\n  value: Another.\n")})
	rep := diff.Designs(old, new, opts())
	assert.Len(t, find(rep, diff.DocumentAdded), 1)
	assert.Len(t, find(rep, diff.DocumentRemoved), 1)
	assert.Empty(t, find(rep, diff.DocumentRenamed))
	rep = diff.Designs(old, new, diff.Options{RenameSimilarity: 0.01})
	assert.Len(t, find(rep, diff.DocumentRenamed), 1, "a lower bar pairs them")
}

func TestDuplicateNamesPairInOrder(t *testing.T) {
	src := service("dup", "First.") + "---\n" + service("dup", "Second.")
	old := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(src)})
	new := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(strings.Replace(src, "Second.", "Second, changed.", 1))})
	rep := diff.Designs(old, new, opts())
	require.Len(t, rep.Changes, 1)
	assert.Equal(t, "Second.", rep.Changes[0].From)
	assert.Equal(t, 18, rep.Changes[0].New.Line)
}

func TestKindsAreUniqueAndGrouped(t *testing.T) {
	seen := map[diff.Kind]bool{}
	for _, k := range diff.Kinds() {
		assert.False(t, seen[k], "%s twice", k)
		seen[k] = true
		assert.Contains(t, []string{"document", "service", "lifecycle", "role", "person", "team", "cover", "objective", "policy"}, k.Area())
	}
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	for _, k := range diff.Kinds() {
		assert.Contains(t, string(doc), "\t"+string(k)+" ", "the package doc documents %s", k)
	}
}

func TestMarkdownTablesAreBounded(t *testing.T) {
	rep := &diff.Report{}
	for i := range 700 {
		rep.Changes = append(rep.Changes, diff.Change{Kind: diff.DocumentAdded, Subject: "Role:r" + strconv.Itoa(i), Message: "added",
			New: diff.Site{Pos: catalog.Pos{File: "f.yaml", Line: i + 1}}})
	}
	out := string(write(t, rep, report.Markdown))
	assert.Equal(t, 500, strings.Count(out, "| `document/added` |"))
	assert.Contains(t, out, "200 more not shown here; `opsdesign diff -format text` lists them all.")
}

func TestElementsThatAreNotMappingsAreCompared(t *testing.T) {
	old := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(service("s", "V.") + "  monitors: [up]\n")})
	new := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(service("s", "V.") + "  monitors: [down]\n")})
	rep := diff.Designs(old, new, opts())
	require.Len(t, rep.Changes, 1)
	assert.Equal(t, diff.ServiceMonitorChanged, rep.Changes[0].Kind)
	assert.Equal(t, "[up]", rep.Changes[0].From)
	assert.Equal(t, "[down]", rep.Changes[0].To)
}
