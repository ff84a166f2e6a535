package catalog

import (
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/opsdesign/opsdesign/catalog/internal/schemadir"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// The JSON Schemas of opsdesign's document kinds, one file per kind, with the
// shared definitions in envelope.json. They are published as they are for
// editors (yaml-language-server) and compiled once for validation.
//
//go:embed schemas/*.json
var schemaFiles embed.FS

const schemaBase = "https://opsdesign.dev/schemas/v1/"

// Kinds returns the document kinds opsdesign knows, in alphabetical order.
func Kinds() []string {
	dir, err := nativeSchemas()
	if err != nil {
		return nil
	}
	return dir.Kinds()
}

// Schema returns the JSON Schema of a document kind as published, and
// whether the kind is known.
func Schema(kind string) ([]byte, bool) {
	b, err := schemaFiles.ReadFile("schemas/" + strings.ToLower(kind) + ".json")
	if err != nil || kind == "" || strings.EqualFold(kind, "envelope") {
		return nil, false
	}
	return b, true
}

// nativeSchemas is the directory of opsdesign's schemas; each kind's is
// compiled when a document of that kind is first validated.
var nativeSchemas = sync.OnceValues(func() (*schemaDir, error) {
	return schemadir.New(schemaFiles, "schemas", schemaBase, "envelope.json")
})

// Rule IDs of schema findings.
const (
	ruleRequired    = "schema/required"
	ruleUnknownKey  = "schema/unknown-key"
	ruleType        = "schema/type"
	ruleEnum        = "schema/enum"
	ruleValue       = "schema/value"
	ruleUnknownKind = "schema/unknown-kind"
	ruleForeign     = "schema/foreign-document"
)

// The schema directories and compiled schemas of package schemadir.
type (
	schemaDir  = schemadir.Dir
	kindSchema = schemadir.Kind
)

// validate checks one native document against its kind's schema and
// reports every error at the exact key or value it concerns.
func validate(ks *kindSchema, doc *Document, report func(rule, ptr string, keyPos bool, msg string)) {
	if ks.Fast != nil && ks.Fast.Valid(doc.Value) {
		return
	}
	s, err := ks.JS()
	if err != nil {
		// The embedded schemas are tested; this only guards against a broken build.
		report(ruleValue, "", false, err.Error())
		return
	}
	if err = s.Validate(doc.Value); err == nil {
		return
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		report(ruleValue, "", false, err.Error())
		return
	}
	for _, leaf := range schemadir.Leaves(ve) {
		keyword := leaf.KeywordLocation[strings.LastIndexByte(leaf.KeywordLocation, '/')+1:]
		// jsonschema percent-encodes the tokens of its instance pointers.
		at, err := url.PathUnescape(leaf.InstanceLocation)
		if err != nil {
			at = leaf.InstanceLocation
		}
		switch keyword {
		case "required":
			for _, name := range schemadir.QuotedNames(strings.TrimPrefix(leaf.Message, "missing properties: ")) {
				report(ruleRequired, at+"/"+jsonptr.Escape(name), false, fmt.Sprintf("missing required key %q", name))
			}
		case "additionalProperties":
			for _, name := range schemadir.QuotedNames(strings.TrimPrefix(leaf.Message, "additionalProperties ")) {
				report(ruleUnknownKey, at+"/"+jsonptr.Escape(name), true, fmt.Sprintf("unknown key %q%s", name, knownKeysHint(s, at, name)))
			}
		case "propertyNames":
			report(ruleUnknownKey, at, true, "key "+leaf.Message)
		case "type":
			report(ruleType, at, false, leaf.Message+textHint(doc, at, leaf.Message))
		case "enum", "const":
			report(ruleEnum, at, false, leaf.Message)
		case "pattern":
			report(ruleValue, at, false, patternMessage(doc, at, leaf.Message))
		default:
			report(ruleValue, at, false, foundAsWritten(doc, at, leaf.Message))
		}
	}
}

// patternMessage says what a long pattern means rather than quoting it:
// the name pattern spells Unicode's letter classes out (envelope.json).
func patternMessage(doc *Document, ptr, msg string) string {
	if len(msg) <= 200 {
		return msg
	}
	v, _ := doc.Lookup(ptr)
	return fmt.Sprintf("%q is not a name: lower-case letters, letters of scripts without case, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters", v)
}

// foundAsWritten makes a message that ends "but found 511" quote the value as
// written, "but found 0777 (read as 511)".
func foundAsWritten(doc *Document, ptr, msg string) string {
	head, found, ok := strings.Cut(msg, " but found ")
	if !ok {
		return msg
	}
	return head + " but found " + doc.readAs(ptr, found)
}

// textHint tells, for a number or boolean where text is expected, what
// was written and how to make it text: 0777 is read as the number 511.
func textHint(doc *Document, ptr, msg string) string {
	text, ok := doc.Text(ptr)
	if !ok || text == "" || !strings.HasPrefix(msg, "expected string") {
		return ""
	}
	var read string
	switch v, _ := doc.Lookup(ptr); v := v.(type) {
	case int64:
		read = "the number " + strconv.FormatInt(v, 10)
	case float64:
		read = "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		read = "a boolean"
	default:
		return ""
	}
	return fmt.Sprintf(": %s is read as %s; write %q for text", text, read, text)
}

// knownKeysHint suggests the closest allowed key of the object at ptr.
func knownKeysHint(s *jsonschema.Schema, ptr, name string) string {
	keys := schemadir.KeysAt(s, ptr)
	if len(keys) == 0 {
		return ""
	}
	return suggest.DidYouMean(name, keys)
}
