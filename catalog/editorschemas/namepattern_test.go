package editorschemas

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite generated files: the name pattern in ../schemas/envelope.json, docs/schemas")

// unicodeNamePattern is the name pattern as it was written with Unicode
// classes, which Go and JavaScript read but Python's re does not.
const unicodeNamePattern = `^[\p{Ll}\p{Lo}\p{Lm}0-9][\p{Ll}\p{Lo}\p{Lm}\p{M}0-9._-]{0,62}$`

// literalClass writes the runes of the tables as a regular-expression
// class body of literal characters and ranges, which every dialect (Go,
// ECMA-262 with or without the u flag for the BMP, Python) reads alike.
func literalClass(tabs ...*unicode.RangeTable) string {
	var b strings.Builder
	write := func(lo, hi rune) {
		b.WriteRune(lo)
		if hi > lo+1 {
			b.WriteByte('-')
		}
		if hi > lo {
			b.WriteRune(hi)
		}
	}
	lo, hi := rune(-1), rune(-1)
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.In(r, tabs...) {
			continue
		}
		if r == hi+1 {
			hi = r
			continue
		}
		if lo >= 0 {
			write(lo, hi)
		}
		lo, hi = r, r
	}
	if lo >= 0 {
		write(lo, hi)
	}
	return b.String()
}

// literalNamePattern is unicodeNamePattern with each class spelt out from
// Go's Unicode tables.
func literalNamePattern() string {
	first := literalClass(unicode.Ll, unicode.Lo, unicode.Lm)
	rest := literalClass(unicode.Ll, unicode.Lo, unicode.Lm, unicode.M)
	return "^[" + first + "0-9][" + rest + "0-9._-]{0,62}$"
}

// The name pattern in envelope.json spells its classes out (Python's
// validators reject \p{Ll}), and it accepts exactly what the Unicode
// classes accepted: Go's regexp parser reads both to the same ranges of
// code points, so no verdict of the Go validator changes on any input,
// the testdata included (catalog/editorschemas's agreement test and the
// corpus run on them).
func TestNamePatternIsLiteral(t *testing.T) {
	const file = "../schemas/envelope.json"
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var envelope struct {
		Defs struct {
			Name struct{ Pattern string } `json:"name"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(data, &envelope))
	want := literalNamePattern()
	if *update && envelope.Defs.Name.Pattern != want {
		old, err := marshalString(envelope.Defs.Name.Pattern)
		require.NoError(t, err)
		repl, err := marshalString(want)
		require.NoError(t, err)
		require.Equal(t, 1, bytes.Count(data, old))
		require.NoError(t, os.WriteFile(file, bytes.Replace(data, old, repl, 1), 0o644))
		envelope.Defs.Name.Pattern = want
	}
	require.Equal(t, want, envelope.Defs.Name.Pattern, "run go test ./catalog/editorschemas -update")
	assert.NotContains(t, envelope.Defs.Name.Pattern, `\p`)

	// The two patterns parse to the same character classes, range for
	// range: the same verdict on every code point, first or later.
	assert.Equal(t, charClasses(t, unicodeNamePattern), charClasses(t, envelope.Defs.Name.Pattern))
	literal := regexp.MustCompile(envelope.Defs.Name.Pattern)
	for _, s := range []string{"member-card", "会員カード", "jp-24x7", "café", "ꙁ", strings.Repeat("a", 63)} {
		assert.True(t, literal.MatchString(s), s)
	}
	for _, s := range []string{"Member", "-card", "", "a b", "Ärger", strings.Repeat("a", 64)} {
		assert.False(t, literal.MatchString(s), s)
	}
}

// charClasses returns the rune ranges of each character class of a
// pattern, in order, as Go's parser reads them.
func charClasses(t *testing.T, pattern string) [][]rune {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	require.NoError(t, err)
	var out [][]rune
	var walk func(*syntax.Regexp)
	walk = func(r *syntax.Regexp) {
		if r.Op == syntax.OpCharClass {
			out = append(out, r.Rune)
		}
		for _, s := range r.Sub {
			walk(s)
		}
	}
	walk(re)
	require.Len(t, out, 2, pattern[:40])
	return out
}

func marshalString(s string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(s)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
}
