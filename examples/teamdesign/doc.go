// Package teamdesign is a small team's operations design held to account
// in `go test`, as a team would keep its own: an internal help desk that
// lends laptops, written as YAML in design/, with one rule of the team's
// own beside the built-in ones.
//
// Its tests are the point of the example. They use catalog/catalogtest to
//
//   - load the design, failing at the line of any file that does not load
//     (catalogtest.LoadFS);
//   - hold it to zero findings, built-in rules and the team's together
//     (catalogtest.NoFindings, with rules.All() of catalog/rules and the
//     team's rule appended: see Linter);
//   - check the team's rule against fixtures that say inline what it must
//     report (catalogtest.Run and `# want "team/task-title"` comments);
//   - hold its service to a level of the team's own scorecard,
//     design/scorecard.yaml (catalogtest.ScorecardLevelWith).
//
// Copy the layout: the design beside the package, embedded with go:embed
// so that the tool the team ships carries it, and a _test.go file that
// fails the build of any change that breaks the design.
package teamdesign
