package catalog

import (
	"slices"
	"strings"
)

// Design is a whole operations design: every document loaded, the typed
// model of opsdesign's own kinds, and an index of documents by kind and
// name. A Design is read-only once loaded and safe for concurrent use.
type Design struct {
	// Documents holds every document in load order (files in order, then
	// documents in file order), foreign ones included.
	Documents []*Document
	// Files holds the names of the files read, in load order, as the
	// loader named them (Source.Name), those without any document
	// included; a file over the size limit is not read and not here.
	Files []string

	Services []*Service
	Roles    []*Role
	People   []*Person
	Teams    []*Team
	// Scorecards holds the maturity ladders services are scored on.
	Scorecards []*Scorecard
	// TicketPolicies holds the ticket policies, in load order.
	TicketPolicies []*TicketPolicy
	// Objectives holds every service-level objective, in load order: one
	// per Objective document and one per entry of an OpenSLO SLO's
	// objectives (objective.go).
	Objectives []*Objective
	// Calendars holds the business calendars (kind Calendar).
	Calendars []*Calendar
	// OpenSLO holds the OpenSLO v1 objects of the design (openslo.go).
	OpenSLO OpenSLO
	// Backstage holds the Backstage catalog entities of the design's files,
	// in load order (backstage_entity.go).
	Backstage []*BackstageEntity
	// Settings are the design's settings for the built-in rules, from its
	// Settings document, with defaults for what it does not set (all
	// defaults when there is none).
	Settings Settings

	diags    Diagnostics
	unloaded []unloadedDoc                     // documents in the files that could not be read
	index    map[string]map[string][]*Document // kind → name → documents
	// backstageIndex finds Backstage entities by reference key.
	backstageIndex map[string][]*BackstageEntity
	suppressions   []suppression
	roster         rosterCache // built on first use by Roster (roles.go)

	// sloIndex finds objectives and OpenSLO objects by document and name;
	// built while loading (objective.go).
	sloIndex *sloIndex
}

// Diagnostics returns what loading found: syntax errors, schema violations
// and limits, at their default severities. Lint includes them.
func (d *Design) Diagnostics() Diagnostics { return slices.Clone(d.diags) }

// Lookup returns the first document of the kind with the name, or nil.
func (d *Design) Lookup(kind, name string) *Document {
	if docs := d.index[kind][name]; len(docs) > 0 {
		return docs[0]
	}
	return nil
}

// Named returns every document of the kind with the name: more than one
// means the name is duplicated.
func (d *Design) Named(kind, name string) []*Document { return d.index[kind][name] }

// Names returns the names of the documents of a kind, sorted.
func (d *Design) Names(kind string) []string {
	names := make([]string, 0, len(d.index[kind]))
	for n := range d.index[kind] {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// unloadedDoc is a document of the design's files that could not be read
// (a YAML syntax error, the nesting limit), named as far as a look at its
// lines tells.
type unloadedDoc struct {
	kind, name string
	pos        Pos // of the problem that keeps it out
}

// Unloaded reports whether the design's files hold a document of the kind
// and name that could not be read, and where the problem that keeps it
// out is. Rules that check references skip one that names such a
// document: it is not wrong, only unchecked, and loading reported why.
func (d *Design) Unloaded(kind, name string) (Pos, bool) {
	for _, u := range d.unloaded {
		if u.kind == kind && u.name == name {
			return u.pos, true
		}
	}
	return Pos{}, false
}

// Kinds returns the kinds of the design's documents, sorted. With Names
// and Named it walks every document by kind and name, as the rule
// name/duplicate does.
func (d *Design) Kinds() []string { return mapKeys(d.index) }

// Service returns the service with the name, or nil.
func (d *Design) Service(name string) *Service {
	for _, s := range d.Services {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Resolve finds the documents a reference may point at, among the given
// kinds (all kinds when none are given). A "kind:name" reference looks in
// that kind only, and only when it is one of the given kinds. More than one
// result means a bare name is ambiguous.
func (d *Design) Resolve(r Ref, kinds ...string) []*Document {
	var out []*Document
	for _, k := range d.refKinds(r, kinds) {
		out = append(out, d.index[k][r.Name]...)
	}
	return out
}

// refKinds lists the kinds a reference may point at: among the given
// kinds, or among every kind of the design when none are given.
func (d *Design) refKinds(r Ref, kinds []string) []string {
	if len(kinds) == 0 {
		kinds = d.Kinds()
	}
	return r.KindsAmong(kinds...)
}

// parseRef splits "kind:name" (the kind is case-insensitive); anything
// without a colon is a bare name.
func parseRef(s, path string) Ref {
	r := Ref{Raw: s, Name: s, Path: path}
	if k, n, ok := strings.Cut(s, ":"); ok && k != "" && !strings.ContainsAny(k, " /") {
		r.Kind, r.Name = strings.ToLower(k), n
	}
	return r
}

// ParseRef parses a reference as written in a document: "kind:name" or a
// bare name.
func ParseRef(s string) Ref { return parseRef(s, "") }

// String returns the reference as written.
func (r Ref) String() string { return r.Raw }
