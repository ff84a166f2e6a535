package render_test

import (
	"fmt"
	"os"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
)

// Score every service on the design's scorecards and write the levels, as
// `opsdesign scorecard` does. The findings a ladder counts (noFindings
// checks) are those of linting the design; this one has none.
func ExampleScoresText() {
	d := catalog.Parse(catalog.Source{Name: "ops.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Role
metadata: {name: boss}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: kiosk, title: 店頭端末}
spec: {state: active, owner: boss}
---
apiVersion: opsdesign/v1
kind: Scorecard
metadata: {name: basics}
spec:
  levels:
    - {name: bronze, checks: [{name: owned, has: [owner]}]}
    - {name: silver, checks: [{name: valued, has: [value]}]}
`)})
	var cards []render.CardScores
	for _, sc := range d.Scorecards {
		cards = append(cards, render.CardScores{Card: sc, Services: sc.Evaluate(d, nil)})
	}
	if err := render.ScoresText(os.Stdout, cards); err != nil {
		fmt.Println(err)
	}
	// Output:
	// scorecard basics: bronze < silver
	// kiosk (店頭端末): bronze
	//   ops.yaml:9:1: silver/valued: service "kiosk" does not say what value it delivers
}
