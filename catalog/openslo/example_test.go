package openslo_test

import (
	"fmt"
	"os"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/openslo"
)

// Objectives export as OpenSLO v1: what OpenSLO has no field for (the
// objective's kind, its calendar, an attainment objective's rules) travels
// in opsdesign.dev/ annotations, so loading the export gives back the same
// objective.
func ExampleExport() {
	d := catalog.Parse(catalog.Source{Name: "api.yaml", Data: []byte(`apiVersion: opsdesign/v1
kind: Objective
metadata: {name: point-api}
spec:
  service: member-card
  kind: ratio
  target: 99.5%
  window: 28d
  threshold: 800ms
`)})
	if _, err := openslo.Export(os.Stdout, d, openslo.V1); err != nil {
		fmt.Println(err)
	}
	// Output:
	// apiVersion: openslo/v1
	// kind: SLO
	// metadata:
	//   name: point-api
	//   annotations:
	//     opsdesign.dev/objective-kind: ratio
	// spec:
	//   service: member-card
	//   indicator:
	//     metadata:
	//       name: point-api
	//     spec:
	//       thresholdMetric:
	//         metricSource:
	//           type: opsdesign
	//           spec:
	//             objective: point-api
	//             measure: latency-ms
	//   timeWindow:
	//     - duration: 4w
	//       isRolling: true
	//   budgetingMethod: Occurrences
	//   objectives:
	//     - op: lte
	//       value: 800
	//       target: 0.995
}
