package render_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/slo"
)

const exampleDesign = `apiVersion: opsdesign/v1
kind: Role
metadata: {name: support, title: サポート}
spec: {tier: service-enhancement}
---
apiVersion: opsdesign/v1
kind: Service
metadata: {name: member-card, title: 会員カード}
spec:
  state: active
  owner: support
  customers: [店舗の会員]
  value: Members come back for points and coupons.
  requestTypes:
    - name: reissue-card
      title: カード再発行
      owner: support
      channels: [form]
      parameters:
        type: object
        required: [memberId]
        properties:
          memberId: {type: string, pattern: "^M[0-9]{8}$"}
          reason: {enum: [lost, damaged]}
  lifecycle:
    new: {issuance: At the counter., inquiries: FAQ sheet., naming: M and 8 digits.}
    use: {users: Points at checkout., operators: Staff correct points., thirdParties: {notApplicable: Nobody else sees members.}}
    change: {triggers: Lost card., patterns: Reissued under the same ID.}
    suspend: {triggers: Expiry., permissions: Kept a year., deletion: Logical., idReissue: Same ID.}
`

// Render a design's catalog as Markdown: the lifecycle matrix first, then
// each service with its request types and their parameter sheets.
func ExampleMarkdown() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleDesign)})
	if err := render.Markdown(os.Stdout, design, render.Options{Title: "Shop services"}); err != nil {
		panic(err)
	}
	// Output:
	// # Shop services
	//
	// 1 service · 1 lifecycle (services and their subjects): 4 events covered, 0 not applicable, 1 gap.
	//
	// ## Lifecycle · ライフサイクル
	//
	// | Service / subject | New 新規 | Use 利用 | Change 変更 | Suspend 停止 | Retire 廃止 |
	// |---|---|---|---|---|---|
	// | [会員カード](#service-member-card) `member-card` | ✓ covered | ✓ covered | ✓ covered | ✓ covered | ✗ gap: not designed |
	//
	// ✓ covered · ! gap: designed with decisions left open · ✗ gap: never designed · – not applicable, for the reason given
	//
	// <a id="service-member-card"></a>
	//
	// ## 会員カード · `member-card`
	//
	// - **State:** active (提供中)
	// - **Owner:** サポート (role `support`)
	// - **Customers:** 店舗の会員
	// - **Value:** Members come back for points and coupons.
	//
	// ### Request types · 依頼の種類
	//
	// <a id="request-member-card-reissue-card"></a>
	//
	// #### カード再発行 · `reissue-card`
	//
	// - **Owner:** サポート (role `support`)
	// - **Channels:** form
	// - **Objectives:** —
	//
	// | Field | Type | Required | Allowed values / pattern | Description |
	// |---|---|---|---|---|
	// | `memberId` | string | yes | pattern `^M[0-9]{8}$` |  |
	// | `reason` | string | no | one of `lost`, `damaged` |  |
}

// Write the catalog as one self-contained HTML page, to mail or print.
func ExampleHTML() {
	design := catalog.Parse(catalog.Source{Name: "design.yaml", Data: []byte(exampleDesign)})
	f, err := os.CreateTemp("", "catalog-*.html")
	if err != nil {
		panic(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if err := render.HTML(f, design, render.Options{Title: "Shop services"}); err != nil {
		panic(err)
	}
}

// Write the evaluation of an objective, with its series, as one HTML page
// with its charts as inline SVG.
func ExampleEvaluationHTML() {
	o := slo.Objective{Name: "api", Target: slo.MustParseTarget("99%"), Window: slo.MustParseWindow("7d")}
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var events []slo.Event
	for k := 1; k <= 7*24*60; k++ {
		events = append(events, slo.Event{At: now.Add(-time.Duration(k) * time.Minute), Good: k > 30})
	}
	ev, err := o.Evaluation(events, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	if ev.Series, err = o.EventSeries(events, now); err != nil {
		fmt.Println(err)
		return
	}
	var page strings.Builder
	if err := render.EvaluationHTML(&page, render.EvaluationReport{Evaluations: []*slo.Evaluation{ev}}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Count(page.String(), "<svg "), "charts,", len(ev.Series.Firings), "firings")
	// Output:
	// 3 charts, 4 firings
}

// A periodic report on the catalog's page: sections of paragraphs and
// tables, in Markdown here.
func ExampleReportMarkdown() {
	_ = render.ReportMarkdown(os.Stdout, render.Report{
		Title:    "cust-a monthly service report 2026-10",
		Subtitle: "Figures as of 2026-10-31.",
		Sections: []render.Section{{
			Heading:    "Summary",
			Paragraphs: []string{"81 alerts."},
			Tables:     []render.Table{{Head: []string{"objective", "compliance"}, Rows: [][]string{{"alert-first-response", "81.5%"}}}},
		}},
	})
	// Output:
	// # cust-a monthly service report 2026-10
	//
	// Figures as of 2026-10-31.
	//
	// ## Summary
	//
	// 81 alerts.
	//
	// | objective | compliance |
	// | --- | --- |
	// | alert-first-response | 81.5% |
}
