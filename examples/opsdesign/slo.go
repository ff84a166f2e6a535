package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	_ "time/tzdata" // calendars name IANA time zones; the program carries them

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/openslo"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

const sloUsage = `usage: opsdesign slo check [-format text|json] [path ...]
       opsdesign slo export [-to v1|v1alpha|v2alpha] [-o file] [-objective id]... [path ...]
       opsdesign slo convert -to v1|v1alpha|v2alpha [-o file] path ...
       opsdesign slo eval (-objective id ... | -all) (-events file | -counts file [-where label=value]...) [-now time] [-series] [-format text|json|csv] [-html file] [path ...]
       opsdesign slo rules [-objective id]... [-o file] [path ...]`

// runSLO runs the slo subcommands: static checks of the objectives, their
// export to OpenSLO, their evaluation over a request log or counts, and
// the Prometheus rules that alert on them.
func runSLO(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, sloUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	switch args[0] {
	case "check":
		return runSLOCheck(args[1:], stdout, stderr)
	case "export":
		return runSLOExport(args[1:], stdout, stderr)
	case "convert":
		return runSLOConvert(args[1:], stdout, stderr)
	case "eval":
		return runSLOEval(args[1:], stdout, stderr)
	case "rules":
		return runSLORules(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "opsdesign slo: unknown subcommand %q\n%s\n", args[0], sloUsage)
	return exitUsage
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runSLOCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	configFile := fs.String("config", "", configHelp)
	quiet := fs.Bool("q", false, quietHelp)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign slo check [-format text|json] [-config file|none] [-q] [path ...]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit status: 0 when no objective has an error, 1 when one has, 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "opsdesign slo check: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign slo check: %v\n", err)
		return exitUsage
	}
	rc, err := loadRunConfig(*configFile, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign slo check: %v\n", err)
		return exitUsage
	}
	linter := &catalog.Linter{Rules: rules.All()}
	linter.Config = rc.forLinter(linter)
	check := sloreport.NewCheck(design, append(rc.diags, linter.Lint(design)...))
	if *format == "json" {
		err = writeJSON(stdout, check)
	} else {
		opts := report.Options{Source: report.OSFiles, BaseDir: "."}
		if len(fs.Args()) == 0 {
			opts.Source = report.FSFiles(sample)
		}
		err = check.WriteText(stdout, opts)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign slo check: %v\n", err)
		return exitUsage
	}
	runSummary{command: "opsdesign slo check", design: design, quiet: *quiet, findings: check.Findings, config: rc.path()}.write(stderr)
	if check.Findings.Count(catalog.Error) > 0 {
		return exitFindings
	}
	return exitOK
}

func runSLOExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write to this file instead of standard output (never over an input)")
	force := fs.Bool("force", false, forceHelp)
	to := fs.String("to", "v1", "the OpenSLO version to write: v1, v1alpha (what Sloth reads) or v2alpha")
	var ids multiFlag
	fs.Var(&ids, "objective", "export only this objective (repeat for several; default: all)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign slo export [-to v1|v1alpha|v2alpha] [-o file [-force]] [-objective id]... [path ...]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nThe file of -o is written whole or not at all. Exit status: 0 when every objective was written, 1 when some could not be, 2 when the command could not run (the file is then left as it was).")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	version, err := openslo.ParseVersion(*to)
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign slo export: -to: %v\n", err)
		return exitUsage
	}
	if err := checkOutput(*out, fs.Args(), *force); err != nil {
		fmt.Fprintf(stderr, "opsdesign slo export: %v\n", err)
		return exitUsage
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign slo export: %v\n", err)
		return exitUsage
	}
	var chosen []*catalog.Objective
	for _, id := range ids {
		o := design.Objective(id)
		if o == nil {
			fmt.Fprintf(stderr, "opsdesign slo export: no objective %q (have: %s)\n", id, objectiveIDs(design))
			return exitUsage
		}
		chosen = append(chosen, o)
	}
	if len(design.Objectives) == 0 {
		fmt.Fprintln(stderr, "opsdesign slo export: the design has no objectives")
		return exitUsage
	}
	var buf bytes.Buffer
	found, err := openslo.Export(&buf, design, version, chosen...)
	if err == nil && *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else if err == nil {
		err = writeOutput(*out, fs.Args(), *force, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign slo export: %v\n", err)
		return exitUsage
	}
	return reportConversion(found, stderr)
}

func objectiveIDs(d *catalog.Design) string {
	ids := make([]string, len(d.Objectives))
	for i, o := range d.Objectives {
		ids[i] = o.Name
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// eventsReader picks the reader of an events file: by -events-format, or
// else by the file's extension.
func eventsReader(path, format string) (func(io.Reader, string, eventlog.Options) iter.Seq2[eventlog.Record, error], error) {
	if format == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".csv":
			format = "csv"
		case ".jsonl", ".ndjson", ".json":
			format = "jsonl"
		default:
			return nil, fmt.Errorf("cannot tell the format of %s from its extension: give -events-format csv or jsonl", path)
		}
	}
	switch format {
	case "csv":
		return eventlog.ReadCSV, nil
	case "jsonl", "ndjson":
		return eventlog.ReadJSONL, nil
	}
	return nil, fmt.Errorf("unknown -events-format %q (want csv or jsonl)", format)
}

// collectEvents reads an events file, keeping its first problems, graded
// by the configuration, and counting the others. A file that is not a
// regular file (a FIFO, /dev/stdin) is read up to maxStream bytes.
func collectEvents(path string, read func(io.Reader, string, eventlog.Options) iter.Seq2[eventlog.Record, error],
	grade func(diag.Diagnostic) (diag.Diagnostic, bool), maxStream int64) (*eventlog.Collection, error) {
	file, err := os.Open(path)
	if err != nil {
		return &eventlog.Collection{}, err
	}
	defer file.Close()
	var opts eventlog.Options
	if info, err := file.Stat(); err == nil && !info.Mode().IsRegular() {
		opts.MaxStreamBytes = maxStream
	}
	return eventlog.CollectGraded(read(file, path, opts), maxShownProblems, grade)
}

// printEventFindings writes the findings about an events file to stderr,
// and the count of those not shown.
func printEventFindings(stderr io.Writer, found []diag.Diagnostic, more int) {
	for _, d := range found {
		fmt.Fprintf(stderr, "%s: %s: %s\n", d.Pos, d.Rule, d.Message)
	}
	if more > 0 {
		fmt.Fprintf(stderr, "... and %s more %s not shown\n", diag.Int(more), diag.Noun(more, "problem"))
	}
}
