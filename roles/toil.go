package roles

import (
	"fmt"
	"slices"
	"time"
)

// Toil compares operations work with improvement work, for the whole
// operation and for each team.
type Toil struct {
	Operations  time.Duration // weekly effort of operations tasks (and tasks of no stated kind)
	Improvement time.Duration // weekly effort of improvement tasks
	// Share is Operations / (Operations + Improvement), 0 when both are 0.
	Share float64
	// Teams holds the figures of every team, roster order.
	Teams []TeamToil
	// Findings are CodeToilOverLimit for the operation, then
	// CodeTeamToilOverLimit for each team over the limit, roster order.
	Findings []Finding
}

// TeamToil is one team's share of operations work: the weekly effort of
// the tasks the team owns, or its members own, or a role its members hold
// owns, split where the ownership is shared (see Roster.Toil).
type TeamToil struct {
	Team        string
	Operations  time.Duration
	Improvement time.Duration
	// Share is Operations / (Operations + Improvement), 0 when both are 0.
	Share float64
	// Own is the part of the figures from tasks the team owns as a team.
	Own WorkSplit
	// People are the members' parts, from tasks they own or a role of
	// theirs owns, roster order; members with no such effort are left out.
	People []PersonToil
	// Unstated counts the team's tasks that state no effort, and so are
	// in none of the figures.
	Unstated int
}

// WorkSplit is weekly effort by kind of work.
type WorkSplit struct {
	Operations  time.Duration
	Improvement time.Duration
}

// PersonToil is one member's part of a team's figures.
type PersonToil struct {
	Person string
	WorkSplit
}

// Toil sums weekly effort by kind of work and flags operations work above
// l.ToilShare (by default the 50% line) of the total, for the whole
// operation and for each team. Tasks that state no effort are not counted.
//
// A task's effort goes to teams through its Owner:
//   - owned by a team: all of it to that team;
//   - owned by a person: to each team the person is a member of, split
//     evenly among those teams;
//   - owned by a role: split evenly among the people who hold the role,
//     each part then going to that person's teams as above.
//
// Effort that reaches no team (no owner, an owner on no team, a role
// nobody holds) counts for the operation only.
func (r *Roster) Toil(l Limits) Toil {
	l = l.withDefaults()
	var t Toil
	ix := newIndex(r)
	teams := r.teamToil(ix)
	for _, ti := range ix.taskOrder {
		task := &r.Tasks[ti]
		if task.Effort <= 0 {
			for ti := range teams.shares(r, ix, task.Owner) {
				teams.toil[ti].Unstated++
			}
			continue
		}
		if task.Kind == Improvement {
			t.Improvement += task.Effort
		} else {
			t.Operations += task.Effort
		}
		for ti, parts := range teams.shares(r, ix, task.Owner) {
			for _, p := range parts {
				teams.add(ti, p.person, time.Duration(float64(task.Effort)*p.weight), task.Kind)
			}
		}
	}
	t.Share = share(t.Operations, t.Improvement)
	if l.ToilShare > 0 && t.Share > l.ToilShare {
		t.Findings = append(t.Findings, Finding{Code: CodeToilOverLimit, On: OnRoster,
			Message: fmt.Sprintf("operations work is %.0f%% of all work (%s of %s a week; limit %.0f%%)",
				100*t.Share, hours(t.Operations), hours(t.Operations+t.Improvement), 100*l.ToilShare)})
	}
	for _, tt := range teams.toil {
		slices.SortFunc(tt.People, func(a, b PersonToil) int { return ix.people[a.Person] - ix.people[b.Person] })
		tt.Share = share(tt.Operations, tt.Improvement)
		t.Teams = append(t.Teams, tt)
		if l.ToilShare > 0 && tt.Share > l.ToilShare {
			t.Findings = append(t.Findings, Finding{Code: CodeTeamToilOverLimit, On: OnTeam, Team: tt.Team,
				Message: fmt.Sprintf("operations work is %.0f%% of team %q's work (%s of %s a week; limit %.0f%%)",
					100*tt.Share, tt.Team, hours(tt.Operations), hours(tt.Operations+tt.Improvement), 100*l.ToilShare)})
		}
	}
	return t
}

func share(ops, imp time.Duration) float64 {
	if total := ops + imp; total > 0 {
		return float64(ops) / float64(total)
	}
	return 0
}

// teamToils accumulates the figures of the roster's teams.
type teamToils struct {
	toil    []TeamToil
	byName  map[string]int   // team name → index into toil
	teamsOf map[string][]int // person → indices of their teams
}

// teamPart is the share of a task's effort one team gets, and the member
// it is attributed to ("" for the team as a whole).
type teamPart struct {
	person string
	weight float64
}

func (r *Roster) teamToil(ix *index) *teamToils {
	tt := &teamToils{byName: map[string]int{}, teamsOf: map[string][]int{}}
	for _, tm := range r.Teams {
		if _, dup := tt.byName[tm.Name]; dup {
			continue
		}
		i := len(tt.toil)
		tt.byName[tm.Name] = i
		tt.toil = append(tt.toil, TeamToil{Team: tm.Name})
		for _, m := range tm.Members {
			if _, ok := ix.people[m]; ok && !slices.Contains(tt.teamsOf[m], i) {
				tt.teamsOf[m] = append(tt.teamsOf[m], i)
			}
		}
	}
	return tt
}

// shares splits a task owned by owner among teams: team index → parts.
func (tt *teamToils) shares(r *Roster, ix *index, owner Ref) map[int][]teamPart {
	out := map[int][]teamPart{}
	person := func(name string, weight float64) {
		teams := tt.teamsOf[name]
		for _, ti := range teams {
			out[ti] = append(out[ti], teamPart{person: name, weight: weight / float64(len(teams))})
		}
	}
	switch owner.On {
	case OnTeam:
		if ti, ok := tt.byName[owner.Name]; ok {
			out[ti] = append(out[ti], teamPart{weight: 1})
		}
	case OnPerson:
		if _, ok := ix.people[owner.Name]; ok {
			person(owner.Name, 1)
		}
	case OnRole:
		var holders []string
		for pi := range r.People {
			if p := &r.People[pi]; ix.personFirst[pi] && slices.Contains(p.Roles, owner.Name) {
				holders = append(holders, p.Name)
			}
		}
		for _, h := range holders {
			person(h, 1/float64(len(holders)))
		}
	}
	return out
}

// add counts effort of a kind for team ti, attributed to person ("" for
// the team itself).
func (tt *teamToils) add(ti int, person string, d time.Duration, kind WorkKind) {
	t := &tt.toil[ti]
	var w *WorkSplit
	if person == "" {
		w = &t.Own
	} else {
		i := slices.IndexFunc(t.People, func(p PersonToil) bool { return p.Person == person })
		if i < 0 {
			i = len(t.People)
			t.People = append(t.People, PersonToil{Person: person})
		}
		w = &t.People[i].WorkSplit
	}
	if kind == Improvement {
		t.Improvement += d
		w.Improvement += d
	} else {
		t.Operations += d
		w.Operations += d
	}
}
