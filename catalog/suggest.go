package catalog

import "github.com/opsdesign/opsdesign/internal/suggest"

// didYouMean formats a suggestion for a message, or "" when there is none.
func didYouMean(s string, candidates []string) string {
	if c := suggest.Closest(s, candidates); c != "" {
		return "; did you mean " + quote(c) + "?"
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }
