package catalog

import (
	"path"
	"strings"
	"testing"
)

// matchElemsReference is the plain backtracking matcher MatchPath's table
// replaces: exponential in "**", but obviously right on small inputs.
func matchElemsReference(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchElemsReference(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

func FuzzMatchPath(f *testing.F) {
	for _, s := range [][2]string{{"**/*.yaml", "a/b/c.yaml"}, {"a/**/c", "a/c"}, {"**/**/x", "a/b/x"}, {"a/[", "a/b"}, {"*", "x"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, name string) {
		pat := strings.Split(path.Clean(pattern), "/")
		parts := strings.Split(path.Clean(name), "/")
		if len(pat) > 12 || len(parts) > 12 {
			return // keep the reference fast
		}
		want := false
		for n := len(parts); n > 0 && !want; n-- {
			want = matchElemsReference(pat, parts[:n])
		}
		if got := MatchPath(pattern, name); got != want {
			t.Fatalf("MatchPath(%q, %q) = %v, reference says %v", pattern, name, got, want)
		}
	})
}

func TestMatchPathManyDoubleStars(t *testing.T) {
	pattern := strings.Repeat("**/", 40) + "nomatch"
	name := strings.Repeat("d/", 60) + "f.yaml"
	if MatchPath(pattern, name) {
		t.Fatal("matched")
	}
	if !MatchPath(strings.Repeat("**/", 40)+"f.yaml", name) {
		t.Fatal("did not match")
	}
}
