package config_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const teamConfig = `rules:
  lifecycle/open-decision: warning
  ref/unresolvd: off
`

const teamDesign = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: ops-manager}
spec: {tier: overall-management}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: shop}
spec:
  state: active
  owner: ops-manager
  customers: [members]
  value: Members come back.
  lifecycle:
    new: {notApplicable: Opened before the design existed.}
    use: {notApplicable: Out of scope.}
    change: {notApplicable: Out of scope.}
    suspend: {triggers: Expiry., permissions: Kept., idReissue: Same ID.}
    retire: {notApplicable: No end date.}
`

// Read a team's configuration and lint with it. Mistakes in the
// configuration are findings at their line and column.
func Example() {
	file, diags := config.Parse(".opsdesign.yaml", []byte(teamConfig))
	cfg, more := file.Config(nil)
	diags = append(diags, more...)

	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(teamDesign)})
	linter := &catalog.Linter{Rules: lifecycleAndRefs(), Config: cfg}
	diags = append(diags, linter.Lint(design)...)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// .opsdesign.yaml:3:3: warning: configuration names unknown rule "ref/unresolvd"; did you mean "ref/unresolved"? [lint/unknown-rule]
	// design.yaml:18:5: warning: service "shop" leaves suspend.deletion open: whether its data is deleted logically or physically [lifecycle/open-decision]
}

// Record today's findings in a baseline, then keep only the new ones.
func ExampleBaseline_Filter() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(teamDesign)})
	linter := &catalog.Linter{Rules: lifecycleAndRefs()}
	baseline := config.NewBaseline("", linter.Lint(design))
	baseline.Write(os.Stdout)

	// The decision is settled later: nothing is new, the entry is stale.
	settled := strings.Replace(teamDesign, "permissions: Kept.,", "permissions: Kept., deletion: Logical.,", 1)
	fixed := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(settled)})
	fresh, stale := baseline.Filter(linter.Lint(fixed))
	fmt.Println(len(fresh), "new;", len(stale), "stale:", stale[0].Rule, stale[0].Path)
	// Output:
	// {
	//   "$schema": "https://opsdesign.dev/schemas/v1/baseline.json",
	//   "version": 1,
	//   "findings": [
	//     {
	//       "fingerprint": "05794f3463d15497ee337c62ce1d0e85",
	//       "rule": "lifecycle/open-decision",
	//       "file": "design.yaml",
	//       "path": "/spec/lifecycle/suspend/deletion",
	//       "message": "service \"shop\" leaves suspend.deletion open: whether its data is deleted logically or physically"
	//     }
	//   ]
	// }
	// 0 new; 1 stale: baseline/stale /findings/0
}

// lifecycleAndRefs keeps the examples' output stable as rules are added.
func lifecycleAndRefs() []catalog.Rule {
	var out []catalog.Rule
	for _, r := range rules.All() {
		if r.ID == "ref/unresolved" || r.ID == "lifecycle/open-decision" {
			out = append(out, r)
		}
	}
	return out
}
