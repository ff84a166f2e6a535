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
	"github.com/opsdesign/opsdesign/internal/textsafe"
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
// to a ticket or printed. Text from the design is escaped by html/template,
// and its bidirectional controls and control characters are written as
// visible escapes (\u202E), never raw.
func HTML(w io.Writer, d *catalog.Design, opts Options) error {
	safe := textsafe.NewWriter(w)
	bw := bufio.NewWriter(safe)
	if err := pageTemplate().Execute(bw, build(d, opts)); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := safe.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}
