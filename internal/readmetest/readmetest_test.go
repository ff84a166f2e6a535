package readmetest

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	src := "# t\n\n<!-- run: exit 1 -->\n\n```sh\ngo version\n```\n\ntext\n```go\nx := 1\n```\n<!-- stale -->\nprose\n````text extra\n$ a\n```\nb\n````\n"
	blocks, err := Parse("R.md", []byte(src))
	require.NoError(t, err)
	require.Len(t, blocks, 3)
	assert.Equal(t, Block{File: "R.md", Line: 5, Lang: "sh", Marker: "run: exit 1", MarkerLine: 3, Text: "go version\n"}, blocks[0])
	assert.Equal(t, "R.md:5", blocks[0].Pos())
	assert.Equal(t, Block{File: "R.md", Line: 10, Lang: "go", Text: "x := 1\n"}, blocks[1], "no marker: prose stands between")
	assert.Equal(t, Block{File: "R.md", Line: 15, Lang: "text", Info: "extra", Text: "$ a\n```\nb\n"}, blocks[2], "a longer fence holds a shorter one")

	_, err = Parse("R.md", []byte("x\n```sh\nls\n"))
	assert.EqualError(t, err, "R.md:2: the code block is never closed")
}

func TestParseMarker(t *testing.T) {
	p, err := ParseMarker("run: exit 0, 1")
	require.NoError(t, err)
	assert.Equal(t, Plan{Run: true, Exits: []int{0, 1}}, p)
	assert.Equal(t, 0, p.Exit(0))
	assert.Equal(t, 1, p.Exit(1))
	assert.Equal(t, 1, p.Exit(5), "the last status repeats")
	assert.Equal(t, 0, Plan{Run: true}.Exit(3))

	p, err = ParseMarker("not run: needs the network")
	require.NoError(t, err)
	assert.Equal(t, Plan{Reason: "needs the network"}, p)

	for _, bad := range []string{"", "not run:", "run:", "run: exit x", "run: exit 300", "skip"} {
		_, err := ParseMarker(bad)
		assert.True(t, errors.Is(err, ErrMarker), "%q: %v", bad, err)
	}
}

func TestCommands(t *testing.T) {
	got := Commands("# a comment\ngo run ./x lint   # trailing\n\nfoo \\\n  -bar\nlast \\\n")
	assert.Equal(t, []Command{{Line: 1, Text: "go run ./x lint   # trailing"}, {Line: 3, Text: "foo    -bar"}, {Line: 5, Text: "last  "}}, got)
}

func TestTranscript(t *testing.T) {
	cmd, out, ok := Transcript("$ opsdesign lint\nline 1\n")
	assert.True(t, ok)
	assert.Equal(t, "opsdesign lint", cmd)
	assert.Equal(t, "line 1\n", out)
	_, _, ok = Transcript("Services\n")
	assert.False(t, ok)
}

func TestMatchOutput(t *testing.T) {
	for _, c := range []struct {
		want, got string
		ok        bool
		why       string
	}{
		{"a\nb\n", "a\nb\n", true, ""},
		{"a\nb\n", "a\nb  \n", true, ""},
		{"a\n...\nz\n", "a\nb\nc\nz\n", true, ""},
		{"a\n...\nz\n", "a\nz\n", true, ""},
		{"a\n...\n", "a\n", true, ""},
		{"a\nb\n", "a\nc\n", false, "line 2 of the output:\n  want \"b\"\n  got  \"c\""},
		{"a\nb\n", "a\n", false, `line 2 of the output: want "b", got the end of the output`},
		{"a\n", "a\nb\n", false, `line 2 of the output: want the end of the output, got "b"`},
		{"a\n...\nz\n", "a\nb\n", false, `the lines after the "..." at line 2 of the output do not match the end of what was got`},
	} {
		ok, why := MatchOutput(c.want, c.got)
		assert.Equal(t, c.ok, ok, "%q against %q", c.want, c.got)
		assert.Equal(t, c.why, why, "%q against %q", c.want, c.got)
	}
}

func TestWrapGo(t *testing.T) {
	// Statements: the design variable, the imports named, every variable
	// used, the lines kept.
	g, err := WrapGo("diags := rules.Lint(design) // all\nfor _, d := range diags {\n\tfmt.Println(d)\n}\n")
	require.NoError(t, err)
	assert.Equal(t, "snippet", g.Package)
	assert.Equal(t, "snippet.go", g.Name)
	src := string(g.Source)
	assert.Contains(t, src, "\t\"fmt\"\n\t\"github.com/opsdesign/opsdesign/catalog\"\n\t\"github.com/opsdesign/opsdesign/catalog/rules\"\n")
	assert.Contains(t, src, "diags := rules.Lint(design); _ = diags // all\n")
	lines := strings.Split(src, "\n")
	assert.Equal(t, "\tfmt.Println(d)", lines[g.Offset+2], "line 3 of the block is line 3+Offset of the file")
	assert.False(t, g.Tests || g.Main)

	// Declarations: a test, run with go test.
	g, err = WrapGo("func TestX(t *testing.T) {\n\tcatalogtest.NoFindings(t, nil)\n}\n")
	require.NoError(t, err)
	assert.True(t, g.Tests)
	assert.Equal(t, "snippet_test.go", g.Name)
	assert.Contains(t, string(g.Source), "\"testing\"")
	assert.NotContains(t, string(g.Source), "var design", "declarations get no design variable")

	// A whole program stays as written.
	prog := "package main\n\nfunc main() {}\n"
	g, err = WrapGo(prog)
	require.NoError(t, err)
	assert.Equal(t, GoFile{Package: "main", Name: "main.go", Source: []byte(prog), Main: true}, g)

	_, err = WrapGo("func (\n")
	assert.Error(t, err)
}
