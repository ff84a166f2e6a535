package longtest_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/longtest"
)

// A long cross-check calls longtest.Skip(t) first; outside the long mode it
// is skipped with a message that says how to run it.
func Example() {
	fmt.Println(longtest.Env)
	// Output: OPSDESIGN_LONG
}
