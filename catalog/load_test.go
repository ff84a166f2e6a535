package catalog_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/rules"
	"github.com/opsdesign/opsdesign/internal/gen"
)

const roleTail = "spec:\n  tier: certified\n"

// TestBadYAML checks, for each kind of bad input the loader handles, the
// rule, the exact position and that the rest of the file is still loaded.
func TestBadYAML(t *testing.T) {
	head := "apiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: r\n"
	tests := []struct {
		name, file, src string
		want            []key
		docs            int
	}{
		{"duplicate key", "a.yaml", head + "  name: s\n" + roleTail,
			[]key{{"yaml/duplicate-key", 5, 3, "/metadata/name"}}, 1},
		{"several JSON values", "a.json", `{"apiVersion": "opsdesign/v1", "kind": "Role", "metadata": {"name": "r"}, "spec": {"tier": "certified"}}` + "\n" + `{"apiVersion": "opsdesign/v1"}`,
			[]key{{"yaml/multiple-documents", 2, 1, ""}}, 1},
		{"JSON syntax", "a.json", "{\n  \"a\": 1,\n  \"b\": }\n",
			[]key{{"json/syntax", 3, 8, ""}}, 0},
		{"non-string key", "a.yaml", head + "  labels:\n    true: x\n" + roleTail,
			[]key{{"yaml/non-string-key", 6, 5, "/metadata/labels/true"}}, 1},
		{"complex key", "a.yaml", head + "  labels:\n    ? [a, b]\n    : x\n" + roleTail,
			[]key{{"yaml/complex-key", 6, 7, "/metadata/labels"}}, 1},
		{"YAML 1.1 boolean", "a.yaml", head + "  labels:\n    oncall: on\n" + roleTail,
			[]key{{"yaml/ambiguous-bool", 6, 13, "/metadata/labels/oncall"}}, 1},
		{"anchor defined twice", "a.yaml", head + "  labels: &x {a: b}\n  annotations: &x {c: d}\n" + roleTail,
			[]key{{"yaml/anchor-redefined", 6, 16, "/metadata/annotations"}}, 1},
		{"merge of a non-mapping", "a.yaml", head + "  labels:\n    <<: [1, 2]\n" + roleTail,
			[]key{{"yaml/bad-merge", 6, 10, "/metadata/labels/<<"}}, 1},
		{"merge and alias are fine", "a.yaml", head + "  labels: &l {team: a}\n  annotations:\n    <<: *l\n    shift: night\n" + roleTail,
			nil, 1},
		{"empty document", "a.yaml", "---\n# nothing\n---\n" + head + roleTail,
			[]key{{"yaml/empty-document", 1, 1, ""}}, 1},
		{"syntax error keeps later documents", "a.yaml", "a: b\n  c: d\n---\n" + head + roleTail,
			[]key{{"yaml/syntax", 2, 3, ""}}, 1},
		{"billion laughs", "a.yaml", laughs(),
			[]key{{"schema/required", 1, 1, "/apiVersion"}, {"limits/alias-expansion", 5, 36, "/e/7"}}, 1},
		{"nesting", "a.yaml", "a: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n",
			[]key{{"limits/nesting", 1, 103, ""}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := catalog.Parse(catalog.Source{Name: tt.file, Data: []byte(tt.src)})
			got := keys(d.Diagnostics())
			if tt.want == nil {
				tt.want = []key{}
			}
			assert.Equal(t, tt.want, got)
			assert.Len(t, d.Documents, tt.docs)
		})
	}
}

func laughs() string {
	var b strings.Builder
	prev := "x"
	for i, name := range []string{"a", "b", "c", "d", "e", "f"} {
		b.WriteString(name + ": &" + name + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			if i == 0 {
				b.WriteString(prev)
			} else {
				b.WriteString("*" + prev)
			}
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}

func TestDocumentLimit(t *testing.T) {
	src := strings.Repeat("---\napiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: r\n"+roleTail, 3)
	d := catalog.Loader{Limits: catalog.Limits{MaxDocuments: 2}}.Parse(catalog.Source{Name: "a.yaml", Data: []byte(src)})
	got := keys(d.Diagnostics())
	assert.Contains(t, got, key{"limits/documents", 15, 1, ""})
	assert.Len(t, d.Documents, 2)
}

// TestDefaultDocumentLimitFollowsByteLimit: with default limits, a file of
// more than 10,000 real documents within the byte limit loads whole (the
// OpenSLO SLOs of the performance suite, written as one file), while a
// file of a million empty documents is cut off after 10,000 of them, and
// says so.
func TestDefaultDocumentLimitFollowsByteLimit(t *testing.T) {
	d := catalog.Parse(catalog.Source{Name: "openslo.yaml", Data: gen.OpenSLO(10_000)})
	assert.Empty(t, d.Diagnostics())
	assert.Len(t, d.Documents, 11_101)
	assert.Empty(t, rules.Lint(d))

	d = catalog.Parse(catalog.Source{Name: "empty.yaml", Data: []byte(strings.Repeat("---\n", 1_000_000))})
	// 999,999 documents: a last "---" with nothing after it starts none.
	// Empty documents have a bound of their own, 10,000.
	const docs, limit = 999_999, 10_000
	var limitFindings []catalog.Diagnostic
	empty := 0
	for _, dg := range d.Diagnostics() {
		switch dg.Rule {
		case "limits/documents":
			limitFindings = append(limitFindings, dg)
		case "yaml/empty-document":
			empty++
		}
	}
	if assert.Len(t, limitFindings, 1) {
		assert.Equal(t, key{"limits/documents", limit + 1, 1, ""}, keys(limitFindings)[0])
		assert.Contains(t, limitFindings[0].Message, fmt.Sprintf("more than %d empty documents in this file (document limit); the last %d are not read", limit, docs-limit))
	}
	assert.Equal(t, limit, empty)
	assert.Empty(t, d.Documents)
}

// TestDefaultDocumentLimitFollowsFileSize: by default a file may hold one
// document per 48 bytes of its own size, and at least 10,000. Tiny
// documents, each a finding, are cut off there; real documents, 48 bytes
// or more, load whole however many there are.
func TestDefaultDocumentLimitFollowsFileSize(t *testing.T) {
	const tiny = "---\nx: 1\n" // 9 bytes, 2 lines
	for _, tc := range []struct {
		docs, limit int
	}{
		{10_000, 0},             // within the least limit: all read
		{20_000, 10_000},        // 180,000 bytes: the least limit, 10,000
		{100_000, 900_000 / 48}, // 900,000 bytes: 18,750
	} {
		data := strings.Repeat(tiny, tc.docs)
		d := catalog.Parse(catalog.Source{Name: "tiny.yaml", Data: []byte(data)})
		var limits []catalog.Diagnostic
		for _, dg := range d.Diagnostics() {
			if dg.Rule == "limits/documents" {
				limits = append(limits, dg)
			}
		}
		if tc.limit == 0 {
			assert.Empty(t, limits, "%d documents", tc.docs)
			assert.Len(t, d.Documents, tc.docs)
			continue
		}
		assert.Len(t, d.Documents, tc.limit, "%d documents", tc.docs)
		if assert.Len(t, limits, 1, "%d documents", tc.docs) {
			assert.Equal(t, key{"limits/documents", 2*tc.limit + 1, 1, ""}, keys(limits)[0])
			assert.Equal(t, fmt.Sprintf("more than %d documents in this file (document limit); the last %d are not read", tc.limit, tc.docs-tc.limit), limits[0].Message)
		}
	}

	// 12,000 of the shortest real documents (55 bytes with the separator)
	// are over the least limit but within one per 48 bytes: all read.
	var b strings.Builder
	for i := range 12_000 {
		fmt.Fprintf(&b, "---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {name: %c}\n", 'a'+i%26)
	}
	d := catalog.Parse(catalog.Source{Name: "short.yaml", Data: []byte(b.String())})
	assert.Len(t, d.Documents, 12_000)
	for _, dg := range d.Diagnostics() {
		assert.NotEqual(t, "limits/documents", dg.Rule, "%v", dg)
	}
}

func TestSchemaPointersAndUnicodeNames(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: カード-ー\n  labels:\n    \"a b\": 1\n    \"c/d\": 2\nspec:\n  tier: certified\n"
	d := catalog.Parse(catalog.Source{Name: "a.yaml", Data: []byte(src)})
	assert.Equal(t, []key{
		{"schema/type", 6, 12, "/metadata/labels/a b"},
		{"schema/type", 7, 12, "/metadata/labels/c~1d"},
	}, keys(d.Diagnostics()))
}

func TestSuppressionOfDisabledRuleIsNotUnused(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: Role\nmetadata:\n  name: r\nspec:\n  tier: certified # opsdesign:ignore ref/unresolved kept for the migration\n"
	d := catalog.Parse(catalog.Source{Name: "a.yaml", Data: []byte(src)})
	assert.Equal(t, []key{{"suppress/unused", 6, 19, ""}}, keys(rules.Lint(d)))
	l := &catalog.Linter{Rules: rules.All(), Config: catalog.Config{Rules: map[string]catalog.RuleConfig{"ref/*": {Disabled: true}}}}
	assert.Empty(t, l.Lint(d))
}

// Messages quote a value as it is written, not as the number it is read
// as: 0777 is an octal 511 to YAML, 1e-400 a float that underflows to 0.
func TestMessagesQuoteTheValueAsWritten(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Role
metadata:
  name: 0777
  labels: {shift: true}
spec: {tier: associate}
---
apiVersion: opsdesign/v1
kind: Settings
metadata: {name: s}
spec:
  roles: {weeklyHours: 0o777, toilShare: 1e-400, teamSize: 7}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: octal}
spec: {kind: ratio, target: 0777, window: 28d}
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: tiny}
spec: {kind: ratio, target: 1e-400, window: 28d}
`
	d := catalog.Parse(catalog.Source{Name: "a.yaml", Data: []byte(src)})
	var got []string
	for _, dg := range rules.Lint(d) {
		if dg.Rule != "lifecycle/missing-event" {
			got = append(got, dg.Pos.String()+" "+dg.Message)
		}
	}
	assert.Equal(t, []string{
		`a.yaml:4:9 expected string, but got number: 0777 is read as the number 511; write "0777" for text`,
		`a.yaml:5:19 expected string, but got boolean: true is read as a boolean; write "true" for text`,
		`a.yaml:12:24 must be <= 168 but found 0o777 (read as 511)`,
		`a.yaml:12:42 must be > 0 but found 1e-400 (read as 0)`,
		`a.yaml:17:29 target 0777 (read as 511): must lie above 0% and at most 100%`,
		`a.yaml:22:29 target 1e-400 (read as 0): must lie above 0% and at most 100%`,
	}, got)
	text, ok := d.Documents[0].Text("/metadata/name")
	assert.True(t, ok)
	assert.Equal(t, "0777", text)
	_, ok = d.Documents[0].Text("/metadata")
	assert.False(t, ok, "a mapping has no text")
}
