package jsonptr

import (
	"testing"
)

func TestEscapeRoundTrip(t *testing.T) {
	for _, tok := range []string{"", "a", "a/b", "~", "~1", "~01", "a~/b", "日本/語"} {
		if got := Unescape(Escape(tok)); got != tok {
			t.Errorf("Unescape(Escape(%q)) = %q", tok, got)
		}
	}
	if got := Escape("a/b~c"); got != "a~1b~0c" {
		t.Errorf("Escape = %q", got)
	}
	if got := Unescape("~01"); got != "~1" {
		t.Errorf(`Unescape("~01") = %q, want "~1"`, got)
	}
	if got := Join("spec", "a/b", "0"); got != "/spec/a~1b/0" {
		t.Errorf("Join = %q", got)
	}
	if Join() != "" {
		t.Error(`Join() is not ""`)
	}
}

func TestLookup(t *testing.T) {
	v := map[string]any{"spec": map[string]any{"a/b": []any{"x", map[string]any{"~k": 1}}}, "": "empty key"}
	tests := []struct {
		ptr  string
		want any
		ok   bool
	}{
		{"", v, true},
		{"/spec/a~1b/0", "x", true},
		{"/spec/a~1b/1/~0k", 1, true},
		{"/", "empty key", true},
		{"/spec/a~1b/2", nil, false},
		{"/spec/a~1b/01", nil, false},
		{"/spec/a~1b/-1", nil, false},
		{"/spec/a~1b/0/x", nil, false},
		{"spec", nil, false},
		{"/nope", nil, false},
	}
	for _, tt := range tests {
		got, ok := Lookup(v, tt.ptr)
		if ok != tt.ok || (ok && tt.ptr != "" && got != tt.want) {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", tt.ptr, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	v := map[string]any{"spec": map[string]any{"tasks": []any{map[string]any{"name": "x"}}}}
	if n := testing.AllocsPerRun(100, func() { Lookup(v, "/spec/tasks/0/name") }); n != 0 {
		t.Errorf("Lookup allocates %v times", n)
	}
}
