package render

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"
)

// chart is an inline SVG chart of values over time: lines, bars,
// horizontal reference lines and shaded stretches. It is drawn with
// attributes only (no classes, no scripts, no fonts to fetch), so it looks
// the same in any page and in a mail.
type chart struct {
	Title      string // read by screen readers, and shown as the caption
	From, To   time.Time
	YMin, YMax float64
	YLabel     func(float64) string
	Lines      []chartLine
	Bars       []chartBar
	Rules      []chartRule
	Bands      []chartBand
	Note       string // what the chart leaves out, such as clipped values
}

// chartLine is a line through points; a NaN value breaks it.
type chartLine struct {
	Label  string
	Color  string
	Dashed bool
	Points []chartPoint
}

type chartPoint struct {
	At time.Time
	V  float64
}

// chartBar is a bar over a stretch of time; a NaN value is drawn as an
// empty, hatched stretch ("no data").
type chartBar struct {
	From, To time.Time
	V        float64
	Color    string
	Label    string // its tooltip
}

// chartRule is a horizontal line across the chart.
type chartRule struct {
	Label string
	Color string
	V     float64
}

// chartBand shades a stretch of time.
type chartBand struct {
	Label    string
	Color    string
	From, To time.Time
}

// The chart's geometry, in SVG user units.
const (
	chartW, chartH = 720.0, 210.0
	padL, padR     = 58.0, 12.0
	padT, padB     = 14.0, 30.0
)

// SVG draws the chart.
func (c chart) SVG() template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="100%%" role="img" aria-label="%s" font-family="system-ui, sans-serif" font-size="11">`,
		chartW, chartH, esc(c.Title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(c.Title))
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="#ffffff" stroke="#d1d9e0"/>`, padL, padT, chartW-padL-padR, chartH-padT-padB)
	c.drawGrid(&b)
	for _, band := range c.Bands {
		x0, x1 := c.x(band.From), c.x(band.To)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%g" width="%.1f" height="%g" fill="%s" fill-opacity="0.18"><title>%s</title></rect>`,
			x0, padT, math.Max(x1-x0, 1), chartH-padT-padB, band.Color, esc(band.Label))
	}
	for _, bar := range c.Bars {
		c.drawBar(&b, bar)
	}
	for _, r := range c.Rules {
		y := c.y(r.V)
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="%s" stroke-dasharray="5 4"><title>%s</title></line>`,
			padL, y, chartW-padR, y, r.Color, esc(r.Label))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" fill="%s" text-anchor="end">%s</text>`, chartW-padR-4, y-3, r.Color, esc(r.Label))
	}
	for _, l := range c.Lines {
		c.drawLine(&b, l)
	}
	c.drawLegend(&b)
	b.WriteString(`</svg>`)
	fmt.Fprintf(&b, `<figcaption>%s`, esc(c.Title))
	if c.Note != "" {
		fmt.Fprintf(&b, ` <span class="note">(%s)</span>`, esc(c.Note))
	}
	b.WriteString(`</figcaption></figure>`)
	return template.HTML(b.String()) // every text from the design or the data is escaped above
}

// x places an instant on the chart, clipped to its axis.
func (c chart) x(t time.Time) float64 {
	span := c.To.Sub(c.From)
	if span <= 0 {
		return padL
	}
	f := float64(t.Sub(c.From)) / float64(span)
	return padL + math.Min(math.Max(f, 0), 1)*(chartW-padL-padR)
}

// y places a value on the chart, clipped to its axis: +Inf at the top,
// -Inf at the bottom.
func (c chart) y(v float64) float64 {
	span := c.YMax - c.YMin
	if span <= 0 || math.IsNaN(v) {
		return chartH - padB
	}
	f := (v - c.YMin) / span
	f = math.Min(math.Max(f, 0), 1)
	return chartH - padB - f*(chartH-padT-padB)
}

func (c chart) drawGrid(b *strings.Builder) {
	for i := 0; i <= 4; i++ {
		v := c.YMin + (c.YMax-c.YMin)*float64(i)/4
		y := c.y(v)
		fmt.Fprintf(b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#eef1f4"/>`, padL, y, chartW-padR, y)
		label := fmt.Sprintf("%g", v)
		if c.YLabel != nil {
			label = c.YLabel(v)
		}
		fmt.Fprintf(b, `<text x="%g" y="%.1f" fill="#59636e" text-anchor="end">%s</text>`, padL-6, y+4, template.HTMLEscapeString(label))
	}
	for _, t := range timeTicks(c.From, c.To) {
		x := c.x(t.at)
		fmt.Fprintf(b, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" stroke="#eef1f4"/>`, x, padT, x, chartH-padB)
		anchor := "middle" // the labels at the ends stay inside the chart
		switch {
		case x < padL+36:
			anchor = "start"
		case x > chartW-padR-36:
			anchor = "end"
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%g" fill="#59636e" text-anchor="%s">%s</text>`, x, chartH-padB+16, anchor, t.label)
	}
}

func (c chart) drawBar(b *strings.Builder, bar chartBar) {
	x0, x1 := c.x(bar.From), c.x(bar.To)
	w := math.Max(x1-x0-2, 1)
	if math.IsNaN(bar.V) {
		fmt.Fprintf(b, `<rect x="%.1f" y="%g" width="%.1f" height="%g" fill="#eef1f4" stroke="#d1d9e0" stroke-dasharray="2 2"><title>%s</title></rect>`,
			x0+1, padT, w, chartH-padT-padB, template.HTMLEscapeString(bar.Label))
		return
	}
	y := c.y(bar.V)
	fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`,
		x0+1, y, w, math.Max(chartH-padB-y, 0.5), bar.Color, template.HTMLEscapeString(bar.Label))
}

// drawLine draws a line as one path, a NaN value lifting the pen.
func (c chart) drawLine(b *strings.Builder, l chartLine) {
	var d strings.Builder
	pen := false
	for _, p := range l.Points {
		if math.IsNaN(p.V) {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		fmt.Fprintf(&d, "%s%.1f %.1f ", cmd, c.x(p.At), c.y(p.V))
		pen = true
	}
	if d.Len() == 0 {
		return
	}
	dash := ""
	if l.Dashed {
		dash = ` stroke-dasharray="6 3"`
	}
	fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="1.6"%s><title>%s</title></path>`,
		strings.TrimSpace(d.String()), l.Color, dash, template.HTMLEscapeString(l.Label))
}

func (c chart) drawLegend(b *strings.Builder) {
	x := padL + 6
	for _, l := range c.Lines {
		if l.Label == "" {
			continue
		}
		fmt.Fprintf(b, `<rect x="%.1f" y="%g" width="10" height="3" fill="%s"/>`, x, padT+6, l.Color)
		fmt.Fprintf(b, `<text x="%.1f" y="%g" fill="#1f2328">%s</text>`, x+14, padT+10, template.HTMLEscapeString(l.Label))
		x += 24 + 6.5*float64(len([]rune(l.Label)))
	}
}

type tick struct {
	at    time.Time
	label string
}

// timeTicks chooses at most about eight labelled instants between from
// and to: whole hours over a short stretch, midnights (UTC) over days.
func timeTicks(from, to time.Time) []tick {
	span := to.Sub(from)
	if span <= 0 {
		return nil
	}
	var step time.Duration
	layout := "01-02"
	for _, s := range []time.Duration{time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 2 * 24 * time.Hour,
		7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour} {
		if span/s <= 8 {
			step = s
			break
		}
	}
	if step == 0 {
		step = span / 8
	}
	if step < 24*time.Hour {
		layout = "01-02 15:04"
	}
	var out []tick
	for t := from.UTC().Truncate(step); !t.After(to); t = t.Add(step) {
		if t.Before(from) {
			continue
		}
		out = append(out, tick{t, t.Format(layout)})
	}
	return out
}
