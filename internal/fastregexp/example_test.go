package fastregexp_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/fastregexp"
)

func Example() {
	label := fastregexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
	fmt.Println(label.Fast(), label.MatchString("checkout-api"), label.MatchString("Checkout API"))

	date := fastregexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`) // left to package regexp
	fmt.Println(date.Fast(), date.MatchString("2026-12-02"))
	// Output:
	// true true false
	// false true
}
