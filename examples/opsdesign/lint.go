package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

const lintUsage = `usage: opsdesign lint [-format text|json|sarif|github] [-fail-on error|warning|info|none]
                     [-config file] [-baseline file | -write-baseline file [-force]] [-today YYYY-MM-DD] [path ...]`

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text (with each finding's source line), json, sarif (SARIF 2.1.0, for code scanning) or github (Actions annotations)")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding of this severity or graver remains: error, warning, info, or none to never fail on findings")
	configFile := fs.String("config", "", "configuration file (default: the "+config.FileName+" found from the linted paths upward, up to the repository root)")
	baselineFile := fs.String("baseline", "", "accept the findings recorded in this baseline file (default: the configuration's baseline)")
	writeBaseline := fs.String("write-baseline", "", "record the current findings in this baseline file instead of reporting them (mistakes in the configuration are still reported)")
	today := fs.String("today", "", "judge ages, such as when a restore was last tested, as of this date (YYYY-MM-DD; default: today)")
	force := fs.Bool("force", false, "with -write-baseline: "+forceHelp)
	fs.Usage = func() {
		fmt.Fprintln(stderr, lintUsage)
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit status: 0 when no finding reaches -fail-on, 1 when one does, 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "opsdesign lint: "+format+"\n", args...)
		return exitUsage
	}
	f, err := report.ParseFormat(*format)
	if err != nil || f == report.Markdown {
		return fail("unknown format %q (want text, json, sarif or github)", *format)
	}
	threshold, err := parseFailOn(*failOn)
	if err != nil {
		return fail("%v", err)
	}
	if *baselineFile != "" && *writeBaseline != "" {
		return fail("-baseline and -write-baseline exclude each other")
	}
	linter := &catalog.Linter{Rules: rules.All()}
	if *today != "" {
		day, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return fail("-today %q is not a date such as 2026-11-22", *today)
		}
		linter.Now = func() time.Time { return day }
	}

	cfgFile, diags, err := findConfig(*configFile, fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	if cfgFile != nil {
		cfg, more := cfgFile.Config(linter.Known())
		linter.Config = cfg
		diags = append(diags, more...)
	}
	inputs := fs.Args()
	if cfgFile != nil {
		inputs = append(inputs, cfgFile.Path)
	}
	if err := checkOutput(*writeBaseline, inputs, *force); err != nil {
		return fail("%v", err)
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	findings := linter.Lint(design)

	switch {
	case *writeBaseline != "":
		if err := saveBaseline(*writeBaseline, findings, inputs, *force); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(stderr, "opsdesign lint: recorded %d finding(s) in %s\n", len(findings), *writeBaseline)
		findings = nil
	case *baselineFile != "" || (cfgFile != nil && cfgFile.Baseline != ""):
		name := *baselineFile
		if name == "" {
			name = cfgFile.BaselinePath()
		}
		b, bdiags, err := config.ReadBaseline(name)
		if errors.Is(err, os.ErrNotExist) {
			return fail("baseline %s does not exist; record one with -write-baseline %s", name, name)
		}
		if err != nil {
			return fail("%v", err)
		}
		fresh, stale := b.Filter(findings)
		findings = append(append(fresh, bdiags...), linter.Config.Apply(stale)...)
	}
	diags = append(diags, findings...)
	diags.Sort()

	opts := report.Options{Source: report.OSFiles, BaseDir: ".",
		Fingerprint: func(d catalog.Diagnostic) string { return config.Fingerprint(d, ".") }}
	if len(fs.Args()) == 0 {
		opts.Source = report.FSFiles(sample)
	}
	if err := report.Write(stdout, f, diags, opts); err != nil {
		return fail("%v", err)
	}
	if f == report.Text && len(diags) > 0 {
		fmt.Fprintln(stderr, summary(diags))
	}
	if threshold > 0 && diags.Count(threshold) > 0 {
		return exitFindings
	}
	return exitOK
}

// parseFailOn reads -fail-on; "none" is 0, failing on nothing.
func parseFailOn(s string) (catalog.Severity, error) {
	if strings.EqualFold(s, "none") {
		return 0, nil
	}
	sev, err := catalog.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("-fail-on %q: want error, warning, info or none", s)
	}
	return sev, nil
}

// findConfig reads the configuration named by -config, or the one found
// upward from the linted paths. Every path must be governed by the same
// file (or all by none): one lint run has one configuration. The embedded
// sample is linted without one unless -config names it.
func findConfig(named string, paths []string) (*config.File, catalog.Diagnostics, error) {
	if named == "" {
		found := map[string][]string{}
		var order []string
		for _, p := range paths {
			c, err := config.Find(p)
			if err != nil && !errors.Is(err, config.ErrNotFound) {
				return nil, nil, err
			}
			if _, seen := found[c]; !seen {
				order = append(order, c)
			}
			found[c] = append(found[c], p)
		}
		if len(order) > 1 {
			var parts []string
			for _, c := range order {
				name := c
				if name == "" {
					name = "no " + config.FileName
				}
				parts = append(parts, fmt.Sprintf("%s (%s)", strings.Join(found[c], ", "), name))
			}
			return nil, nil, fmt.Errorf("the paths have different configurations: %s; lint them separately or name one with -config", strings.Join(parts, "; "))
		}
		if len(order) == 0 || order[0] == "" {
			return nil, nil, nil
		}
		named = order[0]
	}
	f, diags, err := config.Load(named)
	if err != nil {
		return nil, nil, fmt.Errorf("configuration: %w", err)
	}
	return f, diags, nil
}

// saveBaseline records findings in a baseline file, file names relative to
// the file's directory, never over one of inputs unless force.
func saveBaseline(name string, findings catalog.Diagnostics, inputs []string, force bool) error {
	return writeOutput(name, inputs, force, config.NewBaseline(filepath.Dir(name), findings).Write)
}

// summary counts findings by severity: "2 errors, 1 warning".
func summary(diags catalog.Diagnostics) string {
	var parts []string
	for _, s := range []catalog.Severity{catalog.Error, catalog.Warning, catalog.Info} {
		n := 0
		for _, d := range diags {
			if d.Severity == s {
				n++
			}
		}
		if n == 0 {
			continue
		}
		word := s.String()
		if n > 1 && s != catalog.Info {
			word += "s"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, word))
	}
	return strings.Join(parts, ", ")
}

// loadDesign loads the given paths, or the embedded sample when there are none.
func loadDesign(paths []string) (*catalog.Design, error) {
	if len(paths) == 0 {
		return catalog.LoadFS(sample, "sample")
	}
	return catalog.Load(paths...)
}
