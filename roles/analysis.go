package roles

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// index resolves the roster's names once per analysis. The first of two
// objects with the same name wins; the duplicate is reported by Check.
type index struct {
	roles       map[string]Role
	people      map[string]int
	tasks       map[string]int
	taskOrder   []int   // indices into Roster.Tasks of the first task of each name
	able        [][]int // per task index: able people, roster order, no repeats
	personTasks [][]int // per person index: task indices, no repeats
	personFirst []bool  // whether the person is the first of their name
}

func newIndex(r *Roster) *index {
	ix := &index{
		roles:       make(map[string]Role, len(builtinRoles)+len(r.Roles)),
		people:      make(map[string]int, len(r.People)),
		tasks:       make(map[string]int, len(r.Tasks)),
		able:        make([][]int, len(r.Tasks)),
		personTasks: make([][]int, len(r.People)),
		personFirst: make([]bool, len(r.People)),
	}
	for _, ro := range builtinRoles {
		ix.roles[ro.Name] = ro
	}
	for _, ro := range r.Roles {
		if _, dup := ix.roles[ro.Name]; !dup {
			ix.roles[ro.Name] = ro
		}
	}
	for i, t := range r.Tasks {
		if _, dup := ix.tasks[t.Name]; !dup {
			ix.tasks[t.Name] = i
			ix.taskOrder = append(ix.taskOrder, i)
		}
	}
	for i, p := range r.People {
		if _, dup := ix.people[p.Name]; dup {
			continue
		}
		ix.people[p.Name] = i
		ix.personFirst[i] = true
		for _, name := range p.Tasks {
			ti, ok := ix.tasks[name]
			if !ok || slices.Contains(ix.personTasks[i], ti) {
				continue
			}
			ix.personTasks[i] = append(ix.personTasks[i], ti)
			ix.able[ti] = append(ix.able[ti], i)
		}
	}
	return ix
}

// known reports whether a Ref names a person, role or team of the roster.
func (ix *index) known(r *Roster, ref Ref) bool {
	switch ref.On {
	case OnPerson:
		_, ok := ix.people[ref.Name]
		return ok
	case OnRole:
		_, ok := ix.roles[ref.Name]
		return ok
	case OnTeam:
		return slices.ContainsFunc(r.Teams, func(t Team) bool { return t.Name == ref.Name })
	}
	return false
}

// setName fills in the name field of the Ref's kind.
func (f *Finding) setName(ref Ref) {
	switch ref.On {
	case OnPerson:
		f.Person = ref.Name
	case OnRole:
		f.Role = ref.Name
	case OnTeam:
		f.Team = ref.Name
	}
}

// certified reports whether the person holds a role on the certified tier.
func (ix *index) certified(p *Person) bool {
	for _, name := range p.Roles {
		if ro, ok := ix.roles[name]; ok && ro.Tier == Certified {
			return true
		}
	}
	return false
}

// Check runs every check that needs no time range and returns the findings:
// references and values, task personalisation, truck factors, escalation
// concentration, load and toil, in that order and in roster order within
// each. Use Coverage for gaps in time.
func (r *Roster) Check(l Limits) []Finding {
	ix := newIndex(r)
	out := r.checkStructure(ix)
	out = append(out, r.checkTasks(ix)...)
	out = append(out, r.truckFactors(ix).Findings...)
	out = append(out, r.escalations(ix, l).Findings...)
	out = append(out, r.load(ix, l).Findings...)
	out = append(out, r.Toil(l).Findings...)
	return out
}

// CheckTasks checks each task's personalisation: personalised work needs a
// bridge who holds a certified-tier role, or a reason it stays personal;
// depersonalised work needs a procedure; every task must say which it is.
func (r *Roster) CheckTasks() []Finding { return r.checkTasks(newIndex(r)) }

func (r *Roster) checkTasks(ix *index) []Finding {
	var out []Finding
	for _, ti := range ix.taskOrder {
		t := &r.Tasks[ti]
		switch t.Personalisation {
		case Personalised:
			switch {
			case t.Bridge == "" && strings.TrimSpace(t.PersonalReason) == "":
				out = append(out, Finding{Code: CodeNoBridge, On: OnTask, Field: "bridge", Task: t.Name, Service: t.Service,
					Message: fmt.Sprintf("task %q is personalised but has neither a bridge to depersonalise it nor a reason it stays personal", t.Name)})
			case t.Bridge != "":
				pi, ok := ix.people[t.Bridge]
				if ok && !ix.certified(&r.People[pi]) {
					out = append(out, Finding{Code: CodeBridgeNotCertified, On: OnTask, Field: "bridge", Task: t.Name, Service: t.Service, Person: t.Bridge,
						Message: fmt.Sprintf("bridge %q of task %q holds no certified-tier role", t.Bridge, t.Name)})
				}
			}
		case Depersonalised:
			if strings.TrimSpace(t.Procedure) == "" {
				out = append(out, Finding{Code: CodeNoProcedure, On: OnTask, Field: "procedure", Task: t.Name, Service: t.Service,
					Message: fmt.Sprintf("task %q is depersonalised but names no procedure", t.Name)})
			}
		default:
			out = append(out, Finding{Code: CodeUnclassifiedTask, On: OnTask, Field: "personalisation", Task: t.Name, Service: t.Service,
				Message: fmt.Sprintf("task %q is neither personalised nor depersonalised", t.Name)})
		}
	}
	return out
}

// checkStructure reports duplicate names, unknown references and unusable
// values.
func (r *Roster) checkStructure(ix *index) []Finding {
	var out []Finding
	dup := func(kind SubjectKind, name string, f Finding) {
		f.Code, f.On, f.Field = CodeDuplicateName, kind, "name"
		f.Message = fmt.Sprintf("%s %q is defined more than once", kind, name)
		out = append(out, f)
	}
	builtin := make(map[string]bool, len(builtinRoles))
	for _, ro := range builtinRoles {
		builtin[ro.Name] = true
	}
	seen := map[string]bool{}
	for _, ro := range r.Roles {
		if builtin[ro.Name] || seen[ro.Name] {
			dup(OnRole, ro.Name, Finding{Role: ro.Name})
		}
		seen[ro.Name] = true
		if !ro.Tier.IsValid() {
			out = append(out, Finding{Code: CodeInvalidValue, On: OnRole, Field: "tier", Role: ro.Name,
				Message: fmt.Sprintf("role %q has no valid tier (want 1 to 6)", ro.Name)})
		}
		if ro.Abilities&^AllAbilities != 0 {
			out = append(out, Finding{Code: CodeInvalidValue, On: OnRole, Field: "abilities", Role: ro.Name,
				Message: fmt.Sprintf("role %q has unknown abilities %s", ro.Name, ro.Abilities)})
		}
	}
	clear(seen)
	for _, p := range r.People {
		if seen[p.Name] {
			dup(OnPerson, p.Name, Finding{Person: p.Name})
		}
		seen[p.Name] = true
		for _, ro := range p.Roles {
			if _, ok := ix.roles[ro]; !ok {
				out = append(out, Finding{Code: CodeUnknownReference, On: OnPerson, Field: "roles", Person: p.Name, Role: ro,
					Message: fmt.Sprintf("person %q holds unknown role %q", p.Name, ro)})
			}
		}
		for _, t := range p.Tasks {
			if _, ok := ix.tasks[t]; !ok {
				out = append(out, Finding{Code: CodeUnknownReference, On: OnPerson, Field: "tasks", Person: p.Name, Task: t,
					Message: fmt.Sprintf("person %q is listed for unknown task %q", p.Name, t)})
			}
		}
		if err := p.Shifts.Validate(); err != nil {
			out = append(out, Finding{Code: CodeInvalidValue, On: OnPerson, Field: "shifts", Person: p.Name,
				Message: fmt.Sprintf("person %q has an unusable schedule: %v", p.Name, err)})
		}
	}
	clear(seen)
	for _, tm := range r.Teams {
		if seen[tm.Name] {
			dup(OnTeam, tm.Name, Finding{Team: tm.Name})
		}
		seen[tm.Name] = true
		for _, m := range tm.Members {
			if _, ok := ix.people[m]; !ok {
				out = append(out, Finding{Code: CodeUnknownReference, On: OnTeam, Field: "members", Team: tm.Name, Person: m,
					Message: fmt.Sprintf("team %q lists unknown person %q", tm.Name, m)})
			}
		}
	}
	clear(seen)
	for _, t := range r.Tasks {
		if seen[t.Name] {
			dup(OnTask, t.Name, Finding{Task: t.Name, Service: t.Service})
		}
		seen[t.Name] = true
		if _, ok := ix.people[t.Bridge]; t.Bridge != "" && !ok {
			out = append(out, Finding{Code: CodeUnknownReference, On: OnTask, Field: "bridge", Task: t.Name, Service: t.Service, Person: t.Bridge,
				Message: fmt.Sprintf("task %q names unknown bridge %q", t.Name, t.Bridge)})
		}
		for _, e := range t.EscalatesTo {
			if !ix.known(r, e) {
				f := Finding{Code: CodeUnknownReference, On: OnTask, Field: "escalatesTo", Task: t.Name, Service: t.Service,
					Message: fmt.Sprintf("task %q escalates to unknown %s", t.Name, e)}
				f.setName(e)
				out = append(out, f)
			}
		}
		if !t.Owner.IsZero() && !ix.known(r, t.Owner) {
			f := Finding{Code: CodeUnknownReference, On: OnTask, Field: "owner", Task: t.Name, Service: t.Service,
				Message: fmt.Sprintf("task %q is owned by unknown %s", t.Name, t.Owner)}
			f.setName(t.Owner)
			out = append(out, f)
		}
		if t.Effort < 0 {
			out = append(out, Finding{Code: CodeInvalidValue, On: OnTask, Field: "effort", Task: t.Name, Service: t.Service,
				Message: fmt.Sprintf("task %q has negative effort %v", t.Name, t.Effort)})
		}
		if t.Kind > Improvement {
			out = append(out, Finding{Code: CodeInvalidValue, On: OnTask, Field: "kind", Task: t.Name, Service: t.Service,
				Message: fmt.Sprintf("task %q has unknown work kind %v", t.Name, t.Kind)})
		}
	}
	clear(seen)
	for _, s := range r.Services {
		if seen[s.Name] {
			dup(OnService, s.Name, Finding{Service: s.Name})
		}
		seen[s.Name] = true
		if s.Hours != nil {
			if err := s.Hours.Validate(); err != nil {
				out = append(out, Finding{Code: CodeInvalidValue, On: OnService, Field: "hours", Service: s.Name,
					Message: fmt.Sprintf("service %q has unusable hours: %v", s.Name, err)})
			}
		}
	}
	return out
}

// TaskTruck is the truck factor of one task: how many people must be gone
// before nobody can perform it, which is how many people can.
type TaskTruck struct {
	Task    string   // the task's name
	Service string   // the task's service
	Factor  int      // how many people can perform the task
	People  []string // the able people, in roster order
}

// ServiceTruck is a service's truck factor: the smallest over its tasks.
type ServiceTruck struct {
	Service string // the service's name
	Factor  int    // the smallest factor of its tasks
	// Weakest are the tasks whose factor equals the service's.
	Weakest []string
	// Sole are the tasks exactly one person can perform, with that person.
	Sole []SoleTask
}

// SoleTask is a task that depends on one person.
type SoleTask struct {
	Task   string // the task's name
	Person string // the only person able to perform it
}

// TruckFactors holds the truck factor of every task and every service.
type TruckFactors struct {
	Tasks    []TaskTruck    // roster order
	Services []ServiceTruck // sorted by name; tasks with no service are under ""
	Findings []Finding      // CodeNobodyAble and CodeSolePerson
}

// TruckFactors computes how many people each task and service depends on,
// and reports tasks nobody or only one person can perform.
func (r *Roster) TruckFactors() TruckFactors { return r.truckFactors(newIndex(r)) }

func (r *Roster) truckFactors(ix *index) TruckFactors {
	var tf TruckFactors
	svc := map[string]int{}
	for _, ti := range ix.taskOrder {
		t := &r.Tasks[ti]
		tt := TaskTruck{Task: t.Name, Service: t.Service, Factor: len(ix.able[ti]), People: make([]string, 0, len(ix.able[ti]))}
		for _, pi := range ix.able[ti] {
			tt.People = append(tt.People, r.People[pi].Name)
		}
		tf.Tasks = append(tf.Tasks, tt)
		si, ok := svc[t.Service]
		if !ok {
			si = len(tf.Services)
			svc[t.Service] = si
			tf.Services = append(tf.Services, ServiceTruck{Service: t.Service, Factor: tt.Factor})
		}
		s := &tf.Services[si]
		switch {
		case tt.Factor < s.Factor:
			s.Factor, s.Weakest = tt.Factor, []string{t.Name}
		case tt.Factor == s.Factor:
			s.Weakest = append(s.Weakest, t.Name)
		}
		switch tt.Factor {
		case 0:
			tf.Findings = append(tf.Findings, Finding{Code: CodeNobodyAble, On: OnTask, Task: t.Name, Service: t.Service,
				Message: fmt.Sprintf("nobody on the roster can perform task %q", t.Name)})
		case 1:
			s.Sole = append(s.Sole, SoleTask{Task: t.Name, Person: tt.People[0]})
			tf.Findings = append(tf.Findings, Finding{Code: CodeSolePerson, On: OnTask, Task: t.Name, Service: t.Service, Person: tt.People[0],
				Message: fmt.Sprintf("only %q can perform task %q", tt.People[0], t.Name)})
		}
	}
	slices.SortFunc(tf.Services, func(a, b ServiceTruck) int { return strings.Compare(a.Service, b.Service) })
	return tf
}

// PersonLoad is what one person carries.
type PersonLoad struct {
	Person string // the person's name
	// Tasks is how many tasks the person is able to perform.
	Tasks int
	// Rostered is the weekly shift time in the person's schedule, without
	// dated exceptions.
	Rostered time.Duration
	// Effort is the person's expected share of task effort per week: each
	// task's effort split evenly among the people able to perform it.
	Effort time.Duration
}

// TeamSize is the size of one team.
type TeamSize struct {
	Team string // the team's name
	Size int    // distinct members listed
}

// Load holds the load of every person and the size of every team and of
// the operation.
type Load struct {
	People   []PersonLoad // roster order
	Teams    []TeamSize   // roster order
	Size     int          // distinct people on the roster
	Findings []Finding    // CodeTeamTooLarge, CodeOperationTooLarge, CodePersonOverHours, CodePersonTooManyTasks
}

// Load computes tasks and hours per person and team sizes, and compares
// them with the soft limits.
func (r *Roster) Load(l Limits) Load { return r.load(newIndex(r), l) }

func (r *Roster) load(ix *index, l Limits) Load {
	l = l.withDefaults()
	var ld Load
	effort := make([]time.Duration, len(r.People))
	for _, ti := range ix.taskOrder {
		n := len(ix.able[ti])
		if n == 0 || r.Tasks[ti].Effort <= 0 {
			continue
		}
		share := r.Tasks[ti].Effort / time.Duration(n)
		for _, pi := range ix.able[ti] {
			effort[pi] += share
		}
	}
	for pi := range r.People {
		if !ix.personFirst[pi] {
			continue
		}
		p := &r.People[pi]
		pl := PersonLoad{Person: p.Name, Tasks: len(ix.personTasks[pi]), Rostered: p.Shifts.Week.Hours(), Effort: effort[pi]}
		ld.People = append(ld.People, pl)
		ld.Size++
		if l.WeeklyHours > 0 {
			if pl.Rostered > l.WeeklyHours {
				ld.Findings = append(ld.Findings, Finding{Code: CodePersonOverHours, On: OnPerson, Field: "shifts", Person: p.Name,
					Message: fmt.Sprintf("%q is rostered for %s a week (limit %s)", p.Name, hours(pl.Rostered), hours(l.WeeklyHours))})
			}
			if pl.Effort > l.WeeklyHours {
				ld.Findings = append(ld.Findings, Finding{Code: CodePersonOverHours, On: OnPerson, Field: "tasks", Person: p.Name,
					Message: fmt.Sprintf("%q is expected to carry %s of task effort a week (limit %s)", p.Name, hours(pl.Effort), hours(l.WeeklyHours))})
			}
		}
		if l.TasksPerPerson > 0 && pl.Tasks > l.TasksPerPerson {
			ld.Findings = append(ld.Findings, Finding{Code: CodePersonTooManyTasks, On: OnPerson, Field: "tasks", Person: p.Name,
				Message: fmt.Sprintf("%q is listed for %d tasks (limit %d)", p.Name, pl.Tasks, l.TasksPerPerson)})
		}
	}
	for _, tm := range r.Teams {
		ts := TeamSize{Team: tm.Name, Size: distinct(tm.Members)}
		ld.Teams = append(ld.Teams, ts)
		if l.TeamSize > 0 && ts.Size > l.TeamSize {
			ld.Findings = append(ld.Findings, Finding{Code: CodeTeamTooLarge, On: OnTeam, Field: "members", Team: tm.Name,
				Message: fmt.Sprintf("team %q has %d members (soft limit %d)", tm.Name, ts.Size, l.TeamSize)})
		}
	}
	if l.OperationSize > 0 && ld.Size > l.OperationSize {
		ld.Findings = append(ld.Findings, Finding{Code: CodeOperationTooLarge, On: OnRoster,
			Message: fmt.Sprintf("the operation has %d people (soft limit %d)", ld.Size, l.OperationSize)})
	}
	return ld
}

func distinct(names []string) int {
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		seen[n] = true
	}
	return len(seen)
}

// hours formats a duration as hours, such as "42h" or "7.5h".
func hours(d time.Duration) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", d.Hours()), "0"), ".") + "h"
}
