package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	_ "time/tzdata" // rosters name IANA zones; the program must not depend on the machine's copy

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

const rolesUsage = "usage: opsdesign roles [-format text|json] [-from YYYY-MM-DD] [-days N] [path ...]"

// runRoles prints who covers the design's work: a grid of days by hours
// with the gaps in personalised and depersonalised work marked, every gap
// to the minute, and the truck factor of every task and service.
func runRoles(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("roles", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	fromFlag := fs.String("from", "", "first day of the period, in the roster's time zone (default: the design's Settings, else the Monday of this week)")
	days := fs.Int("days", 0, "number of days from -from, 1 to 366 (default: the design's Settings, else 7)")
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
	rep, err := buildRolesReport(r, from, to)
	if err != nil {
		return fail("%v", err)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail("%v", err)
		}
	} else {
		writeRolesText(stdout, rep)
	}
	if len(rep.Personalised.Gaps)+len(rep.Depersonalised.Gaps) > 0 || diags.Count(catalog.Error) > 0 {
		return exitFindings
	}
	return exitOK
}

// The cells of the week grid.
const (
	cellIdle           = ""               // no cover is required in the hour
	cellCovered        = "covered"        // every task that needs cover has someone
	cellPersonalised   = "personalised"   // a personalised task has nobody able present
	cellDepersonalised = "depersonalised" // a depersonalised task has nobody able present
	cellBoth           = "both"           // both classes have a gap
	cellSkipped        = "skipped"        // the hour does not exist: the clocks go forward
)

var cellMarks = map[string]string{cellIdle: " ", cellCovered: "·", cellPersonalised: "P", cellDepersonalised: "D", cellBoth: "B", cellSkipped: "~"}

type rolesReport struct {
	TimeZone       string           `json:"timeZone"`
	From           time.Time        `json:"from"`
	To             time.Time        `json:"to"`
	People         int              `json:"people"`
	Teams          int              `json:"teams"`
	Staffed        bool             `json:"staffed"`
	Unchecked      []string         `json:"uncheckedServices,omitempty"`
	Personalised   classReport      `json:"personalised"`
	Depersonalised classReport      `json:"depersonalised"`
	Grid           []gridRow        `json:"grid"`
	Tasks          []taskReport     `json:"tasks"`
	Services       []serviceReport  `json:"services"`
	TeamSizes      []roles.TeamSize `json:"teamSizes"`
}

type classReport struct {
	Tasks          int         `json:"tasks"`
	RequiredHours  float64     `json:"requiredHours"`
	UncoveredHours float64     `json:"uncoveredHours"`
	Covered        float64     `json:"covered"` // share of the required time, 0 to 1
	Gaps           []gapReport `json:"gaps"`
}

type gapReport struct {
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Minutes int64     `json:"minutes"`
	Tasks   []string  `json:"tasks"`
}

type gridRow struct {
	Date  string   `json:"date"`
	Day   string   `json:"weekday"`
	Hours []string `json:"hours"` // 24 cells, one per wall-clock hour: "", covered, personalised, depersonalised, both, skipped
}

type taskReport struct {
	Task            string   `json:"task"`
	Service         string   `json:"service"`
	Personalisation string   `json:"personalisation,omitempty"`
	Standing        bool     `json:"standing"` // needs someone present during its service's hours
	Factor          int      `json:"truckFactor"`
	People          []string `json:"people"`
	UncoveredHours  float64  `json:"uncoveredHours"`
}

type serviceReport struct {
	Service string           `json:"service"`
	Factor  int              `json:"truckFactor"`
	Weakest []string         `json:"weakest"`
	Sole    []roles.SoleTask `json:"singlePersonTasks"`
}

func buildRolesReport(r *catalog.Roster, from, to time.Time) (*rolesReport, error) {
	cov, err := r.Coverage(from, to)
	if err != nil {
		return nil, err
	}
	// The same work with nobody on the roster: its gaps are exactly the
	// hours in which cover is required.
	need := *r.StandingFor(from, to)
	need.People = nil
	req, err := need.Coverage(from, to, time.Minute)
	if err != nil {
		return nil, err
	}
	rep := &rolesReport{TimeZone: r.Location().String(), From: from, To: to, People: len(r.Operation.People),
		Teams: len(r.Operation.Teams), Staffed: r.Staffed, Unchecked: r.Unchecked,
		Personalised: classOf(cov.Personalised), Depersonalised: classOf(cov.Depersonalised),
		TeamSizes: r.Operation.Load(r.Limits()).Teams}
	rep.Grid = grid(from, to, r.Location(), cov, req)

	uncovered := map[string]time.Duration{}
	standing := map[string]bool{}
	for _, t := range cov.Tasks {
		uncovered[t.Task] = t.Uncovered
		standing[t.Task] = true
	}
	class := map[string]roles.Personalisation{}
	for _, t := range r.Operation.Tasks {
		class[t.Name] = t.Personalisation
	}
	tf := r.Operation.TruckFactors()
	for _, t := range tf.Tasks {
		tr := taskReport{Task: t.Task, Service: t.Service, Standing: standing[t.Task], Factor: t.Factor, People: t.People,
			UncoveredHours: uncovered[t.Task].Hours()}
		if p := class[t.Task]; p != 0 {
			tr.Personalisation = p.String()
		}
		rep.Tasks = append(rep.Tasks, tr)
	}
	for _, s := range tf.Services {
		rep.Services = append(rep.Services, serviceReport{Service: s.Service, Factor: s.Factor, Weakest: s.Weakest, Sole: s.Sole})
	}
	return rep, nil
}

func classOf(c roles.ClassCoverage) classReport {
	cr := classReport{Tasks: c.Tasks, RequiredHours: c.Required.Hours(), UncoveredHours: c.Uncovered.Hours(), Covered: c.Ratio(), Gaps: []gapReport{}}
	for _, g := range c.Gaps {
		cr.Gaps = append(cr.Gaps, gapReport{Start: g.Start, End: g.End, Minutes: int64(g.Duration() / time.Minute), Tasks: g.Tasks})
	}
	return cr
}

// grid marks each wall-clock hour of each day: whether cover is required
// then, and which class of work has a gap in it.
func grid(from, to time.Time, loc *time.Location, cov, req *roles.Coverage) []gridRow {
	overlaps := func(gaps []roles.Gap, s, e time.Time) bool {
		for _, g := range gaps {
			if g.Start.Before(e) && s.Before(g.End) {
				return true
			}
		}
		return false
	}
	var rows []gridRow
	for day := roles.DateOf(from); day.In(loc).Before(to); day = day.AddDays(1) {
		row := gridRow{Date: day.String(), Day: day.Weekday().String()[:3], Hours: make([]string, 24)}
		for h := range 24 {
			s := time.Date(day.Year, day.Month, day.Day, h, 0, 0, 0, loc)
			e := time.Date(day.Year, day.Month, day.Day, h+1, 0, 0, 0, loc)
			if s.Before(from) {
				s = from
			}
			if e.After(to) {
				e = to
			}
			if !s.Before(e) {
				if time.Date(day.Year, day.Month, day.Day, h, 0, 0, 0, loc).Hour() != h {
					row.Hours[h] = cellSkipped
				}
				continue
			}
			p, d := overlaps(cov.Personalised.Gaps, s, e), overlaps(cov.Depersonalised.Gaps, s, e)
			switch {
			case p && d:
				row.Hours[h] = cellBoth
			case p:
				row.Hours[h] = cellPersonalised
			case d:
				row.Hours[h] = cellDepersonalised
			case overlaps(req.Personalised.Gaps, s, e) || overlaps(req.Depersonalised.Gaps, s, e):
				row.Hours[h] = cellCovered
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func writeRolesText(w io.Writer, rep *rolesReport) {
	fmt.Fprintf(w, "Roster: %d people in %d teams, reported in %s\n", rep.People, rep.Teams, rep.TimeZone)
	fmt.Fprintf(w, "Cover from %s to %s, to the minute\n", rep.From.Format("Mon 2006-01-02 15:04 MST"), rep.To.Format("Mon 2006-01-02 15:04 MST"))
	if !rep.Staffed {
		fmt.Fprintln(w, "No person lists a task, so the design does not say who can do what: nothing to cover.")
	}
	for _, s := range rep.Unchecked {
		fmt.Fprintf(w, "Service %s names a Calendar as its hours; its cover is not checked.\n", s)
	}
	for _, c := range []struct {
		name string
		c    classReport
	}{{"personalised", rep.Personalised}, {"depersonalised", rep.Depersonalised}} {
		fmt.Fprintf(w, "  %-15s %d standing task(s), %.1f%% of %s covered\n", c.name+":", c.c.Tasks, 100*ratio(c.c), hoursText(c.c.RequiredHours))
	}

	fmt.Fprint(w, "\n         ")
	for h := range 24 {
		fmt.Fprintf(w, " %02d", h)
	}
	fmt.Fprintln(w)
	for _, row := range rep.Grid {
		fmt.Fprintf(w, "%s %s", row.Day, row.Date[5:])
		for _, c := range row.Hours {
			fmt.Fprintf(w, "  %s", cellMarks[c])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "  · covered  P personalised gap  D depersonalised gap  B both  ~ hour skipped by the clocks  (blank) no cover required")

	fmt.Fprintln(w)
	gaps := 0
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range []struct {
		name string
		c    classReport
	}{{"personalised", rep.Personalised}, {"depersonalised", rep.Depersonalised}} {
		for _, g := range c.c.Gaps {
			if gaps == 0 {
				fmt.Fprintln(tw, "Gaps\tfrom\tto\tlength\tuncovered tasks")
			}
			gaps++
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", c.name, g.Start.Format("Mon 2006-01-02 15:04 MST"), g.End.Format("Mon 2006-01-02 15:04 MST"),
				hoursText(float64(g.Minutes)/60), strings.Join(g.Tasks, ", "))
		}
	}
	if gaps == 0 {
		fmt.Fprintln(tw, "Gaps: none")
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Service\ttruck factor\tweakest tasks\tsingle-person tasks")
	for _, s := range rep.Services {
		var sole []string
		for _, t := range s.Sole {
			sole = append(sole, t.Task+" ("+t.Person+")")
		}
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", s.Service, s.Factor, names(s.Weakest, 3), dash(strings.Join(sole, ", ")))
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Task\tclass\tstanding\ttruck factor\tpeople")
	for _, t := range rep.Tasks {
		standing := "no"
		if t.Standing {
			standing = "yes"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%s\n", t.Task, dash(t.Personalisation), standing, t.Factor, dash(names(t.People, 4)))
	}
	tw.Flush()
}

func ratio(c classReport) float64 {
	if c.RequiredHours == 0 {
		return 1
	}
	return c.Covered
}

// hoursText writes hours as "168h" or "2.5h".
func hoursText(h float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", h), "0"), ".") + "h"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// names lists at most n names, then how many more there are.
func names(list []string, n int) string {
	if len(list) <= n {
		return strings.Join(list, ", ")
	}
	return fmt.Sprintf("%s, +%d more", strings.Join(list[:n], ", "), len(list)-n)
}
