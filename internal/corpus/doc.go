// Package corpus holds no code: its test runs the bad-input corpus in
// testdata/corpus at the root of the module.
//
// Each file of the corpus is one kind of bad input in one of the formats
// opsdesign reads: design YAML and JSON, OpenSLO, the business-time
// durations, calendars and schedules written inside design documents, the
// .opsdesign.yaml configuration, baselines, ticket exports as CSV and JSON
// Lines, the events files of slo eval (*.events.csv, *.events.jsonl) and
// its counts files (*.counts.csv, *.counts.jsonl, and *.counts.json for a
// Prometheus range query's result). testdata/corpus/manifest.yaml says,
// one line per file, every
// finding it must produce: its rule ID, line, column and JSON pointer. The
// test hands each file to the public entry point of its format, chosen by the
// file's name, and fails on any finding missing or unexpected, and on a panic.
//
// Adding a case is one file and one line of the manifest.
package corpus
