package render

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/textsafe"
)

func TestMarkdownEscapes(t *testing.T) {
	tests := []struct {
		name, in, text, para, code, cellCode string
	}{
		{"plain", "会員カード", "会員カード", "会員カード", "`会員カード`", "`会員カード`"},
		{"emphasis and links", "*a* _b_ [c](d)", `\*a\* \_b\_ \[c\](d)`, `\*a\* \_b\_ \[c\](d)`, "`*a* _b_ [c](d)`", "`*a* _b_ [c](d)`"},
		{"html", "<b>&</b>", `\<b\>&amp;\</b\>`, `\<b\>&amp;\</b\>`, "`<b>&</b>`", "`<b>&</b>`"},
		{"pipe", "a|b", `a\|b`, `a\|b`, "`a|b`", "`a\\|b`"},
		{"list marker", "- x", `- x`, `\- x`, "`- x`", "`- x`"},
		{"numbered", "12. x", `12. x`, `12\. x`, "`12. x`", "`12. x`"},
		{"heading", "# x", `\# x`, `\# x`, "`# x`", "`# x`"},
		{"backticks", "a`b``c", "a\\`b\\`\\`c", "a\\`b\\`\\`c", "```a`b``c```", "```a`b``c```"},
		{"edge backtick", "`x", "\\`x", "\\`x", "`` `x ``", "`` `x ``"},
		{"empty", "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.text, mdText(tt.in))
			assert.Equal(t, tt.para, mdParagraph(tt.in))
			assert.Equal(t, tt.code, mdCode(tt.in, false))
			assert.Equal(t, tt.cellCode, mdCode(tt.in, true))
		})
	}
}

func TestAnchors(t *testing.T) {
	a := anchorSet{}
	assert.Equal(t, "service-member-card", a.add("service-member-card"))
	assert.Equal(t, "service-member-card-2", a.add("service-member-card"))
	assert.Equal(t, "service-member-card-3", a.add("service-member-card"))
	assert.Equal(t, "service-member-card-2-2", a.add("service-member-card-2"))
	assert.Equal(t, "service-会員-a-b-c", a.add("service-会員 A\"B<C"))
}

// The reproduction: names and titles carrying bidirectional
// controls passed into Markdown and HTML unflagged, and raw NUL bytes
// reached Markdown. Every page writes them as visible escapes.
func TestHiddenCharactersEscaped(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: Service\nmetadata:\n  name: member-card\n  title: \"会員\\u202Eカード\\0\"\n" +
		"spec:\n  state: active\n  owner: ops\n  value: \"Members\\u2066 come\\u2069 back\\x07\"\n" +
		"  requestTypes:\n    - name: change\n      title: \"住所\\u200F変更\"\n      parameters: {type: object, properties: {note: {type: string, description: \"free\\x1b[31m text\"}}}\n"
	d := catalog.Parse(catalog.Source{Name: "s.yaml", Data: []byte(src)})
	require.Empty(t, d.Diagnostics())
	for name, write := range map[string]func(io.Writer, *catalog.Design, Options) error{"markdown": Markdown, "html": HTML} {
		var b strings.Builder
		require.NoError(t, write(&b, d, Options{}))
		out := b.String()
		i, r := textsafe.Find(out)
		assert.Equal(t, -1, i, "%s holds %U raw", name, r)
		assert.Contains(t, out, `\u202E`, name)
		if name == "markdown" { // html/template writes NUL as U+FFFD itself
			assert.Contains(t, out, `\u0000`, name)
		}
		assert.Contains(t, out, `\u2066`, name)
		assert.Contains(t, out, `\u200F`, name)
		assert.NotContains(t, out, "\x00", name)
	}
}
