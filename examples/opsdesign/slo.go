package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // calendars name IANA time zones; the program carries them

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

const sloUsage = `usage: opsdesign slo check [-format text|json] [path ...]
       opsdesign slo export [-o file] [-objective id]... [path ...]
       opsdesign slo eval -objective id -events file [-events-format csv|jsonl] [-now time] [-format text|json] [path ...]`

// runSLO runs the slo subcommands: static checks of the objectives, their
// export to OpenSLO, and the evaluation of an events file against one.
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
	case "eval":
		return runSLOEval(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "opsdesign slo: unknown subcommand %q\n%s\n", args[0], sloUsage)
	return exitUsage
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// sloDocument reports whether a document is about service levels.
func sloDocument(doc *catalog.Document) bool {
	return doc.IsOpenSLO() || (doc.Native() && (doc.Kind == "Objective" || doc.Kind == "Calendar"))
}

// sloFindings keeps the findings about service levels: those of the slo/
// and openslo/ rules, and any other (syntax, schema) inside a document
// about service levels.
func sloFindings(d *catalog.Design, diags catalog.Diagnostics) catalog.Diagnostics {
	type span struct {
		start int
		slo   bool
	}
	byFile := map[string][]span{}
	for _, doc := range d.Documents {
		byFile[doc.File] = append(byFile[doc.File], span{doc.Start.Line, sloDocument(doc)})
	}
	var out catalog.Diagnostics
	for _, dg := range diags {
		if strings.HasPrefix(dg.Rule, "slo/") || strings.HasPrefix(dg.Rule, "openslo/") {
			out = append(out, dg)
			continue
		}
		in := false
		for _, sp := range byFile[dg.Pos.File] {
			if sp.start <= dg.Pos.Line {
				in = sp.slo // the last document starting at or before the line
			}
		}
		if in {
			out = append(out, dg)
		}
	}
	return out
}

func runSLOCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign slo check [-format text|json] [path ...]")
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
	diags := sloFindings(design, rules.Lint(design))
	if *format == "json" {
		out := struct {
			Objectives []objectiveSummary  `json:"objectives"`
			Findings   catalog.Diagnostics `json:"findings"`
		}{Findings: diags}
		for _, o := range design.Objectives {
			out.Objectives = append(out.Objectives, summarize(o))
		}
		if out.Findings == nil {
			out.Findings = catalog.Diagnostics{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "opsdesign slo check: %v\n", err)
			return exitUsage
		}
	} else {
		opts := report.Options{Source: report.OSFiles, BaseDir: "."}
		if len(fs.Args()) == 0 {
			opts.Source = report.FSFiles(sample)
		}
		if err := report.Write(stdout, report.Text, diags, opts); err != nil {
			fmt.Fprintf(stderr, "opsdesign slo check: %v\n", err)
			return exitUsage
		}
		writeObjectives(stdout, design.Objectives)
		if len(diags) > 0 {
			fmt.Fprintln(stderr, summary(diags))
		}
	}
	if diags.Count(catalog.Error) > 0 {
		return exitFindings
	}
	return exitOK
}

// objectiveSummary is an objective as slo check lists it.
type objectiveSummary struct {
	ID       string      `json:"id"`
	Title    string      `json:"title,omitempty"`
	Source   string      `json:"source"` // "opsdesign" or "openslo"
	File     string      `json:"file"`
	Line     int         `json:"line"`
	Kind     string      `json:"kind"`
	Target   string      `json:"target"`
	Window   string      `json:"window"`
	Calendar string      `json:"calendar,omitempty"`
	Rules    int         `json:"rules,omitempty"`
	Alerts   []alertTier `json:"alerts"`
	Derived  bool        `json:"alertsDerived"` // the SRE workbook's tiers for the window
	Problem  string      `json:"cannotEvaluate,omitempty"`
}

type alertTier struct {
	Name     string  `json:"name"`
	Action   string  `json:"action"`
	Long     string  `json:"long"`
	Short    string  `json:"short"`
	BurnRate float64 `json:"burnRate"`
}

func summarize(o *catalog.Objective) objectiveSummary {
	s := objectiveSummary{ID: o.Name, Title: o.Title, Source: "opsdesign", File: o.Doc.File, Line: o.Doc.At(o.Path).Line,
		Kind: o.Kind.String(), Target: o.Target.String(), Window: o.Window.String(), Calendar: o.CalendarRef.Name, Rules: len(o.Rules)}
	if o.SLO != nil {
		s.Source = "openslo"
	}
	if o.Window.IsZero() {
		s.Window = "-"
	}
	tiers := o.Alerts
	if tiers == nil && o.Window.Kind() == slo.WindowRolling {
		tiers, s.Derived = slo.WorkbookTiers(o.Window.Length()), true
	} else if tiers == nil && !o.Window.IsZero() {
		s.Derived = true // derived per period (a calendar month is 28 to 31 days)
	}
	s.Alerts = []alertTier{}
	for _, t := range tiers {
		s.Alerts = append(s.Alerts, alertTier{t.Name, string(t.Action), slo.Elapsed(t.Long).String(), slo.Elapsed(t.Short).String(), t.BurnRate})
	}
	if err := o.Err(); err != nil {
		s.Problem = strings.TrimPrefix(err.Error(), fmt.Sprintf("%v: objective %q: ", catalog.ErrObjective, o.Name))
	}
	return s
}

func writeObjectives(w io.Writer, objectives []*catalog.Objective) {
	if len(objectives) == 0 {
		fmt.Fprintln(w, "no objectives")
		return
	}
	fmt.Fprintf(w, "%d objective(s):\n", len(objectives))
	for _, o := range objectives {
		s := summarize(o)
		line := fmt.Sprintf("  %s  %s %s over %s", s.ID, s.Kind, s.Target, s.Window)
		if s.Calendar != "" {
			line += ", calendar " + s.Calendar
		}
		if s.Rules > 0 {
			line += fmt.Sprintf(", %d rule(s)", s.Rules)
		}
		switch {
		case s.Derived && len(s.Alerts) == 0:
			line += "; alerts: the SRE workbook's tiers for each period"
		case len(s.Alerts) == 0:
			line += "; no burn-rate alerts"
		default:
			var parts []string
			for _, a := range s.Alerts {
				parts = append(parts, fmt.Sprintf("%s %g over %s/%s", a.Action, a.BurnRate, a.Long, a.Short))
			}
			which := "alerts"
			if s.Derived {
				which = "workbook alerts"
			}
			line += "; " + which + ": " + strings.Join(parts, ", ")
		}
		fmt.Fprintln(w, line)
		if s.Problem != "" {
			fmt.Fprintf(w, "    cannot be evaluated: %s\n", s.Problem)
		}
	}
}

func runSLOExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write to this file instead of standard output")
	var ids multiFlag
	fs.Var(&ids, "objective", "export only this objective (repeat for several; default: all)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign slo export [-o file] [-objective id]... [path ...]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit status: 0 when every objective was written, 1 when some could not be, 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
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
	exportErr := design.ExportOpenSLO(&buf, chosen...)
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign slo export: %v\n", err)
		return exitUsage
	}
	if exportErr != nil {
		for _, e := range strings.Split(exportErr.Error(), "\n") {
			fmt.Fprintf(stderr, "opsdesign slo export: %s\n", e)
		}
		return exitFindings
	}
	return exitOK
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

// evalResult is the JSON of slo eval.
type evalResult struct {
	Objective    string      `json:"objective"`
	Kind         string      `json:"kind"`
	Target       string      `json:"target"`
	Now          time.Time   `json:"now"`
	PeriodStart  time.Time   `json:"periodStart"`
	PeriodEnd    time.Time   `json:"periodEnd"`
	Events       int         `json:"events"`
	Skipped      int         `json:"skipped"`
	Good         int64       `json:"good"`
	Total        int64       `json:"total"`
	SLI          float64     `json:"sli"`
	Attained     bool        `json:"attained"`
	BurnRate     float64     `json:"burnRate"`
	Budget       slo.Budget  `json:"budget"`
	Exhaustion   string      `json:"exhaustion"` // "never" when nothing burns
	Alerts       []evalAlert `json:"alerts"`
	Alert        string      `json:"alert"` // page, ticket or ""
	Derived      bool        `json:"alertsDerived"`
	Problems     []string    `json:"problems,omitempty"`     // the first maxShownProblems
	MoreProblems int         `json:"moreProblems,omitempty"` // the problems not in Problems
}

type evalAlert struct {
	alertTier
	LongBurn     float64 `json:"longBurn"`
	ShortBurn    float64 `json:"shortBurn"`
	LongConsumed float64 `json:"longConsumed"`
	Firing       bool    `json:"firing"`
}

// eventsRead is what slo eval keeps of an events file.
type eventsRead struct {
	events              []slo.Event
	hasGood, hasLatency bool // some record gave good/bad, a latency
	skipped             int  // records skipped: lines with an error
	shown               []catalog.Diagnostic
	more                int // problems beyond those shown
}

// maxShownProblems bounds the problems slo eval prints: a file in the
// wrong format would otherwise print every line. The rest are counted.
const maxShownProblems = 100

// readEvents drains an events reader, printing the first problems to
// stderr and counting the others. It returns an error only when the file
// could not be read on.
func readEvents(seq iter.Seq2[eventlog.Record, error], stderr io.Writer) (*eventsRead, error) {
	out := &eventsRead{}
	lastSkipped := 0
	for rec, err := range seq {
		var d catalog.Diagnostic
		switch {
		case errors.As(err, &d):
			if d.Severity == catalog.Error && d.Pos.Line != lastSkipped {
				out.skipped, lastSkipped = out.skipped+1, d.Pos.Line
			}
			if len(out.shown) < maxShownProblems {
				out.shown = append(out.shown, d)
				fmt.Fprintf(stderr, "%s: %s: %s\n", d.Pos, d.Rule, d.Message)
			} else {
				out.more++
			}
		case err != nil:
			return out, err
		default:
			out.events = append(out.events, rec.Event)
			out.hasGood = out.hasGood || rec.HasGood
			out.hasLatency = out.hasLatency || rec.HasLatency
		}
	}
	if out.more > 0 {
		fmt.Fprintf(stderr, "... and %d more problem(s) not shown\n", out.more)
	}
	return out, nil
}

func runSLOEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("objective", "", "the objective to evaluate (its id, as slo check lists it)")
	eventsPath := fs.String("events", "", "the events file: CSV or JSON Lines of timestamp and good/bad or latency")
	eventsFormat := fs.String("events-format", "", "csv or jsonl (default: from the file's extension)")
	nowText := fs.String("now", "", "evaluate as of this instant, RFC 3339 (default: the second after the last event)")
	format := fs.String("format", "text", "output format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign slo eval -objective id -events file [-events-format csv|jsonl] [-now time] [-format text|json] [path ...]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit status: 0 when the target is met and no alert fires, 1 when it is missed, an alert fires or records were skipped, 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "opsdesign slo eval: "+format+"\n", args...)
		return exitUsage
	}
	switch {
	case *id == "":
		return fail("-objective is required")
	case *eventsPath == "":
		return fail("-events is required")
	case *format != "text" && *format != "json":
		return fail("unknown format %q (want text or json)", *format)
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	o := design.Objective(*id)
	if o == nil {
		return fail("no objective %q (have: %s)", *id, objectiveIDs(design))
	}
	if err := o.Err(); err != nil {
		return fail("%v", err)
	}
	if o.Kind == slo.AttainmentObjective {
		return fail("objective %q is an attainment objective: it is measured on tickets, not events", o.Name)
	}
	ef := *eventsFormat
	if ef == "" {
		switch strings.ToLower(filepath.Ext(*eventsPath)) {
		case ".csv":
			ef = "csv"
		case ".jsonl", ".ndjson", ".json":
			ef = "jsonl"
		default:
			return fail("cannot tell the format of %s from its extension: give -events-format csv or jsonl", *eventsPath)
		}
	}
	read := eventlog.ReadCSV
	switch ef {
	case "csv":
	case "jsonl", "ndjson":
		read = eventlog.ReadJSONL
	default:
		return fail("unknown -events-format %q (want csv or jsonl)", ef)
	}
	file, err := os.Open(*eventsPath)
	if err != nil {
		return fail("%v", err)
	}
	defer file.Close()
	events, err := readEvents(read(file, *eventsPath, eventlog.Options{}), stderr)
	if err != nil {
		return fail("%v", err)
	}
	if len(events.events) == 0 {
		return fail("%s holds no event that could be read", *eventsPath)
	}
	switch {
	case o.Threshold > 0 && !events.hasLatency:
		return fail("objective %q judges latency against %v: the events need a latency column", o.Name, o.Threshold)
	case o.Threshold == 0 && !events.hasGood:
		return fail("objective %q has no latency threshold: the events need a good/bad column", o.Name)
	}
	now := time.Time{}
	if *nowText != "" {
		if now, err = time.Parse(time.RFC3339Nano, *nowText); err != nil {
			return fail("-now %q is not an RFC 3339 time such as 2026-07-01T00:00:00Z", *nowText)
		}
	} else {
		for _, e := range events.events {
			if e.At.After(now) {
				now = e.At
			}
		}
		now = now.Truncate(time.Second).Add(time.Second)
	}
	obj := o.Objective // a copy: the design stays as loaded
	derived := obj.Alerts == nil
	if obj.Alerts != nil && len(obj.Alerts) == 0 {
		obj.Alerts, derived = nil, true // an OpenSLO SLO without burn-rate alerts: the workbook's
	}
	r, err := obj.EvaluateEvents(events.events, now)
	if err != nil {
		return fail("%v", err)
	}
	res := evalResult{Objective: o.Name, Kind: o.Kind.String(), Target: o.Target.String(), Now: r.Now, PeriodStart: r.Period.Start,
		PeriodEnd: r.Period.End, Events: len(events.events), Skipped: events.skipped, Good: r.Good, Total: r.Total, SLI: r.SLI,
		Attained: r.Attained, BurnRate: r.BurnRate, Budget: r.Budget, Alert: string(r.Alert), Derived: derived, Exhaustion: "never"}
	if r.Exhaustion != slo.Never {
		res.Exhaustion = roughly(r.Exhaustion)
	}
	if math.IsInf(res.Budget.ConsumedFraction, 0) {
		res.Budget.ConsumedFraction = math.MaxFloat64 // JSON has no infinity
	}
	for _, d := range events.shown {
		res.Problems = append(res.Problems, fmt.Sprintf("%s: %s: %s", catalog.Pos{Line: d.Pos.Line, Column: d.Pos.Column}, d.Rule, d.Message))
	}
	res.MoreProblems = events.more
	res.Alerts = []evalAlert{}
	for _, a := range r.Alerts {
		res.Alerts = append(res.Alerts, evalAlert{alertTier{a.Tier.Name, string(a.Tier.Action), slo.Elapsed(a.Tier.Long).String(),
			slo.Elapsed(a.Tier.Short).String(), a.Tier.BurnRate}, a.LongBurn, a.ShortBurn, a.LongConsumed, a.Firing})
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return fail("%v", err)
		}
	} else {
		writeEval(stdout, o, res)
	}
	if !r.Attained || r.Alert != "" || events.skipped > 0 {
		return exitFindings
	}
	return exitOK
}

// roughly writes a duration to the minute, in days and hours beyond a day.
func roughly(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < 24*time.Hour {
		return strings.TrimSuffix(d.String(), "0s")
	}
	days, rest := d/(24*time.Hour), (d % (24 * time.Hour)).Round(time.Hour)
	return fmt.Sprintf("%dd%dh", days, rest/time.Hour)
}

func writeEval(w io.Writer, o *catalog.Objective, r evalResult) {
	pct := func(f float64) string { return fmt.Sprintf("%.3f%%", 100*f) }
	fmt.Fprintf(w, "objective  %s (%s, target %s over %s)\n", r.Objective, r.Kind, r.Target, o.Window)
	fmt.Fprintf(w, "period     %s to %s, counted until %s\n", r.PeriodStart.Format(time.RFC3339), r.PeriodEnd.Format(time.RFC3339), r.Now.Format(time.RFC3339))
	unit := "events"
	if o.Kind == slo.TimeSliceObjective {
		unit = "slices"
	}
	met := "met"
	if !r.Attained {
		met = "MISSED"
	}
	fmt.Fprintf(w, "SLI        %s (%d of %d %s good): target %s %s\n", pct(r.SLI), r.Good, r.Total, unit, r.Target, met)
	b := r.Budget
	consumed := pct(b.ConsumedFraction)
	if b.ConsumedFraction == math.MaxFloat64 {
		consumed = "all of a zero budget"
	}
	fmt.Fprintf(w, "budget     %.4g %s in the period; %.4g consumed (%s), %.4g remaining\n", b.Total, unit, b.Consumed, consumed, b.Remaining)
	lasts := fmt.Sprintf("the budget lasts %s at this pace", r.Exhaustion)
	switch r.Exhaustion {
	case "never":
		lasts = "nothing is burning the budget"
	case "", "0s":
		lasts = "the budget is spent"
	}
	fmt.Fprintf(w, "burn rate  %.3g over the period; %s\n", r.BurnRate, lasts)
	which := "alerts"
	if r.Derived {
		which = "alerts (the SRE workbook's tiers for this period)"
	}
	fmt.Fprintf(w, "%s:\n", which)
	for _, a := range r.Alerts {
		state := "quiet"
		if a.Firing {
			state = "FIRING"
		}
		fmt.Fprintf(w, "  %-12s %-6s needs %-5g over %s and %s: burn %.3g and %.3g, %s of the budget in %s  %s\n",
			a.Name, a.Action, a.BurnRate, a.Long, a.Short, a.LongBurn, a.ShortBurn, pct(a.LongConsumed), a.Long, state)
	}
	state := "none firing"
	if r.Alert != "" {
		var firing []string
		for _, a := range r.Alerts {
			if a.Firing {
				firing = append(firing, a.Name)
			}
		}
		slices.Sort(firing)
		state = strings.ToUpper(r.Alert) + " (" + strings.Join(firing, ", ") + ")"
	}
	fmt.Fprintf(w, "alert      %s\n", state)
	if r.Skipped > 0 {
		fmt.Fprintf(w, "skipped    %d record(s) that could not be read\n", r.Skipped)
	}
}
