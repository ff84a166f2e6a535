package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/textsafe"
)

// Markdown writes the catalog of the design as GitHub-flavoured Markdown.
// Text from the design is escaped, so it never becomes Markdown structure
// or raw HTML, and its bidirectional controls and control characters
// (NUL first) are written as visible escapes (\u202E), never raw.
func Markdown(w io.Writer, d *catalog.Design, opts Options) error {
	p := build(d, opts)
	safe := textsafe.NewWriter(w)
	m := &mdWriter{w: bufio.NewWriter(safe)}
	m.page(p)
	if m.err != nil {
		return fmt.Errorf("render: %w", m.err)
	}
	if err := m.w.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := safe.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}

type mdWriter struct {
	w   *bufio.Writer
	err error
}

func (m *mdWriter) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *mdWriter) page(p *page) {
	m.printf("# %s\n\n", mdText(p.Title))
	s := p.Summary
	m.printf("%s · %s (services and their subjects): %s covered, %d not applicable, %s.\n\n",
		plural(s.Services, "service", "services"), plural(s.Lifecycles, "lifecycle", "lifecycles"),
		plural(s.Covered, "event", "events"), s.NotApplicable, plural(s.Gaps(), "gap", "gaps"))
	if len(p.Services) == 0 {
		m.printf("The design has no services.\n")
		return
	}
	m.matrix(p)
	for _, sv := range p.Services {
		m.service(sv)
	}
}

func (m *mdWriter) matrix(p *page) {
	m.printf("## Lifecycle · ライフサイクル\n\n")
	m.printf("| Service / subject |")
	for _, e := range p.Events {
		m.printf(" %s %s |", e.EN, e.JA)
	}
	m.printf("\n|---|")
	for range p.Events {
		m.printf("---|")
	}
	m.printf("\n")
	for _, r := range p.Matrix {
		label := ""
		if r.Subject == "" {
			label = fmt.Sprintf("[%s](#%s)", mdCell(r.Label), r.Anchor)
			if r.Label != r.Name {
				label += " " + mdCode(r.Name, true)
			}
		} else {
			label = fmt.Sprintf("↳ %s %s", mdCell(r.Subject), mdCode(r.Label, true))
		}
		m.printf("| %s |", label)
		for _, c := range r.Cells {
			text := c.Text
			if c.Detail != "" {
				text += ": " + c.Detail
			}
			m.printf(" %s %s |", c.Mark, mdCell(text))
		}
		m.printf("\n")
	}
	m.printf("\n✓ covered · ! gap: designed with decisions left open · ✗ gap: never designed · – not applicable, for the reason given\n\n")
	if len(p.Notes) > 0 {
		m.printf("Not applicable, and why:\n\n")
		for _, n := range p.Notes {
			m.printf("- %s, %s (%s): %s\n", mdCode(n.Who, false), n.EventEN, n.EventJA, mdText(n.Reason))
		}
		m.printf("\n")
	}
}

func (m *mdWriter) service(sv service) {
	m.printf("<a id=\"%s\"></a>\n\n## %s\n\n", sv.Anchor, mdHeading(sv.Title, sv.Name))
	if sv.Description != "" {
		m.printf("%s\n\n", mdParagraph(sv.Description))
	}
	state := mdText(sv.State)
	if sv.StateJA != "" {
		state += " (" + sv.StateJA + ")"
	}
	m.item("State", orDash(state))
	m.item("Owner", mdOwner(sv.Owner))
	m.item("Customers", orDash(mdJoin(sv.Customers)))
	m.item("Value", orDash(mdText(sv.Value)))
	if sv.Hours != "" {
		m.item("Hours", mdText(sv.Hours))
	}
	if sv.Effort != "" {
		m.item("Effort", mdText(sv.Effort))
	}
	if sv.Cloud != "" {
		m.item("Cloud", mdText(sv.Cloud))
	}
	m.printf("\n")
	if len(sv.Objectives) > 0 {
		m.printf("### Service levels · サービスレベル目標\n\n| Objective | Target | How it is measured |\n|---|---|---|\n")
		for _, o := range sv.Objectives {
			name := mdCode(o.Name, true)
			if o.Title != "" {
				name = mdCell(o.Title) + " " + name
			}
			if o.Description != "" {
				name += ": " + mdCell(o.Description)
			}
			m.printf("| %s | %s | %s |\n", name, orDash(mdCell(o.Target)), orDash(strings.Join(mapStrings(o.Details, mdCell), "; ")))
		}
		m.printf("\n")
		for _, o := range sv.Objectives {
			if o.Standing != "" {
				m.printf("%s %s\n\n", mdCode(o.Name, true), mdParagraph(o.Standing))
			}
		}
	}
	if len(sv.Offerings) > 0 {
		m.printf("### Offerings · 提供内容\n\n| Offering | Objectives | Request types |\n|---|---|---|\n")
		for _, o := range sv.Offerings {
			name := mdCode(o.Name, true)
			if o.Title != "" {
				name = mdCell(o.Title) + " " + name
			}
			if o.Description != "" {
				name += ": " + mdCell(o.Description)
			}
			var rts []string
			for _, l := range o.RequestTypes {
				if l.Anchor != "" {
					rts = append(rts, fmt.Sprintf("[%s](#%s)", mdCell(l.Text), l.Anchor))
				} else {
					rts = append(rts, mdCell(l.Text)+" (not defined)")
				}
			}
			m.printf("| %s | %s | %s |\n", name, orDash(mdCellJoin(o.Objectives)), orDash(strings.Join(rts, ", ")))
		}
		m.printf("\n")
	}
	if len(sv.RequestTypes) > 0 {
		m.printf("### Request types · 依頼の種類\n\n")
		for _, r := range sv.RequestTypes {
			m.requestType(r)
		}
	}
}

func (m *mdWriter) requestType(r requestType) {
	m.printf("<a id=\"%s\"></a>\n\n#### %s\n\n", r.Anchor, mdHeading(r.Title, r.Name))
	if r.Description != "" {
		m.printf("%s\n\n", mdParagraph(r.Description))
	}
	if r.CatchAll {
		m.item("Catch-all (その他)", "requests that fit no other type; carve out new types as they become routine")
	}
	m.item("Owner", mdOwner(r.Owner))
	m.item("Channels", orDash(mdJoin(r.Channels)))
	m.item("Objectives", orDash(mdJoin(r.Objectives)))
	if r.Task != "" {
		m.item("Fulfilled by", mdText(r.Task))
	}
	m.printf("\n")
	switch {
	case !r.Sheet:
		m.printf("No parameter sheet: requests are free text.\n\n")
	case len(r.Params) == 0:
		m.printf("The parameter sheet has no fields.\n\n")
	default:
		m.printf("| Field | Type | Required | Allowed values / pattern | Description |\n|---|---|---|---|---|\n")
		for _, p := range r.Params {
			req := "no"
			if p.Required {
				req = "yes"
			}
			m.printf("| %s | %s | %s | %s | %s |\n", mdCode(p.Name, true), mdCell(p.Type), req, mdConstraints(p.Constraints), mdCell(p.Description))
		}
		m.printf("\n")
	}
}

func (m *mdWriter) item(label, value string) { m.printf("- **%s:** %s\n", label, value) }

func mdOwner(o owner) string {
	switch {
	case o.Text == "":
		return "—"
	case !o.Resolved:
		return mdText(o.Text) + " (not in the design)"
	}
	kind, name, _ := strings.Cut(o.Ref, " ")
	return fmt.Sprintf("%s (%s %s)", mdText(o.Text), kind, mdCode(name, false))
}

func mdConstraints(cs []constraint) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		codes := make([]string, len(c.Code))
		for j, v := range c.Code {
			codes[j] = mdCode(v, true)
		}
		parts[i] = mdCell(c.Text)
		if len(codes) > 0 {
			parts[i] += " " + strings.Join(codes, ", ")
		}
	}
	return strings.Join(parts, "; ")
}

func mdHeading(title, name string) string {
	if title == "" {
		return mdCode(name, false)
	}
	return mdText(title) + " · " + mdCode(name, false)
}

func mdJoin(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = mdText(s)
	}
	return strings.Join(parts, ", ")
}

func mdCellJoin(items []string) string { return strings.Join(mapStrings(items, mdCell), ", ") }

func mapStrings(items []string, f func(string) string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = f(s)
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// mdText escapes text so that it shows as written: backslash escapes for
// Markdown's punctuation, entities for HTML's. It assumes one line.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCell is mdText for a table cell; mdText already escapes the pipe.
func mdCell(s string) string { return mdText(s) }

// mdParagraph is mdText for text at the start of a line, where "-", "+",
// "=", or "1." would begin a list or an underline.
func mdParagraph(s string) string {
	t := mdText(s)
	if t == "" {
		return t
	}
	switch t[0] {
	case '-', '+', '=':
		return "\\" + t
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')') {
		return t[:i] + "\\" + t[i:]
	}
	return t
}

// mdCode writes s as a code span, with a fence longer than any run of
// backticks inside it. In a table a pipe must still be escaped: GFM
// splits cells before it reads code spans.
func mdCode(s string, table bool) string {
	if s == "" {
		return ""
	}
	s = oneLine(s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if table {
		s = strings.ReplaceAll(s, "|", "\\|")
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
