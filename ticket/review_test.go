package ticket_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/gen"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/ticket"
)

const sampleDesign = "../testdata/sample"

func loadSample(t testing.TB) *catalog.Design {
	t.Helper()
	d, err := catalog.Load(sampleDesign)
	require.NoError(t, err)
	require.Empty(t, d.Diagnostics())
	return d
}

// golden compares output with a file under testdata; -update rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./ticket -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs: run go test ./ticket -update and review the diff", path)
}

// reviewMSPMonth reviews the sample month against the sample design's
// objectives.
func reviewMSPMonth(t *testing.T) (*ticket.ReviewReport, diag.List) {
	t.Helper()
	d := loadSample(t)
	objs := ticket.DesignObjectives(d)
	require.Len(t, objs, 2)
	r, err := ticket.NewReview(ticket.ReviewConfig{Design: d, Objectives: objs})
	require.NoError(t, err)
	diags, err := ticket.Process(ticket.ReadFile(mspMonthFile, ticket.NativeMapping(nil)), ticket.NewClassifier(d), r)
	require.NoError(t, err)
	return r.Report(), diags
}

func TestReviewMSPMonthGolden(t *testing.T) {
	rep, diags := reviewMSPMonth(t)
	assert.Empty(t, diags, "the generated month imports and classifies cleanly")
	var b bytes.Buffer
	require.NoError(t, rep.Write(&b, ticket.JSON))
	golden(t, "review-msp-2026-10.json", b.Bytes())
	b.Reset()
	require.NoError(t, rep.Write(&b, ticket.Text))
	golden(t, "review-msp-2026-10.txt", b.Bytes())
}

// TestReviewMSPMonthByHand checks the review's figures against a second,
// deliberately simple computation straight from the CSV (elapsed time
// minus the waits, against the generator's targets), and a few tickets
// worked out by hand.
func TestReviewMSPMonthByHand(t *testing.T) {
	rep, _ := reviewMSPMonth(t)
	require.Len(t, rep.Objectives, 2)
	alerts := rep.Objectives[0]
	require.Equal(t, "alert-first-response", alerts.Name)

	type tally struct{ met, missed int }
	bySev := map[string]*tally{}
	byReason := map[string][]string{}
	improvements := map[string][]string{} // problem → tickets
	targets := gen.AlertTargets()
	f, err := os.Open(mspMonthFile)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	parse := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return tm
	}
	for _, row := range rows[1:] {
		created, completed := parse(row[col["created"]]), parse(row[col["completed"]])
		sev := row[col["severity"]]
		var paused time.Duration
		var waitFrom time.Time
		for _, e := range strings.Split(row[col["history"]], "; ") {
			fields := strings.Fields(e)
			at := parse(fields[0])
			if at.After(completed) {
				break
			}
			for _, f := range fields {
				if s, ok := strings.CutPrefix(f, "sev="); ok {
					sev = s
				}
			}
			switch {
			case fields[1] == "waiting":
				waitFrom = at
			case fields[1] != "comment" && !waitFrom.IsZero():
				paused += at.Sub(waitFrom)
				waitFrom = time.Time{}
			}
		}
		counted := completed.Sub(created) - paused
		tl := bySev[sev]
		if tl == nil {
			tl = &tally{}
			bySev[sev] = tl
		}
		if counted <= targets[sev] {
			tl.met++
			continue
		}
		tl.missed++
		id := row[col["id"]]
		byReason[row[col["missReason"]]] = append(byReason[row[col["missReason"]]], id)
		if p := row[col["problem"]]; p != "" {
			improvements[p] = append(improvements[p], id)
		}
	}

	// Compliance per severity.
	got := map[string]tally{}
	for _, s := range alerts.Severities {
		got[s.Severity] = tally{s.Met, s.Missed}
		assert.InDelta(t, float64(s.Met)/float64(s.Met+s.Missed), s.Compliance, 1e-12)
	}
	for sev, tl := range bySev {
		assert.Equal(t, *tl, got[sev], "severity %s", sev)
	}
	assert.Len(t, got, len(bySev))
	// Misses by reason.
	reasons := map[string][]string{}
	for _, rc := range rep.MissesByReason {
		reasons[rc.Reason] = rc.Tickets
		assert.Equal(t, len(rc.Tickets), rc.Misses)
	}
	for reason, ids := range byReason {
		assert.ElementsMatch(t, ids, reasons[reason], "reason %q", reason)
	}
	assert.Len(t, reasons, len(byReason))
	assert.Equal(t, len(byReason[""]), rep.Unexplained)
	// Improvement requests: one per problem, to the owner of the
	// service's design (alert-response is owned by the ops-manager role).
	assert.Len(t, rep.Improvements, len(improvements))
	for _, ir := range rep.Improvements {
		assert.ElementsMatch(t, improvements[ir.Problem], ir.Tickets, ir.Problem)
		assert.Equal(t, "Role:ops-manager", ir.Owner)
		assert.NotEmpty(t, ir.Improvement)
	}

	// By hand. MSP-0000001: major (1h), created 00:43, first response
	// completed 02:04 with no wait: 81 minutes, 21 late; the deadline was
	// 01:43.
	i := slices.IndexFunc(rep.Misses, func(m ticket.Miss) bool { return m.Ticket == "MSP-0000001" })
	require.GreaterOrEqual(t, i, 0)
	m := rep.Misses[i]
	assert.Equal(t, ticket.Duration(21*time.Minute), m.Late)
	assert.Equal(t, ticket.Duration(81*time.Minute), m.Counted)
	assert.Equal(t, "2026-10-01T01:43:00+09:00", m.Deadline.Format(time.RFC3339))
	assert.Equal(t, "1h", m.Target)
	assert.Equal(t, "エスカレーション先と連絡がつかない", m.Note.Reason)
	assert.Equal(t, diag.Pos{File: mspMonthFile, Line: 2, Column: 1}, m.Pos)
	// MSP-0000002: warning (8h), created 03:19, completed 11:12, waiting on
	// the customer 03:24-04:27: 7h53m less 1h03m is 6h50m, met.
	assert.False(t, slices.ContainsFunc(rep.Misses, func(m ticket.Miss) bool { return m.Ticket == "MSP-0000002" }))
	// The month as a whole: 420 alerts, none pending at the end.
	assert.Equal(t, 420, alerts.Met+alerts.Missed)
	assert.Equal(t, 0, alerts.Pending)
	require.Len(t, alerts.Months, 1)
	assert.Equal(t, "2026-10-01T00:00:00+09:00", alerts.Months[0].Start.Format(time.RFC3339))
	assert.False(t, alerts.Attained)
}

func TestReviewFindings(t *testing.T) {
	rep, _ := reviewMSPMonth(t)
	data, err := os.ReadFile(mspMonthFile)
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	var without, unanalysed int
	for _, d := range rep.Diagnostics {
		line := lines[d.Pos.Line-1]
		switch d.Rule {
		case ticket.RuleMissWithoutReason:
			without++
			assert.Equal(t, "/missReason", d.Path)
			assert.Equal(t, fieldColumn(line, 16), d.Pos.Column) // the 17th column, missReason
		case ticket.RuleMissNotAnalysed:
			unanalysed++
			assert.Equal(t, "/missAnalysis", d.Path)
			assert.Equal(t, fieldColumn(line, 17), d.Pos.Column)
		default:
			t.Errorf("unexpected finding %v", d)
		}
	}
	assert.Equal(t, rep.Unexplained, without)
	assert.Equal(t, rep.Unanalysed, unanalysed)
	assert.Positive(t, without)
	assert.Positive(t, unanalysed)
}

func TestNewReviewRejectsUnusableObjectives(t *testing.T) {
	ratio := &slo.Objective{Name: "availability", Kind: slo.RatioObjective, Target: slo.MustParseTarget("99.9%"), Window: slo.Monthly()}
	_, err := ticket.NewReview(ticket.ReviewConfig{Objectives: []ticket.Objective{{SLO: ratio}}})
	assert.ErrorIs(t, err, ticket.ErrObjective)
	_, err = ticket.NewReview(ticket.ReviewConfig{Objectives: []ticket.Objective{{}}})
	assert.ErrorIs(t, err, ticket.ErrObjective)
	empty := &slo.Objective{Name: "x", Kind: slo.AttainmentObjective}
	_, err = ticket.NewReview(ticket.ReviewConfig{Objectives: []ticket.Objective{{SLO: empty}}})
	assert.ErrorIs(t, err, ticket.ErrObjective)
}

// Objectives given by the caller, bound through the names a design uses,
// are applied like the design's own.
func TestBindObjectives(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "d.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Service
metadata: {name: desk}
spec:
  state: active
  owner: someone
  offerings:
    - {name: main, requestTypes: [ask], objectives: [answer-fast]}
  requestTypes:
    - {name: ask, objectives: [resolve]}
    - {name: other, catchAll: true}
`)})
	fast := &slo.Objective{Name: "answer-fast", Kind: slo.AttainmentObjective}
	resolve := &slo.Objective{Name: "resolve", Kind: slo.AttainmentObjective}
	got := ticket.BindObjectives(d, map[string]*slo.Objective{"answer-fast": fast, "resolve": resolve})
	require.Len(t, got, 2)
	assert.Equal(t, ticket.Objective{SLO: resolve, Services: []string{"desk"}, RequestTypes: []string{"ask"}}, got[0])
	assert.Equal(t, ticket.Objective{SLO: fast, Services: []string{"desk"}, RequestTypes: []string{"ask"}}, got[1])
	cl := ticket.NewClassifier(d)
	c, _ := cl.Classify(&ticket.Ticket{ID: "1", Service: "desk", RequestType: "ask"})
	assert.True(t, got[0].Applies(c))
	c, _ = cl.Classify(&ticket.Ticket{ID: "2", Service: "desk"})
	assert.False(t, got[0].Applies(c), "the catch-all is not held to the ask objectives")
}

// A ticket an objective gives no target is reported, not counted as met.
func TestNoTarget(t *testing.T) {
	obj := &slo.Objective{Name: "crit-only", Kind: slo.AttainmentObjective, Measure: slo.Resolution, Target: slo.MustParseTarget("90%"),
		Window: slo.Monthly(), Rules: []slo.Rule{{Severities: []string{"critical"}, Within: slo.MustParseDuration("1h")}}}
	r, err := ticket.NewReview(ticket.ReviewConfig{Objectives: []ticket.Objective{{SLO: obj}}})
	require.NoError(t, err)
	data := "id,severity,created\nT-1,low,2026-10-01T09:00:00Z\n"
	diags, err := ticket.Process(ticket.ReadCSV(strings.NewReader(data), "t.csv", ticket.Mapping{}), ticket.NewClassifier(&catalog.Design{}), r)
	require.NoError(t, err)
	assert.Equal(t, []string{ticket.RuleUnclassified}, rules(diags))
	rep := r.Report()
	assert.Equal(t, 1, rep.Objectives[0].Unmatched)
	require.Len(t, rep.Diagnostics, 1)
	assert.Equal(t, ticket.RuleNoTarget, rep.Diagnostics[0].Rule)
	assert.Equal(t, diag.Pos{File: "t.csv", Line: 2, Column: 5}, rep.Diagnostics[0].Pos) // "low", after "T-1,"
}

// fieldColumn is the character column where field i (from 0) of a CSV
// line starts: where the readers place a finding about it.
func fieldColumn(line string, i int) int {
	col, quoted := 1, false
	for _, r := range line {
		if i == 0 {
			return col
		}
		switch {
		case r == '"':
			quoted = !quoted
		case r == ',' && !quoted:
			i--
		}
		col++
	}
	return col
}

func rules(diags diag.List) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Rule)
	}
	return out
}

// Reports render in every format; unknown formats are refused.
func TestReviewFormats(t *testing.T) {
	rep, _ := reviewMSPMonth(t)
	var b bytes.Buffer
	require.NoError(t, rep.Write(&b, ticket.Markdown))
	assert.Contains(t, b.String(), "| severity | compliance | met | missed | pending |")
	assert.Contains(t, b.String(), "## Improvement requests")
	assert.ErrorIs(t, rep.Write(&b, "yaml"), ticket.ErrUnknownFormat)
	f, err := ticket.ParseFormat("md")
	require.NoError(t, err)
	assert.Equal(t, ticket.Markdown, f)
	_, err = ticket.ParseFormat("pdf")
	assert.ErrorIs(t, err, ticket.ErrUnknownFormat)
}

func TestNewReviewRejectsUnknownBreakdowns(t *testing.T) {
	d := loadSample(t)
	_, err := ticket.NewReview(ticket.ReviewConfig{Objectives: ticket.DesignObjectives(d), By: []ticket.Dimension{"weekday"}})
	assert.ErrorContains(t, err, `unknown breakdown "weekday"`)
	_, err = ticket.ParseDimension("weekday")
	assert.Error(t, err)
	by, err := ticket.ParseDimension(" Shift ")
	require.NoError(t, err)
	assert.Equal(t, ticket.ByShift, by)
}

// A report's misses stay as they were when the review goes on, and a
// later Report includes the misses added since, in order, as one review
// of all the tickets does. The later half of the month comes first, so
// that the misses added after the first report sort before its own (a
// Report that sorted the review's misses in place would move them).
func TestReportTwice(t *testing.T) {
	whole, _ := reviewMSPMonth(t)
	require.Greater(t, len(whole.Misses), 10)

	d := loadSample(t)
	r, err := ticket.NewReview(ticket.ReviewConfig{Design: d, Objectives: ticket.DesignObjectives(d)})
	require.NoError(t, err)
	cl := ticket.NewClassifier(d)
	var tickets []ticket.Ticket
	for tk, err := range ticket.ReadFile(mspMonthFile, ticket.NativeMapping(nil)) {
		require.NoError(t, err)
		tickets = append(tickets, tk)
	}
	add := func(part []ticket.Ticket) {
		for i := range part {
			c, _ := cl.Classify(&part[i])
			r.Add(&part[i], c)
		}
	}
	half := len(tickets) / 2
	add(tickets[half:])
	first := r.Report()
	kept := slices.Clone(first.Misses)
	require.NotEmpty(t, kept)
	add(tickets[:half])
	second := r.Report()
	assert.Equal(t, kept, first.Misses, "the first report's misses are its own")
	assert.Equal(t, whole.Misses, second.Misses)
	assert.Equal(t, whole.Unexplained, second.Unexplained)
	assert.Equal(t, whole.Unanalysed, second.Unanalysed)
	require.Len(t, second.MissesByReason, len(whole.MissesByReason))
	for i, rc := range whole.MissesByReason {
		assert.Equal(t, rc.Misses, second.MissesByReason[i].Misses, rc.Reason)
		assert.ElementsMatch(t, rc.Tickets, second.MissesByReason[i].Tickets, rc.Reason)
	}
	third := r.Report()
	assert.Equal(t, second.Misses, third.Misses, "a report of the same tickets again")
	assert.Equal(t, second.MissesByReason, third.MissesByReason, "grouped in the order found, whatever the order of the misses")
}
