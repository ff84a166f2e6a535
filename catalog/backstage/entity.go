package backstage

import "strconv"

// Entity is what opsdesign reads of a Backstage entity: its identity, the
// spec fields the operations design compares with a Service (type,
// lifecycle, owner) and every reference its spec writes. Values of the
// wrong type are left out (the schema reports them).
type Entity struct {
	APIVersion string
	Kind       string
	Namespace  string // "default" when the entity names none
	Name       string
	Title      string
	Type       string // spec.type
	Lifecycle  string // spec.lifecycle
	// Relations are the references of the spec, in the order of the
	// kind's Fields and of each list.
	Relations []Relation
}

// Relation is one reference an entity's spec writes.
type Relation struct {
	Field Field
	Path  string // the JSON pointer of the reference: "/spec/owner", "/spec/dependsOn/0"
	Raw   string // as written
	// Target is the entity referred to, the kind and namespace defaulted
	// as Backstage defaults them; zero when Err is set.
	Target Ref
	Err    error // the reference cannot be read (wraps ErrBadRef)
}

// Ref returns the entity's own reference.
func (e *Entity) Ref() Ref { return Ref{Kind: e.Kind, Namespace: e.Namespace, Name: e.Name} }

// Owner returns the entity's spec.owner, and whether it writes one.
func (e *Entity) Owner() (Relation, bool) {
	for _, r := range e.Relations {
		if r.Field.Name == "owner" {
			return r, true
		}
	}
	return Relation{}, false
}

// Read reads an entity from its value as decoded from YAML or JSON.
func Read(value map[string]any) *Entity {
	meta, _ := value["metadata"].(map[string]any)
	spec, _ := value["spec"].(map[string]any)
	e := &Entity{Namespace: DefaultNamespace}
	e.APIVersion, _ = value["apiVersion"].(string)
	e.Kind, _ = value["kind"].(string)
	e.Name, _ = meta["name"].(string)
	e.Title, _ = meta["title"].(string)
	if ns, ok := meta["namespace"].(string); ok && ns != "" {
		e.Namespace = ns
	}
	e.Type, _ = spec["type"].(string)
	e.Lifecycle, _ = spec["lifecycle"].(string)
	for _, f := range kinds[e.Kind].fields {
		add := func(v any, path string) {
			s, ok := v.(string)
			if !ok || s == "" {
				return // a type or length the schema reports
			}
			r := Relation{Field: f, Path: path, Raw: s}
			r.Target, r.Err = ParseRef(s, f.DefaultKind, e.Namespace)
			e.Relations = append(e.Relations, r)
		}
		path := "/spec/" + f.Name
		if !f.List {
			add(spec[f.Name], path)
			continue
		}
		list, _ := spec[f.Name].([]any)
		for i, v := range list {
			add(v, path+"/"+strconv.Itoa(i))
		}
	}
	return e
}
