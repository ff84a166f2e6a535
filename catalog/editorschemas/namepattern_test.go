package editorschemas

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
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
// classes accepted: every code point is tried as a name's first character
// and as a later one, so no verdict of the Go validator changes on any
// input, the testdata included.
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

	literal := regexp.MustCompile(envelope.Defs.Name.Pattern)
	classes := regexp.MustCompile(unicodeNamePattern)
	differ := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for _, s := range []string{string(r), "a" + string(r)} {
			if literal.MatchString(s) != classes.MatchString(s) {
				differ++
				if differ < 5 {
					t.Errorf("%q (U+%04X): literal pattern says %v, Unicode classes %v", s, r, literal.MatchString(s), classes.MatchString(s))
				}
			}
		}
	}
	assert.Zero(t, differ)
	for _, s := range []string{"member-card", "会員カード", "jp-24x7", "café", "ꙁ", strings.Repeat("a", 63)} {
		assert.True(t, literal.MatchString(s), s)
	}
	for _, s := range []string{"Member", "-card", "", "a b", "Ärger", strings.Repeat("a", 64)} {
		assert.False(t, literal.MatchString(s), s)
	}
}

func marshalString(s string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(s)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
}
