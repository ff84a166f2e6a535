package teamdesign

import (
	"embed"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// Files holds the team's design, under design/.
//
//go:embed design
var Files embed.FS

// Load loads the team's design from Files.
func Load() (*catalog.Design, error) { return catalog.LoadFS(Files, "design") }

// TaskTitle is the team's own rule: every task has a title, because the
// desk's wall board and its monthly report list tasks by title, in
// Japanese, not by their IDs.
var TaskTitle = catalog.Rule{
	ID:       "team/task-title",
	Severity: catalog.Warning,
	Doc: "A task without a title. The help desk's wall board and monthly report list tasks by title, " +
		"so an untitled task is missing from both.\n\n" +
		"\ttasks:\n\t  - name: lend-laptop   # no title: reported here",
	Run: func(p *catalog.Pass) {
		for _, s := range p.Design.Services {
			for _, t := range s.Tasks {
				if t.Title == "" {
					p.ReportKeyf(s.Doc, t.Path+"/name", "task %q of service %q has no title for the wall board", t.Name, s.Name)
				}
			}
		}
	},
}

// Linter lints with the built-in rules and the team's own, judging ages
// (of restore tests, say) as of now; nil means the real clock.
func Linter(now func() time.Time) *catalog.Linter {
	return &catalog.Linter{Rules: append(rules.All(), TaskTitle), Now: now}
}
