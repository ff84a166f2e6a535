package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/backstage"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// BackstageEntity is a Backstage catalog entity of the design's files: a
// foreign document with its own identity, kind:namespace/name, read by
// package catalog/backstage. Backstage entities are kept out of the index
// of opsdesign's kinds and names (a User "guest" is no Person, and two
// Users "guest" in two namespaces are two entities); the rules backstage/...
// check them.
type BackstageEntity struct {
	Doc *Document
	*backstage.Entity
	// Problems are what backstage.CheckShape and backstage.CheckMetadata
	// find in the entity, found once while loading; the backstage/ rules
	// report them by part.
	Problems []backstage.Problem
}

// IsBackstage reports whether the document is a Backstage catalog entity:
// its apiVersion is one of backstage.APIVersions.
func (d *Document) IsBackstage() bool { return backstage.IsAPIVersion(d.APIVersion) }

// BackstageSettings are what Settings spec.backstage asks of the design's
// Backstage Components (rule backstage/no-design).
type BackstageSettings struct {
	// RequireDesign is set when every Component in scope must have a
	// Service that names it and designs its whole lifecycle.
	RequireDesign bool
	// Lifecycles are the Component lifecycles in scope ("production"
	// unless set); Types, the Component types in scope (every type when
	// empty).
	Lifecycles, Types []string
	// Path is the JSON pointer of spec.backstage.requireDesign in the
	// Settings document, for findings to point at.
	Path string
}

func buildBackstageSettings(spec obj) BackstageSettings {
	req, ok := sub(sub(spec, "backstage"), "requireDesign"), sub(spec, "backstage")["requireDesign"] != nil
	if !ok {
		return BackstageSettings{}
	}
	s := BackstageSettings{RequireDesign: true, Lifecycles: strs(req, "lifecycles"), Types: strs(req, "types"),
		Path: "/spec/backstage/requireDesign"}
	if len(s.Lifecycles) == 0 {
		s.Lifecycles = []string{"production"}
	}
	return s
}

func buildBackstageEntity(doc *Document) *BackstageEntity {
	root, ok := doc.Value.(obj)
	if !ok {
		return nil
	}
	return &BackstageEntity{Doc: doc, Entity: backstage.Read(root),
		Problems: append(backstage.CheckShape(root), backstage.CheckMetadata(root)...)}
}

// indexBackstage indexes the design's Backstage entities by their
// reference's key (case-insensitive, as Backstage compares them).
func (d *Design) indexBackstage() {
	d.backstageIndex = map[string][]*BackstageEntity{}
	for _, e := range d.Backstage {
		if e.Name == "" || e.Kind == "" {
			continue
		}
		k := e.Ref().Key()
		d.backstageIndex[k] = append(d.backstageIndex[k], e)
	}
}

// BackstageEntities returns the Backstage entities the reference names:
// none when it names nothing in the design's files, more than one when
// the identity is duplicated.
func (d *Design) BackstageEntities(r backstage.Ref) []*BackstageEntity {
	return d.backstageIndex[r.Key()]
}

// BackstageRefs returns the references of the design's Backstage entities
// of a kind (all kinds for ""), sorted, each written in full
// ("group:default/team-a"): the candidates of a "did you mean".
func (d *Design) BackstageRefs(kind string) []string {
	var out []string
	for _, e := range d.Backstage {
		if e.Name != "" && (kind == "" || strings.EqualFold(e.Kind, kind)) {
			out = append(out, e.Ref().String())
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// backstageKinds maps the opsdesign kinds a Backstage entity may stand in
// for to that entity's kind: a Group is a Team, a User a Person.
var backstageKinds = map[string]string{"Team": "Group", "Person": "User"}

// BackstageTarget reads an opsdesign reference that names a Backstage
// entity in place of one of the given opsdesign kinds: "group:default/team-a"
// where a Team may be named, "user:guest" where a Person may. It reports
// false for any other reference. The namespace defaults to "default", as
// for a reference written outside any entity.
func BackstageTarget(r Ref, kinds ...string) (backstage.Ref, bool) {
	if r.Kind == "" {
		return backstage.Ref{}, false
	}
	for _, k := range kinds {
		bk, ok := backstageKinds[k]
		if !ok || !strings.EqualFold(bk, r.Kind) {
			continue
		}
		t, err := backstage.ParseRef(r.Raw, bk, backstage.DefaultNamespace)
		return t, err == nil
	}
	return backstage.Ref{}, false
}

// ComponentRef reads a Service's spec.component: a reference to its
// Backstage Component, the kind Component and the namespace "default"
// when left out. The error wraps backstage.ErrBadRef when nothing is
// written or the reference cannot be read.
func (s *Service) ComponentRef() (backstage.Ref, error) {
	return backstage.ParseRef(s.Component.Raw, "Component", backstage.DefaultNamespace)
}

// backstageOwner reports whether an owner names a Backstage Group or User
// of the design's files.
func (d *Design) backstageOwner(r Ref) bool {
	t, ok := BackstageTarget(r, OwnerKinds()...)
	return ok && len(d.BackstageEntities(t)) > 0
}

// checkBackstageTypo reports a document whose apiVersion is a typo of one
// of Backstage's (backstage.io/v1alpah1), so that it is not taken for a
// foreign document and skipped in silence. It reports whether it did.
func checkBackstageTypo(doc *Document, report func(rule, ptr string, keyPos bool, msg string)) bool {
	near := suggest.Versions(doc.APIVersion, backstage.APIVersions())
	if doc.APIVersion == "" || len(near) == 0 {
		return false
	}
	report(ruleUnknownAPIVersion, "/apiVersion", false, fmt.Sprintf(
		"unknown apiVersion %q for kind %s%s It is not checked, and references to it do not resolve, until its apiVersion is one Backstage defines.",
		doc.APIVersion, doc.Kind, suggest.DidYouMeanAny(near)))
	return true
}
