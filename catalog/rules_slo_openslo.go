package catalog

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/opsdesign/opsdesign/internal/suggest"
)

// openSLORules are the rules about OpenSLO v1 documents beyond their
// schemas: references across documents and files, and where the OpenSLO
// specification and its go-sdk disagree.
func openSLORules() []Rule {
	return []Rule{
		{
			ID:       "openslo/unresolved-ref",
			Severity: Error,
			Doc: ruleDoc(`An OpenSLO reference names no document of its kind in the design: an SLO's indicatorRef (SLI) or alertPolicyRef (AlertPolicy), `+
				`a policy's conditionRef (AlertCondition) or targetRef (AlertNotificationTarget), or a metric source's metricSourceRef (DataSource) written without a type, which must then come from the DataSource. `+
				`OpenSLO tools fail on such a file; references are resolved across all the files loaded.`, `
spec:
  indicatorRef: search-latncy   # the SLI is search-latency
`),
			Run: runOpenSLOUnresolved,
		},
		{
			ID:       "openslo/ambiguous-ref",
			Severity: Error,
			Doc: ruleDoc(`An OpenSLO reference names a document defined more than once, with different contents. `+
				`OpenSLO does not require names to be unique, so duplicates are fine until something refers to them; then which one is meant depends on the tool. Rename one.`, `
conditions:
  - conditionRef: burn-fast   # two AlertConditions burn-fast differ
`),
			Run: runOpenSLOAmbiguous,
		},
		{
			ID:       ruleSpecSDK,
			Severity: Warning,
			Doc: ruleDoc(`A point where the OpenSLO specification and its go-sdk (which oslo validate uses) disagree, so the document is valid for one and rejected by the other. `+
				`The specification's own examples set op on objectives of a ratioMetric SLO (the go-sdk forbids it), write AlertConditions without op (the go-sdk requires it), use names with capitals (the go-sdk wants RFC 1123 labels), `+
				`and allow a timeSliceWindow in plain minutes, a displayName longer than 63 characters or an SLO without timeWindow (the go-sdk does not); the go-sdk accepts composite SLOs the v1 specification does not define. `+
				`Write what both accept to be portable.`, `
objectives:
  - op: gt          # a ratioMetric SLO: the go-sdk rejects op
    target: 0.99
`),
		},
		{
			ID:       "openslo/unknown-service",
			Severity: Warning,
			Doc: ruleDoc(`An SLO's service names no Service (OpenSLO or opsdesign) while one with a nearly identical name exists: a typo that detaches the SLO from its service. `+
				`The specification lets an SLO name a service that has no Service document, so a name nothing resembles is not reported.`, `
spec:
  service: web-shpo   # the Service is web-shop
`),
			Run: runOpenSLOUnknownService,
		},
		{
			ID:       "openslo/datasource-type-mismatch",
			Severity: Warning,
			Doc: ruleDoc(`A metric source names a DataSource (metricSourceRef) and a type that is not the DataSource's type. `+
				`The query is written for one system and sent to another.`, `
metricSource:
  metricSourceRef: prometheus   # a DataSource of type Prometheus
  type: Datadog
`),
			Run: runOpenSLOTypeMismatch,
		},
	}
}

// openSLORef is one reference written in an OpenSLO object.
type openSLORef struct {
	doc  *Document
	ref  Ref
	kind string        // the kind it names
	from string        // what refers, for messages: `SLO "x"`
	src  *MetricSource // for metricSourceRef
}

// eachOpenSLORef calls f for every reference of every OpenSLO object.
func eachOpenSLORef(d *Design, f func(openSLORef)) {
	refTo := func(doc *Document, r Ref, kind, from string) {
		if r.Name != "" {
			f(openSLORef{doc: doc, ref: r, kind: kind, from: from})
		}
	}
	sli := func(s *SLI, from string) {
		_, sources := s.Sources()
		for _, m := range sources {
			if m.Ref.Name != "" {
				f(openSLORef{doc: s.Doc, ref: m.Ref, kind: "DataSource", from: from, src: m})
			}
		}
	}
	policy := func(a *AlertPolicy, from string) {
		for _, c := range a.Conditions {
			refTo(a.Doc, c.Ref, "AlertCondition", from)
		}
		for _, t := range a.NotificationTargets {
			refTo(a.Doc, t.Ref, "AlertNotificationTarget", from)
		}
	}
	o := &d.OpenSLO
	for _, s := range o.SLOs {
		from := fmt.Sprintf("SLO %q", s.Name)
		refTo(s.Doc, s.IndicatorRef, "SLI", from)
		if s.Indicator != nil {
			sli(s.Indicator, from)
		}
		for _, so := range s.objectives {
			refTo(s.Doc, so.indicatorRef, "SLI", from)
			if so.indicator != nil {
				sli(so.indicator, from)
			}
		}
		for _, l := range s.AlertPolicies {
			refTo(s.Doc, l.Ref, "AlertPolicy", from)
			if l.Inline != nil {
				policy(l.Inline, from)
			}
		}
	}
	for _, s := range o.SLIs {
		sli(s, fmt.Sprintf("SLI %q", s.Name))
	}
	for _, a := range o.AlertPolicies {
		policy(a, fmt.Sprintf("AlertPolicy %q", a.Name))
	}
}

// openSLONamed returns the OpenSLO documents of the kind with the name.
func openSLONamed(d *Design, kind, name string) []*Document {
	var out []*Document
	for _, doc := range d.Named(kind, name) {
		if doc.IsOpenSLO() {
			out = append(out, doc)
		}
	}
	return out
}

// openSLONames returns the names of the OpenSLO documents of a kind.
func openSLONames(d *Design, kind string) []string {
	var out []string
	for _, n := range d.Names(kind) {
		if len(openSLONamed(d, kind, n)) > 0 {
			out = append(out, n)
		}
	}
	return out
}

func runOpenSLOUnresolved(p *Pass) {
	d := p.Design
	eachOpenSLORef(d, func(r openSLORef) {
		if len(openSLONamed(d, r.kind, r.ref.Name)) > 0 {
			return
		}
		if r.src != nil && r.src.Type != "" {
			// With a type, the source is described in place and the
			// reference only says where its connection comes from.
			return
		}
		p.Reportf(r.doc, r.ref.Path, "%s refers to %s %q, which no document defines%s", r.from, r.kind, r.ref.Name,
			didYouMean(r.ref.Name, openSLONames(d, r.kind)))
	})
}

func runOpenSLOAmbiguous(p *Pass) {
	d := p.Design
	eachOpenSLORef(d, func(r openSLORef) {
		docs := openSLONamed(d, r.kind, r.ref.Name)
		if len(docs) < 2 {
			return
		}
		same := true
		for _, o := range docs[1:] {
			if !reflect.DeepEqual(sub(asObj(o.Value), "spec"), sub(asObj(docs[0].Value), "spec")) {
				same = false
			}
		}
		if same {
			return
		}
		var rel []Related
		for _, o := range docs {
			rel = append(rel, Related{Pos: o.At("/metadata/name"), Message: fmt.Sprintf("%s %q is defined here", r.kind, r.ref.Name)})
		}
		p.Report(Diagnostic{Pos: r.doc.At(r.ref.Path), Path: r.ref.Path, Related: rel,
			Message: fmt.Sprintf("%s refers to %s %q, which is defined %d times with different contents: rename one", r.from, r.kind, r.ref.Name, len(docs))})
	})
}

func runOpenSLOUnknownService(p *Pass) {
	d := p.Design
	names := d.Names("Service")
	for _, s := range d.OpenSLO.SLOs {
		name := s.Service.Name
		if name == "" || len(d.Named("Service", name)) > 0 {
			continue
		}
		if near := suggest.Closest(name, names); near != "" {
			p.Reportf(s.Doc, s.Service.Path, "SLO %q names service %q, which no Service defines; did you mean %q?", s.Name, name, near)
		}
	}
}

func runOpenSLOTypeMismatch(p *Pass) {
	d := p.Design
	eachOpenSLORef(d, func(r openSLORef) {
		if r.src == nil || r.src.Type == "" {
			return
		}
		for _, ds := range d.OpenSLO.DataSources {
			if ds.Name == r.ref.Name && ds.Type != "" && !strings.EqualFold(ds.Type, r.src.Type) {
				p.Report(Diagnostic{Pos: r.doc.At(r.src.Path + "/type"), Path: r.src.Path + "/type",
					Related: []Related{{Pos: ds.Doc.At("/spec/type"), Message: fmt.Sprintf("DataSource %q has type %s", ds.Name, ds.Type)}},
					Message: fmt.Sprintf("%s reads DataSource %q as type %s, but the DataSource is of type %s", r.from, ds.Name, r.src.Type, ds.Type)})
				return
			}
		}
	})
}
