// Package config reads the configuration and baseline files of opsdesign,
// for the command line and for teams' own tools alike.
//
// # The configuration file
//
// A file named .opsdesign.yaml configures the linter for the designs under
// its directory. [Find] looks for it from a linted path upward, stopping at
// the root of the repository (a directory holding .git) or of the file
// system:
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
// [File.Config] turns it into the [catalog.Config] of a Linter.
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
