package rules

import (
	"fmt"
	"slices"
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
				`Only work that can fall due at any time, started by a monitor, a request type or an event, needs someone present; the service's hours (24x7, or a weekly schedule) say when. `+
				`Work on a schedule alone is done when planned, and a task with no trigger, or an empty one, does not say when it falls due: `+
				`it is ops/task-without-trigger's, and its cover is checked once its trigger is written.`, `
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
				`Reported like roles/personalised-gap, for the same work (started by a monitor, a request type or an event), one finding per gap, with its exact interval.`, `
tasks:
  - name: respond-known-alert   # nobody able is on shift Sun 22:00 to Mon 06:00
    personalisation: depersonalised
    procedure: https://wiki.example.com/runbooks
`),
			Run: func(p *catalog.Pass) { runGaps(p, roles.Depersonalised) },
		},
		{
			ID:       "roles/cover-unchecked",
			Severity: catalog.Warning,
			Doc: ruleDoc(`Some work must have someone present during its service's hours, but the design lacks what the cover check needs, so the check does not run; the finding says what is missing. `+
				`A check that cannot run passes silently, and a gap nobody looked for is still a gap: two people at lunch at the same hour leave the alert that fires at 12:30 unanswered. `+
				`Work needs someone present when its service states hours (hours: 24x7, a weekly schedule or a Calendar) and it can fall due at any time, that is, it is started by a monitor, a request or an event, not by a schedule alone. `+
				`A task with no trigger (or an empty one) is not counted: it is ops/task-without-trigger's, one finding for one mistake. `+
				`Each cause is reported once, in the order a team adopting the roles/ rules meets them: `+
				`with no Person documents at all, once at the hours of the first service that needs cover; `+
				`with people who list no tasks (spec.tasks, as service/task), once at the first person's tasks, or their spec when they write none; `+
				`and then, for each task some person lists that states no personalisation, at the task, since whether it needs someone for judgement work or for procedure work decides whose presence counts. `+
				`A task nobody lists is roles/task-without-people, not this rule.`, `
kind: Service
spec:
  hours: Mon-Fri 09:00-18:00 Asia/Tokyo
  tasks:
    - name: clear-printer-jam   # no personalisation: cover not checked
      trigger: {monitor: printer-status}
`),
			Run: runCoverUnchecked,
		},
	}
}

// runCoverUnchecked reports, once per cause, why cover that is needed
// cannot be checked.
func runCoverUnchecked(p *catalog.Pass) {
	r, _ := p.Design.Roster()
	var first *catalog.Service
	var others []catalog.Related
	needing := 0
	for _, s := range p.Design.Services {
		if !slices.ContainsFunc(r.Standing.Services, func(rs roles.Service) bool { return rs.Name == s.Name }) {
			continue // no hours, retired, or hours that cannot be read (reported where they are)
		}
		n := 0
		for _, t := range s.Tasks {
			if t.Trigger.Unplanned() {
				n++
			}
		}
		if n == 0 {
			continue
		}
		needing += n
		if first == nil {
			first = s
		} else {
			others = append(others, catalog.Related{Pos: s.Doc.At("/spec/hours"), Message: fmt.Sprintf("service %q needs cover too", s.Name)})
		}
	}
	if first == nil {
		return
	}
	switch {
	case len(p.Design.People) == 0:
		p.Report(catalog.Diagnostic{Pos: first.Doc.At("/spec/hours"), Path: "/spec/hours", Related: others,
			Message: fmt.Sprintf("%s, but the design has no Person documents, so cover is not checked: "+
				"add Person documents with the tasks each person can do (spec.tasks, as service/task) and their shifts", tasksNeeding(needing))})
	case !r.Staffed:
		pr := p.Design.People[0]
		at := "/spec/tasks"
		if _, ok := pr.Doc.Lookup(at); !ok {
			at = "/spec"
		}
		p.Report(catalog.Diagnostic{Pos: pr.Doc.At(at), Path: at,
			Related: []catalog.Related{{Pos: first.Doc.At("/spec/hours"), Message: fmt.Sprintf("service %q needs cover", first.Name)}},
			Message: fmt.Sprintf("%s, but no person lists the tasks they can do, so cover is not checked: "+
				"list them under each person's tasks, as service/task", tasksNeeding(needing))})
	default:
		for _, rt := range r.Standing.Tasks {
			if rt.Personalisation != 0 {
				continue
			}
			s, t, ok := r.Task(rt.Name)
			if !ok {
				continue
			}
			if _, written := s.Doc.Lookup(t.Path + "/personalisation"); written {
				continue // a value that is not a personalisation: the schema reports it
			}
			p.Reportf(s.Doc, t.Path, "task %q of service %q can fall due at any time during the service's hours, but says neither personalised nor depersonalised, "+
				"so whose presence it needs is unknown and its cover is not checked: write its personalisation", t.Name, s.Name)
		}
	}
}

// tasksNeeding says how many tasks need someone present.
func tasksNeeding(n int) string {
	if n == 1 {
		return "1 task can fall due at any time and needs someone present during its service's hours"
	}
	return fmt.Sprintf("%d tasks can fall due at any time and need someone present during their services' hours", n)
}

func runTruck(p *catalog.Pass, code roles.Code) {
	r, _ := p.Design.Roster()
	if !r.Staffed {
		return
	}
	tf := r.Operation.TruckFactors()
	if code == roles.CodeNobodyAble {
		reportNobodyAble(p, r, tf)
		return
	}
	for _, f := range tf.Findings {
		if f.Code != code {
			continue
		}
		s, t, ok := r.Task(f.Task)
		if !ok {
			continue
		}
		at := t.Path + "/name"
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

// reportNobodyAble reports each task nobody can perform, but once for a
// service with several tasks none of which anybody can: that is one thing
// to do (staff the service), not one per task, and it is what a team
// adding its people service by service sees.
func reportNobodyAble(p *catalog.Pass, r *catalog.Roster, tf roles.TruckFactors) {
	unstaffed := map[string]bool{} // services with two tasks or more, none staffed
	for _, st := range tf.Services {
		unstaffed[st.Service] = st.Factor == 0 && len(st.Weakest) >= 2 &&
			len(st.Weakest) == len(slices.DeleteFunc(slices.Clone(tf.Tasks), func(tt roles.TaskTruck) bool { return tt.Service != st.Service }))
	}
	done := map[string]bool{}
	for _, f := range tf.Findings {
		if f.Code != roles.CodeNobodyAble {
			continue
		}
		s, t, ok := r.Task(f.Task)
		if !ok {
			continue
		}
		if !unstaffed[f.Service] {
			at := t.Path + "/name"
			p.Reportf(s.Doc, at, "nobody is listed as able to perform task %q of service %q: list %s under the tasks of the people who can", t.Name, s.Name, f.Task)
			continue
		}
		if done[f.Service] {
			continue
		}
		done[f.Service] = true
		var names []string
		var related []catalog.Related
		for _, tt := range tf.Tasks {
			if tt.Service != f.Service {
				continue
			}
			if _, rt, ok := r.Task(tt.Task); ok {
				names = append(names, rt.Name)
				related = append(related, catalog.Related{Pos: s.Doc.At(rt.Path + "/name"), Message: fmt.Sprintf("nobody lists %s", tt.Task)})
			}
		}
		const at = "/spec/tasks"
		p.Report(catalog.Diagnostic{Pos: s.Doc.At(at), Path: at, Related: related,
			Message: fmt.Sprintf("nobody is listed as able to perform any of the %d tasks of service %q (%s): list them, as %s/<task>, under the tasks of the people who can",
				len(names), s.Name, strings.Join(names, ", "), s.Name)})
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
			Message: fmt.Sprintf("%s work has no cover %s: nobody able to do %s is present", class, g.Interval.Text(), joinNames(g.Tasks))}
		for _, name := range g.Tasks[1:] {
			if rs, rt, ok := r.Task(name); ok {
				d.Related = append(d.Related, catalog.Related{Pos: rs.Doc.At(rt.Path + "/name"), Message: fmt.Sprintf("%s is uncovered then too", name)})
			}
		}
		p.Report(d)
	}
}
