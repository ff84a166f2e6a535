package catalog

import (
	"github.com/opsdesign/opsdesign/lifecycle"
)

// Scorecard is a maturity ladder for services (kind Scorecard), in the
// manner of OpsLevel, Cortex and Port: levels in order, lowest first, each
// a set of checks. A service reaches a level when it passes every check of
// that level and of every level below it. Evaluate scores the services of
// a design against it.
//
//	apiVersion: opsdesign/v1
//	kind: Scorecard
//	metadata: {name: operations-maturity, title: 運用成熟度}
//	spec:
//	  appliesTo: {states: [active]}
//	  levels:
//	    - name: bronze
//	      checks:
//	        - {name: owned, has: [owner, value]}
//	        - {name: lifecycle, lifecycleCovered: all}
//	    - name: silver
//	      checks:
//	        - {name: clean-references, noFindings: ["ref/*"]}
//	        - {name: standard-work, taskCategories: [incident, change]}
type Scorecard struct {
	Doc         *Document
	Name        string
	Title       string
	Description string
	AppliesTo   ScorecardFilter
	Levels      []ScorecardLevel
}

// ScorecardFilter selects the services a scorecard scores. Every filter
// that is set must match; a list matches when any of its entries does. The
// zero filter matches every service.
type ScorecardFilter struct {
	Path       string
	States     []State
	OwnerTiers []string // Role tiers, such as "certified"
}

// ScorecardLevel is one rung of a scorecard.
type ScorecardLevel struct {
	Path        string
	Name        string
	Title       string
	Description string
	Checks      []ScorecardCheck
}

// Condition names the kind of test a check makes: the key it is written
// under.
type Condition string

// The conditions a check can make. Each is typed: there is no expression
// language to learn or to get wrong.
const (
	// ConditionNoFindings holds when the service's document has no
	// finding of the listed rules or groups ("lifecycle/*").
	ConditionNoFindings Condition = "noFindings"
	// ConditionHas holds when the service states every listed [Fact].
	ConditionHas Condition = "has"
	// ConditionStateIn holds when the service's state is one of those listed.
	ConditionStateIn Condition = "stateIn"
	// ConditionTaskCategories holds when the service has a task of each listed
	// category, or declares the category in notApplicableWork with a reason.
	ConditionTaskCategories Condition = "taskCategories"
	// ConditionLifecycleCovered holds when the listed events (or all five) are
	// covered or not applicable with a reason, for the service and for every
	// subject it declares.
	ConditionLifecycleCovered Condition = "lifecycleCovered"
)

// Conditions returns every condition, in the order the documentation lists
// them.
func Conditions() []Condition {
	return []Condition{ConditionNoFindings, ConditionHas, ConditionStateIn, ConditionTaskCategories, ConditionLifecycleCovered}
}

// ScorecardCheck is one check of a level. Exactly one condition is
// written; the field of that condition holds its arguments. A check
// written with no condition or with several has an empty Condition, always
// fails, and is reported by the rule scorecard/check-condition.
type ScorecardCheck struct {
	Path        string
	Name        string
	Title       string
	Description string
	Condition   Condition

	Rules      []string          // noFindings: rule IDs or groups
	Facts      []Fact            // has
	States     []State           // stateIn
	Categories []string          // taskCategories
	Events     []lifecycle.Event // lifecycleCovered; all five for "all"
}

// Fact is something a service states, tested by a "has" check.
type Fact string

// The facts a "has" check can require. A fact about "every" element of a
// kind holds when the service has none of them; pair it with the fact
// that requires them ("requestTypes" with "parameterSheets").
const (
	FactOwner            Fact = "owner"            // an owner that resolves to a Role, Person or Team
	FactTitle            Fact = "title"            // metadata.title, the name people use
	FactValue            Fact = "value"            // the value the service delivers
	FactCustomers        Fact = "customers"        // at least one customer
	FactHours            Fact = "hours"            // the hours it must be covered
	FactEffort           Fact = "effort"           // hours or cost per month attributed to it
	FactOfferings        Fact = "offerings"        // at least one offering
	FactObjectives       Fact = "objectives"       // held to an objective of the design (see Design.ServiceObjectives)
	FactRequestTypes     Fact = "requestTypes"     // at least one request type
	FactParameterSheets  Fact = "parameterSheets"  // every request type but the catch-all has a parameter sheet
	FactTicketedChannels Fact = "ticketedChannels" // every chat, e-mail or phone channel is turned into tickets
	FactTasks            Fact = "tasks"            // at least one operations task
	FactProcedures       Fact = "procedures"       // every depersonalised task has a procedure
	FactCloudContact     Fact = "cloudContact"     // a cloud service writes its provider's contact route
	FactRestoreTested    Fact = "restoreTested"    // every backup's restore has a procedure and a test date, or is not applicable with a reason
)

// Facts returns every fact a "has" check knows, in documentation order.
func Facts() []Fact {
	return []Fact{FactOwner, FactTitle, FactValue, FactCustomers, FactHours, FactEffort, FactOfferings,
		FactObjectives, FactRequestTypes, FactParameterSheets, FactTicketedChannels, FactTasks, FactProcedures,
		FactCloudContact, FactRestoreTested}
}

// Level returns the index of the level with the name, or -1.
func (sc *Scorecard) Level(name string) int {
	for i, l := range sc.Levels {
		if l.Name == name {
			return i
		}
	}
	return -1
}

// Scorecard returns the scorecard with the name, or nil.
func (d *Design) Scorecard(name string) *Scorecard {
	for _, sc := range d.Scorecards {
		if sc.Name == name {
			return sc
		}
	}
	return nil
}

// --- building the model ---

func buildScorecard(doc *Document) *Scorecard {
	spec := sub(asObj(doc.Value), "spec")
	const at = "/spec"
	sc := &Scorecard{Doc: doc, Name: doc.Name, Title: doc.Title, Description: str(spec, "description"),
		AppliesTo: ScorecardFilter{Path: at + "/appliesTo"}}
	if f := sub(spec, "appliesTo"); f != nil {
		for _, s := range strs(f, "states") {
			sc.AppliesTo.States = append(sc.AppliesTo.States, State(s))
		}
		sc.AppliesTo.OwnerTiers = strs(f, "ownerTiers")
	}
	objects(spec, "levels", at, func(o obj, p string) {
		l := ScorecardLevel{Path: p, Name: str(o, "name"), Title: str(o, "title"), Description: str(o, "description")}
		objects(o, "checks", p, func(c obj, cp string) {
			l.Checks = append(l.Checks, buildCheck(c, cp))
		})
		sc.Levels = append(sc.Levels, l)
	})
	return sc
}

// scoreConditionsWritten returns the condition keys written in a check, in
// the order of Conditions.
func scoreConditionsWritten(c obj) []Condition {
	var out []Condition
	for _, k := range Conditions() {
		if _, ok := c[string(k)]; ok {
			out = append(out, k)
		}
	}
	return out
}

func buildCheck(c obj, path string) ScorecardCheck {
	ch := ScorecardCheck{Path: path, Name: str(c, "name"), Title: str(c, "title"), Description: str(c, "description")}
	conds := scoreConditionsWritten(c)
	if len(conds) != 1 {
		return ch
	}
	ch.Condition = conds[0]
	switch ch.Condition {
	case ConditionNoFindings:
		ch.Rules = strs(c, string(ConditionNoFindings))
	case ConditionHas:
		for _, f := range strs(c, string(ConditionHas)) {
			ch.Facts = append(ch.Facts, Fact(f))
		}
	case ConditionStateIn:
		for _, s := range strs(c, string(ConditionStateIn)) {
			ch.States = append(ch.States, State(s))
		}
	case ConditionTaskCategories:
		ch.Categories = strs(c, string(ConditionTaskCategories))
	case ConditionLifecycleCovered:
		if c[string(ConditionLifecycleCovered)] == "all" {
			ch.Events = lifecycle.Events()
			break
		}
		for _, s := range strs(c, string(ConditionLifecycleCovered)) {
			if e, err := lifecycle.ParseEvent(s); err == nil {
				ch.Events = append(ch.Events, e)
			}
		}
	}
	return ch
}
