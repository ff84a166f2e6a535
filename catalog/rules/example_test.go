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

// A placeholder fills a decision without deciding it; a team's own
// placeholders join the built-in ones in Settings.
func ExampleLint_placeholder() {
	design := catalog.Parse(catalog.Source{Name: "lockers.yaml", Data: []byte(lockers + `---
apiVersion: opsdesign/v1
kind: Settings
metadata: {name: design}
spec:
  placeholders: {add: [ask the concierge]}
`)}, catalog.Source{Name: "retire.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Service
metadata: {name: bike-racks}
spec:
  state: active
  owner: logistics-head
  customers: [Residents]
  value: Bikes are parked dry.
  notApplicableWork: {incident: The vendor runs it., problem: The vendor runs it., change: The vendor runs it., configuration: The vendor runs it., contract: The vendor runs it.}
  lifecycle:
    new: {issuance: A sticker per bike., inquiries: The concierge., naming: R + rack number.}
    use: {users: Residents., operators: The concierge., thirdParties: {notApplicable: Nobody else parks here.}}
    change: {triggers: A move., patterns: A new sticker.}
    suspend: {notApplicable: "-"}
    retire: {personalData: TBD, disposal: 未定, notice: Ask the concierge., contact: The concierge.}
`)})
	for _, d := range rules.Lint(design) {
		if d.Rule == "design/placeholder" {
			fmt.Println(d)
		}
	}
	// Output:
	// retire.yaml:14:30: error: the reason service "bike-racks" marks its suspend event not applicable is "-", a placeholder: say why it does not apply [design/placeholder]
	// retire.yaml:15:28: error: the retire.personalData decision of service "bike-racks" is "TBD", a placeholder: write the decision, or mark it notApplicable with the reason [design/placeholder]
	// retire.yaml:15:43: error: the retire.disposal decision of service "bike-racks" is "未定", a placeholder: write the decision, or mark it notApplicable with the reason [design/placeholder]
	// retire.yaml:15:55: error: the retire.notice decision of service "bike-racks" is "Ask the concierge.", a placeholder: write the decision, or mark it notApplicable with the reason [design/placeholder]
}
