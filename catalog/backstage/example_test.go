package backstage_test

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog/backstage"
)

// A reference takes the kind its field defaults to and the namespace of
// the entity that writes it.
func ExampleParseRef() {
	owner, _ := backstage.ParseRef("team-a", "Group", "development")
	fmt.Println(owner)
	user, _ := backstage.ParseRef("user:guest", "Group", "default")
	fmt.Println(user)
	_, err := backstage.ParseRef("orders-db", "", "default") // dependsOn has no default kind
	fmt.Println(err)
	// Output:
	// group:development/team-a
	// user:default/guest
	// not a valid entity reference: "orders-db" names no kind, and this field has no default kind
}

// Every problem of an entity, each with the JSON pointer of its value.
func ExampleCheckShape() {
	entity := map[string]any{
		"apiVersion": "backstage.io/v1alpha1",
		"kind":       "Component",
		"metadata":   map[string]any{"name": "invalid component"},
		"spec":       map[string]any{"type": "service", "lifecycle": "production"},
	}
	for _, p := range append(backstage.CheckShape(entity), backstage.CheckMetadata(entity)...) {
		fmt.Printf("%s at %s: %s\n", p.Part, p.Path, p.Message)
	}
	// Output:
	// schema at /spec: missing required key "owner" (a non-empty string)
	// name at /metadata/name: "invalid component" is not a valid entity name: a space is not allowed; want letters, digits and '-', '_' or '.' between them, at most 63 characters
}

// Read gives an entity's identity and references, defaulted as Backstage
// defaults them.
func ExampleRead() {
	e := backstage.Read(map[string]any{
		"apiVersion": "backstage.io/v1alpha1",
		"kind":       "User",
		"metadata":   map[string]any{"name": "guest", "namespace": "development"},
		"spec":       map[string]any{"memberOf": []any{"group:default/team-a", "ops"}},
	})
	fmt.Println(e.Ref())
	for _, r := range e.Relations {
		fmt.Println(r.Path, "->", r.Target)
	}
	// Output:
	// user:development/guest
	// /spec/memberOf/0 -> group:default/team-a
	// /spec/memberOf/1 -> group:development/ops
}
