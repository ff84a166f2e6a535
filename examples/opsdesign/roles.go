package main

import (
	"flag"
	"fmt"
	"io"
	"time"
	_ "time/tzdata" // rosters name IANA zones; the program must not depend on the machine's copy

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/roles"
)

const rolesUsage = "usage: opsdesign roles [-format text|json] [-from YYYY-MM-DD] [-days N] [-q] [path ...]"

// runRoles prints who covers the design's work: a grid of days by hours
// with the gaps in personalised and depersonalised work marked, every gap
// to the minute, and the truck factor of every task and service.
func runRoles(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("roles", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	fromFlag := fs.String("from", "", "first day of the period, in the roster's time zone (default: the design's Settings, else the Monday of this week)")
	days := fs.Int("days", 0, "number of days from -from, 1 to 366 (default: the design's Settings, else 7)")
	quiet := fs.Bool("q", false, quietHelp)
	fs.Usage = func() {
		fmt.Fprintln(stderr, rolesUsage)
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit status: 0 when every hour is covered and every schedule could be read, 1 when not, 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "opsdesign roles: "+format+"\n", args...)
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		return fail("unknown format %q (want text or json)", *format)
	}
	if *days < 0 || *days > 366 {
		return fail("-days %d: want 1 to 366", *days)
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		return fail("%v", err)
	}
	r, diags := design.Roster()
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}

	from, to := r.Period(time.Now())
	if *fromFlag != "" {
		day, err := roles.ParseDate(*fromFlag)
		if err != nil {
			return fail("-from %q is not a date such as 2025-03-03", *fromFlag)
		}
		n := r.Settings.CoverageDays
		if n == 0 {
			n = 7
		}
		from, to = day.In(r.Location()), day.AddDays(n).In(r.Location())
	}
	if *days > 0 {
		to = roles.DateOf(from).AddDays(*days).In(r.Location())
	}
	rep, err := r.Report(from, to)
	if err != nil {
		return fail("%v", err)
	}
	if *format == "json" {
		err = writeJSON(stdout, rep)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return fail("%v", err)
	}
	gaps := len(rep.Personalised.Gaps) + len(rep.Depersonalised.Gaps)
	runSummary{command: "opsdesign roles", design: design, findings: diags, extra: diag.Count(gaps, "gap") + " in cover", quiet: *quiet}.write(stderr)
	if gaps > 0 || diags.Count(catalog.Error) > 0 {
		return exitFindings
	}
	return exitOK
}
