package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
)

// RuleDoc is a rule's documentation split into its parts.
type RuleDoc struct {
	ID       string           `json:"id"`
	Group    string           `json:"group"`
	Severity catalog.Severity `json:"severity"`
	// Summary is the first sentence of the doc.
	Summary string `json:"summary"`
	// Text is the doc's prose, paragraphs separated by blank lines.
	Text string `json:"doc"`
	// Example is the doc's example of a finding, without its indentation;
	// "" when the doc has none.
	Example string `json:"example,omitempty"`
}

// Describe splits a rule's Doc into summary, prose and example. The
// example is every code block of the doc: lines indented by a tab (or four
// spaces), as in Go doc comments, or lines between ``` fences, as in
// Markdown. Several blocks are joined by a blank line.
func Describe(r diag.RuleInfo) RuleDoc {
	d := RuleDoc{ID: r.ID, Group: group(r.ID), Severity: r.Severity}
	var prose, example []string
	fenced, inBlock := false, false
	for _, line := range strings.Split(strings.ReplaceAll(r.Doc, "\r\n", "\n"), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			if fenced && len(example) > 0 {
				example = append(example, "")
			}
			inBlock = false
			continue
		}
		if fenced {
			example = append(example, strings.TrimRight(line, " \t"))
			continue
		}
		if code, ok := codeLine(line); ok {
			if !inBlock && len(example) > 0 {
				example = append(example, "")
			}
			example = append(example, strings.TrimRight(code, " \t"))
			inBlock = true
			continue
		}
		inBlock = false
		prose = append(prose, strings.TrimRight(line, " \t"))
	}
	d.Text = joinParagraphs(prose)
	d.Example = strings.Trim(strings.Join(example, "\n"), "\n")
	d.Summary = firstSentence(d.Text)
	return d
}

func codeLine(line string) (string, bool) {
	if s, ok := strings.CutPrefix(line, "\t"); ok {
		return s, true
	}
	if s, ok := strings.CutPrefix(line, "    "); ok {
		return s, true
	}
	return "", false
}

// joinParagraphs joins lines into paragraphs: lines are joined by a space,
// blank lines separate paragraphs.
func joinParagraphs(lines []string) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimSpace(l))
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// firstSentence returns the text up to the first sentence end: a period,
// question or exclamation mark followed by a space or the end, or an
// ideographic full stop.
func firstSentence(s string) string {
	s, _, _ = strings.Cut(s, "\n\n")
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '。':
			return string(rs[:i+1])
		case '.', '?', '!':
			if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) {
				return string(rs[:i+1])
			}
		}
	}
	return s
}

func group(id string) string {
	if i := strings.IndexByte(id, '/'); i >= 0 {
		return id[:i]
	}
	return id
}

// WriteRules documents rules, in the order given, as Text, JSON or
// Markdown. The Markdown form groups them by the prefix of their IDs and is
// a page of its own, as docs/rules.md is.
func WriteRules(w io.Writer, f Format, rules []diag.RuleInfo) error {
	docs := make([]RuleDoc, len(rules))
	for i, r := range rules {
		docs[i] = Describe(r)
	}
	switch f {
	case Text:
		return rulesText(w, docs)
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(docs)
	case Markdown:
		return rulesMarkdown(w, docs)
	}
	return fmt.Errorf("report: %w %q for rules (want text, json or markdown)", ErrUnknownFormat, f)
}

func rulesText(w io.Writer, docs []RuleDoc) error {
	bw := bufio.NewWriter(w)
	for i, d := range docs {
		if i > 0 {
			bw.WriteByte('\n')
		}
		fmt.Fprintf(bw, "%s (%s)\n", d.ID, d.Severity)
		for j, para := range strings.Split(d.Text, "\n\n") {
			if j > 0 {
				bw.WriteByte('\n')
			}
			for _, l := range wrap(para, 76) {
				fmt.Fprintf(bw, "    %s\n", l)
			}
		}
		if d.Example != "" {
			bw.WriteString("\n    Example:\n")
			for _, l := range strings.Split(d.Example, "\n") {
				fmt.Fprintf(bw, "        %s\n", l)
			}
		}
	}
	return bw.Flush()
}

// wrap breaks text into lines of at most width runes at spaces; a word
// longer than width stays whole.
func wrap(text string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		wl := len([]rune(word))
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(word)
		n += wl
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// Anchor returns the fragment GitHub gives a Markdown heading of the rule
// ID: lower case, punctuation other than "-" and "_" dropped, so
// "lifecycle/missing-event" becomes "lifecyclemissing-event".
func Anchor(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		switch {
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func rulesMarkdown(w io.Writer, docs []RuleDoc) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# Rules\n\n")
	bw.WriteString("This reference is generated from each rule's own documentation; do not edit it by hand.\n")
	bw.WriteString("Severities are the defaults: disable or re-grade any rule, or a whole group (`group/*`),\n")
	bw.WriteString("in `.opsdesign.yaml`, and suppress a single finding with `# opsdesign:ignore <rule> <reason>`.\n\n")

	var groups []string
	byGroup := map[string][]RuleDoc{}
	for _, d := range docs {
		if _, ok := byGroup[d.Group]; !ok {
			groups = append(groups, d.Group)
		}
		byGroup[d.Group] = append(byGroup[d.Group], d)
	}
	bw.WriteString("| rule | severity | summary |\n|---|---|---|\n")
	for _, g := range groups {
		for _, d := range byGroup[g] {
			fmt.Fprintf(bw, "| [%s](#%s) | %s | %s |\n", d.ID, Anchor(d.ID), d.Severity, markdownCell(markdownText(d.Summary)))
		}
	}
	for _, g := range groups {
		fmt.Fprintf(bw, "\n## %s\n", g)
		for _, d := range byGroup[g] {
			fmt.Fprintf(bw, "\n### %s\n\nSeverity: **%s**\n\n%s\n", d.ID, d.Severity, markdownText(d.Text))
			if d.Example != "" {
				fmt.Fprintf(bw, "\n```yaml\n%s\n```\n", d.Example)
			}
		}
	}
	return bw.Flush()
}

// markdownCell makes text safe inside a table cell.
func markdownCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// markdownText escapes the characters of plain prose that Markdown would
// read as markup ("<reason>" as an HTML tag, "group/*" as emphasis), except
// inside `code spans`, which the doc author meant as code.
func markdownText(s string) string {
	var b strings.Builder
	code := false
	for _, r := range s {
		switch {
		case r == '`':
			code = !code
		case code:
		case r == '<':
			b.WriteString("&lt;")
			continue
		case r == '>':
			b.WriteString("&gt;")
			continue
		case r == '*' || r == '_' || r == '[' || r == ']' || r == '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
