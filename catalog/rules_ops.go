package catalog

import (
	"slices"
	"strings"
	"time"
)

// opsRules are the operations-design rules: method design (monitors,
// backups, schedules) in rules_ops_method.go, business design (the work
// itself, its owners and cost) in rules_ops_work.go, and the catalog's
// promises (request types, states, value) in rules_ops_catalog.go. They
// catch the failure stories of DOMAIN.md that live in a service's design.
//
// Rules about the work a service runs (ops/work-category-missing,
// ops/cloud-work-missing, ops/cost-missing) skip retired services; rules
// about one element (a monitor, a backup, a task) check every service.
func opsRules() []Rule {
	return slices.Concat(opsMethodRules(), opsWorkRules(), opsCatalogRules(), settingsRules())
}

// ruleDoc joins a rule's story and a YAML example of a finding.
func ruleDoc(story, example string) string {
	return story + "\n\n```yaml\n" + strings.TrimPrefix(example, "\n") + "```"
}

// settings returns the design's settings with defaults applied.
func (d *Design) settings() Settings { return d.Settings.withDefaults() }

// blank reports whether a text says nothing.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// today is the date of the pass's clock, as midnight UTC, for comparing
// with dates written in a design.
func (p *Pass) today() time.Time {
	y, m, d := p.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// notApplicableAt reads a "notApplicable" member at ptr: whether it is
// written (and not false), and its reason.
func notApplicableAt(doc *Document, ptr string) (written bool, reason string) {
	v, ok := doc.Lookup(ptr)
	if !ok || v == false || v == nil {
		return false, ""
	}
	r, _ := v.(string)
	return true, strings.TrimSpace(r)
}

// andList writes names as a, b and c.
func andList(names []string) string { return joinList(names, "and") }

// orList writes names as a, b or c.
func orList(names []string) string { return joinList(names, "or") }

func joinList(names []string, conj string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}
