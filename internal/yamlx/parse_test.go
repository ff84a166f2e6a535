package yamlx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// at is the part of a Finding that tables compare.
type at struct {
	Rule      string
	Line, Col int
	Doc       int
	Path      string
}

func ats(fs []Finding) []at {
	out := make([]at, 0, len(fs))
	for _, f := range fs {
		out = append(out, at{f.Rule, f.Line, f.Column, f.Doc, f.Path})
	}
	return out
}

// docPos is where each returned document starts.
type docPos struct{ Index, Line, Col int }

func docPositions(docs []*Document) []docPos {
	out := make([]docPos, 0, len(docs))
	for _, d := range docs {
		out = append(out, docPos{d.Index, d.Line, d.Column})
	}
	return out
}

func TestParseStream(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		opts     Options
		docs     []docPos
		findings []at
	}{
		{name: "empty file", src: ""},
		{name: "only comments", src: "# a\n\n  # b\n"},
		{name: "only a marker", src: "---\n"},
		{name: "only a BOM", src: "\ufeff"},
		{name: "one implicit document", src: "a: 1\n", docs: []docPos{{0, 1, 1}}},
		{name: "BOM skipped", src: "\ufeffa: 1\n", docs: []docPos{{0, 1, 1}}},
		{
			name:     "error in the middle keeps later documents",
			src:      "a: 1\n---\nb: [1, 2\n---\nc: 3\n---\n# note\nd: 4\n",
			docs:     []docPos{{0, 1, 1}, {2, 5, 1}, {3, 8, 1}},
			findings: []at{{RuleSyntax, 3, 4, 1, ""}},
		},
		{
			name:     "syntax error line is a file line",
			src:      "a: 1\n---\nx: 1\ny: 2\n  z: 3\n---\nok: true\n",
			docs:     []docPos{{0, 1, 1}, {2, 7, 1}},
			findings: []at{{RuleSyntax, 5, 3, 1, ""}},
		},
		{name: "a second byte order mark on the first line is skipped", src: "\ufeff\ufeff\n"},
		{
			name: "a byte order mark on a later line is text",
			src:  "a: 1\n---\n\ufeff\n",
			docs: []docPos{{0, 1, 1}, {1, 3, 1}},
		},
		{
			name:     "unknown alias is reported where it is used",
			src:      "a: 1\n---\nb: \"*x\"\nc: [y, *x]\nd: *x\n",
			docs:     []docPos{{0, 1, 1}},
			findings: []at{{RuleSyntax, 4, 8, 1, ""}},
		},
		{
			name: "content on the marker line",
			src:  "--- |\n  text\n--- {a: 1}\n--- plain\n",
			docs: []docPos{{0, 1, 5}, {1, 3, 5}, {2, 4, 5}},
		},
		{
			name: "comments and directives before a marker open the next document",
			src:  "a: 1\n...\n# about b\n%YAML 1.1\n---\nb: 2\n",
			docs: []docPos{{0, 1, 1}, {1, 6, 1}},
		},
		{
			name: "comment run before a marker moves but its quoted-scalar twin does not",
			src:  "a: \"x\n# y\"\n---\nb: 1\n",
			docs: []docPos{{0, 1, 1}, {1, 4, 1}},
		},
		{
			name:     "empty documents",
			src:      "a: 1\n---\n# nothing\n---\nb: 2\n---\n---\nc: 3\n",
			docs:     []docPos{{0, 1, 1}, {2, 5, 1}, {4, 8, 1}},
			findings: []at{{RuleEmptyDocument, 2, 1, 1, ""}, {RuleEmptyDocument, 6, 1, 3, ""}},
		},
		{
			name: "trailing marker ignored",
			src:  "a: 1\n---\n",
			docs: []docPos{{0, 1, 1}},
		},
		{
			name: "trailing end marker ignored",
			src:  "a: 1\n...\n---\n...\n# end\n",
			docs: []docPos{{0, 1, 1}},
		},
		{
			name:     "text after end marker",
			src:      "a: 1\n... b: 2\n---\nc: 3\n",
			docs:     []docPos{{0, 1, 1}, {2, 4, 1}},
			findings: []at{{RuleSyntax, 2, 5, 1, ""}},
		},
		{
			name:     "single expects one document",
			src:      "a: 1\n---\nb: 2\n---\nc: 3\n",
			opts:     Options{Single: true},
			docs:     []docPos{{0, 1, 1}, {1, 3, 1}, {2, 5, 1}},
			findings: []at{{RuleMultipleDocuments, 3, 1, 1, ""}},
		},
		{
			name:     "single with a broken second document",
			src:      "a: 1\n---\nb: [\n",
			opts:     Options{Single: true},
			docs:     []docPos{{0, 1, 1}},
			findings: []at{{RuleMultipleDocuments, 2, 1, 1, ""}, {RuleSyntax, 3, 1, 1, ""}},
		},
		{
			name:     "document limit",
			src:      "a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n",
			opts:     Options{Limits: Limits{MaxDocuments: 2}},
			docs:     []docPos{{0, 1, 1}, {1, 3, 1}},
			findings: []at{{RuleDocumentLimit, 4, 1, 2, ""}},
		},
		{
			name: "CRLF line endings",
			src:  "a: 1\r\nb:\r\n  - x\r\n---\r\nc: z\r\n",
			docs: []docPos{{0, 1, 1}, {1, 5, 1}},
		},
		{
			name: "CR line endings",
			src:  "a: 1\r---\rb: 2\r",
			docs: []docPos{{0, 1, 1}, {1, 3, 1}},
		},
		{
			name:     "invalid UTF-8 is placed exactly",
			src:      "a: 1\n---\nb: ok\nc: \xff\n",
			docs:     []docPos{{0, 1, 1}},
			findings: []at{{RuleSyntax, 4, 4, 1, ""}},
		},
		{
			name:     "Japanese text: columns count runes",
			src:      "名前: 会員カード\n説明: [はい, no]\n",
			docs:     []docPos{{0, 1, 1}},
			findings: []at{{RuleAmbiguousBool, 2, 10, 0, "/説明/1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, fs := Parse([]byte(tt.src), tt.opts)
			assert.Equal(t, tt.docs, nilIfEmpty(docPositions(docs)))
			assert.Equal(t, tt.findings, nilIfEmptyAt(ats(fs)))
		})
	}
}

func nilIfEmpty(p []docPos) []docPos {
	if len(p) == 0 {
		return nil
	}
	return p
}

func nilIfEmptyAt(p []at) []at {
	if len(p) == 0 {
		return nil
	}
	return p
}

func TestParseFindings(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		value    any
		findings []at
	}{
		{
			name:     "duplicate key keeps the first pair",
			src:      "a: 1\nb: 2\na: 3\n",
			value:    map[string]any{"a": int64(1), "b": int64(2)},
			findings: []at{{RuleDuplicateKey, 3, 1, 0, "/a"}},
		},
		{
			name:     "duplicate key in a nested mapping",
			src:      "spec:\n  tasks:\n    - name: x\n      name: z\n",
			value:    map[string]any{"spec": map[string]any{"tasks": []any{map[string]any{"name": "x"}}}},
			findings: []at{{RuleDuplicateKey, 4, 7, 0, "/spec/tasks/0/name"}},
		},
		{
			name:  "non-string keys keep their text",
			src:   "1: a\ntrue: b\nnull: c\n1.5: d\n\"2\": e\n",
			value: map[string]any{"1": "a", "true": "b", "null": "c", "1.5": "d", "2": "e"},
			findings: []at{
				{RuleNonStringKey, 1, 1, 0, "/1"}, {RuleNonStringKey, 2, 1, 0, "/true"},
				{RuleNonStringKey, 3, 1, 0, "/null"}, {RuleNonStringKey, 4, 1, 0, "/1.5"},
			},
		},
		{
			name:     "complex keys are dropped",
			src:      "? [a, b]\n: 1\n? {a: 1}\n: 2\nok: 3\n",
			value:    map[string]any{"ok": int64(3)},
			findings: []at{{RuleComplexKey, 1, 3, 0, ""}, {RuleComplexKey, 3, 3, 0, ""}},
		},
		{
			name:     "alias to a sequence as a key",
			src:      "s: &s [a]\n*s : 1\n",
			value:    map[string]any{"s": []any{"a"}},
			findings: []at{{RuleComplexKey, 2, 1, 0, ""}},
		},
		{
			name:  "alias to a scalar as a key",
			src:   "k: &k name\n*k : 1\n",
			value: map[string]any{"k": "name", "name": int64(1)},
		},
		{
			name:  "ambiguous booleans stay strings",
			src:   "a: yes\nb: \"no\"\nc: !!str on\nd: [Off, Y]\nyes: 1\ne: true\n",
			value: map[string]any{"a": "yes", "b": "no", "c": "on", "d": []any{"Off", "Y"}, "yes": int64(1), "e": true},
			findings: []at{
				{RuleAmbiguousBool, 1, 4, 0, "/a"}, {RuleAmbiguousBool, 4, 5, 0, "/d/0"}, {RuleAmbiguousBool, 4, 10, 0, "/d/1"},
			},
		},
		{
			name:     "anchor redefined",
			src:      "a: &x 1\nb: &x 2\nc: *x\n",
			value:    map[string]any{"a": int64(1), "b": int64(2), "c": int64(2)},
			findings: []at{{RuleAnchorRedefined, 2, 4, 0, "/b"}},
		},
		{
			name:     "merge of a scalar",
			src:      "a: 1\n<<: 2\nb: 3\n",
			value:    map[string]any{"a": int64(1), "b": int64(3)},
			findings: []at{{RuleBadMerge, 2, 5, 0, "/<<"}},
		},
		{
			name:     "merge of a sequence holding a scalar",
			src:      "base: &b {x: 1}\nm:\n  <<: [*b, 3]\n  y: 2\n",
			value:    map[string]any{"base": map[string]any{"x": int64(1)}, "m": map[string]any{"y": int64(2)}},
			findings: []at{{RuleBadMerge, 3, 12, 0, "/m/<<"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, fs := Parse([]byte(tt.src), Options{})
			require.Len(t, docs, 1)
			assert.Equal(t, tt.value, docs[0].Value)
			assert.Equal(t, tt.findings, nilIfEmptyAt(ats(fs)))
			for _, f := range fs {
				assert.NotEmpty(t, f.Message)
			}
		})
	}
}

func TestFindingDetails(t *testing.T) {
	_, fs := Parse([]byte("a: 1\nb: 2\na: 3\nc: &x 1\nd: &x 2\ne: no\n"), Options{})
	require.Len(t, fs, 3)
	assert.Equal(t, []Related{{Line: 1, Column: 1, Message: `first "a" is here`}}, fs[0].Related)
	assert.Equal(t, `duplicate key "a"; the first one (line 1) is kept and this pair is dropped`, fs[0].Message)
	assert.Equal(t, []Related{{Line: 4, Column: 4, Message: "previous definition of &x"}}, fs[1].Related)
	assert.Equal(t, `no is read as the string "no", not as a boolean: quote it if a string is meant, or write false`, fs[2].Message)
}

func TestDuplicateDroppedFromRoot(t *testing.T) {
	docs, _ := Parse([]byte("name: a\nowner: b\nname: c\n"), Options{})
	require.Len(t, docs, 1)
	var s struct{ Name, Owner string }
	// yaml.v3 refuses duplicate keys when decoding; the normalised Root has none.
	require.NoError(t, docs[0].Root.Decode(&s))
	assert.Equal(t, "a", s.Name)
	assert.Len(t, docs[0].Root.Content, 4)
}

func TestScalarValues(t *testing.T) {
	src := `
s: text
q: "quoted"
i: 42
neg: -7
hex: 0x1F
oct: 0o17
under: 1_000
big: 123456789012345678901234567890
u64: 18446744073709551615
f: 2.5
exp: 1e3
inf: .inf
ninf: -.Inf
nan: .NaN
t: true
F: False
n: null
tilde: ~
empty:
ts: 2024-04-01
bin: !!binary aGVsbG8=
custom: !thing value
tagged_bool: !!bool yes
tagged_int: !!int "12"
bad_int: !!int twelve
big_float: !!float 1e400
`
	docs, fs := Parse([]byte(src), Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	assert.Equal(t, map[string]any{
		"s": "text", "q": "quoted", "i": int64(42), "neg": int64(-7), "hex": int64(31), "oct": int64(15),
		"under": int64(1000), "big": 1.2345678901234568e+29, "u64": float64(18446744073709551615),
		"f": 2.5, "exp": 1000.0, "inf": ".inf", "ninf": "-.Inf", "nan": ".NaN",
		"t": true, "F": false, "n": nil, "tilde": nil, "empty": nil,
		"ts": "2024-04-01", "bin": "aGVsbG8=", "custom": "value",
		"tagged_bool": true, "tagged_int": int64(12), "bad_int": "twelve", "big_float": "1e400",
	}, docs[0].Value)
}

func TestMerge(t *testing.T) {
	src := `base: &base
  owner: ops
  tier: 2
extra: &extra
  tier: 3
  region: tokyo
svc:
  name: card
  <<: [*base, *extra]
  tier: 1
`
	docs, fs := Parse([]byte(src), Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	assert.Equal(t, map[string]any{"name": "card", "owner": "ops", "tier": int64(1), "region": "tokyo"},
		docs[0].Value.(map[string]any)["svc"])

	svc := docs[0].Root.Content[5]
	var keys []string
	for i := 0; i < len(svc.Content); i += 2 {
		keys = append(keys, svc.Content[i].Value)
	}
	// Merged pairs sit where the << pair was; explicit "tier" wins.
	assert.Equal(t, []string{"name", "owner", "region", "tier"}, keys)

	// Merged nodes keep their positions in the anchor.
	k, v, ok := Locate(docs[0].Root, "/svc/owner")
	require.True(t, ok)
	assert.Equal(t, [4]int{2, 3, 2, 10}, [4]int{k.Line, k.Column, v.Line, v.Column})
	k, v, ok = Locate(docs[0].Root, "/svc/region")
	require.True(t, ok)
	assert.Equal(t, [4]int{6, 3, 6, 11}, [4]int{k.Line, k.Column, v.Line, v.Column})

	// The anchored mappings are untouched.
	assert.Len(t, docs[0].Root.Content[1].Content, 4)
	assert.Len(t, docs[0].Root.Content[3].Content, 4)

	var s struct {
		Name, Owner, Region string
		Tier                int
	}
	require.NoError(t, svc.Decode(&s))
	assert.Equal(t, "ops", s.Owner)
	assert.Equal(t, 1, s.Tier)
}

func TestMergeNestedAndInline(t *testing.T) {
	src := "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\nd: {<<: {w: 4}}\n"
	docs, fs := Parse([]byte(src), Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	v := docs[0].Value.(map[string]any)
	assert.Equal(t, map[string]any{"x": int64(1), "y": int64(2), "z": int64(3)}, v["c"])
	assert.Equal(t, map[string]any{"w": int64(4)}, v["d"])
}

func TestAliases(t *testing.T) {
	src := "owner: &o {team: ops, on_call: [a, b]}\nsvc1: {owner: *o}\nsvc2: {owner: *o}\n"
	docs, fs := Parse([]byte(src), Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	v := docs[0].Value.(map[string]any)
	want := map[string]any{"team": "ops", "on_call": []any{"a", "b"}}
	assert.Equal(t, want, v["svc1"].(map[string]any)["owner"])
	assert.Equal(t, want, v["svc2"].(map[string]any)["owner"])

	// Locate goes through the alias, and names the alias itself when asked.
	_, n, ok := Locate(docs[0].Root, "/svc2/owner/on_call/1")
	require.True(t, ok)
	assert.Equal(t, [2]int{1, 36}, [2]int{n.Line, n.Column})
	_, n, ok = Locate(docs[0].Root, "/svc2/owner")
	require.True(t, ok)
	assert.Equal(t, yaml.AliasNode, n.Kind)
	assert.Equal(t, [2]int{3, 15}, [2]int{n.Line, n.Column})
}

func TestAliasLimit(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a]\nc: *b\nd: *a\n"
	// a: 10 nodes; b expands 3*10; c would add 31 (over 40); d adds 10.
	docs, fs := Parse([]byte(src), Options{Limits: Limits{MaxAliasExpansion: 40}})
	require.Len(t, docs, 1)
	assert.Equal(t, []at{{RuleAliasLimit, 3, 4, 0, "/c"}}, ats(fs))
	v := docs[0].Value.(map[string]any)
	assert.Nil(t, v["c"])
	assert.Len(t, v["d"], 9)
	assert.Len(t, v["b"], 3)
}

// billionLaughs builds the classic exponential alias bomb.
func billionLaughs(levels int) []byte {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < levels; i++ {
		b.WriteString("l" + itoa(i) + ": &l" + itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	return []byte(b.String())
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestBillionLaughs(t *testing.T) {
	data := billionLaughs(10)
	docs, fs := Parse(data, Options{})
	require.Len(t, docs, 1)
	require.Equal(t, []at{{RuleAliasLimit, 5, 45, 0, "/l4/7"}}, ats(fs))
	// The whole refusal stays small: no expansion is materialised.
	allocs := testing.AllocsPerRun(20, func() { Parse(data, Options{}) })
	assert.Less(t, allocs, 2000.0)
	t.Logf("allocs per refused bomb: %.0f", allocs)
}

func TestBillionLaughsThroughMerges(t *testing.T) {
	var b strings.Builder
	b.WriteString("base: &b {")
	for i := 0; i < 100; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("k" + itoa(i) + ": [1, 2, 3]")
	}
	b.WriteString("}\nlist:\n")
	for i := 0; i < 1000; i++ {
		b.WriteString("  - {<<: *b}\n")
	}
	docs, fs := Parse([]byte(b.String()), Options{})
	require.Len(t, docs, 1)
	// Each merge costs 500 nodes: the budget of 100,000 lasts 200 merges.
	assert.Equal(t, []at{{RuleAliasLimit, 203, 10, 0, "/list/200/<<"}}, ats(fs))
	list := docs[0].Value.(map[string]any)["list"].([]any)
	assert.Len(t, list[199], 100)
	assert.Empty(t, list[200])
}

func TestNestingLimit(t *testing.T) {
	deepFlow := strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000)
	var block strings.Builder
	for i := 0; i < 6; i++ {
		block.WriteString(strings.Repeat("  ", i) + "k:\n")
	}
	block.WriteString(strings.Repeat("  ", 6) + "leaf: 1\n")
	tests := []struct {
		name     string
		src      string
		max      int
		findings []at
	}{
		{"a million brackets", "a: 1\n---\n" + deepFlow + "\n", 0, []at{{RuleNestingLimit, 3, 101, 1, ""}}},
		{"flow in a mapping", "a: {b: [[x]]}\n", 3, []at{{RuleNestingLimit, 1, 9, 0, ""}}},
		{"block", block.String(), 5, []at{{RuleNestingLimit, 6, 11, 0, ""}}},
		{"block at the limit", block.String(), 7, nil},
		{"compact sequences", "- - - - x\n", 3, []at{{RuleNestingLimit, 1, 7, 0, ""}}},
		{"through an alias", "a: &a [[1]]\nb: [*a]\n", 3, []at{{RuleNestingLimit, 2, 5, 0, "/b/0"}}},
		{"a tag before a key stays at its level", "a:\n!!str b: 1\n", 1, nil},
		{"an anchor before a key stays at its level", "a:\n&x b:\n     - c\n", 2, nil},
		{"quoted brackets do not count", "a: \"[[[[[[\"\nb: '{{{{{'\nc: x[[[[[\n", 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, fs := Parse([]byte(tt.src), Options{Limits: Limits{MaxDepth: tt.max}})
			assert.Equal(t, tt.findings, nilIfEmptyAt(ats(fs)))
			for _, d := range docs {
				assert.NotEqual(t, 1, d.Index, "the deep document is not returned")
			}
		})
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		value    any
		pos      [2]int // of the root
		findings []at
	}{
		{name: "object", src: "{\"a\": 1, \"b\": [true, null, 2.5, \"x\"]}", pos: [2]int{1, 1},
			value: map[string]any{"a": int64(1), "b": []any{true, nil, 2.5, "x"}}},
		{name: "tabs and escapes", src: "{\n\t\"s\":\t\"\\/\\u00e9\\ud83d\\ude00\\n\"\n}", pos: [2]int{1, 1},
			value: map[string]any{"s": "/é😀\n"}},
		{name: "large numbers", src: "[12345678901234567890123, 9223372036854775807, -0, 1e400]", pos: [2]int{1, 1},
			value: []any{1.2345678901234568e+22, int64(9223372036854775807), int64(0), "1e400"}},
		{name: "key and colon on different lines", src: "{\"a\"\n  : 1}", pos: [2]int{1, 1},
			value: map[string]any{"a": int64(1)}},
		{name: "leading space and BOM", src: "\ufeff  \n [1]", pos: [2]int{2, 2}, value: []any{int64(1)}},
		{name: "scalar", src: "\"名前\"", pos: [2]int{1, 1}, value: "名前"},
		{name: "no escaping of keys", src: `{"<<": {"a": 1}, "yes": "no"}`, pos: [2]int{1, 1},
			value: map[string]any{"<<": map[string]any{"a": int64(1)}, "yes": "no"}},
		{name: "duplicate keys", src: "{\"a\": 1,\n \"a\": 2}", pos: [2]int{1, 1},
			value: map[string]any{"a": int64(1)}, findings: []at{{RuleDuplicateKey, 2, 2, 0, "/a"}}},
		{name: "second value", src: "{\"a\": 1}\n[2]", pos: [2]int{1, 1},
			value: map[string]any{"a": int64(1)}, findings: []at{{RuleMultipleDocuments, 2, 1, 1, ""}}},
		{name: "garbage after the value", src: "{\"a\": 1}\n]", pos: [2]int{1, 1},
			value: map[string]any{"a": int64(1)}, findings: []at{{RuleJSONSyntax, 2, 1, 1, ""}}},
		{name: "syntax error", src: "{\n  \"名前\": x\n}", findings: []at{{RuleJSONSyntax, 2, 9, 0, ""}}},
		{name: "trailing comma", src: "[1,\n]", findings: []at{{RuleJSONSyntax, 2, 1, 0, ""}}},
		{name: "unexpected end", src: "[1,\n2", findings: []at{{RuleJSONSyntax, 2, 2, 0, ""}}},
		{name: "YAML is not JSON", src: "a: 1", findings: []at{{RuleJSONSyntax, 1, 1, 0, ""}}},
		{name: "empty", src: " \n"},
		{name: "too deep", src: "[[[[1]]]]", findings: []at{{RuleNestingLimit, 1, 4, 0, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, fs := Parse([]byte(tt.src), Options{JSON: true, Limits: Limits{MaxDepth: 3}})
			assert.Equal(t, tt.findings, nilIfEmptyAt(ats(fs)))
			if tt.pos[0] == 0 {
				assert.Empty(t, docs)
				return
			}
			require.Len(t, docs, 1)
			assert.Equal(t, tt.value, docs[0].Value)
			assert.Equal(t, tt.pos, [2]int{docs[0].Line, docs[0].Column})
		})
	}
}

func TestJSONPositions(t *testing.T) {
	src := "{\n\t\"名前\": \"会員\",\r\n  \"list\": [1,\r\n    {\"k\": false}]\n}"
	docs, fs := Parse([]byte(src), Options{JSON: true})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	for _, tc := range []struct {
		ptr  string
		want [4]int
	}{
		{"/名前", [4]int{2, 2, 2, 8}},
		{"/list", [4]int{3, 3, 3, 11}},
		{"/list/1/k", [4]int{4, 6, 4, 11}},
	} {
		k, v, ok := Locate(docs[0].Root, tc.ptr)
		require.True(t, ok, tc.ptr)
		assert.Equal(t, tc.want, [4]int{k.Line, k.Column, v.Line, v.Column}, tc.ptr)
	}
}

func TestRuleIDs(t *testing.T) {
	ids := RuleIDs()
	assert.Len(t, ids, 13)
	assert.Contains(t, ids, RuleComplexKey)
	ids[0] = "changed"
	assert.Equal(t, RuleSyntax, RuleIDs()[0], "each call returns a fresh slice")
}

func TestCommentsBeforeMarkerGoToNextDocument(t *testing.T) {
	docs, fs := Parse([]byte("a: 1\n# about b\n\n# more\n---\nb: 2\n"), Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 2)
	assert.Equal(t, "# about b\n\n# more", docs[1].Root.Content[0].HeadComment)
	assert.Empty(t, docs[0].Root.FootComment)
	assert.Empty(t, docs[0].Root.Content[1].FootComment)
}

func TestUTF16(t *testing.T) {
	// "a: 名前\n" in UTF-16 little endian with a byte order mark.
	le := []byte{0xFF, 0xFE, 'a', 0, ':', 0, ' ', 0, 0x0D, 0x54, 0x4D, 0x52, '\n', 0}
	docs, fs := Parse(le, Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	assert.Equal(t, map[string]any{"a": "名前"}, docs[0].Value)
	be := []byte{0xFE, 0xFF, 0, '[', 0, '1', 0, ']'}
	docs, fs = Parse(be, Options{JSON: true})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	assert.Equal(t, []any{int64(1)}, docs[0].Value)
}

func TestAliasCycle(t *testing.T) {
	// yaml.v3 builds a cyclic node graph for an alias inside its own anchor.
	docs, fs := Parse([]byte("a: &a {b: *a, c: 1}\n"), Options{})
	require.Len(t, docs, 1)
	assert.Equal(t, []at{{RuleAliasLimit, 1, 11, 0, "/a/b"}}, ats(fs))
	assert.Equal(t, map[string]any{"a": map[string]any{"b": nil, "c": int64(1)}}, docs[0].Value)
	_, n, ok := Locate(docs[0].Root, "/a/b")
	require.True(t, ok)
	assert.Equal(t, "!!null", n.Tag, "the cycle is cut in Root too")
}

func TestParseConcurrentAndDeterministic(t *testing.T) {
	data := serviceStream(50)
	data = append(data, []byte("---\nbad: [\n---\nname: x\nname: z\n")...)
	want, wantF := Parse(data, Options{})
	require.Len(t, want, 51)
	require.Equal(t, []at{{RuleSyntax, 2302, 1, 50, ""}, {RuleDuplicateKey, 2305, 1, 51, "/name"}}, ats(wantF))
	done := make(chan struct{})
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			got, gotF := Parse(data, Options{})
			assert.Equal(t, docPositions(want), docPositions(got))
			assert.Equal(t, wantF, gotF)
		}()
	}
	for range 4 {
		<-done
	}
}

// TestEmptyDocumentLimit: empty documents have a bound of their own,
// below the document limit, so that a file of them stays cheap; the
// documents with content before the bound are read.
func TestEmptyDocumentLimit(t *testing.T) {
	src := "a: 1\n" + strings.Repeat("---\n", maxEmptyDocuments+5) + "b: 2\n"
	docs, fs := Parse([]byte(src), Options{Limits: Limits{MaxDocuments: 1 << 20}})
	require.Len(t, docs, 1)
	require.Len(t, fs, maxEmptyDocuments+1)
	last := fs[len(fs)-1]
	// Document 0 holds "a: 1"; 1 to 10,000 are empty; the next starts
	// on line 10,002.
	assert.Equal(t, at{RuleDocumentLimit, maxEmptyDocuments + 2, 1, maxEmptyDocuments + 1, ""}, ats(fs[len(fs)-1:])[0])
	assert.Equal(t, "more than 10000 empty documents in this file (document limit); the last 5 are not read", last.Message)

	// A document limit reached first keeps its own message.
	_, fs = Parse([]byte(src), Options{Limits: Limits{MaxDocuments: 3}})
	assert.Equal(t, "more than 3 documents in this file (document limit); the last 10003 are not read", fs[len(fs)-1].Message)
}
