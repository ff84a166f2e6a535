package counts

import (
	"cmp"
	"slices"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// The IDs of the problems the readers report. They are stable: tests,
// configurations and dashboards may match on them.
const (
	RuleBadCSV           = "counts/bad-csv"
	RuleBadJSON          = "counts/bad-json"
	RuleRowTooLong       = "counts/row-too-long"
	RuleTooLarge         = "counts/file-too-large"
	RuleMissingColumn    = "counts/missing-column"
	RuleDuplicateColumn  = "counts/duplicate-column"
	RuleMissingValue     = "counts/missing-value"
	RuleBadTime          = "counts/bad-time"
	RuleBadCount         = "counts/bad-count"
	RuleGoodAboveTotal   = "counts/good-above-total"
	RuleUnknownLabel     = "counts/unknown-label"
	RuleNotMatrix        = "counts/not-a-matrix"
	RuleUnlabelledSeries = "counts/unlabelled-series"
	RuleUnpaired         = "counts/unpaired-sample"
	RuleCumulative       = "counts/cumulative-series"
	RuleAfterNow         = "counts/after-now"
	RuleStreamLimit      = "counts/stream-limit"
)

// Rules returns the documentation of every problem the readers and
// Collection.AfterNow report, in ID order. The readers report them, not a
// catalog.Linter, so their Run is nil: list them with the catalog's rules
// to document them. The slice is new on every call.
func Rules() []diag.RuleInfo {
	rules := []diag.RuleInfo{
		{ID: RuleBadCSV, Severity: diag.Error, Doc: "A CSV line of counts that is not valid CSV: a quote inside an unquoted field, text after a closing quote, or a quote left open at the end of the line. The line is skipped and the rest of the file is read.\n\n\t2026-11-01T09:00:00Z,\"120,130   # the quote is never closed"},
		{ID: RuleBadJSON, Severity: diag.Error, Doc: "A line of a JSON Lines file of counts that is not a JSON object, or a Prometheus file that is not JSON, reported at the character where the JSON goes wrong. The line is skipped; nothing of a Prometheus file is read.\n\n\t{\"ts\": \"2026-11-01T09:00:00Z\", \"good\": 120, \"total\": 130,}   # trailing comma"},
		{ID: RuleRowTooLong, Severity: diag.Error, Doc: "A line longer than the reader's byte limit (Options.MaxRowBytes, 1 MiB by default). It is skipped without being held in memory, so one runaway line cannot exhaust it; the rest of the file is read."},
		{ID: RuleTooLarge, Severity: diag.Error, Doc: "A Prometheus file larger than the reader's limit (Options.MaxFileBytes, 256 MiB by default). The file is read whole to pair its series, so nothing of it is read: query a shorter range or a longer step."},
		{ID: RuleMissingColumn, Severity: diag.Error, Doc: "The CSV header names no timestamp column, no total column, or neither a good nor a bad column, under any name the reader knows. No row can be read: rename the column or fix the export.\n\n\twhen,ok,all   # write timestamp, good and total"},
		{ID: RuleDuplicateColumn, Severity: diag.Warning, Doc: "A CSV header, a JSON Lines row or a group of Prometheus series gives the same value twice: two timestamp columns, a good and a bad count, two total series with the same labels. The first is read and the other ignored, which is seldom what the export meant.\n\n\ttimestamp,good,bad,total   # good is read, bad ignored"},
		{ID: RuleMissingValue, Severity: diag.Error, Doc: "A row without a timestamp, a total, or a good or bad count, or with an empty value in a column the header names. The row is skipped rather than counted on a guess.\n\n\ttimestamp,good,total\n\t2026-11-01T09:00:00Z,,130   # how many were good?"},
		{ID: RuleBadTime, Severity: diag.Error, Doc: "A timestamp that is not RFC 3339, \"YYYY-MM-DD hh:mm:ss\" (UTC) or Unix seconds from 1970 on. The row or sample is skipped.\n\n\t2026-11-01T25:00:00Z,120,130   # hour 25"},
		{ID: RuleBadCount, Severity: diag.Error, Doc: "A count that is not a finite number at least 0: text, a negative number, NaN or an infinity (a Prometheus division by zero yields NaN). The row or sample is skipped.\n\n\t2026-11-01T09:00:00Z,120,NaN"},
		{ID: RuleGoodAboveTotal, Severity: diag.Error, Doc: "A good count above its total, or a bad count above it: the counts contradict each other, so the row is skipped rather than clamped. In a Prometheus query, increase() extrapolates each series on its own; query the bad requests with the total, or both from one counter.\n\n\t2026-11-01T09:00:00Z,131,130"},
		{ID: RuleUnknownLabel, Severity: diag.Error, Doc: "A -where condition names a label no row or series has (no CSV column, no JSON key, no label of a series), so no row can match and nothing would be counted: usually a typo in the label's name.\n\n\topsdesign slo eval -counts counts.csv -where regoin=eu ..."},
		{ID: RuleNotMatrix, Severity: diag.Error, Doc: "A Prometheus file that is not the result of a range query: an instant vector or a scalar, a failed query (status error), or JSON of another shape. Nothing is read: query /api/v1/query_range, not /api/v1/query."},
		{ID: RuleUnlabelledSeries, Severity: diag.Error, Doc: "A series of a Prometheus file without a series label saying good, bad or total, so the reader cannot tell what it counts. Its samples are not read: add the label in the query.\n\n\tlabel_replace(sum(increase(http_requests_total[5m])), \"series\", \"total\", \"\", \"\")"},
		{ID: RuleUnpaired, Severity: diag.Error, Doc: "A Prometheus sample without its partner: a total without a good or bad sample at the same instant, or the other way round, or a group of series with no total or no good or bad series at all. The sample is skipped: a count needs both. Query both series over the same range and step."},
		{ID: RuleCumulative, Severity: diag.Warning, Doc: "A total series of a Prometheus file that never decreases over ten samples or more: it looks like a raw counter, whose samples are running sums, so each would be counted again and again. Query the increase over the step instead.\n\n\tsum(increase(http_requests_total[5m]))   # with step=5m"},
		{ID: RuleStreamLimit, Severity: diag.Error, Doc: "A CSV or JSON Lines file of counts that is a stream (a FIFO, a pipe, /dev/stdin) goes on past the reader's byte limit (Options.MaxStreamBytes; slo eval reads a stream up to 1 GiB, or -max-stream-bytes). " +
			"Reading stops at the line the limit cuts, so a stream that never ends cannot exhaust memory; nothing after it is counted, and the evaluation fails rather than report on part of the input as if it were all."},
		{ID: RuleAfterNow, Severity: diag.Warning, Doc: "A row of counts at or after the instant the evaluation is made as of (-now): it is not counted. Reported at its line so that a -now given by mistake, or a clock ahead, is seen."},
	}
	slices.SortFunc(rules, func(a, b diag.RuleInfo) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// severityOf returns the severity of one of this package's rules.
func severityOf(id string) diag.Severity {
	switch id {
	case RuleDuplicateColumn, RuleCumulative, RuleAfterNow:
		return diag.Warning
	}
	return diag.Error
}
