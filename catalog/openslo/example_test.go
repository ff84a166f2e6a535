package openslo_test

import (
	"fmt"
	"os"
	"strings"

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

// Convert rewrites OpenSLO in another version: here a v1alpha SLO, as
// Sloth reads it, becomes v1, its ratio the SLO's inline SLI. Each value
// the target cannot hold would be a finding at its line.
func ExampleConvert() {
	d := catalog.Parse(catalog.Source{Name: "slo.yaml", Data: []byte(`apiVersion: openslo/v1alpha
kind: SLO
metadata: {name: api-availability}
spec:
  service: api
  budgetingMethod: Occurrences
  objectives:
    - value: 1
      target: 0.999
      ratioMetrics:
        good:
          source: prometheus
          queryType: promql
          query: sum(rate(http_requests_total{code!~"5.."}[5m]))
        total:
          source: prometheus
          queryType: promql
          query: sum(rate(http_requests_total[5m]))
  timeWindows:
    - {unit: Day, count: 30, isRolling: true}
`)})
	found, err := openslo.Convert(os.Stdout, d, openslo.V1)
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println("findings:", len(found))
	// Output:
	// apiVersion: openslo/v1
	// kind: SLO
	// metadata:
	//   name: api-availability
	// spec:
	//   service: api
	//   indicator:
	//     metadata:
	//       name: api-availability
	//     spec:
	//       ratioMetric:
	//         counter: false
	//         good:
	//           metricSource:
	//             type: prometheus
	//             spec:
	//               query: sum(rate(http_requests_total{code!~"5.."}[5m]))
	//               queryType: promql
	//         total:
	//           metricSource:
	//             type: prometheus
	//             spec:
	//               query: sum(rate(http_requests_total[5m]))
	//               queryType: promql
	//   timeWindow:
	//     - duration: 30d
	//       isRolling: true
	//   budgetingMethod: Occurrences
	//   objectives:
	//     - target: 0.999
	// findings: 0
}

// What a version cannot hold is reported at its source: converting a v1
// SLO with an alert policy to v1alpha, which has no alerting.
func ExampleConvert_losses() {
	d := catalog.Parse(catalog.Source{Name: "slo.yaml", Data: []byte(`apiVersion: openslo/v1
kind: SLO
metadata: {name: api-latency}
spec:
  service: api
  indicator:
    metadata: {name: api-latency}
    spec:
      thresholdMetric:
        metricSource: {type: Prometheus, spec: {query: api_p95_seconds}}
  timeWindow: [{duration: 4w, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{op: lte, value: 0.3, target: 0.99}]
  alertPolicies: [{alertPolicyRef: api-pager}]
`)})
	var out strings.Builder
	found, _ := openslo.Convert(&out, d, openslo.V1alpha)
	for _, f := range found {
		fmt.Println(f)
	}
	// Output:
	// slo.yaml:14:3: warning: v1alpha has no alerting: the SLO's alert policies are not kept [openslo/conversion-loss]
}
