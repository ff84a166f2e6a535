package render

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
)

// Report is a document of headed sections of paragraphs and tables, the
// shape of the periodic reports written beside the catalog (an MSP's
// monthly service report, built by package ticket). ReportHTML writes it
// on the catalog's page, with the same head and style as HTML;
// ReportMarkdown as Markdown.
type Report struct {
	Title string
	// Subtitle is a line under the title: the period, the figures' instant.
	Subtitle string
	Sections []Section
}

// Section is a heading with its paragraphs, then its tables.
type Section struct {
	Heading    string
	Paragraphs []string
	Tables     []Table
}

// Table is a table with a head; Note is a line under it (such as "and 12
// more").
type Table struct {
	Head []string
	Rows [][]string
	Note string
}

//go:embed report.html.tmpl
var reportSource string

// reportTemplate is the catalog page's templates, for its head and
// style, with the report's added; parsed once, apart from the page's
// own set (an executed html/template cannot be cloned).
var reportTemplate = sync.OnceValues(func() (*template.Template, error) {
	t, err := template.New("catalog").Funcs(template.FuncMap{
		"join": func(items []string) string { return strings.Join(items, ", ") },
	}).Parse(pageSource)
	if err != nil {
		return nil, err
	}
	return t.Parse(reportSource)
})

// ReportHTML writes the report as one self-contained HTML page: the
// catalog page's head and inline CSS, each section a card. Text is
// escaped by html/template.
func ReportHTML(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	t, err := reportTemplate()
	if err == nil {
		err = t.ExecuteTemplate(bw, "report", r)
	}
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}

// ReportMarkdown writes the report as Markdown: the title as a first-level
// heading, each section as a second-level one, tables as pipe tables.
func ReportMarkdown(w io.Writer, r Report) error {
	m := &mdWriter{w: bufio.NewWriter(w)}
	m.printf("# %s\n\n", mdText(r.Title))
	if r.Subtitle != "" {
		m.printf("%s\n\n", mdParagraph(oneLine(r.Subtitle)))
	}
	for _, s := range r.Sections {
		m.printf("## %s\n\n", mdText(s.Heading))
		for _, p := range s.Paragraphs {
			m.printf("%s\n\n", mdParagraph(oneLine(p)))
		}
		for _, t := range s.Tables {
			cells := make([]string, len(t.Head))
			for i, h := range t.Head {
				cells[i] = mdCell(oneLine(h))
			}
			m.printf("| %s |\n|%s\n", strings.Join(cells, " | "), strings.Repeat(" --- |", len(t.Head)))
			for _, row := range t.Rows {
				cells = cells[:0]
				for _, c := range row {
					cells = append(cells, mdCell(oneLine(c)))
				}
				m.printf("| %s |\n", strings.Join(cells, " | "))
			}
			m.printf("\n")
			if t.Note != "" {
				m.printf("%s\n\n", mdParagraph(oneLine(t.Note)))
			}
		}
	}
	if m.err != nil {
		return fmt.Errorf("render: %w", m.err)
	}
	if err := m.w.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}
