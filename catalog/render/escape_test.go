package render

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
