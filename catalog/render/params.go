package render

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
)

// param is one row of a parameter sheet's table: a field of the ticket.
type param struct {
	Name        string // dotted for nested fields: "address.zip", "items[].sku"
	Type        string
	Required    bool
	Constraints []constraint
	Description string
}

// constraint is one limit on a field's value. Code holds text to show
// verbatim (a pattern, a value), Text the words around it.
type constraint struct {
	Text string
	Code []string
}

// maxParamDepth bounds how deep nested objects are flattened.
const maxParamDepth = 4

// params flattens a parameter sheet (a JSON Schema) into table rows, in the
// order the fields are written in the document at ptr.
func params(doc *catalog.Document, ptr string, schema map[string]any) []param {
	return appendParams(nil, doc, ptr, schema, "", 0)
}

func appendParams(out []param, doc *catalog.Document, ptr string, schema map[string]any, prefix string, depth int) []param {
	props, _ := schema["properties"].(map[string]any)
	required := map[string]bool{}
	if req, ok := schema["required"].([]any); ok {
		for _, r := range req {
			if s, ok := r.(string); ok {
				required[s] = true
			}
		}
	}
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	// Written order: by the position of each field's key in the source.
	slices.SortFunc(names, func(a, b string) int {
		pa := doc.KeyAt(ptr + "/properties" + catalog.Pointer(a))
		pb := doc.KeyAt(ptr + "/properties" + catalog.Pointer(b))
		return cmp.Or(pa.Compare(pb), strings.Compare(a, b))
	})
	for _, n := range names {
		field, _ := props[n].(map[string]any)
		fp := ptr + "/properties" + catalog.Pointer(n)
		out = append(out, param{Name: prefix + n, Type: typeText(field), Required: required[n],
			Constraints: constraints(field), Description: describe(field)})
		if depth+1 >= maxParamDepth {
			continue
		}
		if _, ok := field["properties"].(map[string]any); ok {
			out = appendParams(out, doc, fp, field, prefix+n+".", depth+1)
		} else if items, ok := field["items"].(map[string]any); ok {
			if _, ok := items["properties"].(map[string]any); ok {
				out = appendParams(out, doc, fp+"/items", items, prefix+n+"[].", depth+1)
			}
		}
	}
	// Required fields the sheet does not describe still have to be given.
	var undescribed []string
	for r := range required {
		if _, ok := props[r]; !ok {
			undescribed = append(undescribed, r)
		}
	}
	slices.Sort(undescribed)
	for _, r := range undescribed {
		out = append(out, param{Name: prefix + r, Type: "any", Required: true})
	}
	return out
}

// typeText names a field's type: "string", "integer or null",
// "array of string", "string (date)".
func typeText(field map[string]any) string {
	var t string
	switch v := field["type"].(type) {
	case string:
		t = v
	case []any:
		var parts []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				parts = append(parts, s)
			}
		}
		t = strings.Join(parts, " or ")
	}
	if t == "" {
		t = inferType(field)
	}
	if t == "array" {
		if items, ok := field["items"].(map[string]any); ok {
			t += " of " + typeText(items)
		}
	}
	if f, ok := field["format"].(string); ok && f != "" {
		t += " (" + oneLine(f) + ")"
	}
	return t
}

// inferType guesses the type of a field that does not say it from its enum
// or const values.
func inferType(field map[string]any) string {
	var values []any
	if e, ok := field["enum"].([]any); ok {
		values = e
	} else if c, ok := field["const"]; ok {
		values = []any{c}
	}
	kind := ""
	for _, v := range values {
		k := jsonKind(v)
		if kind != "" && k != kind {
			return "any"
		}
		kind = k
	}
	if kind == "" {
		if _, ok := field["properties"]; ok {
			return "object"
		}
		return "any"
	}
	return kind
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int64, int:
		return "integer"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	case []any:
		return "array"
	}
	return "object"
}

func constraints(field map[string]any) []constraint {
	var out []constraint
	if e, ok := field["enum"].([]any); ok {
		out = append(out, constraint{Text: "one of", Code: valueTexts(e)})
	}
	if c, ok := field["const"]; ok {
		out = append(out, constraint{Text: "exactly", Code: valueTexts([]any{c})})
	}
	if p, ok := field["pattern"].(string); ok {
		out = append(out, constraint{Text: "pattern", Code: []string{p}})
	}
	if items, ok := field["items"].(map[string]any); ok {
		if e, ok := items["enum"].([]any); ok {
			out = append(out, constraint{Text: "each one of", Code: valueTexts(e)})
		}
		if p, ok := items["pattern"].(string); ok {
			out = append(out, constraint{Text: "each matching", Code: []string{p}})
		}
	}
	for _, b := range []struct{ key, text string }{
		{"minimum", "≥"}, {"exclusiveMinimum", ">"}, {"maximum", "≤"}, {"exclusiveMaximum", "<"},
		{"minLength", "length ≥"}, {"maxLength", "length ≤"}, {"minItems", "items ≥"}, {"maxItems", "items ≤"},
	} {
		if v, ok := field[b.key]; ok {
			out = append(out, constraint{Text: b.text + " " + valueText(v)})
		}
	}
	if v, ok := field["default"]; ok {
		out = append(out, constraint{Text: "default", Code: valueTexts([]any{v})})
	}
	return out
}

func valueTexts(vs []any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = valueText(v)
	}
	return out
}

// valueText shows a schema value: text as it is, anything else as JSON.
func valueText(v any) string {
	if s, ok := v.(string); ok {
		return oneLine(s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// describe joins a field's title and description.
func describe(field map[string]any) string {
	title, _ := field["title"].(string)
	desc, _ := field["description"].(string)
	title, desc = oneLine(title), oneLine(desc)
	switch {
	case title != "" && desc != "":
		return title + ": " + desc
	case title != "":
		return title
	}
	return desc
}
