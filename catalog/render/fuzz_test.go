package render_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
)

// FuzzRender renders whatever a file may hold: nothing may panic, both
// renderers must succeed, and the page must stay free of markup from the
// input.
func FuzzRender(f *testing.F) {
	for _, p := range []string{"testdata/edge/design.yaml", "../../testdata/sample/member-card.yaml", "../../testdata/sample/alert-response.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(exampleDesign))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := catalog.Parse(catalog.Source{Name: "f.yaml", Data: data})
		var md, html bytes.Buffer
		if err := render.Markdown(&md, d, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := render.HTML(&html, d, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(html.String(), "<script") {
			t.Fatalf("the page holds a script:\n%s", html.String())
		}
	})
}
