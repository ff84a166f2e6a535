package diff

import (
	"fmt"
	"strconv"

	"github.com/opsdesign/opsdesign/catalog"
)

// policy reports a ticket policy's stale thresholds, per category,
// tightened (a stage reached sooner, or newly used) or loosened (later,
// or no longer used). Every other value of the policy (the services it
// governs, its calendar, whose activity counts, exemptions, forced
// closes, the clock) is reported as policy/changed by the caller.
func (c *comparer) policy(p pair, po, pn *catalog.TicketPolicy, own owned) {
	own["/spec/thresholds"], own["/spec/categories"] = true, true
	subject, who := p.new.Ref(), fmt.Sprintf("ticket policy %q", pn.Name)
	type stage struct {
		name string
		days func(catalog.StaleThresholds) int
	}
	stages := []stage{
		{"stale", func(t catalog.StaleThresholds) int { return t.Stale }},
		{"rotten", func(t catalog.StaleThresholds) int { return t.Rotten }},
		{"close", func(t catalog.StaleThresholds) int { return t.Close }},
	}
	// effective returns the thresholds a category gets: its own, or the
	// policy's.
	effective := func(tp *catalog.TicketPolicy, category string) catalog.StaleThresholds {
		for _, ct := range tp.Categories {
			if ct.Category == category {
				return ct.StaleThresholds
			}
		}
		return tp.Thresholds
	}
	categories := []string{""}
	seen := map[string]bool{"": true}
	for _, tp := range []*catalog.TicketPolicy{pn, po} {
		for _, ct := range tp.Categories {
			if !seen[ct.Category] {
				seen[ct.Category] = true
				categories = append(categories, ct.Category)
			}
		}
	}
	for _, cat := range categories {
		to, tn := effective(po, cat), effective(pn, cat)
		scope := "tickets"
		if cat != "" {
			scope = fmt.Sprintf("%s tickets", cat)
		}
		for _, st := range stages {
			a, b := st.days(to), st.days(tn)
			if a == b {
				continue
			}
			kind := PolicyLoosened
			if b != 0 && (a == 0 || b < a) {
				kind = PolicyTightened
			}
			ch := Change{Kind: kind, Subject: subject, From: daysText(a), To: daysText(b),
				Old: site(p.old, to.Path+"/"+st.name), New: site(p.new, tn.Path+"/"+st.name),
				Message: who + ": " + stageText(scope, st.name, a, b)}
			if kind == PolicyTightened && st.name == "close" {
				ch.Attention = "tickets are force-closed sooner; a harsh policy makes people stop filing tickets"
			}
			c.add(ch)
		}
	}
}

// stageText says when tickets reach a stage now.
func stageText(scope, stage string, from, to int) string {
	switch {
	case to == 0:
		return fmt.Sprintf("%s no longer reach %s (was after %s)", scope, stage, daysText(from))
	case from == 0:
		return fmt.Sprintf("%s now reach %s after %s (a stage not used before)", scope, stage, daysText(to))
	}
	return fmt.Sprintf("%s reach %s after %s instead of %s", scope, stage, daysText(to), daysText(from))
}

// daysText writes a threshold: "5 business days", or "never" for a
// stage not used.
func daysText(n int) string {
	switch n {
	case 0:
		return "never"
	case 1:
		return "1 business day"
	}
	return strconv.Itoa(n) + " business days"
}
