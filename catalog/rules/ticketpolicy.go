package rules

import (
	"errors"
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// ticketPolicyRules check TicketPolicy documents.
func ticketPolicyRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "ticketpolicy/threshold-order",
			Severity: catalog.Error,
			Doc: "A ticket policy's stages do not grow: a ticket must become stale before it rots, and rot before it is force-closed. " +
				"Out of order, a stage is skipped and tickets are closed sooner than anyone meant. Reported at the stage out of order.\n\n" +
				"\tthresholds: {stale: 10, rotten: 5}   # rotten before stale",
			Run: runTicketPolicyThresholds,
		},
		{
			ID:       "ticketpolicy/calendar",
			Severity: catalog.Error,
			Doc: "A ticket policy's calendar cannot be built: an unknown time zone or holiday set, a malformed shift, closure or date. " +
				"Thresholds in business days cannot be counted without it. Reported at the value.\n\n" +
				"\tcalendar: {timeZone: Asia/Tokio}   # no such zone",
			Run: runTicketPolicyCalendar,
		},
		{
			ID:       "ticketpolicy/unknown-service",
			Severity: catalog.Error,
			Doc: "A ticket policy names a service the design does not have, so it governs nothing there: usually a typo, " +
				"which leaves the intended service under the default policy or none.",
			Run: runTicketPolicyServices,
		},
		{
			ID:       "ticketpolicy/overlap",
			Severity: catalog.Warning,
			Doc: "Two ticket policies govern the same service, or two govern every service. Only the first loaded applies, " +
				"so the second silently changes nothing. Reported at the later policy.",
			Run: runTicketPolicyOverlap,
		},
	}
}

func runTicketPolicyThresholds(p *catalog.Pass) {
	check := func(doc *catalog.Document, t catalog.StaleThresholds, what string) {
		stages := []struct {
			name string
			n    int
		}{{"stale", t.Stale}, {"rotten", t.Rotten}, {"close", t.Close}}
		prev, prevName, prevText := 0, "", ""
		for _, s := range stages {
			if s.n == 0 {
				continue
			}
			at := t.Path + "/" + s.name
			if s.n <= prev {
				p.Reportf(doc, at, "%s: %s after %s business days does not come after %s at %s: the stages must grow (stale < rotten < close)",
					what, s.name, asWritten(doc, at, s.n), prevName, prevText)
			}
			if s.n > prev {
				prev, prevName, prevText = s.n, s.name, asWritten(doc, at, s.n)
			}
		}
	}
	for _, tp := range p.Design.TicketPolicies {
		check(tp.Doc, tp.Thresholds, fmt.Sprintf("ticket policy %q", tp.Name))
		for _, c := range tp.Categories {
			check(tp.Doc, c.StaleThresholds, fmt.Sprintf("ticket policy %q, category %q", tp.Name, c.Category))
		}
	}
}

func runTicketPolicyCalendar(p *catalog.Pass) {
	for _, tp := range p.Design.TicketPolicies {
		if _, err := p.Design.BusinessCalendar(tp); err != nil {
			var ce *catalog.CalendarError
			if errors.As(err, &ce) {
				p.Reportf(tp.Doc, ce.Path, "ticket policy %q: %v", tp.Name, ce.Err)
			}
		}
	}
}

func runTicketPolicyServices(p *catalog.Pass) {
	for _, tp := range p.Design.TicketPolicies {
		for _, r := range tp.Services {
			if len(p.Design.Resolve(r, "Service")) == 0 && !unloaded(p.Design, r.Name, r.KindsAmong("Service")) {
				p.Reportf(tp.Doc, r.Path, "ticket policy %q names service %q, which the design does not have%s", tp.Name, r.Raw, suggest.DidYouMean(r.Name, p.Design.Names("Service")))
			}
		}
	}
}

func runTicketPolicyOverlap(p *catalog.Pass) {
	owner := map[string]*catalog.TicketPolicy{}
	var catchAll *catalog.TicketPolicy
	for _, tp := range p.Design.TicketPolicies {
		if len(tp.Services) == 0 {
			if catchAll != nil {
				p.Report(catalog.Diagnostic{Pos: tp.Doc.At("/metadata/name"), Path: "/metadata/name",
					Related: []catalog.Related{{Pos: catchAll.Doc.At("/metadata/name"), Message: "the policy in force"}},
					Message: fmt.Sprintf("ticket policy %q names no services, like %q loaded before it: only %q applies to the services no policy names", tp.Name, catchAll.Name, catchAll.Name)})
				continue
			}
			catchAll = tp
			continue
		}
		for _, r := range tp.Services {
			if first, ok := owner[r.Name]; ok && first != tp {
				p.Report(catalog.Diagnostic{Pos: tp.Doc.At(r.Path), Path: r.Path,
					Related: []catalog.Related{{Pos: first.Doc.At("/metadata/name"), Message: "the policy in force"}},
					Message: fmt.Sprintf("service %q is governed by ticket policy %q already; %q does not apply to it", r.Name, first.Name, tp.Name)})
				continue
			}
			owner[r.Name] = tp
		}
	}
}
