package catalog_test

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const settingsExample = `apiVersion: opsdesign/v1
kind: Settings
metadata:
  name: design
spec:
  restoreTestMaxAge: 90d
  costAttribution: required
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: member-card
spec:
  state: active
  owner: ops-manager
  customers: [店舗の会員]
  value: Regular customers come back more often.
  effort: {hoursPerMonth: 40}
  notApplicableWork: {incident: Run by the POS vendor., problem: Run by the POS vendor., change: Run by the POS vendor., configuration: Run by the POS vendor., contract: Run by the POS vendor.}
  lifecycle: {new: {notApplicable: Example.}, use: {notApplicable: Example.}, change: {notApplicable: Example.}, suspend: {notApplicable: Example.}, retire: {notApplicable: Example.}}
  backups:
    - name: members
      restore: {procedure: https://wiki.example.com/restore, lastTested: "2026-06-30"}
---
apiVersion: opsdesign/v1
kind: Role
metadata:
  name: ops-manager
spec:
  tier: overall-management
`

// A Settings document tunes the operations rules for the whole design;
// Linter.Now fixes the day ages are judged at.
func ExampleSettings() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(settingsExample)})
	s := design.Settings
	fmt.Println(s.CostAttribution, s.RestoreTestMaxAge, s.CatchAll, s.CatchAllOwnerTiers)

	linter := &catalog.Linter{Rules: rules.All(), Now: func() time.Time { return time.Date(2026, time.November, 22, 0, 0, 0, 0, time.UTC) }}
	for _, d := range linter.Lint(design) {
		fmt.Println(d)
		for _, r := range d.Related {
			fmt.Println("\t", r.Pos, r.Message)
		}
	}
	// Output:
	// required 90d per-catalog [overall-management overall-optimisation]
	// design.yaml:23:74: warning: the restore of backup "members" of service "member-card" was last tested 145 days ago (2026-06-30), longer ago than 90d: test it again [ops/restore-test-stale]
	// 	 design.yaml:6:22 the maximum age is set here
}
