package yamlx

import (
	"testing"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// checkCompact holds the compact tree equal to the yaml.Node tree it was
// copied from: every pointer of the tree (and one past each member)
// locates nodes of the same position, kind, style, tag and text, and the
// tree encodes to the same YAML.
func checkCompact(t *testing.T, root *yaml.Node) {
	t.Helper()
	c := Compact(root)
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if depth > 20 {
			return
		}
		for _, p := range []string{ptr, ptr + "/missing", ptr + "/0"} {
			k1, v1, ok1 := Locate(root, p)
			k2, v2, ok2 := c.Locate(p)
			if ok1 != ok2 || !sameNode(c, k1, k2) || !sameNode(c, v1, v2) {
				t.Fatalf("pointer %q: yaml.Node gives %v %v %v, the compact tree %v %v %v", p, k1, v1, ok1, k2, v2, ok2)
			}
		}
		n = target(n)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], ptr+"/"+jsonptr.Escape(keyText(n.Content[i])), depth+1)
			}
		case yaml.SequenceNode:
			for i, e := range n.Content {
				walk(e, ptr+"/"+itoa(i), depth+1)
			}
		}
	}
	walk(root, "", 0)
	want, err1 := yaml.Marshal(root)
	got, err2 := yaml.Marshal(c.YAML())
	if (err1 == nil) != (err2 == nil) || string(want) != string(got) {
		t.Fatalf("the compact tree encodes as\n%s(%v)\nthe yaml.Node tree as\n%s(%v)", got, err2, want, err1)
	}
}

func sameNode(t *Tree, a *yaml.Node, b *Node) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Line == int(b.Line) && a.Column == int(b.Column) && a.Kind == b.Kind() && a.Style == b.Style() &&
		a.Tag == t.Tag(b) && a.Value == b.Value && len(a.Content) == len(t.Content(b)) && (a.Alias == nil) == (t.Alias(b) == nil)
}

func TestCompact(t *testing.T) {
	src := `# head
base: &b {x: 1, y: "two"}   # line
list:
  - *b
  - {<<: *b, z: !custom 3}
  - |
    literal
empty:
quoted: '0777'
# foot
`
	docs, fs := Parse([]byte(src), Options{})
	require.Empty(t, fs)
	require.Len(t, docs, 1)
	checkCompact(t, docs[0].Root)

	c := Compact(docs[0].Root)
	key, val, ok := c.Locate("/list/0/y")
	require.True(t, ok)
	// Through the alias, at the anchored mapping's member.
	assert.Equal(t, "y", key.Value)
	assert.Equal(t, "two", val.Value)
	assert.Equal(t, yaml.DoubleQuotedStyle, val.Style())
	assert.Equal(t, [2]int32{2, 20}, [2]int32{val.Line, val.Column})
	_, val, ok = c.Locate("/list/1/z")
	require.True(t, ok)
	assert.Equal(t, "!custom", c.Tag(val))
	_, val, _ = c.Locate("/quoted")
	assert.Equal(t, yaml.SingleQuotedStyle, val.Style())
	assert.Nil(t, Compact(nil))
}

// TestParseCompact: with Options.Compact a document carries the compact
// copy of the Root it would have had, and no Root; in YAML and JSON, and
// in documents read from a literal block of another.
func TestParseCompact(t *testing.T) {
	for _, tc := range []struct {
		src  string
		json bool
	}{
		{src: "a: &x {b: 1}\nc: *x\n---\n- {<<: *y}\n- &y {d: [1, 2]}\n"},
		{src: "# c\nk: v # l\nlist: [1, {m: 'q'}]\n"},
		{src: `{"a": [1, {"b": "c"}], "d": null}`, json: true},
		// Enough documents for parallel parsing, each one smaller than the
		// one before: the node memory they reuse must not leak into them.
		{src: "a: {b: [1, 2, 3], c: {d: e, f: [g, h]}}\ni: j\n---\nk: [l, m]\nn: o\n---\n- p\n- {q: r}\n---\ns: t\n---\nu\n---\n[]\n"},
	} {
		plain, fs1 := Parse([]byte(tc.src), Options{JSON: tc.json})
		compact, fs2 := Parse([]byte(tc.src), Options{JSON: tc.json, Compact: true})
		require.Equal(t, fs1, fs2)
		require.Len(t, compact, len(plain))
		for i, d := range compact {
			require.Nil(t, d.Root)
			require.NotNil(t, d.Tree)
			assert.Equal(t, plain[i].Value, d.Value)
			want, err1 := yaml.Marshal(plain[i].Root)
			got, err2 := yaml.Marshal(d.Tree.YAML())
			require.NoError(t, err1)
			require.NoError(t, err2)
			assert.Equal(t, string(want), string(got))
			checkCompactEqual(t, plain[i].Root, d.Tree)
		}
	}

	src := "carrier: |\n  a: 1\n  b: [x, y]\n"
	docs, _ := Parse([]byte(src), Options{})
	_, scalar, ok := Locate(docs[0].Root, "/carrier")
	require.True(t, ok)
	plain, _ := ParseEmbedded([]byte(src), scalar, Options{})
	compact, _ := ParseEmbedded([]byte(src), scalar, Options{Compact: true})
	require.Len(t, compact, 1)
	checkCompactEqual(t, plain[0].Root, compact[0].Tree)
	_, val, ok := compact[0].Tree.Locate("/b/1")
	require.True(t, ok)
	assert.Equal(t, [2]int32{3, 10}, [2]int32{val.Line, val.Column})
}

// checkCompactEqual holds tree equal to root at every pointer of root.
func checkCompactEqual(t *testing.T, root *yaml.Node, tree *Tree) {
	t.Helper()
	var walk func(n *yaml.Node, ptr string)
	walk = func(n *yaml.Node, ptr string) {
		k1, v1, ok1 := Locate(root, ptr)
		k2, v2, ok2 := tree.Locate(ptr)
		if ok1 != ok2 || !sameNode(tree, k1, k2) || !sameNode(tree, v1, v2) {
			t.Fatalf("pointer %q: yaml.Node gives %v %v %v, the compact tree %v %v %v", ptr, k1, v1, ok1, k2, v2, ok2)
		}
		n = target(n)
		for i := 0; i < len(n.Content); i++ {
			if n.Kind == yaml.MappingNode {
				walk(n.Content[i+1], ptr+"/"+jsonptr.Escape(keyText(n.Content[i])))
				i++
			} else {
				walk(n.Content[i], ptr+"/"+itoa(i))
			}
		}
	}
	walk(root, "")
}
