package readmetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The READMEs held to their blocks, relative to the repository root.
var readmes = []string{"README.md", "README.ja.md"}

// goRunCLI is how a README runs the CLI; the harness runs a binary built
// once instead, which is the same program without a build per command.
const goRunCLI = "go run ./examples/opsdesign"

// commandTimeout bounds one README command, so that a command that hangs
// fails with its line instead of holding the suite.
const commandTimeout = 2 * time.Minute

// reporter is where a check reports what is wrong with a README block:
// the test, or a recorder in the test of the checks themselves.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
}

// The CLI, built once for every test of the package.
var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
	cliDir  string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "readmetest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	cliDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli builds the CLI from the checkout at root, once.
func cli(t *testing.T, root string) string {
	t.Helper()
	cliOnce.Do(func() {
		cliPath = filepath.Join(cliDir, "opsdesign")
		build := exec.Command("go", goArgs("build", "-o", cliPath, "./examples/opsdesign")...)
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			cliErr = fmt.Errorf("building the CLI: %v\n%s", err, out)
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func readBlocks(t *testing.T, root string) []Block {
	t.Helper()
	var all []Block
	for _, name := range readmes {
		src, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		blocks, err := Parse(name, src)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, blocks...)
	}
	return all
}

// TestREADMECommands runs every ```sh block and every ```text block that
// opens with "$ command" of the READMEs, from a directory that mirrors the
// repository root (each top-level entry a symbolic link, so that files a
// command writes land in a temporary directory), and checks each command's
// exit status and, for a transcript, its output.
func TestREADMECommands(t *testing.T) {
	root := repoRoot(t)
	checkCommands(t, t, root, readBlocks(t, root))
}

// checkCommands runs the shell blocks and transcripts of blocks, reporting
// each failure to r at its README line.
func checkCommands(t *testing.T, r reporter, root string, blocks []Block) {
	t.Helper()
	bin := cli(t, root)
	work := filepath.Join(t.TempDir(), "root")
	mirror(t, root, work)

	ran := 0
	for _, b := range blocks {
		cmd, shown, transcript := Transcript(b.Text)
		if b.Lang != "sh" && !(b.Lang == "text" && transcript) {
			continue
		}
		plan, err := ParseMarker(b.Marker)
		if err != nil {
			r.Errorf("%s: the %s block's marker: %v (see docs/readme-tests.md)", b.Pos(), b.Lang, err)
			continue
		}
		if !plan.Run {
			r.Logf("%s: not run: %s", b.Pos(), plan.Reason)
			continue
		}
		if transcript {
			ran++
			line := b.Line + 1
			got, code := runCommand(bin, work, cmd)
			if want := plan.Exit(0); code != want {
				r.Errorf("%s:%d: %s\nexited %d, want %d; its output:\n%s", b.File, line, cmd, code, want, got)
				continue
			}
			if ok, why := MatchOutput(shown, got); !ok {
				r.Errorf("%s:%d: %s\nprints other than the README shows below it: %s\nits whole output:\n%s", b.File, line, cmd, why, got)
			}
			continue
		}
		cmds := Commands(b.Text)
		if len(cmds) == 0 {
			r.Errorf("%s: the sh block holds no command", b.Pos())
		}
		for i, c := range cmds {
			ran++
			line := b.Line + 1 + c.Line
			got, code := runCommand(bin, work, c.Text)
			if want := plan.Exit(i); code != want {
				r.Errorf("%s:%d: %s\nexited %d, want %d; its output:\n%s", b.File, line, c.Text, code, want, got)
			}
		}
	}
	if ran == 0 {
		r.Errorf("no README command ran: the harness reads nothing")
	}
}

// mirror makes dir a directory whose entries are symbolic links to those
// of root.
func mirror(t *testing.T, root, dir string) {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Symlink(filepath.Join(root, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

// runCommand runs a README command with sh from dir, the CLI's go run
// replaced by bin, and returns what it wrote to standard output and
// standard error, interleaved as a terminal shows them, and its exit
// status.
func runCommand(bin, dir, command string) (string, int) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	c := exec.CommandContext(ctx, "sh", "-c", strings.ReplaceAll(command, goRunCLI, bin))
	c.Dir = dir
	c.Env = append(os.Environ(), "TZ=UTC", "NO_COLOR=1")
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return out.String(), exit.ExitCode()
	}
	return fmt.Sprintf("%s(could not run: %v)\n", out.String(), err), -1
}

// TestREADMEGo compiles every ```go block of the READMEs, each in a
// package of its own in a temporary module that replaces this one with the
// checkout, so that a block can use only the public API, as a reader's code
// would. A block that declares tests runs them where ops/design is the
// sample design; a main program runs. Compiler errors name the README
// line.
func TestREADMEGo(t *testing.T) {
	root := repoRoot(t)
	checkGo(t, t, root, readBlocks(t, root))
}

// checkGo compiles the Go blocks of blocks and runs those that are tests
// or programs, reporting each failure to r at its README line.
func checkGo(t *testing.T, r reporter, root string, all []Block) {
	t.Helper()
	var blocks []Block
	for _, b := range all {
		if b.Lang == "go" {
			blocks = append(blocks, b)
		}
	}
	if len(blocks) == 0 {
		r.Errorf("no Go block in the READMEs: the harness reads nothing")
		return
	}
	mod := t.TempDir()
	writeModule(t, root, mod)

	type snippet struct {
		Block
		GoFile
		dir string
	}
	byDir := map[string]snippet{}
	var snippets []snippet
	for _, b := range blocks {
		g, err := WrapGo(b.Text)
		if err != nil {
			r.Errorf("%s: the Go block does not parse: %v", b.Pos(), err)
			continue
		}
		dir := fmt.Sprintf("b_%s_%d", strings.NewReplacer(".", "_", "/", "_").Replace(strings.ToLower(b.File)), b.Line)
		s := snippet{b, g, dir}
		writeFile(t, filepath.Join(mod, dir, g.Name), g.Source)
		if g.Tests {
			// A test of a team's design loads ops/design: give it the sample.
			if err := os.MkdirAll(filepath.Join(mod, dir, "ops"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(root, "testdata", "sample"), filepath.Join(mod, dir, "ops", "design")); err != nil {
				t.Fatal(err)
			}
		}
		byDir[dir] = s
		snippets = append(snippets, s)
	}
	if len(snippets) < len(blocks) {
		return
	}

	// Compile everything at once (vet type-checks test files too).
	out, err := goCommand(mod, goArgs("vet", "./...")...)
	if err != nil {
		mapped := false
		loc := regexp.MustCompile(`(b_[a-z_]+_\d+)/(\w+\.go):(\d+):(\d+): (.*)`)
		for _, m := range loc.FindAllStringSubmatch(out, -1) {
			s, ok := byDir[m[1]]
			if !ok {
				continue
			}
			n, _ := strconv.Atoi(m[3])
			r.Errorf("%s:%d: %s", s.File, s.Line+n-s.Offset, m[5])
			mapped = true
		}
		if !mapped {
			r.Errorf("the READMEs' Go blocks do not compile:\n%s", out)
		}
		return
	}
	for _, s := range snippets {
		switch {
		case s.Tests:
			if out, err := goCommand(filepath.Join(mod, s.dir), goArgs("test", "-count=1", ".")...); err != nil {
				r.Errorf("%s: the Go block's tests fail:\n%s", s.Pos(), out)
			}
		case s.Main:
			if out, err := goCommand(filepath.Join(mod, s.dir), goArgs("run", ".")...); err != nil {
				r.Errorf("%s: the Go program fails:\n%s", s.Pos(), out)
			}
		}
	}
}

// writeModule writes a module that requires this one, replaced by the
// checkout at root, with this module's requirements and sums so that
// nothing is downloaded.
func writeModule(t *testing.T, root, dir string) {
	t.Helper()
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	const self = "github.com/opsdesign/opsdesign"
	mod := strings.Replace(string(gomod), "module "+self+"\n", "module readmesnippets\n", 1)
	mod += fmt.Sprintf("\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %s => %s\n", self, self, root)
	writeFile(t, filepath.Join(dir, "go.mod"), []byte(mod))
	writeFile(t, filepath.Join(dir, "go.sum"), sum)
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goArgs is a go subcommand with raceFlags, then args.
func goArgs(sub string, args ...string) []string {
	return append(append([]string{sub}, raceFlags...), args...)
}

// goCommand runs the go command in dir, offline, and returns its output.
func goCommand(dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, "go", args...)
	c.Dir = dir
	c.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
	out, err := c.CombinedOutput()
	return string(out), err
}

// recorder is a reporter that keeps what it is told.
type recorder struct{ errs []string }

func (r *recorder) Helper()                      {}
func (r *recorder) Logf(string, ...any)          {}
func (r *recorder) Errorf(f string, args ...any) { r.errs = append(r.errs, fmt.Sprintf(f, args...)) }

// A README that names a file that is not there, calls an API that does
// not exist or leaves a block unmarked fails, each at its line.
func TestBrokenREADMEFailsAtItsLine(t *testing.T) {
	root := repoRoot(t)
	readme := "# broken\n\n<!-- run: exit 0 -->\n```sh\ngo run ./examples/opsdesign tickets review testdata/tickets/gone.csv\n```\n\n" +
		"```go\nfor _, s := range scorecard.Evaluate(design, nil) {\n\t_ = s\n}\n```\n\n" +
		"```sh\nls\n```\n\n<!-- run: exit 0 -->\n```text\n$ go run ./examples/opsdesign lint\nopsdesign lint: no findings\n```\n"
	blocks, err := Parse("BROKEN.md", []byte(readme))
	if err != nil {
		t.Fatal(err)
	}
	var r recorder
	checkCommands(t, &r, root, blocks)
	checkGo(t, &r, root, blocks)
	want := []string{
		"BROKEN.md:5: go run ./examples/opsdesign tickets review testdata/tickets/gone.csv\nexited 2, want 0",
		"BROKEN.md:14: the sh block's marker",
		"BROKEN.md:20: go run ./examples/opsdesign lint\nprints other than the README shows below it: line 1 of the output:",
		"BROKEN.md:9: undefined: scorecard",
	}
	if len(r.errs) != len(want) {
		t.Fatalf("got %d failures, want %d:\n%s", len(r.errs), len(want), strings.Join(r.errs, "\n---\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(r.errs[i], w) {
			t.Errorf("failure %d:\n%s\nwant it to start with\n%s", i, r.errs[i], w)
		}
	}
}
