package textsafe_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/textsafe"
)

// A name that shows as "invoice.exe" but holds a right-to-left override.
func Example() {
	name := "report\u202Eexe.pdf"
	if i, r := textsafe.Find(name); i >= 0 {
		fmt.Printf("%s at byte %d\n", textsafe.Name(r), i)
	}
	fmt.Println(textsafe.Escape(name))
	// Output:
	// U+202E (RIGHT-TO-LEFT OVERRIDE) at byte 6
	// report\u202Eexe.pdf
}
