package diff

import (
	"io/fs"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// Revision is one side of a review: a design, what to call it, and the
// linter configuration that applies to it.
type Revision struct {
	// Name is how reports call the revision: a path, a git revision.
	Name   string
	Design *catalog.Design
	// Config is the configuration its .opsdesign.yaml gives the linter;
	// ConfigFindings are the mistakes in that file, which count as
	// findings of the revision.
	Config         catalog.Config
	ConfigFindings catalog.Diagnostics
	// Files holds the files, by the names the design gives them: for
	// source lines under findings (report.FSFiles). Nil when unknown.
	Files fs.FS
	// Notes say what loading the revision left out (LoadGit: paths the
	// revision does not hold, symbolic links and submodules).
	Notes []string
}

// Review compares two revisions: what changed in operations terms (as
// Designs reports it), and the findings the new revision introduces and
// fixes. Both revisions are linted, concurrently, with opts.Rules (every
// built-in rule when nil), each with its own configuration and the same
// clock.
//
// Findings are matched as baselines match them (config.Fingerprint: rule,
// file, JSON pointer and message, not the line), with one difference: a
// finding inside a document is keyed by the document's kind and name
// (its new name, if it was renamed) instead of its file, so a document
// moved to another file keeps its findings. Messages that name a renamed
// document differ, so its findings show as fixed and introduced.
func Review(old, new Revision, opts Options) *Report {
	if opts.Now == nil {
		now := time.Now()
		opts.Now = func() time.Time { return now } // one clock for both sides
	}
	var oldFindings, newFindings catalog.Diagnostics
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		oldFindings = lint(old, opts)
	}()
	newFindings = lint(new, opts)
	rep, c := designs(old.Design, new.Design, opts)
	wg.Wait()

	oldKeys := c.findingKeys(old.Design, oldFindings, true)
	newKeys := c.findingKeys(new.Design, newFindings, false)
	rep.Introduced = unmatched(newFindings, newKeys, oldKeys)
	rep.Fixed = unmatched(oldFindings, oldKeys, newKeys)
	rep.Old, rep.New, rep.Linted = old.Name, new.Name, true
	rep.Notes = append(append(append([]string(nil), old.Notes...), new.Notes...), rep.Notes...)
	attachFindings(rep, newFindings)
	return rep
}

func lint(r Revision, opts Options) catalog.Diagnostics {
	rs := opts.Rules
	if rs == nil {
		rs = rules.All()
	}
	l := &catalog.Linter{Rules: rs, Config: r.Config, Now: opts.Now}
	out := append(append(catalog.Diagnostics(nil), r.ConfigFindings...), l.Lint(r.Design)...)
	out.Sort()
	return out
}

// findingKeys fingerprints findings, each keyed by the document it is in
// (by kind and name, as the new revision names it) or, outside every
// document, by its file.
func (c *comparer) findingKeys(d *catalog.Design, findings catalog.Diagnostics, old bool) []string {
	docs := documentsByFile(d)
	occurrence := map[*catalog.Document]string{}
	seen := map[string]int{}
	for _, doc := range d.Documents {
		name := doc.Name
		if n, ok := c.renamed[group(doc)+"\x00"+name]; ok && old {
			name = n
		}
		base := group(doc) + "\x00" + name
		id := base
		if n := seen[base]; n > 0 {
			id += "#" + strconv.Itoa(n)
		}
		seen[base]++
		occurrence[doc] = id
	}
	keys := make([]string, len(findings))
	for i, f := range findings {
		if doc := containing(docs[f.Pos.File], f.Pos); doc != nil {
			f.Pos.File = "\x00" + occurrence[doc]
		}
		keys[i] = config.Fingerprint(f, "")
	}
	return keys
}

// documentsByFile lists each file's documents in order.
func documentsByFile(d *catalog.Design) map[string][]*catalog.Document {
	out := map[string][]*catalog.Document{}
	for _, doc := range d.Documents {
		out[doc.File] = append(out[doc.File], doc)
	}
	for _, docs := range out {
		sort.SliceStable(docs, func(i, j int) bool { return docs[i].Index < docs[j].Index })
	}
	return out
}

// containing returns the document a position falls in: the last of the
// file's documents that starts at or before it.
func containing(docs []*catalog.Document, p catalog.Pos) *catalog.Document {
	if !p.IsValid() || len(docs) == 0 {
		return nil
	}
	i := sort.Search(len(docs), func(i int) bool { return docs[i].Start.Line > p.Line })
	if i == 0 {
		return nil
	}
	return docs[i-1]
}

// unmatched returns the findings whose key the other side has fewer of.
func unmatched(findings catalog.Diagnostics, keys, otherKeys []string) catalog.Diagnostics {
	left := map[string]int{}
	for _, k := range otherKeys {
		left[k]++
	}
	var out catalog.Diagnostics
	for i, f := range findings {
		if left[keys[i]] > 0 {
			left[keys[i]]--
			continue
		}
		out = append(out, f)
	}
	return out
}

// attachFindings gives each change the new revision's findings at the
// places it asks for.
func attachFindings(rep *Report, findings catalog.Diagnostics) {
	type place struct {
		pos  catalog.Pos
		path string
	}
	var byPlace map[place][]int
	for i := range rep.Changes {
		ch := &rep.Changes[i]
		if len(ch.wants) == 0 {
			continue
		}
		if byPlace == nil {
			byPlace = map[place][]int{}
			for j, f := range findings {
				byPlace[place{f.Pos, f.Path}] = append(byPlace[place{f.Pos, f.Path}], j)
			}
		}
		for _, w := range ch.wants {
			for _, j := range byPlace[place{w.Pos, w.Path}] {
				ch.Findings = append(ch.Findings, findings[j])
			}
		}
	}
}
