package catalog_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// openSLODocs writes n OpenSLO documents in groups of ten that refer to
// each other: a Service, a DataSource, an SLI reading it, an
// AlertCondition, an AlertNotificationTarget, an AlertPolicy using both,
// and four SLOs (two reading the SLI by reference with the policy, two with
// an inline indicator and an inline policy).
func openSLODocs(n int) []byte {
	var b bytes.Buffer
	for g := 0; g*10 < n; g++ {
		p := fmt.Sprintf("g%05d", g)
		fmt.Fprintf(&b, `apiVersion: openslo/v1
kind: Service
metadata: {name: %[1]s-svc, displayName: Service %[1]s}
spec: {description: Generated service}
---
apiVersion: openslo/v1
kind: DataSource
metadata: {name: %[1]s-prom}
spec: {type: Prometheus, connectionDetails: {url: "https://prometheus.example.net/%[1]s"}}
---
apiVersion: openslo/v1
kind: SLI
metadata: {name: %[1]s-ratio}
spec:
  ratioMetric:
    counter: true
    good: {metricSource: {metricSourceRef: %[1]s-prom, type: Prometheus, spec: {query: 'sum(rate(ok{svc="%[1]s"}[5m]))'}}}
    total: {metricSource: {metricSourceRef: %[1]s-prom, type: Prometheus, spec: {query: 'sum(rate(all{svc="%[1]s"}[5m]))'}}}
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: {name: %[1]s-burn}
spec:
  severity: page
  condition: {kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h, alertAfter: 2m}
---
apiVersion: openslo/v1
kind: AlertNotificationTarget
metadata: {name: %[1]s-pager}
spec: {target: pagerduty}
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: {name: %[1]s-paging}
spec:
  alertWhenBreaching: true
  conditions: [{conditionRef: %[1]s-burn}]
  notificationTargets: [{targetRef: %[1]s-pager}]
`, p)
		for i := 0; i < 4; i++ {
			fmt.Fprintf(&b, `---
apiVersion: openslo/v1
kind: SLO
metadata: {name: %[1]s-slo-%[2]d}
spec:
  service: %[1]s-svc
`, p, i)
			if i < 2 {
				fmt.Fprintf(&b, `  indicatorRef: %[1]s-ratio
  alertPolicies: [{alertPolicyRef: %[1]s-paging}]
`, p)
			} else {
				fmt.Fprintf(&b, `  indicator:
    metadata: {name: %[1]s-latency-%[2]d}
    spec:
      thresholdMetric: {metricSource: {metricSourceRef: %[1]s-prom, spec: {query: 'p90{svc="%[1]s"}'}}}
  alertPolicies:
    - kind: AlertPolicy
      metadata: {name: %[1]s-inline-%[2]d}
      spec:
        conditions:
          - kind: AlertCondition
            metadata: {name: %[1]s-slow-burn-%[2]d}
            spec: {severity: ticket, condition: {kind: burnrate, op: gt, threshold: 1, lookbackWindow: 3d}}
        notificationTargets: [{targetRef: %[1]s-pager}]
`, p, i)
			}
			fmt.Fprintf(&b, `  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{op: lte, value: 300, target: 0.99}]
`)
			if i < 2 {
				// A ratio SLI takes no op or value: drop them again.
				b.Truncate(b.Len() - len("  objectives: [{op: lte, value: 300, target: 0.99}]\n"))
				b.WriteString("  objectives: [{target: 0.995}]\n")
			}
		}
		b.WriteString("---\n")
	}
	return b.Bytes()
}

// BenchmarkOpenSLO10k validates 10,000 OpenSLO documents in one file against
// their schemas, builds the model and its objectives, and runs every rule,
// the reference checks across documents included. Its baseline, measured in
// the same run, is a bare yaml.v3 decode of the same bytes into yaml.Nodes:
// compare OpenSLO10k/opsdesign with OpenSLO10k/yaml.v3-decode.
func BenchmarkOpenSLO10k(b *testing.B) {
	data := openSLODocs(10_000)
	loader := catalog.Loader{Limits: catalog.Limits{MaxFileBytes: 64 << 20, MaxDocuments: 20_000}}
	if d := loader.Parse(catalog.Source{Name: "openslo.yaml", Data: data}); len(d.Documents) != 10_000 || len(d.Objectives) != 4_000 {
		b.Fatalf("generated %d documents and %d objectives", len(d.Documents), len(d.Objectives))
	} else if diags := rules.Lint(d); len(diags) != 0 {
		b.Fatalf("generated documents are not clean: %v", diags[0])
	}
	b.Run("yaml.v3-decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			decodeYAMLStream(b, data)
		}
	})
	b.Run("opsdesign", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			d := loader.Parse(catalog.Source{Name: "openslo.yaml", Data: data})
			if diags := rules.Lint(d); len(diags) != 0 {
				b.Fatal(diags[0])
			}
		}
		reportRetained(b, len(data), func() any { return loader.Parse(catalog.Source{Name: "openslo.yaml", Data: data}) })
	})
}
