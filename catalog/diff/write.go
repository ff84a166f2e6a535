package diff

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/report"
)

// WriteOptions tune Report.Write. The zero value works.
type WriteOptions struct {
	// OldSource and NewSource read a file of each revision by the name its
	// findings give, for the source lines text output shows under each
	// finding (report.OSFiles, report.FSFiles); nil shows none.
	OldSource, NewSource func(file string) ([]byte, error)
}

// Write writes the report as text (for a terminal), JSON (for tools) or
// Markdown (a pull-request comment or a job summary: a summary table
// first, each area's details folded). It writes nothing else: the exit
// status is the caller's business (Report.Fails).
func (r *Report) Write(w io.Writer, f report.Format, opts WriteOptions) error {
	switch f {
	case report.Text:
		return r.writeText(w, opts)
	case report.JSON:
		return r.writeJSON(w)
	case report.Markdown:
		return r.writeMarkdown(w)
	}
	return fmt.Errorf("diff: %w %q (want text, json or markdown)", report.ErrUnknownFormat, f)
}

// area is a part of the design, as reports group changes.
type area struct {
	title string
	kinds []string // Kind.Area values
}

var areas = []area{
	{"Documents", []string{"document"}},
	{"Services", []string{"service"}},
	{"Lifecycle", []string{"lifecycle"}},
	{"Roles and people", []string{"role", "person", "team"}},
	{"Cover", []string{"cover"}},
	{"Objectives", []string{"objective"}},
	{"Ticket policies", []string{"policy"}},
}

// byArea returns the changes of each area, in report order.
func (r *Report) byArea() [][]*Change {
	out := make([][]*Change, len(areas))
	for i := range r.Changes {
		ch := &r.Changes[i]
		for a, ar := range areas {
			for _, k := range ar.kinds {
				if ch.Kind.Area() == k {
					out[a] = append(out[a], ch)
				}
			}
		}
	}
	return out
}

// attention counts the changes a reviewer should look at twice.
func (r *Report) attention() int {
	n := 0
	for _, ch := range r.Changes {
		if ch.Attention != "" {
			n++
		}
	}
	return n
}

// headline says in one line what the report holds.
func (r *Report) headline() string {
	var b strings.Builder
	b.WriteString(count(len(r.Changes), "change", "changes"))
	if n := r.attention(); n > 0 {
		fmt.Fprintf(&b, " (%d to look at twice)", n)
	}
	if r.Linted {
		fmt.Fprintf(&b, "; findings: %d introduced", len(r.Introduced))
		if s := severities(r.Introduced); s != "" {
			b.WriteString(" (" + s + ")")
		}
		fmt.Fprintf(&b, ", %d fixed", len(r.Fixed))
	}
	return b.String()
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// severities counts findings by severity: "1 error, 2 warnings".
func severities(diags catalog.Diagnostics) string {
	var parts []string
	for _, s := range []catalog.Severity{catalog.Error, catalog.Warning, catalog.Info} {
		n := 0
		for _, d := range diags {
			if d.Severity == s {
				n++
			}
		}
		if n > 0 {
			word := s.String()
			if n > 1 && s != catalog.Info {
				word += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, word))
		}
	}
	return strings.Join(parts, ", ")
}

// age says whether a finding behind a change is new in this revision.
func (r *Report) age(f catalog.Diagnostic) string {
	for _, d := range r.Introduced {
		if d.Compare(f) == 0 {
			return " (introduced)"
		}
	}
	return " (already in " + orUnset(r.Old) + ")"
}

// place is where a change is for people: in the new revision, or in the
// old one for what is gone.
func place(ch *Change) string {
	if !ch.New.IsZero() {
		return ch.New.Pos.String()
	}
	if !ch.Old.IsZero() {
		return "was " + ch.Old.Pos.String()
	}
	return "-"
}

func (r *Report) names() string {
	if r.Old == "" && r.New == "" {
		return "old → new"
	}
	return r.Old + " → " + r.New
}

func (r *Report) writeText(w io.Writer, opts WriteOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "opsdesign diff: %s\n%s\n", r.names(), r.headline())
	for a, changes := range r.byArea() {
		if len(changes) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n%s\n", areas[a].title)
		for _, ch := range changes {
			fmt.Fprintf(bw, "  %s  %s  [%s]\n", place(ch), ch.Message, ch.Kind)
			if ch.Attention != "" {
				fmt.Fprintf(bw, "    ! %s\n", ch.Attention)
			}
			for _, f := range ch.Findings {
				fmt.Fprintf(bw, "    %s%s\n", f, r.age(f))
			}
		}
	}
	for _, part := range []struct {
		title  string
		diags  catalog.Diagnostics
		source func(string) ([]byte, error)
	}{{"Findings introduced", r.Introduced, opts.NewSource}, {"Findings fixed", r.Fixed, opts.OldSource}} {
		if !r.Linted || len(part.diags) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n%s\n", part.title)
		if err := report.Write(bw, report.Text, part.diags, report.Options{Source: part.source}); err != nil {
			return err
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(bw, "\nNotes")
		for _, n := range r.Notes {
			fmt.Fprintf(bw, "  - %s\n", n)
		}
	}
	return bw.Flush()
}

// maxRows is how many rows a folded table of the Markdown report shows: a
// pull-request comment or job summary holds at most about a megabyte.
const maxRows = 500

// maxAttention is how many reasons to look twice the Markdown summary
// table shows per area; the details list all of them.
const maxAttention = 3

func (r *Report) writeMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## Operations change review\n\n%s: %s.\n\n", mdCode(r.names()), r.headline())
	byArea := r.byArea()
	if len(r.Changes) > 0 || (r.Linted && len(r.Introduced)+len(r.Fixed) > 0) {
		bw.WriteString("| area | changes | look twice |\n|---|---:|---|\n")
		for a, changes := range byArea {
			if len(changes) == 0 {
				continue
			}
			var look []string
			for _, ch := range changes {
				if ch.Attention != "" {
					look = append(look, mdCell(subjectName(ch)+": "+ch.Attention))
				}
			}
			if len(look) > maxAttention {
				look = append(look[:maxAttention], fmt.Sprintf("and %d more", len(look)-maxAttention))
			}
			fmt.Fprintf(bw, "| %s | %d | %s |\n", areas[a].title, len(changes), strings.Join(look, "<br>"))
		}
		if r.Linted {
			fmt.Fprintf(bw, "| Findings introduced | %d | %s |\n", len(r.Introduced), severities(r.Introduced))
			fmt.Fprintf(bw, "| Findings fixed | %d | |\n", len(r.Fixed))
		}
	}
	for a, changes := range byArea {
		if len(changes) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n<details><summary>%s (%d)</summary>\n\n| change | what | where |\n|---|---|---|\n", areas[a].title, len(changes))
		for i, ch := range changes {
			if i == maxRows {
				fmt.Fprintf(bw, "\n%d more not shown here; `opsdesign diff -format text` lists them all.\n", len(changes)-maxRows)
				break
			}
			what := mdCell(ch.Message)
			if ch.Attention != "" {
				what += "<br>**look twice:** " + mdCell(ch.Attention)
			}
			for _, f := range ch.Findings {
				what += "<br>" + mdCell(f.String()+r.age(f))
			}
			fmt.Fprintf(bw, "| %s | %s | %s |\n", mdCode(string(ch.Kind)), what, mdCode(place(ch)))
		}
		bw.WriteString("\n</details>\n")
	}
	if r.Linted {
		for _, part := range []struct {
			title string
			diags catalog.Diagnostics
		}{{"Findings introduced", r.Introduced}, {"Findings fixed", r.Fixed}} {
			if len(part.diags) == 0 {
				continue
			}
			fmt.Fprintf(bw, "\n<details><summary>%s (%d)</summary>\n\n| severity | rule | where | message |\n|---|---|---|---|\n", part.title, len(part.diags))
			for i, d := range part.diags {
				if i == maxRows {
					fmt.Fprintf(bw, "\n%d more not shown here; `opsdesign diff -format text` lists them all.\n", len(part.diags)-maxRows)
					break
				}
				fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", d.Severity, mdCode(d.Rule), mdCode(d.Pos.String()), mdCell(d.Message))
			}
			bw.WriteString("\n</details>\n")
		}
	}
	if len(r.Notes) > 0 {
		bw.WriteString("\n**Notes**\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(bw, "- %s\n", mdCell(n))
		}
	}
	return bw.Flush()
}

// subjectName is the name part of a change's subject, for the summary.
func subjectName(ch *Change) string {
	_, name, ok := strings.Cut(ch.Subject, ":")
	if !ok {
		return ch.Subject
	}
	return name
}

// mdCell makes text safe in a Markdown table cell of a pull-request
// comment: no line breaks, pipes escaped, no HTML.
var mdEscaper = strings.NewReplacer("\r", " ", "\n", " ", "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;")

func mdCell(s string) string { return mdEscaper.Replace(s) }

// mdCode writes text as inline code; backticks inside become quotes.
func mdCode(s string) string {
	return "`" + strings.NewReplacer("`", "'", "\n", " ", "|", `\|`).Replace(s) + "`"
}

// The JSON form of a report. Its field names are part of the command
// line's contract.
type jsonReport struct {
	Old        string          `json:"old"`
	New        string          `json:"new"`
	Summary    jsonSummary     `json:"summary"`
	Changes    []jsonChange    `json:"changes"`
	Linted     bool            `json:"linted"`
	Introduced json.RawMessage `json:"introduced"`
	Fixed      json.RawMessage `json:"fixed"`
	Notes      []string        `json:"notes"`
}

type jsonSummary struct {
	Changes    int            `json:"changes"`
	Attention  int            `json:"attention"`
	ByKind     map[Kind]int   `json:"byKind"`
	Introduced map[string]int `json:"introduced"` // by severity
	Fixed      int            `json:"fixed"`
}

type jsonChange struct {
	Kind      Kind            `json:"kind"`
	Subject   string          `json:"subject"`
	Message   string          `json:"message"`
	From      string          `json:"from,omitempty"`
	To        string          `json:"to,omitempty"`
	Old       *jsonSite       `json:"old,omitempty"`
	New       *jsonSite       `json:"new,omitempty"`
	Attention string          `json:"attention,omitempty"`
	Findings  json.RawMessage `json:"findings,omitempty"`
	Gap       *jsonGap        `json:"gap,omitempty"`
	Truck     *TruckFactor    `json:"truckFactor,omitempty"`
}

type jsonSite struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Path   string `json:"path"`
}

type jsonGap struct {
	Class   string   `json:"class"`
	Start   string   `json:"start"`
	End     string   `json:"end"`
	Minutes int      `json:"minutes"`
	Tasks   []string `json:"tasks"`
}

func jsonSiteOf(s Site) *jsonSite {
	if s.IsZero() {
		return nil
	}
	return &jsonSite{File: s.File, Line: s.Line, Column: s.Column, Path: s.Path}
}

// findingsJSON writes findings as `opsdesign lint -format json` does.
func findingsJSON(diags catalog.Diagnostics) (json.RawMessage, error) {
	var buf bytes.Buffer
	if err := report.Write(&buf, report.JSON, diags, report.Options{}); err != nil {
		return nil, err
	}
	return json.RawMessage(bytes.TrimSpace(buf.Bytes())), nil
}

func (r *Report) writeJSON(w io.Writer) error {
	out := jsonReport{Old: r.Old, New: r.New, Linted: r.Linted, Notes: r.Notes, Changes: make([]jsonChange, 0, len(r.Changes)),
		Summary: jsonSummary{Changes: len(r.Changes), Attention: r.attention(), ByKind: map[Kind]int{}, Introduced: map[string]int{}, Fixed: len(r.Fixed)}}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	var err error
	if out.Introduced, err = findingsJSON(r.Introduced); err != nil {
		return err
	}
	if out.Fixed, err = findingsJSON(r.Fixed); err != nil {
		return err
	}
	for _, d := range r.Introduced {
		out.Summary.Introduced[d.Severity.String()]++
	}
	for _, ch := range r.Changes {
		out.Summary.ByKind[ch.Kind]++
		j := jsonChange{Kind: ch.Kind, Subject: ch.Subject, Message: ch.Message, From: ch.From, To: ch.To,
			Old: jsonSiteOf(ch.Old), New: jsonSiteOf(ch.New), Attention: ch.Attention, Truck: ch.Truck}
		if len(ch.Findings) > 0 {
			if j.Findings, err = findingsJSON(ch.Findings); err != nil {
				return err
			}
		}
		if g := ch.Gap; g != nil {
			j.Gap = &jsonGap{Class: g.Class.String(), Start: g.Start.Format(time.RFC3339), End: g.End.Format(time.RFC3339),
				Minutes: int(g.Duration() / time.Minute), Tasks: g.Tasks}
		}
		out.Changes = append(out.Changes, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
