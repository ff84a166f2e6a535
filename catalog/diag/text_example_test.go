package diag_test

import (
	"fmt"
	"os"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// A table of request types, Japanese and English, lined up on a terminal.
func ExampleTextTable() {
	t := diag.TextTable{Indent: "  ", Right: []int{1}}
	t.Row("ポイント-反映されない", diag.Count(31, "ticket"), diag.Duration(17*time.Hour+4*time.Minute))
	t.Row("reissue-card", diag.Count(1, "ticket"), diag.Duration(35*time.Minute))
	if _, err := t.WriteTo(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	//   ポイント-反映されない  31 tickets  17h4m
	//   reissue-card             1 ticket  35m
}

func ExampleNumber() {
	fmt.Println(diag.Number(1.545e+05, 4), diag.Number(100.8, 4), diag.Number(14.4, 3), diag.Number(0.01234, 3))
	// Output: 154,500 100.8 14.4 0.0123
}
