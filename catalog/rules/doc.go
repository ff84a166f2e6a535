// Package rules holds opsdesign's built-in design rules and the one
// registry of every rule the product reports.
//
// The rules are written against the same public API as a team's own
// rules: each is a catalog.Rule whose Run reads the catalog.Design its
// catalog.Pass holds and reports through the Pass. Run them with a
// catalog.Linter, appending rules of your own:
//
//	linter := &catalog.Linter{Rules: append(rules.All(), mine)}
//	findings := linter.Lint(design)
//
// Lint is the short form with the built-in rules alone.
//
// # Where a rule lives
//
// Rules are grouped by the prefix of their IDs, and each group keeps its
// rules, its test and its fixtures together, as the analyzers of
// golang.org/x/tools/go/analysis/passes do. The rule
// lifecycle/missing-event, say, is written in lifecycle.go, which reads the
// service's lifecycle through the model (catalog.Service.Lifecycles) and
// asks package lifecycle for the gaps; lifecycle_test.go runs the fixtures
// in testdata/lifecycle, whose lines say what they expect:
//
//	lifecycle: # want "lifecycle/missing-event"
//
// testdata/planted holds whole designs written from the documentation
// alone, before reading the rules, each with one mistake planted and
// `# want`ed on its line (and clean ones, which must draw no finding);
// planted_test.go lints each alone.
//
// A large group is split into parts, each with its test and fixtures:
// ops_method.go, ops_work.go and ops_catalog.go with testdata/ops-method,
// testdata/ops-work and testdata/ops-catalog; roles.go, roles_coverage.go
// and roles_limits.go likewise. A test of the package checks that every
// rule's ID is written in its group's file, beside a test file, and that a
// fixture of its group expects it. helpers.go holds what the groups share.
//
// design.go holds design/placeholder, which reads every decision, reason
// and required text whatever its document, so that it is configured once:
// "TBD" is as undecided in a task's procedure as in a lifecycle decision.
//
// The operations rules (ops_*.go) catch the failure stories of operations
// design that live in a service's design: monitors and backups (method),
// the work and its owners and cost (work), and the catalog's promises
// (catalog). Rules about the work a service runs (ops/work-category-missing,
// ops/cloud-work-missing, ops/cost-missing) skip retired services; rules
// about one element (a monitor, a backup, a task) check every service.
// One Settings document per design tunes them (catalog.Settings holds
// what is in force, defaults included), and a finding that depends on a
// setting points at it when the design writes it:
//
//   - costAttribution: optional (the default), required (every service
//     that is not retired states hoursPerMonth or costPerMonth) or
//     per-task (every such task too); rule ops/cost-missing.
//   - restoreTestMaxAge: how long ago a restore may last have been tested,
//     "365d" by default ("26w", "6mo", "1y"); rule ops/restore-test-stale,
//     judged against catalog.Linter.Now.
//   - catchAll: per-catalog (the default) or per-service, where at most
//     one catch-all request type may exist; rule ops/catch-all-duplicate.
//   - catchAllOwnerTiers: the tiers a catch-all's owner must hold,
//     overall-management and overall-optimisation by default; rule
//     ops/catch-all-owner.
//   - cloud: {provider, contact} when the whole design runs on one
//     provider; services without a cloud of their own then owe the cloud
//     work of rule ops/cloud-work-missing. Whether a single service runs
//     in the cloud is its own spec.cloud.
//   - roles: the roster's zone, the period the roles/ gap rules check and
//     the soft limits of the other roles/ rules.
//   - placeholders: {add, remove}, the texts design/placeholder takes for
//     an undecided answer besides its built-in ones, and the built-in ones
//     the design uses as real answers.
//   - backstage: {requireDesign: {lifecycles, types}}, the Backstage
//     Components that must have a Service with a complete operations
//     design; rule backstage/no-design.
//
// backstage.go checks Backstage catalog entities through package
// catalog/backstage, resolves their references across files and links
// them to the design (backstage/no-design, backstage/disagree); its
// fixtures are testdata/backstage (entities alone), backstage-link (both
// worlds) and backstage-settings.
//
// # Adding a rule
//
//  1. Write the rule in its group's file: an ID "group/what-is-wrong", a
//     Doc whose first sentence is the summary and that tells why the
//     finding matters, with a YAML example of a finding, a default
//     severity, and a Run that reports each finding at the JSON pointer of
//     the value at fault (Pass.Reportf). A new group gets a file, a test
//     file and a fixture directory of its own, and a line in All.
//  2. Add the lines that break it to the group's fixture, each with its
//     "# want" comment, and a test of exact positions and messages where
//     they matter. A rule that reads a value reports it at the value's key
//     when it is written but empty or wrong, and at the mapping that lacks
//     it when it is left out: add a case of each form to the group's
//     placement-empty.yaml and placement-absent.yaml (in testdata/<group>
//     or testdata/<group>-<part>), or list the form that cannot exist, with
//     the reason, in placement_test.go, which also holds each case's column
//     to the position its JSON pointer names. A key written with nothing
//     after it is null: Document.At places it at the key, and the schema
//     reports its type beside the rule's finding.
//  3. Regenerate the rules' documentation:
//     go test ./examples/opsdesign -run TestRulesDoc -update.
//
// If the rule needs something of the design the model does not offer,
// give the model a method with a doc comment that says what it is for
// (catalog.Design.ObjectiveHolders, say); do not reach around it.
//
// # The registry
//
// Registry lists every rule the product reports, sorted by ID: the
// catalog's own rules (catalog.LoaderRules for what loading finds,
// catalog.EngineRules for what the Linter reports about its rules,
// configuration and suppressions), the built-in design rules of All, the
// ticket importer's (ticket.Rules), the events reader's (eventlog.Rules),
// the OpenSLO conversions' (openslo.Rules) and the counts readers'
// (counts.Rules). The opsdesign rules command and docs/rules.md, the
// rule metadata of SARIF output (catalog/report) and the validation of
// .opsdesign.yaml files (catalog/config) all read it, so a rule is
// documented, graded and configurable as soon as its table lists it. One
// configuration file governs every command, so it is checked against the
// whole registry: a setting of a ticket/ or events/ rule is not unknown to
// the lint command. A catalog.Linter is given the part it knows
// (config.File.Config(linter.Known())), so that it does not report those
// settings again, without a position, as naming rules it lacks.
//
// The catalog's own rules are not in All: every catalog.Linter knows them,
// whatever rules it is given. baseline/stale is in All although no Linter
// reports it (package catalog/config does, while it filters findings by a
// baseline), so that a configuration re-grading it is not reported as
// naming an unknown rule.
package rules
