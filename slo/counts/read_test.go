package counts_test

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/counts"
)

// drain reads a sequence to the end: the counts (an excluded row as
// "excluded"), and each diagnostic as "rule line:col path".
func drain(t *testing.T, seq iter.Seq2[counts.Record, error]) (rows []string, diags []string, all []diag.Diagnostic) {
	t.Helper()
	for rec, err := range seq {
		var d diag.Diagnostic
		switch {
		case errors.As(err, &d):
			diags = append(diags, fmt.Sprintf("%s %d:%d %s", d.Rule, d.Pos.Line, d.Pos.Column, d.Path))
			all = append(all, d)
		case err != nil:
			t.Fatal(err)
		case rec.Excluded:
			rows = append(rows, fmt.Sprintf("excluded@%d", rec.Line))
		default:
			rows = append(rows, fmt.Sprintf("%s %s/%s@%d", rec.At.Format(time.RFC3339), slo.FormatNumber(rec.Good), slo.FormatNumber(rec.Total), rec.Line))
		}
	}
	return rows, diags, all
}

func TestReadCSV(t *testing.T) {
	in := `timestamp,good,total,region
2026-11-01T09:00:00Z,120,130,eu
2026-11-01T09:01:00Z,12.5,13,us
2026-11-01T09:02:00Z,x,130,eu
2026-11-01T09:03:00Z,131,130,eu
2026-11-01T09:04:00Z,,130,eu
2026-11-01T25:00:00Z,1,2,eu
2026-11-01T09:05:00Z,1,-2,eu
2026-11-01T09:06:00Z,1,NaN,eu
2026-11-01T09:07:00Z,1
"open,1,2,eu
`
	rows, diags, all := drain(t, counts.ReadCSV(strings.NewReader(in), "c.csv", counts.Options{}))
	assert.Equal(t, []string{"2026-11-01T09:00:00Z 120/130@2", "2026-11-01T09:01:00Z 12.5/13@3"}, rows)
	want := []string{
		"counts/bad-count 4:22 /good",
		"counts/good-above-total 5:22 /good",
		"counts/missing-value 6:22 /good",
		"counts/bad-time 7:1 /timestamp",
		"counts/bad-count 8:24 /total",
		"counts/bad-count 9:24 /total",
		"counts/missing-value 10:23 /total",
		"counts/bad-csv 11:1 ",
	}
	assert.Equal(t, want, diags)
	assert.Equal(t, `the good count "x" is not a number; the row is skipped`, all[0].Message)
	assert.Equal(t, "the good count 131 is above the total 130; the row is skipped", all[1].Message)
	assert.Equal(t, `the total "-2" is negative; the row is skipped`, all[4].Message)
	assert.Equal(t, `the total "NaN" is not a finite number; the row is skipped`, all[5].Message)
	assert.Equal(t, `the row ends before its total column "total"; the row is skipped`, all[6].Message)
}

// A bad count instead of good, labels filtered by Where, and a file
// without a header (timestamp, good, total).
func TestReadCSVBadAndWhere(t *testing.T) {
	in := "ts,errors,count,region,az\n2026-11-01T09:00:00Z,10,130,eu,a\n2026-11-01T09:01:00Z,1,13,us,a\n2026-11-01T09:02:00Z,140,130,eu,b\n"
	rows, diags, all := drain(t, counts.ReadCSV(strings.NewReader(in), "c.csv", counts.Options{Where: []counts.Match{{Label: "region", Value: "eu"}}}))
	assert.Equal(t, []string{"2026-11-01T09:00:00Z 120/130@2", "excluded@3"}, rows)
	assert.Equal(t, []string{"counts/good-above-total 4:22 /errors"}, diags)
	assert.Equal(t, "the bad count 140 is above the total 130; the row is skipped", all[0].Message)

	rows, diags, _ = drain(t, counts.ReadCSV(strings.NewReader("1762074000,9,10\n1762074060,10,10\n"), "c.csv", counts.Options{}))
	assert.Equal(t, []string{"2025-11-02T09:00:00Z 9/10@1", "2025-11-02T09:01:00Z 10/10@2"}, rows)
	assert.Empty(t, diags)
}

func TestReadCSVHeaderProblems(t *testing.T) {
	_, diags, all := drain(t, counts.ReadCSV(strings.NewReader("when,ok,all\n2026-11-01T09:00:00Z,1,2\n"), "c.csv", counts.Options{}))
	assert.Equal(t, []string{"counts/missing-column 1:0 ", "counts/missing-column 1:0 ", "counts/missing-column 1:0 "}, diags)
	assert.Equal(t, "the header names no total column (total or count); nothing is read", all[1].Message)

	rows, diags, all := drain(t, counts.ReadCSV(strings.NewReader("timestamp,good,bad,total,good\n2026-11-01T09:00:00Z,1,1,2,0\n"), "c.csv", counts.Options{}))
	assert.Equal(t, []string{"counts/duplicate-column 1:16 /bad", "counts/duplicate-column 1:26 /good"}, diags)
	assert.Equal(t, `column "bad" gives the bad count, after "good" gave the good count; the first is read`, all[0].Message)
	assert.Equal(t, []string{"2026-11-01T09:00:00Z 1/2@2"}, rows)

	rows, diags, all = drain(t, counts.ReadCSV(strings.NewReader("timestamp,good,total,region\n2026-11-01T09:00:00Z,1,2,eu\n"), "c.csv",
		counts.Options{Where: []counts.Match{{Label: "regoin", Value: "eu"}}}))
	assert.Empty(t, rows)
	assert.Equal(t, []string{"counts/unknown-label 1:0 "}, diags)
	assert.Equal(t, `the header names no column "regoin", so no row matches regoin=eu; nothing is read`, all[0].Message)
}

func TestReadJSONL(t *testing.T) {
	in := `{"ts": "2026-11-01T09:00:00Z", "good": 120, "total": 130, "region": "eu"}
{"ts": 1762074000, "bad": "3", "count": 13, "labels": {"region": "us", "az": "a"}}
{"ts": "2026-11-01T09:02:00Z", "good": true, "total": 130}
{"ts": "2026-11-01T09:03:00Z", "good": 1, "bad": 0, "total": 2, "region": "eu"}
{"ts": "2026-11-01T09:04:00Z", "total": 2}
{"ts": "2026-11-01T09:05:00Z", "good": 1, "total": 2,}
`
	rows, diags, all := drain(t, counts.ReadJSONL(strings.NewReader(in), "c.jsonl", counts.Options{Where: []counts.Match{{Label: "region", Value: "eu"}}}))
	assert.Equal(t, []string{"2026-11-01T09:00:00Z 120/130@1", "excluded@2", "2026-11-01T09:03:00Z 1/2@4"}, rows)
	assert.Equal(t, []string{
		"counts/bad-count 3:40 /good",
		"counts/duplicate-column 4:43 /bad",
		"counts/missing-value 5:0 ",
		"counts/bad-json 6:54 ",
	}, diags)
	assert.Equal(t, "the good count must be a number or a string, not true; the row is skipped", all[0].Message)

	_, diags, all = drain(t, counts.ReadJSONL(strings.NewReader(`{"ts": 1762074000, "good": 1, "total": 1}`+"\n"), "c.jsonl",
		counts.Options{Where: []counts.Match{{Label: "region", Value: "eu"}}}))
	assert.Equal(t, []string{"counts/unknown-label 0:0 "}, diags)
	assert.Equal(t, `no row has the label "region", so no row matches region=eu`, all[0].Message)
}

const matrix = `{"status":"success","data":{"resultType":"matrix","result":[
{"metric":{"series":"total","region":"eu"},"values":[[1762074000,"130"],[1762074300,"100.5"],[1762074600,"NaN"],[1762074900,"20"]]},
{"metric":{"series":"good","region":"eu"},"values":[[1762074000,"120"],[1762074300,"101"],[1762074600,"1"],[1762075200,"5"]]},
{"metric":{"series":"total","region":"us"},"values":[[1762074000,"10"]]},
{"metric":{"series":"bad","region":"us"},"values":[[1762074000,"1.5"]]},
{"metric":{"region":"ap"},"values":[[1762074000,"1"]]}
]}}
`

func TestReadPrometheus(t *testing.T) {
	rows, diags, all := drain(t, counts.ReadPrometheus(strings.NewReader(matrix), "q.json", counts.Options{}))
	assert.Equal(t, []string{
		"counts/unlabelled-series 6:1 /data/result/4",
		"counts/good-above-total 3:84 /data/result/1/values/1/1",
		"counts/bad-count 2:106 /data/result/0/values/2/1",
		"counts/unpaired-sample 2:113 /data/result/0/values/3",
		"counts/unpaired-sample 3:108 /data/result/1/values/3",
	}, diags)
	assert.Equal(t, `the series {region="ap"} has no label series: say whether it counts good, bad or total with label_replace(..., "series", "good", "", ""); its samples are not read`, all[0].Message)
	assert.Equal(t, `the good count 101 at 2025-11-02T09:05:00Z is above the total 100.5; the sample is skipped (query the bad requests, or both counts from one counter)`, all[1].Message)
	assert.Equal(t, `the total of {region="eu"} at 2025-11-02T09:15:00Z has no good sample at the same instant; it is skipped`, all[3].Message)
	assert.Equal(t, []string{"2025-11-02T09:00:00Z 120/130@2", "2025-11-02T09:00:00Z 8.5/10@4"}, rows)

	rows, _, _ = drain(t, counts.ReadPrometheus(strings.NewReader(matrix), "q.json", counts.Options{Where: []counts.Match{{Label: "region", Value: "us"}}}))
	assert.Equal(t, []string{"excluded@2", "2025-11-02T09:00:00Z 8.5/10@4"}, rows)
}

func TestReadPrometheusShapes(t *testing.T) {
	bare := `[{"metric":{"series":"total"},"values":[[1762074000.5,"2"]]},{"metric":{"series":"good"},"values":[[1762074000.5,"2"]]}]`
	rows, diags, _ := drain(t, counts.ReadPrometheus(strings.NewReader(bare), "q.json", counts.Options{}))
	assert.Empty(t, diags)
	assert.Equal(t, []string{"2025-11-02T09:00:00Z 2/2@1"}, rows)

	for in, want := range map[string]string{
		`{"status":"success","data":{"resultType":"vector","result":[]}}`:  `counts/not-a-matrix 1:42 /data/resultType: the result is a "vector", not the matrix of a range query; nothing is read`,
		`{"status":"error","errorType":"bad_data","error":"parse error"}`:  `counts/not-a-matrix 1:1 /status: the query failed: parse error; nothing is read`,
		`{"status":"success","data":{"resultType":"matrix","result":[],}}`: `counts/bad-json 1:63 : the file is not valid JSON; nothing is read`,
		`"matrix"`: `counts/not-a-matrix 1:1 : the file holds neither a query's response nor a list of series; nothing is read`,
		`[{"metric":{"series":"total"},"value":[1762074000,"2"]}]`: `counts/not-a-matrix 1:39 /0/value: a series with one value is an instant vector, not the matrix of a range query; nothing is read`,
	} {
		rows, _, all := drain(t, counts.ReadPrometheus(strings.NewReader(in), "q.json", counts.Options{}))
		assert.Empty(t, rows, in)
		require.Len(t, all, 1, in)
		d := all[0]
		assert.Equal(t, want, fmt.Sprintf("%s %d:%d %s: %s", d.Rule, d.Pos.Line, d.Pos.Column, d.Path, d.Message), in)
	}

	_, _, all := drain(t, counts.ReadPrometheus(strings.NewReader(matrix), "q.json", counts.Options{MaxFileBytes: 100}))
	require.Len(t, all, 1)
	assert.Equal(t, counts.RuleTooLarge, all[0].Rule)
}

// A total series that only grows is a raw counter.
func TestReadPrometheusCumulative(t *testing.T) {
	var total, good []string
	for i := range 12 {
		at := 1762074000 + 60*i
		total = append(total, fmt.Sprintf(`[%d,"%d"]`, at, 1000+10*i))
		good = append(good, fmt.Sprintf(`[%d,"%d"]`, at, 990+10*i))
	}
	in := `[{"metric":{"series":"total"},"values":[` + strings.Join(total, ",") + `]},{"metric":{"series":"good"},"values":[` + strings.Join(good, ",") + `]}]`
	rows, diags, all := drain(t, counts.ReadPrometheus(strings.NewReader(in), "q.json", counts.Options{}))
	assert.Len(t, rows, 12, "read, and warned about")
	assert.Equal(t, []string{"counts/cumulative-series 1:2 /0"}, diags)
	assert.Equal(t, diag.Warning, all[0].Severity)
}

func TestParseMatch(t *testing.T) {
	m, err := counts.ParseMatch("region=eu-west=1")
	require.NoError(t, err)
	assert.Equal(t, counts.Match{Label: "region", Value: "eu-west=1"}, m)
	assert.Equal(t, "region=eu-west=1", m.String())
	_, err = counts.ParseMatch("=eu")
	assert.Error(t, err)
	_, err = counts.ParseMatch("region")
	assert.EqualError(t, err, `counts: "region" is not label=value`)
}

func TestCollectAndAfterNow(t *testing.T) {
	in := "timestamp,good,total\n2026-11-01T09:00:00Z,1,2\n2026-11-01T09:01:00Z,x,2\n2026-11-01T10:00:00Z,2,2\n"
	c, err := counts.Collect(counts.ReadCSV(strings.NewReader(in), "c.csv", counts.Options{}), "c.csv", 10)
	require.NoError(t, err)
	assert.Len(t, c.Counts, 2)
	assert.Equal(t, 1, c.Skipped)
	assert.Equal(t, 1, c.Errors)
	assert.Equal(t, 4, c.Line(1))
	found, more := c.AfterNow(time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC))
	assert.Zero(t, more)
	require.Len(t, found, 1)
	assert.Equal(t, "c.csv:4: warning: the counts at 2026-11-01T10:00:00Z are at or after the instant evaluated, 2026-11-01T09:30:00Z; they are not counted [counts/after-now]", found[0].String())
}

// A stream read under MaxStreamBytes stops at the line the limit cuts,
// with a finding there; the rows before it are kept. JSON Lines alike.
func TestStreamLimit(t *testing.T) {
	row := "2026-11-01T09:00:00Z,1,2\n" // 25 bytes
	in := "timestamp,good,total\n" + strings.Repeat(row, 10)
	c, err := counts.Collect(counts.ReadCSV(strings.NewReader(in), "c.csv", counts.Options{MaxStreamBytes: 21 + 3*25 + 5}), "c.csv", 10)
	require.NoError(t, err)
	assert.Len(t, c.Counts, 3)
	require.Len(t, c.Problems, 1)
	assert.Equal(t, "c.csv:5: error: the input goes on past the limit of 101 bytes (Options.MaxStreamBytes; slo eval -max-stream-bytes): reading stopped at this line, and nothing after it is counted [counts/stream-limit]", c.Problems[0].String())
	assert.Equal(t, 1, c.Errors)

	line := `{"ts":"2026-11-01T09:00:00Z","good":1,"total":2}` + "\n" // 50 bytes
	c, err = counts.Collect(counts.ReadJSONL(strings.NewReader(strings.Repeat(line, 10)), "c.jsonl", counts.Options{MaxStreamBytes: 120}), "c.jsonl", 10)
	require.NoError(t, err)
	assert.Len(t, c.Counts, 2)
	require.Len(t, c.Problems, 1)
	assert.Equal(t, counts.RuleStreamLimit, c.Problems[0].Rule)
	assert.Equal(t, 3, c.Problems[0].Pos.Line)
}

func TestRules(t *testing.T) {
	rules := counts.Rules()
	require.Len(t, rules, 17)
	for i, r := range rules {
		require.NoError(t, r.Validate(), r.ID)
		assert.True(t, strings.HasPrefix(r.ID, "counts/"), r.ID)
		if i > 0 {
			assert.Less(t, rules[i-1].ID, r.ID)
		}
	}
}

// A configuration re-grades the problems of reading and the findings of
// AfterNow, or turns their rules off; the rows skipped are counted all
// the same.
func TestCollectGraded(t *testing.T) {
	in := "timestamp,good,total\n2026-11-01T09:00:00Z,1,2\n2026-11-01T09:01:00Z,x,2\n2026-11-01T09:02:00Z,3,2\n2026-11-01T10:00:00Z,2,2\n2026-11-01T11:00:00Z,2,2\n"
	grade := func(d diag.Diagnostic) (diag.Diagnostic, bool) {
		switch d.Rule {
		case counts.RuleBadCount:
			d.Severity = diag.Warning
		case counts.RuleGoodAboveTotal:
			return d, false
		case counts.RuleAfterNow:
			d.Severity = diag.Error
		}
		return d, true
	}
	c, err := counts.CollectGraded(counts.ReadCSV(strings.NewReader(in), "c.csv", counts.Options{}), "c.csv", 10, grade)
	require.NoError(t, err)
	assert.Len(t, c.Counts, 3)
	assert.Equal(t, 2, c.Skipped, "rows skipped whatever the configuration says")
	require.Len(t, c.Problems, 1)
	assert.Equal(t, `c.csv:3:22: warning: the good count "x" is not a number; the row is skipped [counts/bad-count]`, c.Problems[0].String())
	assert.Zero(t, c.Errors, "the bad count is a warning now, and good-above-total is off")

	found, more := c.AfterNow(time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC))
	assert.Zero(t, more)
	require.Len(t, found, 2)
	assert.Equal(t, "c.csv:5: error: the counts at 2026-11-01T10:00:00Z are at or after the instant evaluated, 2026-11-01T09:30:00Z; they are not counted [counts/after-now]", found[0].String())
	assert.Equal(t, 6, found[1].Pos.Line)

	off := func(d diag.Diagnostic) (diag.Diagnostic, bool) { return d, d.Rule != counts.RuleAfterNow }
	c, err = counts.CollectGraded(counts.ReadCSV(strings.NewReader(in), "c.csv", counts.Options{}), "c.csv", 1, off)
	require.NoError(t, err)
	found, more = c.AfterNow(time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC))
	assert.Empty(t, found)
	assert.Zero(t, more, "a rule turned off is not counted as more either")
}
