package roles

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func codes(fs []Finding) []Code {
	out := []Code{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func TestCheckTasks(t *testing.T) {
	r := &Roster{
		Roles: []Role{{Name: "shift-lead", Tier: Certified, Abilities: Logic | Concretisation}},
		People: []Person{
			{Name: "cara", Roles: []string{RoleCertifiedEngineer}},
			{Name: "sam", Roles: []string{"shift-lead"}},
			{Name: "ted", Roles: []string{RoleTechLead, RoleAssociateMember}},
		},
		Tasks: []Task{
			{Name: "ok-bridged", Personalisation: Personalised, Bridge: "cara"},
			{Name: "ok-custom-bridge", Personalisation: Personalised, Bridge: "sam"},
			{Name: "ok-reason", Personalisation: Personalised, PersonalReason: "customer negotiation needs judgement"},
			{Name: "no-bridge", Service: "web", Personalisation: Personalised, PersonalReason: "   "},
			{Name: "wrong-bridge", Service: "web", Personalisation: Personalised, Bridge: "ted"},
			{Name: "unknown-bridge", Personalisation: Personalised, Bridge: "nobody"},
			{Name: "ok-procedure", Personalisation: Depersonalised, Procedure: "手順書/restore.md"},
			{Name: "no-procedure", Personalisation: Depersonalised},
			{Name: "unclassified"},
		},
	}
	got := r.CheckTasks()
	assert.Equal(t, []Finding{
		{Code: CodeNoBridge, On: OnTask, Field: "bridge", Task: "no-bridge", Service: "web",
			Message: `task "no-bridge" is personalised but has neither a bridge to depersonalise it nor a reason it stays personal`},
		{Code: CodeBridgeNotCertified, On: OnTask, Field: "bridge", Task: "wrong-bridge", Service: "web", Person: "ted",
			Message: `bridge "ted" of task "wrong-bridge" holds no certified-tier role`},
		{Code: CodeNoProcedure, On: OnTask, Field: "procedure", Task: "no-procedure",
			Message: `task "no-procedure" is depersonalised but names no procedure`},
		{Code: CodeUnclassifiedTask, On: OnTask, Field: "personalisation", Task: "unclassified",
			Message: `task "unclassified" is neither personalised nor depersonalised`},
	}, got)
	assert.Equal(t, "bridge-not-certified: "+got[1].Message, got[1].String())
}

func TestCheckStructure(t *testing.T) {
	r := &Roster{
		Roles: []Role{
			{Name: RoleSales, Tier: ServiceEnhancement},
			{Name: "odd", Tier: 0, Abilities: 0x10},
		},
		People: []Person{
			{Name: "a", Roles: []string{"wizard"}, Tasks: []string{"t", "ghost"}, Shifts: Schedule{Week: Week{{Days: 0, Start: h, End: 2 * h}}}},
			{Name: "a"},
		},
		Teams:    []Team{{Name: "ops", Members: []string{"a", "zed"}}, {Name: "ops"}},
		Tasks:    []Task{{Name: "t", Personalisation: Personalised, Bridge: "b", EscalatesTo: refs("x"), Effort: -h, Kind: 7, PersonalReason: "r"}, {Name: "t"}},
		Services: []Service{{Name: "s", Hours: &Schedule{Week: Week{{}}}}, {Name: "s"}},
	}
	got := r.checkStructure(newIndex(r))
	type key struct {
		Code  Code
		On    SubjectKind
		Field string
		Name  string
	}
	var keys []key
	for _, f := range got {
		name := f.Role + "|" + f.Person + "|" + f.Team + "|" + f.Task + "|" + f.Service
		keys = append(keys, key{f.Code, f.On, f.Field, name})
		assert.NotEmpty(t, f.Message)
	}
	assert.Equal(t, []key{
		{CodeDuplicateName, OnRole, "name", "sales||||"},
		{CodeInvalidValue, OnRole, "tier", "odd||||"},
		{CodeInvalidValue, OnRole, "abilities", "odd||||"},
		{CodeUnknownReference, OnPerson, "roles", "wizard|a|||"},
		{CodeUnknownReference, OnPerson, "tasks", "|a||ghost|"},
		{CodeInvalidValue, OnPerson, "shifts", "|a|||"},
		{CodeDuplicateName, OnPerson, "name", "|a|||"},
		{CodeUnknownReference, OnTeam, "members", "|zed|ops||"},
		{CodeDuplicateName, OnTeam, "name", "||ops||"},
		{CodeUnknownReference, OnTask, "bridge", "|b||t|"},
		{CodeUnknownReference, OnTask, "escalatesTo", "|x||t|"},
		{CodeInvalidValue, OnTask, "effort", "|||t|"},
		{CodeInvalidValue, OnTask, "kind", "|||t|"},
		{CodeDuplicateName, OnTask, "name", "|||t|"},
		{CodeInvalidValue, OnService, "hours", "||||s"},
		{CodeDuplicateName, OnService, "name", "||||s"},
	}, keys)
}

// soleRoster: "restore" can be done by hana alone; "deploy" by two people;
// "audit" by nobody.
func soleRoster() *Roster {
	return &Roster{
		Tasks: []Task{
			{Name: "restore", Service: "backup", Personalisation: Depersonalised, Procedure: "p", EscalatesTo: refs("hana")},
			{Name: "deploy", Service: "web", Personalisation: Depersonalised, Procedure: "p", EscalatesTo: refs("hana", "ken")},
			{Name: "rollback", Service: "web", Personalisation: Depersonalised, Procedure: "p", EscalatesTo: refs("hana")},
			{Name: "audit", Service: "web", Personalisation: Personalised, PersonalReason: "r"},
			{Name: "triage", Personalisation: Personalised, PersonalReason: "r", EscalatesTo: refs("ken")},
		},
		People: []Person{
			{Name: "hana", Tasks: []string{"restore", "deploy", "rollback", "restore"}},
			{Name: "ken", Tasks: []string{"deploy", "rollback", "triage"}},
			{Name: "ken", Tasks: []string{"audit"}}, // a duplicate does not count
		},
	}
}

func TestTruckFactors(t *testing.T) {
	tf := soleRoster().TruckFactors()
	assert.Equal(t, []TaskTruck{
		{Task: "restore", Service: "backup", Factor: 1, People: []string{"hana"}},
		{Task: "deploy", Service: "web", Factor: 2, People: []string{"hana", "ken"}},
		{Task: "rollback", Service: "web", Factor: 2, People: []string{"hana", "ken"}},
		{Task: "audit", Service: "web", Factor: 0, People: []string{}},
		{Task: "triage", Service: "", Factor: 1, People: []string{"ken"}},
	}, tf.Tasks)
	assert.Equal(t, []ServiceTruck{
		{Service: "", Factor: 1, Weakest: []string{"triage"}, Sole: []SoleTask{{Task: "triage", Person: "ken"}}},
		{Service: "backup", Factor: 1, Weakest: []string{"restore"}, Sole: []SoleTask{{Task: "restore", Person: "hana"}}},
		{Service: "web", Factor: 0, Weakest: []string{"audit"}},
	}, tf.Services)
	assert.Equal(t, []Finding{
		{Code: CodeSolePerson, On: OnTask, Task: "restore", Service: "backup", Person: "hana", Message: `only "hana" can perform task "restore"`},
		{Code: CodeNobodyAble, On: OnTask, Task: "audit", Service: "web", Message: `nobody on the roster can perform task "audit"`},
		{Code: CodeSolePerson, On: OnTask, Task: "triage", Person: "ken", Message: `only "ken" can perform task "triage"`},
	}, tf.Findings)
}

// refs names people for EscalatesTo.
func refs(names ...string) []Ref {
	out := make([]Ref, len(names))
	for i, n := range names {
		out[i] = PersonRef(n)
	}
	return out
}

// paths are the paths of tasks that name their target.
func paths(tasks ...string) []EscalationPath {
	out := make([]EscalationPath, len(tasks))
	for i, t := range tasks {
		out[i] = EscalationPath{Task: t}
	}
	return out
}

func TestEscalations(t *testing.T) {
	r := soleRoster()
	e := r.Escalations(Limits{})
	assert.Equal(t, 4, e.Escalating)
	assert.Equal(t, []EscalationTarget{
		{Person: "hana", Tasks: []string{"restore", "deploy", "rollback"}, Paths: paths("restore", "deploy", "rollback"), Share: 0.75},
		{Person: "ken", Tasks: []string{"deploy", "triage"}, Paths: paths("deploy", "triage"), Share: 0.5},
	}, e.Targets)
	assert.Equal(t, []Finding{{Code: CodeEscalationConcentrated, On: OnPerson, Person: "hana",
		Message: `"hana" is the escalation target of 3 of 4 escalating tasks (75%, limit 50%)`}}, e.Findings)
	assert.Empty(t, r.Escalations(Limits{EscalationShare: 0.8}).Findings)
	assert.Empty(t, r.Escalations(Limits{EscalationShare: -1}).Findings)
	one := &Roster{Tasks: []Task{{Name: "t", EscalatesTo: refs("boss", "boss")}}}
	e = one.Escalations(Limits{})
	assert.Equal(t, []EscalationTarget{{Person: "boss", Tasks: []string{"t"}, Paths: paths("t"), Share: 1}}, e.Targets)
	assert.Empty(t, e.Findings, "one task naming one person is no concentration")
	assert.Equal(t, Escalations{}, (&Roster{}).Escalations(Limits{}))
}

func TestLoad(t *testing.T) {
	r := &Roster{
		Tasks: []Task{
			{Name: "watch", Effort: 60 * h},
			{Name: "patch", Effort: 10 * h, Kind: Improvement},
			{Name: "idle"},
		},
		People: []Person{
			{Name: "a", Tasks: []string{"watch", "patch", "idle"}, Shifts: Schedule{Week: MustParseWeek("Mon-Fri 09:00-18:00")}},
			{Name: "b", Tasks: []string{"watch"}, Shifts: Schedule{Week: MustParseWeek("daily 20:00-04:00")}},
		},
		Teams: []Team{
			{Name: "small", Members: []string{"a", "b", "a"}},
			{Name: "big", Members: []string{"1", "2", "3", "4", "5", "6", "7", "8"}},
		},
	}
	ld := r.Load(Limits{TasksPerPerson: 2})
	assert.Equal(t, []PersonLoad{
		{Person: "a", Tasks: 3, Rostered: 45 * h, Effort: 40 * h},
		{Person: "b", Tasks: 1, Rostered: 56 * h, Effort: 30 * h},
	}, ld.People)
	assert.Equal(t, []TeamSize{{"small", 2}, {"big", 8}}, ld.Teams)
	assert.Equal(t, 2, ld.Size)
	assert.Equal(t, []Finding{
		{Code: CodePersonOverHours, On: OnPerson, Field: "shifts", Person: "a", Message: `"a" is rostered for 45h a week (limit 40h)`},
		{Code: CodePersonTooManyTasks, On: OnPerson, Field: "tasks", Person: "a", Message: `"a" is listed for 3 tasks (limit 2)`},
		{Code: CodePersonOverHours, On: OnPerson, Field: "shifts", Person: "b", Message: `"b" is rostered for 56h a week (limit 40h)`},
		{Code: CodeTeamTooLarge, On: OnTeam, Field: "members", Team: "big", Message: `team "big" has 8 members (soft limit 7)`},
	}, ld.Findings)

	ld = r.Load(Limits{WeeklyHours: 35 * h, TeamSize: 8, OperationSize: 1})
	assert.Equal(t, []Code{CodePersonOverHours, CodePersonOverHours, CodePersonOverHours, CodeOperationTooLarge}, codes(ld.Findings))
	assert.Equal(t, `"a" is expected to carry 40h of task effort a week (limit 35h)`, ld.Findings[1].Message)
	assert.Empty(t, r.Load(Limits{WeeklyHours: -1, TeamSize: -1}).Findings)
}

func TestOperationSize(t *testing.T) {
	r := &Roster{}
	for i := range 81 {
		r.People = append(r.People, Person{Name: string(rune(0x3042 + i))}) // あ, ぃ, …
	}
	ld := r.Load(Limits{})
	assert.Equal(t, 81, ld.Size)
	assert.Equal(t, []Finding{{Code: CodeOperationTooLarge, On: OnRoster, Message: "the operation has 81 people (soft limit 80)"}}, ld.Findings)
	r.People = r.People[:80]
	assert.Empty(t, r.Load(Limits{}).Findings)
}

func TestToil(t *testing.T) {
	tests := []struct {
		name  string
		tasks []Task
		want  Toil
	}{
		{"nothing", nil, Toil{}},
		{"balanced", []Task{{Name: "a", Effort: 10 * h}, {Name: "b", Effort: 10 * h, Kind: Improvement}},
			Toil{Operations: 10 * h, Improvement: 10 * h, Share: 0.5}},
		{"toil-heavy", []Task{{Name: "a", Effort: 30 * h, Kind: Operations}, {Name: "b", Effort: 7*h + 30*m, Kind: Improvement}, {Name: "a", Effort: 99 * h}},
			Toil{Operations: 30 * h, Improvement: 7*h + 30*m, Share: 0.8, Findings: []Finding{{Code: CodeToilOverLimit, On: OnRoster,
				Message: "operations work is 80% of all work (30h of 37.5h a week; limit 50%)"}}}},
		{"only improvement", []Task{{Name: "a", Effort: h, Kind: Improvement}}, Toil{Improvement: h}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := (&Roster{Tasks: tt.tasks}).Toil(Limits{})
			assert.Equal(t, tt.want, got)
		})
	}
	r := &Roster{Tasks: []Task{{Name: "a", Effort: 3 * h}, {Name: "b", Effort: h, Kind: Improvement}}}
	assert.Empty(t, r.Toil(Limits{ToilShare: 0.8}).Findings)
}

func TestCheckAll(t *testing.T) {
	r := nightHoleRoster(time.UTC)
	r.Tasks[0].Effort = 10 * h
	r.Tasks[1].Effort = 5 * h
	r.Tasks = append(r.Tasks, Task{Name: "automate", Personalisation: Personalised, Bridge: "bob", Kind: Improvement, Effort: 2 * h})
	got := r.Check(Limits{})
	assert.Equal(t, []Code{CodeBridgeNotCertified, CodeNobodyAble, CodePersonOverHours, CodePersonOverHours, CodePersonOverHours, CodeToilOverLimit}, codes(got))
	assert.Equal(t, "automate", got[0].Task)
	assert.Equal(t, []string{"alice", "bob", "dan"}, []string{got[2].Person, got[3].Person, got[4].Person})
	assert.Equal(t, DefaultLimits(), Limits{TeamSize: 7, OperationSize: 80, EscalationShare: 0.5, ToilShare: 0.5, WeeklyHours: 40 * h})
	require.Empty(t, (&Roster{}).Check(Limits{}))
}

func TestTextKinds(t *testing.T) {
	for _, s := range []string{"personalised", "Personalized", "属人"} {
		p, err := ParsePersonalisation(s)
		require.NoError(t, err)
		assert.Equal(t, Personalised, p)
	}
	p, err := ParsePersonalisation("非属人")
	require.NoError(t, err)
	assert.Equal(t, Depersonalised, p)
	_, err = ParsePersonalisation("both")
	assert.ErrorIs(t, err, ErrSyntax)
	var pp Personalisation
	require.NoError(t, pp.UnmarshalText([]byte("depersonalised")))
	b, err := pp.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "depersonalised", string(b))
	_, err = Personalisation(0).MarshalText()
	assert.ErrorIs(t, err, ErrInvalid)

	k, err := ParseWorkKind("改善")
	require.NoError(t, err)
	assert.Equal(t, Improvement, k)
	var kk WorkKind
	require.NoError(t, kk.UnmarshalText([]byte("ops")))
	assert.Equal(t, Operations, kk)
	b, err = kk.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "operations", string(b))
	_, err = WorkKind(5).MarshalText()
	assert.ErrorIs(t, err, ErrInvalid)
	assert.Equal(t, "work-kind(5)", WorkKind(5).String())
	assert.Equal(t, "task", OnTask.String())
	assert.Equal(t, "subject(9)", SubjectKind(9).String())
	assert.Equal(t, "extra", Extra.String())
}
