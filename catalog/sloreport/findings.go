package sloreport

import (
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
)

// Findings keeps the findings about service levels: those of the slo/ and
// openslo/ rules, and any other (syntax, schema, references) inside an
// Objective, Calendar or OpenSLO document, told by the line the finding is
// at.
func Findings(d *catalog.Design, diags catalog.Diagnostics) catalog.Diagnostics {
	type span struct {
		start int
		slo   bool
	}
	byFile := map[string][]span{}
	for _, doc := range d.Documents {
		byFile[doc.File] = append(byFile[doc.File], span{doc.Start.Line, aboutServiceLevels(doc)})
	}
	var out catalog.Diagnostics
	for _, dg := range diags {
		if strings.HasPrefix(dg.Rule, "slo/") || strings.HasPrefix(dg.Rule, "openslo/") {
			out = append(out, dg)
			continue
		}
		in := false
		for _, sp := range byFile[dg.Pos.File] {
			if sp.start <= dg.Pos.Line {
				in = sp.slo // the last document starting at or before the line
			}
		}
		if in {
			out = append(out, dg)
		}
	}
	return out
}

// aboutServiceLevels reports whether a document is about service levels.
func aboutServiceLevels(doc *catalog.Document) bool {
	return doc.IsOpenSLO() || (doc.Native() && (doc.Kind == "Objective" || doc.Kind == "Calendar"))
}
