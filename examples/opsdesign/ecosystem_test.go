package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// buildCLI builds the opsdesign command once for a test, as pre-commit's
// `go install` and the action's build step do.
func buildCLI(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build opsdesign with")
	}
	bin := filepath.Join(t.TempDir(), "opsdesign")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// exitCode runs cmd and returns its exit status.
func exitCode(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	require.NoError(t, err)
	return 0
}

// The pre-commit hook: a Go hook whose entry is the binary `go install`
// makes of this package, linting the whole design (its default argument)
// when a YAML or JSON file changes. Run as pre-commit runs it (no shell,
// no file names) it fails on the lifecycle fixture and passes the sample.
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	require.NoError(t, err)
	var hooks []struct {
		ID            string   `yaml:"id"`
		Language      string   `yaml:"language"`
		Entry         string   `yaml:"entry"`
		Args          []string `yaml:"args"`
		PassFilenames *bool    `yaml:"pass_filenames"`
		Files         string   `yaml:"files"`
	}
	require.NoError(t, yaml.Unmarshal(data, &hooks))
	require.Len(t, hooks, 1)
	h := hooks[0]
	assert.Equal(t, "opsdesign-lint", h.ID)
	assert.Equal(t, "golang", h.Language)
	require.NotNil(t, h.PassFilenames)
	assert.False(t, *h.PassFilenames, "references cross files: the design is linted whole")
	files := regexp.MustCompile(h.Files)
	for _, name := range []string{"ops/a.yaml", "ops/b.yml", "ops/c.json"} {
		assert.True(t, files.MatchString(name), name)
	}
	assert.False(t, files.MatchString("main.go"))
	entry := strings.Fields(h.Entry)
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.Equal(t, filepath.Base(wd), entry[0], "go install names the binary after this package's directory")

	bin := buildCLI(t)
	sample, err := filepath.Abs("../../testdata/sample")
	require.NoError(t, err)
	run := func(dir string) (int, string) {
		var out bytes.Buffer
		cmd := exec.Command(bin, append(entry[1:], h.Args...)...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &out
		return exitCode(t, cmd), out.String()
	}
	dir := workspace(t, "ops/design.yaml")
	code, out := run(dir)
	assert.Equal(t, exitFindings, code, out)
	assert.Contains(t, out, "[lifecycle/missing-event]")

	clean := t.TempDir()
	require.NoError(t, os.CopyFS(clean, os.DirFS(sample)))
	code, out = run(clean)
	assert.Equal(t, exitOK, code, out)
}

// actionStep is one step of the composite action.
type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
}

// The composite action, run offline: its shell steps with the inputs as
// GitHub passes them (through env, never pasted into the script), the
// prebuilt binary where its build step puts it, and the steps that use
// other actions (setup-go, the SARIF upload) checked rather than run.
func TestAction(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	require.NoError(t, err)
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string       `yaml:"using"`
			Steps []actionStep `yaml:"steps"`
		} `yaml:"runs"`
	}
	require.NoError(t, yaml.Unmarshal(data, &action))
	require.Equal(t, "composite", action.Runs.Using)
	for _, in := range []string{"paths", "format", "fail-on", "config", "sarif", "sarif-file", "summary"} {
		assert.Contains(t, action.Inputs, in)
	}
	expr := regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)
	for _, s := range action.Runs.Steps {
		assert.False(t, expr.MatchString(s.Run), "step %q pastes an expression into its script: pass it through env", s.Name)
	}

	bin := buildCLI(t)
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	type result struct {
		code                  int
		log, summary, outputs string
	}
	runAction := func(with map[string]string) result {
		t.Helper()
		inputs := map[string]string{}
		for k, v := range action.Inputs {
			inputs[k] = v.Default
		}
		for k, v := range with {
			inputs[k] = v
		}
		eval := func(s string) string {
			return expr.ReplaceAllStringFunc(s, func(m string) string {
				e := expr.FindStringSubmatch(m)[1]
				if name, ok := strings.CutPrefix(e, "inputs."); ok {
					return inputs[name]
				}
				require.Equal(t, "github.action_path", e, "an expression the test does not know")
				return root
			})
		}
		runnerTemp := t.TempDir()
		summary := filepath.Join(t.TempDir(), "summary.md")
		outputs := filepath.Join(t.TempDir(), "output")
		var r result
		var log bytes.Buffer
		for _, s := range action.Runs.Steps {
			if s.If != "" {
				m := regexp.MustCompile(`^inputs\.([a-z-]+) == '([^']*)'$`).FindStringSubmatch(s.If)
				require.NotNil(t, m, "a condition the test does not know: %s", s.If)
				if inputs[m[1]] != m[2] {
					continue
				}
			}
			switch {
			case strings.HasPrefix(s.Uses, "actions/setup-go@"):
				assert.Equal(t, root+"/go.mod", eval(s.With["go-version-file"]))
				continue
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				assert.Equal(t, inputs["sarif-file"], eval(s.With["sarif_file"]))
				continue
			case s.Uses != "":
				t.Fatalf("step %q uses %s, which the test does not know", s.Name, s.Uses)
			case strings.HasPrefix(s.Run, "go build "):
				// The build step: put the prebuilt binary where it builds.
				assert.Equal(t, root, eval(s.WorkingDirectory))
				assert.Equal(t, `go build -o "$RUNNER_TEMP/opsdesign-action/opsdesign" ./examples/opsdesign`, strings.TrimSpace(s.Run))
				require.NoError(t, os.MkdirAll(filepath.Join(runnerTemp, "opsdesign-action"), 0o755))
				b, err := os.ReadFile(bin)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(runnerTemp, "opsdesign-action", "opsdesign"), b, 0o755))
				continue
			}
			require.Equal(t, "bash", s.Shell)
			cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run) // GitHub's bash
			cmd.Env = append(os.Environ(), "RUNNER_TEMP="+runnerTemp, "GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+outputs)
			for k, v := range s.Env {
				cmd.Env = append(cmd.Env, k+"="+eval(v))
			}
			cmd.Stdout, cmd.Stderr = &log, &log
			if r.code = exitCode(t, cmd); r.code != 0 {
				break
			}
		}
		r.log = log.String()
		b, _ := os.ReadFile(summary)
		r.summary = string(b)
		b, _ = os.ReadFile(outputs)
		r.outputs = string(b)
		return r
	}

	workspace(t, "ops/design.yaml", "more/design.yaml")
	r := runAction(map[string]string{"paths": "ops\nmore"})
	assert.Equal(t, 1, r.code, r.log)
	assert.Contains(t, r.log, "::error file=ops/design.yaml,line=17,col=3,title=lifecycle/missing-event::")
	assert.Contains(t, r.log, "::error file=more/design.yaml,line=17,col=3,")
	assert.Contains(t, r.log, "GitHub annotates 10 of each kind per step, so 16 errors are in this log only")
	assert.Contains(t, r.summary, "### opsdesign: 26 errors, 0 warnings, 0 notices\n")
	assert.Empty(t, r.outputs, "no SARIF unless asked")
	_, err = os.Stat("opsdesign.sarif")
	assert.ErrorIs(t, err, os.ErrNotExist)

	r = runAction(map[string]string{"paths": "ops", "sarif": "true", "fail-on": "none", "summary": "false", "format": "text"})
	assert.Equal(t, 0, r.code, r.log)
	assert.Contains(t, r.log, "ops/design.yaml:17:3: error: ")
	assert.Empty(t, r.summary)
	assert.Equal(t, "file=opsdesign.sarif\n", r.outputs)
	b, err := os.ReadFile("opsdesign.sarif")
	require.NoError(t, err)
	var log struct {
		Runs []struct{ Results []json.RawMessage }
	}
	require.NoError(t, json.Unmarshal(b, &log))
	assert.Len(t, log.Runs[0].Results, 13)

	r = runAction(map[string]string{"paths": "ops", "config": "missing.yaml"})
	assert.Equal(t, 2, r.code, "a configuration that is not there stops the run: %s", r.log)
}
