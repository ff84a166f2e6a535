package openslo

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
)

// Convert writes every OpenSLO document of the design, in load order, as a
// document of version to, separated by "---". A document already of that
// version is written as it is, comments kept. The others are rewritten
// from the design's model of them (package doc: what maps onto what);
// references stay references, so a set of files converts as a set.
//
// Nothing is dropped silently: every value the target cannot hold is a
// finding of RuleConversionLoss, and every object that cannot be written
// at all one of RuleNotConverted, at the position in the source where it
// is written. What is written is accepted by both the target's
// specification and its go-sdk, so long as the source loads without
// errors (a document with loading errors is not converted), with one
// exception Convert reports: a v1alpha SLO whose objectives read different
// ratios becomes a composite v1 SLO, which only v1's go-sdk defines.
// The error reports a failure to write.
func Convert(w io.Writer, d *catalog.Design, to Version) (catalog.Diagnostics, error) {
	c := newConverter(d, to)
	var docs []*catalog.Document
	for _, doc := range d.Documents {
		if doc.IsOpenSLO() {
			docs = append(docs, doc)
		}
	}
	written := c.convert(docs)
	var out []any
	for _, doc := range docs {
		if v, ok := written[doc]; ok {
			out = append(out, v)
		}
	}
	c.found.Sort()
	return c.found, writeDocuments(w, out)
}

// converter converts the OpenSLO documents of one design to one version.
type converter struct {
	to     Version
	model  map[*catalog.Document]any                // the model object each document is read as
	named  map[key][]*catalog.Document              // documents by version, kind and name
	used   map[*catalog.Document]bool               // for v1alpha: SLIs and DataSources written inline
	found  catalog.Diagnostics                      // what could not be converted
	broken map[*catalog.Document]catalog.Diagnostic // documents with loading errors: their first
	// place moves a finding from where the converter met it to where the
	// user wrote it (Export's objectives); nil keeps it.
	place func(doc *catalog.Document, ptr string) (*catalog.Document, string)
}

type key struct{ version, kind, name string }

func newConverter(d *catalog.Design, to Version) *converter {
	c := &converter{to: to, model: map[*catalog.Document]any{}, named: map[key][]*catalog.Document{}, used: map[*catalog.Document]bool{}}
	add := func(o catalog.OpenSLOObject, kind string, m any) {
		if o.Path == "" {
			c.model[o.Doc] = m
			k := key{o.Doc.APIVersion, kind, o.Name}
			c.named[k] = append(c.named[k], o.Doc)
		}
	}
	os := &d.OpenSLO
	for _, x := range os.SLOs {
		add(x.OpenSLOObject, "SLO", x)
	}
	for _, x := range os.SLIs {
		add(x.OpenSLOObject, "SLI", x)
	}
	for _, x := range os.Services {
		add(x.OpenSLOObject, "Service", x)
	}
	for _, x := range os.DataSources {
		add(x.OpenSLOObject, "DataSource", x)
	}
	for _, x := range os.AlertPolicies {
		add(x.OpenSLOObject, "AlertPolicy", x)
	}
	for _, x := range os.AlertConditions {
		add(x.OpenSLOObject, "AlertCondition", x)
	}
	for _, x := range os.NotificationTargets {
		add(x.OpenSLOObject, "AlertNotificationTarget", x)
	}
	c.broken = broken(d)
	return c
}

// broken finds the documents with loading errors (schema, syntax): what
// they hold may not mean what a conversion would write.
func broken(d *catalog.Design) map[*catalog.Document]catalog.Diagnostic {
	byFile := map[string][]*catalog.Document{}
	for _, doc := range d.Documents {
		byFile[doc.File] = append(byFile[doc.File], doc)
	}
	out := map[*catalog.Document]catalog.Diagnostic{}
	for _, dg := range d.Diagnostics() {
		if dg.Severity != catalog.Error {
			continue
		}
		var in *catalog.Document
		for _, doc := range byFile[dg.Pos.File] {
			if doc.Start.Line <= dg.Pos.Line && (in == nil || doc.Start.Line >= in.Start.Line) {
				in = doc
			}
		}
		if _, seen := out[in]; in != nil && !seen {
			out[in] = dg
		}
	}
	return out
}

// lookup returns the model object of the one document of the version,
// kind and name, or nil when there is none or several.
func (c *converter) lookup(version, kind, name string) any {
	if docs := c.named[key{version, kind, name}]; len(docs) == 1 {
		return c.model[docs[0]]
	}
	return nil
}

// notConverted is the reason an object cannot be written: a finding of
// RuleNotConverted at its place.
type notConverted struct {
	doc *catalog.Document
	ptr string
	msg string
}

func (e *notConverted) Error() string { return e.msg }

func (c *converter) refuse(doc *catalog.Document, ptr, format string, args ...any) error {
	return &notConverted{doc, ptr, fmt.Sprintf(format, args...)}
}

// lose reports a value the target cannot hold.
func (c *converter) lose(doc *catalog.Document, ptr, format string, args ...any) {
	c.report(RuleConversionLoss, doc, ptr, fmt.Sprintf(format, args...))
}

func (c *converter) report(rule string, doc *catalog.Document, ptr, msg string) {
	if c.place != nil {
		doc, ptr = c.place(doc, ptr)
	}
	c.found = append(c.found, finding(rule, doc, ptr, msg))
}

func finding(rule string, doc *catalog.Document, ptr, msg string) catalog.Diagnostic {
	sev := catalog.Warning
	if rule == RuleNotConverted {
		sev = catalog.Error
	}
	return catalog.Diagnostic{Rule: rule, Severity: sev, Pos: doc.At(ptr), Path: ptr, Message: msg}
}

// convert converts documents, SLOs and Services first, so that the
// v1alpha conversion knows which SLIs and DataSources it wrote inline; it
// returns what each is written as (none for a document not written).
func (c *converter) convert(docs []*catalog.Document) map[*catalog.Document]any {
	written := map[*catalog.Document]any{}
	first := func(doc *catalog.Document) bool { return doc.Kind == "SLO" || doc.Kind == "Service" }
	for _, pass := range []bool{true, false} {
		for _, doc := range docs {
			if first(doc) != pass {
				continue
			}
			if v := c.document(doc); v != nil {
				written[doc] = v
			}
		}
	}
	return written
}

// document converts one document; nil when nothing is written.
func (c *converter) document(doc *catalog.Document) any {
	if bad, ok := c.broken[doc]; ok {
		c.report(RuleNotConverted, doc, "", fmt.Sprintf("%s %q is not converted: it does not load cleanly (%s at %d:%d)", doc.Kind, doc.Name, bad.Rule, bad.Pos.Line, bad.Pos.Column))
		return nil
	}
	if Version(doc.APIVersion) == c.to {
		return doc // written as it is (catalog.Document.MarshalYAML)
	}
	m := c.model[doc]
	if m == nil {
		c.report(RuleNotConverted, doc, "/kind", fmt.Sprintf("%s %s %q cannot be read, so it is not converted: lint it", doc.APIVersion, doc.Kind, doc.Name))
		return nil
	}
	before := len(c.found)
	var v any
	var err error
	if c.to == V1alpha {
		v, err = c.v1alphaDocument(doc, m)
	} else {
		v, err = c.familyDocument(doc, m)
	}
	if nc, ok := err.(*notConverted); ok {
		// What was lost on the way no longer matters: the object is not written.
		c.found = c.found[:before]
		c.report(RuleNotConverted, nc.doc, nc.ptr, fmt.Sprintf("%s %q is not converted to %s: %s", doc.Kind, doc.Name, c.to, nc.msg))
		return nil
	}
	return v
}

// envelope writes a document of the target version.
func (c *converter) envelope(kind string, meta ordered, spec ordered) ordered {
	doc := ordered{{"apiVersion", string(c.to)}, {"kind", kind}, {"metadata", meta}}
	doc.add("spec", spec)
	return doc
}

// raw returns the plain value written at ptr in doc, or nil.
func raw(doc *catalog.Document, ptr string) any {
	v, _ := doc.Lookup(ptr)
	return v
}

// keysOf lists a mapping's keys, sorted, for messages.
func keysOf[V any](m map[string]V) string { return strings.Join(slices.Sorted(maps.Keys(m)), ", ") }

// escape escapes a token of a JSON pointer.
func escape(s string) string { return catalog.Pointer(s)[1:] }
