package rules

import (
	"fmt"
	"slices"

	"github.com/opsdesign/opsdesign/catalog"
)

func nameRules() []catalog.Rule {
	return []catalog.Rule{{
		ID:       "name/duplicate",
		Severity: catalog.Error,
		Doc: `Two documents of the same kind share a name, or two tasks, monitors, request types, offerings, backups or subjects of one service do. ` +
			`References to the name become ambiguous. Every place is reported, each pointing at the others.`,
		Run: runDuplicateNames,
	}}
}

func runDuplicateNames(p *catalog.Pass) {
	d := p.Design
	for _, kind := range d.Kinds() {
		for _, name := range d.Names(kind) {
			docs := withoutOpenSLO(d.Named(kind, name))
			if len(docs) < 2 {
				continue
			}
			for i, doc := range docs {
				var rel []catalog.Related
				for j, o := range docs {
					if j != i {
						rel = append(rel, catalog.Related{Pos: o.At("/metadata/name"), Message: "also defined here"})
					}
				}
				p.Report(catalog.Diagnostic{Pos: doc.At("/metadata/name"), Path: "/metadata/name", Related: rel,
					Message: fmt.Sprintf("%s %q is defined %d times", kind, name, len(docs))})
			}
		}
	}
	for _, s := range d.Services {
		var tasks, monitors, requests, offerings, backups, subjects []namedAt
		for _, t := range s.Tasks {
			tasks = append(tasks, namedAt{t.Name, t.Path + "/name"})
		}
		for _, m := range s.Monitors {
			monitors = append(monitors, namedAt{m.Name, m.Path + "/name"})
		}
		for _, r := range s.RequestTypes {
			requests = append(requests, namedAt{r.Name, r.Path + "/name"})
		}
		for _, o := range s.Offerings {
			offerings = append(offerings, namedAt{o.Name, o.Path + "/name"})
		}
		for _, b := range s.Backups {
			backups = append(backups, namedAt{b.Name, b.Path + "/name"})
		}
		for _, sub := range s.Subjects {
			subjects = append(subjects, namedAt{sub.Type.String() + " " + sub.Name, sub.Path + "/name"})
		}
		where := fmt.Sprintf("service %q", s.Name)
		reportDuplicates(p, s.Doc, "task", where, tasks)
		reportDuplicates(p, s.Doc, "monitor", where, monitors)
		reportDuplicates(p, s.Doc, "request type", where, requests)
		reportDuplicates(p, s.Doc, "offering", where, offerings)
		reportDuplicates(p, s.Doc, "backup", where, backups)
		reportDuplicates(p, s.Doc, "subject", where, subjects)
	}
}

// namedAt is a name and the JSON pointer where it is written.
type namedAt struct{ name, path string }

// reportDuplicates reports every place of each name written more than once
// among the items of one document (where says which part, for the
// message), each place related to the others.
func reportDuplicates(p *catalog.Pass, doc *catalog.Document, what, where string, items []namedAt) {
	seen := map[string][]namedAt{}
	var order []string
	for _, it := range items {
		if it.name == "" {
			continue
		}
		if _, ok := seen[it.name]; !ok {
			order = append(order, it.name)
		}
		seen[it.name] = append(seen[it.name], it)
	}
	for _, name := range order {
		its := seen[name]
		if len(its) < 2 {
			continue
		}
		for i, it := range its {
			var rel []catalog.Related
			for j, o := range its {
				if j != i {
					rel = append(rel, catalog.Related{Pos: doc.At(o.path), Message: "also defined here"})
				}
			}
			p.Report(catalog.Diagnostic{Pos: doc.At(it.path), Path: it.path, Related: rel,
				Message: fmt.Sprintf("%s %q is defined %d times in %s", what, name, len(its), where)})
		}
	}
}

// withoutOpenSLO drops OpenSLO documents from a list of namesakes: OpenSLO
// does not require names to be unique (a reference to a name defined
// twice is reported as openslo/ambiguous-ref instead), and an opsdesign
// Service claims the OpenSLO Service of its name.
func withoutOpenSLO(docs []*catalog.Document) []*catalog.Document {
	if !slices.ContainsFunc(docs, (*catalog.Document).IsOpenSLO) {
		return docs
	}
	return slices.DeleteFunc(slices.Clone(docs), (*catalog.Document).IsOpenSLO)
}
