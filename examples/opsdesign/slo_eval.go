package main

import (
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/budgetpolicy"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo/counts"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// maxShownProblems bounds the problems slo eval prints: a file in the
// wrong format would otherwise print every line. The rest are counted.
const maxShownProblems = 100

const sloEvalUsage = "usage: opsdesign slo eval (-objective id ... | -all) (-events file [-events-format csv|jsonl] | -counts file [-counts-format csv|jsonl|prometheus] [-where label=value]...)\n" +
	"                         [-now time] [-series] [-format text|json|csv] [-html file [-force]] [-config file|none] [-q] [path ...]"

// runSLOEval evaluates objectives over one input, read once: a request
// log (-events) or pre-aggregated counts (-counts). With one -objective
// the output is that objective's evaluation, as it always was; with
// several, or -all, it is the run: every evaluation, then the objectives
// that could not be evaluated and why.
func runSLOEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ids, where multiFlag
	fs.Var(&ids, "objective", "an objective to evaluate (its id, as slo check lists it); repeat for several")
	all := fs.Bool("all", false, "evaluate every objective of the design (attainment objectives, measured on tickets, are listed as not evaluated)")
	eventsPath := fs.String("events", "", "a request log: CSV or JSON Lines of timestamp and good/bad or latency")
	eventsFormat := fs.String("events-format", "", "csv or jsonl (default: from the file's extension)")
	countsPath := fs.String("counts", "", "pre-aggregated counts: CSV or JSON Lines of timestamp, good and total, or the JSON of a Prometheus range query")
	countsFormat := fs.String("counts-format", "", "csv, jsonl or prometheus (default: from the file's extension; .json is prometheus)")
	fs.Var(&where, "where", "with -counts, count only the rows whose label has the value (label=value); repeat to ask for several")
	nowText := fs.String("now", "", "evaluate as of this instant, RFC 3339 (default: the second after the last event or count)")
	series := fs.Bool("series", false, "add the series: budget left and SLI per day and week, burn rates over time, firings")
	format := fs.String("format", "text", "output format: text, json or csv")
	htmlOut := fs.String("html", "", "also write an HTML report with charts (inline SVG) of every objective evaluated to this file (implies -series)")
	force := fs.Bool("force", false, forceHelp)
	configFile := fs.String("config", "", configHelp+"; it re-grades or disables events/ and counts/ rules")
	quiet := fs.Bool("q", false, quietHelp)
	maxStream := fs.Int64("max-stream-bytes", eventlog.DefaultMaxStreamBytes, "read an events or counts file that is not a regular file (a FIFO, /dev/stdin) up to this many bytes (events/stream-limit or counts/stream-limit past it)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, sloEvalUsage)
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit status: 0 when every target is met and no alert fires, 1 when one is missed, an alert fires, an objective asked for could not be evaluated or a finding is an error (a record skipped, an event far from the others), 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "opsdesign slo eval: "+format+"\n", args...)
		return exitUsage
	}
	switch {
	case len(ids) == 0 && !*all:
		return fail("-objective is required, or -all")
	case len(ids) > 0 && *all:
		return fail("give -objective or -all, not both")
	case *eventsPath == "" && *countsPath == "":
		return fail("-events is required, or -counts")
	case *eventsPath != "" && *countsPath != "":
		return fail("give -events or -counts, not both: one run reads one input")
	case len(where) > 0 && *countsPath == "":
		return fail("-where filters the labels of counts: give -counts")
	case *format != "text" && *format != "json" && *format != "csv":
		return fail("unknown format %q (want text, json or csv)", *format)
	}
	var matches []counts.Match
	for _, w := range where {
		m, err := counts.ParseMatch(w)
		if err != nil {
			return fail("-where: %v", err)
		}
		matches = append(matches, m)
	}
	var now time.Time
	if *nowText != "" {
		var err error
		if now, err = time.Parse(time.RFC3339Nano, *nowText); err != nil {
			return fail("-now %q is not an RFC 3339 time such as 2026-07-01T00:00:00Z", *nowText)
		}
	}
	inputs := append(fs.Args()[:len(fs.Args()):len(fs.Args())], *eventsPath+*countsPath)
	if err := checkOutput(*htmlOut, inputs, *force); err != nil {
		return fail("%v", err)
	}
	rc, err := loadRunConfig(*configFile, fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	objectives := design.Objectives
	if !*all {
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
	single := len(ids) == 1
	if single {
		// One objective asked for: what it cannot be evaluated over is
		// said before the input is read, as it always was.
		if _, err := sloreport.EventObjective(objectives[0]); err != nil {
			return fail("%v", err)
		}
	}
	for _, d := range rc.diags {
		fmt.Fprintln(stderr, d)
	}

	var in sloreport.Input
	var readText string // what was read, for the summary line
	var found []diag.Diagnostic
	var more int
	if *eventsPath != "" {
		read, err := eventsReader(*eventsPath, *eventsFormat)
		if err != nil {
			return fail("%v", err)
		}
		events, err := collectEvents(*eventsPath, read, rc.grade, *maxStream)
		if err != nil {
			printEventFindings(stderr, events.Problems, events.MoreProblems)
			return fail("%v", err)
		}
		if len(events.Events) == 0 {
			printEventFindings(stderr, events.Problems, events.MoreProblems)
			return fail("%s holds no event that could be read", *eventsPath)
		}
		if single {
			obj, _ := sloreport.EventObjective(objectives[0])
			if err := events.Suits(&obj); err != nil {
				printEventFindings(stderr, events.Problems, events.MoreProblems)
				return fail("%v", err)
			}
		}
		in.Events = events
		readText = diag.Count(len(events.Events), "event") + " of " + *eventsPath
	} else {
		c, err := collectCounts(*countsPath, *countsFormat, counts.Options{Where: matches}, rc.grade, *maxStream)
		if err != nil {
			if c != nil {
				printEventFindings(stderr, c.Problems, c.MoreProblems)
			}
			return fail("%v", err)
		}
		if len(c.Counts) == 0 {
			printEventFindings(stderr, c.Problems, c.MoreProblems)
			if c.Excluded > 0 {
				return fail("no row of %s matches -where %s (%s left out)", *countsPath, strings.Join(where, " -where "), diag.Count(c.Excluded, "row"))
			}
			return fail("%s holds no count that could be read", *countsPath)
		}
		in.Counts = c
		readText = diag.Count(len(c.Counts), "count") + " of " + *countsPath
	}

	opts := sloreport.Options{Now: now, Series: *series || *htmlOut != "", Policies: budgetpolicy.Governing(design, budgetpolicy.Read(design))}
	run := sloreport.EvaluateAll(objectives, in, opts)
	if single && len(run.NotEvaluated) > 0 {
		return fail("%s", run.NotEvaluated[0].Reason)
	}
	// The findings about the input, each once, whichever objectives it
	// concerns (an event after the instant is after it for all of them).
	seen := map[string]bool{}
	for _, ev := range run.Evaluations {
		var shown []diag.Diagnostic
		var unshown int
		if in.Events != nil {
			shown, unshown, _ = in.Events.Findings(ev)
		} else {
			after, n := in.Counts.AfterNow(ev.Now)
			shown, unshown = append(in.Counts.Problems[:len(in.Counts.Problems):len(in.Counts.Problems)], after...), in.Counts.MoreProblems+n
		}
		for _, d := range shown {
			key := d.String()
			if !seen[key] {
				seen[key] = true
				found = append(found, d)
			}
		}
		more = max(more, unshown)
	}
	printEventFindings(stderr, found, more)

	switch {
	case single && *format == "json":
		err = writeJSON(stdout, run.Evaluations[0])
	case single && *format == "text":
		err = run.Evaluations[0].WriteText(stdout)
	case *format == "json":
		err = writeJSON(stdout, run)
	case *format == "text":
		err = run.WriteText(stdout)
	default:
		err = run.WriteCSV(stdout)
	}
	if err != nil {
		return fail("%v", err)
	}
	if *htmlOut != "" {
		page := render.EvaluationReport{Evaluations: run.Evaluations}
		for _, n := range run.NotEvaluated {
			page.NotEvaluated = append(page.NotEvaluated, n.Objective+": "+n.Reason)
		}
		if err := writeOutput(*htmlOut, inputs, *force, func(w io.Writer) error { return render.EvaluationHTML(w, page) }); err != nil {
			return fail("%v", err)
		}
	}
	runSummary{command: "opsdesign slo eval", design: design, read: readText, quiet: *quiet,
		findings: append(rc.diags, found...), unshown: more, config: rc.path()}.write(stderr)
	if run.Failed() || rc.diags.Count(catalog.Error) > 0 {
		return exitFindings
	}
	return exitOK
}

// collectCounts reads a counts file in its format: by -counts-format, or
// else by the file's extension (.json is a Prometheus range query's
// result). A file that is not a regular file (a FIFO, /dev/stdin) is read
// up to maxStream bytes.
func collectCounts(path, format string, opts counts.Options, grade func(diag.Diagnostic) (diag.Diagnostic, bool), maxStream int64) (*counts.Collection, error) {
	if format == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".csv":
			format = "csv"
		case ".jsonl", ".ndjson":
			format = "jsonl"
		case ".json":
			format = "prometheus"
		default:
			return nil, fmt.Errorf("cannot tell the format of %s from its extension: give -counts-format csv, jsonl or prometheus", path)
		}
	}
	read := map[string]func(io.Reader, string, counts.Options) iter.Seq2[counts.Record, error]{
		"csv": counts.ReadCSV, "jsonl": counts.ReadJSONL, "ndjson": counts.ReadJSONL, "prometheus": counts.ReadPrometheus,
	}[format]
	if read == nil {
		return nil, fmt.Errorf("unknown -counts-format %q (want csv, jsonl or prometheus)", format)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if info, err := file.Stat(); err == nil && !info.Mode().IsRegular() {
		opts.MaxStreamBytes = maxStream
	}
	return counts.CollectGraded(read(file, path, opts), path, maxShownProblems, grade)
}
