package catalogtest_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

// printT stands in for the *testing.T of a real test: it prints what a
// helper reports.
type printT struct{}

func (printT) Helper()                           {}
func (printT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (printT) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// A team tests its own design: it loads it (any file that does not load
// fails the test at its line), lints it with its linter, and holds it to
// zero findings. In a test, pass t instead of printT.
//
//	func TestOurDesign(t *testing.T) {
//		design := catalogtest.Load(t, "ops/design")
//		catalogtest.NoFindings(t, rules.Lint(design))
//	}
func Example() {
	t := printT{}
	design := catalogtest.Load(t, "testdata/lifecycle")
	if !catalogtest.NoFindings(t, lifecycleOnly().Lint(design)) {
		fmt.Println("the test fails")
	}
	// Output:
	// unexpected finding: testdata/lifecycle/design.yaml:21:5: error: service "laptop-loans" leaves suspend.deletion open: whether its data is deleted logically or physically [lifecycle/open-decision]
	// the test fails
}

// A finding the team knows of is asserted by rule and position; a fixture
// can say the same inline with `# want "lifecycle/open-decision"`, which
// Run checks.
func ExampleHasFinding() {
	t := printT{}
	diags := lifecycleOnly().Lint(catalogtest.Load(t, "testdata/lifecycle"))
	fmt.Println(catalogtest.HasFinding(t, diags, "lifecycle/open-decision", "testdata/lifecycle/design.yaml", 21, 5))
	catalogtest.Run(t, lifecycleOnly(), "testdata/lifecycle") // silent: the want comment matches
	// Output:
	// true
}
