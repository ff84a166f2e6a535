package yamlx

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// serviceStream generates n realistic Service documents of about 40 lines.
func serviceStream(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `---
# yaml-language-server: $schema=https://example.invalid/opsdesign.json
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: service-%d
  title: 会員カード %d
  labels: {tier: "%d", area: tokyo}
spec:
  state: active
  owner: team-%d
  customers: [store-staff, members]
  value: 来店時にポイントとクーポンを使える
  offerings:
    - name: card-issue
      objective: issue-latency-%d
      channels: [counter, web]
  requestTypes:
    - name: change-address
      parameters:
        type: object
        required: [memberId, address]
        properties:
          memberId: {type: string, pattern: "^M[0-9]{8}$"}
          address: {type: string, maxLength: 200}
  lifecycle:
    new: {procedure: docs/issue.md, inquiries: [lost-id]}
    use: {scenes: [points, coupons, viewing]}
    change: {triggers: [name, address, lost-card]}
    suspend: {permissionsKept: true, deletion: logical}
    retire: {notApplicable: "the programme continues"}
  tasks:
    - name: restart-api
      category: incident
      trigger: {monitor: api-down}
      action: restart the API pods
      owner: operator
      personalised: false
  monitors:
    - name: api-down
      reads: http 200 on /health
      task: restart-api
  backups:
    - target: member-db
      restore: docs/restore.md
      lastTested: 2024-03-01
`, i, i, i%3, i%40, i)
	}
	return []byte(b.String())
}

var benchData = sync.OnceValue(func() []byte { return serviceStream(benchDocs) })

const benchDocs = 10_000

func BenchmarkParse(b *testing.B) {
	data := benchData()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		docs, fs := Parse(data, Options{})
		if len(docs) != benchDocs || len(fs) != 0 {
			b.Fatalf("%d documents, %d findings", len(docs), len(fs))
		}
	}
}

// BenchmarkYAMLv3Baseline is the bare cost Parse is measured against:
// yaml.v3 decoding every document of the same stream into a yaml.Node.
func BenchmarkYAMLv3Baseline(b *testing.B) {
	data := benchData()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		n := 0
		for {
			var doc yaml.Node
			err := dec.Decode(&doc)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchDocs {
			b.Fatalf("%d documents", n)
		}
	}
}

func BenchmarkParseOneDocument(b *testing.B) {
	data := serviceStream(1)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(data, Options{})
	}
}

func BenchmarkParseJSON(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("[")
	for i := 0; i < 2000; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"name": "service-%d", "title": "会員カード", "tier": %d, "tags": ["a", "b\/c"], "owner": {"team": "ops", "onCall": true}}`, i, i%3)
	}
	sb.WriteString("]")
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(data, Options{JSON: true})
	}
}

func BenchmarkLocate(b *testing.B) {
	docs, _ := Parse(serviceStream(1), Options{})
	root := docs[0].Root
	for b.Loop() {
		if _, _, ok := Locate(root, "/spec/requestTypes/0/parameters/properties/address/maxLength"); !ok {
			b.Fatal("not found")
		}
	}
}

// BenchmarkCompact copies the parsed documents of the stream into compact
// trees, as the loader keeps them (Options.Compact).
func BenchmarkCompact(b *testing.B) {
	docs, _ := Parse(benchData(), Options{})
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Compact(d.Root)
		}
	}
}
