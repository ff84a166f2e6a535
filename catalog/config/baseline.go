package config

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/opsdesign/opsdesign/catalog"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is a set of accepted findings. Its zero value accepts nothing.
type Baseline struct {
	// Dir is the directory file names are recorded relative to: the
	// baseline file's own, so the baseline works from any working
	// directory. "" records file names as the diagnostics give them (for
	// designs loaded from an fs.FS).
	Dir     string
	Entries []Entry

	file string    // where it was read from, for positions
	at   []located // of each entry in that file
}

// located is where an entry was read.
type located struct {
	pos catalog.Pos
	ptr string
}

// Entry is one accepted finding, or several identical ones (Count).
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Path        string `json:"path,omitempty"`
	Message     string `json:"message"`
	Count       int    `json:"count,omitempty"` // how many identical findings; 0 or 1 means one
}

// Fingerprint identifies a finding across edits: a hash of its rule, its
// file (relative to dir, with forward slashes), its JSON pointer and its
// message. The line and column are left out, and so are line numbers that
// a message quotes ("the first one (line 9) is kept"), so the fingerprint
// survives lines added or removed above the finding.
func Fingerprint(d catalog.Diagnostic, dir string) string {
	return newNamer(dir).fingerprint(d)
}

// quotedLine matches a line number quoted in a message.
var quotedLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\blines? [0-9]+\b`) })

// namer names files relative to one directory, remembering each answer:
// making paths absolute asks the system for the working directory.
type namer struct {
	dir, absDir string
	names       map[string]string
	sum         hash.Hash
}

func newNamer(dir string) *namer {
	n := &namer{dir: dir, names: map[string]string{}, sum: sha256.New()}
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			n.absDir = abs
		}
	}
	return n
}

func (n *namer) fingerprint(d catalog.Diagnostic) string {
	return n.hash(d.Rule, n.rel(d.Pos.File), d.Path, d.Message)
}

func (n *namer) hash(rule, file, ptr, msg string) string {
	n.sum.Reset()
	if strings.Contains(msg, "line") {
		msg = quotedLine().ReplaceAllString(msg, "line")
	}
	for _, s := range []string{rule, file, ptr, msg} {
		io.WriteString(n.sum, s)
		n.sum.Write([]byte{0})
	}
	var buf [sha256.Size]byte
	return hex.EncodeToString(n.sum.Sum(buf[:0])[:16])
}

// rel names a file relative to the directory with forward slashes; a file
// outside it keeps its absolute name.
func (n *namer) rel(file string) string {
	if name, ok := n.names[file]; ok {
		return name
	}
	name := path.Clean(filepath.ToSlash(file))
	switch {
	case file == "":
		name = ""
	case n.dir == "" || n.absDir == "":
	default:
		if abs, err := filepath.Abs(filepath.FromSlash(file)); err == nil {
			name = filepath.ToSlash(abs)
			if rel, err := filepath.Rel(n.absDir, abs); err == nil {
				name = filepath.ToSlash(rel)
			}
		}
	}
	n.names[file] = name
	return name
}

// NewBaseline records findings, with file names relative to dir (the
// directory the baseline file will be written to).
func NewBaseline(dir string, diags catalog.Diagnostics) *Baseline {
	b := &Baseline{Dir: dir}
	index := map[string]int{}
	n := newNamer(dir)
	for _, d := range diags {
		e := Entry{Rule: d.Rule, File: n.rel(d.Pos.File), Path: d.Path, Message: d.Message}
		e.Fingerprint = n.hash(e.Rule, e.File, e.Path, e.Message)
		if i, ok := index[e.Fingerprint]; ok {
			b.Entries[i].Count = max(b.Entries[i].Count, 1) + 1
			continue
		}
		index[e.Fingerprint] = len(b.Entries)
		b.Entries = append(b.Entries, e)
	}
	slices.SortFunc(b.Entries, func(x, y Entry) int {
		return cmp.Or(strings.Compare(x.File, y.File), strings.Compare(x.Rule, y.Rule),
			strings.Compare(x.Path, y.Path), strings.Compare(x.Message, y.Message))
	})
	return b
}

// baselineFile is the JSON form of a baseline.
type baselineFile struct {
	Schema   string  `json:"$schema"`
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Write writes the baseline as JSON, entries sorted by file, rule, path and
// message so that it diffs well under version control.
func (b *Baseline) Write(w io.Writer) error {
	entries := b.Entries
	if entries == nil {
		entries = []Entry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(baselineFile{Schema: schemaBase + "baseline.json", Version: BaselineVersion, Findings: entries})
}

// ReadBaseline reads a baseline file; its file names are relative to its
// directory. Problems in the file are diagnostics (the entries that can be
// read are kept); the error reports a file that cannot be read at all.
func ReadBaseline(name string) (*Baseline, catalog.Diagnostics, error) {
	data, err := readLimited(name)
	if err != nil {
		return nil, nil, err
	}
	// The directory is made absolute now, so that the baseline keeps
	// matching if the working directory changes.
	dir, err := filepath.Abs(filepath.Dir(name))
	if err != nil {
		return nil, nil, err
	}
	b, diags := ParseBaseline(filepath.ToSlash(name), data, dir)
	return b, diags, nil
}

// ParseBaseline reads a baseline from its content: name is the file it
// came from, for positions, and dir the directory its file names are
// relative to. A JSON baseline is read entry by entry, in memory about
// its size and its entries' (a YAML one, which -write-baseline never
// writes, is parsed whole).
func ParseBaseline(name string, data []byte, dir string) (*Baseline, catalog.Diagnostics) {
	if isYAMLName(name) {
		return parseBaselineDoc(name, data, dir)
	}
	return streamBaseline(name, data, dir)
}

func isYAMLName(name string) bool {
	return strings.EqualFold(path.Ext(name), ".yaml") || strings.EqualFold(path.Ext(name), ".yml")
}

// parseBaselineDoc reads a baseline as one document with positions.
func parseBaselineDoc(name string, data []byte, dir string) (*Baseline, catalog.Diagnostics) {
	b := &Baseline{Dir: dir, file: name}
	r := &reporter{file: name}
	doc := parseDocument(name, data, !isYAMLName(name), r)
	if doc == nil {
		if len(r.diags) == 0 {
			r.report("schema/required", "", false, "the baseline file is empty; write it with -write-baseline")
		}
		return b, r.diags
	}
	r.validate("baseline.json", doc.Value)
	root, _ := doc.Value.(map[string]any)
	list, _ := root["findings"].([]any)
	for i, item := range list {
		e, ok := entryOf(item)
		if !ok {
			continue // reported by the schema
		}
		ptr := fmt.Sprintf("/findings/%d", i)
		b.Entries = append(b.Entries, e)
		b.at = append(b.at, located{r.pos(ptr, false), ptr})
	}
	r.diags.Sort()
	return b, r.diags
}

// Filter splits findings into the new ones, which the baseline does not
// record, and returns them with a baseline/stale diagnostic for every entry
// that matched no finding. Each entry accepts as many identical findings as
// its count. The input is not modified.
func (b *Baseline) Filter(diags catalog.Diagnostics) (fresh, stale catalog.Diagnostics) {
	left := map[string]int{}
	for _, e := range b.Entries {
		left[e.Fingerprint] += max(e.Count, 1)
	}
	n := newNamer(b.Dir)
	for _, d := range diags {
		fp := n.fingerprint(d)
		if left[fp] > 0 {
			left[fp]--
			continue
		}
		fresh = append(fresh, d)
	}
	for i, e := range b.Entries {
		n := left[e.Fingerprint]
		if n <= 0 {
			continue
		}
		left[e.Fingerprint] = 0
		at := located{catalog.Pos{File: b.file}, fmt.Sprintf("/findings/%d", i)}
		if i < len(b.at) {
			at = b.at[i]
		}
		where := e.File
		if e.Path != "" {
			where += " at " + e.Path
		}
		times := ""
		if n > 1 {
			times = fmt.Sprintf(" (%d of them)", n)
		}
		stale = append(stale, catalog.Diagnostic{Rule: "baseline/stale", Severity: severity("baseline/stale"), Pos: at.pos, Path: at.ptr,
			Message: fmt.Sprintf("baseline accepts a %s finding in %s%s that no longer occurs; regenerate the baseline", e.Rule, where, times)})
	}
	return fresh, stale
}
