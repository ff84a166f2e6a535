package suggest

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// Versions returns the known apiVersions ("group/version") a written one
// may mean, nearest first: those a typo away ("opensol/v1" for
// openslo/v1), and, when none of those has the version written, those of
// the same group whose version starts with it ("openslo/v2" for
// openslo.com/v2alpha; a ".com" suffix of a group is not told apart).
// Ties keep the order of known.
func Versions(written string, known []string) []string {
	lw := strings.ToLower(written)
	group, ver := splitVersion(lw)
	limit := max(1, len([]rune(lw))/3)
	best := limit
	for _, c := range known {
		best = min(best, Distance(lw, strings.ToLower(c)))
	}
	dist := map[string]int{}
	exact := false
	for _, c := range known {
		// A typo away, and not much further than the nearest.
		if d := Distance(lw, strings.ToLower(c)); d <= limit && d <= best+1 {
			dist[c] = d
			_, cv := splitVersion(strings.ToLower(c))
			exact = exact || cv == ver
		}
	}
	for _, c := range known {
		cg, cv := splitVersion(strings.ToLower(c))
		if _, done := dist[c]; !done && !exact && ver != "" && strings.HasPrefix(cv, ver) &&
			Distance(strings.TrimSuffix(group, ".com"), strings.TrimSuffix(cg, ".com")) <= 2 {
			dist[c] = Distance(lw, strings.ToLower(c))
		}
	}
	near := slices.Collect(maps.Keys(dist))
	slices.SortFunc(near, func(a, b string) int {
		return cmp.Or(cmp.Compare(dist[a], dist[b]), cmp.Compare(slices.Index(known, a), slices.Index(known, b)))
	})
	return near
}

func splitVersion(v string) (group, version string) {
	i := strings.LastIndexByte(v, '/')
	if i < 0 {
		return "", v
	}
	return v[:i], v[i+1:]
}

// DidYouMeanAny writes the hint for several candidates: `; did you mean
// "a" or "b"?`, or "" for none.
func DidYouMeanAny(candidates []string) string {
	if len(candidates) == 0 {
		return ""
	}
	q := make([]string, len(candidates))
	for i, n := range candidates {
		q[i] = `"` + n + `"`
	}
	return "; did you mean " + strings.Join(q, " or ") + "?"
}
