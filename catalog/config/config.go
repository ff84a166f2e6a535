package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/yamlx"
)

// FileName is the name of the configuration file.
const FileName = ".opsdesign.yaml"

// maxFileBytes bounds the configuration and baseline files read from disk.
const maxFileBytes = 16 << 20

// ErrNotFound is returned (wrapped) by Find when no configuration file is
// found.
var ErrNotFound = errors.New("no " + FileName + " found")

// File is a configuration file as read. Settings naming rules the linter
// does not have are kept here and reported by Config.
type File struct {
	// Path is the file's name as given to Load or Parse; its directory is
	// what the override globs and the baseline are relative to.
	Path      string
	Rules     []Setting
	Overrides []Override
	// Baseline is the baseline file as written in the configuration, ""
	// when there is none; BaselinePath resolves it.
	Baseline    string
	BaselinePos catalog.Pos
}

// Setting configures one rule or group ("lifecycle/*").
type Setting struct {
	Rule   string
	Config catalog.RuleConfig
	Pos    catalog.Pos // of the rule's key in the file
}

// Override configures rules for the files its globs match.
type Override struct {
	Paths []string // as written: relative to the configuration's directory
	Rules []Setting
	Pos   catalog.Pos
}

// Dir is the directory the configuration applies from.
func (f *File) Dir() string { return filepath.Dir(filepath.FromSlash(f.Path)) }

// BaselinePath returns the baseline file named by the configuration,
// relative to its directory, or "" when it names none.
func (f *File) BaselinePath() string {
	if f.Baseline == "" {
		return ""
	}
	p := filepath.FromSlash(f.Baseline)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.Dir(), p)
}

// Find returns the configuration file that applies to a path: the first
// .opsdesign.yaml in the path's directory (the path itself when it is a
// directory) or above it, up to the directory the search stops at:
//
//   - in a repository, its root: the nearest directory holding .git;
//   - outside one, the path's own directory, or the working directory
//     when the path lies inside it: a configuration planted in a shared
//     parent directory must not change a run;
//   - and never above the user's home directory when the path lies
//     inside it, even in search of .git.
//
// The result is relative when start is. It returns an error wrapping
// ErrNotFound when there is none, the error of os.Stat when start does
// not exist, and an error wrapping ErrNotRegular when the .opsdesign.yaml
// found is not a regular file (a FIFO, a directory, a link that leads
// nowhere): it is not read, nor is the search taken past it.
func Find(start string) (string, error) {
	info, err := os.Stat(start)
	if err != nil {
		return "", err
	}
	dir := start
	if !info.IsDir() {
		dir = filepath.Dir(start)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	top := searchTop(abs)
	for d := abs; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, FileName)
		if _, err := os.Lstat(candidate); err == nil {
			if err := regular(candidate); err != nil {
				return "", err
			}
			return relativeTo(start, candidate), nil
		}
		if d == top || filepath.Dir(d) == d {
			break
		}
	}
	return "", fmt.Errorf("config: %w in %s or above it up to %s", ErrNotFound, relativeTo(start, abs), relativeTo(start, top))
}

// ErrNotRegular is wrapped by the errors for a configuration or baseline
// file that is not a regular file. Such files are refused rather than
// read: a FIFO without a writer would block the run forever at its
// opening, before any byte limit could apply, and the directory of the
// file anchors its globs and file names.
var ErrNotRegular = errors.New("not a regular file")

// regular returns an error wrapping ErrNotRegular when name, links
// followed, is not a regular file.
func regular(name string) error {
	fi, err := os.Stat(name)
	if err != nil {
		return fmt.Errorf("config: %s: %w: %w", name, ErrNotRegular, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("config: %s: %w (%s)", name, ErrNotRegular, fileType(fi.Mode()))
	}
	return nil
}

// fileType says what a file that is not regular is.
func fileType(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

// searchTop returns the directory Find stops at for a search from the
// absolute directory dir: see Find.
func searchTop(dir string) string {
	ceiling := "" // no limit
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := filepath.Abs(home); err == nil && within(dir, h) {
			ceiling = h
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d // the repository root
		}
		if d == ceiling || filepath.Dir(d) == d {
			break
		}
	}
	top := dir
	if wd, err := os.Getwd(); err == nil && within(dir, wd) {
		top = wd
	}
	if ceiling != "" && !within(top, ceiling) {
		top = ceiling
	}
	return top
}

// within reports whether path is dir or lies inside it; both are absolute
// and clean.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// relativeTo returns an absolute path found from start relative to the
// working directory when start was relative, so messages stay short.
func relativeTo(start, found string) string {
	if filepath.IsAbs(start) {
		return found
	}
	wd, err := os.Getwd()
	if err != nil {
		return found
	}
	if rel, err := filepath.Rel(wd, found); err == nil {
		return rel
	}
	return found
}

// Load reads the configuration file at path. Problems in it are
// diagnostics; the error reports a file that cannot be read at all.
func Load(path string) (*File, catalog.Diagnostics, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, nil, err
	}
	f, diags := Parse(filepath.ToSlash(path), data)
	return f, diags, nil
}

// readLimited reads a configuration or baseline file, refusing one that
// is not a regular file (ErrNotRegular) and one over maxFileBytes.
func readLimited(name string) ([]byte, error) {
	if fi, err := os.Stat(name); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w (%s): a configuration or baseline is read from a file", name, ErrNotRegular, fileType(fi.Mode()))
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxFileBytes+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if len(data) > maxFileBytes {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("larger than %d bytes", maxFileBytes)}
	}
	return data, nil
}

// Parse reads a configuration from its content; name is the file it came
// from, for positions and for the directory globs are relative to. What is
// valid is kept, everything else is reported, and Parse never fails: an
// empty file configures nothing.
func Parse(name string, data []byte) (*File, catalog.Diagnostics) {
	f := &File{Path: name}
	r := &reporter{file: name}
	doc := parseDocument(name, data, strings.EqualFold(path.Ext(name), ".json"), r)
	// "off" is the documented spelling of a disabled rule: do not warn that
	// YAML 1.1 would have read it as a boolean.
	r.diags = slices.DeleteFunc(r.diags, func(d catalog.Diagnostic) bool {
		return d.Rule == yamlx.RuleAmbiguousBool && isRuleValue(d.Path)
	})
	if doc == nil {
		return f, r.diags
	}
	if doc.Value == nil {
		return f, r.diags // only comments, or an explicit null
	}
	r.validate("config.json", doc.Value)
	root, _ := doc.Value.(map[string]any)
	f.Rules = settings(r, root["rules"], "/rules")
	if list, ok := root["overrides"].([]any); ok {
		for i, item := range list {
			o, ok := item.(map[string]any)
			if !ok {
				continue
			}
			at := fmt.Sprintf("/overrides/%d", i)
			ov := Override{Pos: r.pos(at, false), Rules: settings(r, o["rules"], at+"/rules")}
			globs, _ := o["paths"].([]any)
			for j, g := range globs {
				s, ok := g.(string)
				if !ok || s == "" {
					continue
				}
				if err := checkGlob(s); err != nil {
					r.report("schema/value", fmt.Sprintf("%s/paths/%d", at, j), false, "glob %q: %v", s, err)
					continue
				}
				ov.Paths = append(ov.Paths, s)
			}
			if len(ov.Paths) > 0 {
				f.Overrides = append(f.Overrides, ov)
			}
		}
	}
	if b, ok := root["baseline"].(string); ok && b != "" {
		f.Baseline, f.BaselinePos = b, r.pos("/baseline", false)
	}
	r.diags.Sort()
	return f, r.diags
}

// isRuleValue reports whether a JSON pointer names a rule's setting:
// /rules/<id> or /overrides/<n>/rules/<id>.
func isRuleValue(ptr string) bool {
	parts := strings.Split(ptr, "/")
	switch {
	case len(parts) == 3 && parts[1] == "rules":
		return true
	case len(parts) == 5 && parts[1] == "overrides" && parts[3] == "rules":
		return true
	}
	return false
}

// settings reads a rules mapping; invalid entries were reported by the
// schema and are skipped.
func settings(r *reporter, v any, at string) []Setting {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	var out []Setting
	for _, id := range sortedKeys(m) {
		s, ok := m[id].(string)
		if !ok {
			continue
		}
		var rc catalog.RuleConfig
		if s == "off" {
			rc.Disabled = true
		} else {
			sev, err := catalog.ParseSeverity(s)
			if err != nil || s != sev.String() {
				continue
			}
			rc.Severity = sev
		}
		if !validPattern(id) {
			continue
		}
		out = append(out, Setting{Rule: id, Config: rc, Pos: r.pos(at+"/"+yamlx.Pointer(id)[1:], true)})
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// validPattern reports whether a rule setting's key is a well-formed rule
// ID or group; the schema reports the others.
func validPattern(id string) bool {
	group, rest, ok := strings.Cut(id, "/")
	return ok && group != "" && rest != "" && !strings.ContainsAny(id, " \t")
}

// checkGlob reports a malformed glob: one path.Match rejects in any of its
// elements.
func checkGlob(g string) error {
	for _, elem := range strings.Split(g, "/") {
		if elem == "**" {
			continue
		}
		if _, err := path.Match(elem, ""); err != nil {
			return err
		}
	}
	return nil
}

// Config returns the linter configuration the file describes, and a
// lint/unknown-rule diagnostic, at its key, for every setting that names
// no rule or group of the known rules; those settings are left out, so
// that the linter does not report them again without a position. For the
// configuration of a catalog.Linter, known is linter.Known(): the rules
// that linter checks configuration against. Nil means every rule of the
// product, rules.Registry() of package catalog/rules.
//
// Override globs are relative to the file's directory. A design loaded
// with catalog.Load names its files as the paths given to it, relative to
// the working directory or absolute, so the globs are rebased to match
// either.
func (f *File) Config(known []diag.RuleInfo) (catalog.Config, catalog.Diagnostics) {
	if known == nil {
		known = rules.Registry()
	}
	ids := make([]string, 0, len(known))
	names := map[string]bool{}
	for _, r := range known {
		ids = append(ids, r.ID)
		names[r.ID] = true
		if i := strings.LastIndexByte(r.ID, '/'); i > 0 {
			for g := r.ID[:i]; ; {
				names[g+"/*"] = true
				j := strings.LastIndexByte(g, '/')
				if j < 0 {
					break
				}
				g = g[:j]
			}
		}
	}
	var diags catalog.Diagnostics
	convert := func(list []Setting) map[string]catalog.RuleConfig {
		m := map[string]catalog.RuleConfig{}
		for _, s := range list {
			if !names[s.Rule] {
				diags = append(diags, catalog.Diagnostic{Rule: "lint/unknown-rule", Severity: severity("lint/unknown-rule"), Pos: s.Pos,
					Message: fmt.Sprintf("configuration names unknown rule %q%s", s.Rule, didYouMean(s.Rule, ids))})
				continue
			}
			m[s.Rule] = s.Config
		}
		return m
	}
	c := catalog.Config{Rules: convert(f.Rules)}
	bases := f.globBases()
	for _, o := range f.Overrides {
		co := catalog.Override{Rules: convert(o.Rules)}
		for _, g := range o.Paths {
			for _, b := range bases {
				p := path.Join(b, g)
				if !slices.Contains(co.Paths, p) {
					co.Paths = append(co.Paths, p)
				}
			}
		}
		c.Overrides = append(c.Overrides, co)
	}
	diags.Sort()
	return c, diags
}

// globBases are the directory of the file as it may prefix the names of
// loaded files: as written, relative to the working directory, and
// absolute.
func (f *File) globBases() []string {
	dir := f.Dir()
	bases := []string{filepath.ToSlash(dir)}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return bases
	}
	bases = append(bases, filepath.ToSlash(abs))
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil {
			bases = append(bases, filepath.ToSlash(rel))
		}
	}
	slices.Sort(bases)
	return slices.Compact(bases)
}
