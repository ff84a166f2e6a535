package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/backstage"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// backstageRules check Backstage catalog entities by Backstage's descriptor
// format (package catalog/backstage), resolve their references across
// files, and link them to the operations design: owners and people may be
// Backstage entities, a Service names its Component, and Settings may ask
// that what runs has a design.
func backstageRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "backstage/schema",
			Severity: catalog.Error,
			Doc: ruleDoc(`A Backstage entity lacks a member its kind requires, or has one of the wrong type, or is written with an apiVersion that does not define its kind. `+
				`Backstage's catalog rejects such an entity and shows nothing of it. The kinds and their required members are those of the descriptor format: `+
				`a Component needs type, lifecycle and owner; an API also a definition; a Resource type and owner; a System and a Domain an owner; `+
				`a Group type and children; a User memberOf; a Template (scaffolder.backstage.io/v1beta3) type and steps. `+
				`A substitution such as {$text: ./openapi.yaml} stands for any value, as the catalog reads it before it validates.`, `
kind: Component
metadata:
  name: refunds
spec:              # missing required key "owner"
  type: service
  lifecycle: production
`),
			Run: runBackstageProblems(backstage.PartSchema),
		},
		{
			ID:       "backstage/unknown-kind",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A Backstage entity's kind is not one of those Backstage's catalog model documents (Component, API, Resource, System, Domain, Group, User, Location, Template, Environment). `+
				`Its envelope and metadata are checked, its spec is not; a catalog without a processor for the kind rejects it. Kinds are written as documented, so "component" is reported too.`, `
apiVersion: backstage.io/v1alpha1
kind: Service      # not a Backstage kind
`),
			Run: runBackstageProblems(backstage.PartKind),
		},
		{
			ID:       "backstage/name",
			Severity: catalog.Error,
			Doc: ruleDoc(`A Backstage entity's name or namespace breaks Backstage's format. `+
				`A name is 1 to 63 letters, digits and '-', '_' or '.' between them; a namespace 1 to 63 lower-case letters and digits with single '-' between them. `+
				`Backstage's catalog rejects the entity. Reported at the value.`, `
metadata:
  name: invalid component   # a space is not allowed
`),
			Run: runBackstageProblems(backstage.PartName, backstage.PartNamespace),
		},
		{
			ID:       "backstage/metadata",
			Severity: catalog.Error,
			Doc: ruleDoc(`A label, annotation, tag or link of a Backstage entity breaks Backstage's format for it. `+
				`Label and annotation keys are an optional lower-case domain prefix and '/' then a name; label values are names or empty; `+
				`tags are lower-case letters, digits, ':', '+' and '#' with single '-' between them; link urls are absolute. `+
				`The well-known annotations whose values have a documented form (github.com/project-slug, backstage.io/techdocs-ref, backstage.io/source-location and others) are checked too. `+
				`Backstage's catalog rejects the entity.`, `
metadata:
  tags:
    - go 1.15.3     # a space is not allowed
`),
			Run: runBackstageProblems(backstage.PartLabel, backstage.PartAnnotation, backstage.PartTag, backstage.PartLink),
		},
		{
			ID:       "backstage/deprecated-annotation",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A Backstage entity uses an annotation the well-known annotations list as deprecated; the message says what to write instead.`, `
metadata:
  annotations:
    backstage.io/github-actions-id: example/support   # write github.com/project-slug
`),
			Run: runBackstageProblems(backstage.PartDeprecation),
		},
		{
			ID:       "backstage/duplicate",
			Severity: catalog.Error,
			Doc: ruleDoc(`Two Backstage entities have the same identity, kind:namespace/name, compared without regard to case as Backstage compares them. `+
				`The catalog keeps one and reports a conflict for the other. Entities of the same name in two namespaces are two entities, and Backstage names never clash with opsdesign's. Every place is reported, each pointing at the others.`, `
kind: Resource
metadata:
  name: orders-archive
---
kind: Resource
metadata:
  name: Orders-Archive   # the same entity as resource:default/orders-archive
`),
			Run: runBackstageDuplicates,
		},
		{
			ID:       "backstage/bad-ref",
			Severity: catalog.Error,
			Doc: ruleDoc(`An entity reference cannot be read, or names a kind its field does not take. `+
				`References are [kind:][namespace/]name; a field's default kind is taken when the kind is left out (owner: Group, system: System, providesApis: API, memberOf: Group ...), `+
				`but dependsOn and dependencyOf take Components and Resources alike and need the kind written. `+
				`Applies to the references of Backstage entities, to a Service's spec.component (a Component) and to opsdesign owners and people written as Backstage references (group: for a Team, user: for a Person).`, `
spec:
  owner: component:checkout   # an owner is a Group or a User
  dependsOn:
    - orders-db               # write resource:orders-db
`),
			Run: runBackstageBadRefs,
		},
		{
			ID:       "backstage/unresolved-ref",
			Severity: catalog.Info,
			Doc: ruleDoc(`An entity reference names no entity of the files read, after Backstage's defaulting of kind and namespace (the namespace of the entity that writes it, "default" for an opsdesign document); the message suggests the nearest entity of the kind. `+
				`Backstage accepts a reference to an entity it does not hold, and many repositories keep only part of the catalog (users and groups come from the organisation's directory), so this is information by default; `+
				`a repository that holds its whole catalog raises it to error in its configuration. References from opsdesign documents (owners, team members, a Service's component) are reported here too, not as ref/unresolved.`, `
spec:
  system: shopp   # names system:default/shopp; did you mean "system:default/shop"?
`),
			Run: runBackstageUnresolved,
		},
		{
			ID:       "backstage/location-target",
			Severity: catalog.Info,
			Doc: ruleDoc(`A Backstage Location names a file, or a glob pattern, that matches none of the files read. `+
				`A relative target is read against the directory of the Location's file, as Backstage reads it; * and ? match within a path element and ** across elements. `+
				`Either the file is missing, and the catalog will report it (unless the Location's presence is optional), or it was left out of the lint, and Backstage will read a file no one checked. `+
				`Information by default, as for backstage/unresolved-ref, since many repositories lint only part of what their Locations name; `+
				`a repository whose Locations name only its own files raises it to error in its configuration.`, `
kind: Location
spec:
  targets:
    - ./components/checkout.yaml   # no such file was read
`),
			Run: runLocationTargets,
		},
		{
			ID:       "backstage/location-not-followed",
			Severity: catalog.Info,
			Doc: ruleDoc(`A Backstage Location names a URL or an absolute path, which opsdesign does not follow: the entities Backstage reads from there are not checked here. `+
				`Said so that what a lint leaves out is known; lint those files where they live, or turn this rule off where that is the plan.`, `
kind: Location
spec:
  target: https://github.com/example/platform/blob/main/catalog-info.yaml
`),
			Run: runLocationNotFollowed,
		},
		{
			ID:       "backstage/disagree",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A Service and the Backstage Component it names in spec.component disagree on owner or on lifecycle state. `+
				`The owners agree when both name the same Backstage entity, or the Service's Team or Person has the name of the Component's Group or User. `+
				`The states agree as production with active (or suspended), experimental with planned, and deprecated with retired (or suspended); a lifecycle of the team's own is not compared. `+
				`Two sources that disagree on who owns a service or whether it runs leave on-call and the catalog's readers guessing.`, `
spec:
  state: planned          # the Component is in production
  owner: team:growth      # the Component's owner is group:default/payments
  component: loyalty
`),
			Run: runBackstageDisagree,
		},
		{
			ID:       "backstage/no-design",
			Severity: catalog.Error,
			Doc: ruleDoc(`A Backstage Component that runs has no complete operations design: no Service names it in spec.component, or the Service that does leaves lifecycle gaps (the lifecycle/ rules say which). `+
				`Checked only when Settings spec.backstage.requireDesign asks for it, for the Components of its lifecycles (production unless set) and types (all unless set). `+
				`This is what no Backstage validator checks: that what runs has an operations design.`, `
# Settings: spec: {backstage: {requireDesign: {lifecycles: [production], types: [service]}}}
kind: Component
metadata:
  name: ledger     # production service, and no Service says "component: ledger"
`),
			Run: runBackstageNoDesign,
		},
	}
}

// runBackstageProblems reports the problems of the given parts that
// loading found in every Backstage entity of the design, each at its
// value (or its key).
func runBackstageProblems(parts ...string) func(*catalog.Pass) {
	return func(p *catalog.Pass) {
		for _, e := range p.Design.Backstage {
			for _, pr := range e.Problems {
				switch {
				case !slices.Contains(parts, pr.Part):
				case pr.Key:
					p.ReportKeyf(e.Doc, pr.Path, "%s", pr.Message)
				default:
					p.Reportf(e.Doc, pr.Path, "%s", pr.Message)
				}
			}
		}
	}
}

func runBackstageDuplicates(p *catalog.Pass) {
	for _, e := range p.Design.Backstage {
		same := p.Design.BackstageEntities(e.Ref())
		if len(same) < 2 {
			continue
		}
		var rel []catalog.Related
		for _, o := range same {
			if o != e {
				rel = append(rel, catalog.Related{Pos: o.Doc.At("/metadata/name"), Message: "also defined here"})
			}
		}
		p.Report(catalog.Diagnostic{Pos: e.Doc.At("/metadata/name"), Path: "/metadata/name", Related: rel,
			Message: fmt.Sprintf("%s is defined %d times (Backstage compares kind, namespace and name without regard to case)", e.Ref(), len(same))})
	}
}

// backstageRef is one entity reference to resolve: from a Backstage
// entity's spec or from an opsdesign document.
type backstageRef struct {
	doc    *catalog.Document
	path   string
	what   string // the field: "owner", "dependsOn", "component"
	raw    string
	target backstage.Ref
	err    error    // the reference cannot be read
	kinds  []string // the kinds the field takes
}

// eachBackstageRef calls f for every entity reference of the design:
// those of Backstage entities' specs, opsdesign owners and people written
// as Backstage references, and Services' spec.component.
func eachBackstageRef(d *catalog.Design, f func(backstageRef)) {
	for _, e := range d.Backstage {
		for _, r := range e.Relations {
			f(backstageRef{doc: e.Doc, path: r.Path, what: r.Field.Name, raw: r.Raw, target: r.Target, err: r.Err, kinds: r.Field.Kinds})
		}
	}
	eachReference(d, func(s refSite) {
		if t, ok := catalog.BackstageTarget(s.ref, s.kinds...); ok {
			kind, _ := backstage.CanonicalKind(t.Kind)
			f(backstageRef{doc: s.doc, path: s.ref.Path, what: s.what, raw: s.ref.Raw, target: t, kinds: []string{kind}})
		}
	})
	for _, s := range d.Services {
		if s.Component.IsZero() {
			continue
		}
		t, err := s.ComponentRef()
		f(backstageRef{doc: s.Doc, path: s.Component.Path, what: "component", raw: s.Component.Raw, target: t, err: err, kinds: []string{"Component"}})
	}
}

func runBackstageBadRefs(p *catalog.Pass) {
	eachBackstageRef(p.Design, func(r backstageRef) {
		switch {
		case r.err != nil:
			p.Reportf(r.doc, r.path, "%s %q: %v", r.what, r.raw, r.err)
		case !slices.ContainsFunc(r.kinds, func(k string) bool { return strings.EqualFold(k, r.target.Kind) }):
			p.Reportf(r.doc, r.path, "%s %q names %s, but %s takes %s", r.what, r.raw, r.target, r.what, strings.Join(r.kinds, " or "))
		}
	})
}

// asList is v as a list, nil when it is not one.
func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// locationTargets calls fn with every target of the design's Locations.
func locationTargets(d *catalog.Design, fn func(e *catalog.BackstageEntity, t backstage.Target, optional bool)) {
	for _, e := range d.Backstage {
		if e.Kind != "Location" {
			continue
		}
		root, _ := e.Doc.Value.(map[string]any)
		targets, optional := backstage.LocationTargets(root)
		for _, t := range targets {
			fn(e, t, optional)
		}
	}
}

func runLocationTargets(p *catalog.Pass) {
	for _, e := range p.Design.Backstage {
		root, _ := e.Doc.Value.(map[string]any)
		spec, _ := root["spec"].(map[string]any)
		if e.Kind != "Location" || spec == nil || spec["target"] != nil || len(asList(spec["targets"])) > 0 {
			continue
		}
		at := "/spec"
		if _, ok := spec["targets"]; ok {
			at = "/spec/targets"
		}
		p.Reportf(e.Doc, at, "%s names no target (spec.target or spec.targets): it registers nothing", e.Ref())
	}
	locationTargets(p.Design, func(e *catalog.BackstageEntity, t backstage.Target, optional bool) {
		pattern, ok := t.Resolve(e.Doc.File)
		if !ok || slices.ContainsFunc(p.Design.Files, func(f string) bool { return backstage.MatchTarget(pattern, f) }) {
			return
		}
		what := "no file read is " + pattern
		if strings.ContainsAny(pattern, "*?[") {
			what = "no file read matches " + pattern
		}
		why := "the file is missing or was left out of the lint"
		if optional {
			why = "presence is optional, so Backstage accepts its absence, but a file there would not have been checked"
		}
		p.Reportf(e.Doc, t.Path, "target %q of %s: %s; %s", t.Raw, e.Ref(), what, why)
	})
}

func runLocationNotFollowed(p *catalog.Pass) {
	locationTargets(p.Design, func(e *catalog.BackstageEntity, t backstage.Target, _ bool) {
		if _, ok := t.Resolve(e.Doc.File); ok || strings.TrimSpace(t.Raw) == "" {
			return
		}
		what := "a URL"
		if !t.IsURL() {
			what = "an absolute path"
		}
		p.Reportf(e.Doc, t.Path, "target %q of %s is %s: opsdesign does not follow it, so the entities there are not checked", t.Raw, e.Ref(), what)
	})
}

func runBackstageUnresolved(p *catalog.Pass) {
	d := p.Design
	eachBackstageRef(d, func(r backstageRef) {
		if r.err != nil || !slices.ContainsFunc(r.kinds, func(k string) bool { return strings.EqualFold(k, r.target.Kind) }) {
			return // backstage/bad-ref
		}
		if len(d.BackstageEntities(r.target)) > 0 {
			return
		}
		p.Reportf(r.doc, r.path, "%s %q names %s, which is not in the files read%s", r.what, r.raw, r.target, nearestEntity(d, r.target))
	})
}

// nearestEntity writes the "did you mean" of a reference that names
// nothing: the entity of its kind and name in another namespace, else the
// entity of its kind whose name is nearest (its own namespace first).
func nearestEntity(d *catalog.Design, t backstage.Ref) string {
	var same, other []string
	byName := map[string]string{}
	for _, ref := range d.BackstageRefs(t.Kind) {
		r, err := backstage.ParseRef(ref, "", "")
		if err != nil {
			continue
		}
		if strings.EqualFold(r.Name, t.Name) {
			return `; did you mean "` + ref + `"?`
		}
		if strings.EqualFold(r.Namespace, t.Namespace) {
			same = append(same, r.Name)
			byName[strings.ToLower(r.Name)] = ref
		} else {
			other = append(other, ref)
		}
	}
	if n := suggest.Closest(t.Name, same); n != "" {
		return `; did you mean "` + byName[strings.ToLower(n)] + `"?`
	}
	return suggest.DidYouMean(t.String(), other)
}

// linkedComponent returns the Component a Service names, when it is one of
// the design's files (the first, when duplicated).
func linkedComponent(d *catalog.Design, s *catalog.Service) *catalog.BackstageEntity {
	if s.Component.IsZero() {
		return nil
	}
	t, err := s.ComponentRef()
	if err != nil || !strings.EqualFold(t.Kind, "Component") {
		return nil
	}
	if found := d.BackstageEntities(t); len(found) > 0 {
		return found[0]
	}
	return nil
}

// statesFor are the Service states that agree with a Component's
// lifecycle; a lifecycle of the team's own is not compared.
var statesFor = map[string][]catalog.State{
	"production":   {"active", "suspended"},
	"experimental": {"planned"},
	"deprecated":   {"retired", "suspended"},
}

func runBackstageDisagree(p *catalog.Pass) {
	d := p.Design
	for _, s := range d.Services {
		c := linkedComponent(d, s)
		if c == nil {
			continue
		}
		if want, ok := statesFor[c.Lifecycle]; ok && s.State != "" && !slices.Contains(want, s.State) {
			p.Report(catalog.Diagnostic{Pos: s.Doc.At("/spec/state"), Path: "/spec/state",
				Related: []catalog.Related{{Pos: c.Doc.At("/spec/lifecycle"), Message: "the Component's lifecycle"}},
				Message: fmt.Sprintf("service %q is %s, but its Component %s is %s (which agrees with %s)", s.Name, s.State, c.Ref(), c.Lifecycle, orStates(want))})
		}
		owner, ok := c.Owner()
		if !ok || owner.Err != nil || s.Owner.IsZero() || ownersAgree(s.Owner, owner.Target) {
			continue
		}
		p.Report(catalog.Diagnostic{Pos: s.Doc.At(s.Owner.Path), Path: s.Owner.Path,
			Related: []catalog.Related{{Pos: c.Doc.At(owner.Path), Message: "the Component's owner"}},
			Message: fmt.Sprintf("service %q is owned by %q, but its Component %s by %s", s.Name, s.Owner.Raw, c.Ref(), owner.Target)})
	}
}

func orStates(states []catalog.State) string {
	out := make([]string, len(states))
	for i, s := range states {
		out[i] = string(s)
	}
	return strings.Join(out, " or ")
}

// ownersAgree reports whether an opsdesign owner and a Component's owner
// name the same: the same Backstage entity, or a Team or Person (or a bare
// name) with the name of the Group or User.
func ownersAgree(o catalog.Ref, component backstage.Ref) bool {
	if t, ok := catalog.BackstageTarget(o, catalog.OwnerKinds()...); ok {
		return t.Key() == component.Key()
	}
	if !strings.EqualFold(o.Name, component.Name) {
		return false
	}
	switch strings.ToLower(o.Kind) {
	case "":
		return true
	case "team":
		return strings.EqualFold(component.Kind, "Group")
	case "person":
		return strings.EqualFold(component.Kind, "User")
	}
	return false
}

func runBackstageNoDesign(p *catalog.Pass) {
	d := p.Design
	set := settings(d).Backstage
	if !set.RequireDesign {
		return
	}
	related := settingRelated(d.Settings, set.Path, "every Component in scope must have an operations design, as set here")
	designsOf := map[*catalog.BackstageEntity][]*catalog.Service{}
	for _, s := range d.Services {
		if c := linkedComponent(d, s); c != nil {
			designsOf[c] = append(designsOf[c], s)
		}
	}
	for _, c := range d.Backstage {
		if c.Kind != "Component" || c.Name == "" || !slices.Contains(set.Lifecycles, c.Lifecycle) ||
			(len(set.Types) > 0 && !slices.Contains(set.Types, c.Type)) {
			continue
		}
		var designs []*catalog.Service
		for _, same := range d.BackstageEntities(c.Ref()) { // a duplicated Component is designed once
			designs = append(designs, designsOf[same]...)
		}
		what := fmt.Sprintf("%s (%s %s)", c.Ref(), c.Lifecycle, c.Type)
		if len(designs) == 0 {
			hint := ""
			if s := d.Service(c.Name); s != nil {
				hint = fmt.Sprintf(`; service %q has its name: write "component: %s" in its spec if it is its design`, s.Name, c.Name)
			}
			p.Report(catalog.Diagnostic{Pos: c.Doc.At("/metadata/name"), Path: "/metadata/name", Related: related,
				Message: fmt.Sprintf("Component %s has no operations design: no Service names it in spec.component%s", what, hint)})
			continue
		}
		for _, s := range designs {
			gaps := 0
			for _, l := range s.Lifecycles() {
				gaps += len(l.Plan.Gaps())
			}
			if gaps == 0 {
				continue
			}
			rel := append([]catalog.Related{{Pos: s.Doc.At("/metadata/name"), Message: fmt.Sprintf("service %q", s.Name)}}, related...)
			p.Report(catalog.Diagnostic{Pos: c.Doc.At("/metadata/name"), Path: "/metadata/name", Related: rel,
				Message: fmt.Sprintf("Component %s has an incomplete operations design: service %q leaves %d lifecycle gap(s) (the lifecycle/ rules say which)", what, s.Name, gaps)})
		}
	}
}
