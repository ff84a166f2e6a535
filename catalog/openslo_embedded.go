package catalog

import (
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// AnnotationCalendarDocument carries, on an OpenSLO SLO that opsdesign
// exported, the opsdesign Calendar document its objective names
// (AnnotationCalendar), as YAML in a literal block. OpenSLO has no
// calendars, and its tools (oslo) refuse a stream holding documents of
// another apiVersion, so the calendar travels inside the SLO: the export
// stands on its own for both. Only the first SLO naming a calendar
// carries it.
const AnnotationCalendarDocument = "opsdesign.dev/calendar-document"

// embeddedDocuments returns the documents OpenSLO SLOs carry in their
// AnnotationCalendarDocument annotation, each placed in the file: the
// lines of a literal block map to the file's lines, so a finding in an
// embedded Calendar is at its line and column; a value written otherwise
// (quoted) places everything at the annotation. The loader checks and
// models them as documents of the file, as if written beside the SLO.
func embeddedDocuments(src []byte, docs []*yamlx.Document, opts yamlx.Options) ([]*yamlx.Document, []yamlx.Finding) {
	var out []*yamlx.Document
	var findings []yamlx.Finding
	ptr := "/metadata/annotations/" + yamlx.Pointer(AnnotationCalendarDocument)[1:]
	for _, y := range docs {
		root, ok := y.Value.(obj)
		if !ok || y.Tree == nil || root["kind"] != "SLO" || !slices.Contains(OpenSLOAPIVersions(), str(root, "apiVersion")) {
			continue
		}
		if _, ok := sub(sub(root, "metadata"), "annotations")[AnnotationCalendarDocument].(string); !ok {
			continue
		}
		_, scalar, found := y.Tree.Locate(ptr)
		if !found || scalar == nil {
			continue
		}
		at := &yaml.Node{Kind: scalar.Kind(), Style: scalar.Style(), Value: scalar.Value, Line: int(scalar.Line), Column: int(scalar.Column)}
		embedded, fs := yamlx.ParseEmbedded(src, at, opts)
		for _, e := range embedded {
			e.Index = y.Index
		}
		for i := range fs {
			fs[i].Doc = y.Index
		}
		out, findings = append(out, embedded...), append(findings, fs...)
	}
	return out, findings
}
