// Package report writes lint findings for people and for machines, and
// documents rules.
//
// [Write] renders a [catalog.Diagnostics] list in one of four formats:
//
//   - [Text]: one "file:line:col: severity: message [rule]" line per
//     finding, followed by the offending source line with a caret under
//     the column, as compilers do (when [Options.Source] can read the file).
//     A line longer than 121 characters is shown as the 60 on each side of
//     the column, with … where it is cut, so that a long one-line file with
//     thousands of findings prints kilobytes, not the line once per finding.
//     Hidden characters (bidirectional controls, NUL and other controls)
//     never reach the terminal raw.
//   - [JSON]: a flat array of objects (file, line, column, severity, rule,
//     message, path, related) for jq and scripts.
//   - [SARIF]: a SARIF 2.1.0 log with every rule's documentation and one
//     result per finding, for GitHub code scanning and other viewers.
//   - [GitHub]: GitHub Actions workflow commands ("::error file=…,line=…::…")
//     that annotate the lines of a pull request.
//
// [WriteRules] documents rules as text, JSON or Markdown; the repository's
// docs/rules.md is its Markdown output for the built-in rules.
//
// A rule's Doc is prose whose first sentence is its summary. It may end with
// an example of a finding: a block of lines each indented by a tab, as in Go
// doc comments. Generated documentation shows the block as YAML code.
package report
