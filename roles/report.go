package roles

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// RosterReport is who covers an operation's work over a period: the share
// of the required time each class of work is covered, every gap to the
// granularity of the coverage, a grid of days by hours, and how many
// people every task and service depends on. Its JSON form (the struct
// tags) is what `opsdesign roles -format json` prints; WriteText writes
// the text form.
type RosterReport struct {
	TimeZone string    `json:"timeZone"` // the roster's zone, in which everything is reported
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	People   int       `json:"people"`
	Teams    int       `json:"teams"`
	// Staffed reports whether any person lists a task; without that the
	// roster does not say who can do what, and there is nothing to cover.
	Staffed bool `json:"staffed"`
	// Unchecked lists services whose cover the caller could not check
	// (their hours could not be turned into a schedule); NewRosterReport
	// leaves it empty.
	Unchecked []string `json:"uncheckedServices,omitempty"`
	// Unclassified lists the standing tasks that say neither personalised
	// nor depersonalised: in neither class, so their cover is not checked.
	Unclassified   []string         `json:"unclassifiedTasks,omitempty"`
	Personalised   ClassSummary     `json:"personalised"`
	Depersonalised ClassSummary     `json:"depersonalised"`
	Grid           []GridDay        `json:"grid"`
	Tasks          []TaskSummary    `json:"tasks"`    // every task, roster order
	Services       []ServiceSummary `json:"services"` // sorted by name
	TeamSizes      []TeamSize       `json:"teamSizes"`
}

// ClassSummary is the cover of one class of work over the period.
type ClassSummary struct {
	Tasks          int          `json:"tasks"` // tasks of the class that need someone present
	RequiredHours  float64      `json:"requiredHours"`
	UncoveredHours float64      `json:"uncoveredHours"`
	Covered        float64      `json:"covered"` // share of the required time, 0 to 1 (1 when nothing is required)
	Gaps           []GapSummary `json:"gaps"`    // never nil
}

// GapSummary is one gap of a class of work.
type GapSummary struct {
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Minutes int64     `json:"minutes"`
	Tasks   []string  `json:"tasks"` // the uncovered tasks
}

// TaskSummary is one task: its truck factor and its cover.
type TaskSummary struct {
	Task            string          `json:"task"`
	Service         string          `json:"service"`
	Personalisation Personalisation `json:"personalisation,omitempty"`
	// Standing reports whether the task needs someone present during its
	// service's hours (it is in the coverage).
	Standing       bool     `json:"standing"`
	Factor         int      `json:"truckFactor"`
	People         []string `json:"people"` // who can perform it, roster order
	UncoveredHours float64  `json:"uncoveredHours"`
}

// ServiceSummary is one service's truck factor.
type ServiceSummary struct {
	Service string     `json:"service"`
	Factor  int        `json:"truckFactor"`
	Weakest []string   `json:"weakest"`
	Sole    []SoleTask `json:"singlePersonTasks"`
}

// NewRosterReport reports on op, the whole operation (its people, teams
// and every task, for truck factors and team sizes), given the cover of
// its work that needs someone present over a period and the demand for
// that cover (Demand of the same roster over the same range). The roster
// that cover and demand were computed on may hold fewer tasks than op:
// tasks on a schedule need no one standing by. The report shares nothing
// with cover, which may be shared itself.
func NewRosterReport(op *Roster, cover, demand *Coverage) *RosterReport {
	rep := &RosterReport{TimeZone: op.loc().String(), From: cover.From, To: cover.To, People: len(op.People), Teams: len(op.Teams),
		Personalised: classSummary(cover.Personalised), Depersonalised: classSummary(cover.Depersonalised),
		Grid: cover.HourGrid(demand)}
	for _, p := range op.People {
		rep.Staffed = rep.Staffed || len(p.Tasks) > 0
	}
	for _, tm := range op.Teams {
		rep.TeamSizes = append(rep.TeamSizes, TeamSize{Team: tm.Name, Size: distinct(tm.Members)})
	}
	uncovered := map[string]time.Duration{}
	standing := map[string]bool{}
	for _, t := range cover.Tasks {
		uncovered[t.Task] = t.Uncovered
		standing[t.Task] = true
		if t.Personalisation != Personalised && t.Personalisation != Depersonalised {
			rep.Unclassified = append(rep.Unclassified, t.Task)
		}
	}
	class := map[string]Personalisation{}
	for _, t := range op.Tasks {
		class[t.Name] = t.Personalisation
	}
	tf := op.TruckFactors()
	for _, t := range tf.Tasks {
		rep.Tasks = append(rep.Tasks, TaskSummary{Task: t.Task, Service: t.Service, Personalisation: class[t.Task],
			Standing: standing[t.Task], Factor: t.Factor, People: t.People, UncoveredHours: uncovered[t.Task].Hours()})
	}
	for _, s := range tf.Services {
		rep.Services = append(rep.Services, ServiceSummary(s))
	}
	return rep
}

func classSummary(c ClassCoverage) ClassSummary {
	cs := ClassSummary{Tasks: c.Tasks, RequiredHours: c.Required.Hours(), UncoveredHours: c.Uncovered.Hours(), Covered: c.Ratio(),
		Gaps: []GapSummary{}}
	for _, g := range c.Gaps {
		cs.Gaps = append(cs.Gaps, GapSummary{Start: g.Start, End: g.End, Minutes: int64(g.Duration() / time.Minute), Tasks: slices.Clone(g.Tasks)})
	}
	return cs
}

// reportTime is how the text form writes an instant.
const reportTime = "Mon 2006-01-02 15:04 MST"

// WriteText writes the report for people: the summary, the grid of days
// by hours, the gaps, then the truck factors of services and of tasks.
func (rep *RosterReport) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	rep.writeSummary(bw)
	rep.writeGrid(bw)
	rep.writeGaps(bw)
	rep.writeTruckFactors(bw)
	return bw.Flush()
}

func (rep *RosterReport) classes() []struct {
	name string
	c    ClassSummary
} {
	return []struct {
		name string
		c    ClassSummary
	}{{"personalised", rep.Personalised}, {"depersonalised", rep.Depersonalised}}
}

func (rep *RosterReport) writeSummary(w io.Writer) {
	fmt.Fprintf(w, "Roster: %s in %s, reported in %s\n", diag.Count(rep.People, "person", "people"), diag.Count(rep.Teams, "team"), rep.TimeZone)
	fmt.Fprintf(w, "Cover from %s to %s, to the minute\n", rep.From.Format(reportTime), rep.To.Format(reportTime))
	if !rep.Staffed {
		fmt.Fprintln(w, "No person lists a task, so the design does not say who can do what: nothing to cover.")
	}
	for _, s := range rep.Unchecked {
		fmt.Fprintf(w, "Service %s names a Calendar as its hours; its cover is not checked.\n", s)
	}
	for _, c := range rep.classes() {
		if c.c.RequiredHours == 0 {
			fmt.Fprintf(w, "  %-15s %s, no hour that needs cover\n", c.name+":", diag.Count(c.c.Tasks, "standing task"))
			continue
		}
		fmt.Fprintf(w, "  %-15s %s, %.1f%% of %s covered\n", c.name+":", diag.Count(c.c.Tasks, "standing task"), 100*c.c.Covered, hoursText(c.c.RequiredHours))
	}
	if n := len(rep.Unclassified); n > 0 {
		fmt.Fprintf(w, "  %-15s %s not checked, being neither personalised nor depersonalised: %s\n", "unclassified:", diag.Count(n, "standing task"), strings.Join(rep.Unclassified, ", "))
	}
}

func (rep *RosterReport) writeGrid(w io.Writer) {
	fmt.Fprint(w, "\n         ")
	for h := range 24 {
		fmt.Fprintf(w, " %02d", h)
	}
	fmt.Fprintln(w)
	for _, row := range rep.Grid {
		fmt.Fprintf(w, "%s %s", row.Weekday, row.Date.String()[5:])
		for _, c := range row.Hours {
			fmt.Fprintf(w, "  %s", c.Mark())
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "  · covered  P personalised gap  D depersonalised gap  B both  ~ hour skipped by the clocks  (blank) no cover required")
}

func (rep *RosterReport) writeGaps(w io.Writer) {
	fmt.Fprintln(w)
	tw := diag.TextTable{} // names may be Japanese: columns aligned by display width
	for _, c := range rep.classes() {
		for _, g := range c.c.Gaps {
			if tw.Len() == 0 {
				tw.Row("Gaps", "from", "to", "length", "uncovered tasks")
			}
			tw.Row("  "+c.name, g.Start.Format(reportTime), g.End.Format(reportTime),
				hoursText(float64(g.Minutes)/60), strings.Join(g.Tasks, ", "))
		}
	}
	if tw.Len() == 0 {
		fmt.Fprintln(w, "Gaps: none")
	}
	_, _ = tw.WriteTo(w) // w is the report's buffer: WriteText returns its error
}

func (rep *RosterReport) writeTruckFactors(w io.Writer) {
	fmt.Fprintln(w)
	var tw diag.TextTable
	tw.Row("Service", "truck factor", "weakest tasks", "single-person tasks")
	for _, s := range rep.Services {
		var sole []string
		for _, t := range s.Sole {
			sole = append(sole, t.Task+" ("+t.Person+")")
		}
		tw.Row("  "+s.Service, fmt.Sprint(s.Factor), firstNames(s.Weakest, 3), dash(strings.Join(sole, ", ")))
	}
	_, _ = tw.WriteTo(w)
	fmt.Fprintln(w)
	tw.Row("Task", "class", "standing", "truck factor", "people")
	for _, t := range rep.Tasks {
		standing, class := "no", "-"
		if t.Standing {
			standing = "yes"
		}
		if t.Personalisation != 0 {
			class = t.Personalisation.String()
		}
		tw.Row("  "+t.Task, class, standing, fmt.Sprint(t.Factor), dash(firstNames(t.People, 4)))
	}
	_, _ = tw.WriteTo(w)
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

// firstNames lists at most n names, then how many more there are.
func firstNames(list []string, n int) string {
	if len(list) <= n {
		return strings.Join(list, ", ")
	}
	return fmt.Sprintf("%s, +%d more", strings.Join(list[:n], ", "), len(list)-n)
}
