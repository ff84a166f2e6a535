package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/suggest"
	"github.com/opsdesign/opsdesign/slo"
)

// sloRules are the rules about service-level objectives and business
// calendars, from Objective and Calendar documents and from OpenSLO SLOs
// alike: values that cannot be read, and the static checks of package slo
// (Objective.Check), each reported where the objective writes the part at
// fault. The OpenSLO rules are in openslo.go.
func sloRules() []catalog.Rule {
	rules := []catalog.Rule{
		{
			ID:       "slo/invalid-objective", // catalog.RuleInvalidObjective, of Objective.Problems
			Severity: catalog.Error,
			Doc: ruleDoc(`A value of an objective that cannot be read: a duration such as "3x", a window such as "fortnight", a business-time length where elapsed time is needed. `+
				`The value is left out, so the objective is not what it says; it cannot be evaluated until the value is fixed. Reported at the character where reading stopped.`, `
spec:
  window: fortnight          # want week, month, quarter or a length such as 14d
  rules:
    - {within: 2 weekdays}   # want 2bd (business days)
`),
			Run: runProblems(func(d *catalog.Design) catalog.Diagnostics { return objectiveProblems(d, catalog.RuleInvalidObjective) }),
		},
		{
			ID:       "slo/target-wrong-scale", // catalog.RuleTargetScale, of Objective.Problems
			Severity: catalog.Error,
			Doc: ruleDoc(`A target on the wrong scale: 99.9 where 0.999 or "99.9%" was meant (a bare number above 1 is rejected, so the objective has no target), `+
				`or "0.999%" where 99.9% was meant, a promise that almost nothing goes well.`, `
spec:
  target: 99.9   # "99.9%" or 0.999
`),
			Run: runTargetScale,
		},
		{
			ID:       "slo/invalid-calendar", // catalog.RuleInvalidCalendar, of Calendar.Problems
			Severity: catalog.Error,
			Doc: ruleDoc(`A business calendar that cannot be built: an unknown time zone or holiday set, a malformed shift, closure or date, or a calendar that is never open. `+
				`Objectives on it cannot measure business time, and deadlines such as "within one business day" cannot be computed.`, `
spec:
  timeZone: Asia/Tokio               # Asia/Tokyo
  hours: ["mon-fri 09:00-18:60"]     # minutes go to 59
`),
			Run: runProblems(func(d *catalog.Design) catalog.Diagnostics {
				var out catalog.Diagnostics
				for _, c := range d.Calendars {
					out = append(out, c.Problems()...)
				}
				return out
			}),
		},
		{
			ID:       "slo/unknown-calendar",
			Severity: catalog.Error,
			Doc: ruleDoc(`An objective names a Calendar the design does not have, or a service's hours name one (hours are 24x7, a Calendar's name, or a schedule written out). `+
				`Without it, business-time targets and calendar months cannot be measured.`, `
spec:
  calendar: jp-ofice   # the Calendar is jp-office
`),
			Run: runUnknownCalendar,
		},
		{
			ID:       "slo/unknown-severity",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A rule of an attainment objective names a severity that the objective's severities do not list: usually a typo, so tickets of the intended severity fall through to a later rule. `+
				`Reported only when the objective lists its severities.`, `
spec:
  severities: [critical, major, minor]
  rules:
    - {severities: [crtical], within: 30m}
`),
			Run: runUnknownSeverity,
		},
		{
			ID:       "slo/objective-on-inactive-service",
			Severity: catalog.Warning,
			Doc: ruleDoc(`An objective held only by suspended or retired services. `+
				`It goes on being measured and alerting, and reports misses for a service nobody runs: retire the objective with the service, or pause its alerts while the service is suspended.`, `
kind: Objective
metadata:
  name: coupon-availability   # only the retired service coupon-app lists it
`),
			Run: runObjectiveOnInactiveService,
		},
	}
	return append(rules, checkRules()...)
}

// checkRules report the findings of slo.Objective.Check, one rule per
// finding code; each rule's ID is "slo/" and its code.
func checkRules() []catalog.Rule {
	return []catalog.Rule{
		{ID: "slo/burn-threshold-unreachable", Severity: catalog.Error, Run: runFindings(slo.CodeBurnUnreachable), Doc: ruleDoc(`A burn-rate alert whose threshold is above 1 / (1 - target): the burn rate of a window in which every event fails. `+
			`The alert can never fire. With a 90% target the fastest possible burn is 10, so a 14.4 page never comes; lower the threshold or reconsider the target. `+
			`Only the alerts an objective writes are checked: of the SRE workbook's tiers, which an objective without alerts is held to, those its target cannot reach are listed by slo check.`, `
spec:
  target: 90%
  alerts:
    - {name: page-fast, action: page, long: 1h, burnRate: 14.4}   # cannot exceed 10
`)},
		{ID: "slo/short-window-not-shorter", Severity: catalog.Error, Run: runFindings(slo.CodeShortWindow), Doc: ruleDoc(`A burn-rate alert whose short window is not shorter than its long window. `+
			`The short window is there to make the alert stop soon after the burning does; as long as the long one, it does nothing (the workbook uses 1/12).`, `
alerts:
  - {name: page-fast, action: page, long: 1h, short: 1h, burnRate: 14.4}
`)},
		{ID: "slo/alert-window-exceeds-period", Severity: catalog.Warning, Run: runFindings(slo.CodeLongWindow), Doc: ruleDoc(`A burn-rate alert that looks back further than the objective's window. `+
			`It mixes in events the objective no longer counts, and fires on budget that has already been renewed.`, `
window: 7d
alerts:
  - {name: ticket-slow, action: ticket, long: 30d, burnRate: 1}
`)},
		{ID: "slo/time-slice-not-dividing", Severity: catalog.Warning, Run: runFindings(slo.CodeSliceDivide), Doc: ruleDoc(`A time slice that does not divide the window: the last slice of each period straddles the next one, and is counted in neither or judged on part of its time. `+
			`Pick a slice that divides every period (calendar months are 28 to 31 days; a 7-day slice divides none of them).`, `
kind: time-slice
window: month
slice: 7d
`)},
		{ID: "slo/alert-window-below-slice", Severity: catalog.Warning, Run: runFindings(slo.CodeWindowBelowSlice), Doc: ruleDoc(`A burn-rate alert of a time-slice objective whose long window is shorter than the time slice, or whose short window is at most half of it. `+
			`Slices are judged when they end, so such a window holds at most one judged slice and much of the time none: the alert stays silent, or fires on one bad slice and stops at the next instant. `+
			`(A short window a little under the slice, such as the workbook's 4m40s against 5-minute slices, holds the last slice nearly always, and is not reported.) `+
			`Reported at the alert's window when the objective writes it, and at the slice for the SRE workbook's tiers an objective without alerts is held to (a 1-day window derives 14.4 over 2m and 10s, which 7-minute slices leave erratic).`, `
kind: time-slice
window: 1d
slice: 7m     # the workbook's tiers for a day look back 2m to 48m
`)},
		{ID: "slo/severity-without-target", Severity: catalog.Error, Run: runFindings(slo.CodeSeverityNoTarget), Doc: ruleDoc(`A severity the objective lists that no rule gives a target for every ticket of that severity. `+
			`Such tickets are never judged: they miss silently, and the attainment looks better than the service is.`, `
severities: [critical, major, minor]
rules:
  - {severities: [critical], within: 30m}
  - {severities: [major], within: 2h}     # minor has no target
`)},
		{ID: "slo/rule-shadowed", Severity: catalog.Warning, Run: runFindings(slo.CodeRuleShadowed), Doc: ruleDoc(`A rule that can never match, because an earlier rule matches every ticket it would (rules are tried in order and the first match wins). `+
			`The target it sets is never used; usually the catch-all rule was written first.`, `
rules:
  - {within: 1bd}                          # matches everything
  - {severities: [critical], within: 30m}  # never reached
`)},
	}
}

// runProblems reports values that could not be read, as the model found
// them (Objective.Problems, Calendar.Problems).
func runProblems(collect func(*catalog.Design) catalog.Diagnostics) func(*catalog.Pass) {
	return func(p *catalog.Pass) {
		for _, pr := range collect(p.Design) {
			p.Report(pr)
		}
	}
}

// objectiveProblems returns the problems of the rule in every objective,
// each once: an SLO's objectives share the problems of their SLO's
// annotations.
func objectiveProblems(d *catalog.Design, rule string) catalog.Diagnostics {
	var out catalog.Diagnostics
	seen := map[string]bool{}
	for _, o := range d.Objectives {
		for _, pr := range o.Problems() {
			key := pr.Pos.File + "\x00" + pr.Path + "\x00" + pr.Message
			if pr.Rule == rule && !seen[key] {
				seen[key] = true
				out = append(out, pr)
			}
		}
	}
	return out
}

func runTargetScale(p *catalog.Pass) {
	runProblems(func(d *catalog.Design) catalog.Diagnostics { return objectiveProblems(d, catalog.RuleTargetScale) })(p)
	runFindings(slo.CodeTargetScale)(p)
}

// alertMember is the member of an alert each alert finding is about.
var alertMember = map[string]string{
	slo.CodeBurnUnreachable: "burnRate",
	slo.CodeShortWindow:     "short",
	slo.CodeLongWindow:      "long",
}

// belowSliceMember is the window of an alert an alert-window-below-slice
// finding is about: the long window when it is shorter than the slice,
// else the short one; "" for any other finding. A short window left out
// is the long window's twelfth: the finding is then at the alert, the
// parent of the value left out.
func belowSliceMember(o *catalog.Objective, f slo.Finding) string {
	if f.Code != slo.CodeWindowBelowSlice || f.Field != "alerts" || f.Index < 0 || f.Index >= len(o.Alerts) {
		return ""
	}
	if o.Alerts[f.Index].Long < o.Slice {
		return "long"
	}
	return "short"
}

// runFindings reports the findings of slo.Objective.Check with the code,
// each at the part of the objective it concerns.
func runFindings(code string) func(*catalog.Pass) {
	return func(p *catalog.Pass) {
		for _, o := range p.Design.Objectives {
			for _, f := range o.Findings() {
				if f.Code != code || (f.Field == "alerts" && f.Index < 0) {
					// A tier of the SRE workbook's, which an objective that
					// writes no alerts gets: nothing written is wrong, and
					// slo check says which of them cannot fire.
					continue
				}
				doc, ptr := o.Locate(f.Field, f.Index)
				if m, ok := alertMember[f.Code]; ok && f.Field == "alerts" && written(doc, ptr+"/"+m) {
					ptr += "/" + m // the value at fault, not the whole alert
				} else if m := belowSliceMember(o, f); m != "" && written(doc, ptr+"/"+m) {
					ptr += "/" + m // the value at fault, not the whole alert
				}
				d := catalog.Diagnostic{Pos: doc.At(ptr), Path: ptr, Message: fmt.Sprintf("objective %q: %s", o.Name, f.Message)}
				if f.Related >= 0 {
					rdoc, rptr := o.Locate(f.Field, f.Related)
					d.Related = []catalog.Related{{Pos: rdoc.At(rptr), Message: fmt.Sprintf("%s %d, which comes first", strings.TrimSuffix(f.Field, "s"), f.Related)}}
				}
				p.Report(d)
			}
		}
	}
}

func runUnknownCalendar(p *catalog.Pass) {
	d := p.Design
	names := d.Names("Calendar")
	// Once per place it is written: the objectives of one SLO share its
	// annotation, while every SLO of a file has one of its own.
	type site struct {
		doc  *catalog.Document
		path string
	}
	seen := map[site]bool{}
	for _, o := range d.Objectives {
		r := o.CalendarRef
		key := site{o.Doc, r.Path}
		if r.IsZero() || seen[key] || len(d.Resolve(r, "Calendar")) > 0 || unloaded(d, r.Name, r.KindsAmong("Calendar")) {
			continue
		}
		seen[key] = true
		p.Reportf(o.Doc, r.Path, "objective %q names calendar %q, which the design does not have%s", o.Name, r.Raw, suggest.DidYouMean(r.Name, names))
	}
	for _, s := range d.Services {
		r, ok := s.HoursRef()
		if ok && len(d.Resolve(r, "Calendar")) == 0 && !unloaded(d, r.Name, r.KindsAmong("Calendar")) {
			p.Reportf(s.Doc, r.Path, "service %q has hours %q, which names no Calendar (write 24x7, a Calendar's name, or the schedule)%s",
				s.Name, r.Raw, suggest.DidYouMean(r.Name, names))
		}
	}
}

func runUnknownSeverity(p *catalog.Pass) {
	for _, o := range p.Design.Objectives {
		if o.Kind != slo.AttainmentObjective || len(o.Severities) == 0 {
			continue
		}
		for i, r := range o.Rules {
			for j, s := range r.Severities {
				if slices.Contains(o.Severities, s) {
					continue
				}
				doc, ptr := o.Locate("rules", i)
				if o.SLO == nil {
					ptr = idx(ptr+"/severities", j)
				}
				p.Reportf(doc, ptr, "rule %d of objective %q names severity %q, which its severities (%s) do not list%s",
					i, o.Name, s, strings.Join(o.Severities, ", "), suggest.DidYouMean(s, o.Severities))
			}
		}
	}
}

func runObjectiveOnInactiveService(p *catalog.Pass) {
	d := p.Design
	holders := d.ObjectiveHolders()
	reported := map[*catalog.Document]bool{}
	for _, o := range d.Objectives {
		hs := holders[o]
		if len(hs) == 0 || slices.ContainsFunc(hs, func(s *catalog.Service) bool { return s.State != catalog.Suspended && s.State != catalog.Retired }) {
			continue
		}
		ptr := "/metadata/name"
		if o.SLO != nil {
			ptr = "/spec/service"
		}
		if reported[o.Doc] {
			continue // one finding for all the objectives of an SLO
		}
		reported[o.Doc] = true
		var rel []catalog.Related
		var states []string
		for _, s := range hs {
			rel = append(rel, catalog.Related{Pos: s.Doc.At("/spec/state"), Message: fmt.Sprintf("service %q is %s", s.Name, s.State)})
			states = append(states, fmt.Sprintf("%s (%s)", s.Name, s.State))
		}
		p.Report(catalog.Diagnostic{Pos: o.Doc.At(ptr), Path: ptr, Related: rel, Message: fmt.Sprintf(
			"objective %q is held only by %s: it goes on measuring and alerting for a service nobody runs; retire it with the service, or pause its alerts",
			o.Name, andList(states))})
	}
}
