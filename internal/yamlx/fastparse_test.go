package yamlx

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/internal/gen"
	"gopkg.in/yaml.v3"
)

// yamlv3Oracle is yamlv3Root with yaml.v3's panics turned into errors, as
// decodeOne turns them.
func yamlv3Oracle(src []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("yaml.v3 panicked: %v", r)
		}
	}()
	return yamlv3Root(src)
}

// nodeDiff describes the first field where two trees differ, with its path,
// or returns "" when they are deeply equal.
func nodeDiff(got, want *yaml.Node) string {
	return diffAt("root", got, want)
}

func diffAt(path string, got, want *yaml.Node) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("%s: fast %v, yaml.v3 %v", path, got, want)
		}
		return ""
	}
	fields := []struct {
		name      string
		got, want any
	}{
		{"Kind", got.Kind, want.Kind},
		{"Style", got.Style, want.Style},
		{"Tag", got.Tag, want.Tag},
		{"Value", got.Value, want.Value},
		{"Anchor", got.Anchor, want.Anchor},
		{"Line", got.Line, want.Line},
		{"Column", got.Column, want.Column},
		{"HeadComment", got.HeadComment, want.HeadComment},
		{"LineComment", got.LineComment, want.LineComment},
		{"FootComment", got.FootComment, want.FootComment},
		{"len(Content)", len(got.Content), len(want.Content)},
	}
	for _, f := range fields {
		if f.got != f.want {
			return fmt.Sprintf("%s.%s: fast %#v, yaml.v3 %#v (value %q)", path, f.name, f.got, f.want, want.Value)
		}
	}
	if d := diffAt(path+".Alias", got.Alias, want.Alias); d != "" {
		return d
	}
	for i := range got.Content {
		if d := diffAt(fmt.Sprintf("%s[%d]", path, i), got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	if !reflect.DeepEqual(got, want) {
		return path + ": not deeply equal, though every field compared is"
	}
	return ""
}

// checkFast fails t when the fast path accepts src and disagrees with
// yaml.v3; it reports whether the fast path accepted.
func checkFast(t testing.TB, src []byte) bool {
	t.Helper()
	got, ok := fastDecodeMode(src, true, nil)
	if !ok {
		return false
	}
	want, err := yamlv3Oracle(src)
	if err != nil {
		t.Fatalf("fast path accepted what yaml.v3 refuses (%v):\n%s", err, src)
	}
	if d := nodeDiff(got, want); d != "" {
		t.Fatalf("%s\nin:\n%s", d, src)
	}
	return true
}

// chunkSources cuts a stream into the sources decodeOne is given.
func chunkSources(data []byte) [][]byte {
	data = prepare(data)
	sp := splitter{max: 1 << 30}
	sp.split(data)
	var out [][]byte
	for _, c := range sp.chunks {
		out = append(out, data[c.start:c.end])
	}
	return out
}

// fastCases are hand-written inputs: the fast path must agree with yaml.v3
// on each, whether it accepts it or not.
var fastCases = []string{
	"a: 1\n",
	"a: 1",
	"---\na: b\n",
	"--- \na: b\n",
	"\n\n  \na: b\n\n",
	"a: b: c\n",
	"url: http://example.com:8080/x\n",
	"time: 10:00\n",
	"a:b: c\n",
	"a: x:\n",
	"a: 'it''s'\n",
	"a: ''\n",
	"a: \"\"\n",
	"a: \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\x41 \\U0001F600 \\N \\_ \\L \\P \\0 \\e \\/\"\n",
	"a: \"\\ud800\"\n",
	"a: \"x\" # c\n",
	"a: b # c\n",
	"a: b#c\n",
	"a: '#x' \n",
	"\"# k\": v\n",
	"a #b: c\n",
	"# head\na: 1\n",
	"a:\n",
	"a:\nb:\n",
	"a:   \nb: 1\n",
	"- \n- a\n-\n",
	"-\n  a: 1\n",
	"- - x\n",
	"key with spaces: value with spaces  \n",
	"k: [a, b, c]\n",
	"k: [a, ]\n",
	"k: [a,b]\n",
	"k: {a}\n",
	"k: [a: b]\n",
	"k: {a: 1, b: [x, {y: z}], \"c\": 'd'}\n",
	"k: {\"a\":1}\n",
	"k: {a:1}\n",
	"k: {a: }\n",
	"k: []\n",
	"k: {}\n",
	"k: [ ]\n",
	"k: [a, [b, [c]]]\n",
	"k: [a\n  , b]\n",
	"k: [-1, -x, -]\n",
	"k: [a b, c  d ]\n",
	"k: [a#b]\n",
	"k: [a?b]\n",
	"[a, b]\n",
	"{a: b}\n",
	"plain\n",
	"plain\nmore\n",
	"'q'\n",
	"n: [0, 1, -1, +1, 0x1F, 0o17, 0b101, 1_000, 1.5, -.5, .5, 1e3, 1.e3, 1e400, .inf, -.Inf, +.INF, .nan, 09, 0b-1, -0b1, -0o7, 99999999999999999999]\n",
	"b: [true, True, TRUE, false, FALSE, yes, no, on, off, y, n, null, Null, NULL, ~, tRue]\n",
	"t: [2026-10-01, 2026-1-2, 2026-10-01T10:00:00Z, 2026-10-01 10:00:00, 2026-10-01t10:00:00+09:00, 2026-13-01, 20261-1-1]\n",
	"<<: {a: 1}\n",
	"a: <<\n",
	"名前: 会員カード\n説明: [はい, いいえ]\nキー: {値: 値}\n",
	"- 名前: 会員カード\n  説明: x\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
	"a:\n- x\n- y\nb: 1\n",
	"a:\n  - x\n  - y\nb: 1\n",
	"- a: 1\n  b: 2\n- c: 3\n",
	"- a: 1\n b: 2\n",
	"- a: 1\n   b: 2\n",
	"- key:\n  - a\n  - b\n  other: 1\n",
	"- key:\n    sub: 1\n",
	"a:\n    b: 1\n  c: 2\n",
	"a: 1\n- b\n",
	"a:\n  - x\n  b: 1\n",
	"  a: 1\n  b: 2\n",
	"  a: 1\nb: 2\n",
	"a:\n  x\n",
	"a:\n  [x]\n",
	"a: x\n  y\n",
	"- x\n  y\n",
	"a:\n- x\n  y\n",
	"a: \"x\"\n  b: 1\n",
	"? a\n: b\n",
	"a: &x 1\n",
	"a: *x\n",
	"a: !t 1\n",
	"a: |\n  x\n",
	"a: >\n  x\n",
	"%YAML 1.2\n---\na: 1\n",
	"a: 1\n...\n",
	"a: 1\n---\nb: 2\n",
	"a:\tb\n",
	"a: b\r\n",
	"\ufeffa: 1\n",
	"a: -\n",
	"a: - b\n",
	"-a: 1\n",
	"a: -1\n",
	":a: 1\n",
	"a: :b\n",
	"a: ?b\n",
	"a: b?\n",
	"a: @b\n",
	"a: `b`\n",
	"a: %b\n",
	"a: b, c\n",
	"a: [b, c] d\n",
	"a: {b: c}}\n",
	"a: b]\n",
	"\"a\" : 1\n",
	"'a':1\n",
	"\"a\":1\n",
	"a : 1\n",
	"a  :  1  \n",
	"1: one\ntrue: yes\nnull: x\n~: y\n",
	"a: \"x\\\ny\"\n",
	"a: 'x\n  y'\n",
	"a: 😀 emoji\n",
	"a: \u00a0nbsp\n",
	"a: x\u0085y\n",
	"a: x\u2028y\n",
	strings.Repeat("k", 1100) + ": v\n",
	"{" + strings.Repeat("k", 1100) + ": v}\n",
	"[" + strings.Repeat("k", 1100) + "]\n",
	"{'" + strings.Repeat("k", 1030) + "': v}\n",
	strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n",
	"---\n",
	"",
	"\n",
	"---a\n",
	"--- a\n",
	"a: 1\n--- \n",
	"a:\n---x: 1\n",
	"- ---\n",
	"a: ...\n",
	// Comments.
	"# c\na: 1\n",
	"# c\n\na: 1\n",
	"---\n# c\na: 1\n",
	"---\n# c\n\na: 1\n",
	"\n# c\na: 1\n",
	"# c\n\n# d\na: 1\n",
	"# c  \n#  d \n#\na: 1\n",
	"a: 1\n# c\nb: 2\n",
	"a: 1\n\n# c\nb: 2\n",
	"a: 1\n# c\n\nb: 2\n",
	"a: 1\n\n\n# c1\n#c2\n#\nb: 2\n",
	"a: 1 # c\nb: 2\n",
	"a: 1 #  c  \nb: 2\n",
	"a: x   # c\n",
	"a: 'x' # c\nb: \"y\" # d\n",
	"a: 'x'# c\n",
	"- x # c\n- y\n",
	"- 'x' #c\n",
	"- a: 1 # c\n  b: 2\n",
	"- a: 1\n  # c\n  b: 2\n",
	"- a: 1\n# c\n- b: 2\n",
	"a:\n  # c\n  b: 1\n",
	"a:\n# c\n  b: 1\n",
	"a:\n# c\nb: 1\n",
	"a:\n# c\n- b\n",
	"a:\n  b: 1 # c\nd: 2\n",
	"a:\n  b: 1\n  # c\n  d: 1\n",
	"a:\n  b: 1\n  # c\nd: 1\n",
	"a:\n  b: 1\n# c\nc: 1\n",
	"a:\n  b: 1\n\n  # c\n  d: 1\n",
	"a:\n  b: 1\n\n# c\nd: 1\n",
	"a:\n  - x\n# c\nd: 1\n",
	"a:\n- x\n# c\nd: 1\n",
	"a:\n  - x # c\n  - y\n",
	"a:\n  b:\n    c: 1 # x\n  # y\n  d: 2\n",
	"a:\n  b: # c\n    d: 2\n",
	"a: [x] # c\n",
	"a: {x: y} # c\n",
	"a: 1\n  # c\nb: 2\n",
	"a: 1\n    # c\nb: 2\n",
	"a: 1 # c\n# d\nb: 2\n",
	"a: 1\n#c\n",
	"a: 1\n#c",
	"# c\n",
	"# c\n- a\n",
	"# c\nplain\n",
	"plain # c\n",
	"a: b # c: d\n",
	"a: b #\n",
	"a: b ## c\n",
	"a: \"x # y\" # z\n",
	"a: 'x #' #\n",
	"'# a': 1 # b\n",
	"a: 名前 # 説明\n# 日本語\nb: 1\n",
	"a: [x, {y: z}] # c\nb: {x: [y]} # d\n",
	"- [x] # c\n- {y: z} # d\n",
	"[x] # c\n",
	"a: [x]# c\n",
	"a: # c\n  b: 1\n",
	"a: # c\n- b\n",
	"a: # c\nb: 1\n",
	"a: # c\n",
	"a: #c\n  # d\n  b: 1\n",
	"a:# c\n  b: 1\n",
	"- a: # c\n    b: 1\n",
	"- # c\n  a: 1\n",
	"a:\n  b: # c\n  - x\n",
	// The document's head comment, outside the root.
	"# a\n# b\n\nk: 1\n",
	"# a\n\nk: 1\n",
	"# a\n\n\nk: 1\n",
	"\n# a\n\nk: 1\n",
	"# a\n\n# b\n\nk: 1\n",
	"# a\n\n# b\n\n# c\nk: 1\n",
	"# a\n\n# b\nk: 1\n",
	"# a\n\n\n# b\nk: 1\n",
	"# a\n\n# b\n- k\n",
	"# a\n\n- k\n",
	"# a\n\nplain\n",
	"  # a\n\nk: 1\n",
	"# a\n\n  # b\nk: 1\n",
	"# a\n\n# b\n  k: 1\n",
	"# a\n\n",
	"# a\n\n# b\n",
	"# a\n---\nk: 1\n",
	"# a\n\n---\nk: 1\n",
	"# a\n\n...\nk: 1\n",
	"# yaml-language-server: $schema=x.json\n\n# People.\napiVersion: v1\nkind: Person\n",
}

func TestFastParseMatchesYAMLv3(t *testing.T) {
	for _, s := range fastCases {
		checkFast(t, []byte(s))
	}
	for _, s := range fuzzSeeds {
		for _, c := range chunkSources([]byte(s)) {
			checkFast(t, c)
		}
	}
}

// TestFastParseAccepts makes sure the fast path is used where it matters:
// it must not decline the documents of generated designs and OpenSLO
// streams, nor the common shapes of hand-written ones (a fast path that
// declines everything would pass every other test).
func TestFastParseAccepts(t *testing.T) {
	streams := map[string][]byte{
		"gen.Design":  gen.Design(20),
		"gen.OpenSLO": gen.OpenSLO(200),
		// With a modeline comment above each document's first key.
		"serviceStream": serviceStream(20),
	}
	for name, data := range streams {
		for i, c := range chunkSources(data) {
			if !checkFast(t, c) {
				t.Fatalf("%s: document %d declined:\n%s", name, i, c)
			}
		}
	}
	// The sample designs are written as users write them: every document
	// of them takes the fast path.
	samples, _ := filepath.Glob("../../examples/opsdesign/sample/*.yaml")
	team, _ := filepath.Glob("../../examples/teamdesign/design/*.yaml")
	samples = append(samples, team...)
	if len(samples) < 10 {
		t.Fatalf("sample designs: %d files", len(samples))
	}
	for _, name := range samples {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range chunkSources(data) {
			if !checkFast(t, c) {
				t.Errorf("%s: document %d declined:\n%s", name, i, c)
			}
		}
	}
	accepted := []string{
		"a: 1\n", "---\na: b\n", "a:\n- x\n", "- a: 1\n  b: [x, {y: z}]\n",
		"k: 'it''s'\n", "k: \"\\u00e9\"\n", "名前: 会員カード\n", "a:\nb:\n", "- \n",
		"url: http://x:1/y\n", "n: [1, 1.5, true, null, 2026-10-01]\n",
	}
	for _, s := range accepted {
		if !checkFast(t, []byte(s)) {
			t.Errorf("declined %q", s)
		}
	}
}

// testdataYAML lists the YAML files of the repository's test data.
func testdataYAML(t testing.TB) []string {
	var files []string
	for _, dir := range []string{"../../catalog/testdata", "../../catalog/rules/testdata", "../../testdata", "testdata"} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return files
}

// TestFastParseTestdata compares the fast path with yaml.v3 on every
// document of the repository's YAML test data, and requires it to accept
// most of the documents that have no comments.
func TestFastParseTestdata(t *testing.T) {
	files := testdataYAML(t)
	if len(files) == 0 {
		t.Fatal("no test data found")
	}
	var all, fast, plain, accepted int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range chunkSources(data) {
			ok := checkFast(t, c)
			all++
			if ok {
				fast++
			}
			if !strings.Contains(string(c), "#") && !strings.ContainsAny(string(c), "&*!|>\t\r") {
				plain++
				if ok {
					accepted++
				} else if os.Getenv("FASTPARSE_DECLINED") != "" {
					t.Logf("%s declined:\n%s", f, c)
				}
			}
		}
	}
	t.Logf("%d files, %d documents: the fast path accepted %d, and %d of the %d without comments or unusual indicators",
		len(files), all, fast, accepted, plain)
	if accepted*100 < plain*95 {
		t.Errorf("fast path accepted only %d of %d plain documents", accepted, plain)
	}
}

func BenchmarkFastParse(b *testing.B) {
	chunks := chunkSources(gen.Design(1000))
	var size int64
	for _, c := range chunks {
		size += int64(len(c))
	}
	b.Run("yaml.v3", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for range b.N {
			for _, c := range chunks {
				var doc yaml.Node
				if err := yaml.Unmarshal(c, &doc); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for range b.N {
			for _, c := range chunks {
				if _, ok := fastDecode(c, nil); !ok {
					b.Fatal("declined")
				}
			}
		}
	})
}
