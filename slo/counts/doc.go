// Package counts reads pre-aggregated counts for service-level objectives:
// what a team's metrics already hold, good and total requests per minute
// or per step, rather than one record per request. It reads three
// formats, each into slo.Count values, with every row that cannot be
// read a positioned diagnostic (rule IDs "counts/...", documented by
// Rules), as package slo/eventlog reads request logs:
//
//   - CSV (ReadCSV) and JSON Lines (ReadJSONL) of a timestamp, good or bad,
//     and total, with any other columns or keys as labels;
//   - the JSON result of a Prometheus range query (ReadPrometheus), a
//     matrix of good (or bad) and total series.
//
// # CSV and JSON Lines
//
// A CSV file starts with a header naming its columns, matched without
// regard to case or surrounding space: the timestamp (timestamp, time, at
// or ts), the good count (good) or the bad count (bad or errors), and the
// total (total or count). Every other column is a label. A file whose
// first field is a timestamp has no header: its columns are the
// timestamp, the good count and the total. A JSON Lines file holds one
// object per line with the same keys; other keys with a string, number or
// boolean value are labels, and so are the members of a "labels" or
// "metric" object. Timestamps are read as by slo/eventlog: RFC 3339,
// "YYYY-MM-DD hh:mm:ss" in UTC, or Unix seconds.
//
// Counts are numbers, not necessarily whole (a metric's increase rarely
// is), at least 0, with good at most total. A row places its counts at its
// timestamp, as an event is placed: write the instant the counts were
// taken, normally the end of the interval they cover.
//
// # Prometheus
//
// ReadPrometheus reads what the HTTP API's /api/v1/query_range returns
// (the whole response, or its data object), or the bare list of series
// (promtool query range -o json). Each series says what it counts with a
// label named series, good, bad or total, which label_replace adds to a
// query's result:
//
//	label_replace(sum(increase(http_requests_total{code!~"5.."}[5m])), "series", "good", "", "")
//	  or label_replace(sum(increase(http_requests_total[5m])), "series", "total", "", "")
//
// Query increases over the step (increase(x[5m]) with step=5m), so that
// consecutive samples do not overlap; a total series that never decreases
// is taken for a raw counter and reported (counts/cumulative-series).
// Series with the same other labels are paired by timestamp into one
// count each; a sample without its partner is reported.
//
// # Labels and -where
//
// Options.Where keeps the rows whose labels match every label=value it
// holds; the others are yielded as Excluded, so that a report can say how
// many rows it left out. A label no row has is reported
// (counts/unknown-label): nothing could match.
//
// # Limits
//
// A line longer than Options.MaxRowBytes is skipped without being held
// (counts/row-too-long); a Prometheus file is read whole, up to
// Options.MaxFileBytes; a CSV or JSON Lines stream that may not end is read
// up to Options.MaxStreamBytes (counts/stream-limit).
//
// # Collecting
//
// Collect reads a sequence to the end into a Collection: the counts, the
// rows excluded and skipped, the first problems, and where each count's
// row is, so that AfterNow can report the rows an evaluation did not
// count because they lie at or after its instant.
package counts
