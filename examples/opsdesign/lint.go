package main

import (
	"bytes"
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
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/atomicfile"
)

const lintUsage = `usage: opsdesign lint [-format text|json|sarif|github] [-fail-on error|warning|info|none] [-root dir] [-summary file]
                     [-config file] [-baseline file | -write-baseline file [-force]] [-today YYYY-MM-DD] [-q] [path ...]`

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text (with each finding's source line), json, sarif (SARIF 2.1.0, for code scanning) or github (Actions annotations)")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding of this severity or graver remains: error, warning, info, or none to never fail on findings")
	configFile := fs.String("config", "", configHelp)
	quiet := fs.Bool("q", false, quietHelp)
	baselineFile := fs.String("baseline", "", "accept the findings recorded in this baseline file (default: the configuration's baseline)")
	writeBaseline := fs.String("write-baseline", "", "record the current findings in this baseline file instead of reporting them (mistakes in the configuration are still reported)")
	today := fs.String("today", "", "judge ages, such as when a restore was last tested, as of this date (YYYY-MM-DD; default: today)")
	force := fs.Bool("force", false, "with -write-baseline: "+forceHelp)
	root := fs.String("root", "", "the directory SARIF and github file names are relative to (default: the repository root, the nearest directory upward from the working directory that holds .git; else the working directory)")
	summary := fs.String("summary", "", "append the findings as a Markdown job summary to this file: -summary \"$GITHUB_STEP_SUMMARY\" in GitHub Actions")
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

	rc, err := loadRunConfig(*configFile, fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	diags := rc.diags
	linter.Config = rc.forLinter(linter)
	inputs := fs.Args()
	if rc.file != nil {
		inputs = append(inputs, rc.file.Path)
	}
	if err := checkOutput(*writeBaseline, inputs, *force); err != nil {
		return fail("%v", err)
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	findings := linter.Lint(design)

	baselineUsed := ""
	switch {
	case *writeBaseline != "":
		if err := saveBaseline(*writeBaseline, findings, inputs, *force); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(stderr, "opsdesign lint: recorded %s in %s\n", diag.Count(len(findings), "finding"), *writeBaseline)
		findings = nil
	case *baselineFile != "" || (rc.file != nil && rc.file.Baseline != ""):
		name := *baselineFile
		if name == "" {
			name = rc.file.BaselinePath()
		}
		baselineUsed = name
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

	base := *root
	if base == "" {
		base = repositoryRoot()
	}
	opts := report.Options{Source: report.OSFiles, BaseDir: base,
		Fingerprint: func(d catalog.Diagnostic) string { return config.Fingerprint(d, base) },
		Properties:  map[string]any{"configuration": nilIfEmpty(rc.path()), "baseline": nilIfEmpty(baselineUsed)}}
	if len(fs.Args()) == 0 {
		opts.Source = report.FSFiles(sample)
		opts.BaseDir = "."
		opts.Fingerprint = func(d catalog.Diagnostic) string { return config.Fingerprint(d, ".") }
	}
	if err := report.Write(stdout, f, diags, opts); err != nil {
		return fail("%v", err)
	}
	if *summary != "" {
		var md bytes.Buffer
		if err := report.WriteGitHubSummary(&md, diags, opts); err != nil {
			return fail("%v", err)
		}
		if err := atomicfile.Append(*summary, md.Bytes(), atomicfile.Options{Inputs: fs.Args()}); err != nil {
			return fail("-summary: %v", err)
		}
	}
	runSummary{command: "opsdesign lint", design: design, quiet: *quiet, findings: diags, config: rc.path(), baseline: baselineUsed}.write(stderr)
	if threshold > 0 && diags.Count(threshold) > 0 {
		return exitFindings
	}
	return exitOK
}

// nilIfEmpty is nil for "", so that JSON says null for a file that did
// not apply.
func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
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
		parts = append(parts, diag.Int(n)+" "+word)
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
