package backstage

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

// The parts of an entity that CheckShape checks.
const (
	PartSchema = "schema" // a member missing or of the wrong type
	PartKind   = "kind"   // a kind Backstage's catalog model does not document
)

// envelopeKeys are the members an entity may have.
var envelopeKeys = []string{"apiVersion", "kind", "metadata", "spec", "relations", "status"}

// CheckShape checks the shape of an entity (its value as decoded from YAML
// or JSON) by Backstage's descriptor format: the envelope (apiVersion,
// kind, metadata with a name, the types of the metadata's members, no
// other member), the
// apiVersions the kind is written with, and the members its spec must
// have and their types. A kind the catalog model does not document gives
// one PartKind problem and its spec is not checked. Every problem is
// reported, in the order of the format's lists.
func CheckShape(entity map[string]any) []Problem {
	var out []Problem
	add := func(part, path string, format string, args ...any) {
		out = append(out, Problem{Part: part, Path: path, Message: fmt.Sprintf(format, args...)})
	}
	for _, k := range sortedKeys(entity) {
		if !slices.Contains(envelopeKeys, k) {
			out = append(out, Problem{Part: PartSchema, Path: "/" + jsonptr.Escape(k), Key: true,
				Message: fmt.Sprintf("unknown key %q: an entity has apiVersion, kind, metadata and spec (relations and status are written by the catalog)", k)})
		}
	}
	apiVersion, _ := entity["apiVersion"].(string)
	kindName, kindOK := entity["kind"].(string)
	switch {
	case entity["kind"] == nil:
		add(PartSchema, "", `missing required key "kind"`)
	case !kindOK || kindName == "":
		add(PartSchema, "/kind", "kind must be %s", tString)
	}
	meta, metaOK := entity["metadata"].(map[string]any)
	switch {
	case entity["metadata"] == nil:
		add(PartSchema, "", `missing required key "metadata" (with at least a name)`)
	case !metaOK:
		add(PartSchema, "/metadata", "metadata must be %s", tObject)
	default:
		checkMembers(meta, "/metadata", []member{req("name", tString), opt("namespace", tString), opt("title", tString),
			opt("description", tString), opt("labels", tObject), opt("annotations", tObject), opt("tags", tStringList),
			opt("links", tArray), opt("uid", tString), opt("etag", tString)}, add)
		for _, m := range []string{"labels", "annotations"} {
			values, _ := meta[m].(map[string]any)
			for _, k := range sortedKeys(values) {
				if _, ok := values[k].(string); !ok {
					add(PartSchema, "/metadata/"+m+"/"+jsonptr.Escape(k), "the value of %s %q must be a string (quote it)", strings.TrimSuffix(m, "s"), k)
				}
			}
		}
		links, _ := meta["links"].([]any)
		for i, l := range links {
			p := "/metadata/links/" + strconv.Itoa(i)
			link, ok := l.(map[string]any)
			if !ok {
				add(PartSchema, p, "a link must be a mapping with a url")
				continue
			}
			checkMembers(link, p, []member{req("url", tString), opt("title", tString), opt("icon", tString), opt("type", tString)}, add)
		}
	}
	if !kindOK {
		return out
	}
	k, known := kinds[kindName]
	if !known {
		hint := ""
		if canon, ok := canonicalKind(kindName); ok {
			hint = fmt.Sprintf(" (kinds are written as documented: %s)", canon)
		}
		add(PartKind, "/kind", "kind %q is not one Backstage's catalog model documents (%s)%s; its envelope is checked, its spec is not",
			kindName, strings.Join(Kinds(), ", "), hint)
		return out
	}
	if apiVersion != "" && !slices.Contains(k.versions, apiVersion) {
		add(PartSchema, "/apiVersion", "apiVersion %q does not define kind %s; want %s", apiVersion, kindName, strings.Join(k.versions, " or "))
	}
	spec, specOK := entity["spec"].(map[string]any)
	switch {
	case entity["spec"] == nil:
		add(PartSchema, "", "missing required key \"spec\": a %s has one%s", kindName, requiredList(k.spec))
		return out
	case !specOK:
		add(PartSchema, "/spec", "spec must be %s", tObject)
		return out
	}
	checkMembers(spec, "/spec", k.spec, add)
	if presence, ok := spec["presence"].(string); ok && kindName == "Location" && presence != "required" && presence != "optional" {
		add(PartSchema, "/spec/presence", "presence %q is not one of required, optional", presence)
	}
	return out
}

func requiredList(ms []member) string {
	var names []string
	for _, m := range ms {
		if m.required {
			names = append(names, m.name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " with " + strings.Join(names, ", ")
}

// checkMembers checks the members of one mapping: the required ones are
// there, and each has its type.
func checkMembers(m map[string]any, at string, members []member, add func(part, path, format string, args ...any)) {
	for _, mem := range members {
		v, present := m[mem.name]
		p := at + "/" + mem.name
		if !present || v == nil {
			if mem.required {
				add(PartSchema, at, "missing required key %q (%s)", mem.name, mem.typ)
			}
			continue
		}
		if i, ok := typeProblem(v, mem.typ); !ok {
			if i >= 0 {
				add(PartSchema, p+"/"+strconv.Itoa(i), "every entry of %s must be a non-empty string", mem.name)
			} else {
				add(PartSchema, p, "%s must be %s", mem.name, mem.typ)
			}
		}
	}
}

// typeProblem reports whether v has type t; for a list of strings with a
// bad entry, the index of the first such entry (else -1).
func typeProblem(v any, t jsonType) (int, bool) {
	if IsSubstitution(v) {
		return -1, true // the catalog replaces it before it validates
	}
	switch t {
	case tString:
		s, ok := v.(string)
		return -1, ok && s != ""
	case tStringList:
		list, ok := v.([]any)
		if !ok {
			return -1, false
		}
		for i, e := range list {
			if s, ok := e.(string); !ok || s == "" {
				return i, false
			}
		}
		return -1, true
	case tObject:
		_, ok := v.(map[string]any)
		return -1, ok
	case tArray:
		_, ok := v.([]any)
		return -1, ok
	}
	switch v.(type) {
	case map[string]any, []any:
		return -1, true
	}
	return -1, false
}

// IsSubstitution reports whether v is one of the placeholders Backstage's
// catalog substitutes while it reads an entity, before it validates it: a
// mapping with the single key $text, $json or $yaml, whose value is the
// address of what to read, as in `definition: {$text: ./openapi.yaml}`.
func IsSubstitution(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k, target := range m {
		s, ok := target.(string)
		return ok && s != "" && (k == "$text" || k == "$json" || k == "$yaml")
	}
	return false
}
