package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/ticket"
	"github.com/opsdesign/opsdesign/ticket/slack"
)

const ticketsUsage = `usage: opsdesign tickets <command> [flags] tickets.csv|tickets.jsonl|slack-export[.zip]

  review      hold the tickets to the design's objectives: compliance per severity,
              week and month (and -by customer, assignee, hour, shift), every miss by
              reason, improvement requests, same-day answers; -tickets or -format csv
              lists every ticket's verdicts
  due         the open tickets whose deadline falls before an instant (-before, or
              -within of -now), by deadline: the desk's "due today" list
  inventory   count tickets and effort per service and request type, follow the share
              of "other", propose request types and retirements
  stale       apply the design's ticket policies: weekly lists, forced closes, the audit
              trail, forced closes per person (a dry run unless -close)
  report      one customer's monthly service report (-customer, -month), in Markdown,
              HTML or JSON
  mapping     print a preset mapping (jira, zendesk or native) to copy and edit
  rules       document the findings the ticket commands report

Each measures one ticket export against a design: the paths after the export,
as lint and every other command names a design (-design DIR is the same as one
path; the sample built into the program when none is given), as of -now (default: the latest instant the
tickets record). -mapping names a preset, a TicketMapping file, or a
TicketMapping of the design. A Slack export (its directory or ZIP file; -source
slack, or told by its layout) is read through the slack section of the mapping:
each inquiry in a desk channel is a ticket, linked by its permalink. Exit status: 0 when the report was made and no
row was rejected, 1 when rows or values could not be read, 2 when the command
could not run (a bad flag, a mapping with errors, an audit trail that could
not be written).`

// runTickets dispatches the ticket subcommands.
func runTickets(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "help" {
		fmt.Fprintln(stderr, ticketsUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	switch args[0] {
	case "review", "due", "inventory", "stale", "report":
		setTicketGC()
		return runTicketReport(args[0], args[1:], stdout, stderr)
	case "mapping":
		return runTicketMapping(args[1:], stdout, stderr)
	case "rules":
		return runTicketRules(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "opsdesign tickets: unknown subcommand %q\n%s\n", args[0], ticketsUsage)
	return exitUsage
}

// setTicketGC paces the collector for a ticket report, unless GOGC says
// otherwise. An export streams: every row is garbage once measured, and
// what stays (misses, open tickets) grows slowly, so the default pace (a
// cycle each time the heap doubles over what stays) runs a cycle every
// few megabytes of rows, each taking a core from the reading and the
// review. Letting the heap grow to three times what stays halves the
// cycles and cuts the collector's work on a million alerts from some
// 0.7 s to 0.2 s of CPU; the peak stays about half the size of the
// export (the 332 MB benchmark: 180 MB).
func setTicketGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// ticketFlags are the flags of the ticket reports.
type ticketFlags struct {
	format  string
	design  string
	mapping string
	source  string
	tz      string
	now     string
	config  string
	limit   int
	quiet   bool // -q: no summary line
	// review
	tickets bool
	by      string
	// due
	before string
	within time.Duration
	// inventory
	unused string
	weekly bool
	// stale
	close bool
	audit string
	// report
	customer string
	month    string
}

// newTicketFlags declares the flags of a ticket report.
func newTicketFlags(what, name string, stderr io.Writer) (*flag.FlagSet, *ticketFlags) {
	fs := flag.NewFlagSet(what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f ticketFlags
	formats := "text, json or markdown"
	switch what {
	case "review", "due":
		formats = "text, json, markdown or csv (every ticket's verdicts)"
	case "report":
		formats = "markdown, html or json"
	}
	defFormat := "text"
	if what == "report" {
		defFormat = "markdown"
	}
	fs.StringVar(&f.format, "format", defFormat, "output format: "+formats)
	fs.StringVar(&f.design, "design", "", "the design, a file or directory: the same as naming it after the export (default: the sample built into the program)")
	fs.StringVar(&f.mapping, "mapping", "native", "the column mapping: a preset ("+strings.Join(ticket.Presets(), ", ")+"), a TicketMapping file, or the name of a TicketMapping in the design")
	fs.StringVar(&f.source, "source", "auto", "what the input is: tickets (a tracker's CSV or JSON Lines), slack (a Slack export, its directory or ZIP file), or auto (a directory or .zip is a Slack export)")
	fs.StringVar(&f.tz, "tz", "", "time zone of timestamps written without a UTC offset, such as Asia/Tokyo (default: the mapping's, else the design's)")
	fs.StringVar(&f.now, "now", "", "the instant the figures are as of, RFC 3339 (default: the latest instant in the tickets)")
	fs.StringVar(&f.config, "config", "", configHelp+"; it re-grades or disables ticket/ rules")
	fs.BoolVar(&f.quiet, "q", false, quietHelp)
	fs.IntVar(&f.limit, "limit", 100, "list at most this many items of each listing and of the findings, then \"and N more\" (0: all)")
	switch what {
	case "review":
		fs.BoolVar(&f.tickets, "tickets", false, "list every ticket's verdict on each objective")
		fs.StringVar(&f.by, "by", "", "break compliance down by these too, comma-separated: customer, assignee, hour, shift")
	case "due":
		fs.StringVar(&f.before, "before", "", "list the tickets due before this instant, RFC 3339")
		fs.DurationVar(&f.within, "within", 24*time.Hour, "without -before, list the tickets due within this long after -now")
	case "inventory":
		fs.StringVar(&f.unused, "unused", "90d", "propose retiring active services with no ticket for this long (days: 90d, or a Go duration)")
		fs.BoolVar(&f.weekly, "weekly", false, "follow the share of other per week instead of per month")
	case "stale":
		fs.BoolVar(&f.close, "close", false, "make the forced closes (the audit trail says so) instead of a dry run")
		fs.StringVar(&f.audit, "audit", "", "the JSON Lines audit trail: its forced closes count, and -close appends the new ones")
	case "report":
		fs.StringVar(&f.customer, "customer", "", "the customer or organisation the report is for, as the tickets name it")
		fs.StringVar(&f.month, "month", "", "the month, YYYY-MM (default: the month of -now)")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s [flags] tickets.csv|tickets.jsonl|slack-export[.zip] [design path ...]\n", name)
		fs.PrintDefaults()
	}
	return fs, &f
}

// ticketRun is one ticket command being set up and run.
type ticketRun struct {
	name   string
	what   string
	flags  *ticketFlags
	stdout io.Writer
	stderr io.Writer
}

func (r *ticketRun) fail(format string, a ...any) int {
	fmt.Fprintf(r.stderr, r.name+": "+format+"\n", a...)
	return exitUsage
}

// runTicketReport measures a ticket export against the design and writes
// one report.
func runTicketReport(what string, args []string, stdout, stderr io.Writer) int {
	name := "opsdesign tickets " + what
	fs, f := newTicketFlags(what, name, stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	r := &ticketRun{name: name, what: what, flags: f, stdout: stdout, stderr: stderr}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	format, err := ticket.ParseFormat(f.format)
	if err != nil {
		return r.fail("%v", err)
	}
	if !formatFits(what, format) {
		return r.fail("-format %s does not fit tickets %s", format, what)
	}
	var loc *time.Location
	if f.tz != "" {
		if loc, err = time.LoadLocation(f.tz); err != nil || strings.EqualFold(f.tz, "local") {
			return r.fail("-tz %q: not an IANA time zone, such as Asia/Tokyo", f.tz)
		}
	}
	// The export first, then the design's paths as every command names
	// them; -design is the older spelling of one path.
	paths := fs.Args()[1:]
	if f.design != "" {
		if len(paths) > 0 {
			return r.fail("the design is named twice, by -design and after the export; name it after the export: %s [flags] %s %s", name, fs.Arg(0), strings.Join(paths, " "))
		}
		paths = []string{f.design}
	}
	rc, err := loadRunConfig(f.config, paths)
	if err != nil {
		return r.fail("%v", err)
	}
	design, err := loadDesign(paths)
	if err != nil {
		return r.fail("%v", err)
	}
	if n := design.Diagnostics().Count(catalog.Error); n > 0 {
		fmt.Fprintf(stderr, "%s: the design has %s; run opsdesign lint on it\n", name, diag.Count(n, "error"))
	}
	m, mappingFile, code := r.mapping(design, loc)
	if code != exitOK {
		return code
	}
	opts, code := r.options(design, format, m)
	if code != exitOK {
		return code
	}
	file := fs.Arg(0)
	inputs := append(slices.Clone(paths), file)
	if mappingFile != "" {
		inputs = append(inputs, mappingFile)
	}
	if f.audit != "" {
		if opts.Closed, err = ticket.ReadAudit(f.audit); err != nil {
			return r.fail("%v", err)
		}
	}
	tickets, chat, code := r.tickets(design, file, m)
	if code != exitOK {
		return code
	}
	var verdicts *ticket.VerdictWriter
	if format == ticket.CSV && what == "review" {
		verdicts = ticket.NewVerdictWriter(stdout, sortedValues(m.TrackerFigures))
		verdicts.Links = chat != nil
		opts.OnVerdict = func(v ticket.TicketVerdict) {
			// A write error shows at Flush, below.
			_ = verdicts.Write(v)
		}
	}
	reports, err := ticket.Measure(design, tickets, opts)
	switch {
	case errors.Is(err, ticket.ErrNoPolicy):
		return r.fail("the design has no TicketPolicy document")
	case err != nil:
		return r.fail("%v", err)
	}
	reports.Import.Chat = chat
	reports.Findings = append(rc.diags, rc.all.Apply(reports.Findings)...)
	rep := pick(what, reports)
	listed := listedFindings(rep)
	if rc.file != nil && len(*listed) > 0 {
		// The report's own findings (misses without a reason, a growing
		// "other") are ticket/ rules too: graded before they are written.
		*listed = rc.all.Apply(*listed)
	}
	if what == "stale" && f.close {
		if code := r.appendAudit(reports.Stale, inputs); code != exitOK {
			return code
		}
	}
	if verdicts != nil {
		err = verdicts.Flush()
	} else {
		err = r.write(rep, reports, format, file)
	}
	if err != nil {
		return r.fail("%v", err)
	}
	r.findings(reports, format, file)
	// The summary counts what the report lists besides the findings of
	// reading, and says what it found, used and left out.
	runSummary{command: name, design: design, quiet: f.quiet, read: rowsRead(reports.Import, file),
		findings: append(slices.Clip(reports.Findings), *listed...), extra: found(rep, reports.Import), config: rc.path()}.write(stderr)
	if reports.Findings.Max() >= catalog.Error {
		return exitFindings
	}
	return exitOK
}

// tickets opens the input by -source: a tracker's export read through
// the mapping, or a Slack export read through its slack section (with the
// chat tally, nil for a tracker's export).
func (r *ticketRun) tickets(design *catalog.Design, file string, m ticket.Mapping) (iter.Seq2[ticket.Ticket, error], *ticket.ChatTally, int) {
	switch r.flags.source {
	case "tickets":
		return ticket.ReadFile(file, m), nil, exitOK
	case "auto":
		if !slack.IsExport(file) {
			return ticket.ReadFile(file, m), nil, exitOK
		}
	case "slack":
	default:
		return nil, nil, r.fail("-source %q: want tickets, slack or auto", r.flags.source)
	}
	cfg, found, err := slack.NewConfig(m, design)
	if err != nil {
		return nil, nil, r.fail("%s is a Slack export: -mapping must name a TicketMapping with a slack section (%v)", file, err)
	}
	for _, d := range found {
		fmt.Fprintln(r.stderr, d)
	}
	if found.Max() >= catalog.Error {
		return nil, nil, r.fail("the slack section of mapping %q has errors; fix them first", r.flags.mapping)
	}
	seq, chat := slack.ReadFile(file, cfg)
	return seq, chat, exitOK
}

// formatFits reports whether a command writes the format.
func formatFits(what string, f ticket.Format) bool {
	switch f {
	case ticket.CSV:
		return what == "review" || what == "due"
	case ticket.HTML:
		return what == "report"
	case ticket.Text:
		return what != "report"
	}
	return true
}

// mapping resolves -mapping and the zone of timestamps without an offset:
// -tz, else the mapping's, else the design's. It returns the mapping's
// file, when it was one, to keep outputs off it.
func (r *ticketRun) mapping(design *catalog.Design, loc *time.Location) (ticket.Mapping, string, int) {
	spec := r.flags.mapping
	var m ticket.Mapping
	var found catalog.Diagnostics
	file := ""
	ext := strings.ToLower(filepath.Ext(spec))
	switch {
	case ext == ".yaml" || ext == ".yml" || ext == ".json" || strings.ContainsRune(spec, os.PathSeparator) || strings.ContainsRune(spec, '/'):
		var err error
		m, found, err = ticket.ReadMapping(spec)
		if err != nil {
			for _, d := range found {
				fmt.Fprintln(r.stderr, d)
			}
			return m, "", r.fail("-mapping %q: %v", spec, err)
		}
		file = spec
	default:
		var ok bool
		if m, found, ok = ticket.DesignMapping(design, spec); !ok {
			if m, ok = ticket.Preset(spec, nil); !ok {
				return m, "", r.fail("unknown mapping %q (want a preset, %s; a TicketMapping file; or a TicketMapping of the design)", spec, strings.Join(ticket.Presets(), ", "))
			}
		}
	}
	for _, d := range found {
		fmt.Fprintln(r.stderr, d)
	}
	if found.Max() >= catalog.Error {
		return m, "", r.fail("the mapping %q has errors; fix them first", spec)
	}
	switch {
	case loc != nil:
		m.Location = loc
	case m.Location == nil:
		m.Location = calendarZone(design)
	}
	m.ZoneAdvice = "give the zone the tracker exported in with -tz, such as -tz Asia/Tokyo"
	return m, file, exitOK
}

// calendarZone is the zone of the design's first usable calendar, or nil.
func calendarZone(d *catalog.Design) *time.Location {
	for _, c := range d.Calendars {
		if c.Calendar != nil {
			return c.Calendar.Location()
		}
	}
	return nil
}

// options reads the flags of one command into the reports' options.
func (r *ticketRun) options(design *catalog.Design, format ticket.Format, m ticket.Mapping) (ticket.MeasureOptions, int) {
	f := r.flags
	opts := ticket.MeasureOptions{Review: r.what == "review" || r.what == "due", Inventory: r.what == "inventory", Stale: r.what == "stale",
		Zone: m.Location, Weekly: f.weekly, Close: f.close, ListTickets: f.tickets && format != ticket.CSV, Customer: f.customer}
	var err error
	if f.now != "" {
		if opts.Now, err = time.Parse(time.RFC3339, f.now); err != nil {
			return opts, r.fail("-now %q: want RFC 3339, such as 2026-11-01T00:00:00+09:00", f.now)
		}
	}
	switch r.what {
	case "review":
		for _, s := range strings.Split(f.by, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			d, err := ticket.ParseDimension(s)
			if err != nil {
				return opts, r.fail("-by: %v", err)
			}
			opts.By = append(opts.By, d)
		}
	case "due":
		if f.before != "" {
			if opts.DueBefore, err = time.Parse(time.RFC3339, f.before); err != nil {
				return opts, r.fail("-before %q: want RFC 3339, such as 2026-11-02T18:00:00+09:00", f.before)
			}
		} else if opts.DueWithin = f.within; f.within <= 0 {
			return opts, r.fail("-within %s: want a positive duration, such as 24h", f.within)
		}
	case "inventory":
		if opts.UnusedAfter, err = parseDays(f.unused); err != nil {
			return opts, r.fail("-unused %q: %v", f.unused, err)
		}
	case "report":
		if strings.TrimSpace(f.customer) == "" {
			return opts, r.fail("-customer: name the customer the report is for")
		}
		switch {
		case f.month != "":
			month, err := time.ParseInLocation("2006-01", f.month, ticket.DesignZone(design, m.Location))
			if err != nil {
				return opts, r.fail("-month %q: want YYYY-MM, such as 2026-10", f.month)
			}
			opts.Month = month
		case opts.Now.IsZero():
			return opts, r.fail("-month: give the month (YYYY-MM) or -now")
		}
	}
	return opts, exitOK
}

// pick is the report a command writes.
func pick(what string, reports *ticket.Reports) ticket.Report {
	switch what {
	case "inventory":
		return reports.Inventory
	case "stale":
		return reports.Stale
	case "due":
		return reports.Review.Due
	case "report":
		return reports.Service
	}
	return reports.Review
}

// listedFindings are the findings a report lists of its own: the
// review's, the inventory's and the stale policy's (the due list and the
// service report list none).
func listedFindings(rep ticket.Report) *diag.List {
	switch r := rep.(type) {
	case *ticket.ReviewReport:
		return &r.Diagnostics
	case *ticket.InventoryReport:
		return &r.Diagnostics
	case *ticket.StaleReport:
		return &r.Diagnostics
	}
	return new(diag.List)
}

// found says what the report found, used and left out, then the rows
// the import skipped, for the summary line.
func found(rep ticket.Report, t *ticket.ImportTally) string {
	var parts []string
	if s, ok := rep.(interface{ Summary() string }); ok {
		parts = append(parts, s.Summary())
	}
	if t != nil && t.Skipped > 0 {
		parts = append(parts, diag.Count(t.Skipped, "row")+" skipped")
	}
	return strings.Join(parts, "; ")
}

// appendAudit appends the forced closes of a run to the audit trail: a
// failure is the command's failure, and leaves the trail as it was.
func (r *ticketRun) appendAudit(rep *ticket.StaleReport, inputs []string) int {
	if r.flags.audit == "" {
		if len(rep.Closures) > 0 {
			fmt.Fprintf(r.stderr, "%s: -close without -audit: the %d forced closes are reported but recorded nowhere\n", r.name, len(rep.Closures))
		}
		return exitOK
	}
	n, err := ticket.AppendAudit(r.flags.audit, rep.Closures, inputs...)
	if err != nil {
		fmt.Fprintf(r.stderr, "%s: the forced closes were not recorded, and the audit trail is as it was: %v\n", r.name, err)
		return exitUsage
	}
	if again := len(rep.Closures) - n; again > 0 {
		fmt.Fprintf(r.stderr, "%s: %d forced closes appended to %s; %d were there already\n", r.name, n, r.flags.audit, again)
	}
	return exitOK
}

// write writes the report in its format: JSON with the findings and the
// tally beside it; text and Markdown end with the tally's summary line.
func (r *ticketRun) write(rep ticket.Report, reports *ticket.Reports, format ticket.Format, file string) error {
	if format == ticket.JSON {
		return ticket.WriteJSON(r.stdout, rep, reports.Findings, reports.Import)
	}
	if err := rep.WriteLimit(r.stdout, format, r.flags.limit); err != nil {
		return err
	}
	switch format {
	case ticket.Text:
		_, err := fmt.Fprintf(r.stdout, "\n%s: %s\n", file, reports.Import)
		return err
	case ticket.Markdown:
		_, err := fmt.Fprintf(r.stdout, "%s: %s.\n", file, reports.Import)
		return err
	}
	return nil
}

// findings writes the findings of reading and classifying the tickets on
// stderr, but for JSON, which holds them.
func (r *ticketRun) findings(reports *ticket.Reports, format ticket.Format, file string) {
	if format == ticket.JSON {
		return
	}
	if format == ticket.CSV || format == ticket.HTML {
		fmt.Fprintf(r.stderr, "%s: %s\n", file, reports.Import)
	}
	if len(reports.Findings) > 0 {
		fmt.Fprintf(r.stderr, "%s: %s reading and classifying %s:\n", r.name, diag.Count(len(reports.Findings), "finding"), file)
		ticket.WriteFindings(r.stderr, reports.Findings, r.flags.limit)
	}
}

func sortedValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// parseDays reads "90d" or a Go duration.
func parseDays(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		var days int
		if _, err := fmt.Sscanf(n, "%d", &days); err != nil || days <= 0 || fmt.Sprint(days) != n {
			return 0, errors.New("want a number of days such as 90d")
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, errors.New("want a number of days such as 90d, or a duration such as 2160h")
	}
	return d, nil
}

// runTicketMapping prints a preset mapping as it is embedded.
func runTicketMapping(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintf(stderr, "usage: opsdesign tickets mapping <%s> > my-mapping.yaml\n", strings.Join(ticket.Presets(), "|"))
		return exitUsage
	}
	data, ok := ticket.PresetSource(args[0])
	if !ok {
		fmt.Fprintf(stderr, "opsdesign tickets mapping: unknown preset %q (want %s)\n", args[0], strings.Join(ticket.Presets(), ", "))
		return exitUsage
	}
	if _, err := stdout.Write(data); err != nil {
		fmt.Fprintf(stderr, "opsdesign tickets mapping: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// runTicketRules documents the ticket findings as the rules command does
// the catalog's.
func runTicketRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tickets rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text, json or markdown")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	f, err := report.ParseFormat(*format)
	if err == nil && f != report.Text && f != report.JSON && f != report.Markdown {
		err = fmt.Errorf("%w %q", report.ErrUnknownFormat, *format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign tickets rules: %v (want text, json or markdown)\n", err)
		return exitUsage
	}
	if err := report.WriteRules(stdout, f, ticket.Rules()); err != nil {
		fmt.Fprintf(stderr, "opsdesign tickets rules: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// rowsRead says how many rows of the export were read: "420 rows of x.csv".
func rowsRead(t *ticket.ImportTally, file string) string {
	if t == nil {
		return file
	}
	return diag.Count(t.Rows, "row") + " of " + file
}
