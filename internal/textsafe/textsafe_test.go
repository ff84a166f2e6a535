package textsafe_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/internal/textsafe"
)

func TestClasses(t *testing.T) {
	for _, r := range []rune{0x202A, 0x202E, 0x2066, 0x2069, 0x200E, 0x200F, 0x061C} {
		assert.True(t, textsafe.IsBidiControl(r), "%U", r)
		assert.True(t, textsafe.IsHidden(r), "%U", r)
	}
	for _, r := range []rune{0, 1, 0x1B, 0x7F, 0x80, 0x9F} {
		assert.True(t, textsafe.IsControl(r), "%U", r)
	}
	for _, r := range []rune{'\t', '\n', '\r', ' ', 'a', 0xA0, 0x2029, 0x2065, 0x202F, '会'} {
		assert.False(t, textsafe.IsHidden(r), "%U", r)
	}
	i, r := textsafe.Find("会員\u202Eカード")
	assert.Equal(t, 6, i)
	assert.Equal(t, rune(0x202E), r)
	i, _ = textsafe.Find("plain\ttext\n")
	assert.Equal(t, -1, i)
	assert.Equal(t, "U+202E (RIGHT-TO-LEFT OVERRIDE)", textsafe.Name(0x202E))
	assert.Equal(t, "U+0000 (NUL)", textsafe.Name(0))
	assert.Equal(t, "U+0001", textsafe.Name(1))
}

func TestEscape(t *testing.T) {
	assert.Equal(t, `admin\u202Egpj.exe`, textsafe.Escape("admin\u202Egpj.exe"))
	assert.Equal(t, `a\u0000b\u001B[31m`, textsafe.Escape("a\x00b\x1b[31m"))
	assert.Equal(t, "line\nnext\ttab", textsafe.Escape("line\nnext\ttab"))
	assert.Equal(t, "\xff not UTF-8", textsafe.Escape("\xff not UTF-8"))
}

// The writer escapes what Escape does, however the writes cut the text.
func TestWriter(t *testing.T) {
	in := "# 会員\u202Eカード\n\x00 and \u2066isolated\u2069 \xff done é"
	want := textsafe.Escape(in)
	for size := 1; size <= len(in); size++ {
		var out bytes.Buffer
		w := textsafe.NewWriter(&out)
		for i := 0; i < len(in); i += size {
			n, err := w.Write([]byte(in[i:min(i+size, len(in))]))
			require.NoError(t, err)
			require.Equal(t, min(size, len(in)-i), n)
		}
		require.NoError(t, w.Flush())
		assert.Equal(t, want, out.String(), "writes of %d bytes", size)
	}
	// An incomplete character at the very end is written as it is.
	var out bytes.Buffer
	w := textsafe.NewWriter(&out)
	_, err := w.Write([]byte("x\xe2\x80"))
	require.NoError(t, err)
	require.NoError(t, w.Flush())
	assert.Equal(t, "x\xe2\x80", out.String())

	_, err = textsafe.NewWriter(iotest.TruncateWriter(&out, 0)).Write([]byte(strings.Repeat("x", 10)))
	require.NoError(t, err)
}

// FuzzEscape: no hidden character survives escaping, and nothing else
// changes.
func FuzzEscape(f *testing.F) {
	f.Add("会員\u202Eカード\x00")
	f.Fuzz(func(t *testing.T, s string) {
		e := textsafe.Escape(s)
		if i, r := textsafe.Find(e); i >= 0 {
			t.Fatalf("%U survives in %q", r, e)
		}
		var out bytes.Buffer
		w := textsafe.NewWriter(&out)
		for i := 0; i < len(s); i += 3 {
			_, _ = w.Write([]byte(s[i:min(i+3, len(s))]))
		}
		_ = w.Flush()
		if out.String() != e {
			t.Fatalf("writer %q, Escape %q", out.String(), e)
		}
	})
}
