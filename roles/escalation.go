package roles

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// EscalationTarget is one person tasks escalate to.
type EscalationTarget struct {
	Person string   // the name tasks escalate to
	Tasks  []string // the tasks that escalate to the person, roster order
	// Paths says, for each task of Tasks in the same order, how it reaches
	// the person: by naming them, or through a role only they hold or a
	// team they alone are a member of.
	Paths []EscalationPath
	// Share is len(Tasks) over the number of tasks that escalate at all.
	Share float64
}

// EscalationPath is how one task reaches the person it escalates to.
type EscalationPath struct {
	Task string // the task's name
	// Via is the role or team the task names, which stands for the
	// person; the zero Ref when the task names the person.
	Via Ref
}

// Escalations summarises who tasks escalate to.
type Escalations struct {
	// Escalating is the number of tasks that name at least one target.
	Escalating int
	// Targets are sorted by share, largest first, then by name.
	Targets  []EscalationTarget
	Findings []Finding // CodeEscalationConcentrated
}

// Escalations measures how escalation targets concentrate on people. A
// task may escalate to a person, or to a role or a team: a role that one
// person alone holds, or a team with one member, is that person, since
// every escalation through it ends with them; one that several people
// share is a rota and concentrates on nobody. A person is flagged when
// their share is over l.EscalationShare and at least two tasks escalate to
// them (one task naming one person is no concentration).
func (r *Roster) Escalations(l Limits) Escalations { return r.escalations(newIndex(r), l) }

func (r *Roster) escalations(ix *index, l Limits) Escalations {
	l = l.withDefaults()
	var e Escalations
	by := map[string]int{}
	sole := r.soleHolders(ix)
	for _, ti := range ix.taskOrder {
		t := &r.Tasks[ti]
		if len(t.EscalatesTo) > 0 {
			e.Escalating++
		}
		for _, ref := range t.EscalatesTo {
			person, via := ref.Name, Ref{}
			if ref.On != OnPerson {
				var ok bool
				if person, ok = sole[ref]; !ok {
					continue // a rota, a group, or nobody: no one person
				}
				via = ref
			}
			i, ok := by[person]
			if !ok {
				i = len(e.Targets)
				by[person] = i
				e.Targets = append(e.Targets, EscalationTarget{Person: person})
			}
			if slices.Contains(e.Targets[i].Tasks, t.Name) {
				continue
			}
			e.Targets[i].Tasks = append(e.Targets[i].Tasks, t.Name)
			e.Targets[i].Paths = append(e.Targets[i].Paths, EscalationPath{Task: t.Name, Via: via})
		}
	}
	for i := range e.Targets {
		e.Targets[i].Share = float64(len(e.Targets[i].Tasks)) / float64(e.Escalating)
	}
	slices.SortStableFunc(e.Targets, func(a, b EscalationTarget) int {
		return cmp.Or(cmp.Compare(len(b.Tasks), len(a.Tasks)), strings.Compare(a.Person, b.Person))
	})
	if l.EscalationShare > 0 {
		for _, t := range e.Targets {
			if t.Share > l.EscalationShare && len(t.Tasks) >= 2 {
				e.Findings = append(e.Findings, Finding{Code: CodeEscalationConcentrated, On: OnPerson, Person: t.Person,
					Message: fmt.Sprintf("%q is the escalation target of %d of %d escalating tasks (%.0f%%, limit %.0f%%)",
						t.Person, len(t.Tasks), e.Escalating, 100*t.Share, 100*l.EscalationShare)})
			}
		}
	}
	return e
}

// soleHolders maps each role held by exactly one person, and each team
// with exactly one member, to that person.
func (r *Roster) soleHolders(ix *index) map[Ref]string {
	holders := map[string][]string{}
	for pi := range r.People {
		if !ix.personFirst[pi] {
			continue
		}
		p := &r.People[pi]
		for _, ro := range p.Roles {
			if !slices.Contains(holders[ro], p.Name) {
				holders[ro] = append(holders[ro], p.Name)
			}
		}
	}
	sole := map[Ref]string{}
	for ro, ps := range holders {
		if len(ps) == 1 {
			sole[RoleRef(ro)] = ps[0]
		}
	}
	seen := map[string]bool{}
	for _, tm := range r.Teams {
		if seen[tm.Name] {
			continue // the first team of a name counts, as everywhere
		}
		seen[tm.Name] = true
		if distinct(tm.Members) == 1 {
			sole[TeamRef(tm.Name)] = tm.Members[0]
		}
	}
	return sole
}
