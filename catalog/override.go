package catalog

import (
	"path"
	"slices"
	"strings"
)

// Override configures rules for some files only, on top of Config.Rules:
// legacy designs held to a lower bar, generated files spared a rule.
type Override struct {
	// Paths are glob patterns matched against the file of a finding as the
	// design was loaded, with forward slashes. "*" and "?" match within one
	// path element, "**" matches any number of elements, and a pattern that
	// matches a directory matches every file under it.
	Paths []string
	// Rules configure rules by ID or group, as Config.Rules does.
	Rules map[string]RuleConfig
}

// Matches reports whether the override applies to the file.
func (o Override) Matches(file string) bool {
	if file == "" {
		return false
	}
	name := path.Clean(strings.ReplaceAll(file, `\`, "/"))
	for _, p := range o.Paths {
		if MatchPath(p, name) {
			return true
		}
	}
	return false
}

// MatchPath reports whether a slash-separated file name, or one of the
// directories it is in, matches the glob pattern of an Override. A
// malformed pattern matches nothing.
func MatchPath(pattern, name string) bool {
	pat := strings.Split(path.Clean(pattern), "/")
	parts := strings.Split(path.Clean(name), "/")
	// The name matches when a prefix of its elements (the file itself or a
	// directory holding it) matches the whole pattern.
	ends := matchPrefixes(pat, parts)
	for n := len(parts); n > 0; n-- {
		if ends[n] {
			return true
		}
	}
	return false
}

// matchPrefixes reports, for each n, whether the pattern elements match
// name[:n] exactly; "**" takes any number of name elements, including none.
// It fills one row per pattern element, so its time is
// O(len(pat) × len(name)) however many "**" the pattern holds (a
// backtracking matcher is exponential in them).
func matchPrefixes(pat, name []string) []bool {
	// row[j]: the pattern elements seen so far match name[:j].
	row := make([]bool, len(name)+1)
	next := make([]bool, len(name)+1)
	row[0] = true
	for _, p := range pat {
		clear(next)
		if p == "**" {
			reached := false
			for j := range row {
				reached = reached || row[j]
				next[j] = reached
			}
		} else {
			for j := 1; j <= len(name); j++ {
				if row[j-1] {
					ok, err := path.Match(p, name[j-1])
					next[j] = err == nil && ok
				}
			}
		}
		row, next = next, row
	}
	return row
}

// resolve returns the configuration of a rule for findings in a file, given
// the overrides that match the file: the top-level setting, then each
// matching override in order, a later one
// replacing an earlier one. Within one level an exact ID wins over its
// group.
func (c Config) resolve(id string, matched []int) (RuleConfig, bool) {
	rc, ok := c.lookup(id)
	for _, i := range matched {
		if orc, found := (Config{Rules: c.Overrides[i].Rules}).lookup(id); found {
			rc, ok = orc, true
		}
	}
	return rc, ok
}

// matching returns the indexes of the overrides that apply to a file.
func (c Config) matching(file string) []int {
	var out []int
	for i, o := range c.Overrides {
		if o.Matches(file) {
			out = append(out, i)
		}
	}
	return out
}

// mayRun reports whether a rule must run: unless the top-level settings
// disable it and no override turns it back on for some files.
func (c Config) mayRun(id string) bool {
	if rc, _ := c.lookup(id); !rc.Disabled {
		return true
	}
	for _, o := range c.Overrides {
		if rc, ok := (Config{Rules: o.Rules}).lookup(id); ok && !rc.Disabled {
			return true
		}
	}
	return false
}

// ruleNames lists every rule ID or group the configuration names, at the
// top level and in overrides, sorted and without repeats.
func (c Config) ruleNames() []string {
	names := mapKeys(c.Rules)
	for _, o := range c.Overrides {
		names = append(names, mapKeys(o.Rules)...)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// Apply disables and re-grades diagnostics as the configuration says for
// each one's rule and file. Linter.Lint applies its configuration itself;
// Apply is for findings made outside it, such as a tool's own checks, so
// that one configuration governs them all. The input is not modified.
func (c Config) Apply(diags Diagnostics) Diagnostics {
	out := make(Diagnostics, 0, len(diags))
	matched := map[string][]int{}
	for _, d := range diags {
		m, seen := matched[d.Pos.File]
		if !seen && len(c.Overrides) > 0 {
			m = c.matching(d.Pos.File)
			matched[d.Pos.File] = m
		}
		rc, ok := c.resolve(d.Rule, m)
		if ok && rc.Disabled {
			continue
		}
		if ok && rc.Severity != 0 {
			d.Severity = rc.Severity
		}
		out = append(out, d)
	}
	return out
}
