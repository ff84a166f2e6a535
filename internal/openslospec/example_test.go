package openslospec_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/openslospec"
)

// Check reports what a v1alpha SLO's schema cannot say: here a ratio
// objective that sets op, which the v1alpha go-sdk rejects, and one
// without value, which it requires.
func ExampleCheck() {
	slo := map[string]any{
		"apiVersion": "openslo/v1alpha", "kind": "SLO",
		"metadata": map[string]any{"name": "api"},
		"spec": map[string]any{
			"service": "api", "budgetingMethod": "Occurrences",
			"timeWindows": []any{map[string]any{"unit": "Day", "count": int64(30), "isRolling": true}},
			"objectives": []any{map[string]any{"op": "gt", "target": 0.99, "ratioMetrics": map[string]any{
				"good":  map[string]any{"source": "prometheus", "queryType": "promql", "query": "ok"},
				"total": map[string]any{"source": "prometheus", "queryType": "promql", "query": "all"},
			}}},
		},
	}
	openslospec.Check(openslospec.V1alpha, "SLO", slo, func(rule, ptr string, keyPos bool, msg string) {
		fmt.Println(rule, ptr)
	})
	// Output:
	// openslo/spec-sdk-disagreement /spec/objectives/0/op
	// openslo/spec-sdk-disagreement /spec/objectives/0
}
