package eventlog

import (
	"cmp"
	"slices"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// The IDs of the problems the readers report. They are stable: tests,
// configurations and dashboards may match on them.
const (
	RuleBadCSV          = "events/bad-csv"
	RuleBadJSON         = "events/bad-json"
	RuleRowTooLong      = "events/row-too-long"
	RuleMissingColumn   = "events/missing-column"
	RuleDuplicateColumn = "events/duplicate-column"
	RuleMissingValue    = "events/missing-value"
	RuleBadTime         = "events/bad-time"
	RuleBadOutcome      = "events/bad-outcome"
	RuleBadLatency      = "events/bad-latency"
	RuleFarFromOthers   = "events/far-from-others"
	RuleAfterNow        = "events/after-now"
	RuleStreamLimit     = "events/stream-limit"
)

// Rules returns the documentation of every problem the readers report, in
// ID order. The readers report them, not a catalog.Linter, so their Run is
// nil: list them with the catalog's rules to document them, or give them
// to report.WriteRules. The slice is new on every call.
func Rules() []diag.RuleInfo {
	rules := []diag.RuleInfo{
		{ID: RuleBadCSV, Severity: diag.Error, Doc: "A CSV line that is not valid CSV: a quote inside an unquoted field, text after a closing quote, or a quote left open at the end of the line (a record is one line). The line is skipped and the rest of the file is read.\n\n\t2026-11-01T09:00:00Z,\"good   # the quote is never closed"},
		{ID: RuleBadJSON, Severity: diag.Error, Doc: "A line of a JSON Lines file that is not a JSON object, reported at the character where the JSON goes wrong. The line is skipped and the rest of the file is read.\n\n\t{\"ts\": \"2026-11-01T09:00:00Z\", \"good\": true,}   # trailing comma"},
		{ID: RuleRowTooLong, Severity: diag.Error, Doc: "A line longer than the reader's byte limit (Options.MaxRowBytes, 1 MiB by default). It is skipped without being held in memory, so one runaway line cannot exhaust it; the rest of the file is read."},
		{ID: RuleMissingColumn, Severity: diag.Error, Doc: "The CSV header names no timestamp column, or neither a good/bad nor a latency column, under any name the reader knows. No record can be read: rename the column or fix the export. The first record is a header whenever its first field is not a timestamp, so a file without a header whose first timestamp is broken ends here too.\n\n\twhen,latency_ms   # \"when\" is not a timestamp column's name: write timestamp, time, at or ts"},
		{ID: RuleDuplicateColumn, Severity: diag.Warning, Doc: "A CSV header or a JSON Lines record gives the same value twice, under one name or two (ts and timestamp, latency and latency_ms). The first is read and the other ignored, which is seldom what the export meant.\n\n\t{\"ts\": \"2026-11-01T09:00:00Z\", \"time\": \"2026-11-01T18:00:00+09:00\", \"good\": true}"},
		{ID: RuleMissingValue, Severity: diag.Error, Doc: "A record without a timestamp, or with no outcome at all, or with an empty value in a column the header names: an event that cannot be placed in time or judged. The record is skipped rather than counted as good or bad.\n\n\ttimestamp,good\n\t2026-11-01T09:00:00Z,   # good or bad?"},
		{ID: RuleBadTime, Severity: diag.Error, Doc: "A timestamp that is not RFC 3339, \"YYYY-MM-DD hh:mm:ss\" (UTC) or Unix seconds from 1970 on. The record is skipped.\n\n\t2026-11-01T25:00:00Z,good   # hour 25"},
		{ID: RuleBadOutcome, Severity: diag.Error, Doc: "An outcome that is not good or bad (true/false, 1/0, good/bad, ok/error, success/failure, pass/fail, yes/no), or, in a file without a header, neither that nor a latency. An HTTP status code is not an outcome: map it to good/bad when exporting. The record is skipped.\n\n\ttimestamp,status\n\t2026-11-01T09:00:00Z,503"},
		{ID: RuleBadLatency, Severity: diag.Error, Doc: "A latency that is not a duration such as 120ms or a number of milliseconds (only a number in a latency_ms column), or that is negative or beyond 10^12 ms. The record is skipped rather than judged on a guess.\n\n\ttimestamp,latency_ms\n\t2026-11-01T09:00:00Z,120ms   # the column already says milliseconds: write 120"},
		{ID: RuleFarFromOthers, Severity: diag.Error, Doc: "An event whose time lies far outside the other events of the log, as a mistyped year (2099 for 2026) or a clock at zero (1970) puts it. " +
			"It is not counted, and it does not choose the period: without this rule one such row moved the evaluated period to its own date and left every real event out of it. " +
			"Far is Tukey's far-out fence with a floor of one period: with the n ≥ 4 times in order, Q1 and Q3 are those at the 0-based ranks ⌊(n−1)/4⌋ and ⌊3(n−1)/4⌋, the fence is the larger of 3×(Q3−Q1) and the longest period of the objective's window (its length when it rolls; 7, 31 or 92 days for a week, month or quarter), " +
			"and an event before Q1 − fence or after Q3 + fence is far. With fewer than four events nothing is far. Reported at the event's timestamp; slo.FarEvents computes it.\n\n" +
			"\ttimestamp,good\n\t2026-11-01T09:00:00Z,false\n\t2026-11-01T09:00:01Z,false\n\t2026-11-01T09:00:02Z,false\n\t2099-11-01T09:00:03Z,true   # far: not counted"},
		{ID: RuleStreamLimit, Severity: diag.Error, Doc: "An events file that is a stream (a FIFO, a pipe, /dev/stdin) goes on past the reader's byte limit (Options.MaxStreamBytes; slo eval reads a stream up to 1 GiB, or -max-stream-bytes). " +
			"Reading stops at the line the limit cuts, so an endless stream cannot run the evaluation forever without a word; the events read before it are evaluated and the report says the log was cut. A regular file is read to its end."},
		{ID: RuleAfterNow, Severity: diag.Warning, Doc: "An event at or after the instant the log is evaluated at (slo eval -now): it happened after the report's instant, so it is not counted. " +
			"The report counts such events apart from those before and inside the period; evaluate without -now, or later, to count them. Reported at the event's timestamp.\n\n" +
			"\t# slo eval -now 2026-11-01T10:00:00Z\n\t2026-11-01T10:00:00Z,good   # at the instant: not counted"},
	}
	slices.SortFunc(rules, func(a, b diag.RuleInfo) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// severityOf returns the severity of one of this package's rules.
func severityOf(id string) diag.Severity {
	if id == RuleDuplicateColumn || id == RuleAfterNow {
		return diag.Warning
	}
	return diag.Error
}
