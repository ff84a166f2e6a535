// Package conctest holds no code: its test shares one loaded design and one
// ticket export among many goroutines, under the race detector, and checks
// that every goroutine gets exactly what a single goroutine gets.
//
// What it exercises is what catalog's package doc promises in its
// Concurrency section: a loaded Design, a Linter, the Roster and its
// Coverage, Scorecard.Evaluate, rendering, Objective evaluation,
// openslo.Export and Convert, and a ticket.Classifier shared by concurrent ticket
// streams, each with its own Review, Inventory and Stale.
package conctest
