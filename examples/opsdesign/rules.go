package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// runRules documents every rule of the registry (rules.Registry): its ID,
// default severity and doc. The Markdown form is docs/rules.md.
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
	if err := report.WriteRules(stdout, f, rules.Registry()); err != nil {
		fmt.Fprintf(stderr, "opsdesign rules: %v\n", err)
		return exitUsage
	}
	return exitOK
}
