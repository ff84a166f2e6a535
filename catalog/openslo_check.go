package catalog

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/opsdesign/opsdesign/catalog/internal/schemadir"
	"github.com/opsdesign/opsdesign/internal/openslospec"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// The JSON Schemas of the OpenSLO kinds, one directory per version
// (schemas/openslo/v1alpha, v1, v2alpha), written from each version's
// specification. Where the specification and the OpenSLO go-sdk disagree,
// they accept what the specification allows, and the loader reports the
// disagreement (ruleSpecSDK).
//
//go:embed schemas/openslo/*/*.json
var openSLOSchemaFiles embed.FS

// openSLOSchemas holds the schema directory of every OpenSLO version, by
// apiVersion; each kind's schema compiles when first used.
var openSLOSchemas = sync.OnceValues(func() (map[string]*schemaDir, error) {
	out := map[string]*schemaDir{}
	for _, v := range openslospec.Versions() {
		dir := v[strings.LastIndexByte(v, '/')+1:]
		d, err := schemadir.New(openSLOSchemaFiles, "schemas/openslo/"+dir, "https://opsdesign.dev/schemas/openslo/"+dir+"/", "common.json")
		if err != nil {
			return nil, err
		}
		out[v] = d
	}
	return out, nil
})

// ruleSpecSDK reports where the OpenSLO specification and its go-sdk
// disagree: the document is valid by one and rejected by the other.
const ruleSpecSDK = "openslo/spec-sdk-disagreement"

// checkOpenSLO validates an OpenSLO document: its version's schema of its
// kind, then what a schema cannot say well (one of two keys, keys that
// exclude each other), then the points where the specification and the
// go-sdk part: below for v1, in internal/openslospec for v1alpha and
// v2alpha.
func checkOpenSLO(doc *Document, report func(rule, ptr string, keyPos bool, msg string)) {
	root := asObj(doc.Value)
	doc.Title = str(sub(root, "metadata"), "displayName")
	dirs, err := openSLOSchemas()
	var s *kindSchema
	dir := dirs[doc.APIVersion]
	if err == nil && dir != nil {
		s, err = dir.Schema(doc.Kind)
	}
	if err != nil {
		report(ruleValue, "", false, err.Error())
		return
	}
	if s == nil {
		var kinds []string
		if dir != nil {
			kinds = dir.Kinds()
		}
		if doc.Kind == "" {
			report(ruleRequired, "/kind", false, `missing required key "kind"`)
		} else {
			report(ruleUnknownKind, "/kind", false, fmt.Sprintf("unknown %s kind %q (known: %s)%s%s", doc.APIVersion, doc.Kind,
				strings.Join(kinds, ", "), suggest.DidYouMean(doc.Kind, kinds), kindElsewhere(doc.Kind)))
		}
		return
	}
	validate(s, doc, func(rule, ptr string, keyPos bool, msg string) {
		report(rule, ptr, keyPos, readableVersionPattern(doc, ptr, msg))
	})
	openslospec.Check(doc.APIVersion, doc.Kind, root, report)
}

// readablePattern says in words what the schemas' patterns want, instead
// of quoting the regular expression.
func readablePattern(doc *Document, ptr, msg string) string {
	if !strings.HasPrefix(msg, "does not match pattern") && !strings.Contains(msg, "does not match pattern") {
		return msg
	}
	v, _ := doc.Lookup(ptr)
	text, _ := v.(string)
	if strings.HasPrefix(msg, "key ") { // propertyNames: a label or annotation key
		return "key " + strings.TrimPrefix(strings.SplitN(msg, " does not match", 2)[0], "key ") +
			" is not a valid key: letters, digits, '-', '_' and '.', starting and ending with a letter or digit (annotations may add a DNS prefix and '/')"
	}
	switch {
	case strings.Contains(msg, "mhdwMQY"):
		return fmt.Sprintf("%q is not a duration shorthand: a whole number and one of m (minutes), h, d, w, M (months), Q, Y, such as 30d or 1M", text)
	case strings.Contains(msg, "[0-9]{4}-"):
		return fmt.Sprintf("%q is not a date and time written YYYY-MM-DD hh:mm:ss", text)
	case strings.Contains(msg, "A-Za-z0-9._|"):
		return fmt.Sprintf("%q is not a valid OpenSLO name: letters, digits and '-', '.', '|', '/', '\\', starting and ending with a letter or digit, at most 255 (RFC 1123 labels are the portable kind: lower-case, digits and '-')", text)
	}
	return msg
}

func has(m obj, k string) bool {
	_, ok := m[k]
	return ok
}
