package roles

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// toilRoster: the platform team is at 110h of operations work against 40h
// of improvement (73%), the desk at 80h against 175h; the whole at 190h of
// 405h (47%), under the line. Figures are weekly hours here; the
// arithmetic is the same for any unit.
func toilRoster() *Roster {
	return &Roster{
		People: []Person{
			{Name: "aki", Roles: []string{"sre", "lead"}},
			{Name: "ben", Roles: []string{"sre"}},
			{Name: "cho", Roles: []string{"desk", "lead"}},
			{Name: "dan", Roles: []string{"desk"}},
		},
		Teams: []Team{
			{Name: "platform", Members: []string{"aki", "ben"}},
			{Name: "desk", Members: []string{"cho", "dan", "ghost"}},
		},
		Tasks: []Task{
			{Name: "restart", Owner: RoleRef("sre"), Effort: 60 * h},
			{Name: "patch", Owner: TeamRef("platform"), Effort: 40 * h},
			{Name: "capacity", Owner: PersonRef("aki"), Effort: 10 * h},
			{Name: "failover", Owner: PersonRef("ben"), Effort: 30 * h, Kind: Improvement},
			{Name: "roadmap", Owner: RoleRef("lead"), Effort: 20 * h, Kind: Improvement},
			{Name: "calls", Owner: RoleRef("desk"), Effort: 50 * h},
			{Name: "accounts", Owner: TeamRef("desk"), Effort: 25 * h},
			{Name: "licences", Owner: PersonRef("dan"), Effort: 5 * h},
			{Name: "self-service", Owner: TeamRef("desk"), Effort: 125 * h, Kind: Improvement},
			{Name: "faq", Owner: PersonRef("cho"), Effort: 40 * h, Kind: Improvement},
			{Name: "report", Owner: TeamRef("desk")},     // no effort stated
			{Name: "orphan", Owner: PersonRef("nobody")}, // on no team
			{Name: "unowned", Effort: 0},                 // neither
		},
	}
}

func TestTeamToil(t *testing.T) {
	toil := toilRoster().Toil(Limits{})
	assert.Equal(t, 190*h, toil.Operations)
	assert.Equal(t, 215*h, toil.Improvement)
	assert.Equal(t, []TeamToil{
		{
			Team: "platform", Operations: 110 * h, Improvement: 40 * h, Share: 110.0 / 150,
			Own: WorkSplit{Operations: 40 * h},
			People: []PersonToil{
				{Person: "aki", WorkSplit: WorkSplit{Operations: 40 * h, Improvement: 10 * h}},
				{Person: "ben", WorkSplit: WorkSplit{Operations: 30 * h, Improvement: 30 * h}},
			},
		},
		{
			Team: "desk", Operations: 80 * h, Improvement: 175 * h, Share: 80.0 / 255,
			Own: WorkSplit{Operations: 25 * h, Improvement: 125 * h},
			People: []PersonToil{
				{Person: "cho", WorkSplit: WorkSplit{Operations: 25 * h, Improvement: 50 * h}},
				{Person: "dan", WorkSplit: WorkSplit{Operations: 30 * h}},
			},
			Unstated: 1,
		},
	}, toil.Teams)
	assert.Equal(t, []Finding{{Code: CodeTeamToilOverLimit, On: OnTeam, Team: "platform",
		Message: `operations work is 73% of team "platform"'s work (110h of 150h a week; limit 50%)`}}, toil.Findings)

	assert.Empty(t, toilRoster().Toil(Limits{ToilShare: 0.8}).Findings)
	assert.Empty(t, toilRoster().Toil(Limits{ToilShare: -1}).Findings)
}

// A person on two teams splits their own work between them, evenly.
func TestTeamToilSharedMember(t *testing.T) {
	r := &Roster{
		People: []Person{{Name: "eve"}},
		Teams:  []Team{{Name: "a", Members: []string{"eve"}}, {Name: "b", Members: []string{"eve"}}},
		Tasks:  []Task{{Name: "t", Owner: PersonRef("eve"), Effort: 10 * h}},
	}
	toil := r.Toil(Limits{})
	assert.Equal(t, 5*h, toil.Teams[0].Operations)
	assert.Equal(t, 5*h, toil.Teams[1].Operations)
	assert.Equal(t, 10*h, toil.Operations)
	assert.Len(t, toil.Findings, 3, "the operation and both teams are at 100%")
}
