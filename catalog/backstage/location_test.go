package backstage

import (
	"path"
	"strings"
	"testing"
)

func TestLocationTargets(t *testing.T) {
	e := entity("Location", map[string]any{"name": "root"}, map[string]any{
		"type": "url", "target": "./a.yaml", "targets": []any{"./b/*.yaml", 3, "https://example.com/c.yaml"}, "presence": "optional",
	})
	got, optional := LocationTargets(e)
	want := []Target{{"/spec/target", "./a.yaml"}, {"/spec/targets/0", "./b/*.yaml"}, {"/spec/targets/2", "https://example.com/c.yaml"}}
	if len(got) != len(want) || !optional {
		t.Fatalf("got %v, optional %v", got, optional)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("target %d: got %v, want %v", i, got[i], want[i])
		}
	}
	if !got[2].IsURL() || got[0].IsURL() {
		t.Error("IsURL is wrong")
	}
}

func TestTargetResolveAndMatch(t *testing.T) {
	tests := []struct {
		file, target, name string
		resolves, match    bool
	}{
		{"repo/catalog-info.yaml", "./components/shop.yaml", "repo/components/shop.yaml", true, true},
		{"repo/catalog-info.yaml", "components/shop.yaml", "repo/components/shop.yaml", true, true},
		{"repo/sub/catalog-info.yaml", "../apis/orders.yaml", "repo/apis/orders.yaml", true, true},
		{"catalog-info.yaml", "./apis/*.yaml", "apis/orders.yaml", true, true},
		{"catalog-info.yaml", "./apis/*.yaml", "apis/v2/orders.yaml", true, false},
		{"catalog-info.yaml", "./**/catalog-info.yaml", "a/b/c/catalog-info.yaml", true, true},
		{"catalog-info.yaml", "./**/catalog-info.yaml", "catalog-info.yaml", true, true},
		{"catalog-info.yaml", "./docs/**/x.yaml", "docs/x.yaml", true, true},
		{"catalog-info.yaml", "./docs/**/x.yaml", "other/x.yaml", true, false},
		{"catalog-info.yaml", "https://github.com/o/r/blob/main/catalog-info.yaml", "", false, false},
		{"catalog-info.yaml", "/etc/catalog.yaml", "", false, false},
		{"catalog-info.yaml", "  ", "", false, false},
	}
	for _, tt := range tests {
		p, ok := Target{Raw: tt.target}.Resolve(tt.file)
		if ok != tt.resolves {
			t.Errorf("%s from %s: resolves %v, want %v", tt.target, tt.file, ok, tt.resolves)
			continue
		}
		if ok && MatchTarget(p, tt.name) != tt.match {
			t.Errorf("%s from %s (%s) against %s: match %v, want %v", tt.target, tt.file, p, tt.name, !tt.match, tt.match)
		}
	}
}

func FuzzMatchTarget(f *testing.F) {
	f.Add("a/**/b/*.yaml", "a/x/y/b/c.yaml")
	f.Add("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/z", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/y")
	f.Add("[", "a")
	f.Fuzz(func(t *testing.T, pattern, file string) {
		got := MatchTarget(pattern, file) // must end quickly, whatever the pattern
		// A one-element pattern matches as path.Match matches.
		if strings.Contains(pattern, "/") || pattern == "**" {
			return
		}
		if want, err := path.Match(pattern, path.Clean(file)); err == nil && got != want {
			t.Errorf("MatchTarget(%q, %q) = %v, path.Match says %v", pattern, file, got, want)
		}
	})
}
