package fastregexp

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// namePatterns are expressions of the shapes the fast path takes, as the
// OpenSLO, Kubernetes and opsdesign schemas write them.
var namePatterns = []string{
	`^[A-Za-z0-9]([A-Za-z0-9._|/\\-]{0,253}[A-Za-z0-9])?$`,
	`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`,
	`^[a-zA-Z0-9]([-._a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$`,
	`^([a-z0-9]([-._a-z0-9]{0,61}[a-z0-9])?)?$`,
	`(^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$)`,
	`^[a-z0-9][a-z0-9._-]*$`,
	`^[A-Za-z0-9][A-Za-z0-9-]*$`,
	`^[A-Za-z]+$`,
	`^x[0-9]+$`,
	`^[a-z]$`,
}

// slowPatterns are left to package regexp.
var slowPatterns = []string{
	`^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$`,
	`^[1-9][0-9]{0,3}(d|w|mo|y)$`,
	`^:?[^:\s]+:?$`,
	`^[a-zé]([-a-z]{0,3}[a-z])?$`, // beyond ASCII
	`^(?i:k)[a-z]*$`,              // case folding of a literal
	`[a-z]+`,                      // not anchored
	`^[a-z]([a-z]{2,5}[a-z])?$`,   // a lower bound
	`^(([A-Za-z0-9][-._A-Za-z0-9]{0,61})?[A-Za-z0-9])?$`,
	`\{name\}`,
}

func TestShapes(t *testing.T) {
	for _, p := range namePatterns {
		assert.True(t, MustCompile(p).Fast(), p)
	}
	for _, p := range slowPatterns {
		assert.False(t, MustCompile(p).Fast(), p)
	}
}

func TestMatchString(t *testing.T) {
	name := MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._|/\\-]{0,253}[A-Za-z0-9])?$`)
	for s, want := range map[string]bool{
		"":                                   false,
		"a":                                  true,
		"a-":                                 false,
		"-a":                                 false,
		"team/api.latency_p99":               true,
		"team:api":                           false,
		"team/api.latency|p99":               true,
		"Checkout-API":                       true,
		"checkout api":                       false,
		"caf\u00e9":                          false,
		"a" + strings.Repeat("b", 253) + "c": true,
		"a" + strings.Repeat("b", 254) + "c": false,
		"\xff":                               false,
	} {
		assert.Equal(t, want, name.MatchString(s), "%q", s)
		assert.Equal(t, regexp.MustCompile(name.String()).MatchString(s), name.MatchString(s), "%q", s)
	}
	empty := MustCompile(`^([a-z0-9]([-._a-z0-9]{0,61}[a-z0-9])?)?$`)
	assert.True(t, empty.MatchString(""))
	assert.True(t, empty.MatchString("prod.eu-1"))
	assert.False(t, empty.MatchString("Prod"))
}

func TestCompileErrors(t *testing.T) {
	for _, bad := range []string{`^[a-z`, `^[a-z]([a-z]{0,2000}[a-z])?$`, `(`} {
		_, err := Compile(bad)
		_, want := regexp.Compile(bad)
		require.Error(t, err, bad)
		assert.Equal(t, want.Error(), err.Error())
		assert.Panics(t, func() { MustCompile(bad) })
	}
}

// FuzzMatchesRegexp holds the fast path to package regexp: the same
// compile errors and the same matches, for any expression and input.
func FuzzMatchesRegexp(f *testing.F) {
	inputs := []string{"", "a", "a-b", "A.b|c/d", "-x", "x-", "abc1", "é", "\xff", "0123", strings.Repeat("a", 70)}
	for _, p := range append(namePatterns, slowPatterns...) {
		for _, in := range inputs {
			f.Add(p, in)
		}
	}
	f.Fuzz(func(t *testing.T, expr, s string) {
		want, err1 := regexp.Compile(expr)
		got, err2 := Compile(expr)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("Compile(%q): regexp says %v, fastregexp %v", expr, err1, err2)
		}
		if err1 != nil {
			return
		}
		if w, g := want.MatchString(s), got.MatchString(s); w != g {
			t.Fatalf("%q (fast %v) on %q: regexp says %v, fastregexp %v", expr, got.Fast(), s, w, g)
		}
	})
}

func BenchmarkMatchString(b *testing.B) {
	const expr = `^[A-Za-z0-9]([A-Za-z0-9._|/\\-]{0,253}[A-Za-z0-9])?$`
	names := []string{"checkout-latency", "Team/Checkout.API-latency", "a", "bad name"}
	b.Run("fastregexp", func(b *testing.B) {
		re := MustCompile(expr)
		for b.Loop() {
			for _, n := range names {
				re.MatchString(n)
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		re := regexp.MustCompile(expr)
		for b.Loop() {
			for _, n := range names {
				re.MatchString(n)
			}
		}
	})
}
