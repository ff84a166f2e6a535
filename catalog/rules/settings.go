package rules

import (
	"fmt"

	"github.com/opsdesign/opsdesign/catalog"
)

// settingsRules check the Settings document itself.
func settingsRules() []catalog.Rule {
	return []catalog.Rule{{
		ID:       "settings/duplicate",
		Severity: catalog.Error,
		Doc: `A design holds more than one Settings document. Only the first one loaded is in force, so a second one ` +
			`silently changes nothing, or, after files are renamed, changes everything. Reported at the name of every Settings document after the first.` + "\n\n" +
			"```yaml\nkind: Settings\nmetadata:\n  name: team-b   # the design already has Settings \"design\"\n```",
		Run: runSettingsDuplicate,
	}}
}

func runSettingsDuplicate(p *catalog.Pass) {
	var first *catalog.Document
	for _, doc := range p.Design.Documents {
		if doc.Kind != "Settings" || !doc.Native() {
			continue
		}
		if first == nil {
			first = doc
			continue
		}
		if doc.Name == first.Name {
			continue // name/duplicate reports both
		}
		p.Report(catalog.Diagnostic{Pos: doc.At("/metadata/name"), Path: "/metadata/name",
			Related: []catalog.Related{{Pos: first.At("/metadata/name"), Message: "the Settings in force"}},
			Message: fmt.Sprintf("Settings %q is a second Settings document; only %q, loaded first, is in force: merge them", doc.Name, first.Name)})
	}
}
