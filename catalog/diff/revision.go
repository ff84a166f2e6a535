package diff

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
)

// Both revisions of a review must name a file alike, so that a document
// and its findings are matched with themselves: the loaders below name
// files relative to a root (the directory given, or the top of the
// repository), never relative to the working directory.

// LoadFS loads a revision from fsys: the files and directories at paths
// (the whole of fsys when none are given), named as paths of fsys, and
// the .opsdesign.yaml that applies to them, the first found from their
// directory up to the root of fsys. All paths must be governed by the same
// configuration file, or all by none. The configuration is checked against
// every built-in rule; set Revision.Config yourself for rules of your own.
//
// The error reports a path that cannot be read at all (wrapping
// fs.ErrNotExist when it does not exist) or paths governed by different
// configurations.
func LoadFS(name string, fsys fs.FS, paths ...string) (Revision, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	rev := Revision{Name: name, Files: fsys}
	cfgName, err := findConfigFS(fsys, paths)
	if err != nil {
		return rev, err
	}
	if cfgName != "" {
		data, err := fs.ReadFile(fsys, cfgName)
		if err != nil {
			return rev, fmt.Errorf("diff: %s: configuration: %w", name, err)
		}
		f, diags := config.Parse(cfgName, data)
		rev.Config, rev.ConfigFindings = configOf(f, diags)
	}
	design, err := catalog.LoadFS(fsys, paths...)
	if err != nil {
		return rev, fmt.Errorf("diff: %s: %w", name, err)
	}
	rev.Design = design
	return rev, nil
}

// LoadDir loads a revision from a file or directory of the operating
// system, with file names relative to the directory (or, for a file, to
// the directory holding it), so that two copies of a design in different
// places name their files alike. Its configuration is the .opsdesign.yaml
// found from there upward to the repository root (config.Find); overrides
// written for files under a configuration above the directory are
// rebased onto the names relative to it.
func LoadDir(p string) (Revision, error) {
	rev := Revision{Name: p}
	info, err := os.Stat(p)
	if err != nil {
		return rev, fmt.Errorf("diff: %w", err)
	}
	root, target := p, "."
	if !info.IsDir() {
		root, target = filepath.Dir(p), filepath.Base(p)
	}
	cfgPath, err := config.Find(p)
	switch {
	case errors.Is(err, config.ErrNotFound):
	case err != nil:
		return rev, fmt.Errorf("diff: %w", err)
	default:
		f, diags, err := config.Load(cfgPath)
		if err != nil {
			return rev, fmt.Errorf("diff: configuration: %w", err)
		}
		if err := rebaseOverrides(f, root); err != nil {
			return rev, fmt.Errorf("diff: configuration %s: %w", cfgPath, err)
		}
		rev.Config, rev.ConfigFindings = configOf(f, diags)
	}
	rev.Files = os.DirFS(root)
	design, err := catalog.LoadFS(rev.Files, target)
	if err != nil {
		return rev, fmt.Errorf("diff: %s: %w", p, err)
	}
	rev.Design = design
	return rev, nil
}

func configOf(f *config.File, diags catalog.Diagnostics) (catalog.Config, catalog.Diagnostics) {
	cfg, more := f.Config(nil)
	out := append(slices.Clone(diags), more...)
	out.Sort()
	return cfg, out
}

// findConfigFS returns the configuration file that applies to the paths
// of fsys, "" when none does.
func findConfigFS(fsys fs.FS, paths []string) (string, error) {
	found := map[string][]string{}
	var order []string
	for _, p := range paths {
		dir := path.Clean(p)
		if info, err := fs.Stat(fsys, dir); err == nil && !info.IsDir() {
			dir = path.Dir(dir)
		}
		cfg := ""
		for {
			candidate := path.Join(dir, config.FileName)
			if info, err := fs.Stat(fsys, candidate); err == nil && info.Mode().IsRegular() {
				cfg = candidate
				break
			}
			if dir == "." || dir == "/" {
				break
			}
			dir = path.Dir(dir)
		}
		if _, seen := found[cfg]; !seen {
			order = append(order, cfg)
		}
		found[cfg] = append(found[cfg], p)
	}
	if len(order) > 1 {
		var parts []string
		for _, c := range order {
			name := c
			if name == "" {
				name = "no " + config.FileName
			}
			parts = append(parts, fmt.Sprintf("%s (%s)", strings.Join(found[c], ", "), name))
		}
		return "", fmt.Errorf("diff: the paths have different configurations: %s; compare them separately", strings.Join(parts, "; "))
	}
	return order[0], nil
}

// rebaseOverrides makes a configuration's override globs, written
// relative to its own directory, apply to files named relative to root,
// a directory at or below it: the glob "ops/legacy/**" of a configuration
// in the repository's top becomes "legacy/**" for root "ops".
func rebaseOverrides(f *config.File, root string) error {
	absCfg, err := filepath.Abs(f.Dir())
	if err != nil {
		return err
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(absCfg, absRoot)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s is not under the configuration's directory", root)
	}
	var prefix []string
	if rel != "." {
		prefix = strings.Split(filepath.ToSlash(rel), "/")
	}
	for i := range f.Overrides {
		var globs []string
		for _, g := range f.Overrides[i].Paths {
			globs = append(globs, rebaseGlob(g, prefix)...)
		}
		f.Overrides[i].Paths = globs
	}
	// The globs are now relative to root, which names its files from ".".
	f.Path = config.FileName
	return nil
}

// rebaseGlob returns the globs that match, relative to a directory, what
// the glob matches relative to the directory's ancestor prefix elements up
// (catalog.MatchPath: a file, or a directory holding it). It follows the
// glob's elements through the prefix, "**" taking any number of them; a
// glob the prefix itself matches becomes "**", everything.
func rebaseGlob(glob string, prefix []string) []string {
	pat := strings.Split(path.Clean(glob), "/")
	closure := func(states map[int]bool) map[int]bool {
		for i := 0; i < len(pat); i++ {
			if states[i] && pat[i] == "**" {
				states[i+1] = true
			}
		}
		return states
	}
	states := closure(map[int]bool{0: true})
	for _, el := range prefix {
		next := map[int]bool{}
		for i := range states {
			switch {
			case i == len(pat):
				next[i] = true // a directory above matched: all below does
			case pat[i] == "**":
				next[i] = true
			default:
				if ok, err := path.Match(pat[i], el); err == nil && ok {
					next[i+1] = true
				}
			}
		}
		states = closure(next)
	}
	var out []string
	for i := 0; i <= len(pat); i++ {
		if !states[i] {
			continue
		}
		if i == len(pat) {
			return []string{"**"}
		}
		out = append(out, strings.Join(pat[i:], "/"))
	}
	return out
}
