package roles

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A role only sato holds, and a team only sato is on, are sato: with the
// task that names her, three of five escalating tasks end with her. A role
// two people hold and a team of two are rotas, and a role nobody holds
// leads to nobody; those tasks still escalate, so they count in the whole.
func TestEscalationsThroughRolesAndTeams(t *testing.T) {
	r := &Roster{
		Roles: []Role{{Name: "commander", Tier: OverallOptimisation}, {Name: "on-call", Tier: TechnicalEnhancement}},
		People: []Person{
			{Name: "sato", Roles: []string{"commander"}},
			{Name: "kim", Roles: []string{"on-call"}},
			{Name: "lee", Roles: []string{"on-call"}},
			{Name: "sato", Roles: []string{"on-call"}}, // a duplicate holds nothing
		},
		Teams: []Team{
			{Name: "db", Members: []string{"sato", "sato"}},
			{Name: "web", Members: []string{"kim", "lee"}},
			{Name: "db", Members: []string{"kim"}}, // the first team of a name counts
		},
		Tasks: []Task{
			{Name: "respond", EscalatesTo: []Ref{RoleRef("commander"), PersonRef("sato")}},
			{Name: "restore", EscalatesTo: []Ref{TeamRef("db")}},
			{Name: "investigate", EscalatesTo: []Ref{PersonRef("sato")}},
			{Name: "renew", EscalatesTo: []Ref{RoleRef("on-call"), TeamRef("web")}},
			{Name: "audit", EscalatesTo: []Ref{RoleRef("auditor")}},
			{Name: "rotate"},
		},
	}
	e := r.Escalations(Limits{})
	assert.Equal(t, 5, e.Escalating)
	assert.Equal(t, []EscalationTarget{{
		Person: "sato",
		Tasks:  []string{"respond", "restore", "investigate"},
		Paths:  []EscalationPath{{Task: "respond", Via: RoleRef("commander")}, {Task: "restore", Via: TeamRef("db")}, {Task: "investigate"}},
		Share:  0.6,
	}}, e.Targets)
	assert.Equal(t, []Finding{{Code: CodeEscalationConcentrated, On: OnPerson, Person: "sato",
		Message: `"sato" is the escalation target of 3 of 5 escalating tasks (60%, limit 50%)`}}, e.Findings)

	// Unknown targets of every kind are unknown references.
	got := r.checkStructure(newIndex(r))
	var unknown []string
	for _, f := range got {
		if f.Code == CodeUnknownReference {
			unknown = append(unknown, f.Role+"|"+f.Person+"|"+f.Team+": "+f.Message)
		}
	}
	assert.Equal(t, []string{`auditor||: task "audit" escalates to unknown role auditor`}, unknown)
}

func TestRefString(t *testing.T) {
	assert.Equal(t, "person sato", PersonRef("sato").String())
	assert.Equal(t, "role rescue", RoleRef("rescue").String())
	assert.Equal(t, "team night", TeamRef("night").String())
	assert.True(t, Ref{}.IsZero())
}
