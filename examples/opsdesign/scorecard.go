package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// runScorecard scores every service on the design's scorecards and prints
// the level each reaches, with every failing check at its position.
func runScorecard(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scorecard", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	only := fs.String("scorecard", "", "score on this scorecard only (default: every scorecard of the design)")
	min := fs.String("min", "", "exit 1 when a scored service is below this level")
	configFile := fs.String("config", "", configHelp)
	quiet := fs.Bool("q", false, quietHelp)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign scorecard [-format text|json] [-scorecard name] [-min level] [-config file|none] [-q] [path ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "opsdesign scorecard: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign scorecard: %v\n", err)
		return exitUsage
	}
	cards := design.Scorecards
	if *only != "" {
		sc := design.Scorecard(*only)
		if sc == nil {
			fmt.Fprintf(stderr, "opsdesign scorecard: the design has no scorecard %q (it has: %s)\n", *only, scorecardNames(design))
			return exitUsage
		}
		cards = []*catalog.Scorecard{sc}
	}
	if len(cards) == 0 {
		fmt.Fprintln(stderr, "opsdesign scorecard: the design has no Scorecard document")
		return exitUsage
	}
	if *min != "" {
		found := false
		for _, sc := range cards {
			found = found || sc.Level(*min) >= 0
		}
		if !found {
			fmt.Fprintf(stderr, "opsdesign scorecard: no scorecard has a level %q\n", *min)
			return exitUsage
		}
	}

	// Score on the findings lint would report: the same configuration.
	linter := &catalog.Linter{Rules: rules.All()}
	rc, err := loadRunConfig(*configFile, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign scorecard: %v\n", err)
		return exitUsage
	}
	linter.Config = rc.forLinter(linter)
	findings := linter.Lint(design)
	// A malformed scorecard or configuration scores unreliably: show what is wrong.
	var shown catalog.Diagnostics
	for _, d := range append(rc.diags, findings...) {
		if strings.HasPrefix(d.Rule, "scorecard/") || d.Pos.File != "" && strings.HasSuffix(d.Pos.File, config.FileName) {
			fmt.Fprintln(stderr, d)
			shown = append(shown, d)
		}
	}
	results := make([]render.CardScores, len(cards))
	below := 0
	for i, sc := range cards {
		results[i] = render.CardScores{Card: sc, Services: sc.Evaluate(design, findings)}
		if want := sc.Level(*min); *min != "" && want >= 0 {
			for _, s := range results[i].Services {
				if s.Level < want {
					below++
				}
			}
		}
	}
	if *format == "json" {
		err = render.ScoresJSON(stdout, results)
	} else {
		err = render.ScoresText(stdout, results)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign scorecard: %v\n", err)
		return exitUsage
	}
	runSummary{command: "opsdesign scorecard", design: design, quiet: *quiet, findings: shown, config: rc.path()}.write(stderr)
	if below > 0 {
		fmt.Fprintf(stderr, "opsdesign scorecard: %s below %s\n", diag.Count(below, "service"), *min)
		return exitFindings
	}
	return exitOK
}

func scorecardNames(d *catalog.Design) string {
	var names []string
	for _, sc := range d.Scorecards {
		names = append(names, sc.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
