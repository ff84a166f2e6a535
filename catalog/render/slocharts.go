package render

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"time"

	"github.com/opsdesign/opsdesign/slo"
)

// Colors of the charts: the page's own, and one per alert tier.
const (
	colorOK     = "#1a7f37"
	colorBad    = "#b3261e"
	colorMuted  = "#59636e"
	colorLine   = "#0b57d0"
	colorPolicy = "#7d4e00"
)

var tierColors = []string{"#b3261e", "#e36209", "#0550ae", "#8250df", "#1a7f37", "#59636e"}

// minBudgetAxis is the lowest share of the budget the burn-down shows:
// an overspent budget is drawn at the bottom below it.
const minBudgetAxis = -1.0

// BudgetChart draws the error budget left over the period (the series'
// Budget), with 0% and each step of the objective's policy as reference
// lines. A budget overspent beyond -100% is drawn at the bottom, and the
// caption says so. It is empty without a series.
func BudgetChart(ev *slo.Evaluation) template.HTML {
	s := ev.Series
	if s == nil || len(s.Budget) == 0 {
		return ""
	}
	c := chart{Title: fmt.Sprintf("%s: error budget left over the period", ev.Objective), From: ev.PeriodStart, To: ev.Now,
		YMin: minBudgetAxis, YMax: 1, YLabel: percent}
	line := chartLine{Label: "budget left", Color: colorLine}
	low := false
	for _, p := range s.Budget {
		line.Points = append(line.Points, chartPoint{p.At, p.Remaining})
		low = low || p.Remaining < minBudgetAxis
	}
	c.Lines = []chartLine{line}
	c.Rules = []chartRule{{Label: "spent", Color: colorBad, V: 0}}
	if p := ev.Policy; p != nil {
		for _, t := range slices.Concat(p.InForce, nextStep(p)) {
			if t.RemainingAtMost > 0 && t.RemainingAtMost < 1 {
				c.Rules = append(c.Rules, chartRule{Label: "policy " + percent(t.RemainingAtMost), Color: colorPolicy, V: t.RemainingAtMost})
			}
		}
	}
	if low {
		c.Note = "below -100%, drawn at the bottom"
	}
	return c.SVG()
}

func nextStep(p *slo.PolicyState) []slo.ThresholdState {
	if p.Next == nil {
		return nil
	}
	return []slo.ThresholdState{*p.Next}
}

// SLIChart draws the SLI of each day of the period as a bar against the
// target; a day without events is an empty, hatched bar. It is empty
// without a series.
func SLIChart(ev *slo.Evaluation) template.HTML {
	s := ev.Series
	if s == nil || len(s.Days) == 0 {
		return ""
	}
	target := ev.Target.Fraction()
	lowest := target
	for _, d := range s.Days {
		if !math.IsNaN(d.SLI) {
			lowest = math.Min(lowest, d.SLI)
		}
	}
	// Show the room between the lowest day and 100%, target included.
	yMin := math.Max(0, lowest-math.Max((1-lowest)*0.25, 0.0005))
	c := chart{Title: fmt.Sprintf("%s: SLI per day against the %s target", ev.Objective, ev.Target), From: ev.PeriodStart, To: ev.Now,
		YMin: yMin, YMax: 1, YLabel: percent}
	empty := false
	for _, d := range s.Days {
		color, label := colorOK, fmt.Sprintf("%s: %s (%s of %s %s good)", d.Start.Format(time.DateOnly), percent(d.SLI), slo.FormatNumber(d.Good), slo.FormatNumber(d.Total), s.Unit)
		switch {
		case math.IsNaN(d.SLI):
			label = fmt.Sprintf("%s: no %s", d.Start.Format(time.DateOnly), s.Unit)
			empty = true
		case d.SLI < target:
			color = colorBad
		}
		c.Bars = append(c.Bars, chartBar{From: d.Start, To: d.End, V: d.SLI, Color: color, Label: label})
	}
	c.Rules = []chartRule{{Label: "target " + ev.Target.String(), Color: colorMuted, V: target}}
	if empty {
		c.Note = "hatched: days without " + s.Unit
	}
	return c.SVG()
}

// BurnChart draws each alert tier's burn rate over its long window, with
// the tier's threshold as a reference line in its color and the stretches
// it fired shaded. Burn rates above twice the highest threshold (an
// infinite one, with a zero budget) are drawn at the top, and the caption
// says so. It is empty without a series or without tiers.
func BurnChart(ev *slo.Evaluation) template.HTML {
	s := ev.Series
	if s == nil || len(s.Burn) == 0 {
		return ""
	}
	top := 1.0
	for _, tb := range s.Burn {
		top = math.Max(top, 2*tb.Threshold)
	}
	c := chart{Title: fmt.Sprintf("%s: burn rate of each alert tier over its long window", ev.Objective), From: ev.PeriodStart, To: ev.Now,
		YMin: 0, YMax: top, YLabel: func(v float64) string { return fmt.Sprintf("%.3g", v) }}
	clipped := false
	for i, tb := range s.Burn {
		color := tierColors[i%len(tierColors)]
		l := chartLine{Label: fmt.Sprintf("%s (%s)", tb.Tier, tb.Long), Color: color}
		for _, p := range tb.Points {
			l.Points = append(l.Points, chartPoint{p.At, p.Long})
			clipped = clipped || p.Long > top
		}
		c.Lines = append(c.Lines, l)
		c.Rules = append(c.Rules, chartRule{Label: fmt.Sprintf("%s %g", tb.Tier, tb.Threshold), Color: color, V: tb.Threshold})
		for _, f := range s.Firings {
			if f.Tier == tb.Tier {
				c.Bands = append(c.Bands, chartBand{Label: fmt.Sprintf("%s fired %s to %s", f.Tier, f.Start.Format(time.RFC3339), f.End.Format(time.RFC3339)),
					Color: color, From: f.Start, To: f.End})
			}
		}
	}
	if clipped {
		c.Note = fmt.Sprintf("burn rates above %g, drawn at the top; shaded: firing", top)
	} else if len(s.Firings) > 0 {
		c.Note = "shaded: firing"
	}
	return c.SVG()
}

// percent writes a fraction as a percentage for people: NaN as
// "undefined", infinities as "+Inf%" and "-Inf%".
func percent(f float64) string {
	if math.IsNaN(f) {
		return slo.Undefined
	}
	if math.IsInf(f, 0) {
		return slo.FormatNumber(f) + "%"
	}
	return fmt.Sprintf("%.4g%%", 100*f)
}

// standing says how an objective stands under an evaluation, with its
// budget and SLI charts.
func standing(o *objective, ev *slo.Evaluation) {
	met := "met"
	if !ev.Attained {
		met = "missed"
	}
	o.Standing = fmt.Sprintf("As of %s: SLI %s, %s; %s of the budget left; exhaustion %s", ev.Now.Format(time.RFC3339), percent(ev.SLI), met,
		percent(ev.Budget.RemainingFraction()), ev.Exhaustion)
	if ev.Alert != "" {
		o.Standing += "; alert: " + string(ev.Alert)
	}
	if p := ev.Policy; p != nil && p.Freeze != slo.NoFreeze {
		o.Standing += "; policy " + p.Policy + " freezes " + string(p.Freeze)
	}
	o.Standing += "."
	for _, c := range []template.HTML{BudgetChart(ev), SLIChart(ev)} {
		if c != "" {
			o.Charts = append(o.Charts, c)
		}
	}
}
