package render_test

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/catalogtest"
	"github.com/opsdesign/opsdesign/catalog/render"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// renderers are the two outputs, by the extension of their golden files.
var renderers = []struct {
	ext    string
	render func(io.Writer, *catalog.Design, render.Options) error
}{
	{"md", render.Markdown},
	{"html", render.HTML},
}

// fixtures are the designs with golden renderings: the sample, and one
// with gaps, hostile text and nested parameter sheets.
var fixtures = []struct{ name, dir string }{
	{"sample", "../../testdata/sample"},
	{"edge", "testdata/edge"},
}

func load(t testing.TB, dir string) *catalog.Design {
	t.Helper()
	d, err := catalog.Load(dir)
	require.NoError(t, err)
	return d
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		for _, r := range renderers {
			t.Run(f.name+"."+r.ext, func(t *testing.T) {
				var b bytes.Buffer
				require.NoError(t, r.render(&b, load(t, f.dir), render.Options{}))
				catalogtest.Golden(t, "testdata/"+f.name+"."+r.ext+".golden", b.Bytes(), *update)
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range fixtures {
		for _, r := range renderers {
			var first bytes.Buffer
			require.NoError(t, r.render(&first, load(t, f.dir), render.Options{}))
			for range 5 {
				var again bytes.Buffer
				require.NoError(t, r.render(&again, load(t, f.dir), render.Options{}))
				require.Equal(t, first.String(), again.String(), "%s.%s", f.name, r.ext)
			}
		}
	}
}

// The page stands alone: no scripts, no external styles, images, fonts or
// frames; and the design's own text is escaped, never markup.
func TestHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, render.HTML(&b, load(t, "testdata/edge"), render.Options{Title: "Coupons <b>&</b>"}))
	page := b.String()
	for _, banned := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "javascript:"} {
		assert.NotContains(t, page, banned)
	}
	assert.Equal(t, 1, strings.Count(page, "<style>"))
	for _, href := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		assert.True(t, strings.HasPrefix(href[1], "#"), "link %q leaves the page", href[1])
	}
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.Contains(t, page, "<title>Coupons &lt;b&gt;&amp;&lt;/b&gt;</title>")
	assert.Contains(t, page, `<html lang="ja">`)
}

// Every anchor a link points at exists once, in both renderings, even
// with a service name used twice.
func TestAnchorsResolve(t *testing.T) {
	for _, f := range fixtures {
		var md, html bytes.Buffer
		d := load(t, f.dir)
		require.NoError(t, render.Markdown(&md, d, render.Options{}))
		require.NoError(t, render.HTML(&html, d, render.Options{}))
		for _, out := range []struct {
			text          string
			links, anchor *regexp.Regexp
		}{
			{md.String(), regexp.MustCompile(`\]\(#([^)]+)\)`), regexp.MustCompile(`<a id="([^"]+)"></a>`)},
			{html.String(), regexp.MustCompile(`href="#([^"]+)"`), regexp.MustCompile(` id="([^"]+)"`)},
		} {
			ids := map[string]int{}
			for _, m := range out.anchor.FindAllStringSubmatch(out.text, -1) {
				ids[m[1]]++
			}
			links := out.links.FindAllStringSubmatch(out.text, -1)
			require.NotEmpty(t, links)
			for _, m := range links {
				assert.Equal(t, 1, ids[m[1]], "%s: anchor %q", f.name, m[1])
			}
		}
	}
}

func TestMarkdownMatrixRows(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, render.Markdown(&b, load(t, "testdata/edge"), render.Options{}))
	// Every row of the matrix has the six cells of the header, however
	// many pipes the service's title holds.
	unescaped := regexp.MustCompile(`(^|[^\\])\|`)
	var rows []string
	in := false
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "| Service / subject |") {
			in = true
		}
		if in && !strings.HasPrefix(line, "|") {
			break
		}
		if in {
			rows = append(rows, line)
		}
	}
	require.Len(t, rows, 5) // header, rule, service, subject, second service
	for _, r := range rows {
		assert.Len(t, unescaped.FindAllString(r, -1), 7, r)
	}
	assert.Contains(t, rows[2], "! gap: operators: no reason, thirdParties open")
	assert.Contains(t, rows[2], "✗ gap: not designed")
	assert.Contains(t, rows[2], "– n/a")
}

func TestEmptyDesign(t *testing.T) {
	d := catalog.Parse()
	var md, html bytes.Buffer
	require.NoError(t, render.Markdown(&md, d, render.Options{Title: "Nothing yet"}))
	require.NoError(t, render.HTML(&html, d, render.Options{}))
	assert.Equal(t, "# Nothing yet\n\n0 services · 0 lifecycles (services and their subjects): 0 events covered, 0 not applicable, 0 gaps.\n\nThe design has no services.\n", md.String())
	assert.Contains(t, html.String(), "<p>The design has no services.</p>")
}

var errDiskFull = errors.New("disk full")

// failingWriter accepts n bytes, then fails.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	d := load(t, "../../testdata/sample")
	for _, r := range renderers {
		var full bytes.Buffer
		require.NoError(t, r.render(&full, d, render.Options{}))
		for _, n := range []int{0, 100, full.Len() - 1} {
			err := r.render(&failingWriter{n: n}, d, render.Options{})
			require.Error(t, err, "%s after %d bytes", r.ext, n)
			assert.ErrorIs(t, err, errDiskFull)
			assert.True(t, strings.HasPrefix(err.Error(), "render: "), err.Error())
		}
	}
}
