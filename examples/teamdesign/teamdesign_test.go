package teamdesign_test

import (
	"testing"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/examples/teamdesign"
)

// asOf is the day the design is judged at, so that its restore test does
// not age past the limit while nobody touches the design.
func asOf() time.Time { return time.Date(2026, time.November, 22, 0, 0, 0, 0, time.UTC) }

// loadTeam loads the embedded design, failing at the position of anything
// that does not load. Further checks on the same design (a scorecard
// level, say) start from it.
func loadTeam(t *testing.T) *catalog.Design {
	t.Helper()
	return catalogtest.LoadFS(t, teamdesign.Files, "design")
}

// The team's design has no findings: not one, of any severity, from the
// built-in rules or the team's own.
func TestDesignHasNoFindings(t *testing.T) {
	design := loadTeam(t)
	catalogtest.NoFindings(t, teamdesign.Linter(asOf).Lint(design))
}

// The team's service reaches "dependable" on the team's own scorecard,
// with the team's rule among those its noFindings check reads.
func TestDesignReachesDependable(t *testing.T) {
	design := loadTeam(t)
	score := catalogtest.ScorecardLevelWith(t, teamdesign.Linter(asOf), design, "desk-maturity", "laptop-loans", "dependable")
	if len(score.Failed()) == 0 {
		t.Error(`laptop-loans passes every check: hold it to "measured" now`)
	}
}

// The team's rule reports what its fixtures say, and nothing else.
func TestTaskTitleRule(t *testing.T) {
	linter := &catalog.Linter{Rules: []catalog.Rule{teamdesign.TaskTitle}}
	diags := catalogtest.Run(t, linter, "testdata/mistakes")
	catalogtest.HasFinding(t, diags, "team/task-title", "testdata/mistakes/design.yaml", 12, 7)
}

// Load and the embedded files agree.
func TestLoad(t *testing.T) {
	design, err := teamdesign.Load()
	if err != nil {
		t.Fatal(err)
	}
	if design.Service("laptop-loans") == nil {
		t.Fatal("the design lost its service")
	}
}
