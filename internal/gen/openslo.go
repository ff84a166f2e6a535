package gen

import (
	"bytes"
	"fmt"
)

// OpenSLO returns one YAML stream of plain OpenSLO v1 documents that
// validate and refer to each other: a Prometheus DataSource, n/100
// Services, n/10 ratio SLIs reading the data source, and n SLOs, each
// naming its Service and its SLI by reference. For n = 10,000 that is
// 11,101 documents, about 3.9 MB.
func OpenSLO(n int) []byte {
	services, slis := max(1, n/100), max(1, n/10)
	var b bytes.Buffer
	b.Grow(n*360 + slis*520)
	b.WriteString(`apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus
  displayName: Prometheus
spec:
  type: Prometheus
  connectionDetails:
    url: https://prometheus.example.net
`)
	for i := range services {
		fmt.Fprintf(&b, openSLOService, i)
	}
	for i := range slis {
		fmt.Fprintf(&b, openSLOSLI, i, i%services)
	}
	for i := range n {
		fmt.Fprintf(&b, openSLOSLO, i, i%slis%services, i%slis, 0.99+float64(i%9)/1000)
	}
	return b.Bytes()
}

const openSLOService = `---
apiVersion: openslo/v1
kind: Service
metadata:
  name: service-%03[1]d
  displayName: Service %[1]d
spec:
  description: Generated service %[1]d.
`

const openSLOSLI = `---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: availability-%04[1]d
  displayName: Availability %[1]d
spec:
  description: Requests of endpoint %[1]d answered without a server error.
  ratioMetric:
    counter: true
    good:
      metricSource:
        metricSourceRef: prometheus
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{service="service-%03[2]d",endpoint="e%[1]d",code!~"5.."}[5m]))
    total:
      metricSource:
        metricSourceRef: prometheus
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{service="service-%03[2]d",endpoint="e%[1]d"}[5m]))
`

const openSLOSLO = `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: slo-%05[1]d
  displayName: Objective %[1]d
spec:
  description: Generated objective %[1]d.
  service: service-%03[2]d
  indicatorRef: availability-%04[3]d
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: %[4]g
`
