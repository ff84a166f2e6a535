package catalogtest

import (
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// ScorecardLevel holds a service to a level of a scorecard: it lints the
// design with the built-in rules, scores the service on the scorecard of
// that name, and fails the test unless the service reaches wantAtLeast or
// a higher level. Each check that keeps it below is reported, with every
// reason at its position. It returns the score for further checks.
//
// A missing scorecard, level or service, or a scorecard whose filter does
// not select the service, stops the test: the assertion could not be made.
func ScorecardLevel(t TB, design *catalog.Design, scorecard, service, wantAtLeast string) catalog.Score {
	t.Helper()
	return ScorecardLevelWith(t, nil, design, scorecard, service, wantAtLeast)
}

// ScorecardLevelWith is ScorecardLevel with a team's own linter, so that
// noFindings checks see its rules and configuration; nil means the
// built-in rules, rules.All() of package catalog/rules.
func ScorecardLevelWith(t TB, linter *catalog.Linter, design *catalog.Design, scorecard, service, wantAtLeast string) catalog.Score {
	t.Helper()
	sc := design.Scorecard(scorecard)
	if sc == nil {
		var names []string
		for _, s := range design.Scorecards {
			names = append(names, s.Name)
		}
		t.Fatalf("catalogtest: the design has no scorecard %q (it has: %s)", scorecard, listOrNone(names))
		return catalog.Score{}
	}
	want := sc.Level(wantAtLeast)
	if want < 0 {
		var names []string
		for _, l := range sc.Levels {
			names = append(names, l.Name)
		}
		t.Fatalf("catalogtest: scorecard %q has no level %q (its levels: %s)", scorecard, wantAtLeast, listOrNone(names))
		return catalog.Score{}
	}
	svc := design.Service(service)
	if svc == nil {
		t.Fatalf("catalogtest: the design has no service %q", service)
		return catalog.Score{}
	}
	if !sc.Applies(design, svc) {
		t.Fatalf("catalogtest: scorecard %q does not apply to service %q (state %q): see its appliesTo", scorecard, service, svc.State)
		return catalog.Score{}
	}
	if linter == nil {
		linter = &catalog.Linter{Rules: rules.All()}
	}
	var score catalog.Score
	for _, s := range sc.Evaluate(design, linter.Lint(design)) {
		if s.Service == svc {
			score = s
		}
	}
	if score.Level >= want {
		return score
	}
	reached := score.LevelName()
	if reached == "" {
		reached = "no level"
	}
	t.Errorf("service %q reaches %s of scorecard %q; want at least %q", service, reached, scorecard, wantAtLeast)
	for _, r := range score.Failed() {
		if r.Level > want {
			continue
		}
		for _, f := range r.Failures {
			t.Errorf("%s: %s/%s: %s", f.Pos, sc.Levels[r.Level].Name, r.Check.Name, f.Message)
		}
	}
	return score
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
