// Package catalog loads operations designs written as YAML or JSON, keeps
// the source position of every value, validates each document against its
// kind's schema, builds the typed model of the whole design, and runs rules
// over it.
//
// # From a YAML file to a diagnostic
//
//  1. [Load], [LoadFS] or [Parse] read files (load.go). Each file is split
//     into documents and parsed with positions by internal/yamlx, which
//     also reports YAML problems: syntax, duplicate keys, YAML 1.1
//     booleans, anchors and merge keys, and the input limits.
//  2. Each opsdesign/v1 document is validated against the embedded JSON
//     Schema of its kind (schema.go, schemas/*.json); every schema error is
//     mapped to the key or value it concerns.
//  3. The documents become the typed model (model.go and one file per
//     further kind): [Service], [Role], [Person], [Team], [Settings],
//     [Objective], [Calendar], [Scorecard], [TicketPolicy] and the OpenSLO
//     objects, indexed by kind and name in a [Design]. Every model element
//     carries the JSON pointer of its value. A TicketMapping is validated
//     and indexed but has no model here: package ticket reads it.
//  4. A [Linter] runs [Rule] values over the Design (rule.go, lint.go). A
//     rule reports through its [Pass] by JSON pointer; [Document.At] turns
//     the pointer into a file, line and column. The built-in rules are in
//     package catalog/rules, one file per group beside its test and
//     fixtures (lifecycle/missing-event: catalog/rules/lifecycle.go), and
//     written against this package's public API as a team's own rules
//     are: give them to the Linter with rules.All(). The catalog's own
//     rules, what loading finds and what the Linter reports about its
//     rules, configuration and suppressions, are documented by
//     [LoaderRules] and [EngineRules] (ruletables.go).
//  5. Configuration re-grades or disables rules, for every file or, with
//     an [Override], for the files its globs match (override.go; the
//     catalog/config package reads it from .opsdesign.yaml), inline
//     comments suppress single findings (suppress.go), and the result is a
//     sorted [Diagnostics] list. Package catalog/report writes the list as
//     text, JSON, SARIF or GitHub annotations.
//
// Package catalog/rules also keeps the one registry of every rule the
// product reports (rules.Registry): the rules command, docs/rules.md,
// SARIF metadata and configuration validation read it.
//
// # Documents
//
// Every document has the envelope Kubernetes, Backstage and OpenSLO users
// know:
//
//	apiVersion: opsdesign/v1
//	kind: Service
//	metadata:
//	  name: member-card
//	  title: 会員カード
//	spec: ...
//
// References between documents are written "kind:name" ("role:ops-manager")
// or as a bare name where it is unambiguous. Anything that does not apply
// is written `notApplicable: <reason>`: explicit is covered, silent is a gap.
//
// # Design settings
//
// One Settings document per design tunes the built-in rules, and
// [Design.Settings] holds what is in force, defaults included
// (settings.go documents each setting): cost attribution, how old a
// restore test may be (judged against [Linter].Now), where a catch-all
// request type may exist and who may own it, the cloud the design runs
// on, and the roster's zone, period and limits.
//
// # Service levels and OpenSLO
//
// Objective and Calendar documents (objective.go, calendar.go) map onto
// package slo: [Design.Objectives] holds every [Objective] with its domain
// objective embedded and its calendar resolved, [Design.Calendars] every
// [Calendar]. OpenSLO documents of every version users have (openslo.go,
// openslo_versions.go) are validated against schemas written from each
// version's specification (schemas/openslo/v1alpha, v1 and v2alpha), one
// per YAML document or as a list the go-sdk writes; [Design.OpenSLO]
// holds them in one model, each SLO objective of any version joins
// Design.Objectives, and references between them are checked across
// files, within a version. Values that cannot be read are kept as
// [Objective.Problems] and [Calendar.Problems]; the slo/ and openslo/ rules
// of package catalog/rules report them and the findings of
// slo.Objective.Check where the objective writes the part at fault. The
// loader reports the points where an OpenSLO specification and its go-sdk
// disagree as warnings (openslo_check.go for v1, internal/openslospec for
// v1alpha and v2alpha; package catalog/openslo lists them), and an
// apiVersion that is a typo (apiversion.go) as a warning that still checks
// the document as the version it reads best as. Package catalog/openslo
// converts between versions and exports objectives as OpenSLO.
//
// # Ticket policies
//
// TicketPolicy documents (ticketpolicy.go) say how a team treats its
// tickets: stale, rotten and force-closed after so many business days on a
// Calendar, exemptions, whose activity counts, and the SLA clocks' policy
// on severity changes and reopenings. [Design.TicketPolicies] holds them;
// the ticketpolicy/ rules of package catalog/rules check them, and package
// ticket applies them.
//
// # Memory
//
// A loaded Design keeps what its rules and its users read, for as long as
// it is held, and nothing more:
//
//   - every document's Value: the plain data that rules and linters walk
//     (text/hidden-character reads every string of it), that package
//     catalog/diff compares and catalog/openslo writes back;
//   - one compact position tree per document, 40 bytes a node, from which
//     Document.At, KeyAt and Text answer and MarshalYAML writes the
//     document as it was written. The yaml.Node trees they are copied from
//     are released as each document is read;
//   - the model: services, objectives, OpenSLO objects and their indexes.
//
// The bytes of the files are not kept, but the strings of values and
// trees share one copy of each document's text where the text holds them
// as written. On the generated inputs of the benchmarks, a design keeps
// about 13 bytes per byte of its source (10,000 services) and 20 for
// 10,000 small OpenSLO documents, whose many small mappings cost more per
// byte: a Go map of up to eight members takes 336 bytes.
// BenchmarkLint10k and BenchmarkOpenSLO10k report the figure as
// retained/B. A whole `opsdesign lint` of the same inputs peaks at about
// 20 and 23 to 25 times the source (internal/procbench); the README's
// performance section says where that was measured.
//
// A design that is no longer referenced is freed whole: no cache holds it.
//
// # Concurrency
//
// Loading and linting use all CPUs. Once loaded, a design is shared freely:
// internal/conctest runs every operation below from many goroutines at once
// under the race detector and compares each result with a sequential one.
//
//   - A Design, with its Documents, model and Settings, is read-only once
//     loaded and may be shared by any number of goroutines. Nothing of it may
//     be modified afterwards: not Document.Value, not the exported slices.
//     Its few lazy parts (the Roster, built once on first use; compiled
//     schemas) are built under synchronisation.
//   - A Linter is safe for concurrent use, on one design or several, provided
//     its fields are not changed while it lints. Each Pass belongs to one rule
//     on one goroutine.
//   - The Roster from Design.Roster is shared: Coverage may be called
//     concurrently, as may Report, Period, Person and Task. Coverage computes and
//     keeps its results under a lock, so a range is computed once and calls
//     for different ranges wait for each other; the roles.Coverage it
//     returns is shared. It, the rosters in the Roster's fields and the one
//     StandingFor returns must not be modified.
//   - Scorecard.Evaluate, package render and catalog/openslo only read
//     the design.
//   - An Objective is a plain value: EvaluateEvents, EvaluateOutcomes, Check
//     and Findings do not modify it. A Calendar's slo.Calendar is immutable.
//   - In package ticket, a Classifier is safe for concurrent use. A ticket
//     sequence from ReadCSV or ReadJSONL reads its own reader on one
//     goroutine at a time, and a Review, Inventory or Stale is not safe for
//     concurrent use: give each stream its own (ticket.Process never calls
//     sinks concurrently).
package catalog
