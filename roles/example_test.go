package roles_test

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/roles"
)

// The tiers run from the most personalised work to the most
// depersonalised; every built-in role sits on one of them.
func ExampleTiers() {
	byTier := map[roles.Tier][]string{}
	for _, r := range roles.BuiltinRoles() {
		byTier[r.Tier] = append(byTier[r.Tier], r.Name)
	}
	for _, t := range roles.Tiers() {
		fmt.Printf("%d %-22s %v\n", t, t, byTier[t])
	}
	// Output:
	// 1 overall-management     [operations-manager]
	// 2 overall-optimisation   [architect vpoe]
	// 3 service-enhancement    [sales support]
	// 4 technical-enhancement  [rescue tech-lead implementation]
	// 5 certified              [certified-engineer]
	// 6 associate              [associate-member]
}

// A roster in New York whose personalised cover stops at 01:00 and starts
// again at 04:00. On the night the clocks go forward the hole is still
// 01:00 to 04:00 on the wall, but only two hours long.
func ExampleRoster_Coverage() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := &roles.Roster{
		Location: ny,
		Tasks: []roles.Task{
			{Name: "incident-triage", Personalisation: roles.Personalised, Bridge: "cara"},
			{Name: "backup-check", Personalisation: roles.Depersonalised, Procedure: "runbooks/backup.md"},
		},
		People: []roles.Person{
			{Name: "alice", Roles: []string{roles.RoleRescue}, Tasks: []string{"incident-triage", "backup-check"},
				Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 07:00-19:00")}},
			{Name: "bob", Roles: []string{roles.RoleTechLead}, Tasks: []string{"incident-triage"},
				Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 19:00-01:00")}},
			{Name: "cara", Roles: []string{roles.RoleCertifiedEngineer}, Tasks: []string{"incident-triage", "backup-check"},
				Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 04:00-07:00")}},
			{Name: "dan", Roles: []string{roles.RoleAssociateMember}, Tasks: []string{"backup-check"},
				Shifts: roles.Schedule{Week: roles.MustParseWeek("daily 19:00-07:00")}},
		},
	}
	from := time.Date(2025, time.March, 8, 0, 0, 0, 0, ny)
	cov, err := r.Coverage(from, from.AddDate(0, 0, 2), time.Minute)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range cov.Personalised.Gaps {
		fmt.Printf("personalised gap %s to %s (%v) %v\n",
			g.Start.Format("Mon 2006-01-02 15:04 MST"), g.End.Format("15:04 MST"), g.Duration(), g.Tasks)
	}
	fmt.Printf("depersonalised gaps: %d, covered %.0f%%\n", len(cov.Depersonalised.Gaps), 100*cov.Depersonalised.Ratio())
	// Output:
	// personalised gap Sat 2025-03-08 01:00 EST to 04:00 EST (3h0m0s) [incident-triage]
	// personalised gap Sun 2025-03-09 01:00 EST to 04:00 EDT (2h0m0s) [incident-triage]
	// depersonalised gaps: 0, covered 100%
}

// Only one person can restore the backups: the service's truck factor is 1
// and the report names her.
func ExampleRoster_TruckFactors() {
	r := &roles.Roster{
		Tasks: []roles.Task{
			{Name: "restore", Service: "backup"},
			{Name: "verify", Service: "backup"},
		},
		People: []roles.Person{
			{Name: "hana", Tasks: []string{"restore", "verify"}},
			{Name: "ken", Tasks: []string{"verify"}},
		},
	}
	tf := r.TruckFactors()
	for _, t := range tf.Tasks {
		fmt.Printf("task %s: %d %v\n", t.Task, t.Factor, t.People)
	}
	for _, s := range tf.Services {
		fmt.Printf("service %s: %d, sole: %v\n", s.Service, s.Factor, s.Sole)
	}
	for _, f := range tf.Findings {
		fmt.Println(f)
	}
	// Output:
	// task restore: 1 [hana]
	// task verify: 2 [hana ken]
	// service backup: 1, sole: [{restore hana}]
	// single-person-task: only "hana" can perform task "restore"
}

// Personalised work needs a certified bridge or a reason to stay personal;
// depersonalised work needs a procedure.
func ExampleRoster_CheckTasks() {
	r := &roles.Roster{
		People: []roles.Person{
			{Name: "yuki", Roles: []string{roles.RoleCertifiedEngineer}},
			{Name: "taro", Roles: []string{roles.RoleSales}},
		},
		Tasks: []roles.Task{
			{Name: "capacity-planning", Personalisation: roles.Personalised, Bridge: "yuki"},
			{Name: "contract-renewal", Personalisation: roles.Personalised, PersonalReason: "negotiation needs judgement"},
			{Name: "escalation-call", Personalisation: roles.Personalised, Bridge: "taro"},
			{Name: "db-failover", Personalisation: roles.Personalised},
			{Name: "log-rotation", Personalisation: roles.Depersonalised},
		},
	}
	for _, f := range r.CheckTasks() {
		fmt.Println(f)
	}
	// Output:
	// bridge-not-certified: bridge "taro" of task "escalation-call" holds no certified-tier role
	// personalised-without-bridge: task "db-failover" is personalised but has neither a bridge to depersonalise it nor a reason it stays personal
	// depersonalised-without-procedure: task "log-rotation" is depersonalised but names no procedure
}

// The compact forms read English or Japanese.
func ExampleParseWeek() {
	w, err := roles.ParseWeek("月-金 9:00〜12:00、13:00〜18:00; Sat 22:00-07:00")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w)
	fmt.Println(w.Hours())
	_, err = roles.ParseWeek("Mon-Fry 09:00-18:00")
	fmt.Println(err)
	// Output:
	// Mon-Fri 09:00-12:00; Mon-Fri 13:00-18:00; Sat 22:00-07:00
	// 49h0m0s
	// roles: parse week "Mon-Fry 09:00-18:00": at 4: unknown day "Fry"
}

// Operations work above half of all work leaves too little time for
// improvement.
func ExampleRoster_Toil() {
	r := &roles.Roster{Tasks: []roles.Task{
		{Name: "ticket-handling", Kind: roles.Operations, Effort: 30 * time.Hour},
		{Name: "automation", Kind: roles.Improvement, Effort: 10 * time.Hour},
	}}
	t := r.Toil(roles.Limits{})
	fmt.Printf("%.0f%% operations\n", 100*t.Share)
	fmt.Println(t.Findings[0].Code)
	// Output:
	// 75% operations
	// toil-over-limit
}

// One team's toil shows even when the operation as a whole is under the
// line: effort reaches a team through the owner of each task.
func ExampleRoster_Toil_perTeam() {
	r := &roles.Roster{
		People: []roles.Person{{Name: "aki", Roles: []string{"sre"}}, {Name: "cho"}},
		Teams:  []roles.Team{{Name: "platform", Members: []string{"aki"}}, {Name: "desk", Members: []string{"cho"}}},
		Tasks: []roles.Task{
			{Name: "restart-nodes", Owner: roles.RoleRef("sre"), Kind: roles.Operations, Effort: 28 * time.Hour},
			{Name: "automate-failover", Owner: roles.PersonRef("aki"), Kind: roles.Improvement, Effort: 12 * time.Hour},
			{Name: "self-service", Owner: roles.TeamRef("desk"), Kind: roles.Improvement, Effort: 30 * time.Hour},
		},
	}
	t := r.Toil(roles.Limits{})
	fmt.Printf("operation: %.0f%% operations\n", 100*t.Share)
	for _, tt := range t.Teams {
		fmt.Printf("%s: %.0f%% operations\n", tt.Team, 100*tt.Share)
	}
	fmt.Println(t.Findings[0])
	// Output:
	// operation: 40% operations
	// platform: 70% operations
	// desk: 0% operations
	// team-toil-over-limit: operations work is 70% of team "platform"'s work (28h of 40h a week; limit 50%)
}

// Every escalation ends with sato: one task names her, another names the
// role only she holds.
func ExampleRoster_Escalations() {
	r := &roles.Roster{
		People: []roles.Person{{Name: "sato", Roles: []string{"incident-commander"}}, {Name: "kim"}},
		Tasks: []roles.Task{
			{Name: "respond-alert", EscalatesTo: []roles.Ref{roles.RoleRef("incident-commander")}},
			{Name: "restore-backup", EscalatesTo: []roles.Ref{roles.PersonRef("sato")}},
		},
	}
	e := r.Escalations(roles.Limits{})
	for _, p := range e.Targets[0].Paths {
		fmt.Printf("%s → %s (via %q)\n", p.Task, e.Targets[0].Person, p.Via.Name)
	}
	fmt.Println(e.Findings[0])
	// Output:
	// respond-alert → sato (via "incident-commander")
	// restore-backup → sato (via "")
	// escalation-concentrated: "sato" is the escalation target of 2 of 2 escalating tasks (100%, limit 50%)
}
