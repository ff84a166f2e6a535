package rules_test

import (
	"fmt"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const exampleDesign = `apiVersion: opsdesign/v1
kind: Service
metadata:
  name: member-card
spec:
  state: active
  owner: ops-manager
  customers: [Store members]
  value: Members come back more often.
  lifecycle:
    new: {issuance: At the counter., inquiries: FAQ sheet., naming: M + 8 digits.}
    use: {users: Points at checkout., operators: Staff correct points., thirdParties: {notApplicable: Nobody else.}}
    change: {triggers: Lost card., patterns: Reissued under the same ID.}
    suspend: {triggers: Expiry., permissions: Kept., deletion: Logical., idReissue: Same ID.}
  notApplicableWork: {incident: Run by the POS vendor., problem: Run by the POS vendor., change: Run by the POS vendor., configuration: Run by the POS vendor., contract: Run by the POS vendor.}
---
apiVersion: opsdesign/v1
kind: Role
metadata:
  name: ops-manager
spec:
  tier: overall-management
`

// Lint a design with every built-in rule.
func ExampleLint() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleDesign)})
	for _, d := range rules.Lint(design) {
		fmt.Println(d)
	}
	// Output:
	// design.yaml:10:3: error: service "member-card" does not design its retire (廃止) event; write it or mark it notApplicable with a reason [lifecycle/missing-event]
}

// Run a team's own rule beside the built-in ones: append it to All.
func ExampleAll() {
	titled := catalog.Rule{
		ID:       "team/service-title",
		Doc:      "Every service has a title people recognise.",
		Severity: catalog.Warning,
		Run: func(p *catalog.Pass) {
			for _, s := range p.Design.Services {
				if s.Title == "" {
					p.Reportf(s.Doc, "/metadata", "service %q has no title", s.Name)
				}
			}
		},
	}
	linter := &catalog.Linter{Rules: append(rules.All(), titled)}
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleDesign)})
	for _, d := range linter.Lint(design) {
		fmt.Println(d.Pos, d.Rule)
	}
	// Output:
	// design.yaml:3:1 team/service-title
	// design.yaml:10:3 lifecycle/missing-event
}

// The registry documents every rule the product reports, from the YAML
// loader to the ticket importer.
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
