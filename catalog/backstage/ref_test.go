package backstage

import (
	"errors"
	"testing"
)

func TestParseRef(t *testing.T) {
	tests := []struct {
		in, kind, ns string
		want         string
		wantErr      bool
	}{
		{"team-a", "Group", "default", "group:default/team-a", false},
		{"user:guest", "Group", "default", "user:default/guest", false},
		{"group:default/team-a", "Group", "development", "group:default/team-a", false},
		{"team-a", "Group", "development", "group:development/team-a", false}, // the writer's namespace
		{"Resource:artists-db", "", "default", "resource:default/artists-db", false},
		{"ns/name", "API", "default", "api:ns/name", false},
		{"ns/kind:name", "API", "default", "api:ns/kind:name", false}, // a '/' before ':' keeps the colon in the name
		{"artists-db", "", "default", "", true},                       // dependsOn has no default kind
		{"group:", "Group", "default", "", true},
		{":x", "Group", "default", "", true},
		{"group:/x", "Group", "default", "", true},
	}
	for _, tt := range tests {
		got, err := ParseRef(tt.in, tt.kind, tt.ns)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseRef(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrBadRef) {
				t.Errorf("ParseRef(%q) error %v does not wrap ErrBadRef", tt.in, err)
			}
			continue
		}
		if got.String() != tt.want {
			t.Errorf("ParseRef(%q, %q, %q) = %s, want %s", tt.in, tt.kind, tt.ns, got, tt.want)
		}
	}
}

func TestRefKeyIgnoresCase(t *testing.T) {
	a, _ := ParseRef("Group:Default/Team-A", "", "")
	b, _ := ParseRef("team-a", "Group", "default")
	if a.Key() != b.Key() {
		t.Errorf("keys differ: %s vs %s", a.Key(), b.Key())
	}
}

func TestReadRelations(t *testing.T) {
	e := Read(map[string]any{
		"apiVersion": V1alpha1, "kind": "Component",
		"metadata": map[string]any{"name": "checkout", "namespace": "shop"},
		"spec": map[string]any{"type": "service", "lifecycle": "production", "owner": "payments",
			"dependsOn": []any{"resource:orders-db", "ledger"}},
	})
	if e.Ref().String() != "component:shop/checkout" {
		t.Fatalf("Ref = %s", e.Ref())
	}
	owner, ok := e.Owner()
	if !ok || owner.Target.String() != "group:shop/payments" || owner.Path != "/spec/owner" {
		t.Errorf("Owner = %+v", owner)
	}
	var paths []string
	for _, r := range e.Relations {
		paths = append(paths, r.Path)
	}
	if len(e.Relations) != 3 || e.Relations[1].Target.String() != "resource:shop/orders-db" ||
		!errors.Is(e.Relations[2].Err, ErrBadRef) || e.Relations[2].Path != "/spec/dependsOn/1" {
		t.Errorf("Relations at %v = %+v", paths, e.Relations)
	}
}
