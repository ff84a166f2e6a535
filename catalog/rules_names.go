package catalog

import (
	"fmt"
	"slices"
)

func nameRules() []Rule {
	return []Rule{{
		ID:       "name/duplicate",
		Severity: Error,
		Doc: `Two documents of the same kind share a name, or two tasks, monitors, request types, offerings, backups or subjects of one service do. ` +
			`References to the name become ambiguous. Every place is reported, each pointing at the others.`,
		Run: runDuplicateNames,
	}}
}

func runDuplicateNames(p *Pass) {
	d := p.Design
	for _, kind := range sortedKinds(d) {
		for _, name := range d.Names(kind) {
			docs := withoutOpenSLO(d.Named(kind, name))
			if len(docs) < 2 {
				continue
			}
			for i, doc := range docs {
				var rel []Related
				for j, o := range docs {
					if j != i {
						rel = append(rel, Related{Pos: o.At("/metadata/name"), Message: "also defined here"})
					}
				}
				p.Report(Diagnostic{Pos: doc.At("/metadata/name"), Path: "/metadata/name", Related: rel,
					Message: fmt.Sprintf("%s %q is defined %d times", kind, name, len(docs))})
			}
		}
	}
	for _, s := range d.Services {
		type item struct{ name, path string }
		check := func(what string, items []item) {
			seen := map[string][]item{}
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
					var rel []Related
					for j, o := range its {
						if j != i {
							rel = append(rel, Related{Pos: s.Doc.At(o.path), Message: "also defined here"})
						}
					}
					p.Report(Diagnostic{Pos: s.Doc.At(it.path), Path: it.path, Related: rel,
						Message: fmt.Sprintf("%s %q is defined %d times in service %q", what, name, len(its), s.Name)})
				}
			}
		}
		var tasks, monitors, requests, offerings, backups, subjects []item
		for _, t := range s.Tasks {
			tasks = append(tasks, item{t.Name, t.Path + "/name"})
		}
		for _, m := range s.Monitors {
			monitors = append(monitors, item{m.Name, m.Path + "/name"})
		}
		for _, r := range s.RequestTypes {
			requests = append(requests, item{r.Name, r.Path + "/name"})
		}
		for _, o := range s.Offerings {
			offerings = append(offerings, item{o.Name, o.Path + "/name"})
		}
		for _, b := range s.Backups {
			backups = append(backups, item{b.Name, b.Path + "/name"})
		}
		for _, sub := range s.Subjects {
			subjects = append(subjects, item{sub.Type.String() + " " + sub.Name, sub.Path + "/name"})
		}
		check("task", tasks)
		check("monitor", monitors)
		check("request type", requests)
		check("offering", offerings)
		check("backup", backups)
		check("subject", subjects)
	}
}

func sortedKinds(d *Design) []string {
	kinds := make([]string, 0, len(d.index))
	for k := range d.index {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}
