package counts_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/counts"
)

// Evaluate an objective over counts a metrics system exported per minute,
// keeping one region's rows: the other region's are excluded, the row
// that cannot be read is a diagnostic at its line and column.
func ExampleReadCSV() {
	export := `timestamp,good,total,region
2026-11-01T09:00:00Z,998,1000,eu
2026-11-01T09:00:00Z,500,500,us
2026-11-01T09:01:00Z,1001,1000,eu
2026-11-01T09:02:00Z,990,1000,eu
`
	where := []counts.Match{{Label: "region", Value: "eu"}}
	c, err := counts.Collect(counts.ReadCSV(strings.NewReader(export), "counts.csv", counts.Options{Where: where}), "counts.csv", 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range c.Problems {
		fmt.Println(d)
	}
	fmt.Printf("%d counts, %d excluded, %d skipped\n", len(c.Counts), c.Excluded, c.Skipped)
	o := slo.Objective{Name: "api", Target: slo.MustParseTarget("99%"), Window: slo.MustParseWindow("1d")}
	ev, err := o.CountsEvaluation(c.Counts, time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("SLI %.2f%% of %d; budget left %s; exhaustion %s\n", 100*ev.SLI, ev.Total, slo.FormatNumber(ev.Budget.RemainingFraction()), ev.Exhaustion)
	// Output:
	// counts.csv:4:22: error: the good count 1001 is above the total 1000; the row is skipped [counts/good-above-total]
	// 2 counts, 1 excluded, 1 skipped
	// SLI 99.40% of 2000; budget left 0.4; exhaustion 2026-11-02T02:00:00Z
}

// Read the result of a Prometheus range query whose series say what they
// count with a series label.
func ExampleReadPrometheus() {
	result := `{"status":"success","data":{"resultType":"matrix","result":[
 {"metric":{"series":"total","job":"points"},"values":[[1762074000,"1200"],[1762074300,"1180.5"]]},
 {"metric":{"series":"bad","job":"points"},"values":[[1762074000,"3"],[1762074300,"0"]]}]}}`
	c, err := counts.Collect(counts.ReadPrometheus(strings.NewReader(result), "range.json", counts.Options{}), "range.json", 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range c.Counts {
		fmt.Println(n.At.Format(time.RFC3339), n.Good, "of", n.Total)
	}
	// Output:
	// 2025-11-02T09:00:00Z 1197 of 1200
	// 2025-11-02T09:05:00Z 1180.5 of 1180.5
}
