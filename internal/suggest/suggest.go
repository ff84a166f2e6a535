// Package suggest finds the nearest of a set of names to a mistyped one, for
// the "did you mean" hints of the catalog, its configuration and the ticket
// importer.
package suggest

import "strings"

// Closest returns the candidate nearest to s by edit distance (ignoring
// case), when it is near enough to be a plausible typo: at most a third of
// s's runes, and at least one, differ. Ties go to the alphabetically first.
// It returns "" when no candidate is near enough, or s itself is one.
func Closest(s string, candidates []string) string {
	best, bestD := "", -1
	limit := max(1, len([]rune(s))/3)
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if c == s {
			continue
		}
		d := Distance(ls, strings.ToLower(c))
		if d <= limit && (bestD < 0 || d < bestD || (d == bestD && c < best)) {
			best, bestD = c, d
		}
	}
	return best
}

// DidYouMean writes the hint for a message about s: `; did you mean "c"?`
// for the Closest candidate c, or "" when there is none. The candidate is
// quoted as written, without escapes.
func DidYouMean(s string, candidates []string) string {
	if c := Closest(s, candidates); c != "" {
		return `; did you mean "` + c + `"?`
	}
	return ""
}

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
