// Package eventlog reads the events a request-based service-level
// objective is measured on: one record per request, when it happened and
// whether it went well or how long it took, from CSV or JSON Lines. It is
// what `opsdesign slo eval` reads, and the entry point for a program of
// your own that evaluates an slo.Objective on a request log.
//
// # Formats
//
// CSV: the first record may be a header naming the columns; it is a
// header when its first field is not a timestamp. The names are matched
// without regard to case or surrounding spaces, and a byte-order mark
// before the first is ignored:
//
//   - the timestamp: timestamp, time, at or ts;
//   - good or bad: good, ok, status, outcome or success;
//   - a latency: latency, duration or elapsed (a Go duration such as
//     "120ms", or a number of milliseconds); latency_ms, latencyms or
//     duration_ms (a number of milliseconds only).
//
// Other columns are ignored. Without a header the columns are the
// timestamp, then the outcome: good/bad, or else a latency. A field may be
// quoted as in RFC 4180, but a record is one line: a quote left open at
// the end of a line is an error of that line alone, so one stray quote
// cannot swallow the rest of the file.
//
// JSON Lines: one object per line, with the keys named as the CSV columns;
// other keys are ignored and a null value counts as absent. A timestamp
// may be a string or a number (Unix seconds), good/bad a boolean, a string
// or 1/0, a latency a string or a number.
//
// Timestamps are RFC 3339, "YYYY-MM-DD hh:mm:ss" (read as UTC) or Unix
// seconds, possibly with a fraction, from 1970 on. Outcomes are
// true/false, 1/0, good/bad, ok/error, success/failure, pass/fail or
// yes/no, in any case. A record that gives a latency but no good/bad is
// Good: an objective with a latency threshold judges it by its latency.
//
// # Problems
//
// ReadCSV and ReadJSONL yield records one at a time as an iter.Seq2, so a
// log of any size is read in the memory of one line. A record that cannot
// be read yields a diag.Diagnostic as the error instead, with the file,
// the line, the character column of the value at fault (0 when the
// problem is the whole line) and, for a value of a named column or key,
// its JSON pointer ("/latency_ms"); the rest of the file is still read.
// A diagnostic of severity Error means its line was skipped; a Warning
// (events/duplicate-column) leaves the records read. Every rule is
// documented by Rules. Any other error, reading the io.Reader, ends the
// sequence.
//
// A line longer than Options.MaxRowBytes (1 MiB by default) is skipped
// without being held in memory (events/row-too-long). Both readers take
// a file in UTF-8, a byte-order mark ignored, or in UTF-16 as Excel saves
// "Unicode text" (decoded, positions in the characters of the text), with
// lines ended by "\n", "\r\n" or a lone "\r". They read through
// internal/record, as package ticket's importers do.
//
// # Collecting
//
// Collect reads a log to the end into memory, as `slo eval` does: the
// events, whether any record gave good/bad or a latency, the records
// skipped, and the first problems (the others counted). Collection.Suits
// refuses an objective the events cannot be judged by (a latency threshold
// with no latency read), which would otherwise count every event as good.
// CollectGraded grades each problem as a configuration file says.
//
// Every record knows where its timestamp is (Record.Pos, Record.Path),
// and a Collection where each of its events' is (Collection.Where), so
// that once slo.Objective.Evaluation has chosen the period,
// Collection.Findings reports at its timestamp every event the
// evaluation did not count for its time: one far outside the others
// (events/far-from-others: a mistyped year must not move the period)
// and one at or after the instant evaluated (events/after-now).
package eventlog
