// Package readmetest makes the READMEs a tested contract. It reads the
// fenced code blocks of a Markdown file with the line each opens at and
// the marker comment before it, wraps a Go block into a file that
// compiles, splits a shell block into commands and matches a command's
// output against what the README shows.
//
// The tests of this package use it on README.md and README.ja.md at the
// repository root: every ```go block is compiled against the module (and
// run when it is a test or a main program), every ```sh block and every
// ```text block opening with "$ command" is run from the repository root,
// as its marker says. docs/readme-tests.md describes the markers for
// whoever writes a README block.
package readmetest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ErrMarker is wrapped by the errors about a marker that cannot be read.
var ErrMarker = errors.New("readmetest: bad marker")

// Block is one fenced code block of a Markdown file.
type Block struct {
	File       string // the Markdown file, as given to Parse
	Line       int    // the line of the opening fence, 1-based
	Lang       string // the first word of the info string: go, sh, text, yaml
	Info       string // the rest of the info string
	Marker     string // the one-line HTML comment just before the fence (blank lines between allowed), without <!-- -->; "" if none
	MarkerLine int    // the marker's line; 0 if none
	Text       string // the lines between the fences, each ending in a newline
}

// Pos is "file:line" of the block's opening fence, for messages.
func (b Block) Pos() string { return b.File + ":" + strconv.Itoa(b.Line) }

var fence = regexp.MustCompile("^(\\s*)(```+|~~~+)\\s*([^`]*)$")

// Parse returns the fenced code blocks of a Markdown file in order. An
// unclosed fence is an error naming its line.
func Parse(file string, src []byte) ([]Block, error) {
	var (
		blocks     []Block
		open       *Block
		closer     string
		marker     string
		markerLine int
		text       strings.Builder
	)
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if open != nil {
			if t := strings.TrimSpace(line); strings.HasPrefix(t, closer) && strings.Trim(t, closer[:1]) == "" {
				open.Text = text.String()
				blocks = append(blocks, *open)
				open = nil
				continue
			}
			text.WriteString(line + "\n")
			continue
		}
		t := strings.TrimSpace(line)
		if m := fence.FindStringSubmatch(line); m != nil {
			info := strings.Fields(m[3])
			b := Block{File: file, Line: n, Marker: marker, MarkerLine: markerLine}
			if len(info) > 0 {
				b.Lang, b.Info = info[0], strings.Join(info[1:], " ")
			}
			open, closer = &b, m[2]
			text.Reset()
			marker, markerLine = "", 0
			continue
		}
		switch {
		case t == "":
			// a marker may stand a blank line above its block
		case strings.HasPrefix(t, "<!--") && strings.HasSuffix(t, "-->"):
			marker = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "<!--"), "-->"))
			markerLine = n
		default:
			marker, markerLine = "", 0
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if open != nil {
		return nil, fmt.Errorf("%s:%d: the code block is never closed", file, open.Line)
	}
	return blocks, nil
}

// Plan is what a marker says about running a block.
type Plan struct {
	Run    bool   // false: the block is not run
	Reason string // why it is not run
	Exits  []int  // the exit status of each command in order; one for all
}

// Exit is the exit status the plan expects of the i-th command (0-based).
func (p Plan) Exit(i int) int {
	if len(p.Exits) == 0 {
		return 0
	}
	return p.Exits[min(i, len(p.Exits)-1)]
}

// ParseMarker reads a block's marker: "run: exit 0", "run: exit 0, 1"
// (one status per command, the last repeated), or "not run: REASON" with
// a reason. Any other marker, and no marker, is an error wrapping
// ErrMarker.
func ParseMarker(marker string) (Plan, error) {
	switch {
	case strings.HasPrefix(marker, "not run:"):
		reason := strings.TrimSpace(strings.TrimPrefix(marker, "not run:"))
		if reason == "" {
			return Plan{}, fmt.Errorf(`%w: "not run:" needs its reason`, ErrMarker)
		}
		return Plan{Reason: reason}, nil
	case strings.HasPrefix(marker, "run:"):
		rest := strings.TrimSpace(strings.TrimPrefix(marker, "run:"))
		codes, ok := strings.CutPrefix(rest, "exit ")
		if !ok {
			return Plan{}, fmt.Errorf(`%w: %q: write "run: exit N" or "run: exit N, M, ..."`, ErrMarker, marker)
		}
		p := Plan{Run: true}
		for _, c := range strings.Split(codes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(c))
			if err != nil || n < 0 || n > 255 {
				return Plan{}, fmt.Errorf("%w: %q: exit status %q is not a number from 0 to 255", ErrMarker, marker, strings.TrimSpace(c))
			}
			p.Exits = append(p.Exits, n)
		}
		return p, nil
	case marker == "":
		return Plan{}, fmt.Errorf(`%w: none; put <!-- run: exit 0 --> or <!-- not run: REASON --> on a line before the block`, ErrMarker)
	}
	return Plan{}, fmt.Errorf(`%w: %q: write "run: exit N" or "not run: REASON"`, ErrMarker, marker)
}

// Command is one command of a shell block.
type Command struct {
	Line int    // the line in the block where it starts, 0-based
	Text string // the command, continuation lines joined
}

// Commands splits a shell block into its commands: one a line, a line
// ending in a backslash continuing on the next; blank lines and comment
// lines are skipped.
func Commands(block string) []Command {
	var cmds []Command
	var cur *Command
	for i, line := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		if cur == nil {
			if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			cur = &Command{Line: i}
		}
		if s, ok := strings.CutSuffix(line, `\`); ok {
			cur.Text += s + " "
			continue
		}
		cur.Text += line
		cmds = append(cmds, *cur)
		cur = nil
	}
	if cur != nil {
		cmds = append(cmds, *cur)
	}
	return cmds
}

// Transcript splits a ```text block that opens with "$ command" into the
// command and the output the README shows; ok is false for any other
// block.
func Transcript(block string) (cmd, output string, ok bool) {
	first, rest, _ := strings.Cut(block, "\n")
	cmd, ok = strings.CutPrefix(first, "$ ")
	return cmd, rest, ok
}

// Elision is a line of shown output standing for any lines, none included.
const Elision = "..."

// MatchOutput reports whether got is the output want shows: line for line
// the same, except that a line "..." in want stands for any number of
// lines of got (none included), and trailing spaces are ignored. When they
// differ, it says at which line of want, with what was got there.
func MatchOutput(want, got string) (bool, string) {
	w := splitLines(want)
	g := splitLines(got)
	if match(w, g) {
		return true, ""
	}
	// Say where: the longest prefix of want that matches.
	i := 0
	for i < len(w) && i < len(g) && w[i] != Elision && w[i] == g[i] {
		i++
	}
	switch {
	case i < len(w) && w[i] == Elision:
		return false, fmt.Sprintf("the lines after the %q at line %d of the output do not match the end of what was got", Elision, i+1)
	case i >= len(g):
		return false, fmt.Sprintf("line %d of the output: want %q, got the end of the output", i+1, w[i])
	case i >= len(w):
		return false, fmt.Sprintf("line %d of the output: want the end of the output, got %q", i+1, g[i])
	}
	return false, fmt.Sprintf("line %d of the output:\n  want %q\n  got  %q", i+1, w[i], g[i])
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return lines
}

func match(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == Elision {
		for i := 0; i <= len(got); i++ {
			if match(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && match(want[1:], got[1:])
}

// Imports are the packages a Go block may use without importing them: the
// module's public packages and the standard library's usual ones, by the
// name a block calls them.
var Imports = map[string]string{
	"catalog":     "github.com/opsdesign/opsdesign/catalog",
	"rules":       "github.com/opsdesign/opsdesign/catalog/rules",
	"catalogtest": "github.com/opsdesign/opsdesign/catalog/catalogtest",
	"diag":        "github.com/opsdesign/opsdesign/catalog/diag",
	"config":      "github.com/opsdesign/opsdesign/catalog/config",
	"report":      "github.com/opsdesign/opsdesign/catalog/report",
	"render":      "github.com/opsdesign/opsdesign/catalog/render",
	"diff":        "github.com/opsdesign/opsdesign/catalog/diff",
	"openslo":     "github.com/opsdesign/opsdesign/catalog/openslo",
	"sloreport":   "github.com/opsdesign/opsdesign/catalog/sloreport",
	"ticket":      "github.com/opsdesign/opsdesign/ticket",
	"eventlog":    "github.com/opsdesign/opsdesign/slo/eventlog",
	"slo":         "github.com/opsdesign/opsdesign/slo",
	"roles":       "github.com/opsdesign/opsdesign/roles",
	"lifecycle":   "github.com/opsdesign/opsdesign/lifecycle",
	"bytes":       "bytes",
	"context":     "context",
	"errors":      "errors",
	"filepath":    "path/filepath",
	"fmt":         "fmt",
	"io":          "io",
	"json":        "encoding/json",
	"log":         "log",
	"os":          "os",
	"slices":      "slices",
	"strings":     "strings",
	"testing":     "testing",
	"time":        "time",
}

// GoFile is a Go block made into a file that compiles on its own.
type GoFile struct {
	Package string // "main" for a program, else "snippet"
	Name    string // snippet.go, snippet_test.go or main.go
	Source  []byte
	// Offset is the number of lines the file has before the block's first
	// line, so that line n of the file is line n-Offset of the block.
	Offset int
	Tests  bool // it declares Test functions, run with go test
	Main   bool // it is a program, run with go run
}

// WrapGo makes a Go block into a file. A block with a package clause is
// taken as it is. A block of declarations (a func TestX, a type) gets the
// package clause and the imports of the packages it names (see Imports).
// A block of statements is also put in the body of a function, where a
// variable design (*catalog.Design) stands for a design loaded earlier in
// the README; each variable the block declares at its top level is then
// used, so that a fragment may end with the result it shows. The block's
// lines are kept as they are, so a compiler's line is the block's line
// plus Offset.
func WrapGo(block string) (GoFile, error) {
	fset := token.NewFileSet()
	if f, err := parser.ParseFile(fset, "", block, parser.PackageClauseOnly); err == nil && f.Name != nil {
		full, err := parser.ParseFile(fset, "", block, 0)
		if err != nil {
			return GoFile{}, err
		}
		g := GoFile{Package: f.Name.Name, Source: []byte(block)}
		g.classify(full)
		return g, nil
	}
	// Declarations?
	const pkg = "package snippet\n"
	if f, err := parser.ParseFile(fset, "", pkg+block, 0); err == nil {
		return wrap(pkg, "", block, "", f)
	}
	// Statements, in a function body.
	const open = "func snippet() {\n\tvar design *catalog.Design\n\t_ = design\n"
	src := pkg + open + block + "}\n"
	f, err := parser.ParseFile(fset, "", src, 0)
	if err != nil {
		return GoFile{}, fmt.Errorf("neither a file, declarations nor statements: %w", err)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	// Use what the block declares at its top level: "; _ = x" right after
	// the statement, on its line.
	type insert struct {
		at   int
		text string
	}
	var inserts []insert
	base := len(pkg) + len(open)
	for _, st := range body.List[2:] {
		var names []string
		switch s := st.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, e := range s.Lhs {
					if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
						names = append(names, id.Name)
					}
				}
			}
		case *ast.DeclStmt:
			if gd, ok := s.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, sp := range gd.Specs {
					for _, id := range sp.(*ast.ValueSpec).Names {
						if id.Name != "_" {
							names = append(names, id.Name)
						}
					}
				}
			}
		}
		if len(names) > 0 {
			text := ""
			for _, n := range names {
				text += "; _ = " + n
			}
			inserts = append(inserts, insert{fset.Position(st.End()).Offset - base, text})
		}
	}
	body2 := block
	for i := len(inserts) - 1; i >= 0; i-- {
		in := inserts[i]
		body2 = body2[:in.at] + in.text + body2[in.at:]
	}
	f, err = parser.ParseFile(fset, "", pkg+open+body2+"}\n", 0)
	if err != nil {
		return GoFile{}, err
	}
	return wrap(pkg, open, body2, "}\n", f)
}

// wrap writes the file: the package clause, the imports the code names,
// then the code.
func wrap(pkg, open, code, close string, f *ast.File) (GoFile, error) {
	var names []string
	if open != "" {
		names = append(names, "catalog") // the design variable's type
	}
	for _, id := range f.Unresolved {
		if _, ok := Imports[id.Name]; ok && !slices.Contains(names, id.Name) {
			names = append(names, id.Name)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(Imports[a], Imports[b]) })
	var b strings.Builder
	b.WriteString(pkg)
	if len(names) > 0 {
		b.WriteString("\nimport (\n")
		for _, n := range names {
			fmt.Fprintf(&b, "\t%q\n", Imports[n])
		}
		b.WriteString(")\n\n")
	}
	b.WriteString(open)
	g := GoFile{Package: "snippet", Offset: strings.Count(b.String(), "\n")}
	b.WriteString(code)
	b.WriteString(close)
	g.Source = []byte(b.String())
	g.classify(f)
	return g, nil
}

// classify names the file by what it declares.
func (g *GoFile) classify(f *ast.File) {
	g.Name = "snippet.go"
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil {
			continue
		}
		switch {
		case fd.Name.Name == "main" && f.Name.Name == "main":
			g.Main, g.Name = true, "main.go"
		case strings.HasPrefix(fd.Name.Name, "Test") || strings.HasPrefix(fd.Name.Name, "Example") || strings.HasPrefix(fd.Name.Name, "Benchmark"):
			g.Tests, g.Name = true, "snippet_test.go"
		}
	}
}
