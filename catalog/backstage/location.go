package backstage

import (
	"path"
	"strconv"
	"strings"
)

// Target is one target of a Location entity: its spec.target or an entry
// of its spec.targets.
type Target struct {
	Path string // the JSON pointer of the target: "/spec/target", "/spec/targets/2"
	Raw  string // as written
}

// LocationTargets returns the targets a Location entity (its value as
// decoded from YAML or JSON) names, spec.target first, and whether its
// spec.presence is "optional" (a target Backstage may not find). Targets
// that are not strings are CheckShape's to report and are left out.
func LocationTargets(entity map[string]any) (targets []Target, optional bool) {
	spec, _ := entity["spec"].(map[string]any)
	if t, ok := spec["target"].(string); ok {
		targets = append(targets, Target{Path: "/spec/target", Raw: t})
	}
	list, _ := spec["targets"].([]any)
	for i, v := range list {
		if t, ok := v.(string); ok {
			targets = append(targets, Target{Path: "/spec/targets/" + strconv.Itoa(i), Raw: t})
		}
	}
	presence, _ := spec["presence"].(string)
	return targets, presence == "optional"
}

// IsURL reports whether the target is a URL (https://..., or a scheme of
// a discovery processor), which Backstage fetches, rather than a path.
func (t Target) IsURL() bool { return strings.Contains(t.Raw, "://") }

// Resolve returns the slash-separated path, or glob pattern, that a
// relative target names, read as Backstage reads it: against the directory
// of the file that holds the Location (file is slash-separated). It
// reports false for a URL and for an absolute path, which name nothing
// relative to the files.
func (t Target) Resolve(file string) (string, bool) {
	raw := strings.TrimSpace(t.Raw)
	if raw == "" || t.IsURL() || strings.HasPrefix(raw, "/") {
		return "", false
	}
	return path.Join(path.Dir(file), raw), true
}

// MatchTarget reports whether a slash-separated file name matches a
// resolved target: the same path, or a glob pattern in which * and ?
// match within one path element and ** matches any number of elements,
// as Backstage's file and GitHub discovery read them.
func MatchTarget(pattern, file string) bool {
	return matchElems(strings.Split(pattern, "/"), strings.Split(path.Clean(file), "/"))
}

// matchElems matches path elements by dynamic programming, so that a
// pattern of many "**" costs len(pat)*len(name), not exponential time.
func matchElems(pat, name []string) bool {
	// ok[j]: pat[i:] matches name[j:], for the i of the loop.
	ok := make([]bool, len(name)+1)
	ok[len(name)] = true
	for i := len(pat) - 1; i >= 0; i-- {
		next := make([]bool, len(name)+1)
		if pat[i] == "**" {
			next[len(name)] = ok[len(name)]
			for j := len(name) - 1; j >= 0; j-- {
				next[j] = ok[j] || next[j+1]
			}
		} else {
			for j := len(name) - 1; j >= 0; j-- {
				m, err := path.Match(pat[i], name[j])
				next[j] = err == nil && m && ok[j+1]
			}
		}
		ok = next
	}
	return ok[0]
}
