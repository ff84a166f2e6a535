package rules

import (
	"fmt"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

// rolesRules turn the analyses of the roles package into positioned
// findings: how each task is personalised and what the roster cannot
// read (this file), who can do each task and when (roles_coverage.go),
// and how the load is spread (roles_limits.go). They run on
// Design.Roster; catalog's roles.go says how a design becomes a roster.
func rolesRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "roles/personalised-without-bridge",
			Severity: catalog.Error,
			Doc: ruleDoc(`A personalised task (work that relies on one person's judgement) names no bridge and gives no reason to stay personal. `+
				`This is how work ends up that only one person can do: nobody has been asked to turn the know-how into a procedure. `+
				`Name the certified engineer who is depersonalising it in bridge, or say in keepPersonal why it should stay personal. `+
				`Reported at an empty keepPersonal (or bridge) where one is written, and at the task when neither is.`, `
tasks:
  - name: tune-database
    personalisation: personalised   # no bridge, no keepPersonal
`),
			Run: runRolesTaskFinding(roles.CodeNoBridge),
		},
		{
			ID:       "roles/bridge-not-certified",
			Severity: catalog.Error,
			Doc: ruleDoc(`The bridge of a personalised task holds no role on the certified tier. `+
				`Turning personal know-how into a procedure takes logic, abstraction and concretisation, the skills the certified tier stands for; `+
				`a bridge without them leaves the work as personal as it was. Name a certified engineer, or give the person such a role.`, `
tasks:
  - name: tune-database
    personalisation: personalised
    bridge: suzuki   # suzuki's only role is rescue (technical-enhancement)
`),
			Run: runRolesTaskFinding(roles.CodeBridgeNotCertified),
		},
		{
			ID:       "roles/depersonalised-without-procedure",
			Severity: catalog.Error,
			Doc: ruleDoc(`A depersonalised task (work anyone trained should do the same way) names no procedure. `+
				`Without a procedure manual (手順書) depersonalised work is personal work in disguise: it comes out differently with every person, and stops when the one who knows leaves. `+
				`Write the manual and name it in procedure. Reported at an empty procedure where one is written, and at the task when none is.`, `
tasks:
  - name: rotate-logs
    personalisation: depersonalised   # no procedure
`),
			Run: runRolesTaskFinding(roles.CodeNoProcedure),
		},
		invalidScheduleRule(),
	}
}

// runRolesTaskFinding reports the findings of roles' CheckTasks that have
// the code, at the task field they concern.
func runRolesTaskFinding(code roles.Code) func(*catalog.Pass) {
	return func(p *catalog.Pass) {
		r, _ := p.Design.Roster()
		for _, f := range r.Operation.CheckTasks() {
			if f.Code != code {
				continue
			}
			s, t, ok := r.Task(f.Task)
			if !ok {
				continue
			}
			switch code {
			case roles.CodeNoBridge:
				p.Reportf(s.Doc, writtenOr(s.Doc, t.Path, "keepPersonal", "bridge"),
					"task %q of service %q is personalised but names no bridge to turn it into a procedure and no keepPersonal reason: name a certified engineer in bridge, or say why it stays personal",
					t.Name, s.Name)
			case roles.CodeBridgeNotCertified:
				d := catalog.Diagnostic{Pos: s.Doc.At(t.Bridge.Path), Path: t.Bridge.Path,
					Message: fmt.Sprintf("bridge %q of task %q of service %q holds no certified-tier role, so cannot be the one who depersonalises it: name a certified engineer",
						f.Person, t.Name, s.Name)}
				if pr, ok := r.Person(f.Person); ok {
					d.Related = []catalog.Related{{Pos: pr.Doc.At("/spec/roles"), Message: fmt.Sprintf("the roles of %q", pr.Name)}}
				}
				p.Report(d)
			case roles.CodeNoProcedure:
				p.Reportf(s.Doc, writtenOr(s.Doc, t.Path, "procedure"), "task %q of service %q is depersonalised but names no procedure: write its procedure manual and name it in procedure", t.Name, s.Name)
			}
		}
	}
}

// writtenOr returns the pointer of the first of the keys the object at
// parent writes, empty as it must be for the finding, or else of the
// object itself: an empty value is reported at its key, a missing one at
// its parent.
func writtenOr(doc *catalog.Document, parent string, keys ...string) string {
	for _, k := range keys {
		if _, ok := doc.Lookup(parent + "/" + k); ok {
			return parent + "/" + k
		}
	}
	return parent
}

// invalidScheduleRule reports what Design.Roster could not read.
func invalidScheduleRule() catalog.Rule {
	return catalog.Rule{
		ID:       "roles/invalid-schedule", // catalog.RuleInvalidSchedule, which Design.Roster reports
		Severity: catalog.Error,            // as Design.Roster reports it
		Doc: ruleDoc(`A shift, a dated exception, a time zone or a service's hours cannot be read. `+
			`What cannot be read is left out of the roster, so the cover it was meant to give is missing from every check: a typo in a night shift hides a hole or invents one. `+
			`Reported at the character where reading stopped. Shifts look like "Mon-Fri 09:00-12:00, 13:00-18:00; Sat 22:00-07:00" (also 月-金 9:00〜18:00); `+
			`exceptions give from and to as YYYY-MM-DD and hours as 13:00-17:00; time zones are IANA names such as Asia/Tokyo; hours are 24x7, a weekly schedule with an optional zone, or a Calendar's name. `+
			`Texts that could mean nothing or all day are errors too, with the unambiguous spelling as the hint: a range that ends when it starts (09:00-09:00; write 00:00-24:00 for whole days, or 24x7 for a service), `+
			`an empty list of shifts (leave shifts out for someone never on shift), an empty shift, and an exception's empty hours (leave hours out for whole days). `+
			`A Calendar's hours are held to the same by slo/invalid-calendar.`, `
kind: Person
spec:
  timeZone: Asia/Tokio             # not an IANA zone
  shifts: ["Mon-Fry 09:00-18:00"]  # reported at "Fry"
  # also: shifts: [], "Mon-Fri 09:00-09:00"
`),
		Run: func(p *catalog.Pass) {
			_, diags := p.Design.Roster()
			for _, d := range diags {
				p.Report(d)
			}
		},
	}
}

// joinNames lists roster task names for a message: "a/x, a/y".
func joinNames(names []string) string { return strings.Join(names, ", ") }
