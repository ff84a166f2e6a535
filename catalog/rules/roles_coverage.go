package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

// The rules about who can do each task and when: truck factors and gaps in
// cover. They are silent for a design whose people list no tasks (it does
// not say who can do what); gaps are looked for only in services that state
// their hours.
func rolesCoverageRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "roles/single-person-task",
			Severity: catalog.Warning,
			Doc: ruleDoc(`Exactly one person is listed as able to perform a task: its truck factor is 1. `+
				`When that person is ill, on leave or gone, the work stops, and nobody else knows how it was done. `+
				`The finding names the person; train a second one and list the task under their tasks, or depersonalise the work.`, `
kind: Person
metadata: {name: hana}
spec:
  tasks: [backup/restore-database]   # nobody else lists backup/restore-database
`),
			Run: func(p *catalog.Pass) { runTruck(p, roles.CodeSolePerson) },
		},
		{
			ID:       "roles/task-without-people",
			Severity: catalog.Error,
			Doc: ruleDoc(`No person is listed as able to perform a task of a service that is not retired, although the design lists who can do other work. `+
				`Work nobody can do is work that silently does not happen. List the task under the tasks of the people who can do it, as service/task.`, `
tasks:
  - name: rotate-keys   # no Person lists alert-response/rotate-keys
`),
			Run: func(p *catalog.Pass) { runTruck(p, roles.CodeNobodyAble) },
		},
		{
			ID:       "roles/personalised-gap",
			Severity: catalog.Error,
			Doc: ruleDoc(`During some hours in which a service must be covered, nobody able to do one of its personalised tasks is present. `+
				`A 24/365 operation needs someone for the judgement work (unknown alerts, escalations) at every hour, not just anyone on call. `+
				`Each gap is reported with its exact interval in the roster's time zone, over the period Settings spec.roles sets (by default the current week, from Monday); `+
				`a night across a daylight-saving change is an hour shorter or longer, and the interval says so. `+
				`Only work that is not triggered by a schedule alone needs someone present; the service's hours (24x7, or a weekly schedule) say when.`, `
tasks:
  - name: investigate-unknown-alert   # nobody able is on shift Sat 01:00 to 04:00
    personalisation: personalised
`),
			Run: func(p *catalog.Pass) { runGaps(p, roles.Personalised) },
		},
		{
			ID:       "roles/depersonalised-gap",
			Severity: catalog.Error,
			Doc: ruleDoc(`During some hours in which a service must be covered, nobody able to do one of its depersonalised tasks is present. `+
				`Procedures only help when someone trained to follow them is there: an alert at 03:00 with a perfect runbook and nobody on shift is still missed. `+
				`Reported like roles/personalised-gap, one finding per gap, with its exact interval.`, `
tasks:
  - name: respond-known-alert   # nobody able is on shift Sun 22:00 to Mon 06:00
    personalisation: depersonalised
    procedure: https://wiki.example.com/runbooks
`),
			Run: func(p *catalog.Pass) { runGaps(p, roles.Depersonalised) },
		},
	}
}

func runTruck(p *catalog.Pass, code roles.Code) {
	r, _ := p.Design.Roster()
	if !r.Staffed {
		return
	}
	for _, f := range r.Operation.TruckFactors().Findings {
		if f.Code != code {
			continue
		}
		s, t, ok := r.Task(f.Task)
		if !ok {
			continue
		}
		at := t.Path + "/name"
		if code == roles.CodeNobodyAble {
			p.Reportf(s.Doc, at, "nobody is listed as able to perform task %q of service %q: list %s under the tasks of the people who can", t.Name, s.Name, f.Task)
			continue
		}
		d := catalog.Diagnostic{Pos: s.Doc.At(at), Path: at,
			Message: fmt.Sprintf("only %q can perform task %q of service %q (truck factor 1): train a second person and list %s under their tasks",
				f.Person, t.Name, s.Name, f.Task)}
		if pr, ok := r.Person(f.Person); ok {
			for _, tr := range pr.Tasks {
				if tr.Raw == f.Task {
					d.Related = append(d.Related, catalog.Related{Pos: pr.Doc.At(tr.Path), Message: fmt.Sprintf("%q is the only person who lists it", pr.Name)})
					break
				}
			}
		}
		p.Report(d)
	}
}

func runGaps(p *catalog.Pass, class roles.Personalisation) {
	r, _ := p.Design.Roster()
	if !r.Staffed || len(r.Standing.Tasks) == 0 {
		return
	}
	from, to := r.Period(p.Now())
	cov, err := r.Coverage(from, to)
	if err != nil {
		// Only a clock outside the years cover can be computed for gets
		// here (Design.Roster checks coverageFrom); say so once.
		if class == roles.Personalised {
			p.Report(catalog.Diagnostic{Message: fmt.Sprintf("cover cannot be checked for %s to %s: %v", from.Format(time.DateOnly), to.Format(time.DateOnly), err)})
		}
		return
	}
	cc := cov.Personalised
	if class == roles.Depersonalised {
		cc = cov.Depersonalised
	}
	for _, g := range cc.Gaps {
		s, t, ok := r.Task(g.Tasks[0])
		if !ok {
			continue
		}
		at := t.Path + "/name"
		d := catalog.Diagnostic{Pos: s.Doc.At(at), Path: at,
			Message: fmt.Sprintf("%s work has no cover %s: nobody able to do %s is present", class, formatInterval(g.Interval), joinNames(g.Tasks))}
		for _, name := range g.Tasks[1:] {
			if rs, rt, ok := r.Task(name); ok {
				d.Related = append(d.Related, catalog.Related{Pos: rs.Doc.At(rt.Path + "/name"), Message: fmt.Sprintf("%s is uncovered then too", name)})
			}
		}
		p.Report(d)
	}
}

// formatInterval writes a gap as a roster reads, date first so that gaps
// reported at one place sort in time: "2025-03-08 Sat 01:00 to 04:00 CET
// (3h)", with both zones when the clocks change in between, so
// "2025-03-30 Sun 01:00 CET to 04:00 CEST (2h)".
func formatInterval(iv roles.Interval) string {
	const day, clock = "2006-01-02 Mon 15:04", "15:04"
	s, e := iv.Start, iv.End
	sz, _ := s.Zone()
	ez, _ := e.Zone()
	var b strings.Builder
	b.WriteString(s.Format(day))
	if sz != ez {
		b.WriteString(" " + sz)
	}
	b.WriteString(" to ")
	if roles.DateOf(s) == roles.DateOf(e) {
		b.WriteString(e.Format(clock))
	} else {
		b.WriteString(e.Format(day))
	}
	b.WriteString(" " + ez + " (" + formatSpan(iv.Duration()) + ")")
	return b.String()
}

// formatSpan writes a duration in hours and minutes: "3h", "2h30m", "45m".
func formatSpan(d time.Duration) string {
	h, m := d/time.Hour, d%time.Hour/time.Minute
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}
