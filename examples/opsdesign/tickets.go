package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/ticket"
)

const ticketsUsage = `usage: opsdesign tickets <review|inventory|stale|rules> [flags] tickets.csv|tickets.jsonl

  review      hold the tickets to the design's objectives: compliance per severity,
              week and month, every miss by reason, improvement requests, same-day answers
  inventory   count tickets and effort per service and request type, follow the share
              of "other", propose request types and retirements
  stale       apply the design's ticket policies: weekly lists, forced closes, the audit
              trail, forced closes per person (a dry run unless -close)
  rules       document the findings the ticket commands report

Each measures one ticket export against a design (the sample built into the
program unless -design is given). Exit status: 0 when the report was made and
no row was rejected, 1 when rows or values could not be read, 2 when the
command could not run.`

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
	case "review", "inventory", "stale":
		return runTicketReport(args[0], args[1:], stdout, stderr)
	case "rules":
		return runTicketRules(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "opsdesign tickets: unknown subcommand %q\n%s\n", args[0], ticketsUsage)
	return exitUsage
}

// ticketFlags are the flags every report takes.
type ticketFlags struct {
	format  string
	design  string
	mapping string
	tz      string
	now     string
	config  string
	// inventory
	unused string
	weekly bool
	// stale
	close bool
	audit string
}

// newTicketFlags declares the flags of a ticket report.
func newTicketFlags(what, name string, stderr io.Writer) (*flag.FlagSet, *ticketFlags) {
	fs := flag.NewFlagSet(what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f ticketFlags
	fs.StringVar(&f.format, "format", "text", "output format: text, json or markdown")
	fs.StringVar(&f.design, "design", "", "the design (a file or directory; default: the sample built into the program)")
	fs.StringVar(&f.mapping, "mapping", "native", "CSV column mapping: native, jira or zendesk")
	fs.StringVar(&f.tz, "tz", "", "time zone of timestamps written without a UTC offset, such as Asia/Tokyo (Jira and Zendesk exports need it)")
	fs.StringVar(&f.now, "now", "", "the instant of the report, RFC 3339 (default: the latest instant in the tickets)")
	fs.StringVar(&f.config, "config", "", configHelp+"; it re-grades or disables ticket/ rules")
	switch what {
	case "inventory":
		fs.StringVar(&f.unused, "unused", "90d", "propose retiring active services with no ticket for this long (days: 90d, or a Go duration)")
		fs.BoolVar(&f.weekly, "weekly", false, "follow the share of other per week instead of per month")
	case "stale":
		fs.BoolVar(&f.close, "close", false, "make the forced closes (the audit trail says so) instead of a dry run")
		fs.StringVar(&f.audit, "audit", "", "append the forced closes to this JSON Lines audit trail")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s [flags] tickets.csv|tickets.jsonl\n", name)
		fs.PrintDefaults()
	}
	return fs, &f
}

// runTicketReport measures a ticket export against the design and writes
// one report.
func runTicketReport(what string, args []string, stdout, stderr io.Writer) int {
	name := "opsdesign tickets " + what
	fs, f := newTicketFlags(what, name, stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, name+": "+format+"\n", a...)
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	format, err := ticket.ParseFormat(f.format)
	if err != nil {
		return fail("%v", err)
	}
	var loc *time.Location
	if f.tz != "" {
		if loc, err = time.LoadLocation(f.tz); err != nil {
			return fail("time zone %q: %v", f.tz, err)
		}
	}
	m, ok := ticket.Preset(f.mapping, loc)
	if !ok {
		return fail("unknown mapping %q (want %s)", f.mapping, strings.Join(ticket.Presets(), ", "))
	}
	var now time.Time
	if f.now != "" {
		if now, err = time.Parse(time.RFC3339, f.now); err != nil {
			return fail("-now %q: want RFC 3339, such as 2026-11-01T00:00:00+09:00", f.now)
		}
	}
	var paths []string
	if f.design != "" {
		paths = []string{f.design}
	}
	rc, err := loadRunConfig(f.config, paths)
	if err != nil {
		return fail("%v", err)
	}
	design, err := loadDesign(paths)
	if err != nil {
		return fail("%v", err)
	}
	if n := design.Diagnostics().Count(catalog.Error); n > 0 {
		fmt.Fprintf(stderr, "%s: the design has %d error(s); run opsdesign lint on it\n", name, n)
	}
	opts := ticket.MeasureOptions{Review: what == "review", Inventory: what == "inventory", Stale: what == "stale",
		Now: now, Zone: loc, Weekly: f.weekly, Close: f.close}
	if opts.Inventory {
		if opts.UnusedAfter, err = parseDays(f.unused); err != nil {
			return fail("-unused %q: %v", f.unused, err)
		}
	}
	file := fs.Arg(0)
	reports, err := ticket.Measure(design, ticket.ReadFile(file, m), opts)
	if errors.Is(err, ticket.ErrNoPolicy) {
		return fail("the design has no TicketPolicy document")
	} else if err != nil {
		return fail("%v", err)
	}
	var rep ticket.Report = reports.Review
	switch {
	case opts.Inventory:
		rep = reports.Inventory
	case opts.Stale:
		rep = reports.Stale
		if f.audit != "" && len(reports.Stale.Closures) > 0 {
			if err := ticket.AppendAudit(f.audit, reports.Stale.Closures); err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", name, err)
			}
		}
	}
	findings := append(rc.diags, rc.all.Apply(reports.Findings)...)
	if err := writeTicketReport(stdout, stderr, rep, findings, format, name, file); err != nil {
		return fail("%v", err)
	}
	runSummary{command: name, findings: findings, config: rc.path()}.write(stderr)
	if findings.Max() >= catalog.Error {
		return exitFindings
	}
	return exitOK
}

// writeTicketReport writes a report in its format: in JSON with the
// findings of reading and classifying the tickets beside it, otherwise
// with the findings on stderr.
func writeTicketReport(stdout, stderr io.Writer, rep ticket.Report, findings catalog.Diagnostics, format ticket.Format, name, file string) error {
	if format == ticket.JSON {
		return ticket.WriteJSON(stdout, rep, findings)
	}
	if err := rep.Write(stdout, format); err != nil {
		return err
	}
	if len(findings) > 0 {
		fmt.Fprintf(stderr, "%s: %d finding(s) reading and classifying %s:\n", name, len(findings), file)
		for _, d := range findings {
			fmt.Fprintln(stderr, d)
		}
	}
	return nil
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
