package catalog_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const exampleScorecard = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: ops-manager}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: member-card, title: 会員カード}
spec:
  state: active
  owner: ops-manager
  value: Members come back for points and coupons.
  requestTypes:
    - name: reissue-card
      channels: [email]
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: maturity, title: 運用成熟度}
spec:
  appliesTo: {states: [active]}
  levels:
    - name: bronze
      checks:
        - {name: owned, has: [owner, value]}
    - name: silver
      checks:
        - {name: ticketed, has: [ticketedChannels, parameterSheets]}
`

// Score each service on a scorecard: the level it reaches and, for every
// check that fails, why and where.
func ExampleScorecard_Evaluate() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleScorecard)})
	sc := design.Scorecard("maturity")
	for _, score := range sc.Evaluate(design, rules.Lint(design)) {
		fmt.Printf("%s: %s\n", score.Service.Name, score.LevelName())
		for _, r := range score.Failed() {
			for _, f := range r.Failures {
				fmt.Printf("  %s: %s/%s: %s\n", f.Pos, sc.Levels[r.Level].Name, r.Check.Name, f.Message)
			}
		}
	}
	// Output:
	// member-card: bronze
	//   design.yaml:15:18: silver/ticketed: requests of type "reissue-card" arriving by email are not turned into tickets
	//   design.yaml:14:7: silver/ticketed: request type "reissue-card" has no parameter sheet
}
