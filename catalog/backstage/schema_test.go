package backstage

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource("entity.json", bytes.NewReader(Schema())); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("entity.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The schema and CheckShape agree: what one accepts the other accepts.
func TestSchemaAgreesWithCheckShape(t *testing.T) {
	s := compiledSchema(t)
	for _, e := range validEntities() {
		if err := s.Validate(e); err != nil {
			t.Errorf("%s: the schema rejects a valid entity: %v", e["kind"], err)
		}
	}
	for _, tt := range shapeProblems() {
		if tt.entity["kind"] == "component" {
			continue // a kind no one documents: the schema checks only the envelope
		}
		if err := s.Validate(tt.entity); err == nil {
			t.Errorf("%s: the schema accepts what CheckShape rejects", tt.name)
		}
	}
	bad := entity("Component", map[string]any{"name": "invalid component", "tags": []any{"go 1.15.3"}}, map[string]any{"type": "service", "lifecycle": "production", "owner": "x"})
	if s.Validate(bad) == nil {
		t.Error("the schema accepts a name and a tag with spaces")
	}
}

func TestUnknownTopLevelKey(t *testing.T) {
	e := entity("System", map[string]any{"name": "shop"}, map[string]any{"owner": "payments"})
	e["specs"] = map[string]any{}
	want := "schema /specs (key): unknown key \"specs\": an entity has apiVersion, kind, metadata and spec (relations and status are written by the catalog)\n"
	if got := problems(CheckShape(e)); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if compiledSchema(t).Validate(e) == nil {
		t.Error("the schema accepts an unknown key")
	}
}
