// Package config reads the configuration and baseline files of opsdesign,
// for the command line and for teams' own tools alike.
//
// # The configuration file
//
// A file named .opsdesign.yaml configures the rules for the designs under
// its directory: design rules, and the ticket/ and events/ rules of the
// readers of ticket exports and event logs. [Find] looks for it from a
// linted path upward, stopping at the root of the repository (a directory
// holding .git); outside a repository it looks only in the path's own
// directory and, when the path lies inside it, the working directory, and
// it never climbs above the user's home directory. A .opsdesign.yaml that
// is not a regular file is an error ([ErrNotRegular]), as is a
// configuration or baseline named explicitly that is one (a FIFO would
// block the run at its opening):
//
//	# yaml-language-server: $schema=https://opsdesign.dev/schemas/v1/config.json
//	rules:
//	  lifecycle/missing-reason: warning   # re-grade a rule
//	  suppress/unused: off                # disable one
//	  ref/*: error                        # or a whole group
//	overrides:
//	  - paths: [legacy/**]                # globs relative to this file
//	    rules:
//	      lifecycle/*: off
//	baseline: .opsdesign-baseline.json
//
// [Load] and [Parse] read it through the same YAML reader as designs, so
// every mistake in it is a [catalog.Diagnostic] at its line and column,
// under the same rule IDs (yaml/..., schema/..., lint/unknown-rule).
// [File.Config] turns it into a [catalog.Config]. Checked against every
// rule of the product (File.Config(nil), rules.Registry), a name no rule
// has is a lint/unknown-rule finding at its key; the configuration a
// Linter applies is File.Config(linter.Known()), the settings of the rules
// it knows, whose findings about unknown names a caller that checked
// against the registry already drops. catalog.Config.Apply grades the
// findings of the other readers with the same settings.
//
// # The baseline
//
// A baseline records the findings a team accepts for now, so that only new
// ones fail. [NewBaseline] records findings, [Baseline.Write] writes them as
// JSON, [ReadBaseline] reads them back and [Baseline.Filter] drops the
// recorded ones from a lint result. Findings are matched by a
// [Fingerprint] of their rule, file, JSON pointer and message, not their
// line, so a baseline survives edits elsewhere in the file. Entries that
// no longer match anything are reported as baseline/stale.
package config
