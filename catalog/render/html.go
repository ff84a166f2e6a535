package render

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/opsdesign/opsdesign/catalog"
)

//go:embed page.html.tmpl
var pageSource string

// pageTemplate is parsed once; a parsed html/template is safe for
// concurrent execution and is never changed after.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"join": func(items []string) string { return strings.Join(items, ", ") },
	}).Parse(pageSource))
})

// HTML writes the catalog of the design as one self-contained HTML page:
// inline CSS, no scripts, no external assets, so it can be mailed, attached
// to a ticket or printed. Text from the design is escaped by html/template.
func HTML(w io.Writer, d *catalog.Design, opts Options) error {
	bw := bufio.NewWriter(w)
	if err := pageTemplate().Execute(bw, build(d, opts)); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}
