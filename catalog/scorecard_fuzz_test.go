package catalog_test

import (
	"os"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// FuzzScorecard evaluates scorecards over whatever a file may hold, the
// scorecards in it and one with every condition: evaluation must never
// panic, score every service the filter selects, and keep every failure
// inside a loaded file.
func FuzzScorecard(f *testing.F) {
	for _, p := range []string{"../testdata/sample/scorecard.yaml", "../testdata/sample/member-card.yaml", "rules/testdata/scorecard/design.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(bareService))
	f.Add([]byte(ladderDesign + "---\n" + ladder))
	every := catalog.Source{Name: "every.yaml", Data: []byte(everyCheck)}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := catalog.Parse(catalog.Source{Name: "f.yaml", Data: data}, every)
		findings := rules.Lint(d)
		for _, sc := range d.Scorecards {
			scores := sc.Evaluate(d, findings)
			n := 0
			for _, s := range d.Services {
				if sc.Applies(d, s) {
					n++
				}
			}
			if len(scores) != n {
				t.Fatalf("scorecard %q scored %d services, applies to %d", sc.Name, len(scores), n)
			}
			for _, s := range scores {
				if s.Level < -1 || s.Level >= len(sc.Levels) {
					t.Fatalf("level %d out of range", s.Level)
				}
				for _, r := range s.Checks {
					for _, fl := range r.Failures {
						if fl.Pos.File != "f.yaml" && fl.Pos.File != "every.yaml" {
							t.Fatalf("failure outside the design: %+v", fl)
						}
					}
				}
			}
		}
	})
}
