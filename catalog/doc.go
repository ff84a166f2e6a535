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
//  3. The documents become the typed model (model.go): [Service], [Role],
//     [Person], [Team], indexed by kind and name in a [Design]. Every model
//     element carries the JSON pointer of its value.
//  4. A [Linter] runs [Rule] values over the Design (rule.go, lint.go). A
//     rule reports through its [Pass] by JSON pointer; [Document.At] turns
//     the pointer into a file, line and column. Built-in rules live in
//     rules_<group>.go and are registered in rules.go.
//  5. Configuration re-grades or disables rules, inline comments suppress
//     single findings (suppress.go), and the result is a sorted
//     [Diagnostics] list.
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
// # Concurrency
//
// A Design is read-only once loaded and may be shared by any number of
// goroutines; so may a Linter. Loading and linting use all CPUs.
package catalog
