package rules

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/lifecycle"
)

// lifecycleRules check that every service designs every lifecycle event,
// for itself and for each subject it declares, with every decision settled
// or explicitly not applicable. One rule per kind of gap, so each can be
// graded on its own; each reports one diagnostic per gap.
func lifecycleRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "lifecycle/missing-event",
			Severity: catalog.Error,
			Doc: ruleDoc(`A service, or a system, data set, equipment or authority it declares, does not design one of the five lifecycle events (new, use, change, suspend, retire). `+
				`A service designed only for its happy days is left without a plan when members leave or the programme closes. `+
				`Write the event, or "notApplicable: <reason>". An event written with nothing in it (null or {}) is reported at its key, once; `+
				`an event never written at the lifecycle (or at the spec or subject, when there is no lifecycle at all), with the missing event's JSON pointer.`, `
lifecycle:        # no retire event
  new: {issuance: At the counter., inquiries: The leaflet., naming: A member ID.}
  suspend: {}     # written, but designs nothing
`),
			Run: lifecycleGaps(lifecycle.MissingEvent),
		},
		{
			ID:       "lifecycle/open-decision",
			Severity: catalog.Error,
			Doc: ruleDoc(`A lifecycle event leaves one of its decisions open: what happens to permissions and whether deletion is logical or physical at suspension, `+
				`whether personal data is kept at retirement, and so on. These are the questions nobody asks until a customer does. `+
				`A decision written empty ("" or null) is reported at its key, one never written at its event. A placeholder such as TBD is design/placeholder.`, `
suspend:          # deletion is never written
  triggers: Expiry or the member's request.
  permissions: ""  # written, but empty
`),
			Run: lifecycleGaps(lifecycle.OpenDecision),
		},
		{
			ID:       "lifecycle/missing-reason",
			Severity: catalog.Error,
			Doc: ruleDoc(`An event or decision marked not applicable without saying why. "Not applicable" is an answer only with its reason, so a reviewer can judge it. `+
				`Reported at the notApplicable key, whether its value is empty, null or true. A placeholder reason such as "-" is design/placeholder.`, `
change:
  notApplicable: true
retire:
  personalData: {notApplicable: ""}
`),
			Run: lifecycleGaps(lifecycle.MissingReason),
		},
	}
}

func lifecycleGaps(kind lifecycle.GapKind) func(*catalog.Pass) {
	return func(p *catalog.Pass) {
		for _, s := range p.Design.Services {
			for _, l := range s.Lifecycles() {
				for _, g := range l.Plan.Gaps() {
					if g.Kind == kind {
						reportGap(p, s, l, g)
					}
				}
			}
		}
	}
}

func reportGap(p *catalog.Pass, s *catalog.Service, l catalog.Lifecycle, g lifecycle.Gap) {
	who := fmt.Sprintf("service %q", s.Name)
	if g.Subject != lifecycle.Service || g.Name != "" {
		who = fmt.Sprintf("%s %q of service %q", g.Subject, g.Name, s.Name)
	}
	event := fmt.Sprintf("%s (%s)", g.Event, g.Event.Japanese())
	switch g.Kind {
	case lifecycle.MissingEvent:
		p.Reportf(s.Doc, l.EventPath(g.Event), "%s does not design its %s event; write it or mark it notApplicable with a reason", who, event)
	case lifecycle.OpenDecision:
		p.Reportf(s.Doc, l.DecisionPath(g.Decision), "%s leaves %s open: %s", who, g.Decision, g.Decision.Doc())
	case lifecycle.MissingReason:
		at, what := l.EventPath(g.Event)+"/notApplicable", "its "+event+" event"
		if g.Decision.IsValid() {
			at, what = l.DecisionPath(g.Decision)+"/notApplicable", g.Decision.String()
		}
		p.Reportf(s.Doc, at, "%s marks %s not applicable without a reason", who, what)
	}
}
