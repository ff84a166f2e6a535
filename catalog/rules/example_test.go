package rules_test

import (
	"fmt"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// A parcel-locker service that designs four of its five lifecycle events.
const lockers = `apiVersion: opsdesign/v1
kind: Service
metadata: {name: parcel-lockers, title: 宅配ロッカー}
spec:
  state: active
  owner: logistics-head
  customers: [Residents]
  value: Parcels are collected at any hour.
  notApplicableWork: {incident: The vendor runs it., problem: The vendor runs it., change: The vendor runs it., configuration: The vendor runs it., contract: The vendor runs it.}
  lifecycle:
    new: {issuance: A PIN per parcel., inquiries: The concierge., naming: L + locker number.}
    use: {users: Residents with a PIN., operators: The concierge., thirdParties: Couriers load the lockers.}
    change: {triggers: A locker breaks., patterns: Parcels move to another locker.}
    suspend: {triggers: Building works., permissions: PINs stay valid., deletion: Logical., idReissue: New PINs.}
---
apiVersion: opsdesign/v1
kind: Role
metadata: {name: logistics-head}
spec: {tier: overall-management}
`

// Lint a design with every built-in rule.
func ExampleLint() {
	design := catalog.Parse(catalog.Source{Name: "lockers.yaml", Data: []byte(lockers)})
	for _, d := range rules.Lint(design) {
		fmt.Println(d)
	}
	// Output:
	// lockers.yaml:10:3: error: service "parcel-lockers" does not design its retire (廃止) event; write it or mark it notApplicable with a reason [lifecycle/missing-event]
}

// All lists the built-in rules, new on every call: give them to a
// catalog.Linter with rules of your own appended (see catalog.Linter).
func ExampleAll() {
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, "lifecycle/") {
			fmt.Println(r.ID, r.Severity, r.Run != nil)
		}
	}
	// Output:
	// lifecycle/missing-event error true
	// lifecycle/missing-reason error true
	// lifecycle/open-decision error true
}

// The registry documents every rule the product reports, from the YAML
// loader to the ticket importer, each once.
func ExampleRegistry() {
	groups := map[string]int{}
	for _, r := range rules.Registry() {
		group, _, _ := strings.Cut(r.ID, "/")
		groups[group]++
	}
	fmt.Println(groups["lifecycle"], "lifecycle rules,", groups["yaml"], "yaml rules,", groups["ticket"] > 0, groups["events"] > 0)
	// Output:
	// 3 lifecycle rules, 9 yaml rules, true true
}
