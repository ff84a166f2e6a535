package diff

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

// role reports a role's tier and abilities; what that does to cover is
// reported design-wide (cover.go).
func (c *comparer) role(p pair, ro, rn *catalog.Role, own owned) {
	own["/spec/tier"], own["/spec/abilities"] = true, true
	subject, who := p.new.Ref(), fmt.Sprintf("role %q", rn.Name)
	if ro.Tier != rn.Tier {
		c.add(Change{Kind: RoleTier, Subject: subject, From: ro.Tier, To: rn.Tier,
			Old: site(p.old, "/spec/tier"), New: site(p.new, "/spec/tier"),
			Message: fmt.Sprintf("%s: tier %s → %s", who, orUnset(ro.Tier), orUnset(rn.Tier))})
	}
	added, removed := setDiff(ro.Abilities, rn.Abilities)
	if len(added)+len(removed) > 0 {
		a, _ := jsonptr.Lookup(p.old.Value, "/spec/abilities")
		b, _ := jsonptr.Lookup(p.new.Value, "/spec/abilities")
		c.add(Change{Kind: RoleAbilities, Subject: subject, From: valueText(a), To: valueText(b),
			Old: site(p.old, "/spec/abilities"), New: site(p.new, "/spec/abilities"),
			Message: who + ": " + describe(leaf{rel: "/abilities", old: orEmpty(a), new: orEmpty(b), inOld: true, inNew: true})})
	}
}

func orEmpty(v any) any {
	if v == nil {
		return []any{}
	}
	return v
}

// person reports the roles a person gained and lost, the tasks they can
// now or no longer do, and changes to when they work.
func (c *comparer) person(p pair, pn *catalog.Person, own owned) {
	subject, who := p.new.Ref(), fmt.Sprintf("person %q", pn.Name)
	own["/spec/roles"], own["/spec/tasks"] = true, true
	c.set(p, "/spec/roles", PersonRoleAdded, PersonRoleRemoved, subject, who, "role", "Role")
	c.set(p, "/spec/tasks", PersonTaskAdded, PersonTaskRemoved, subject, who, "task", "Service")
	schedule := owned{}
	for _, ptr := range []string{"/spec/timeZone", "/spec/shifts", "/spec/exceptions"} {
		own[ptr] = true
		a, inA := jsonptr.Lookup(p.old.Value, ptr)
		b, inB := jsonptr.Lookup(p.new.Value, ptr)
		for _, l := range leaves(a, b, inA, inB, "", schedule, nil) {
			l.rel = ptr[len("/spec"):] + l.rel
			ch := Change{Kind: PersonSchedule, Subject: subject, Message: who + ": " + describe(l),
				Old: site(p.old, "/spec"+l.rel), New: site(p.new, "/spec"+l.rel)}
			if l.inOld {
				ch.From = text(l.old)
			}
			if l.inNew {
				ch.To = text(l.new)
			}
			c.add(ch)
		}
	}
}

// team reports members who joined and left and a new lead.
func (c *comparer) team(p pair, tn *catalog.Team, own owned) {
	subject, who := p.new.Ref(), fmt.Sprintf("team %q", tn.Name)
	own["/spec/members"], own["/spec/lead"] = true, true
	c.set(p, "/spec/members", TeamMemberAdded, TeamMemberRemoved, subject, who, "member", "Person")
	c.scalar(p, "/spec/lead", TeamLead, subject, who, "lead", "Person")
}
