package diag_test

import (
	"errors"
	"fmt"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// A reader collects what it cannot read as diagnostics and returns them as
// one error; the caller gets the list back with errors.As.
func Example() {
	var found diag.List
	found = append(found,
		diag.Diagnostic{Rule: "ticket/bad-time", Severity: diag.Error,
			Pos: diag.Pos{File: "export.csv", Line: 12, Column: 18}, Message: `"31/02/2026" is not a date`},
		diag.Diagnostic{Rule: "ticket/unknown-field", Severity: diag.Warning,
			Pos: diag.Pos{File: "export.csv", Line: 1, Column: 40}, Message: `column "Sprint" is not mapped`},
	)
	found.Sort()
	err := found.Err()

	var list diag.List
	if errors.As(err, &list) {
		for _, d := range list {
			fmt.Println(d)
		}
	}
	// Output:
	// export.csv:1:40: warning: column "Sprint" is not mapped [ticket/unknown-field]
	// export.csv:12:18: error: "31/02/2026" is not a date [ticket/bad-time]
}
