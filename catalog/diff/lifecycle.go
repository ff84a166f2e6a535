package diff

import (
	"fmt"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/lifecycle"
)

// lifecycles compares the lifecycle of a service and of each subject it
// declares on both sides; subjects are matched by type and name.
func (c *comparer) lifecycles(p pair, so, sn *catalog.Service, subject, who string) {
	c.lifecycle(p, so.Lifecycle, sn.Lifecycle, subject, who)
	if a, b := strayElements(p.old, "/spec/subjects"), strayElements(p.new, "/spec/subjects"); !equal(a, b) {
		c.add(Change{Kind: ServiceChanged, Subject: subject, Old: site(p.old, "/spec/subjects"), New: site(p.new, "/spec/subjects"),
			From: text(a), To: text(b), Message: fmt.Sprintf("%s: subjects that are not mappings: %s → %s", who, text(a), text(b))})
	}
	key := func(s catalog.Subject) string { return s.Type.String() + " " + s.Name }
	olds := map[string]catalog.Subject{}
	for _, s := range so.Subjects {
		if _, dup := olds[key(s)]; !dup {
			olds[key(s)] = s
		}
	}
	seen := map[string]bool{}
	for _, s := range sn.Subjects {
		k := key(s)
		if seen[k] {
			continue // a repeat; name/duplicate reports it
		}
		seen[k] = true
		what := fmt.Sprintf("%s %q of %s", s.Type, s.Name, who)
		o, ok := olds[k]
		if !ok {
			c.add(Change{Kind: ServiceSubjectAdded, Subject: subject, To: k, Old: site(p.old, "/spec/subjects"), New: site(p.new, s.Path),
				Message: what + " added"})
			continue
		}
		c.lifecycle(p, o.Lifecycle, s.Lifecycle, subject, what)
		a, _ := jsonptr.Lookup(p.old.Value, o.Path)
		b, _ := jsonptr.Lookup(p.new.Value, s.Path)
		own := owned{"/type": true, "/name": true}
		lifecycleOwned(own, "/lifecycle")
		c.fields(p, o.Path, s.Path, a, b, own, ServiceChanged, subject, what)
	}
	for _, s := range so.Subjects {
		if k := key(s); !seen[k] {
			seen[k] = true
			c.add(Change{Kind: ServiceSubjectRemoved, Subject: subject, From: k, Old: site(p.old, s.Path), New: site(p.new, "/spec/subjects"),
				Message: fmt.Sprintf("%s %q of %s removed", s.Type, s.Name, who)})
		}
	}
}

// lifecycleOwned adds to own the parts of a lifecycle at ptr that
// lifecycle compares: each event's decisions, not-applicable mark and
// tasks. Anything else written there (a description) is left to the
// caller's plain comparison.
func lifecycleOwned(own owned, ptr string) {
	for _, e := range lifecycle.Events() {
		at := ptr + "/" + e.String()
		own[at+"/notApplicable"], own[at+"/tasks"] = true, true
		for _, d := range e.Decisions() {
			own[at+"/"+d.Key] = true
		}
	}
}

// lifecycle compares one lifecycle: the gaps opened and closed (events
// no longer or newly designed, decisions newly open or settled, reasons
// dropped or given), and the decisions whose answer changed while
// settled on both sides, with the old and the new text.
func (c *comparer) lifecycle(p pair, lo, ln catalog.Lifecycle, subject, who string) {
	oldGaps := map[string]lifecycle.Gap{}
	for _, g := range lo.Plan.Gaps() {
		oldGaps[gapKey(g)] = g
	}
	newGaps := map[string]bool{}
	for _, g := range ln.Plan.Gaps() {
		k := gapKey(g)
		newGaps[k] = true
		if _, ok := oldGaps[k]; ok {
			continue
		}
		from, _ := answerText(lo, g.Event, g.Decision)
		c.add(Change{Kind: LifecycleGapOpened, Subject: subject, From: from,
			Old: site(p.old, gapPath(lo, g)), New: site(p.new, gapPath(ln, g)),
			Attention: gapAttention(g), Message: fmt.Sprintf("%s: %s", who, gapText(g))})
	}
	for _, g := range lo.Plan.Gaps() {
		if newGaps[gapKey(g)] {
			continue
		}
		to, _ := answerText(ln, g.Event, g.Decision)
		c.add(Change{Kind: LifecycleGapClosed, Subject: subject, To: to,
			Old: site(p.old, gapPath(lo, g)), New: site(p.new, gapPath(ln, g)),
			Message: fmt.Sprintf("%s: %s", who, closedText(g, to))})
	}
	for _, e := range lifecycle.Events() {
		ev := lifecycle.Decision{Event: e}
		if a, b, changed := settledChange(lo, ln, e, ev); changed {
			c.add(Change{Kind: LifecycleDecision, Subject: subject, From: a, To: b,
				Old: site(p.old, lo.EventPath(e)), New: site(p.new, ln.EventPath(e)),
				Message: fmt.Sprintf("%s: %s event: %q → %q", who, e, a, b)})
		}
		if lo.Plan.Events[e].NotApplicable || ln.Plan.Events[e].NotApplicable {
			continue
		}
		for _, d := range e.Decisions() {
			if a, b, changed := settledChange(lo, ln, e, d); changed {
				c.add(Change{Kind: LifecycleDecision, Subject: subject, From: a, To: b,
					Old: site(p.old, lo.DecisionPath(d)), New: site(p.new, ln.DecisionPath(d)),
					Message: fmt.Sprintf("%s: %s: %q → %q", who, d, a, b)})
			}
		}
	}
}

func gapKey(g lifecycle.Gap) string {
	return g.Event.String() + "\x00" + g.Decision.Key + "\x00" + g.Kind.String()
}

// where names an event or a decision: "retire" or "retire.personalData".
func where(e lifecycle.Event, d lifecycle.Decision) string {
	if d.IsValid() {
		return d.String()
	}
	return e.String()
}

// gapText says what a gap newly opened is.
func gapText(g lifecycle.Gap) string {
	switch g.Kind {
	case lifecycle.MissingEvent:
		return fmt.Sprintf("%s (%s) event is not designed", g.Event, g.Event.Japanese())
	case lifecycle.MissingReason:
		return fmt.Sprintf("%s is marked not applicable without a reason", where(g.Event, g.Decision))
	}
	return fmt.Sprintf("%s is open: %s", g.Decision, g.Decision.Doc())
}

// closedText says how a gap was closed.
func closedText(g lifecycle.Gap, answer string) string {
	switch g.Kind {
	case lifecycle.MissingEvent:
		if answer == "designed" {
			return fmt.Sprintf("%s (%s) event now designed", g.Event, g.Event.Japanese())
		}
		return fmt.Sprintf("%s (%s) event now %s", g.Event, g.Event.Japanese(), answer)
	case lifecycle.MissingReason:
		return fmt.Sprintf("%s now %s", where(g.Event, g.Decision), orUnset(answer))
	}
	return fmt.Sprintf("%s now settled: %q", g.Decision, answer)
}

func gapAttention(g lifecycle.Gap) string {
	switch g.Kind {
	case lifecycle.MissingEvent:
		return fmt.Sprintf("the %s event is no longer designed", g.Event)
	case lifecycle.OpenDecision:
		return fmt.Sprintf("%s is newly open", g.Decision)
	}
	return ""
}

// answerText is what a lifecycle says about an event (zero decision) or a
// decision, as text: the answer, "not applicable: <reason>", or "" when
// it says nothing. designed reports whether the event is written at all.
func answerText(l catalog.Lifecycle, e lifecycle.Event, d lifecycle.Decision) (string, bool) {
	ep, designed := l.Plan.Events[e]
	if !designed {
		return "", false
	}
	if ep.NotApplicable {
		return notApplicable(ep.Reason), true
	}
	if !d.IsValid() {
		return "designed", true
	}
	a, ok := ep.Answers[d.Key]
	switch {
	case !ok:
		return "", true
	case a.NotApplicable:
		return notApplicable(a.Reason), true
	}
	return a.Text, true
}

func notApplicable(reason string) string {
	if strings.TrimSpace(reason) == "" {
		return "not applicable"
	}
	return "not applicable: " + reason
}

// settledChange reports an answer that changed while settled on both
// sides (a gap opened or closed is reported as such): for the event as a
// whole (zero decision), whether it applies and why not; for a decision,
// its text.
func settledChange(lo, ln catalog.Lifecycle, e lifecycle.Event, d lifecycle.Decision) (from, to string, changed bool) {
	a, okA := answerText(lo, e, d)
	b, okB := answerText(ln, e, d)
	if !okA || !okB || a == b || !settled(lo, e, d) || !settled(ln, e, d) {
		return "", "", false
	}
	return a, b, true
}

// settled reports whether an event (zero decision) or a decision has no
// gap of its own.
func settled(l catalog.Lifecycle, e lifecycle.Event, d lifecycle.Decision) bool {
	ep := l.Plan.Events[e]
	if !d.IsValid() {
		return !ep.NotApplicable || strings.TrimSpace(ep.Reason) != ""
	}
	return ep.Answers[d.Key].Settled()
}
