package catalog_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const exampleDesign = `apiVersion: opsdesign/v1
kind: Role
metadata:
  name: ops-manager
spec:
  tier: overall-management
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: member-card
  title: 会員カード
spec:
  state: active
  owner: ops-manger
  lifecycle:
    new: {issuance: At the counter., inquiries: FAQ sheet., naming: M + 8 digits.}
    use: {users: Points at checkout., operators: Staff correct points., thirdParties: {notApplicable: Nobody else.}}
    change: {triggers: Lost card., patterns: Reissued under the same ID.}
    suspend: {triggers: Expiry., permissions: Kept., idReissue: Same ID.}
    retire: {notApplicable: The programme has no end date; it is reviewed yearly.}
  customers: [店舗の会員]
  notApplicableWork: {incident: Run by the POS vendor., problem: Run by the POS vendor., change: Run by the POS vendor., configuration: Run by the POS vendor., contract: Run by the POS vendor.}
`

// Lint a design held in memory and print each finding with its position.
func Example() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleDesign)})
	for _, d := range rules.Lint(design) {
		fmt.Println(d)
	}
	// Output:
	// design.yaml:13:1: warning: service "member-card" states no value: say what outcome it exists for [ops/value-missing]
	// design.yaml:15:10: error: owner "ops-manger" does not exist (no Role or Person or Team of that name); did you mean "ops-manager"? [ref/unresolved]
	// design.yaml:20:5: error: service "member-card" leaves suspend.deletion open: whether its data is deleted logically or physically [lifecycle/open-decision]
}

// A team's own rule runs beside the built-in ones, through the same API.
func ExampleLinter() {
	valueStated := catalog.Rule{
		ID:       "team/value-stated",
		Doc:      "Every service says what value it delivers.",
		Severity: catalog.Warning,
		Run: func(p *catalog.Pass) {
			for _, s := range p.Design.Services {
				if s.Value == "" {
					p.ReportKeyf(s.Doc, "/spec", "service %q states no value", s.Name)
				}
			}
		},
	}
	linter := &catalog.Linter{
		Rules: append(rules.All(), valueStated),
		Config: catalog.Config{Rules: map[string]catalog.RuleConfig{
			"ref/*":             {Disabled: true},
			"ops/value-missing": {Disabled: true}, // replaced by the team's own rule
		}},
	}
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleDesign)})
	for _, d := range linter.Lint(design) {
		fmt.Println(d.Pos, d.Severity, d.Rule)
	}
	// Output:
	// design.yaml:13:1 warning team/value-stated
	// design.yaml:20:5 error lifecycle/open-decision
}

// Document.At turns a JSON pointer into the position of its value.
func ExampleDocument_At() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleDesign)})
	doc := design.Lookup("Service", "member-card")
	fmt.Println(doc.At("/spec/owner"))
	fmt.Println(doc.At("/spec/lifecycle/suspend/deletion")) // missing: its event
	// Output:
	// design.yaml:15:10
	// design.yaml:20:5
}
