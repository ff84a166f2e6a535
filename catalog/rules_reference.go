package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/lifecycle"
)

// The kinds a reference may point at, by the field it is written in.
func ownerKinds() []string     { return []string{"Role", "Person", "Team"} }
func personKinds() []string    { return []string{"Person"} }
func objectiveKinds() []string { return []string{"Objective", "SLO"} } // an opsdesign Objective or an OpenSLO SLO

func referenceRules() []Rule {
	return []Rule{
		{
			ID:       "ref/unresolved",
			Severity: Error,
			Doc: `A reference (an owner, a role, a person, a task, a monitor, a request type, an objective) names nothing in the design. ` +
				`A dangling owner means work nobody is accountable for; the finding suggests the nearest existing name.`,
			Run: runUnresolved,
		},
		{
			ID:       "ref/ambiguous",
			Severity: Error,
			Doc:      `A bare reference matches documents of more than one kind (a Role and a Person both named "sato"). Write it as "kind:name".`,
			Run:      runAmbiguous,
		},
	}
}

// refSite is one reference written in a document: to other documents
// (kinds) or to names inside the same service (local).
type refSite struct {
	doc   *Document
	ref   Ref
	what  string
	kinds []string // for references to documents
	local []string // for references inside a service: the names defined
	scope string   // the service a local reference is resolved in
}

// eachReference calls f for every reference of every native document.
func eachReference(d *Design, f func(refSite)) {
	doc := func(on *Document, r Ref, what string, kinds ...string) {
		if !r.IsZero() {
			f(refSite{doc: on, ref: r, what: what, kinds: kinds})
		}
	}
	for _, s := range d.Services {
		local := func(r Ref, what string, names []string) {
			if !r.IsZero() {
				f(refSite{doc: s.Doc, ref: r, what: what, local: names, scope: s.Name})
			}
		}
		tasks, monitors, requests := s.taskNames(), s.monitorNames(), s.requestTypeNames()
		doc(s.Doc, s.Owner, "owner", ownerKinds()...)
		for _, o := range s.Offerings {
			for _, r := range o.Objectives {
				doc(s.Doc, r, "objective", objectiveKinds()...)
			}
			for _, r := range o.RequestTypes {
				local(r, "request type", requests)
			}
		}
		for _, rt := range s.RequestTypes {
			doc(s.Doc, rt.Owner, "owner", ownerKinds()...)
			for _, r := range rt.Objectives {
				doc(s.Doc, r, "objective", objectiveKinds()...)
			}
			local(rt.Task, "task", tasks)
		}
		for _, t := range s.Tasks {
			doc(s.Doc, t.Owner, "owner", ownerKinds()...)
			doc(s.Doc, t.Bridge, "bridge", personKinds()...)
			for _, r := range t.EscalatesTo {
				doc(s.Doc, r, "escalation target", ownerKinds()...)
			}
			local(t.Trigger.Monitor, "monitor", monitors)
			local(t.Trigger.Request, "request type", requests)
		}
		for _, m := range s.Monitors {
			local(m.Task, "task", tasks)
		}
		for _, l := range s.lifecycles() {
			for _, e := range lifecycle.Events() {
				for _, r := range l.Tasks[e] {
					local(r, "task", tasks)
				}
			}
		}
	}
	for _, pr := range d.People {
		for _, r := range pr.Roles {
			doc(pr.Doc, r, "role", "Role")
		}
		for _, r := range pr.Tasks {
			// "service/task": the service is a document, the task local to it.
			svc, task, _ := strings.Cut(r.Raw, "/")
			names := []string(nil)
			if s := d.Service(svc); s != nil {
				names = s.taskNames()
			}
			f(refSite{doc: pr.Doc, ref: Ref{Raw: r.Raw, Name: task, Path: r.Path}, what: "task", local: names, scope: svc})
		}
	}
	for _, t := range d.Teams {
		for _, r := range t.Members {
			doc(t.Doc, r, "member", personKinds()...)
		}
		doc(t.Doc, t.Lead, "lead", personKinds()...)
	}
}

func runUnresolved(p *Pass) {
	d := p.Design
	eachReference(d, func(s refSite) {
		r := s.ref
		if s.kinds == nil {
			switch {
			case s.what == "task" && s.doc.Kind == "Person" && !strings.Contains(r.Raw, "/"):
				p.Reportf(s.doc, r.Path, "task %q must be written as service/task", r.Raw)
			case s.doc.Kind == "Person" && d.Service(s.scope) == nil:
				p.Reportf(s.doc, r.Path, "service %q of task %q does not exist%s", s.scope, r.Raw, didYouMean(s.scope, d.Names("Service")))
			case !slices.Contains(s.local, r.Name):
				p.Reportf(s.doc, r.Path, "%s %q is not defined in service %q%s", s.what, r.Name, s.scope, didYouMean(r.Name, s.local))
			}
			return
		}
		kinds := d.refKinds(r, s.kinds)
		if len(kinds) == 0 {
			p.Reportf(s.doc, r.Path, "%s %q has kind %q, which cannot be used here (want %s)", s.what, r.Raw, r.Kind, strings.Join(s.kinds, ", "))
			return
		}
		if len(d.Resolve(r, s.kinds...)) > 0 {
			return
		}
		var names []string
		for _, k := range kinds {
			names = append(names, d.Names(k)...)
		}
		p.Reportf(s.doc, r.Path, "%s %q does not exist (no %s of that name)%s", s.what, r.Raw, strings.Join(kinds, " or "), didYouMean(r.Name, names))
	})
}

func runAmbiguous(p *Pass) {
	eachReference(p.Design, func(s refSite) {
		if s.kinds == nil || s.ref.Kind != "" {
			return
		}
		found := p.Design.Resolve(s.ref, s.kinds...)
		if len(found) < 2 {
			return
		}
		var rel []Related
		for _, f := range found {
			rel = append(rel, Related{Pos: f.At("/metadata/name"), Message: f.Ref()})
		}
		p.Report(Diagnostic{Pos: s.doc.At(s.ref.Path), Path: s.ref.Path, Related: rel,
			Message: fmt.Sprintf("%s %q is ambiguous: write %s", s.what, s.ref.Raw, refList(found))})
	})
}

func refList(docs []*Document) string {
	parts := make([]string, len(docs))
	for i, d := range docs {
		parts[i] = fmt.Sprintf("%q", strings.ToLower(d.Kind)+":"+d.Name)
	}
	return strings.Join(parts, " or ")
}

func (s *Service) taskNames() []string {
	out := make([]string, len(s.Tasks))
	for i, t := range s.Tasks {
		out[i] = t.Name
	}
	return out
}

func (s *Service) monitorNames() []string {
	out := make([]string, len(s.Monitors))
	for i, m := range s.Monitors {
		out[i] = m.Name
	}
	return out
}

func (s *Service) requestTypeNames() []string {
	out := make([]string, len(s.RequestTypes))
	for i, r := range s.RequestTypes {
		out[i] = r.Name
	}
	return out
}

// lifecycles returns the service's own lifecycle and its subjects'.
func (s *Service) lifecycles() []Lifecycle {
	out := []Lifecycle{s.Lifecycle}
	for _, sub := range s.Subjects {
		out = append(out, sub.Lifecycle)
	}
	return out
}
