package report_test

import (
	"fmt"
	"os"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/report"
)

// Print findings as a compiler does, each with its source line and a caret
// under the column.
func Example() {
	src := catalog.Source{Name: "roles.yaml", Data: []byte("apiVersion: opsdesign/v1\nkind: Role\nmetadata: {name: 店長}\nspec: {tier: manager}\n")}
	design := catalog.Parse(src)
	files := func(string) ([]byte, error) { return src.Data, nil }
	report.Write(os.Stdout, report.Text, design.Diagnostics(), report.Options{Source: files})
	// Output:
	// roles.yaml:4:14: error: value must be one of "overall-management", "overall-optimisation", "service-enhancement", "technical-enhancement", "certified", "associate" [schema/enum]
	//  4 | spec: {tier: manager}
	//    |              ^
}

// Annotate a pull request from a GitHub Actions step.
func Example_gitHub() {
	diags := catalog.Diagnostics{{Rule: "ref/unresolved", Severity: catalog.Error,
		Pos: catalog.Pos{File: "ops/member-card.yaml", Line: 15, Column: 10}, Path: "/spec/owner",
		Message: `owner "ops-manger" does not exist; did you mean "ops-manager"?`}}
	report.Write(os.Stdout, report.GitHub, diags, report.Options{})
	// Output:
	// ::error file=ops/member-card.yaml,line=15,col=10,title=ref/unresolved::owner "ops-manger" does not exist; did you mean "ops-manager"?
}

// Document a team's own rules in Markdown, as docs/rules.md documents the
// built-in ones.
func ExampleWriteRules() {
	mine := []diag.RuleInfo{{ID: "team/value-stated", Severity: catalog.Warning,
		Doc: "Every service says what value it delivers. A service nobody can justify is the first to be cut.\n\n\tspec:\n\t  value: \"\"  # finding"}}
	report.WriteRules(os.Stdout, report.Text, mine)
	// Output:
	// team/value-stated (warning)
	//     Every service says what value it delivers. A service nobody can justify is
	//     the first to be cut.
	//
	//     Example:
	//         spec:
	//           value: ""  # finding
}

// A GitHub job summary: append it to the file $GITHUB_STEP_SUMMARY names
// (opsdesign lint -summary does, through internal/atomicfile).
func ExampleWriteGitHubSummary() {
	diags := catalog.Diagnostics{{Rule: "ref/unresolved", Severity: catalog.Error,
		Pos: catalog.Pos{File: "ops/a.yaml", Line: 3, Column: 9}, Message: `owner "fax-team" is not defined`}}
	if err := report.WriteGitHubSummary(os.Stdout, diags, report.Options{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// ### opsdesign: 1 error, 0 warnings, 0 notices
	//
	// | | finding | rule | where |
	// |---|---|---|---|
	// | error | owner "fax-team" is not defined | `ref/unresolved` | `ops/a.yaml:3:9` |
}
