// Package jsonptr reads and writes RFC 6901 JSON pointers ("/spec/tasks/0"),
// the one way findings, schemas and documents name a place in a value.
// Escape, Unescape and Join work on reference tokens; Lookup follows a
// pointer through plain decoded values (map[string]any, []any) without
// allocating.
package jsonptr

import "strings"

// Escape escapes a reference token: "~" becomes "~0" and "/" becomes "~1".
func Escape(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// Unescape undoes Escape. "~1" is replaced first: doing "~0" first would
// turn "~01" into "/" instead of "~1".
func Unescape(tok string) string {
	if !strings.Contains(tok, "~") {
		return tok
	}
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// Join builds a pointer from unescaped tokens; Join() is "", the whole
// value.
func Join(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(Escape(t))
	}
	return b.String()
}

// Lookup returns the value at ptr inside v, a plain decoded value
// (map[string]any, []any, scalars), and whether it exists. A pointer
// other than "" must start with "/"; an array index is written in
// decimal without leading zeros, as RFC 6901 says. It does not allocate
// unless a token holds an escape.
func Lookup(v any, ptr string) (any, bool) {
	rest, ok := strings.CutPrefix(ptr, "/")
	if !ok {
		if ptr != "" {
			return nil, false
		}
		return v, true
	}
	for {
		tok, more, found := strings.Cut(rest, "/")
		tok = Unescape(tok)
		switch x := v.(type) {
		case map[string]any:
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, ok := Index(tok)
			if !ok || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
		if !found {
			return v, true
		}
		rest = more
	}
}

// Index reads an array index token: decimal digits without a leading
// zero (but "0" itself), at most 9 of them.
func Index(tok string) (int, bool) {
	if tok == "" || len(tok) > 9 || (len(tok) > 1 && tok[0] == '0') {
		return 0, false
	}
	n := 0
	for _, c := range []byte(tok) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
