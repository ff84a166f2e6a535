// Package sloreport reports on the service-level objectives of a design,
// as `opsdesign slo check` and `opsdesign slo eval` do, for a program of
// your own:
//
//   - [NewCheck] lists every objective with its alert tiers ([Summarize])
//     beside the findings about service levels ([Findings]: those of the
//     slo/ and openslo/ rules, and any other finding inside an Objective,
//     Calendar or OpenSLO document); [Check.WriteText] writes it for
//     people, and its struct tags give its JSON form.
//   - [EventObjective] gives the domain objective an objective of the
//     design is evaluated over events as, with its calendar and alert tiers
//     as the design says, and [Evaluate] evaluates it over an event log
//     collected by eventlog.Collect into an slo.Evaluation, which writes
//     itself as text.
//
// The domain arithmetic lives in package slo and the reading of event logs
// in slo/eventlog; this package binds them to the design's documents.
package sloreport
