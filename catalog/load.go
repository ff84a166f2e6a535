package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/opsdesign/opsdesign/internal/suggest"
	"github.com/opsdesign/opsdesign/internal/walk"
	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// Limits bound the work one input can cause. A zero field takes its default.
// Each limit, when exceeded, is reported as a diagnostic (rule IDs under
// "limits/") and the rest of the design is still loaded.
type Limits struct {
	MaxFileBytes      int64 // bytes per file; default 16 MiB
	MaxDocuments      int   // documents per file; default one per 48 bytes of the file, at least 10,000 (349,525 at 16 MiB)
	MaxDepth          int   // nesting of mappings and sequences; default 100
	MaxAliasExpansion int   // nodes created by expanding aliases, per document; default 100,000
}

const defaultMaxFileBytes = 16 << 20

// minDocumentBytes is less than the shortest document opsdesign reads with
// its separator: "---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\n"
// is 55 bytes. The default document limit of a file is its size over it,
// so that a file of real documents loads whole, while a file of tiny ones
// ("---\nx: 1\n", 9 bytes each, every one a finding) is cut off where the
// work it causes would pass what real documents of its size cause.
const minDocumentBytes = 48

// minDocumentLimit is the least default document limit: any file of up to
// 10,000 documents loads whole, whatever their size. (Empty documents
// have a bound of their own, also 10,000: yamlx.)
const minDocumentLimit = 10_000

// documentLimit is the most documents read from a file of size bytes:
// Limits.MaxDocuments when set, or else one per minDocumentBytes of the
// file and at least minDocumentLimit.
func (l Loader) documentLimit(size int) int {
	if l.Limits.MaxDocuments > 0 {
		return l.Limits.MaxDocuments
	}
	return max(size/minDocumentBytes, minDocumentLimit)
}

// Source is one file's content, for loading designs that are not on disk.
type Source struct {
	Name string // as it should appear in diagnostics
	Data []byte
}

// Loader loads designs. Its zero value is ready to use.
type Loader struct {
	Limits Limits
}

// Load loads the YAML and JSON files at the given paths of the operating
// system; a directory is walked for *.yaml, *.yml and *.json files (hidden
// entries are skipped), following symbolic links. It is Loader{}.Load.
func Load(paths ...string) (*Design, error) { return Loader{}.Load(paths...) }

// LoadFS loads from any fs.FS, such as an embed.FS holding a team's design.
// It is Loader{}.LoadFS.
func LoadFS(fsys fs.FS, roots ...string) (*Design, error) { return Loader{}.LoadFS(fsys, roots...) }

// Parse loads a design from sources in memory. It is Loader{}.Parse.
func Parse(sources ...Source) *Design { return Loader{}.Parse(sources...) }

// Load loads the files and directories at the given paths. Problems in the
// files are diagnostics of the returned Design; the error reports paths
// that could not be read at all (it wraps their *fs.PathError, so
// errors.Is(err, fs.ErrNotExist) works), and the Design then holds
// everything that could be read.
//
// A directory walk follows symbolic links to files and directories and
// reads each real file once. What it meets and does not read is a
// diagnostic at its path: a FIFO, device or socket named like a design
// file (load/not-regular: never opened, so a FIFO without a writer cannot
// block the walk), a link that leads nowhere (load/broken-link), a link
// to a directory that holds it (load/link-loop), a second path to a file
// or directory already read (load/duplicate-path). A path named
// explicitly is read whatever it is, a FIFO or /dev/stdin included, up to
// Limits.MaxFileBytes (limits/file-size past it).
func (l Loader) Load(paths ...string) (*Design, error) {
	var sources []Source
	var diags Diagnostics
	var errs []error
	for _, p := range paths {
		src, d, err := l.collect(osFS{}, filepath.ToSlash(p))
		sources, diags = append(sources, src...), append(diags, d...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	design := l.parse(sources, diags)
	return design, errors.Join(errs...)
}

// LoadFS loads the files and directories at the given roots of fsys ("."
// when none are given).
func (l Loader) LoadFS(fsys fs.FS, roots ...string) (*Design, error) {
	if len(roots) == 0 {
		roots = []string{"."}
	}
	var sources []Source
	var diags Diagnostics
	var errs []error
	for _, r := range roots {
		src, d, err := l.collect(fsys, r)
		sources, diags = append(sources, src...), append(diags, d...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	design := l.parse(sources, diags)
	return design, errors.Join(errs...)
}

// Parse loads a design from sources in memory.
func (l Loader) Parse(sources ...Source) *Design {
	var diags Diagnostics
	kept := sources[:0:0]
	for _, s := range sources {
		if int64(len(s.Data)) > l.maxFileBytes() {
			diags = append(diags, l.tooLarge(s.Name, int64(len(s.Data))))
			continue
		}
		kept = append(kept, s)
	}
	return l.parse(kept, diags)
}

func (l Loader) maxFileBytes() int64 {
	if l.Limits.MaxFileBytes > 0 {
		return l.Limits.MaxFileBytes
	}
	return defaultMaxFileBytes
}

func (l Loader) tooLarge(name string, size int64) Diagnostic {
	return Diagnostic{Rule: ruleFileSize, Severity: defaultSeverity(ruleFileSize), Pos: Pos{File: name},
		Message: fmt.Sprintf("file is larger than the limit of %d bytes (%d or more); it was not loaded", l.maxFileBytes(), size)}
}

// osFS opens operating-system paths as given, relative or absolute.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(filepath.FromSlash(name)) }

func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(filepath.FromSlash(name)) }

func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }

// WalkReads reports whether a directory walk of Load reads the file at
// rel, a slash-separated path relative to the walked directory: a .yaml,
// .yml or .json file with no hidden element ("legacy/.old/x.yaml" is not
// read). A tool that writes files beside a design uses it to tell the
// files the next load would pick up.
func WalkReads(rel string) bool {
	for _, elem := range strings.Split(path.Clean(rel), "/") {
		if strings.HasPrefix(elem, ".") && elem != "." && elem != ".." {
			return false
		}
	}
	return designFile(rel)
}

// designFile reports whether a file found in a directory walk is part of
// the design.
func designFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// walkRules are the rules of what a directory walk meets and does not read.
var walkRules = map[walk.Kind]string{
	walk.NotRegular: ruleNotRegular,
	walk.BrokenLink: ruleBrokenLink,
	walk.Loop:       ruleLinkLoop,
	walk.Duplicate:  ruleDuplicatePath,
}

// collect reads the file at root, or the design files under it. Named
// files are read whatever their extension and type.
func (l Loader) collect(fsys fs.FS, root string) ([]Source, Diagnostics, error) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		return l.read(fsys, root, info.Size(), info.Mode().IsRegular())
	}
	type file struct {
		name string
		size int64
	}
	var files []file
	opts := walk.Options{Skip: func(name string) bool { return strings.HasPrefix(name, ".") }, Wants: designFile}
	found, err := walk.Walk(fsys, root, opts, func(p string, fi fs.FileInfo) { files = append(files, file{p, fi.Size()}) })
	// The operating system's files are read concurrently (their system
	// calls were a fifth of the CPU time of linting 1,000 small files); an
	// fs.FS need not be safe for concurrent use.
	type read struct {
		src   []Source
		diags Diagnostics
		err   error
	}
	reads := make([]read, len(files))
	readOne := func(i int) {
		reads[i].src, reads[i].diags, reads[i].err = l.read(fsys, files[i].name, files[i].size, true)
	}
	if _, ok := fsys.(osFS); ok {
		parallel(len(files), readOne)
	} else {
		for i := range files {
			readOne(i)
		}
	}
	var sources []Source
	var diags Diagnostics
	var errs []error
	for _, r := range reads {
		sources, diags = append(sources, r.src...), append(diags, r.diags...)
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	if err != nil {
		errs = append(errs, err)
	}
	for _, f := range found {
		rule := walkRules[f.Kind]
		diags = append(diags, Diagnostic{Rule: rule, Severity: defaultSeverity(rule), Pos: Pos{File: f.Path}, Message: f.Message()})
	}
	return sources, diags, errors.Join(errs...)
}

// read reads the file name, of size bytes when it was met; regular says
// a walk met it as a regular file (a path named explicitly may be a FIFO,
// read through the os package).
func (l Loader) read(fsys fs.FS, name string, size int64, regular bool) ([]Source, Diagnostics, error) {
	limit := l.maxFileBytes()
	if size > limit {
		return nil, Diagnostics{l.tooLarge(name, size)}, nil
	}
	// The size may change between Stat and Read: read at most one byte
	// more than the limit to notice. The buffer is sized by Stat, so a
	// regular file is read into one allocation.
	var data []byte
	if _, ok := fsys.(osFS); ok && regular {
		var err error
		if data, err = walk.ReadRegular(filepath.FromSlash(name), size, limit); err != nil {
			if _, open := err.(*fs.PathError); open {
				return nil, nil, err
			}
			return nil, nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
	} else {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		var buf bytes.Buffer
		buf.Grow(int(size) + bytes.MinRead)
		if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
			return nil, nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		data = buf.Bytes()
	}
	if int64(len(data)) > limit {
		return nil, Diagnostics{l.tooLarge(name, int64(len(data)))}, nil
	}
	return []Source{{Name: name, Data: data}}, nil, nil
}

// fileResult is what reading one file produced.
type fileResult struct {
	docs     []*Document
	diags    Diagnostics
	supp     []suppression
	unloaded []unloadedDoc
}

// parse turns sources into a Design: YAML to documents (yamlx), documents
// to schema-checked values, values to the typed model, then the index.
// Files are processed concurrently; the result does not depend on timing.
func (l Loader) parse(sources []Source, diags Diagnostics) *Design {
	results := make([]fileResult, len(sources))
	parallel(len(sources), func(i int) { results[i] = l.parseFile(sources[i]) })

	d := &Design{diags: diags, index: map[string]map[string][]*Document{}}
	for _, s := range sources {
		d.Files = append(d.Files, s.Name)
	}
	nDocs, nDiags := 0, len(d.diags)
	for _, r := range results {
		nDocs, nDiags = nDocs+len(r.docs), nDiags+len(r.diags)
	}
	d.Documents = make([]*Document, 0, nDocs)
	d.diags = slices.Grow(d.diags, nDiags-len(d.diags))
	for _, r := range results {
		d.Documents = append(d.Documents, r.docs...)
		d.diags = append(d.diags, r.diags...)
		d.suppressions = append(d.suppressions, r.supp...)
		d.unloaded = append(d.unloaded, r.unloaded...)
	}
	models := make([]any, len(d.Documents))
	parallel(len(d.Documents), func(i int) { models[i] = buildModel(d.Documents[i]) })
	for i, doc := range d.Documents {
		if doc.Kind != "" && doc.Name != "" && !doc.IsBackstage() { // Backstage has its own identities
			byName := d.index[doc.Kind]
			if byName == nil {
				byName = map[string][]*Document{}
				d.index[doc.Kind] = byName
			}
			byName[doc.Name] = append(byName[doc.Name], doc)
		}
		switch m := models[i].(type) {
		case *Service:
			d.Services = append(d.Services, m)
		case *Role:
			d.Roles = append(d.Roles, m)
		case *Person:
			d.People = append(d.People, m)
		case *Team:
			d.Teams = append(d.Teams, m)
		case *Scorecard:
			d.Scorecards = append(d.Scorecards, m)
		case *TicketPolicy:
			d.TicketPolicies = append(d.TicketPolicies, m)
		case *Settings:
			if d.Settings.Doc == nil { // the first wins; settings/duplicate reports the others
				d.Settings = *m
			}
		case *Objective:
			d.Objectives = append(d.Objectives, m)
		case *Calendar:
			d.Calendars = append(d.Calendars, m)
		case *BackstageEntity:
			d.Backstage = append(d.Backstage, m)
		default:
			d.OpenSLO.add(m)
		}
	}
	d.indexBackstage()
	d.linkObjectives() // objectives need every document: calendars, SLIs, alert policies
	if d.Settings.Doc == nil {
		d.Settings = DefaultSettings()
	}
	d.diags.Sort()
	return d
}

// buildModel maps a native document of a known kind to its typed model.
func buildModel(doc *Document) any {
	if doc.IsOpenSLO() {
		return buildOpenSLO(doc)
	}
	if doc.IsBackstage() {
		return buildBackstageEntity(doc)
	}
	if !doc.Native() {
		return nil
	}
	switch doc.Kind {
	case "Service":
		return buildService(doc)
	case "Role":
		return buildRole(doc)
	case "Person":
		return buildPerson(doc)
	case "Team":
		return buildTeam(doc)
	case "Objective":
		return buildObjective(doc)
	case "Calendar":
		return buildCalendar(doc)
	case "Scorecard":
		return buildScorecard(doc)
	case "TicketPolicy":
		return buildTicketPolicy(doc)
	case "Settings":
		return buildSettings(doc)
	}
	return nil
}

func (l Loader) parseFile(src Source) fileResult {
	var r fileResult
	isJSON := strings.EqualFold(path.Ext(src.Name), ".json")
	docs, findings := yamlx.Parse(src.Data, yamlx.Options{JSON: isJSON, Compact: true, Limits: yamlx.Limits{
		MaxDocuments: l.documentLimit(len(src.Data)), MaxDepth: l.Limits.MaxDepth, MaxAliasExpansion: l.Limits.MaxAliasExpansion,
	}})
	docs = splitDocumentLists(docs) // a list of OpenSLO objects, as the OpenSLO go-sdk writes them
	embedded, embeddedFindings := embeddedDocuments(src.Data, docs, yamlx.Options{Compact: true, Limits: yamlx.Limits{
		MaxDocuments: l.Limits.MaxDocuments, MaxDepth: l.Limits.MaxDepth, MaxAliasExpansion: l.Limits.MaxAliasExpansion,
	}}) // Calendars an exported SLO carries (openslo_embedded.go)
	docs, findings = append(docs, embedded...), append(findings, embeddedFindings...)
	for _, f := range findings {
		dg := Diagnostic{Rule: f.Rule, Severity: defaultSeverity(f.Rule), Pos: Pos{File: src.Name, Line: f.Line, Column: f.Column},
			Path: f.Path, Message: f.Message}
		for _, rel := range f.Related {
			dg.Related = append(dg.Related, Related{Pos: Pos{File: src.Name, Line: rel.Line, Column: rel.Column}, Message: rel.Message})
		}
		if f.Kind != "" && f.Name != "" {
			// The document is not read: say which, so that nobody takes
			// the silence of the checks of references to it for a pass.
			dg.Message += fmt.Sprintf("; %s %q is not loaded, and references to it are not checked, until this is fixed", f.Kind, f.Name)
			r.unloaded = append(r.unloaded, unloadedDoc{kind: f.Kind, name: f.Name, pos: dg.Pos})
		}
		r.diags = append(r.diags, dg)
	}
	docDiags := make([]Diagnostics, len(docs))
	r.docs = make([]*Document, len(docs))
	parallel(len(docs), func(i int) {
		y := docs[i]
		doc := &Document{File: src.Name, Index: y.Index, Start: Pos{File: src.Name, Line: y.Line, Column: y.Column}, Value: y.Value, root: y.Tree}
		r.docs[i] = doc
		docDiags[i] = checkDocument(doc)
	})
	n := len(r.diags)
	for _, dd := range docDiags {
		n += len(dd)
	}
	r.diags = slices.Grow(r.diags, n-len(r.diags))
	for _, dd := range docDiags {
		r.diags = append(r.diags, dd...)
	}
	r.supp = scanSuppressions(src)
	return r
}

// checkDocument reads the envelope of a document and validates a native
// one against its kind's schema.
func checkDocument(doc *Document) Diagnostics {
	var out Diagnostics
	report := func(rule, ptr string, keyPos bool, msg string) {
		pos := doc.At(ptr)
		if keyPos {
			pos = doc.KeyAt(ptr)
		}
		out = append(out, Diagnostic{Rule: rule, Severity: defaultSeverity(rule), Pos: pos, Path: ptr, Message: msg})
	}
	root, ok := doc.Value.(obj)
	if !ok {
		report(ruleType, "", false, "a document must be a mapping with apiVersion, kind, metadata and spec")
		return out
	}
	doc.APIVersion, _ = root["apiVersion"].(string)
	doc.Kind, _ = root["kind"].(string)
	meta := sub(root, "metadata")
	doc.Name = str(meta, "name")
	doc.Title = str(meta, "title")
	switch {
	case doc.APIVersion == "" && doc.Kind == "":
		report(ruleRequired, "/apiVersion", false, `missing required keys "apiVersion" and "kind": not a design document`)
		return out
	case doc.IsOpenSLO():
		checkOpenSLO(doc, report)
		return out
	case doc.IsBackstage():
		return out // checked by the rules backstage/... (catalog/rules/backstage.go)
	case doc.APIVersion != APIVersion:
		dir, _ := nativeSchemas()                // an error is reported below, for opsdesign documents
		if checkMisversioned(doc, dir, report) { // apiversion.go
			return out
		}
		if !strings.HasPrefix(doc.APIVersion, "opsdesign/") {
			if checkBackstageTypo(doc, report) { // backstage_entity.go
				return out
			}
			report(ruleForeign, "/apiVersion", false, fmt.Sprintf("%s %s is not a document opsdesign reads (it reads %s); it is kept but not checked",
				doc.APIVersion, doc.Kind, strings.Join(APIVersions(), ", ")))
			return out
		}
		report(ruleEnum, "/apiVersion", false, fmt.Sprintf("unsupported apiVersion %q; want %q", doc.APIVersion, APIVersion))
		return out
	}
	dir, err := nativeSchemas()
	var s *kindSchema
	if err == nil {
		s, err = dir.Schema(doc.Kind)
	}
	if err != nil {
		// The embedded schemas are tested; this only guards against a broken build.
		report(ruleValue, "", false, err.Error())
		return out
	}
	if s == nil {
		if doc.Kind == "" {
			report(ruleRequired, "/kind", false, `missing required key "kind"`)
		} else {
			report(ruleUnknownKind, "/kind", false, fmt.Sprintf("unknown kind %q%s", doc.Kind, suggest.DidYouMean(doc.Kind, dir.Kinds())))
		}
		return out
	}
	validate(s, doc, report)
	return out
}

// parallel runs f(0..n-1) on up to GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
