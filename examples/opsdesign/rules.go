package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/slo/eventlog"
	"github.com/opsdesign/opsdesign/ticket"
)

// allRules lists every rule the library reports, in ID order: the
// catalog's, the ticket importer's and the events reader's (which the
// catalog cannot import).
func allRules() []catalog.Rule {
	rules := catalog.Rules()
	for _, r := range slices.Concat(ticket.Rules(), eventlog.Rules()) {
		rules = append(rules, catalog.Rule{ID: r.ID, Doc: r.Doc, Severity: r.Severity})
	}
	slices.SortFunc(rules, func(a, b catalog.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}

// runRules documents every built-in rule: its ID, default severity and doc.
// The Markdown form is docs/rules.md.
func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json or markdown")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign rules [-format text|json|markdown]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "opsdesign rules: takes no paths, got %q\n", fs.Args())
		return exitUsage
	}
	f, err := report.ParseFormat(*format)
	if err == nil && f != report.Text && f != report.JSON && f != report.Markdown {
		err = fmt.Errorf("%w %q", report.ErrUnknownFormat, *format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign rules: %v (want text, json or markdown)\n", err)
		return exitUsage
	}
	if err := report.WriteRules(stdout, f, allRules()); err != nil {
		fmt.Fprintf(stderr, "opsdesign rules: %v\n", err)
		return exitUsage
	}
	return exitOK
}
