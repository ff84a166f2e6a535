package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

// objectives compares the objectives a document holds (an Objective
// document, or the objectives of an OpenSLO SLO, matched in order): a
// target raised, a latency threshold or a time-to-event target shortened
// is tightened; the opposite loosened; a window, calendar, kind, measure,
// time slice or severity list changed, or a rule added or removed, is
// changed (neither stricter nor laxer as such). It adds the pointers it
// compares to own.
func (c *comparer) objectives(p pair, own owned) {
	olds, news := c.oldIdx.objectives[p.old], c.newIdx.objectives[p.new]
	if len(olds) == 0 || len(news) == 0 {
		return
	}
	if p.new.Native() && p.new.Kind == "Objective" {
		for _, f := range []string{"target", "window", "calendar", "threshold", "slice", "sliceTarget", "rules", "severities", "kind", "measure"} {
			own["/spec/"+f] = true
		}
	}
	for i := range min(len(olds), len(news)) {
		oc := objectiveComparer{c: c, p: p, o: olds[i], n: news[i], own: own, subject: p.new.Ref()}
		oc.compare()
	}
}

type objectiveComparer struct {
	c       *comparer
	p       pair
	o, n    *catalog.Objective
	own     owned
	subject string
}

// sites are where a part of the objective is on each side; they become
// owned, so the part is not reported again as a plain value.
func (oc *objectiveComparer) sites(field string, index int) (Site, Site) {
	od, optr := locate(oc.o, field, index)
	nd, nptr := locate(oc.n, field, index)
	for _, x := range []struct {
		ptr, whole string
	}{{optr, oc.o.Path}, {nptr, oc.n.Path}} {
		if x.ptr != x.whole {
			oc.own[x.ptr] = true
		}
	}
	return site(od, optr), site(nd, nptr)
}

// locate is Objective.Locate, but for a part Locate does not place (the
// kind, the calendar, a rule on one side only) of an Objective document
// it gives the part's own pointer, written or not.
func locate(o *catalog.Objective, field string, index int) (*catalog.Document, string) {
	doc, ptr := o.Locate(field, index)
	if ptr == o.Path && doc == o.Doc && o.SLO == nil {
		ptr = o.Path + "/" + field
	}
	return doc, ptr
}

func (oc *objectiveComparer) add(kind Kind, field string, index int, from, to, message, attention string) {
	old, new := oc.sites(field, index)
	oc.c.add(Change{Kind: kind, Subject: oc.subject, From: from, To: to, Old: old, New: new, Attention: attention,
		Message: fmt.Sprintf("objective %q: %s", oc.n.Name, message)})
}

func (oc *objectiveComparer) compare() {
	o, n := oc.o, oc.n
	if o.Kind != n.Kind {
		oc.add(ObjectiveChanged, "kind", -1, o.Kind.String(), n.Kind.String(), fmt.Sprintf("kind %s → %s", o.Kind, n.Kind), "")
	}
	if o.Target != n.Target {
		kind, attention := ObjectiveTightened, ""
		if n.Target.Fraction() < o.Target.Fraction() {
			kind = ObjectiveLoosened
			if o.Target.Budget() > 0 {
				attention = fmt.Sprintf("target %s → %s: the error budget grows %s×", o.Target, n.Target, trimFloat(n.Target.Budget()/o.Target.Budget()))
			}
		}
		oc.add(kind, "target", -1, o.Target.String(), n.Target.String(),
			fmt.Sprintf("target %s → %s", o.Target, n.Target), attention)
	}
	if o.Window != n.Window {
		oc.add(ObjectiveChanged, "window", -1, o.Window.String(), n.Window.String(), fmt.Sprintf("window %s → %s", o.Window, n.Window), "")
	}
	if o.CalendarRef.Raw != n.CalendarRef.Raw {
		oc.add(ObjectiveChanged, "calendar", -1, o.CalendarRef.Raw, n.CalendarRef.Raw,
			fmt.Sprintf("calendar %s → %s", orUnset(o.CalendarRef.Raw), orUnset(n.CalendarRef.Raw)), "")
	}
	if o.Threshold != n.Threshold {
		oc.add(lessIsTighter(o.Threshold, n.Threshold), "threshold", -1, durationText(o.Threshold), durationText(n.Threshold),
			fmt.Sprintf("latency threshold %s → %s", orUnset(durationText(o.Threshold)), orUnset(durationText(n.Threshold))), "")
	}
	if o.Slice != n.Slice {
		oc.add(ObjectiveChanged, "slice", -1, durationText(o.Slice), durationText(n.Slice),
			fmt.Sprintf("time slice %s → %s", orUnset(durationText(o.Slice)), orUnset(durationText(n.Slice))), "")
	}
	if o.SliceTarget != n.SliceTarget {
		kind := ObjectiveTightened
		if n.SliceTarget.Fraction() < o.SliceTarget.Fraction() {
			kind = ObjectiveLoosened
		}
		oc.add(kind, "sliceTarget", -1, o.SliceTarget.String(), n.SliceTarget.String(),
			fmt.Sprintf("slice target %s → %s", o.SliceTarget, n.SliceTarget), "")
	}
	if o.Kind == slo.AttainmentObjective && n.Kind == slo.AttainmentObjective && o.Measure != n.Measure {
		oc.add(ObjectiveChanged, "measure", -1, o.Measure.String(), n.Measure.String(), fmt.Sprintf("measure %s → %s", o.Measure, n.Measure), "")
	}
	if added, removed := setDiff(o.Severities, n.Severities); len(added)+len(removed) > 0 {
		var parts []string
		for _, s := range added {
			parts = append(parts, "+"+s)
		}
		for _, s := range removed {
			parts = append(parts, "−"+s)
		}
		oc.add(ObjectiveChanged, "severities", -1, strings.Join(o.Severities, ", "), strings.Join(n.Severities, ", "),
			"severities: "+strings.Join(parts, ", "), "")
	}
	oc.rules()
}

// rules compares the time-to-event rules, matched by what they apply to
// (severities, categories, labels).
func (oc *objectiveComparer) rules() {
	olds := map[string]int{}
	for i, r := range oc.o.Rules {
		if _, dup := olds[ruleScope(r)]; !dup {
			olds[ruleScope(r)] = i
		}
	}
	seen := map[string]bool{}
	for j, r := range oc.n.Rules {
		scope := ruleScope(r)
		if seen[scope] {
			continue
		}
		seen[scope] = true
		i, ok := olds[scope]
		if !ok {
			oc.addRule(ObjectiveChanged, -1, j, "", r.Within.String(), fmt.Sprintf("rule for %s added: within %s", scope, r.Within), "")
			continue
		}
		a, b := oc.o.Rules[i].Within, r.Within
		if a == b {
			continue
		}
		kind := ObjectiveChanged
		if a.Kind() == b.Kind() {
			kind = lessIsTighter(withinLength(a), withinLength(b))
		}
		attention := ""
		if kind == ObjectiveLoosened {
			attention = fmt.Sprintf("%s gets %s instead of %s", scope, b, a)
		}
		oc.addRule(kind, i, j, a.String(), b.String(), fmt.Sprintf("%s: within %s → %s", scope, a, b), attention)
	}
	for i, r := range oc.o.Rules {
		if scope := ruleScope(r); !seen[scope] {
			seen[scope] = true
			oc.addRule(ObjectiveChanged, i, -1, r.Within.String(), "", fmt.Sprintf("rule for %s removed (was within %s)", scope, r.Within), "")
		}
	}
}

// addRule adds a change about a rule at index i of the old objective and
// j of the new one (-1 where it is not).
func (oc *objectiveComparer) addRule(kind Kind, i, j int, from, to, message, attention string) {
	od, optr := locate(oc.o, "rules", i)
	nd, nptr := locate(oc.n, "rules", j)
	oc.c.add(Change{Kind: kind, Subject: oc.subject, From: from, To: to, Old: site(od, optr), New: site(nd, nptr), Attention: attention,
		Message: fmt.Sprintf("objective %q: %s", oc.n.Name, message)})
}

// ruleScope says which outcomes a rule applies to: "critical",
// "critical, major category incident", "every severity".
func ruleScope(r slo.Rule) string {
	sev := slices.Clone(r.Severities)
	slices.Sort(sev)
	scope := strings.Join(sev, ", ")
	if scope == "" {
		scope = "every severity"
	}
	if len(r.Categories) > 0 {
		cats := slices.Clone(r.Categories)
		slices.Sort(cats)
		scope += " category " + strings.Join(cats, ", ")
	}
	for _, k := range sortedKeys(r.Labels) {
		scope += " " + k + "=" + r.Labels[k]
	}
	return scope
}

// withinLength orders targets of one kind: seconds, or business days.
func withinLength(d slo.Duration) time.Duration {
	if d.Kind() == slo.KindBusinessDays {
		return time.Duration(d.Days())
	}
	return d.Std()
}

// lessIsTighter grades a value where less is stricter (a latency, a
// time-to-event target); zero means none, which is neither.
func lessIsTighter[T cmp.Ordered](from, to T) Kind {
	var zero T
	switch {
	case from == zero || to == zero:
		return ObjectiveChanged
	case to < from:
		return ObjectiveTightened
	}
	return ObjectiveLoosened
}

func durationText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
