package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/suggest"
	"github.com/opsdesign/opsdesign/lifecycle"
)

// refRules check that every reference names something, and names one
// thing.
func refRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "ref/unresolved",
			Severity: catalog.Error,
			Doc: `A reference (an owner, a role, a person, a task, a monitor, a request type, an objective) names nothing in the design. ` +
				`A dangling owner means work nobody is accountable for; the finding suggests the nearest existing name.`,
			Run: runUnresolved,
		},
		{
			ID:       "ref/ambiguous",
			Severity: catalog.Error,
			Doc:      `A bare reference matches documents of more than one kind (a Role and a Person both named "sato"). Write it as "kind:name".`,
			Run:      runAmbiguous,
		},
	}
}

// refSite is one reference written in a document: to other documents
// (kinds) or to names inside the same service (local).
type refSite struct {
	doc   *catalog.Document
	ref   catalog.Ref
	what  string
	kinds []string // for references to documents
	local []string // for references inside a service: the names defined
	scope string   // the service a local reference is resolved in
}

// eachReference calls f for every reference of every native document.
func eachReference(d *catalog.Design, f func(refSite)) {
	doc := func(on *catalog.Document, r catalog.Ref, what string, kinds ...string) {
		if !r.IsZero() {
			f(refSite{doc: on, ref: r, what: what, kinds: kinds})
		}
	}
	for _, s := range d.Services {
		local := func(r catalog.Ref, what string, names []string) {
			if !r.IsZero() {
				f(refSite{doc: s.Doc, ref: r, what: what, local: names, scope: s.Name})
			}
		}
		tasks, monitors, requests := taskNames(s), monitorNames(s), requestTypeNames(s)
		doc(s.Doc, s.Owner, "owner", catalog.OwnerKinds()...)
		for _, o := range s.Offerings {
			for _, r := range o.Objectives {
				doc(s.Doc, r, "objective", catalog.ObjectiveKinds()...)
			}
			for _, r := range o.RequestTypes {
				local(r, "request type", requests)
			}
		}
		for _, rt := range s.RequestTypes {
			doc(s.Doc, rt.Owner, "owner", catalog.OwnerKinds()...)
			for _, r := range rt.Objectives {
				doc(s.Doc, r, "objective", catalog.ObjectiveKinds()...)
			}
			local(rt.Task, "task", tasks)
		}
		for _, t := range s.Tasks {
			doc(s.Doc, t.Owner, "owner", catalog.OwnerKinds()...)
			doc(s.Doc, t.Bridge, "bridge", "Person")
			for _, r := range t.EscalatesTo {
				doc(s.Doc, r, "escalation target", catalog.OwnerKinds()...)
			}
			local(t.Trigger.Monitor, "monitor", monitors)
			local(t.Trigger.Request, "request type", requests)
		}
		for _, m := range s.Monitors {
			local(m.Task, "task", tasks)
		}
		for _, l := range s.Lifecycles() {
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
				names = taskNames(s)
			}
			f(refSite{doc: pr.Doc, ref: catalog.Ref{Raw: r.Raw, Name: task, Path: r.Path}, what: "task", local: names, scope: svc})
		}
	}
	for _, t := range d.Teams {
		for _, r := range t.Members {
			doc(t.Doc, r, "member", "Person")
		}
		doc(t.Doc, t.Lead, "lead", "Person")
	}
}

func runUnresolved(p *catalog.Pass) {
	d := p.Design
	eachReference(d, func(s refSite) {
		r := s.ref
		if s.kinds == nil {
			switch {
			case s.what == "task" && s.doc.Kind == "Person" && !strings.Contains(r.Raw, "/"):
				p.Reportf(s.doc, r.Path, "task %q must be written as service/task", r.Raw)
			case s.doc.Kind == "Person" && d.Service(s.scope) == nil:
				if _, unread := d.Unloaded("Service", s.scope); unread {
					return // its tasks are unknown until its syntax error is fixed
				}
				p.Reportf(s.doc, r.Path, "service %q of task %q does not exist%s", s.scope, r.Raw, suggest.DidYouMean(s.scope, d.Names("Service")))
			case !slices.Contains(s.local, r.Name):
				p.Reportf(s.doc, r.Path, "%s %q is not defined in service %q%s", s.what, r.Name, s.scope, suggest.DidYouMean(r.Name, s.local))
			}
			return
		}
		if _, ok := catalog.BackstageTarget(r, s.kinds...); ok {
			return // a Backstage Group or User: backstage/unresolved-ref
		}
		kinds := r.KindsAmong(s.kinds...)
		if len(kinds) == 0 {
			p.Reportf(s.doc, r.Path, "%s %q has kind %q, which cannot be used here (want %s)", s.what, r.Raw, r.Kind, strings.Join(s.kinds, ", "))
			return
		}
		if len(d.Resolve(r, s.kinds...)) > 0 || unloaded(d, r.Name, kinds) {
			return
		}
		var names []string
		for _, k := range kinds {
			names = append(names, d.Names(k)...)
		}
		p.Reportf(s.doc, r.Path, "%s %q does not exist (no %s of that name)%s", s.what, r.Raw, strings.Join(kinds, " or "), suggest.DidYouMean(r.Name, names))
	})
}

func runAmbiguous(p *catalog.Pass) {
	eachReference(p.Design, func(s refSite) {
		if s.kinds == nil || s.ref.Kind != "" {
			return
		}
		found := p.Design.Resolve(s.ref, s.kinds...)
		if len(found) < 2 {
			return
		}
		var rel []catalog.Related
		for _, f := range found {
			rel = append(rel, catalog.Related{Pos: f.At("/metadata/name"), Message: f.Ref()})
		}
		p.Report(catalog.Diagnostic{Pos: s.doc.At(s.ref.Path), Path: s.ref.Path, Related: rel,
			Message: fmt.Sprintf("%s %q is ambiguous: write %s", s.what, s.ref.Raw, refList(found))})
	})
}

// unloaded reports whether the name is that of a document of one of the
// kinds that is in the design's files but could not be read: a reference
// to it is unchecked, not wrong.
func unloaded(d *catalog.Design, name string, kinds []string) bool {
	for _, k := range kinds {
		if _, ok := d.Unloaded(k, name); ok {
			return true
		}
	}
	return false
}

func refList(docs []*catalog.Document) string {
	parts := make([]string, len(docs))
	for i, d := range docs {
		parts[i] = fmt.Sprintf("%q", strings.ToLower(d.Kind)+":"+d.Name)
	}
	return strings.Join(parts, " or ")
}

func taskNames(s *catalog.Service) []string {
	out := make([]string, len(s.Tasks))
	for i, t := range s.Tasks {
		out[i] = t.Name
	}
	return out
}

func monitorNames(s *catalog.Service) []string {
	out := make([]string, len(s.Monitors))
	for i, m := range s.Monitors {
		out[i] = m.Name
	}
	return out
}

func requestTypeNames(s *catalog.Service) []string {
	out := make([]string, len(s.RequestTypes))
	for i, r := range s.RequestTypes {
		out[i] = r.Name
	}
	return out
}
