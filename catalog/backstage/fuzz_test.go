package backstage

import "testing"

// A reference that reads reads back the same from its full form, and the
// checks never fail on any name, namespace or tag.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"team-a", "group:default/team-a", "ns/kind:name", "a/b/c", ":", "/", "user:", "Résumé"} {
		f.Add(s, "Group", "default")
	}
	f.Fuzz(func(t *testing.T, s, kind, ns string) {
		// The defaults come from the kinds' tables and from a namespace
		// that backstage/name checks.
		defaultKind, defaultNS := "", DefaultNamespace
		if _, ok := canonicalKind(kind); ok {
			defaultKind = kind
		}
		if namespaceProblem(ns) == "" {
			defaultNS = ns
		}
		r, err := ParseRef(s, defaultKind, defaultNS)
		if err != nil {
			return
		}
		if r.Name == "" || r.Kind == "" || r.Namespace == "" {
			t.Fatalf("ParseRef(%q) = %+v: an empty part", s, r)
		}
		back, err := ParseRef(r.String(), "", "")
		if err != nil || back.Key() != r.Key() {
			if r.Name != "" && !containsColonBeforeSlash(r.Name) {
				t.Fatalf("ParseRef(%q) = %s, which reads back as %+v, %v", s, r, back, err)
			}
		}
		e := map[string]any{"metadata": map[string]any{"name": s, "namespace": ns, "tags": []any{kind}}}
		_ = CheckMetadata(e)
	})
}

// containsColonBeforeSlash reports whether a name holds a ':' or '/', which
// its full form cannot carry unambiguously.
func containsColonBeforeSlash(name string) bool {
	for _, c := range name {
		if c == ':' || c == '/' {
			return true
		}
	}
	return false
}
