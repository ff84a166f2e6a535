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
//     carries the JSON pointer of its value.
//  4. A [Linter] runs [Rule] values over the Design (rule.go, lint.go). A
//     rule reports through its [Pass] by JSON pointer; [Document.At] turns
//     the pointer into a file, line and column. Built-in rules live in
//     rules_<group>.go and are registered in rules.go.
//  5. Configuration re-grades or disables rules, for every file or, with
//     an [Override], for the files its globs match (override.go; the
//     catalog/config package reads it from .opsdesign.yaml), inline
//     comments suppress single findings (suppress.go), and the result is a
//     sorted [Diagnostics] list. Package catalog/report writes the list as
//     text, JSON, SARIF or GitHub annotations.
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
// # Operations rules and design settings
//
// The ops/ rules (rules_ops*.go) check the method design (monitors,
// backups, schedules) and the business design (the standard categories
// of operations work, the cloud's extra work, each task's trigger, action,
// owner and cost) and the catalog's promises (catch-all request types,
// ticketed channels, states, value and customers). One Settings document
// per design tunes them, and [Design.Settings] holds what is in force,
// defaults included:
//
//   - costAttribution: optional (the default), required (every service
//     that is not retired states hoursPerMonth or costPerMonth) or
//     per-task (every such task too); rule ops/cost-missing.
//   - restoreTestMaxAge: how long ago a restore may last have been tested,
//     "365d" by default ("26w", "6mo", "1y"); rule ops/restore-test-stale,
//     judged against [Linter].Now.
//   - catchAll: per-catalog (the default) or per-service, where at most
//     one catch-all request type may exist; rule ops/catch-all-duplicate.
//   - catchAllOwnerTiers: the tiers a catch-all's owner must hold,
//     overall-management and overall-optimisation by default; rule
//     ops/catch-all-owner.
//   - cloud: {provider, contact} when the whole design runs on one
//     provider; services without a cloud of their own then owe the cloud
//     work of rule ops/cloud-work-missing. Whether a single service runs
//     in the cloud is its own spec.cloud.
//
// # Service levels and OpenSLO
//
// Objective and Calendar documents (objective.go, calendar.go) map onto
// package slo: [Design.Objectives] holds every [Objective] with its domain
// objective embedded and its calendar resolved, [Design.Calendars] every
// [Calendar]. OpenSLO v1 documents (openslo.go) are validated against
// schemas written from the OpenSLO specification (schemas/openslo), one per
// YAML document or as a list the go-sdk writes; [Design.OpenSLO] holds
// them, each SLO objective joins Design.Objectives, and references between
// them are checked across files. The slo/ and openslo/ rules
// (rules_slo*.go) report the findings of slo.Objective.Check where the
// objective writes the part at fault, and the points where the OpenSLO
// specification and its go-sdk disagree as warnings. [Design.ExportOpenSLO]
// writes objectives back as OpenSLO v1.
//
// # Ticket policies
//
// TicketPolicy documents (ticketpolicy.go) say how a team treats its
// tickets: stale, rotten and force-closed after so many business days on a
// Calendar, exemptions, whose activity counts, and the SLA clocks' policy
// on severity changes and reopenings. [Design.TicketPolicies] holds them;
// the ticketpolicy/ rules check them, and package ticket applies them.
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
//   - Scorecard.Evaluate, Design.ExportOpenSLO and package render only read
//     the design.
//   - An Objective is a plain value: EvaluateEvents, EvaluateOutcomes, Check
//     and Findings do not modify it. A Calendar's slo.Calendar is immutable.
//   - In package ticket, a Classifier is safe for concurrent use. A ticket
//     sequence from ReadCSV or ReadJSONL reads its own reader on one
//     goroutine at a time, and a Review, Inventory or Stale is not safe for
//     concurrent use: give each stream its own (ticket.Process never calls
//     sinks concurrently).
package catalog
