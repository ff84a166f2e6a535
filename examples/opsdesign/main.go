// Command opsdesign checks operations designs written as YAML.
//
// It is built only on the public API of the opsdesign packages, as an
// example of what a team's own tool can do with them.
//
//	opsdesign lint [-format text|json|sarif|github] [-fail-on error|warning|info|none]
//	               [-config file] [-baseline file | -write-baseline file] [-today YYYY-MM-DD] [-q] [path ...]
//
// With no path, lint checks the sample design embedded in the program.
// Text output shows each finding's source line with a caret under the
// column; sarif writes SARIF 2.1.0 for code scanning, github writes GitHub
// Actions annotations. The .opsdesign.yaml found from the linted paths
// upward disables and re-grades rules, per path, and may name a baseline
// of accepted findings. Exit status: 0 when no finding is as grave as
// -fail-on (default error), 1 when one is, 2 when the command could not
// run (a bad flag, an unreadable path or baseline).
//
// Every command that reports findings (lint, scorecard, roles, slo check,
// slo eval, the ticket reports) ends with one line on standard error: what it
// read (the design's files and documents, an export's rows, a log's
// events), its findings by severity, and the configuration and baseline
// that applied. -q leaves the line out; the exit status is the same.
//
//	opsdesign diff [-format text|json|markdown] [-fail-on error|warning|info|none] [-today YYYY-MM-DD] OLD NEW
//	opsdesign diff -rev BASE [flags] [path ...]
//
// Diff reports what changed between two revisions of a design in
// operations terms (state transitions, lifecycle decisions, gaps in
// cover, objectives tightened or loosened, ...) and the findings the change
// introduces and fixes; -rev reads the base revision through the git
// command. Markdown output is a pull-request comment. Exit status: 1 when
// the change introduces a finding as grave as -fail-on (default error).
//
//	opsdesign rules [-format text|json|markdown]
//
// Rules documents every built-in rule; docs/rules.md is its Markdown.
//
//	opsdesign scorecard [-format text|json] [-scorecard name] [-min level] [-q] [path ...]
//
// Scorecard prints the level each service reaches on the design's
// scorecards and every failing check at its position; with -min it exits 1
// when a scored service is below that level.
//
//	opsdesign render [-format markdown|html] [-o file] [-title text] [-events file | -counts file [-where label=value]...] [-now time] [path ...]
//
// Render writes the catalog for people: services, offerings, request types
// with their parameter sheets, and the lifecycle matrix.
//
//	opsdesign roles [-format text|json] [-from YYYY-MM-DD] [-days N] [-q] [path ...]
//
// Roles prints a grid of days by hours with the gaps in personalised and
// depersonalised work marked, every gap to the minute in the roster's time
// zone, and the truck factor of every task and service; it exits 1 when
// there is a gap or a schedule that cannot be read.
//
//	opsdesign slo check [-format text|json] [-q] [path ...]
//	opsdesign slo export [-to v1|v1alpha|v2alpha] [-o file [-force]] [-objective id]... [path ...]
//	opsdesign slo convert -to v1|v1alpha|v2alpha [-o file [-force]] path ...
//	opsdesign slo eval (-objective id ... | -all) (-events file | -counts file [-where label=value]...) [-now time] [-series] [-format text|json|csv] [-html file] [-q] [path ...]
//	opsdesign slo rules [-objective id]... [-o file [-force]] [path ...]
//
// Slo check reports the findings about objectives, calendars and OpenSLO
// documents and lists every objective with its alert tiers; export writes
// the objectives as OpenSLO YAML (v1 by default; v1alpha is what Sloth
// reads); convert rewrites OpenSLO documents in another version, each
// value the version cannot hold reported at its line; eval reads an events
// file (CSV or JSON Lines of timestamp and good/bad or latency) or a file
// of counts (CSV or JSON Lines of timestamp, good and total, or a
// Prometheus range query's JSON), once, and prints for each objective the
// SLI, the error budget, the burn rates, the state of every alert tier
// and the error-budget policy in force, with -series how they moved, with
// -html an HTML report with charts; rules writes the Prometheus recording
// and alerting rules of the objectives read from Prometheus.
//
//	opsdesign tickets review|due|inventory|stale|report [-mapping preset|file|name] [-tz zone] [-now time] [-limit n] [-source tickets|slack|auto] [-q] [flags] tickets.csv|tickets.jsonl|slack-export[.zip] [path ...]
//	opsdesign tickets mapping jira|zendesk|native
//	opsdesign tickets rules [-format text|json|markdown]
//
// Tickets measures a ticket export against the design named by the paths
// after the export (as every command names a design; -design DIR is the
// older spelling of one path), as of -now: the
// SLO review (with every ticket's verdict as CSV), the open tickets due
// before an instant, the inventory, the stale policy with its audit trail,
// and one customer's monthly service report; a Slack export's inquiries
// are measured the same way, through the mapping's slack section
// (docs/chat-desks.md). Mapping prints a preset TicketMapping to copy and
// edit.
//
//	opsdesign schema -o DIR
//	opsdesign version
//
// Schema writes the JSON Schemas of every document kind into DIR for
// editors (the umbrella DIR/v1/opsdesign.json selects each document's
// schema by apiVersion and kind); version prints the version SARIF output
// names the tool by.
package main

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// The sample design, a copy of testdata/sample kept identical by a test
// (go generate refreshes it).
//
//go:generate sh -c "rm -rf sample && cp -r ../../testdata/sample sample"
//go:embed sample
var sample embed.FS

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"lint", "check designs and print every finding", runLint},
		{"diff", "what changed between two revisions of a design, in operations terms", runDiff},
		{"rules", "list every rule with its severity and doc", runRules},
		{"scorecard", "score each service on the design's scorecards", runScorecard},
		{"render", "write the catalog as Markdown or one HTML page", runRender},
		{"roles", "show who covers which hours, the gaps, and every truck factor", runRoles},
		{"slo", "check objectives, export or convert OpenSLO, evaluate events or counts, generate Prometheus rules", runSLO},
		{"tickets", "review, inventory or apply the stale policy to a ticket export", runTickets},
		{"schema", "write the JSON Schemas for editors into a directory", runSchema},
		{"version", "print the version of opsdesign", runVersion},
	}
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "opsdesign: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: opsdesign <command> [flags] [path ...]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nWith no path, a command works on the sample design built into the program.")
}

// writeJSON writes a report as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
