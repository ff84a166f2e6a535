package rules

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

// The rules about how work and people are spread: escalation targets, team
// and operation sizes, hours per person, and operations work against
// improvement work. Their limits are soft and set in Settings spec.roles.
func rolesLimitsRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "roles/escalation-concentrated",
			Severity: catalog.Warning,
			Doc: ruleDoc(`More than half (Settings spec.roles.escalationShare) of the tasks that escalate name the same person, and at least two do. `+
				`When every incident ends with one person, that person is the operation's bottleneck and its single point of failure, and burns out. `+
				`Reported at the first escalatesTo entry that names the person, with the others as related positions; spread escalations over a rota or a team.`, `
tasks:
  - name: respond-alert
    escalatesTo: [sato]
  - name: restore-backup
    escalatesTo: [sato]   # every escalating task ends with sato
`),
			Run: runEscalation,
		},
		{
			ID:       "roles/team-too-large",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A team has more members than the soft limit (about 7; Settings spec.roles.teamSize). `+
				`Beyond that a team stops working as one: people no longer know what the others do, and the lead cannot look after everyone. Split it.`, `
kind: Team
spec:
  members: [a, b, c, d, e, f, g, h]   # 8 members
`),
			Run: func(p *catalog.Pass) { runLoad(p, roles.CodeTeamTooLarge) },
		},
		{
			ID:       "roles/operation-too-large",
			Severity: catalog.Warning,
			Doc: ruleDoc(`The whole operation has more people than the soft limit (about 80; Settings spec.roles.operationSize). `+
				`An operation that size is run by its procedures and its org chart, not by people who know each other; split it into operations with their own management. `+
				`Reported at the first person past the limit, in load order.`, `
kind: Person
metadata:
  name: person-81   # the 81st person of the design
`),
			Run: func(p *catalog.Pass) { runLoad(p, roles.CodeOperationTooLarge) },
		},
		{
			ID:       "roles/person-over-hours",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A person's weekly shifts, or their share of the effort of the tasks they can do, add up to more than the weekly limit (40 hours; Settings spec.roles.weeklyHours). `+
				`A roster that only works when people work overtime is not a standard workload, and it breaks with the first sick day. `+
				`Shifts are reported at shifts, effort at tasks (each task's effort is shared evenly among the people able to do it).`, `
kind: Person
spec:
  shifts: ["Mon-Fri 18:00-09:00"]   # 75 hours a week
`),
			Run: func(p *catalog.Pass) { runLoad(p, roles.CodePersonOverHours) },
		},
		{
			ID:       "roles/person-too-many-tasks",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A person is listed for more tasks than Settings spec.roles.tasksPerPerson allows. `+
				`There is no accepted figure, so this rule is silent until a design sets one; a person listed for everything is usually the person everyone depends on.`, `
kind: Person
spec:
  tasks: [a/t1, a/t2, a/t3, a/t4]   # tasksPerPerson: 3
`),
			Run: func(p *catalog.Pass) { runLoad(p, roles.CodePersonTooManyTasks) },
		},
		{
			ID:       "roles/toil-over-limit",
			Severity: catalog.Warning,
			Doc: ruleDoc(`Operations work takes more than half (Settings spec.roles.toilShare) of the effort the tasks state; the rest is improvement work, tasks of category improvement. `+
				`An operation that spends more than half its time keeping things running has no time left to make them run better, so its load only grows. `+
				`Reported at the effort of the largest operations task; tasks with no effort stated are not counted.`, `
tasks:
  - name: handle-tickets
    effort: {hoursPerMonth: 120}   # 120h of operations work, 20h of improvement
  - name: automate-reports
    category: improvement
    effort: {hoursPerMonth: 20}
`),
			Run: runToil,
		},
	}
}

func runEscalation(p *catalog.Pass) {
	r, _ := p.Design.Roster()
	for _, f := range r.Operation.Escalations(r.Limits()).Findings {
		var at string
		var d catalog.Diagnostic
		for _, rt := range r.Operation.Tasks {
			s, t, ok := r.Task(rt.Name)
			if !ok {
				continue
			}
			for _, e := range t.EscalatesTo {
				if name, ok := p.Design.ResolvePerson(e, catalog.OwnerKinds()...); !ok || name != f.Person {
					continue
				}
				if at == "" {
					at, d.Pos = e.Path, s.Doc.At(e.Path)
				} else {
					d.Related = append(d.Related, catalog.Related{Pos: s.Doc.At(e.Path), Message: fmt.Sprintf("task %q of service %q escalates to %q too", t.Name, s.Name, f.Person)})
				}
				break
			}
		}
		if at == "" {
			continue
		}
		d.Path = at
		d.Message = fmt.Sprintf("%s: spread escalations over a rota or a team so one person is not the end of every incident", f.Message)
		d.Related = append(d.Related, settingRelated(settings(p.Design), "/spec/roles/escalationShare", "the limit is set here")...)
		p.Report(d)
	}
}

func runLoad(p *catalog.Pass, code roles.Code) {
	r, _ := p.Design.Roster()
	limits := r.Limits()
	set := settings(p.Design)
	for _, f := range r.Operation.Load(limits).Findings {
		if f.Code != code {
			continue
		}
		switch code {
		case roles.CodeTeamTooLarge:
			t, ok := r.Team(f.Team)
			if !ok {
				continue
			}
			p.Report(catalog.Diagnostic{Pos: t.Doc.At("/spec/members"), Path: "/spec/members",
				Related: settingRelated(set, "/spec/roles/teamSize", "the limit is set here"),
				Message: fmt.Sprintf("%s: beyond that a team stops working as one; split it", f.Message)})
		case roles.CodeOperationTooLarge:
			past := r.Operation.People[limits.OperationSize] // Load counts the first person of each name, as Operation holds them
			pr, ok := r.Person(past.Name)
			if !ok {
				continue
			}
			p.Report(catalog.Diagnostic{Pos: pr.Doc.At("/metadata/name"), Path: "/metadata/name",
				Related: settingRelated(set, "/spec/roles/operationSize", "the limit is set here"),
				Message: fmt.Sprintf("%s; %q is the first person past it: split the operation into parts with their own management", f.Message, pr.Name)})
		case roles.CodePersonOverHours, roles.CodePersonTooManyTasks:
			pr, ok := r.Person(f.Person)
			if !ok {
				continue
			}
			at := "/spec/" + f.Field
			rel, advice := "/spec/roles/weeklyHours", "share the shifts or the work with more people"
			if code == roles.CodePersonTooManyTasks {
				rel, advice = "/spec/roles/tasksPerPerson", "train others for some of them"
			}
			p.Report(catalog.Diagnostic{Pos: pr.Doc.At(at), Path: at, Related: settingRelated(set, rel, "the limit is set here"),
				Message: fmt.Sprintf("%s: %s", f.Message, advice)})
		}
	}
}

func runToil(p *catalog.Pass) {
	r, _ := p.Design.Roster()
	toil := r.Operation.Toil(r.Limits())
	if len(toil.Findings) == 0 {
		return
	}
	var biggest *roles.Task
	for i := range r.Operation.Tasks {
		t := &r.Operation.Tasks[i]
		if t.Kind != roles.Improvement && t.Effort > 0 && (biggest == nil || t.Effort > biggest.Effort) {
			biggest = t
		}
	}
	if biggest == nil {
		return
	}
	s, t, ok := r.Task(biggest.Name)
	if !ok || t.Effort == nil {
		return
	}
	at := t.Effort.Path + "/hoursPerMonth"
	p.Report(catalog.Diagnostic{Pos: s.Doc.At(at), Path: at,
		Related: settingRelated(settings(p.Design), "/spec/roles/toilShare", "the limit is set here"),
		Message: fmt.Sprintf("%s; task %q of service %q is the largest operations task: plan improvement work (category: improvement) that reduces it",
			toil.Findings[0].Message, t.Name, s.Name)})
}
