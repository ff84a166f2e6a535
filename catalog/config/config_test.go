package config_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/config"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

// key is what tests compare: rule, position and path, not message text.
type key struct {
	Rule         string
	Line, Column int
	Path         string
}

func keys(diags catalog.Diagnostics) []key {
	out := make([]key, 0, len(diags))
	for _, d := range diags {
		out = append(out, key{d.Rule, d.Pos.Line, d.Pos.Column, d.Path})
	}
	return out
}

func TestLoadValidConfig(t *testing.T) {
	f, diags, err := config.Load("testdata/valid.opsdesign.yaml")
	require.NoError(t, err)
	assert.Empty(t, diags)
	assert.Equal(t, []config.Setting{
		{Rule: "lifecycle/missing-reason", Config: catalog.RuleConfig{Severity: catalog.Warning}, Pos: catalog.Pos{File: "testdata/valid.opsdesign.yaml", Line: 4, Column: 3}},
		{Rule: "ref/*", Config: catalog.RuleConfig{Severity: catalog.Error}, Pos: catalog.Pos{File: "testdata/valid.opsdesign.yaml", Line: 6, Column: 3}},
		{Rule: "suppress/unused", Config: catalog.RuleConfig{Disabled: true}, Pos: catalog.Pos{File: "testdata/valid.opsdesign.yaml", Line: 5, Column: 3}},
	}, f.Rules)
	require.Len(t, f.Overrides, 2)
	assert.Equal(t, []string{"legacy/**", "generated/*.yaml"}, f.Overrides[0].Paths)
	assert.Equal(t, 8, f.Overrides[0].Pos.Line)
	assert.Equal(t, []config.Setting{{Rule: "lifecycle/*", Config: catalog.RuleConfig{Disabled: true},
		Pos: catalog.Pos{File: "testdata/valid.opsdesign.yaml", Line: 10, Column: 7}}}, f.Overrides[0].Rules)
	assert.Equal(t, ".opsdesign-baseline.json", f.Baseline)
	assert.Equal(t, filepath.Join("testdata", ".opsdesign-baseline.json"), f.BaselinePath())
	assert.Equal(t, catalog.Pos{File: "testdata/valid.opsdesign.yaml", Line: 14, Column: 11}, f.BaselinePos)
}

func TestConfigErrorsArePositioned(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []key
	}{
		{"bad severity", "rules:\n  ref/*: eror\n", []key{{"schema/enum", 2, 10, "/rules/ref~1*"}}},
		{"bad rule key", "rules:\n  Bad Key: off\n", []key{{"schema/value", 2, 3, "/rules/Bad Key"}}},
		{"typo in a top-level key", "rule:\n  ref/*: error\n", []key{{"schema/unknown-key", 1, 1, "/rule"}}},
		{"override without paths", "overrides:\n  - rules: {ref/*: off}\n", []key{{"schema/required", 2, 5, "/overrides/0/paths"}}},
		{"malformed glob", "overrides:\n  - paths: [ok/*, \"a/[b\"]\n    rules: {ref/*: off}\n", []key{{"schema/value", 2, 19, "/overrides/0/paths/1"}}},
		{"baseline not text", "baseline: 3\n", []key{{"schema/type", 1, 11, "/baseline"}}},
		{"not a mapping", "- rules\n", []key{{"schema/type", 1, 1, ""}}},
		{"yaml syntax", "rules: {ref/*: off\n", []key{{"yaml/syntax", 1, 8, ""}}},
		{"duplicate key", "rules:\n  ref/*: off\n  ref/*: error\n", []key{{"yaml/duplicate-key", 3, 3, "/rules/ref~1*"}}},
		{"two documents", "rules: {}\n---\nrules: {}\n", []key{{"yaml/multiple-documents", 3, 1, ""}}},
		{"yes elsewhere still warns", "overrides:\n  - paths: [yes]\n    rules: {ref/*: off}\n", []key{{"yaml/ambiguous-bool", 2, 13, "/overrides/0/paths/0"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := config.Parse(".opsdesign.yaml", []byte(tc.src))
			assert.Equal(t, tc.want, keys(diags))
			for _, d := range diags {
				assert.Equal(t, ".opsdesign.yaml", d.Pos.File)
			}
		})
	}
}

func TestConfigMessages(t *testing.T) {
	_, diags := config.Parse(".opsdesign.yaml", []byte("rule:\n  ref/*: error\nrules:\n  Bad Key: off\n"))
	require.Len(t, diags, 2)
	assert.Equal(t, `.opsdesign.yaml:1:1: error: unknown key "rule"; did you mean "rules"? [schema/unknown-key]`, diags[0].String())
	assert.Equal(t, `.opsdesign.yaml:4:3: error: "Bad Key" is not a rule ID or group: write group/kebab-case-name or group/* [schema/value]`, diags[1].String())
}

func TestOffNeedsNoQuotes(t *testing.T) {
	f, diags := config.Parse(".opsdesign.yaml", []byte("rules:\n  ref/*: off\noverrides:\n  - paths: [x]\n    rules: {ref/unresolved: off}\n"))
	assert.Empty(t, diags)
	assert.True(t, f.Rules[0].Config.Disabled)
	assert.True(t, f.Overrides[0].Rules[0].Config.Disabled)
}

func TestEmptyConfig(t *testing.T) {
	for _, src := range []string{"", "# nothing configured yet\n", "---\n", "null\n"} {
		f, diags := config.Parse(".opsdesign.yaml", []byte(src))
		assert.Empty(t, diags, "%q", src)
		c, diags := f.Config(nil)
		assert.Empty(t, diags)
		assert.Empty(t, c.Rules)
		assert.Empty(t, c.Overrides)
	}
}

func TestUnknownRulesArePositionedAndLeftOut(t *testing.T) {
	src := "rules:\n  lifecycle/missing-evnt: off\n  nope/*: off\n  ref/*: warning\noverrides:\n  - paths: [x]\n    rules: {suppress/unusd: off}\n"
	f, diags := config.Parse("ops/.opsdesign.yaml", []byte(src))
	require.Empty(t, diags)
	c, diags := f.Config(nil)
	assert.Equal(t, []key{
		{"lint/unknown-rule", 2, 3, ""},
		{"lint/unknown-rule", 3, 3, ""},
		{"lint/unknown-rule", 7, 13, ""},
	}, keys(diags))
	assert.Contains(t, diags[0].Message, `did you mean "lifecycle/missing-event"?`)
	assert.Contains(t, diags[2].Message, `did you mean "suppress/unused"?`)
	assert.Equal(t, map[string]catalog.RuleConfig{"ref/*": {Severity: catalog.Warning}}, c.Rules)
	assert.Empty(t, c.Overrides[0].Rules)

	// A team's own rule is known when the registry given has it.
	mine := catalog.Rule{ID: "team/title", Doc: "Titles.", Severity: catalog.Warning, Run: func(*catalog.Pass) {}}
	f, _ = config.Parse(".opsdesign.yaml", []byte("rules:\n  team/*: error\n"))
	c, diags = f.Config(append(rules.Registry(), mine.Info()))
	assert.Empty(t, diags)
	assert.Equal(t, catalog.Error, c.Rules["team/*"].Severity)

	// The registry knows the ticket importer's rules; a design linter does
	// not, and the configuration for it says so where the rule is named.
	f, _ = config.Parse(".opsdesign.yaml", []byte("rules:\n  ticket/bad-time: off\n  baseline/stale: warning\n"))
	c, diags = f.Config(nil)
	assert.Empty(t, diags)
	assert.Len(t, c.Rules, 2)
	linter := &catalog.Linter{Rules: append(rules.All(), mine)}
	c, diags = f.Config(linter.Known())
	assert.Equal(t, []key{{"lint/unknown-rule", 2, 3, ""}}, keys(diags))
	assert.Equal(t, map[string]catalog.RuleConfig{"baseline/stale": {Severity: catalog.Warning}}, c.Rules)
	linter.Config = c
	assert.Empty(t, linter.Lint(&catalog.Design{}), "nothing left for the linter to report without a position")
}

// The override globs are relative to the configuration's directory and
// match the design's files however the design was named when loading.
func TestOverridesApplyRelativeToTheConfigFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ops", ".opsdesign.yaml"), "overrides:\n  - paths: [legacy]\n    rules: {lifecycle/*: off}\n")
	write(t, filepath.Join(dir, "ops", "legacy", "old.yaml"), lifecycleGap("old"))
	write(t, filepath.Join(dir, "ops", "current", "new.yaml"), lifecycleGap("new"))

	t.Chdir(dir)
	f, diags, err := config.Load(filepath.Join(dir, "ops", ".opsdesign.yaml"))
	require.NoError(t, err)
	require.Empty(t, diags)
	c, diags := f.Config(nil)
	require.Empty(t, diags)

	for _, root := range []string{"ops", filepath.Join(dir, "ops")} { // relative and absolute
		d, err := catalog.Load(root)
		require.NoError(t, err)
		got := (&catalog.Linter{Rules: rules.All(), Config: c}).Lint(d).ByRule("lifecycle/missing-event")
		require.Len(t, got, 1, root)
		assert.Equal(t, "new.yaml", filepath.Base(got[0].Pos.File), root)
	}
}

func lifecycleGap(name string) string {
	return "apiVersion: opsdesign/v1\nkind: Role\nmetadata: {name: owner-" + name + "}\nspec: {tier: certified}\n---\n" +
		"apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n  state: active\n  owner: owner-" + name + "\n" +
		"  lifecycle:\n    new: {notApplicable: x}\n    use: {notApplicable: x}\n    change: {notApplicable: x}\n    suspend: {notApplicable: x}\n"
}

func write(t *testing.T, name, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte(content), 0o644))
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "repo", config.FileName), "rules: {}\n")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "repo", ".git"), 0o755))
	write(t, filepath.Join(root, "repo", "ops", "team", "design.yaml"), "x: 1\n")
	write(t, filepath.Join(root, "repo", "ops", "own", config.FileName), "rules: {}\n")
	write(t, filepath.Join(root, "repo", "ops", "own", "design.yaml"), "x: 1\n")
	// Above the repository: never reached.
	write(t, filepath.Join(root, config.FileName), "rules: {}\n")
	write(t, filepath.Join(root, "other", "sub", "design.yaml"), "x: 1\n")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "other", ".git"), 0o755))

	for _, tc := range []struct{ start, want string }{
		{"repo/ops/team/design.yaml", "repo/" + config.FileName},
		{"repo/ops/team", "repo/" + config.FileName},
		{"repo", "repo/" + config.FileName},
		{"repo/ops/own/design.yaml", "repo/ops/own/" + config.FileName},
	} {
		got, err := config.Find(filepath.Join(root, tc.start))
		require.NoError(t, err, tc.start)
		assert.Equal(t, filepath.Join(root, filepath.FromSlash(tc.want)), got, tc.start)
	}

	_, err := config.Find(filepath.Join(root, "other", "sub"))
	assert.ErrorIs(t, err, config.ErrNotFound)
	_, err = config.Find(filepath.Join(root, "missing"))
	assert.ErrorIs(t, err, fs.ErrNotExist)

	// A relative start gives a relative answer.
	t.Chdir(filepath.Join(root, "repo", "ops"))
	got, err := config.Find("team")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("..", config.FileName), got)
}

func TestLoadUnreadable(t *testing.T) {
	_, _, err := config.Load(filepath.Join(t.TempDir(), "none.yaml"))
	assert.True(t, errors.Is(err, fs.ErrNotExist))
}

// The published schemas are the embedded ones, compile, and accept the
// example configuration.
func TestPublishedSchemas(t *testing.T) {
	for name, embedded := range map[string][]byte{"schemas/config.json": config.Schema(), "schemas/baseline.json": config.BaselineSchema()} {
		onDisk, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, onDisk, embedded, name)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	require.NoError(t, c.AddResource("config.json", bytes.NewReader(config.Schema())))
	s, err := c.Compile("config.json")
	require.NoError(t, err)
	assert.Contains(t, string(config.Schema()), `"$id": "https://opsdesign.dev/schemas/v1/config.json"`)
	assert.Contains(t, string(config.BaselineSchema()), `"$id": "https://opsdesign.dev/schemas/v1/baseline.json"`)

	var doc any
	data, err := os.ReadFile("testdata/valid.opsdesign.yaml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &doc))
	assert.NoError(t, s.Validate(doc))
}

// The reproduction: with no .git, discovery climbed to / and a
// .opsdesign.yaml planted in a shared parent directory turned a failing
// lint into a pass. Outside a repository only the path's own directory,
// and the working directory when the path is inside it, are searched.
func TestFindOutsideRepository(t *testing.T) {
	shared := t.TempDir()
	t.Setenv("HOME", filepath.Join(shared, "home"))                                 // not above the tree
	write(t, filepath.Join(shared, config.FileName), "rules: {lifecycle/*: off}\n") // planted
	write(t, filepath.Join(shared, "project", "ops", "design.yaml"), "x: 1\n")
	write(t, filepath.Join(shared, "elsewhere", "x"), "")

	t.Chdir(filepath.Join(shared, "elsewhere"))
	_, err := config.Find(filepath.Join(shared, "project", "ops"))
	require.ErrorIs(t, err, config.ErrNotFound)
	assert.ErrorContains(t, err, "no .opsdesign.yaml found in "+filepath.Join(shared, "project", "ops")+" or above it up to "+filepath.Join(shared, "project", "ops"))

	// From the project's directory, its own configuration applies; the
	// planted one above the working directory still does not.
	t.Chdir(filepath.Join(shared, "project"))
	_, err = config.Find("ops")
	require.ErrorIs(t, err, config.ErrNotFound)
	assert.ErrorContains(t, err, "in ops or above it up to .")
	write(t, filepath.Join(shared, "project", config.FileName), "rules: {}\n")
	got, err := config.Find("ops/design.yaml")
	require.NoError(t, err)
	assert.Equal(t, config.FileName, got)
	got, err = config.Find(filepath.Join(shared, "project", "ops"))
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(shared, "project", config.FileName), got)
}

// Inside the home directory the search never climbs above it, even to a
// repository root (a home directory inside a checkout, or .git at /).
func TestFindStopsAtHome(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(root, ".git"), 0o755))
	write(t, filepath.Join(root, config.FileName), "rules: {}\n")
	home := filepath.Join(root, "home", "me")
	t.Setenv("HOME", home)
	write(t, filepath.Join(home, "work", "design.yaml"), "x: 1\n")
	t.Chdir(root)
	_, err := config.Find(filepath.Join(home, "work"))
	require.ErrorIs(t, err, config.ErrNotFound)
	assert.ErrorContains(t, err, "up to "+home)

	write(t, filepath.Join(home, config.FileName), "rules: {}\n")
	got, err := config.Find(filepath.Join(home, "work"))
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(home, config.FileName), got)
}

// A .opsdesign.yaml that is a FIFO, a directory or a broken link is an
// error, never opened and never passed over for one further up. A FIFO
// named with -config or as a baseline is refused the same way: opening
// one with no writer would block forever.
func TestNotRegularConfiguration(t *testing.T) {
	for _, make := range []func(string) error{
		func(p string) error { return syscall.Mkfifo(p, 0o644) },
		func(p string) error { return os.Mkdir(p, 0o755) },
		func(p string) error { return os.Symlink("nowhere.yaml", p) },
	} {
		root := t.TempDir()
		require.NoError(t, os.Mkdir(filepath.Join(root, ".git"), 0o755))
		write(t, filepath.Join(root, config.FileName), "rules: {}\n")
		write(t, filepath.Join(root, "ops", "design.yaml"), "x: 1\n")
		require.NoError(t, make(filepath.Join(root, "ops", config.FileName)))
		_, err := config.Find(filepath.Join(root, "ops", "design.yaml"))
		require.ErrorIs(t, err, config.ErrNotRegular)
		assert.ErrorContains(t, err, filepath.Join(root, "ops", config.FileName))
	}

	fifo := filepath.Join(t.TempDir(), "fifo.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	_, _, err := config.Load(fifo)
	require.ErrorIs(t, err, config.ErrNotRegular)
	assert.EqualError(t, err, fifo+": not a regular file (a FIFO): a configuration or baseline is read from a file")
	_, _, err = config.ReadBaseline(fifo)
	require.ErrorIs(t, err, config.ErrNotRegular)
}

// The README writes "off" quoted, so that YAML 1.1 tools read the string
// and not the boolean false; opsdesign reads every spelling users have as
// the same setting.
func TestOffQuotedOrNot(t *testing.T) {
	for _, off := range []string{`"off"`, `'off'`, `off`} {
		f, diags := config.Parse(".opsdesign.yaml", []byte("rules:\n  suppress/unused: "+off+"\noverrides:\n  - paths: [legacy/**]\n    rules:\n      lifecycle/*: "+off+"\n"))
		assert.Empty(t, diags, off)
		require.Len(t, f.Rules, 1, off)
		assert.True(t, f.Rules[0].Config.Disabled, off)
		require.Len(t, f.Overrides, 1, off)
		assert.True(t, f.Overrides[0].Rules[0].Config.Disabled, off)
	}
	// What a YAML 1.1 tool writes back for a bare off is a boolean: it is
	// reported at its value, not taken for a setting.
	_, diags := config.Parse(".opsdesign.yaml", []byte("rules:\n  suppress/unused: false\n"))
	assert.Equal(t, []key{{"schema/enum", 2, 20, "/rules/suppress~1unused"}}, keys(diags))
}
