package diff_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diff"
	"github.com/opsdesign/opsdesign/catalog/report"
)

const exampleService = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: ops-manager}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: coupon-app}
spec:
  state: active
  owner: ops-manager
  customers: [店舗の会員]
  value: Coupons on the phone.
  lifecycle:
    new: {notApplicable: An example.}
    use: {notApplicable: An example.}
    change: {notApplicable: An example.}
    suspend: {notApplicable: An example.}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: coupon-availability}
spec: {kind: ratio, target: 99.9%, window: 28d}
`

// Designs says what changed between two designs, each change with its
// kind and where it is.
func ExampleDesigns() {
	old := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleService)})
	edited := strings.NewReplacer("state: active", "state: retired", "target: 99.9%", "target: 99%").Replace(exampleService)
	new := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(edited)})

	for _, ch := range diff.Designs(old, new, diff.Options{}).Changes {
		fmt.Printf("%s %s: %s\n", ch.New.Pos, ch.Kind, ch.Message)
		if ch.Attention != "" {
			fmt.Println("  look twice:", ch.Attention)
		}
	}
	// Output:
	// design.yaml:10:10 service/state: service "coupon-app": state active → retired
	//   look twice: retired without a designed retire (廃止) event: the retire event is not designed
	// design.yaml:23:29 objective/loosened: objective "coupon-availability": target 99.9% → 99%
	//   look twice: target 99.9% → 99%: the error budget grows 10×
}

// Review also lints both revisions and reports the findings the change
// introduces and fixes; Write prints the report for a terminal, as JSON
// or as a pull-request comment in Markdown.
func ExampleReview() {
	old := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleService)})
	edited := strings.Replace(exampleService, "  value: Coupons on the phone.\n", "", 1)
	new := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(edited)})

	rep := diff.Review(diff.Revision{Name: "main", Design: old}, diff.Revision{Name: "feature", Design: new},
		diff.Options{Now: func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }})
	if err := rep.Write(os.Stdout, report.Text, diff.WriteOptions{}); err != nil {
		fmt.Println(err)
	}
	fmt.Println("fails on warnings:", rep.Fails(catalog.Warning))
	// Output:
	// opsdesign diff: main → feature
	// 1 change; findings: 1 introduced (1 warning), 0 fixed
	//
	// Services
	//   design.yaml:9:1  service "coupon-app": value removed (was Coupons on the phone.)  [service/changed]
	//
	// Findings introduced
	// design.yaml:9:1: warning: service "coupon-app" states no value: say what outcome it exists for [ops/value-missing]
	// fails on warnings: true
}
