package render_test

import (
	"encoding/json"
	"io"
	"testing"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/internal/gen"
)

// BenchmarkRender1k renders a generated design of 1,000 services. Its
// baseline, measured in the same run, is encoding/json writing the same
// documents' values: compare Render1k/markdown and Render1k/html with
// Render1k/json-baseline.
func BenchmarkRender1k(b *testing.B) {
	d := catalog.Parse(catalog.Source{Name: "big.yaml", Data: gen.Design(1000)})
	if len(d.Services) != 1000 {
		b.Fatalf("generated %d services", len(d.Services))
	}
	b.Run("json-baseline", func(b *testing.B) {
		for b.Loop() {
			enc := json.NewEncoder(io.Discard)
			for _, doc := range d.Documents {
				if err := enc.Encode(doc.Value); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("markdown", func(b *testing.B) {
		for b.Loop() {
			if err := render.Markdown(io.Discard, d, render.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("html", func(b *testing.B) {
		for b.Loop() {
			if err := render.HTML(io.Discard, d, render.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
