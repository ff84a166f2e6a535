package rules

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// openSLORules are the rules about OpenSLO documents, of every version,
// beyond their schemas: references across documents and files, which
// resolve within a version (an SLO's service may name a Service of any). Where the OpenSLO
// specification and its go-sdk disagree is reported while loading
// (openslo/spec-sdk-disagreement, one of catalog.LoaderRules).
func openSLORules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "openslo/unresolved-ref",
			Severity: catalog.Error,
			Doc: ruleDoc(`An OpenSLO reference names no document of its kind in the design: an SLO's indicatorRef (SLI; sliRef in v2alpha) or alertPolicyRef (AlertPolicy), `+
				`a policy's conditionRef (AlertCondition) or targetRef (AlertNotificationTarget), or a metric source's metricSourceRef (DataSource; dataSourceRef in v2alpha) written without a type, which must then come from the DataSource. `+
				`OpenSLO tools fail on such a file; references are resolved across all the files loaded, within the referring document's version (an openslo/v1 SLO cannot read an openslo.com/v2alpha SLI).`, `
spec:
  indicatorRef: search-latncy   # the SLI is search-latency
`),
			Run: runOpenSLOUnresolved,
		},
		{
			ID:       "openslo/ambiguous-ref",
			Severity: catalog.Error,
			Doc: ruleDoc(`An OpenSLO reference names a document defined more than once, with different contents. `+
				`OpenSLO does not require names to be unique, so duplicates are fine until something refers to them; then which one is meant depends on the tool. Rename one.`, `
conditions:
  - conditionRef: burn-fast   # two AlertConditions burn-fast differ
`),
			Run: runOpenSLOAmbiguous,
		},
		{
			ID:       "openslo/unknown-service",
			Severity: catalog.Warning,
			Doc: ruleDoc(`An SLO's service names no Service (OpenSLO or opsdesign) while one with a nearly identical name exists: a typo that detaches the SLO from its service. `+
				`The specification lets an SLO name a service that has no Service document, so a name nothing resembles is not reported.`, `
spec:
  service: web-shpo   # the Service is web-shop
`),
			Run: runOpenSLOUnknownService,
		},
		{
			ID:       "openslo/datasource-type-mismatch",
			Severity: catalog.Warning,
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
	doc  *catalog.Document
	ref  catalog.Ref
	kind string                // the kind it names
	from string                // what refers, for messages: `SLO "x"`
	src  *catalog.MetricSource // for metricSourceRef
}

// eachOpenSLORef calls f for every reference of every OpenSLO object.
func eachOpenSLORef(d *catalog.Design, f func(openSLORef)) {
	refTo := func(doc *catalog.Document, r catalog.Ref, kind, from string) {
		if r.Name != "" {
			f(openSLORef{doc: doc, ref: r, kind: kind, from: from})
		}
	}
	sli := func(s *catalog.SLI, from string) {
		_, sources := s.Sources()
		for _, m := range sources {
			if m.Ref.Name != "" {
				f(openSLORef{doc: s.Doc, ref: m.Ref, kind: "DataSource", from: from, src: m})
			}
		}
	}
	policy := func(a *catalog.AlertPolicy, from string) {
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
		for _, in := range s.ObjectiveIndicators {
			refTo(s.Doc, in.Ref, "SLI", from)
			if in.Inline != nil {
				sli(in.Inline, from)
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

// openSLONamed returns the OpenSLO documents of the version and kind with
// the name: references resolve within a version.
func openSLONamed(d *catalog.Design, version, kind, name string) []*catalog.Document {
	return slices.DeleteFunc(slices.Clone(d.Named(kind, name)), func(doc *catalog.Document) bool { return doc.APIVersion != version })
}

// openSLONames returns the names of the OpenSLO documents of a version
// and kind.
func openSLONames(d *catalog.Design, version, kind string) []string {
	var out []string
	for _, n := range d.Names(kind) {
		if len(openSLONamed(d, version, kind, n)) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// otherVersions says which other OpenSLO versions define an object of the
// kind and name a reference of the version looked for in vain.
func otherVersions(d *catalog.Design, version, kind, name string) string {
	var in []string
	for _, doc := range d.Named(kind, name) {
		if doc.IsOpenSLO() && doc.APIVersion != version && !slices.Contains(in, doc.APIVersion) {
			in = append(in, doc.APIVersion)
		}
	}
	if len(in) == 0 {
		return ""
	}
	return fmt.Sprintf(" (only %s defines %s %q: references do not cross versions)", strings.Join(in, " and "), kind, name)
}

func runOpenSLOUnresolved(p *catalog.Pass) {
	d := p.Design
	eachOpenSLORef(d, func(r openSLORef) {
		version := r.doc.APIVersion
		if len(openSLONamed(d, version, r.kind, r.ref.Name)) > 0 || unloaded(d, r.ref.Name, []string{r.kind}) {
			return
		}
		if r.src != nil && r.src.Type != "" {
			// With a type, the source is described in place and the
			// reference only says where its connection comes from.
			return
		}
		p.Reportf(r.doc, r.ref.Path, "%s refers to %s %q, which no %s document defines%s%s", r.from, r.kind, r.ref.Name, version,
			otherVersions(d, version, r.kind, r.ref.Name), suggest.DidYouMean(r.ref.Name, openSLONames(d, version, r.kind)))
	})
}

func runOpenSLOAmbiguous(p *catalog.Pass) {
	d := p.Design
	eachOpenSLORef(d, func(r openSLORef) {
		docs := openSLONamed(d, r.doc.APIVersion, r.kind, r.ref.Name)
		if len(docs) < 2 {
			return
		}
		same := true
		for _, o := range docs[1:] {
			if !reflect.DeepEqual(specOf(o), specOf(docs[0])) {
				same = false
			}
		}
		if same {
			return
		}
		var rel []catalog.Related
		for _, o := range docs {
			rel = append(rel, catalog.Related{Pos: o.At("/metadata/name"), Message: fmt.Sprintf("%s %q is defined here", r.kind, r.ref.Name)})
		}
		p.Report(catalog.Diagnostic{Pos: r.doc.At(r.ref.Path), Path: r.ref.Path, Related: rel,
			Message: fmt.Sprintf("%s refers to %s %q, which is defined %d times with different contents: rename one", r.from, r.kind, r.ref.Name, len(docs))})
	})
}

// specOf returns a document's spec mapping, or nil when it has none.
func specOf(doc *catalog.Document) map[string]any {
	spec, _ := doc.Lookup("/spec")
	m, _ := spec.(map[string]any)
	return m
}

func runOpenSLOUnknownService(p *catalog.Pass) {
	d := p.Design
	names := d.Names("Service")
	for _, s := range d.OpenSLO.SLOs {
		name := s.Service.Name
		if name == "" || len(d.Named("Service", name)) > 0 || unloaded(d, name, []string{"Service"}) {
			continue
		}
		if near := suggest.Closest(name, names); near != "" {
			p.Reportf(s.Doc, s.Service.Path, "SLO %q names service %q, which no Service defines; did you mean %q?", s.Name, name, near)
		}
	}
}

func runOpenSLOTypeMismatch(p *catalog.Pass) {
	d := p.Design
	eachOpenSLORef(d, func(r openSLORef) {
		if r.src == nil || r.src.Type == "" {
			return
		}
		for _, ds := range d.OpenSLO.DataSources {
			if ds.Name == r.ref.Name && ds.Doc.APIVersion == r.doc.APIVersion && ds.Type != "" && !strings.EqualFold(ds.Type, r.src.Type) {
				p.Report(catalog.Diagnostic{Pos: r.doc.At(r.src.Path + "/type"), Path: r.src.Path + "/type",
					Related: []catalog.Related{{Pos: ds.Doc.At("/spec/type"), Message: fmt.Sprintf("DataSource %q has type %s", ds.Name, ds.Type)}},
					Message: fmt.Sprintf("%s reads DataSource %q as type %s, but the DataSource is of type %s", r.from, ds.Name, r.src.Type, ds.Type)})
				return
			}
		}
	})
}
