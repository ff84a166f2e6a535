package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/budgetpolicy"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/counts"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// runRender writes the catalog for people: Markdown for a repository or a
// wiki, or one self-contained HTML page.
func runRender(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "markdown", "output format: markdown or html")
	out := fs.String("o", "", "write to this file instead of standard output")
	title := fs.String("title", "", "the page's title (default \"Service catalog · サービスカタログ\")")
	force := fs.Bool("force", false, forceHelp)
	var where multiFlag
	eventsPath := fs.String("events", "", "evaluate every objective over this request log and chart it on the page (as slo eval -all -series)")
	countsPath := fs.String("counts", "", "or over these pre-aggregated counts (CSV, JSON Lines, a Prometheus range query's .json)")
	fs.Var(&where, "where", "with -counts, count only the rows whose label has the value (label=value); repeatable")
	nowText := fs.String("now", "", "evaluate as of this instant, RFC 3339 (default: the second after the last event or count)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign render [-format markdown|html] [-o file [-force]] [-title text] [-events file | -counts file [-where label=value]...] [-now time] [path ...]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nThe file of -o is written whole or not at all: a failure leaves the old one. Exit status: 0 when the catalog was written, 2 when it was not.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	var write func(io.Writer, *catalog.Design, render.Options) error
	switch *format {
	case "markdown", "md":
		write = render.Markdown
	case "html":
		write = render.HTML
	default:
		fmt.Fprintf(stderr, "opsdesign render: unknown format %q (want markdown or html)\n", *format)
		return exitUsage
	}
	if err := checkOutput(*out, append(fs.Args()[:len(fs.Args()):len(fs.Args())], *eventsPath+*countsPath), *force); err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
		return exitUsage
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
		return exitUsage
	}
	// A design that does not load cleanly still renders what was read;
	// say so, since the catalog may then lack documents.
	if n := design.Diagnostics().Count(catalog.Error); n > 0 {
		fmt.Fprintf(stderr, "opsdesign render: the design has %s; the catalog shows what could be read (run opsdesign lint)\n", diag.Count(n, "loading error"))
	}
	opts := render.Options{Title: *title}
	if *eventsPath != "" || *countsPath != "" {
		if opts.Evaluations, err = renderEvaluations(design, *eventsPath, *countsPath, where, *nowText, stderr); err != nil {
			fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
			return exitUsage
		}
	}
	page := func(w io.Writer) error { return write(w, design, opts) }
	if *out == "" {
		err = page(stdout)
	} else {
		err = writeOutput(*out, append(fs.Args()[:len(fs.Args()):len(fs.Args())], *eventsPath+*countsPath), *force, page)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// renderEvaluations evaluates every objective of the design over a request
// log or counts, with series, for the charts of the catalog's page. The
// findings about the input go to stderr; the page shows what evaluated.
func renderEvaluations(design *catalog.Design, eventsPath, countsPath string, where []string, nowText string, stderr io.Writer) ([]*slo.Evaluation, error) {
	if eventsPath != "" && countsPath != "" {
		return nil, errors.New("give -events or -counts, not both")
	}
	var now time.Time
	if nowText != "" {
		var err error
		if now, err = time.Parse(time.RFC3339Nano, nowText); err != nil {
			return nil, fmt.Errorf("-now %q is not an RFC 3339 time such as 2026-07-01T00:00:00Z", nowText)
		}
	}
	var in sloreport.Input
	if eventsPath != "" {
		if len(where) > 0 {
			return nil, errors.New("-where filters the labels of counts: give -counts")
		}
		read, err := eventsReader(eventsPath, "")
		if err != nil {
			return nil, err
		}
		events, err := collectEvents(eventsPath, read, nil, eventlog.DefaultMaxStreamBytes)
		printEventFindings(stderr, events.Problems, events.MoreProblems)
		if err != nil {
			return nil, err
		}
		in.Events = events
	} else {
		var matches []counts.Match
		for _, w := range where {
			m, err := counts.ParseMatch(w)
			if err != nil {
				return nil, fmt.Errorf("-where: %w", err)
			}
			matches = append(matches, m)
		}
		c, err := collectCounts(countsPath, "", counts.Options{Where: matches}, nil, counts.DefaultMaxStreamBytes)
		if c != nil {
			printEventFindings(stderr, c.Problems, c.MoreProblems)
		}
		if err != nil {
			return nil, err
		}
		in.Counts = c
	}
	run := sloreport.EvaluateAll(design.Objectives, in, sloreport.Options{Now: now, Series: true, Policies: budgetpolicy.Governing(design, budgetpolicy.Read(design))})
	for _, n := range run.NotEvaluated {
		if n.Error {
			fmt.Fprintf(stderr, "opsdesign render: %s not charted: %s\n", n.Objective, n.Reason)
		}
	}
	return run.Evaluations, nil
}
