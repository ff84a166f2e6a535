package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// stable reports whether a rule is of the groups the fixtures exercise;
// the golden files do not change when rules of other groups are added.
func stable(id string) bool {
	switch strings.SplitN(id, "/", 2)[0] {
	case "yaml", "json", "schema", "lifecycle", "ref", "name", "lint", "limits":
		return true
	}
	return false
}

// stableRules are the built-in rules of the stable groups (the loader's
// and the engine's every Linter knows).
func stableRules() []catalog.Rule {
	var out []catalog.Rule
	for _, r := range rules.All() {
		if stable(r.ID) {
			out = append(out, r)
		}
	}
	return out
}

// fixture lints testdata/design and adds a finding about no file, as a
// misconfigured linter reports.
func fixture(t testing.TB) catalog.Diagnostics {
	t.Helper()
	design := loadDesign(t, "testdata/design")
	diags := (&catalog.Linter{Rules: stableRules()}).Lint(design)
	diags = append(diags, catalog.Diagnostic{Rule: "lint/unknown-rule", Severity: catalog.Warning,
		Message: `configuration names unknown rule "lifecycle/missing-evnt"`})
	diags.Sort()
	return diags
}

func loadDesign(t testing.TB, path string) *catalog.Design {
	t.Helper()
	d, err := catalog.Load(path)
	require.NoError(t, err)
	return d
}

// goldenRules describe the fixture's rules with docs of the test's own, so
// the golden files change when output changes, not when a doc is edited.
func goldenRules() []diag.RuleInfo {
	var out []diag.RuleInfo
	for _, r := range rules.Registry() {
		if !stable(r.ID) {
			continue
		}
		switch r.ID {
		case "yaml/duplicate-key", "schema/type", "yaml/ambiguous-bool", "lint/unknown-rule":
			r.Doc = "The golden files' doc of " + r.ID + ". It has a second sentence."
		case "lifecycle/open-decision":
			r.Doc = "A decision is left open. Settle it:\n\n\tsuspend:\n\t  deletion: Logical.  # <- the decision"
		default:
			continue
		}
		out = append(out, r)
	}
	return out
}

func opts() report.Options {
	return report.Options{
		Source:      report.OSFiles,
		Rules:       goldenRules(),
		ToolVersion: "test",
		Fingerprint: func(d catalog.Diagnostic) string { return d.Rule + "@" + d.Path },
	}
}

func TestGolden(t *testing.T) {
	diags := fixture(t)
	for _, f := range report.Formats() {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, report.Write(&buf, f, diags, opts()))
			catalogtest.Golden(t, filepath.Join("testdata", "golden", "findings."+string(f)), buf.Bytes(), *update)
		})
	}
}

func TestTextShowsTheSourceLine(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, report.Text, fixture(t), opts()))
	out := buf.String()
	// The caret sits under the column, CJK characters taking two cells.
	assert.Contains(t, out, "testdata/design/design.yaml:17:15: warning: yes is read as the string \"yes\"")
	assert.Contains(t, out, "\n 17 |   owner: {店長: yes}\n    | "+strings.Repeat(" ", 16)+"^\n")
	// Related positions are notes with their own line.
	assert.Contains(t, out, "testdata/design/design.yaml:8:3: note: ")
	assert.Contains(t, out, "\n 8 |   tier: overall-management\n   |   ^\n")
	// A finding about no file has no source line.
	assert.Contains(t, out, "-: warning: configuration names unknown rule \"lifecycle/missing-evnt\" [lint/unknown-rule]\n")
}

func TestTextWithoutSource(t *testing.T) {
	diags := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, report.Text, diags, report.Options{}))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	related := 0
	for _, d := range diags {
		related += len(d.Related)
	}
	assert.Len(t, lines, len(diags)+related)
	assert.Equal(t, diags[0].String(), lines[0])
}

func TestSnippetEdgeCases(t *testing.T) {
	files := map[string][]byte{
		"crlf.yaml":  []byte("a: 1\r\nb: 2\r\nc: 3\r\n"),
		"nel.yaml":   []byte("a: 1\u0085b: 2\n"),
		"nel.json":   []byte("{\"a\": \"x\u0085y\",\n\"b\": 1}\n"),
		"tab.yaml":   []byte("k:\t\"v\"\n"),
		"ctrl.yaml":  []byte("k: \"\x1b[31mred\"\n"),
		"utf16.yaml": {0xFF, 0xFE, 'a', 0, ':', 0},
		"bom.yaml":   []byte("\xEF\xBB\xBFa: 1\n"),
		"wide.yaml":  []byte("名前: ｘｙ\n"),
		"bidi.yaml":  []byte("k: \"a\u202Eb\"\n"),
		"long.json":  []byte(`{"a": "` + strings.Repeat("x", 200) + `", "b": "会員` + strings.Repeat("y", 100) + `"}`),
		"edge.json":  []byte(strings.Repeat("z", 121) + "\n" + strings.Repeat("z", 122)),
	}
	source := func(name string) ([]byte, error) {
		if b, ok := files[name]; ok {
			return b, nil
		}
		return nil, os.ErrNotExist
	}
	for _, tc := range []struct {
		pos  catalog.Pos
		want string
	}{
		{catalog.Pos{File: "crlf.yaml", Line: 2, Column: 4}, " 2 | b: 2\n   |    ^\n"},
		{catalog.Pos{File: "nel.yaml", Line: 2, Column: 1}, " 2 | b: 2\n   | ^\n"},
		{catalog.Pos{File: "nel.json", Line: 2, Column: 1}, " 2 | \"b\": 1}\n   | ^\n"},
		{catalog.Pos{File: "tab.yaml", Line: 1, Column: 4}, " 1 | k:  \"v\"\n   |     ^\n"},
		{catalog.Pos{File: "ctrl.yaml", Line: 1, Column: 5}, " 1 | k: \"\uFFFD[31mred\"\n   |     ^\n"},
		{catalog.Pos{File: "bom.yaml", Line: 1, Column: 4}, " 1 | a: 1\n   |    ^\n"},
		{catalog.Pos{File: "wide.yaml", Line: 1, Column: 5}, " 1 | 名前: ｘｙ\n   |       ^\n"},
		{catalog.Pos{File: "wide.yaml", Line: 1, Column: 0}, " 1 | 名前: ｘｙ\n"},
		{catalog.Pos{File: "bidi.yaml", Line: 1, Column: 6}, " 1 | k: \"a\uFFFDb\"\n   |      ^\n"},
		// A long line: 60 characters on each side of the column, … where cut.
		{catalog.Pos{File: "long.json", Line: 1, Column: 1}, " 1 | {\"a\": \"" + strings.Repeat("x", 114) + "…\n   | ^\n"},
		{catalog.Pos{File: "long.json", Line: 1, Column: 100}, " 1 | …" + strings.Repeat("x", 121) + "…\n   |  " + strings.Repeat(" ", 60) + "^\n"},
		{catalog.Pos{File: "long.json", Line: 1, Column: 215}, " 1 | …" + strings.Repeat("x", 53) + `", "b": "会員` + strings.Repeat("y", 57) + "…\n   |  " + strings.Repeat(" ", 60) + "^\n"},
		// At the end, and past it: the last 121 characters, the caret
		// after them; the two kanji take two cells each.
		{catalog.Pos{File: "long.json", Line: 1, Column: 320}, " 1 | …" + strings.Repeat("x", 8) + `", "b": "会員` + strings.Repeat("y", 100) + `"}` + "\n   |  " + strings.Repeat(" ", 122) + "^\n"},
		{catalog.Pos{File: "long.json", Line: 1, Column: 330}, " 1 | …" + strings.Repeat("x", 8) + `", "b": "会員` + strings.Repeat("y", 100) + `"}` + "\n   |  " + strings.Repeat(" ", 123) + "^\n"},
		{catalog.Pos{File: "edge.json", Line: 1, Column: 121}, " 1 | " + strings.Repeat("z", 121) + "\n   | " + strings.Repeat(" ", 120) + "^\n"},
		{catalog.Pos{File: "edge.json", Line: 2, Column: 122}, " 2 | …" + strings.Repeat("z", 121) + "\n   |  " + strings.Repeat(" ", 120) + "^\n"},
		{catalog.Pos{File: "wide.yaml", Line: 9, Column: 1}, ""},    // past the end
		{catalog.Pos{File: "utf16.yaml", Line: 1, Column: 1}, ""},   // not shown
		{catalog.Pos{File: "missing.yaml", Line: 1, Column: 1}, ""}, // unreadable
	} {
		var buf bytes.Buffer
		d := catalog.Diagnostic{Rule: "x/y", Severity: catalog.Error, Pos: tc.pos, Message: "m"}
		require.NoError(t, report.Write(&buf, report.Text, catalog.Diagnostics{d}, report.Options{Source: source}))
		got := strings.TrimPrefix(buf.String(), d.String()+"\n")
		assert.Equal(t, tc.want, strings.TrimSuffix(got, "\n"), "%s", tc.pos)
	}
}

// The reproduction: a one-line JSON file of 79 KB with 5,000
// findings printed 591 MB of text, the whole line and its caret padding
// once per finding. Each source line shown is now a window of at most 121
// characters around the column.
func TestTextBoundsLongLines(t *testing.T) {
	var line strings.Builder
	var diags catalog.Diagnostics
	for i := range 5000 {
		col := line.Len() + 2
		line.WriteString(`{"k":"v"},`)
		diags = append(diags, catalog.Diagnostic{Rule: "x/y", Severity: catalog.Error, Pos: catalog.Pos{File: "big.json", Line: 1, Column: col}, Message: "m" + strconv.Itoa(i)})
	}
	data := []byte("[" + line.String() + "{}]")
	require.Greater(t, len(data), 50_000)
	var buf bytes.Buffer
	source := func(string) ([]byte, error) { return data, nil }
	require.NoError(t, report.Write(&buf, report.Text, diags, report.Options{Source: source}))
	assert.Less(t, buf.Len(), 5000*300, "about 270 bytes a finding")
	for i, block := range strings.Split(strings.TrimSuffix(buf.String(), "\n\n"), "\n\n") {
		lines := strings.Split(block, "\n")
		require.Len(t, lines, 3, "finding %d", i)
		// The caret points at the finding's character: a {.
		text := []rune(strings.TrimPrefix(lines[1], " 1 | "))
		caret := strings.Index(strings.TrimPrefix(lines[2], "   | "), "^")
		require.Equal(t, '{', text[caret], "finding %d: %s\n%s", i, lines[1], lines[2])
	}
}

func TestJSONKeepsItsFields(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, report.JSON, fixture(t), opts()))
	var got []map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	require.NotEmpty(t, got)
	for _, k := range []string{"file", "line", "column", "severity", "rule", "message", "path"} {
		assert.Contains(t, got[1], k)
	}
	buf.Reset()
	require.NoError(t, report.Write(&buf, report.JSON, nil, report.Options{}))
	assert.Equal(t, "[]\n", buf.String())
}

func TestGitHubAnnotations(t *testing.T) {
	diags := catalog.Diagnostics{
		{Rule: "ref/unresolved", Severity: catalog.Error, Pos: catalog.Pos{File: "ops/a,b:c.yaml", Line: 7, Column: 3},
			Message: "100% wrong\r\nsecond line", Related: []catalog.Related{{Pos: catalog.Pos{File: "ops/x.yaml", Line: 2, Column: 1}, Message: "defined here"}}},
		{Rule: "suppress/unused", Severity: catalog.Info, Pos: catalog.Pos{File: "ops/b.yaml", Line: 1}, Message: "unused"},
		{Rule: "limits/file-size", Severity: catalog.Warning, Pos: catalog.Pos{File: "big.yaml"}, Message: "too big"},
		{Rule: "lint/unknown-rule", Severity: catalog.Warning, Message: "unknown"},
	}
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, report.GitHub, diags, report.Options{}))
	assert.Equal(t, strings.Join([]string{
		"::error file=ops/a%2Cb%3Ac.yaml,line=7,col=3,title=ref/unresolved::100%25 wrong%0D%0Asecond line%0Aops/x.yaml:2:1: defined here",
		"::notice file=ops/b.yaml,line=1,title=suppress/unused::unused",
		"::warning file=big.yaml,title=limits/file-size::too big",
		"::warning title=lint/unknown-rule::unknown",
	}, "\n")+"\n", buf.String())
}

func TestBaseDirMakesNamesRelative(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	diags := catalog.Diagnostics{
		{Rule: "x/y", Severity: catalog.Error, Pos: catalog.Pos{File: filepath.ToSlash(filepath.Join(wd, "testdata", "design", "design.yaml")), Line: 1, Column: 1}, Message: "inside"},
		{Rule: "x/y", Severity: catalog.Error, Pos: catalog.Pos{File: "/elsewhere/会員 名簿.yaml", Line: 2, Column: 1}, Message: "outside"},
	}
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, report.GitHub, diags, report.Options{BaseDir: "."}))
	assert.Contains(t, buf.String(), "::error file=testdata/design/design.yaml,line=1,col=1,")
	assert.Contains(t, buf.String(), "::error file=/elsewhere/会員 名簿.yaml,line=2,col=1,")

	buf.Reset()
	require.NoError(t, report.Write(&buf, report.SARIF, diags, report.Options{BaseDir: "."}))
	var log sarifLog
	require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
	run := log.Runs[0]
	assert.Equal(t, sarifArtifact{URI: "testdata/design/design.yaml", URIBaseID: "%SRCROOT%"}, run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation)
	assert.Equal(t, sarifArtifact{URI: "file:///elsewhere/%E4%BC%9A%E5%93%A1%20%E5%90%8D%E7%B0%BF.yaml"}, run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation)
	assert.Equal(t, "file://"+filepath.ToSlash(wd)+"/", run.OriginalURIBaseIDs["%SRCROOT%"].URI)
}

func TestUnknownFormat(t *testing.T) {
	err := report.Write(&bytes.Buffer{}, "xml", nil, report.Options{})
	assert.True(t, errors.Is(err, report.ErrUnknownFormat))
	err = report.Write(&bytes.Buffer{}, report.Markdown, nil, report.Options{})
	assert.ErrorIs(t, err, report.ErrUnknownFormat)
	err = report.WriteRules(&bytes.Buffer{}, report.SARIF, nil)
	assert.ErrorIs(t, err, report.ErrUnknownFormat)

	f, err := report.ParseFormat(" SARIF ")
	require.NoError(t, err)
	assert.Equal(t, report.SARIF, f)
	_, err = report.ParseFormat("yaml")
	assert.ErrorIs(t, err, report.ErrUnknownFormat)
}

// The SARIF log of every invalid design in testdata meets every
// requirement SARIF 2.1.0 places on the objects it holds (checked with a
// schema of those requirements), and its cross-references hold.
func TestSARIFMeetsTheSpecification(t *testing.T) {
	schema := compileRequirements(t)
	var dirs []string
	for _, glob := range []string{"../rules/testdata/*", "../testdata/*"} {
		found, err := filepath.Glob(glob)
		require.NoError(t, err)
		for _, dir := range found {
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() && filepath.Base(dir) != "fuzz" {
				dirs = append(dirs, dir)
			}
		}
	}
	require.Greater(t, len(dirs), 15)
	for _, dir := range append(dirs, "testdata/design") {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			d, err := catalog.Load(dir)
			require.NoError(t, err)
			diags := rules.Lint(d)
			diags = append(diags, catalog.Diagnostic{Rule: "lint/invalid-rule", Severity: catalog.Error, Message: "a rule without a file"})
			require.NotEmpty(t, diags)
			var buf bytes.Buffer
			require.NoError(t, report.Write(&buf, report.SARIF, diags, report.Options{BaseDir: "../..", ToolVersion: "test",
				Fingerprint: func(d catalog.Diagnostic) string { return d.Rule }}))

			var doc any
			require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
			require.NoError(t, schema.Validate(doc))

			var log sarifLog
			require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
			checkSARIF(t, log, diags)
		})
	}
}

func compileRequirements(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile("testdata/sarif-2.1.0-required.json")
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	require.NoError(t, c.AddResource("sarif-2.1.0-required.json", bytes.NewReader(data)))
	s, err := c.Compile("sarif-2.1.0-required.json")
	require.NoError(t, err)
	return s
}

// The parts of a SARIF log the tests read back.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, InformationURI string
				Rules                []struct {
					ID                   string
					ShortDescription     struct{ Text string }
					FullDescription      struct{ Text string }
					Help                 struct{ Text, Markdown string }
					HelpURI              string
					DefaultConfiguration struct{ Level string }
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful            bool
			ToolConfigurationNotifications []struct {
				AssociatedRule struct {
					ID    string
					Index int
				}
				Level   string
				Message struct{ Text string }
			}
		}
		OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
		ColumnKind         string
		Results            []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation sarifArtifact
					Region           *struct{ StartLine, StartColumn int }
				}
			}
			RelatedLocations []struct {
				ID      int
				Message struct{ Text string }
			}
			PartialFingerprints map[string]string
		}
	}
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

func checkSARIF(t *testing.T, log sarifLog, diags catalog.Diagnostics) {
	t.Helper()
	assert.Equal(t, "2.1.0", log.Version)
	assert.Equal(t, report.SARIFSchema, log.Schema)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "opsdesign", run.Tool.Driver.Name)
	assert.Equal(t, "unicodeCodePoints", run.ColumnKind)
	rules := run.Tool.Driver.Rules
	for _, r := range rules {
		assert.NotEmpty(t, r.ShortDescription.Text, r.ID)
		assert.NotEmpty(t, r.FullDescription.Text, r.ID)
		assert.NotEmpty(t, r.Help.Text, r.ID)
		assert.Contains(t, []string{"note", "warning", "error"}, r.DefaultConfiguration.Level, r.ID)
		assert.True(t, strings.HasPrefix(r.HelpURI, report.DefaultInformationURI+"/blob/main/docs/rules.md#"), r.HelpURI)
	}
	var located, unlocated int
	for _, d := range diags {
		if d.Pos.File == "" {
			unlocated++
		} else {
			located++
		}
	}
	require.Len(t, run.Results, located)
	require.Len(t, run.Invocations, 1)
	assert.True(t, run.Invocations[0].ExecutionSuccessful)
	assert.Len(t, run.Invocations[0].ToolConfigurationNotifications, unlocated)
	i := 0
	for _, d := range diags {
		if d.Pos.File == "" {
			continue
		}
		res := run.Results[i]
		i++
		assert.Equal(t, d.Rule, res.RuleID)
		require.Less(t, res.RuleIndex, len(rules))
		assert.Equal(t, res.RuleID, rules[res.RuleIndex].ID, "ruleIndex points at the result's rule")
		assert.Equal(t, map[catalog.Severity]string{catalog.Error: "error", catalog.Warning: "warning", catalog.Info: "note"}[d.Severity], res.Level)
		assert.Equal(t, d.Message, res.Message.Text)
		require.Len(t, res.Locations, 1)
		loc := res.Locations[0].PhysicalLocation
		assert.Equal(t, "%SRCROOT%", loc.ArtifactLocation.URIBaseID)
		assert.False(t, strings.Contains(loc.ArtifactLocation.URI, `\`) || strings.HasPrefix(loc.ArtifactLocation.URI, "/") || strings.HasPrefix(loc.ArtifactLocation.URI, ".."),
			"relative with forward slashes: %s", loc.ArtifactLocation.URI)
		assert.True(t, slices.ContainsFunc([]string{"catalog/rules/testdata/", "catalog/testdata/", "catalog/report/testdata/"},
			func(dir string) bool { return strings.HasPrefix(loc.ArtifactLocation.URI, dir) }), loc.ArtifactLocation.URI)
		if d.Pos.Line > 0 {
			require.NotNil(t, loc.Region)
			assert.Equal(t, d.Pos.Line, loc.Region.StartLine)
			assert.Equal(t, d.Pos.Column, loc.Region.StartColumn)
		}
		assert.Len(t, res.RelatedLocations, len(d.Related))
		assert.Equal(t, map[string]string{report.FingerprintKey: d.Rule}, res.PartialFingerprints)
	}
}

// The requirements schema is not vacuous: each broken log is rejected.
func TestSARIFRequirementsRejectBrokenLogs(t *testing.T) {
	schema := compileRequirements(t)
	valid := `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a/b"}]}},
		"results": [{"ruleId": "a/b", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 1}}}]}]}]}`
	var doc any
	require.NoError(t, json.Unmarshal([]byte(valid), &doc))
	require.NoError(t, schema.Validate(doc))
	for name, broken := range map[string]string{
		"no version":          `{"runs": []}`,
		"wrong version":       `{"version": "2.0.0", "runs": []}`,
		"no tool":             `{"version": "2.1.0", "runs": [{}]}`,
		"driver without name": `{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
		"rule without id":     `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{}]}}}]}`,
		"result without message": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"ruleId": "a/b"}]}]}`,
		"bad level": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		"line zero": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]}]}`,
		"misspelt property": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"message": {"text": "m"}, "ruleID": "a/b"}]}]}`,
		"uri not a reference": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
			"results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b\\u0000"}}}]}]}]}`,
	} {
		var doc any
		require.NoError(t, json.Unmarshal([]byte(broken), &doc), name)
		assert.Error(t, schema.Validate(doc), name)
	}
}

// A message that quotes a value raw never writes its hidden characters
// raw, in text or in GitHub annotations: no NUL and no bidirectional
// control reaches a terminal or a workflow log.
func TestHiddenCharactersInMessages(t *testing.T) {
	d := catalog.Diagnostic{Rule: "x/y", Severity: catalog.Error, Pos: catalog.Pos{File: "a.yaml", Line: 1, Column: 1}, Message: "title \"a\u202Eb\x00c\""}
	for _, f := range []report.Format{report.Text, report.GitHub} {
		var buf bytes.Buffer
		require.NoError(t, report.Write(&buf, f, catalog.Diagnostics{d}, report.Options{}))
		assert.Contains(t, buf.String(), `a\u202Eb\u0000c`, f)
		assert.NotContains(t, buf.String(), "\x00", f)
		assert.NotContains(t, buf.String(), "\u202E", f)
	}
}
