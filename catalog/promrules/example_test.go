package promrules_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/promrules"
)

// Generate the rules of an OpenSLO objective read from Prometheus: the
// error ratio over each window of the workbook's tiers for 28 days, and an
// alert per tier.
func ExampleGenerate() {
	d := catalog.Parse(catalog.Source{Name: "slo.yaml", Data: []byte(`apiVersion: openslo/v1
kind: SLO
metadata: {name: api}
spec:
  service: api
  indicator:
    metadata: {name: api-errors}
    spec:
      ratioMetric:
        counter: true
        bad: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{code=~"5.."}'}}}
        total: {metricSource: {type: Prometheus, spec: {query: http_requests_total}}}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.999}]
`)})
	f, skipped := promrules.Generate(d, nil)
	fmt.Println(len(skipped), "skipped")
	for _, g := range f.Groups {
		fmt.Println(g.Name, len(g.Rules), "rules")
	}
	fmt.Println(f.Groups[0].Rules[0].Record)
	fmt.Print(f.Groups[0].Rules[0].Expr)
	fmt.Println(f.Groups[1].Rules[0].Labels)
	// Output:
	// 0 skipped
	// opsdesign-slo-api-recordings 11 rules
	// opsdesign-slo-api-alerts 4 rules
	// opsdesign:slo_error_ratio:rate4m40s
	// (
	//   sum(rate(http_requests_total{code=~"5.."}[4m40s]))
	// )
	// /
	// (
	//   sum(rate(http_requests_total[4m40s]))
	// )
	// map[opsdesign_objective:api opsdesign_tier:page-fast severity:page]
}
