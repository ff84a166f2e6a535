package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/lifecycle"
)

// Score is how one service fares on a scorecard.
type Score struct {
	Scorecard *Scorecard
	Service   *Service
	// Level is the index in Scorecard.Levels of the highest level reached:
	// the service passes it and every level below it. It is -1 when the
	// service does not pass the lowest level.
	Level int
	// Checks holds the result of every check of every level, lowest level
	// first and in written order within a level, including the levels above
	// the one reached: they say what the next level needs.
	Checks []CheckResult
}

// LevelName returns the name of the level reached, or "" when none is.
func (s Score) LevelName() string {
	if s.Level < 0 || s.Scorecard == nil || s.Level >= len(s.Scorecard.Levels) {
		return ""
	}
	return s.Scorecard.Levels[s.Level].Name
}

// Failed returns the results of the checks that fail, in order.
func (s Score) Failed() []CheckResult {
	var out []CheckResult
	for _, r := range s.Checks {
		if !r.Passed() {
			out = append(out, r)
		}
	}
	return out
}

// CheckResult is the outcome of one check for one service.
type CheckResult struct {
	Level    int             // the index of the check's level
	Check    *ScorecardCheck // the check, inside its Scorecard
	Failures []CheckFailure
}

// Passed reports whether the check holds.
func (r CheckResult) Passed() bool { return len(r.Failures) == 0 }

// CheckFailure says why a check does not hold, and where: at the place in the
// service's document that lacks something, at a lint finding, or, for a
// malformed check, at the check in the scorecard's document.
type CheckFailure struct {
	Pos     Pos
	Path    string // the JSON pointer of that place in its document
	Message string
}

// Applies reports whether the scorecard scores the service: its state and
// its owner's tiers pass the scorecard's filter.
func (sc *Scorecard) Applies(d *Design, s *Service) bool {
	return sc.applies(newScoreIndex(d, nil), s)
}

func (sc *Scorecard) applies(ix *scoreIndex, s *Service) bool {
	f := sc.AppliesTo
	if len(f.States) > 0 && !slices.Contains(f.States, s.State) {
		return false
	}
	if len(f.OwnerTiers) > 0 {
		tiers := ix.ownerTiers(s.Owner)
		if !slices.ContainsFunc(f.OwnerTiers, func(t string) bool { return slices.Contains(tiers, t) }) {
			return false
		}
	}
	return true
}

// Evaluate scores every service of the design that the scorecard applies
// to, in the order of d.Services. findings are the design's lint findings
// (from Linter.Lint, after configuration and suppressions): noFindings
// checks read them, and a finding counts against the service whose
// document it is positioned in. Evaluate does not lint by itself, so that
// a team's own rules and configuration apply; pass nil only when the
// scorecard has no noFindings check.
//
// Evaluate only reads the design and may run concurrently with other
// readers.
func (sc *Scorecard) Evaluate(d *Design, findings Diagnostics) []Score {
	ix := newScoreIndex(d, findings)
	var services []*Service
	for _, s := range d.Services {
		if sc.applies(ix, s) {
			services = append(services, s)
		}
	}
	scores := make([]Score, len(services))
	parallel(len(services), func(i int) { scores[i] = sc.score(ix, services[i]) })
	return scores
}

func (sc *Scorecard) score(ix *scoreIndex, s *Service) Score {
	out := Score{Scorecard: sc, Service: s, Level: -1}
	reached := true
	for li := range sc.Levels {
		l := &sc.Levels[li]
		passed := true
		for ci := range l.Checks {
			c := &l.Checks[ci]
			r := CheckResult{Level: li, Check: c, Failures: ix.check(sc, c, s)}
			passed = passed && r.Passed()
			out.Checks = append(out.Checks, r)
		}
		if reached && passed {
			out.Level = li
		} else {
			reached = false
		}
	}
	return out
}

// scoreIndex holds what evaluation looks up repeatedly: the findings of
// each document and the models behind owner references.
type scoreIndex struct {
	d        *Design
	findings map[*Document]Diagnostics
	roles    map[*Document]*Role
	people   map[*Document]*Person
	teams    map[*Document]*Team
}

func newScoreIndex(d *Design, findings Diagnostics) *scoreIndex {
	ix := &scoreIndex{d: d, roles: map[*Document]*Role{}, people: map[*Document]*Person{}, teams: map[*Document]*Team{}}
	for _, r := range d.Roles {
		ix.roles[r.Doc] = r
	}
	for _, p := range d.People {
		ix.people[p.Doc] = p
	}
	for _, t := range d.Teams {
		ix.teams[t.Doc] = t
	}
	if len(findings) == 0 {
		return ix
	}
	// A finding belongs to the last document of its file that starts at
	// or before its line.
	byFile := map[string][]*Document{}
	for _, doc := range d.Documents {
		byFile[doc.File] = append(byFile[doc.File], doc)
	}
	for _, docs := range byFile {
		slices.SortStableFunc(docs, func(a, b *Document) int { return a.Start.Compare(b.Start) })
	}
	ix.findings = map[*Document]Diagnostics{}
	for _, f := range findings {
		docs := byFile[f.Pos.File]
		if !f.Pos.IsValid() || len(docs) == 0 {
			continue
		}
		i := sort.Search(len(docs), func(i int) bool { return docs[i].Start.Line > f.Pos.Line }) - 1
		if i >= 0 {
			ix.findings[docs[i]] = append(ix.findings[docs[i]], f)
		}
	}
	return ix
}

// ownerTiers returns the tiers an owner reference holds: a Role's tier, a
// Person's roles' tiers, a Team's lead's roles' tiers.
func (ix *scoreIndex) ownerTiers(owner Ref) []string {
	if owner.IsZero() {
		return nil
	}
	var tiers []string
	personTiers := func(p *Person) {
		for _, r := range p.Roles {
			for _, doc := range ix.d.Resolve(r, "Role") {
				if role := ix.roles[doc]; role != nil && role.Tier != "" {
					tiers = append(tiers, role.Tier)
				}
			}
		}
	}
	for _, doc := range ix.d.Resolve(owner, OwnerKinds()...) {
		switch {
		case ix.roles[doc] != nil:
			tiers = append(tiers, ix.roles[doc].Tier)
		case ix.people[doc] != nil:
			personTiers(ix.people[doc])
		case ix.teams[doc] != nil && !ix.teams[doc].Lead.IsZero():
			for _, pd := range ix.d.Resolve(ix.teams[doc].Lead, personKinds()...) {
				if p := ix.people[pd]; p != nil {
					personTiers(p)
				}
			}
		}
	}
	return tiers
}

// scoreFailures collects the failures of one check on one service.
type scoreFailures struct {
	s   *Service
	out []CheckFailure
}

func (f *scoreFailures) at(path, format string, args ...any) {
	f.out = append(f.out, CheckFailure{Pos: f.s.Doc.At(path), Path: path, Message: fmt.Sprintf(format, args...)})
}

func (ix *scoreIndex) check(sc *Scorecard, c *ScorecardCheck, s *Service) []CheckFailure {
	f := &scoreFailures{s: s}
	switch c.Condition {
	case ConditionNoFindings:
		for _, dg := range ix.findings[s.Doc] {
			if slices.ContainsFunc(c.Rules, func(p string) bool { return scoreRuleMatches(p, dg.Rule) }) {
				f.out = append(f.out, CheckFailure{Pos: dg.Pos, Path: dg.Path, Message: fmt.Sprintf("%s [%s]", dg.Message, dg.Rule)})
			}
		}
	case ConditionHas:
		for _, fact := range c.Facts {
			ix.hasFact(f, fact)
		}
	case ConditionStateIn:
		if !slices.Contains(c.States, s.State) {
			f.at("/spec/state", "service %q is %s, not %s", s.Name, scoreStateText(s.State), scoreJoinStates(c.States))
		}
	case ConditionTaskCategories:
		for _, cat := range c.Categories {
			scoreTaskCategory(f, cat)
		}
	case ConditionLifecycleCovered:
		for _, l := range s.Lifecycles() {
			for _, e := range c.Events {
				scoreLifecycleEvent(f, l, e)
			}
		}
	default:
		f.out = append(f.out, CheckFailure{Pos: sc.Doc.At(c.Path), Path: c.Path,
			Message: fmt.Sprintf("check %q does not hold one condition (%s), so it cannot pass", c.Name, scoreConditionList())})
	}
	return f.out
}

// scoreRuleMatches reports whether a rule ID matches an ID or a group
// pattern ("lifecycle/*", which also matches deeper IDs).
func scoreRuleMatches(pattern, id string) bool {
	if g, ok := strings.CutSuffix(pattern, "/*"); ok {
		return strings.HasPrefix(id, g+"/")
	}
	return pattern == id
}

func scoreBlank(s string) bool { return strings.TrimSpace(s) == "" }

func (ix *scoreIndex) hasFact(f *scoreFailures, fact Fact) {
	s := f.s
	switch fact {
	case FactOwner:
		switch found := ix.d.Resolve(s.Owner, OwnerKinds()...); {
		case s.Owner.IsZero():
			f.at("/spec/owner", "service %q names no owner", s.Name)
		case len(found) == 0 && ix.d.backstageOwner(s.Owner):
		case len(found) == 0:
			f.at(s.Owner.Path, "owner %q of service %q is not a Role, Person or Team of the design", s.Owner.Raw, s.Name)
		case len(found) > 1:
			f.at(s.Owner.Path, "owner %q of service %q is ambiguous: %s", s.Owner.Raw, s.Name, refList(found))
		}
	case FactTitle:
		if scoreBlank(s.Title) {
			f.at("/metadata/title", "service %q has no title", s.Name)
		}
	case FactValue:
		if scoreBlank(s.Value) {
			f.at("/spec/value", "service %q does not say what value it delivers", s.Name)
		}
	case FactCustomers:
		if len(s.Customers) == 0 {
			f.at("/spec/customers", "service %q names no customers", s.Name)
		}
	case FactHours:
		if scoreBlank(s.Hours) {
			f.at("/spec/hours", "service %q does not say the hours it must be covered", s.Name)
		}
	case FactEffort:
		if s.Effort == nil || (s.Effort.HoursPerMonth <= 0 && s.Effort.CostPerMonth <= 0) {
			f.at("/spec/effort", "service %q attributes no hours or cost per month to its work", s.Name)
		}
	case FactOfferings:
		if len(s.Offerings) == 0 {
			f.at("/spec/offerings", "service %q offers nothing to its customers", s.Name)
		}
	case FactObjectives:
		if len(ix.d.ServiceObjectives(s)) == 0 {
			f.at("/spec/offerings", "service %q is held to no objective of the design: none of its offerings or request types lists one, and none names it", s.Name)
		}
	case FactRequestTypes:
		if len(s.RequestTypes) == 0 {
			f.at("/spec/requestTypes", "service %q defines no request types", s.Name)
		}
	case FactParameterSheets:
		for _, rt := range s.RequestTypes {
			if !rt.CatchAll && rt.Parameters == nil {
				f.at(rt.Path, "request type %q has no parameter sheet", rt.Name)
			}
		}
	case FactTicketedChannels:
		for _, rt := range s.RequestTypes {
			for _, ch := range rt.Channels {
				if scoreUntracked(ch) {
					f.at(ch.Path, "requests of type %q arriving by %s are not turned into tickets", rt.Name, ch.Name)
				}
			}
		}
	case FactTasks:
		if len(s.Tasks) == 0 {
			f.at("/spec/tasks", "service %q designs no operations tasks", s.Name)
		}
	case FactProcedures:
		for _, t := range s.Tasks {
			if t.Personalisation == "depersonalised" && scoreBlank(t.Procedure) {
				f.at(t.Path, "depersonalised task %q has no procedure", t.Name)
			}
		}
	case FactCloudContact:
		if s.Cloud != nil && scoreBlank(s.Cloud.Contact) {
			f.at(s.Cloud.Path, "service %q runs on %s but writes no route to the provider's support", s.Name, s.Cloud.Provider)
		}
	case FactRestoreTested:
		for _, b := range s.Backups {
			switch r := b.Restore; {
			case r == nil:
				f.at(b.Path, "backup %q has no restore", b.Name)
			case !scoreBlank(r.NotApplicable):
			case scoreBlank(r.Procedure):
				f.at(r.Path, "the restore of backup %q has no procedure", b.Name)
			case scoreBlank(r.LastTested):
				f.at(r.Path, "the restore of backup %q was never tested", b.Name)
			}
		}
	default:
		f.at("/spec", "unknown fact %q (want one of %s)", fact, scoreFactList())
	}
}

// scoreUntracked reports whether requests arriving by the channel leave no
// ticket: chat, e-mail and phone unless marked ticketed. Forms, portals,
// APIs and alerts create tickets by themselves.
func scoreUntracked(ch Channel) bool {
	switch ch.Name {
	case "chat", "email", "phone":
		return !ch.Ticketed
	}
	return false
}

func scoreTaskCategory(f *scoreFailures, cat string) {
	s := f.s
	for _, t := range s.Tasks {
		if t.Category == cat {
			return
		}
	}
	if reason, ok := s.NotApplicableWork[cat]; ok {
		if scoreBlank(reason) {
			f.at("/spec/notApplicableWork/"+jsonptr.Escape(cat), "service %q marks %s work not applicable without a reason", s.Name, cat)
		}
		return
	}
	f.at("/spec/tasks", "service %q has no %s task and does not declare %s work not applicable", s.Name, cat, cat)
}

func scoreLifecycleEvent(f *scoreFailures, l Lifecycle, e lifecycle.Event) {
	switch l.Plan.Status(e) {
	case lifecycle.Covered, lifecycle.NotApplicable:
		return
	}
	who := fmt.Sprintf("service %q", f.s.Name)
	if l.Plan.Subject != lifecycle.Service || l.Plan.Name != "" {
		who = fmt.Sprintf("%s %q", l.Plan.Subject, l.Plan.Name)
	}
	event := fmt.Sprintf("%s (%s)", e, e.Japanese())
	for _, g := range l.Plan.Gaps() {
		if g.Event != e {
			continue
		}
		switch g.Kind {
		case lifecycle.MissingEvent:
			f.at(l.EventPath(e), "%s does not design its %s event", who, event)
		case lifecycle.OpenDecision:
			f.at(l.DecisionPath(g.Decision), "%s leaves %s open", who, g.Decision)
		case lifecycle.MissingReason:
			at, what := l.EventPath(e)+"/notApplicable", "its "+event+" event"
			if g.Decision.IsValid() {
				at, what = l.DecisionPath(g.Decision)+"/notApplicable", g.Decision.String()
			}
			f.at(at, "%s marks %s not applicable without a reason", who, what)
		}
	}
}

func scoreStateText(s State) string {
	if s == "" {
		return "of no state"
	}
	return string(s)
}

func scoreJoinStates(states []State) string {
	parts := make([]string, len(states))
	for i, s := range states {
		parts[i] = string(s)
	}
	return strings.Join(parts, " or ")
}

func scoreConditionList() string {
	parts := make([]string, 0, 5)
	for _, c := range Conditions() {
		parts = append(parts, string(c))
	}
	return strings.Join(parts, ", ")
}

func scoreFactList() string {
	parts := make([]string, 0, 15)
	for _, f := range Facts() {
		parts = append(parts, string(f))
	}
	return strings.Join(parts, ", ")
}

// refList writes documents as references to choose from: "role:sato"
// or "person:sato".
func refList(docs []*Document) string {
	parts := make([]string, len(docs))
	for i, d := range docs {
		parts[i] = fmt.Sprintf("%q", strings.ToLower(d.Kind)+":"+d.Name)
	}
	return strings.Join(parts, " or ")
}
