package yamlx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var fuzzSeeds = []string{
	"",
	"# only a comment\n",
	"a: 1\n",
	"a: 1\n---\nb: [1, 2\n---\nc: 3\n",
	"--- |\n  text\n--- {a: 1}\n--- plain\n...\n",
	"a: 1\n...\n# c\n%YAML 1.1\n---\nb: 2\n",
	"a: \"x\n# y\"\n---\nb: 1\n",
	"a: &a {x: 1}\nb: {<<: *a, y: 2}\nc: *a\n",
	"a: &x 1\nb: &x 2\n? [k]\n: v\n1: one\n",
	"- - - x\n- {a: [b, {c: d}]}\n",
	"key: |+\n  keep\n\n# c\n---\nx: 1\n",
	"名前: 会員カード\n説明: [はい, no]\r\n",
	"a: 1\r---\rb: 2\r",
	"a: x\u2028b: 1\n---\nc: 2\n",
	"{\"a\": [1, 2.5, \"\\u00e9\"], \"b\": {\"c\": null}}",
	"[[[[[[[[[[[[]]]]]]]]]]]]",
	"a:\n  b:\n    c:\n      - d: |\n          text [[[\n        e: 'it''s'\n",
	"\ufeff---\na: 1\n...\n",
	"a: 1\n... b: 2\n",
	// Syntax errors the second look places: an item one space short, after
	// a modeline; a key too deep; an unclosed quote; control characters.
	"# yaml-language-server: $schema=x\na:\n  - b\n - c\n",
	"a:\n  b: 1\n    c: 2\n",
	"a: \"b\nc: d\n",
	"a: b\x00c\n---\nd: \"e\x07\"\n",
	"key:\n- x\n -y: [z\n",
}

// rawChunks parses every chunk of a stream without normalising it, with file
// lines, as the differential test needs. It returns nil for empty chunks.
func rawChunks(data []byte) (roots []*yaml.Node, srcs [][]byte, errs []error) {
	data = prepare(data)
	sp := splitter{max: 1 << 30}
	sp.split(data)
	for _, c := range sp.chunks {
		var root *yaml.Node
		var err error
		src, line := data[c.start:c.end], c.line
		if c.content || c.directive {
			root, src, line, err = decodeChunk(data, c, nil)
		}
		if root != nil {
			shift(root, line-1)
		}
		if c.pad {
			err = errors.New("text after ...")
		}
		roots, srcs, errs = append(roots, root), append(srcs, src), append(errs, err)
	}
	return roots, srcs, errs
}

func shift(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shift(c, by)
	}
}

// wholeStream decodes data with yaml.v3 alone; ok is false when yaml.v3
// refuses (or panics on) some document.
func wholeStream(data []byte) (docs []*yaml.Node, ok bool) {
	if bytes.HasPrefix(prepare(data), bom) {
		// Two byte order marks at the start: yaml.v3 skips the second, then
		// drops whatever follows a line break after it ("\ufeff\ufeff\na"
		// reads as no document), so it is no reference there. Parse
		// reports such a file, which checkInvariants covers.
		return nil, false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == io.EOF {
			return docs, true
		}
		if err != nil {
			return nil, false
		}
		docs = append(docs, &n)
	}
}

func isEmptyDoc(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return true
	}
	n := doc.Content[0]
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && n.Style == 0 && n.Anchor == ""
}

// sameTree compares kind, tag, value, style, anchor and position.
func sameTree(a, b *yaml.Node, path string) error {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || a.Style != b.Style || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: got kind %d tag %q value %q anchor %q at %d:%d (%d children), want kind %d tag %q value %q anchor %q at %d:%d (%d children)",
			path, a.Kind, a.Tag, a.Value, a.Anchor, a.Line, a.Column, len(a.Content),
			b.Kind, b.Tag, b.Value, b.Anchor, b.Line, b.Column, len(b.Content))
	}
	if a.Kind == yaml.AliasNode && (a.Alias == nil) != (b.Alias == nil) {
		return fmt.Errorf("%s: alias target differs", path)
	}
	if a.Alias != nil && b.Alias != nil && (a.Alias.Line != b.Alias.Line || a.Alias.Column != b.Alias.Column) {
		return fmt.Errorf("%s: alias target at %d:%d, want %d:%d", path, a.Alias.Line, a.Alias.Column, b.Alias.Line, b.Alias.Column)
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// rawHeight counts collection levels without following aliases.
func rawHeight(n *yaml.Node) int {
	if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
		return 0
	}
	h := 0
	for _, c := range n.Content {
		h = max(h, rawHeight(c))
	}
	return h + 1
}

func checkValue(t *testing.T, v any, depth int) {
	if depth > 200 {
		t.Fatalf("value nested deeper than the limit")
	}
	switch v := v.(type) {
	case nil, bool, int64, float64, string:
	case []any:
		for _, e := range v {
			checkValue(t, e, depth+1)
		}
	case map[string]any:
		for _, e := range v {
			checkValue(t, e, depth+1)
		}
	default:
		t.Fatalf("value of type %T", v)
	}
}

func checkInvariants(t *testing.T, docs []*Document, fs []Finding) {
	last := -1
	for _, d := range docs {
		if d.Index <= last {
			t.Fatalf("documents out of order: %d after %d", d.Index, last)
		}
		last = d.Index
		if d.Root == nil || d.Root.Kind == yaml.DocumentNode || d.Line < 1 || d.Column < 1 {
			t.Fatalf("bad document %+v", d)
		}
		checkValue(t, d.Value, 0)
		checkCompact(t, d.Root)
	}
	for _, f := range fs {
		if f.Line < 1 || f.Column < 1 || f.Rule == "" || f.Message == "" || f.Doc < -1 {
			t.Fatalf("bad finding %+v", f)
		}
	}
}

// checkSyntaxPositions: a YAML syntax error lies on a line of the file, at
// most one column past its end.
func checkSyntaxPositions(t *testing.T, data []byte, fs []Finding) {
	src := prepare(data)
	lines := lineStarts(src)
	for _, f := range fs {
		if f.Rule != RuleSyntax {
			continue
		}
		if f.Line > len(lines)-2 {
			t.Fatalf("syntax error at line %d of a file of %d lines: %+v", f.Line, len(lines)-2, f)
		}
		text := lineText(src, lines, f.Line)
		if f.Line == 1 {
			text = bytes.TrimPrefix(text, bom)
		}
		if n := utf8.RuneCount(text) + 1; f.Column > n {
			t.Fatalf("syntax error at column %d of a line of %d characters: %+v", f.Column, n-1, f)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, fs := Parse(data, Options{})
		checkInvariants(t, docs, fs)
		checkSyntaxPositions(t, data, fs)
		checkCompactParse(t, data, docs, fs)
		jdocs, jfs := Parse(data, Options{JSON: true, Single: true})
		checkInvariants(t, jdocs, jfs)
		if len(jdocs) > 1 {
			t.Fatalf("JSON gave %d documents", len(jdocs))
		}

		ref, ok := wholeStream(data)
		if !ok {
			return
		}
		roots, srcs, errs := rawChunks(data)
		if len(ref) == len(roots)+1 && isEmptyDoc(ref[len(ref)-1]) {
			ref = ref[:len(ref)-1] // the trailing "---" Parse ignores
		}
		if len(ref) != len(roots) {
			t.Fatalf("yaml.v3 reads %d documents, the splitter %d", len(ref), len(roots))
		}
		for i, r := range roots {
			if errs[i] != nil {
				t.Fatalf("document %d: yaml.v3 accepts the stream, the chunk fails: %v", i, errs[i])
			}
			if r == nil {
				if !isEmptyDoc(ref[i]) {
					t.Fatalf("document %d: empty chunk, but yaml.v3 reads %v", i, ref[i].Content[0].Kind)
				}
				continue
			}
			if err := sameTree(r, ref[i].Content[0], fmt.Sprint(i)); err != nil {
				t.Fatal(err)
			}
			if d, _ := scanDepth(srcs[i], 1<<30); d > rawHeight(r) {
				t.Fatalf("document %d: the pre-scan saw depth %d, the tree has %d", i, d, rawHeight(r))
			}
		}
		if len(fs) == 0 || len(docs) > 0 {
			jsonDifferential(t, data)
		}
	})
}

// checkCompactParse holds Parse with Options.Compact to what it gives
// without: the same findings and values, and trees equal to the yaml.Node
// ones, though the compact parse builds every document in the node memory
// of the one before (scratch).
func checkCompactParse(t *testing.T, data []byte, plain []*Document, fs []Finding) {
	t.Helper()
	compact, cfs := Parse(data, Options{Compact: true})
	if !reflect.DeepEqual(fs, cfs) {
		t.Fatalf("findings differ with Compact:\n%v\n%v", fs, cfs)
	}
	if len(compact) != len(plain) {
		t.Fatalf("%d documents with Compact, %d without", len(compact), len(plain))
	}
	for i, d := range compact {
		want, err1 := yaml.Marshal(plain[i].Root)
		got, err2 := yaml.Marshal(d.Tree.YAML())
		if err1 != nil || err2 != nil || string(want) != string(got) {
			t.Fatalf("document %d: the compact tree is\n%s, the yaml.Node tree\n%s (%v, %v)", i, got, want, err2, err1)
		}
		if !reflect.DeepEqual(d.Value, plain[i].Value) { // values hold no NaN: it stays text
			t.Fatalf("document %d: value %#v with Compact, %#v without", i, d.Value, plain[i].Value)
		}
	}
}

// jsonDifferential checks the JSON builder against yaml.v3 on JSON that both
// accept and read alike (no line separators, which yaml.v3 treats as breaks).
func jsonDifferential(t *testing.T, data []byte) {
	if !json.Valid(data) || bytes.ContainsAny(data, "\u2028\u2029\u0085\ufeff") {
		return
	}
	ref, ok := wholeStream(data)
	if !ok || len(ref) != 1 || len(ref[0].Content) == 0 {
		return
	}
	b := jsonBuilder{data: data, line: 1, col: 1}
	if err := sameTree(b.value(), ref[0].Content[0], "json"); err != nil {
		t.Fatal(err)
	}
}

// FuzzLocate checks that any pointer resolves without panicking, that a
// pointer built with Pointer from a document's own keys finds them, and
// that a miss still names an existing ancestor.
func FuzzLocate(f *testing.F) {
	const doc = "spec:\n  a/b: 1\n  c~d: [x, {y: 2}]\n  \"\": empty\n  名前: 値\n  ref: &r {z: 3}\n  via: *r\n"
	docs, _ := Parse([]byte(doc), Options{})
	root := docs[0].Root
	for _, p := range []string{"", "/", "/spec", "/spec/a~1b", "/spec/c~0d/1/y", "/spec/via/z", "/spec/c~0d/01", "~", "/spec/~2", "/spec/名前"} {
		f.Add(p, "k")
	}
	f.Fuzz(func(t *testing.T, ptr, key string) {
		k, v, ok := Locate(root, ptr)
		if v == nil {
			t.Fatalf("no node for %q", ptr)
		}
		if ok && ptr == "" && (k != nil || v != root) {
			t.Fatalf("root pointer resolved elsewhere")
		}
		_, _, _ = k, v, ok
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: 1, Column: 1},
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: "v", Line: 1, Column: 9},
		}}
		k, v, ok = Locate(m, Pointer(key))
		if !ok || k.Value != key || v.Value != "v" {
			t.Fatalf("Pointer(%q) = %q does not find its key", key, Pointer(key))
		}
	})
}
