package rules

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

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
			Doc: ruleDoc(`More than half (Settings spec.roles.escalationShare) of the tasks that escalate end with the same person, and at least two do. `+
				`When every incident ends with one person, that person is the operation's bottleneck and its single point of failure, and burns out. `+
				`A task ends with a person when its escalatesTo names them, or names a role that they alone hold, or a team whose only member they are: `+
				`a role or team of several people is a rota and ends with nobody in particular (the task still counts as escalating). `+
				`Reported at the first escalatesTo entry that leads to the person, with the others as related positions; the message names the person and each path. `+
				`Spread escalations over a rota or a team.`, `
tasks:
  - name: respond-alert
    escalatesTo: [incident-commander]   # a role only sato holds
  - name: restore-backup
    escalatesTo: [sato]                 # every escalating task ends with sato
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
				`Reported at the effort of the largest operations task, with the figures in hours a month; tasks with no effort stated are not counted. `+
				`The same line for each team is roles/team-toil-over-limit.`, `
tasks:
  - name: handle-tickets
    effort: {hoursPerMonth: 120}   # 120h of operations work, 20h of improvement
  - name: automate-reports
    category: improvement
    effort: {hoursPerMonth: 20}
`),
			Run: runToil,
		},
		{
			ID:       "roles/team-toil-over-limit",
			Severity: catalog.Warning,
			Doc: ruleDoc(`Operations work takes more than half (Settings spec.roles.toilShare) of one team's stated effort, whatever the whole operation's share. `+
				`The half-and-half line between running things and improving them holds for each team: a team at 70% operations work has no time to improve anything, `+
				`even when another team's improvement work keeps the whole operation under 50%. `+
				`A team's effort is the hoursPerMonth of the tasks it owns (owner: the team), of those its members own (owner: the person) and of those a role they hold owns (owner: the role); `+
				`tasks of category improvement are improvement work, every other task operations work. `+
				`Shared ownership is split evenly: a role's task among the people who hold it, and a person's part among the teams they are a member of. `+
				`Tasks with no effort stated are not counted, and the message says how many of the team's there are. `+
				`A team that carries all of the operation's stated effort is left to roles/toil-over-limit, which reports the same figures. `+
				`Reported at the Team's name, with the figures of the team as a whole and of each member who owns some of them.`, `
kind: Team
metadata:
  name: platform   # 110h of operations work, 40h of improvement a month (73%)
spec:
  members: [aki, ben]
`),
			Run: runTeamToil,
		},
	}
}

func runEscalation(p *catalog.Pass) {
	r, _ := p.Design.Roster()
	esc := r.Operation.Escalations(r.Limits())
	for _, f := range esc.Findings {
		i := slices.IndexFunc(esc.Targets, func(t roles.EscalationTarget) bool { return t.Person == f.Person })
		if i < 0 {
			continue
		}
		var d catalog.Diagnostic
		var paths []string
		for _, path := range esc.Targets[i].Paths {
			s, t, e, ok := escalationEntry(p.Design, r, path, f.Person)
			if !ok {
				continue
			}
			how := escalationHow(path.Via, f.Person)
			paths = append(paths, t.Name+" → "+how)
			if d.Path == "" {
				d.Path, d.Pos = e.Path, s.Doc.At(e.Path)
				continue
			}
			d.Related = append(d.Related, catalog.Related{Pos: s.Doc.At(e.Path),
				Message: fmt.Sprintf("task %q of service %q ends with %q too: it escalates to %s", t.Name, s.Name, f.Person, how)})
		}
		if d.Path == "" {
			continue
		}
		d.Message = fmt.Sprintf("%s, by the paths %s: spread escalations over a rota or a team so one person is not the end of every incident", f.Message, strings.Join(paths, "; "))
		d.Related = append(d.Related, settingRelated(settings(p.Design), "/spec/roles/escalationShare", "the limit is set here")...)
		p.Report(d)
	}
}

// escalationEntry finds the escalatesTo entry by which a task reaches a
// person: the one naming the role or team of the path, or the person.
func escalationEntry(d *catalog.Design, r *catalog.Roster, path roles.EscalationPath, person string) (*catalog.Service, *catalog.Task, catalog.Ref, bool) {
	s, t, ok := r.Task(path.Task)
	if !ok {
		return nil, nil, catalog.Ref{}, false
	}
	want := path.Via
	if want.IsZero() {
		want = roles.PersonRef(person)
	}
	for _, e := range t.EscalatesTo {
		if ref, ok := d.RosterRef(e); ok && ref == want {
			return s, t, e, true
		}
	}
	return nil, nil, catalog.Ref{}, false
}

// escalationHow writes how an escalation reaches a person: "sato", or
// through the role or team only they stand behind.
func escalationHow(via roles.Ref, person string) string {
	switch via.On {
	case roles.OnRole:
		return fmt.Sprintf("role %q, held by %q alone", rosterName(via), person)
	case roles.OnTeam:
		return fmt.Sprintf("team %q, whose only member is %q", via.Name, person)
	}
	return strconv.Quote(person)
}

// rosterName is the design's name of a roster person, role or team: the
// roster names roles "role:name".
func rosterName(ref roles.Ref) string {
	if ref.On == roles.OnRole {
		return strings.TrimPrefix(ref.Name, "role:")
	}
	return ref.Name
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
	limits := r.Limits()
	toil := r.Operation.Toil(limits)
	if toil.Share <= limits.ToilShare || limits.ToilShare <= 0 {
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
		Message: fmt.Sprintf("operations work is %.0f%% of the effort the tasks state (%s of %s a month; limit %.0f%%); task %q of service %q is the largest operations task: plan improvement work (category: improvement) that reduces it",
			100*toil.Share, monthly(toil.Operations), monthly(toil.Operations+toil.Improvement), 100*limits.ToilShare, t.Name, s.Name)})
}

func runTeamToil(p *catalog.Pass) {
	r, _ := p.Design.Roster()
	limits := r.Limits()
	if limits.ToilShare <= 0 {
		return
	}
	toil := r.Operation.Toil(limits)
	for _, tt := range toil.Teams {
		if tt.Share <= limits.ToilShare || near(tt.Operations, toil.Operations) && near(tt.Improvement, toil.Improvement) {
			continue // under the limit, or the whole operation's figures, which roles/toil-over-limit reports
		}
		team, ok := r.Team(tt.Team)
		if !ok {
			continue
		}
		var parts []string
		for _, pt := range tt.People {
			parts = append(parts, fmt.Sprintf("%s %s of %s", pt.Person, monthly(pt.Operations), monthly(pt.Operations+pt.Improvement)))
		}
		if own := tt.Own; own.Operations+own.Improvement > 0 {
			parts = append(parts, fmt.Sprintf("the team as a whole %s of %s", monthly(own.Operations), monthly(own.Operations+own.Improvement)))
		}
		unstated := ""
		switch tt.Unstated {
		case 0:
		case 1:
			unstated = "; 1 of its tasks states no effort and is not counted"
		default:
			unstated = fmt.Sprintf("; %d of its tasks state no effort and are not counted", tt.Unstated)
		}
		const at = "/metadata/name"
		p.Report(catalog.Diagnostic{Pos: team.Doc.At(at), Path: at,
			Related: settingRelated(settings(p.Design), "/spec/roles/toilShare", "the limit is set here"),
			Message: fmt.Sprintf("operations work is %.0f%% of team %q's stated effort (%s of %s a month; limit %.0f%%; by owner: %s)%s: plan improvement work (category: improvement) for the team, or move operations work to a team with room",
				100*tt.Share, tt.Team, monthly(tt.Operations), monthly(tt.Operations+tt.Improvement), 100*limits.ToilShare, strings.Join(parts, ", "), unstated)})
	}
}

// near reports whether two efforts are the same to the minute.
func near(a, b time.Duration) bool { return (a - b).Abs() < time.Minute }

// monthly writes weekly effort as the hours a month designs state it in,
// to a tenth of an hour: "110h", "27.5h".
func monthly(week time.Duration) string {
	h := math.Round(week.Hours()*52/12*10) / 10
	return strconv.FormatFloat(h, 'f', -1, 64) + "h"
}
