package backstage

import (
	"fmt"
	"strings"
	"testing"
)

// problems writes problems as "part path: message" lines for comparison.
func problems(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		key := ""
		if p.Key {
			key = " (key)"
		}
		fmt.Fprintf(&b, "%s %s%s: %s\n", p.Part, p.Path, key, p.Message)
	}
	return b.String()
}

func entity(kind string, meta, spec map[string]any) map[string]any {
	e := map[string]any{"apiVersion": V1alpha1, "kind": kind, "metadata": meta}
	if spec != nil {
		e["spec"] = spec
	}
	return e
}

func validEntities() []map[string]any {
	return []map[string]any{
		entity("Component", map[string]any{"name": "checkout"}, map[string]any{"type": "service", "lifecycle": "production", "owner": "payments"}),
		entity("API", map[string]any{"name": "checkout-api"}, map[string]any{"type": "openapi", "lifecycle": "production", "owner": "payments", "definition": "openapi: 3.0.0"}),
		entity("Resource", map[string]any{"name": "orders-db"}, map[string]any{"type": "database", "owner": "payments"}),
		entity("System", map[string]any{"name": "shop"}, map[string]any{"owner": "payments"}),
		entity("Domain", map[string]any{"name": "commerce"}, map[string]any{"owner": "payments"}),
		entity("Group", map[string]any{"name": "payments"}, map[string]any{"type": "team", "children": []any{}}),
		entity("User", map[string]any{"name": "jane", "namespace": "staff"}, map[string]any{"memberOf": []any{"payments"}}),
		entity("Location", map[string]any{"name": "all"}, map[string]any{"targets": []any{"./a.yaml"}, "presence": "optional"}),
		entity("Environment", map[string]any{"name": "prod"}, map[string]any{"lifecycle": "production"}),
		{"apiVersion": ScaffolderV1b3, "kind": "Template", "metadata": map[string]any{"name": "new-service"},
			"spec": map[string]any{"type": "service", "steps": []any{map[string]any{"action": "fetch:template"}}}},
		entity("API", map[string]any{"name": "ledger-api"}, map[string]any{"type": "grpc", "lifecycle": "production", "owner": "payments",
			"definition": map[string]any{"$text": "./ledger.proto"}}),
	}
}

func TestCheckShapeValid(t *testing.T) {
	for _, e := range validEntities() {
		if got := problems(CheckShape(e)); got != "" {
			t.Errorf("%s: want no problems, got\n%s", e["kind"], got)
		}
	}
}

type shapeCase struct {
	name   string
	entity map[string]any
	want   string
}

func shapeProblems() []shapeCase {
	return []shapeCase{
		{"component without owner", entity("Component", map[string]any{"name": "checkout"}, map[string]any{"type": "service", "lifecycle": "production"}),
			"schema /spec: missing required key \"owner\" (a non-empty string)\n"},
		{"no spec", entity("System", map[string]any{"name": "shop"}, nil),
			"schema : missing required key \"spec\": a System has one with owner\n"},
		{"no name", entity("Domain", map[string]any{"title": "Commerce"}, map[string]any{"owner": "payments"}),
			"schema /metadata: missing required key \"name\" (a non-empty string)\n"},
		{"memberOf a string", entity("User", map[string]any{"name": "jane"}, map[string]any{"memberOf": "payments"}),
			"schema /spec/memberOf: memberOf must be a list of non-empty strings\n"},
		{"bad entry", entity("Group", map[string]any{"name": "payments"}, map[string]any{"type": "team", "children": []any{"a", int64(3)}}),
			"schema /spec/children/1: every entry of children must be a non-empty string\n"},
		{"label value a number", entity("Resource", map[string]any{"name": "db", "labels": map[string]any{"tier": int64(1)}}, map[string]any{"type": "database", "owner": "x"}),
			"schema /metadata/labels/tier: the value of label \"tier\" must be a string (quote it)\n"},
		{"link without url", entity("Domain", map[string]any{"name": "d", "links": []any{map[string]any{"title": "Readme"}}}, map[string]any{"owner": "x"}),
			"schema /metadata/links/0: missing required key \"url\" (a non-empty string)\n"},
		{"template version", entity("Template", map[string]any{"name": "t"}, map[string]any{"type": "service", "steps": []any{}}),
			"schema /apiVersion: apiVersion \"backstage.io/v1alpha1\" does not define kind Template; want scaffolder.backstage.io/v1beta3\n"},
		{"kind in lower case", entity("component", map[string]any{"name": "c"}, nil),
			"kind /kind: kind \"component\" is not one Backstage's catalog model documents (API, Component, Domain, Environment, Group, Location, Resource, System, Template, User) (kinds are written as documented: Component); its envelope is checked, its spec is not\n"},
		{"presence", entity("Location", map[string]any{"name": "l"}, map[string]any{"presence": "sometimes"}),
			"schema /spec/presence: presence \"sometimes\" is not one of required, optional\n"},
	}
}

func TestCheckShapeProblems(t *testing.T) {
	for _, tt := range shapeProblems() {
		if got := problems(CheckShape(tt.entity)); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestCheckMetadata(t *testing.T) {
	e := map[string]any{"metadata": map[string]any{
		"name":        "invalid component",
		"namespace":   "Dev",
		"labels":      map[string]any{"goVersion": "go1.15.3", "bad key!": "x", "tier": "-front"},
		"annotations": map[string]any{"backstage.io/github-actions-id": "org/repo", "github.com/project-slug": "repo-only", "Example.com/x": "1"},
		"tags":        []any{"go", "go 1.15.3", "Java"},
		"links":       []any{map[string]any{"url": "example.com/page", "title": "Page", "icon": "kind:api"}},
	}}
	want := `name /metadata/name: "invalid component" is not a valid entity name: a space is not allowed; want letters, digits and '-', '_' or '.' between them, at most 63 characters
namespace /metadata/namespace: "Dev" is not a valid namespace: 'D' is upper-case; want lower-case letters and digits with single '-' between them, at most 63 characters
label /metadata/labels/bad key! (key): label key "bad key!" is not valid: a space is not allowed; want letters, digits and '-', '_' or '.' between them, at most 63 characters
label /metadata/labels/tier: the value "-front" of label "tier" is not valid: it starts with '-'; want letters, digits and '-', '_' or '.' between them, at most 63 characters (or write it empty)
annotation /metadata/annotations/Example.com~1x (key): annotation key "Example.com/x" is not valid: its prefix "Example.com" has a part that is not valid ('E' is upper-case); want a lower-case domain name before the '/'
deprecated /metadata/annotations/backstage.io~1github-actions-id (key): annotation "backstage.io/github-actions-id" is deprecated: write github.com/project-slug, with the same value
annotation /metadata/annotations/github.com~1project-slug: the value "repo-only" of annotation github.com/project-slug is not valid: want <organization>/<name>, as in the address of the page on GitHub
tag /metadata/tags/1: tag "go 1.15.3" is not valid: a space is not allowed; want lower-case letters, digits, ':', '+' and '#', with single '-' between them, at most 63 characters
tag /metadata/tags/2: tag "Java" is not valid: 'J' is upper-case; want lower-case letters, digits, ':', '+' and '#', with single '-' between them, at most 63 characters
link /metadata/links/0/url: link url "example.com/page" is not valid: it has no scheme; want an absolute URL such as https://example.com/page
`
	if got := problems(CheckMetadata(e)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
