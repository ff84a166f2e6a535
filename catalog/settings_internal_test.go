package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// periodPattern is the schema's pattern for restoreTestMaxAge: parsePeriod
// must accept exactly what the schema accepts.
var periodPattern = regexp.MustCompile(`^[1-9][0-9]{0,3}(d|w|mo|y)$`)

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"365d", "26w", "6mo", "1y", "9999d", "10000d", "0d", "07d", "1", "d", "1m", "1yr", "１d", "1d ", "-1d", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parsePeriod(s)
		if (err == nil) != periodPattern.MatchString(s) {
			t.Fatalf("parsePeriod(%q) = %v, %v; the schema pattern says %v", s, p, err, periodPattern.MatchString(s))
		}
		if err != nil {
			return
		}
		back, err := parsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("parsePeriod(%q) = %v, written %q, read back as %v, %v", s, p, p.String(), back, err)
		}
	})
}

// FuzzLookup checks Document.Lookup's allocation-free pointer walk against
// a plain reference walk over the split pointer.
func FuzzLookup(f *testing.F) {
	doc := &Document{Value: map[string]any{
		"spec": map[string]any{
			"backups": []any{map[string]any{"restore": map[string]any{"notApplicable": true}}},
			"a/b":     map[string]any{"~c": "x"},
			"":        []any{"y", nil},
		},
	}}
	for _, s := range []string{"", "/", "/spec", "/spec/backups/0/restore/notApplicable", "/spec/a~1b/~0c", "/spec//1", "/spec/backups/01", "spec", "/spec/backups/9/x", "/spec/a~1b/~0c/deeper"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ptr string) {
		v1, ok1 := doc.Lookup(ptr)
		v2, ok2 := lookupReference(doc.Value, ptr)
		if ok1 != ok2 || fmt.Sprint(v1) != fmt.Sprint(v2) {
			t.Fatalf("pointer %q: Lookup = %v, %v; reference = %v, %v", ptr, v1, ok1, v2, ok2)
		}
	})
}

// lookupReference resolves an RFC 6901 pointer the obvious way.
func lookupReference(v any, ptr string) (any, bool) {
	if ptr == "" {
		return v, true
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil, false
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || strings.Trim(tok, "0123456789") != "" || i >= len(x) || (len(tok) > 1 && tok[0] == '0') {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}
