package readmetest_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/readmetest"
)

// A README block with its marker, read and checked as the README tests do.
func Example() {
	readme := "Lint the sample:\n\n<!-- run: exit 0 -->\n```text\n$ opsdesign lint\nopsdesign lint: no findings in 9 files (37 documents)\n```\n"
	blocks, err := readmetest.Parse("README.md", []byte(readme))
	if err != nil {
		fmt.Println(err)
		return
	}
	b := blocks[0]
	plan, err := readmetest.ParseMarker(b.Marker)
	if err != nil {
		fmt.Println(err)
		return
	}
	cmd, shown, _ := readmetest.Transcript(b.Text)
	fmt.Printf("%s: run %q, want exit %d\n", b.Pos(), cmd, plan.Exit(0))
	ok, _ := readmetest.MatchOutput(shown, "opsdesign lint: no findings in 9 files (37 documents)\n")
	fmt.Println("output matches:", ok)
	// Output:
	// README.md:4: run "opsdesign lint", want exit 0
	// output matches: true
}
