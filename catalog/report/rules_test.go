package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/catalog/rules"
)

var docRules = []diag.RuleInfo{
	{ID: "team/owner-named", Severity: catalog.Warning, Doc: "Every service names an owner. Without one, nobody answers for it.\n\n" +
		"Write a Role, Person or Team as \"kind:name\", as in `role:ops-manager`; a <placeholder> is not a name.\n\n" +
		"\tspec:\n\t  owner: \"\"   # finding here\n"},
	{ID: "team/value-stated", Severity: catalog.Info, Doc: "States a value (3.5 points, say) per service? Yes!"},
	{ID: "ops/x", Severity: catalog.Error, Doc: "Groups like ops/* and [links] are escaped."},
}

func TestDescribe(t *testing.T) {
	d := report.Describe(docRules[0])
	assert.Equal(t, report.RuleDoc{
		ID: "team/owner-named", Group: "team", Severity: catalog.Warning,
		Summary: "Every service names an owner.",
		Text: "Every service names an owner. Without one, nobody answers for it.\n\n" +
			"Write a Role, Person or Team as \"kind:name\", as in `role:ops-manager`; a <placeholder> is not a name.",
		Example: "spec:\n  owner: \"\"   # finding here",
	}, d)
	assert.Equal(t, "States a value (3.5 points, say) per service?", report.Describe(docRules[1]).Summary)

	// Markdown fences work too, and several blocks are kept apart.
	fenced := report.Describe(diag.RuleInfo{ID: "a/b", Severity: catalog.Error,
		Doc: "Story first.\n\n```yaml\nbackups:\n  - name: nightly\n```\n\nMore prose.\n\n\tsecond: block\n"})
	assert.Equal(t, "Story first.\n\nMore prose.", fenced.Text)
	assert.Equal(t, "backups:\n  - name: nightly\n\nsecond: block", fenced.Example)

	// Every built-in rule has a summary that is a sentence of its doc.
	for _, r := range rules.Registry() {
		d := report.Describe(r)
		assert.NotEmpty(t, d.Summary, r.ID)
		assert.True(t, strings.HasPrefix(d.Text, d.Summary), r.ID)
	}
}

func TestWriteRulesText(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteRules(&buf, report.Text, docRules[:1]))
	assert.Equal(t, `team/owner-named (warning)
    Every service names an owner. Without one, nobody answers for it.

    Write a Role, Person or Team as "kind:name", as in `+"`role:ops-manager`"+`; a
    <placeholder> is not a name.

    Example:
        spec:
          owner: ""   # finding here
`, buf.String())
}

func TestWriteRulesJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteRules(&buf, report.JSON, docRules))
	var got []map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	require.Len(t, got, 3)
	assert.Equal(t, "team/owner-named", got[0]["id"])
	assert.Equal(t, "warning", got[0]["severity"])
	assert.Equal(t, "team", got[0]["group"])
	assert.Equal(t, "Every service names an owner.", got[0]["summary"])
	assert.Equal(t, "spec:\n  owner: \"\"   # finding here", got[0]["example"])
	assert.NotContains(t, got[1], "example")

	buf.Reset()
	require.NoError(t, report.WriteRules(&buf, report.JSON, nil))
	assert.Equal(t, "[]\n", buf.String())
}

func TestWriteRulesMarkdown(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteRules(&buf, report.Markdown, docRules))
	md := buf.String()
	assert.True(t, strings.HasPrefix(md, "# Rules\n"))
	// Grouped by prefix, in the order the groups first appear.
	assert.Less(t, strings.Index(md, "\n## team\n"), strings.Index(md, "\n## ops\n"))
	assert.Contains(t, md, "| [team/owner-named](#teamowner-named) | warning | Every service names an owner. |\n")
	assert.Contains(t, md, "\n### team/owner-named\n\nSeverity: **warning**\n\n")
	assert.Contains(t, md, "a &lt;placeholder&gt; is not a name", "HTML-like text is escaped")
	assert.Contains(t, md, "`role:ops-manager`", "code spans are kept")
	assert.Contains(t, md, "\n```yaml\nspec:\n  owner: \"\"   # finding here\n```\n")
	assert.Contains(t, md, `Groups like ops/\* and \[links\] are escaped.`)
}

func TestAnchor(t *testing.T) {
	assert.Equal(t, "lifecyclemissing-event", report.Anchor("lifecycle/missing-event"))
	assert.Equal(t, "yamlduplicate-key", report.Anchor("yaml/duplicate-key"))
}
