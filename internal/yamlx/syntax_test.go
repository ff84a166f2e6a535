package yamlx

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// role is a small design document whose lines the syntax tests break.
const role = `apiVersion: opsdesign/v1
kind: Role
metadata:
  name: night-operator
spec:
  tier: associate
  abilities:
    - logic
    - abstraction
`

// A syntax error is reported at the line, and column, of the mistake,
// not at the start of the construct around it (which is where yaml.v3
// puts parser errors), with what is wrong there.
func TestSyntaxErrorAtTheMistake(t *testing.T) {
	modeline := "# yaml-language-server: $schema=../schemas/role.json\n"
	tests := []struct {
		name      string
		src       string
		line, col int
		msg       string
	}{
		{"an item indented one space short", strings.Replace(role, "    - abstraction", "   - abstraction", 1),
			9, 4, "this item is indented by 3, its siblings by 4 (did not find expected key)"},
		{"the same after a modeline on line 1", modeline + strings.Replace(role, "    - abstraction", "   - abstraction", 1),
			10, 4, "this item is indented by 3, its siblings by 4 (did not find expected key)"},
		{"a mistake on line 28 after a modeline", modeline + role + strings.Repeat("  # padding\n", 17) + "   - concretisation\n",
			28, 4, "this item is indented by 3, its siblings by 4 (did not find expected key)"},
		{"a key one space short", strings.Replace(role, "  name: night-operator", "  name: night-operator\n title: 夜勤", 1),
			5, 2, "this key is indented by 1, the keys before it by 2 (did not find expected key)"},
		{"a key two spaces too deep", strings.Replace(role, "  name: night-operator", "  name: night-operator\n    title: 夜勤", 1),
			5, 5, "this key is indented by 4, the keys before it by 2 (mapping values are not allowed in this context)"},
		{"a nested block may start at any depth", strings.Replace(role, "  name: night-operator", "  name: night-operator\n  labels:\n       a: b: c", 1),
			6, 12, "mapping values are not allowed in this context"},
		{"a quote never closed", strings.Replace(role, "night-operator", `"night-operator`, 1),
			4, 9, `the quoted text that starts here with " is never closed (found unexpected end of stream)`},
		{"a flow mapping never closed", strings.Replace(role, "  name: night-operator", "  labels: {shift: night\n  name: night-operator", 1),
			4, 11, "did not find expected ',' or '}'"},
		{"a tab in the indentation", strings.Replace(role, "  tier: associate", "\ttier: associate", 1),
			6, 1, "a tab indents this line, and YAML indents with spaces only (found character that cannot start any token)"},
		{"columns count runes", strings.Replace(role, "  name: night-operator", "  title: 夜勤: 担当", 1),
			4, 12, "mapping values are not allowed in this context"},
		{"CRLF line breaks", strings.ReplaceAll(strings.Replace(role, "    - abstraction", "   - abstraction", 1), "\n", "\r\n"),
			9, 4, "this item is indented by 3, its siblings by 4 (did not find expected key)"},
		{"NUL at its own position", strings.Replace(role, "night-operator", "night\x00operator", 1),
			4, 14, `control character U+0000 (NUL) is not allowed: delete it, or write it as an escape (\0) inside double quotes`},
		{"BEL inside double quotes", strings.Replace(role, "night-operator", "\"night\aoperator\"", 1),
			4, 15, `control character U+0007 (BEL) is not allowed: delete it, or write it as an escape (\x07) inside double quotes`},
		{"DEL after Japanese text", strings.Replace(role, "night-operator", "夜勤\x7f", 1),
			4, 11, `control character U+007F (DEL) is not allowed: delete it, or write it as an escape (\x7F) inside double quotes`},
		{"a C1 control", strings.Replace(role, "tier: associate", "tier: associate\u0090", 1),
			6, 18, `control character U+0090 is not allowed: delete it, or write it as an escape (\x90) inside double quotes`},
		{"a noncharacter", strings.Replace(role, "tier: associate", "tier: \uffffassociate", 1),
			6, 9, `control character U+FFFF is not allowed: delete it, or write it as an escape (\uFFFF) inside double quotes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, fs := Parse([]byte(tt.src), Options{})
			assert.Empty(t, docs)
			require.Len(t, fs, 1)
			assert.Equal(t, RuleSyntax, fs[0].Rule)
			assert.Equal(t, []int{tt.line, tt.col}, []int{fs[0].Line, fs[0].Column}, "position")
			assert.Equal(t, tt.msg, fs[0].Message)
		})
	}
}

// In a stream, the line is the file's: a mistake in the third document,
// whose own line 1 is a comment, is placed in the file.
func TestSyntaxErrorLineInAStream(t *testing.T) {
	src := role + "---\n" + role + "---\n# the third\n" + strings.Replace(role, "    - abstraction", "   - abstraction", 1)
	docs, fs := Parse([]byte(src), Options{})
	assert.Len(t, docs, 2)
	require.Len(t, fs, 1)
	assert.Equal(t, []int{30, 4, 2}, []int{fs[0].Line, fs[0].Column, fs[0].Doc})
}

func TestLineStarts(t *testing.T) {
	assert.Equal(t, []int{0, 0, 0}, lineStarts(nil))
	assert.Equal(t, []int{0, 0, 2}, lineStarts([]byte("a\n")))
	assert.Equal(t, []int{0, 0, 2, 5, 9, 10}, lineStarts([]byte("a\nb\r\nc\u2028d")))
}

func TestOpensBlock(t *testing.T) {
	for text, want := range map[string]bool{
		"spec:":               true,
		"  tasks: # the work": true,
		"- ":                  true,
		"-":                   true,
		"key: &a":             true,
		"key: !!map":          true,
		"note: |":             true,
		"note: >-":            true,
		"name: x":             false,
		"- name: x":           false,
		"url: http://x":       false,
		"":                    false,
	} {
		assert.Equal(t, want, opensBlock([]byte(text)), "%q", text)
	}
}

// A document that does not parse is still named, as far as a line-by-line
// look can tell, so that references to it are known to be unchecked.
func TestEnvelopeOfAnUnreadDocument(t *testing.T) {
	for src, want := range map[string][2]string{
		role: {"Role", "night-operator"},
		"kind: Service # the shop\nmetadata:\n  labels:\n    name: not-this\n  name: \"member-card\"\nspec: [\n": {"Service", "member-card"},
		"kind: 'Team'\nmetadata: {name: night-shift, title: 夜勤}\n":                                               {"Team", "night-shift"},
		"apiVersion: v1\nspec:\n  name: x\n":                                                                     {"", ""},
		"- kind: Role\n":                                                                                         {"", ""},
	} {
		kind, name := envelope([]byte(src))
		assert.Equal(t, want, [2]string{kind, name}, "%q", src)
	}
	_, fs := Parse([]byte(strings.Replace(role, "    - abstraction", "   - abstraction", 1)), Options{})
	require.Len(t, fs, 1)
	assert.Equal(t, [2]string{"Role", "night-operator"}, [2]string{fs[0].Kind, fs[0].Name})
}
