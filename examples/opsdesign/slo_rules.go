package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/promrules"
)

const sloRulesUsage = "usage: opsdesign slo rules [-objective id]... [-o file [-force]] [path ...]"

// runSLORules writes the Prometheus recording and alerting rules of the
// objectives whose indicators are Prometheus queries, for promtool check
// rules and for Prometheus's rule_files.
func runSLORules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write to this file instead of standard output (never over an input)")
	force := fs.Bool("force", false, forceHelp)
	var ids multiFlag
	fs.Var(&ids, "objective", "write the rules of this objective only (repeat for several; default: every objective read from Prometheus)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, sloRulesUsage)
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nThe objectives are OpenSLO SLOs whose indicator is a ratio metric read from a Prometheus data source; the others are listed on standard error.\n"+
			"The file of -o is written whole or not at all. Exit status: 0 when every objective asked for got its rules, 1 when one asked for did not, or one read from\n"+
			"Prometheus could not be turned into rules, 2 when the command could not run (the file is then left as it was).")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "opsdesign slo rules: "+format+"\n", args...)
		return exitUsage
	}
	if err := checkOutput(*out, fs.Args(), *force); err != nil {
		return fail("%v", err)
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	objectives := design.Objectives
	if len(ids) > 0 {
		objectives = nil
		for _, id := range ids {
			o := design.Objective(id)
			if o == nil {
				return fail("no objective %q (have: %s)", id, objectiveIDs(design))
			}
			objectives = append(objectives, o)
		}
	}
	if len(objectives) == 0 {
		return fail("the design has no objectives")
	}
	file, skipped := promrules.Generate(design, objectives)
	failed := false
	for _, s := range skipped {
		fmt.Fprintf(stderr, "%s: no rules: %s\n", s.Objective, s.Reason)
		failed = failed || s.Error || len(ids) > 0
	}
	if len(file.Groups) == 0 {
		return fail("no objective of the design reads a Prometheus ratio metric: nothing to write")
	}
	var buf bytes.Buffer
	source := strings.Join(fs.Args(), " ")
	if source == "" {
		source = "the built-in sample design"
	}
	if err := file.WriteYAML(&buf, source); err != nil {
		return fail("%v", err)
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = writeOutput(*out, fs.Args(), *force, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
	}
	if err != nil {
		return fail("%v", err)
	}
	fmt.Fprintf(stderr, "opsdesign slo rules: %s for %s, %s skipped\n", diag.Count(len(file.Groups), "group"), diag.Count(len(objectives)-len(skipped), "objective"), diag.Int(len(skipped)))
	if failed {
		return exitFindings
	}
	return exitOK
}
