package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
)

// Designs compares two revisions of a design and returns what changed, in
// operations terms (the package doc lists every kind of change). It does
// not lint: Review does, and adds the findings introduced and fixed.
//
// Documents are matched by kind and name; a document moved to another
// file or place, with nothing else changed, is no change. A removed and
// an added document of the same kind that are at least
// Options.RenameSimilarity alike are a rename, compared as one document.
func Designs(old, new *catalog.Design, opts Options) *Report {
	rep, _ := designs(old, new, opts)
	return rep
}

// designs is Designs, returning the comparer too: Review follows its
// renames.
func designs(old, new *catalog.Design, opts Options) (*Report, *comparer) {
	c := &comparer{old: old, new: new, opts: opts, oldIdx: index(old), newIdx: index(new),
		renamed: map[string]string{}, alike: map[*catalog.Document]float64{}}
	c.run()
	return &Report{Changes: c.changes, Notes: c.notes}, c
}

// comparer holds the state of one Designs call.
type comparer struct {
	old, new       *catalog.Design
	opts           Options
	oldIdx, newIdx *modelIndex
	changes        []Change
	notes          []string

	// renamed maps a document's group and old name (group(d) + "\x00" +
	// name) to its new name; alike says how
	// alike the two documents of each rename are, by the new document.
	renamed map[string]string
	alike   map[*catalog.Document]float64
	// staffChanged is set when a document that decides who covers what
	// (services, roles, people, teams, settings, calendars) differs.
	staffChanged bool
}

// modelIndex finds the model of a document.
type modelIndex struct {
	services   map[*catalog.Document]*catalog.Service
	roles      map[*catalog.Document]*catalog.Role
	people     map[*catalog.Document]*catalog.Person
	teams      map[*catalog.Document]*catalog.Team
	policies   map[*catalog.Document]*catalog.TicketPolicy
	objectives map[*catalog.Document][]*catalog.Objective
}

func index(d *catalog.Design) *modelIndex {
	ix := &modelIndex{
		services: make(map[*catalog.Document]*catalog.Service, len(d.Services)),
		roles:    map[*catalog.Document]*catalog.Role{}, people: map[*catalog.Document]*catalog.Person{},
		teams: map[*catalog.Document]*catalog.Team{}, policies: map[*catalog.Document]*catalog.TicketPolicy{},
		objectives: map[*catalog.Document][]*catalog.Objective{},
	}
	for _, s := range d.Services {
		ix.services[s.Doc] = s
	}
	for _, r := range d.Roles {
		ix.roles[r.Doc] = r
	}
	for _, p := range d.People {
		ix.people[p.Doc] = p
	}
	for _, t := range d.Teams {
		ix.teams[t.Doc] = t
	}
	for _, p := range d.TicketPolicies {
		ix.policies[p.Doc] = p
	}
	for _, o := range d.Objectives {
		ix.objectives[o.Doc] = append(ix.objectives[o.Doc], o)
	}
	return ix
}

// pair is a document of the old revision and its counterpart in the new
// one; one of them is nil for a document added or removed.
type pair struct{ old, new *catalog.Document }

// group is what a document's name is unique within: its kind, and
// whether it is one of opsdesign's own (an OpenSLO Service and an
// opsdesign Service may share a name).
func group(d *catalog.Document) string {
	if d.Native() {
		return d.Kind
	}
	return d.Kind + "\x00foreign"
}

func identity(d *catalog.Document) string { return group(d) + "\x00" + d.Name }

func (c *comparer) run() {
	pairs := c.match()
	for _, p := range pairs {
		switch {
		case p.old == nil:
			c.add(Change{Kind: DocumentAdded, Subject: p.new.Ref(), New: site(p.new, ""),
				Message: fmt.Sprintf("%s %q added", p.new.Kind, p.new.Name)})
			c.staffChanged = c.staffChanged || staffKind(p.new.Kind)
		case p.new == nil:
			c.add(Change{Kind: DocumentRemoved, Subject: p.old.Ref(), Old: site(p.old, ""),
				Message: fmt.Sprintf("%s %q removed", p.old.Kind, p.old.Name)})
			c.staffChanged = c.staffChanged || staffKind(p.old.Kind)
		default:
			c.compare(p)
		}
	}
	c.cover()
}

func staffKind(kind string) bool {
	switch kind {
	case "Service", "Role", "Person", "Team", "Settings", "Calendar":
		return true
	}
	return false
}

// match pairs the documents of both revisions: by kind and name (the n-th
// of a duplicated name with the n-th), then removed and added documents
// of one kind by similarity. The pairs come in the order of the new
// revision, removed documents last in the order of the old one.
func (c *comparer) match() []pair {
	byID := map[string][]*catalog.Document{}
	for _, d := range c.old.Documents {
		byID[identity(d)] = append(byID[identity(d)], d)
	}
	pairs := make([]pair, 0, len(c.new.Documents))
	var added []int // indexes into pairs
	for _, d := range c.new.Documents {
		id := identity(d)
		if olds := byID[id]; len(olds) > 0 {
			pairs = append(pairs, pair{olds[0], d})
			byID[id] = olds[1:]
			continue
		}
		added = append(added, len(pairs))
		pairs = append(pairs, pair{new: d})
	}
	var removed []*catalog.Document
	for _, d := range c.old.Documents {
		if olds := byID[identity(d)]; len(olds) > 0 && olds[0] == d {
			removed = append(removed, d)
			byID[identity(d)] = olds[1:]
		}
	}
	gone := c.renames(pairs, added, removed)
	for _, d := range removed {
		if !gone[d] {
			pairs = append(pairs, pair{old: d})
		}
	}
	return pairs
}

// renames pairs removed with added documents of the same kind whose
// content is alike, best pairs first; it fills in pairs[i].old for each
// added document it pairs and returns the removed documents it used.
func (c *comparer) renames(pairs []pair, added []int, removed []*catalog.Document) map[*catalog.Document]bool {
	used := map[*catalog.Document]bool{}
	groups := map[string]bool{}
	for _, d := range removed {
		groups[group(d)] = true
	}
	for _, g := range sortedKeys(groups) {
		var olds []*catalog.Document
		var news []int
		for _, d := range removed {
			if group(d) == g {
				olds = append(olds, d)
			}
		}
		for _, i := range added {
			if group(pairs[i].new) == g {
				news = append(news, i)
			}
		}
		kind := olds[0].Kind
		if len(news) == 0 {
			continue
		}
		if len(olds)*len(news) > maxRenamePairs {
			c.notes = append(c.notes, fmt.Sprintf("renames of %s documents were not looked for: %d removed and %d added are more than %d pairs to compare; they are reported as removed and added",
				kind, len(olds), len(news), maxRenamePairs))
			continue
		}
		type candidate struct {
			old, new int
			sim      float64
		}
		var cands []candidate
		oldPrints := make([][]string, len(olds))
		for i, d := range olds {
			oldPrints[i] = fingerprint(d)
		}
		for j, pi := range news {
			np := fingerprint(pairs[pi].new)
			for i := range olds {
				if s := similarity(oldPrints[i], np); s >= c.opts.similarity() {
					cands = append(cands, candidate{i, j, s})
				}
			}
		}
		slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(b.sim, a.sim) })
		taken := map[int]bool{}
		for _, cd := range cands {
			if used[olds[cd.old]] || taken[cd.new] {
				continue
			}
			used[olds[cd.old]], taken[cd.new] = true, true
			pairs[news[cd.new]].old = olds[cd.old]
			c.renamed[g+"\x00"+olds[cd.old].Name] = pairs[news[cd.new]].new.Name
			c.alike[pairs[news[cd.new]].new] = cd.sim
		}
	}
	return used
}

// compare reports what changed in one document.
func (c *comparer) compare(p pair) {
	subject := p.new.Ref()
	if p.old.Name != p.new.Name {
		c.add(Change{Kind: DocumentRenamed, Subject: subject, From: p.old.Name, To: p.new.Name,
			Old: site(p.old, "/metadata/name"), New: site(p.new, "/metadata/name"),
			Message: fmt.Sprintf("%s %q renamed to %q (%.0f%% alike)", p.new.Kind, p.old.Name, p.new.Name, 100*c.alike[p.new])})
		c.staffChanged = c.staffChanged || staffKind(p.new.Kind)
	}
	if equalExcept(p.old.Value, p.new.Value) {
		return // moved or renamed, nothing else
	}
	c.staffChanged = c.staffChanged || staffKind(p.new.Kind)
	own := owned{"/metadata/name": true}
	rest, who := DocumentChanged, fmt.Sprintf("%s %q", p.new.Kind, p.new.Name)
	if p.old.Native() && p.new.Native() {
		switch p.new.Kind {
		case "Service":
			if so, sn := c.oldIdx.services[p.old], c.newIdx.services[p.new]; so != nil && sn != nil {
				c.service(p, so, sn, own)
				rest, who = ServiceChanged, fmt.Sprintf("service %q", sn.Name)
			}
		case "Role":
			if ro, rn := c.oldIdx.roles[p.old], c.newIdx.roles[p.new]; ro != nil && rn != nil {
				c.role(p, ro, rn, own)
				rest, who = RoleChanged, fmt.Sprintf("role %q", rn.Name)
			}
		case "Person":
			if po, pn := c.oldIdx.people[p.old], c.newIdx.people[p.new]; po != nil && pn != nil {
				c.person(p, pn, own)
				rest, who = PersonChanged, fmt.Sprintf("person %q", pn.Name)
			}
		case "Team":
			if to, tn := c.oldIdx.teams[p.old], c.newIdx.teams[p.new]; to != nil && tn != nil {
				c.team(p, tn, own)
				rest, who = TeamChanged, fmt.Sprintf("team %q", tn.Name)
			}
		case "TicketPolicy":
			if po, pn := c.oldIdx.policies[p.old], c.newIdx.policies[p.new]; po != nil && pn != nil {
				c.policy(p, po, pn, own)
				rest, who = PolicyChanged, fmt.Sprintf("ticket policy %q", pn.Name)
			}
		case "Objective":
			rest, who = ObjectiveChanged, fmt.Sprintf("objective %q", p.new.Name)
		}
	}
	c.objectives(p, own)
	c.fields(p, "", "", p.old.Value, p.new.Value, own, rest, subject, who)
}

// fields reports every difference between two values outside the owned
// pointers, one change per value, of the given kind. The values are at
// oldBase and newBase in their documents.
func (c *comparer) fields(p pair, oldBase, newBase string, a, b any, own owned, kind Kind, subject, who string) {
	for _, l := range leaves(a, b, true, true, "", own, nil) {
		ch := Change{Kind: kind, Subject: subject, Message: who + ": " + describe(l),
			Old: site(p.old, oldBase+l.rel), New: site(p.new, newBase+l.rel)}
		if l.inOld {
			ch.From = text(l.old)
		}
		if l.inNew {
			ch.To = text(l.new)
		}
		c.add(ch)
	}
}

// add appends a change to the report.
func (c *comparer) add(ch Change) { c.changes = append(c.changes, ch) }

// site is where a pointer is in a document; zero without a document.
func site(doc *catalog.Document, ptr string) Site {
	if doc == nil {
		return Site{}
	}
	return Site{Pos: doc.At(ptr), Path: ptr}
}

// newName returns the name an opsdesign document of the old revision has
// in the new one: its own, or the one it was renamed to.
func (c *comparer) newName(kind, name string) string {
	if n, ok := c.renamed[kind+"\x00"+name]; ok {
		return n
	}
	return name
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// quoteList quotes names and joins them: "a", "b".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
