package render_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/slo"
)

// evaluated is a 90% objective over two days with a fast and a slow tier,
// a policy, and a log whose second day goes wrong, evaluated with its
// series. name is the objective's name.
func evaluated(t testing.TB, name string, target string) *slo.Evaluation {
	t.Helper()
	day := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) }
	var events []slo.Event
	for h := 1; h <= 10; h++ {
		events = append(events, slo.Event{At: day(2, h, 0), Good: true})
	}
	for m := 0; m < 60; m += 5 {
		events = append(events, slo.Event{At: day(3, 12, m), Good: m >= 20})
	}
	o := slo.Objective{Name: name, Target: slo.MustParseTarget(target), Window: slo.MustParseWindow("2d"),
		Alerts: []slo.AlertTier{
			{Name: "fast", Action: slo.Page, Long: 2 * time.Hour, Short: 10 * time.Minute, BurnRate: 5},
			{Name: "slow", Action: slo.Ticket, Long: 12 * time.Hour, Short: time.Hour, BurnRate: 2},
		}}
	now := day(4, 0, 0)
	ev, err := o.Evaluation(events, now)
	require.NoError(t, err)
	ev.Series, err = o.EventSeries(events, now)
	require.NoError(t, err)
	p := slo.BudgetPolicy{Name: "releases", Thresholds: []slo.PolicyThreshold{
		{RemainingAtMost: 0.5, Actions: []string{"Review every incident."}},
		{RemainingAtMost: 0, Actions: []string{"Freeze releases."}, Freeze: slo.FreezeReleases}}}
	ev.Policy, err = p.Apply(&o, o.Counts(events), ev)
	require.NoError(t, err)
	return ev
}

func evaluationPage(t testing.TB, evs ...*slo.Evaluation) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, render.EvaluationHTML(&b, render.EvaluationReport{Evaluations: evs, NotEvaluated: []string{`desk: an attainment objective <measured on tickets>`}}))
	return b.String()
}

func TestEvaluationHTML(t *testing.T) {
	page := evaluationPage(t, evaluated(t, "api <b>&</b>", "90%"), evaluated(t, "perfect", "100%"))
	for _, banned := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "javascript:", "NaN"} {
		assert.NotContains(t, page, banned)
	}
	assert.Equal(t, 6, strings.Count(page, "<svg "), "three charts an objective")
	assert.Contains(t, page, "<code>api &lt;b&gt;&amp;&lt;/b&gt;</code>", "the name is escaped")
	assert.Contains(t, page, `aria-label="api &lt;b&gt;&amp;&lt;/b&gt;: error budget left over the period"`)
	assert.Contains(t, page, `<dt>SLI</dt><dd>81.82% (18 of 22 events good)</dd>`)
	assert.Contains(t, page, `<dt>Exhaustion</dt><dd>exhausted</dd>`)
	assert.Contains(t, page, `<tr><td>at most 50% left</td><td>in force since</td><td>2026-03-03T12:05:00Z</td><td>none</td><td>Review every incident.</td></tr>`)
	assert.Contains(t, page, `<tr><td>slow</td><td>ticket</td><td>2026-03-03T12:00:00Z</td><td>2026-03-03T13:10:00Z</td><td>1h10m</td><td></td></tr>`)
	// The 100% objective: infinite values written out (html/template
	// writes the plus sign as &#43;).
	assert.Contains(t, page, `<dt>Burn rate</dt><dd>&#43;Inf over the period</dd>`)
	assert.Contains(t, page, `<dt>Budget</dt><dd>0 events in the period; 4 consumed (&#43;Inf%); -Inf% left</dd>`)
	assert.Contains(t, page, "below -100%, drawn at the bottom")
	assert.Contains(t, page, "burn rates above 10, drawn at the top; shaded: firing")
	assert.Contains(t, page, "<li>desk: an attainment objective &lt;measured on tickets&gt;</li>")
}

var svgPattern = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// Every chart is well-formed XML: an svg element in the SVG namespace,
// whatever text the objective's name holds.
func TestChartsAreXML(t *testing.T) {
	page := evaluationPage(t, evaluated(t, `api "&" <x> ]]> 日本`, "90%"), evaluated(t, "perfect", "100%"))
	svgs := svgPattern.FindAllString(page, -1)
	require.Len(t, svgs, 6)
	for _, svg := range svgs {
		dec := xml.NewDecoder(strings.NewReader(svg))
		dec.Strict = true
		var root xml.StartElement
		elements := 0
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err, svg)
			if se, ok := tok.(xml.StartElement); ok {
				if elements == 0 {
					root = se
				}
				elements++
				assert.NotEqual(t, "script", se.Name.Local)
				assert.NotEqual(t, "foreignObject", se.Name.Local)
			}
		}
		assert.Equal(t, xml.Name{Space: "http://www.w3.org/2000/svg", Local: "svg"}, root.Name)
		assert.Greater(t, elements, 10)
	}
}

// chromium is the browser the rendering test drives, when installed.
const chromium = "/usr/bin/chromium"

// The page renders in a real browser: headless Chromium draws it, and the
// screenshot holds the charts' line color, so the SVG was drawn and not
// shown as text. Skipped where Chromium is not installed (CI does not
// install it; see README).
func TestChartsRenderInChromium(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("headless Chromium is not installed at %s: the charts are only checked as XML", chromium)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	require.NoError(t, os.WriteFile(page, []byte(evaluationPage(t, evaluated(t, "api", "90%"))), 0o644))
	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--hide-scrollbars", "--window-size=1200,2600", "--screenshot="+shot, "file://"+page)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	assert.Greater(t, countColor(img, 0x0b, 0x57, 0xd0), 200, "the budget line (#0b57d0) is drawn")
	assert.Greater(t, countColor(img, 0xb3, 0x26, 0x1e), 200, "the bad bars and the fast tier (#b3261e) are drawn")
}

// countColor counts the pixels within a few levels of a color.
func countColor(img image.Image, r, g, b uint8) int {
	n := 0
	near := func(a uint32, want uint8) bool { d := int(a>>8) - int(want); return d > -12 && d < 12 }
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr, r) && near(pg, g) && near(pb, b) {
				n++
			}
		}
	}
	return n
}

// The catalog's page shows how an evaluated objective stands, with its
// charts; Markdown says how it stands.
func TestCatalogWithEvaluations(t *testing.T) {
	d := load(t, "../../testdata/sample")
	ev := evaluated(t, "point-api-latency", "99.5%")
	var html, md bytes.Buffer
	require.NoError(t, render.HTML(&html, d, render.Options{Evaluations: []*slo.Evaluation{ev}}))
	require.NoError(t, render.Markdown(&md, d, render.Options{Evaluations: []*slo.Evaluation{ev}}))
	assert.Equal(t, 2, strings.Count(html.String(), "<svg "), "budget and SLI")
	standing := "As of 2026-03-04T00:00:00Z: SLI 81.82%, missed; -3536% of the budget left; exhaustion exhausted; policy releases freezes releases."
	assert.Contains(t, html.String(), `<p class="desc">`+standing+`</p>`)
	assert.Contains(t, md.String(), "`point-api-latency` "+standing+"\n")
}
