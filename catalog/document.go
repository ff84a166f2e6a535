package catalog

import (
	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// APIVersion is the apiVersion of opsdesign's own documents.
const APIVersion = "opsdesign/v1"

// Document is one YAML or JSON document of a design, with the means to find
// the source position of any value in it by its JSON pointer.
type Document struct {
	File  string // the file it came from, as named when loading
	Index int    // its 0-based position among the file's documents
	Start Pos    // where its content starts

	APIVersion string
	Kind       string
	Name       string // metadata.name
	Title      string // metadata.title

	// Value is the document as plain JSON-compatible data (map[string]any,
	// []any, string, int64, float64, bool, nil): what the schema validated.
	// It must not be modified.
	Value any

	// root is the compact node tree the positions come from; the
	// yaml.Node tree it was copied from is released as soon as the
	// document is read (yamlx.Options.Compact).
	root *yamlx.Tree
}

// Native reports whether the document is one of opsdesign's own (as opposed
// to a foreign document, such as OpenSLO, that the design also holds).
func (d *Document) Native() bool { return d.APIVersion == APIVersion }

// Ref returns the document's reference string, "Kind:name".
func (d *Document) Ref() string { return d.Kind + ":" + d.Name }

// At returns the position of the value at the JSON pointer ptr. For a
// mapping or sequence that is the line of its key (where a reader looks);
// for a scalar, the scalar itself, but for a key written with nothing
// after it (`contact:`, a null with no text to point at), its key, as for
// an empty mapping. A pointer that does not resolve gives the position of
// its deepest existing ancestor, so a missing member is reported at the
// object that lacks it.
func (d *Document) At(ptr string) Pos {
	if d == nil {
		return Pos{}
	}
	if d.root == nil {
		return d.Start
	}
	key, val, ok := d.root.Locate(ptr)
	switch {
	case key != nil && (!ok || val == nil || val.Kind() != yaml.ScalarNode || d.nothingWritten(val)):
		return d.nodePos(key)
	case val != nil:
		return d.nodePos(val)
	}
	return d.Start
}

// KeyAt returns the position of the mapping key of the member at ptr (for
// an unknown or duplicated key), falling back to At when there is no key.
func (d *Document) KeyAt(ptr string) Pos {
	if d == nil || d.root == nil {
		return d.At(ptr)
	}
	if key, _, ok := d.root.Locate(ptr); ok && key != nil {
		return d.nodePos(key)
	}
	return d.At(ptr)
}

// Text returns the scalar at the JSON pointer ptr as it is written in the
// file: 0777 and 1e-400 rather than the numbers 511 and 0 they are read
// as (a quoted scalar without its quotes and escapes). Messages about a
// value quote it, so that they show what the user wrote. It reports false
// when ptr names no scalar.
func (d *Document) Text(ptr string) (string, bool) {
	if d == nil || d.root == nil {
		return "", false
	}
	_, val, ok := d.root.Locate(ptr)
	if !ok || val == nil || val.Kind() != yaml.ScalarNode {
		return "", false
	}
	return val.Value, true
}

// readAs writes a value read from ptr for a message: its text as written,
// followed by the value it was read as when the two differ ("0777 (read
// as 511)").
func (d *Document) readAs(ptr, value string) string {
	if text, ok := d.Text(ptr); ok && text != value {
		return text + " (read as " + value + ")"
	}
	return value
}

// nothingWritten reports whether n is a null written as no text at all,
// as in `contact:`, unlike `contact: null` or `contact: ~`. yaml.v3 places
// it just past the colon, where a caret would point at a blank or a
// comment.
func (d *Document) nothingWritten(n *yamlx.Node) bool {
	return n.Kind() == yaml.ScalarNode && d.root.Tag(n) == "!!null" && n.Value == ""
}

func (d *Document) nodePos(n *yamlx.Node) Pos {
	return Pos{File: d.File, Line: int(n.Line), Column: int(n.Column)}
}

// Lookup returns the plain value at the JSON pointer ptr, and whether it
// exists. It does not allocate, so rules may call it freely.
func (d *Document) Lookup(ptr string) (any, bool) { return jsonptr.Lookup(d.Value, ptr) }

// Pointer builds a JSON pointer from unescaped tokens: Pointer("spec",
// "tasks", "0") is "/spec/tasks/0".
func Pointer(tokens ...string) string { return yamlx.Pointer(tokens...) }

// MarshalYAML writes the document as it was written, keys in their order
// and comments kept, so that a tool re-emitting documents (package
// catalog/openslo's conversions) keeps them as their authors wrote them.
// A document whose YAML uses aliases (whose anchors may lie outside it, in
// a list file) is written as its plain value.
func (d *Document) MarshalYAML() (any, error) {
	if d.root == nil || d.root.HasAlias() {
		return d.Value, nil
	}
	return d.root.YAML(), nil
}
