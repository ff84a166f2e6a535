package render

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo"
)

// EvaluationReport is what EvaluationHTML writes: the evaluations of one
// run of slo eval, and the objectives it could not evaluate.
type EvaluationReport struct {
	Title        string // "" gives "Service levels · サービスレベル"
	Evaluations  []*slo.Evaluation
	NotEvaluated []string // "objective: why"
}

//go:embed evaluation.html.tmpl
var evaluationSource string

var evaluationTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("evaluation").Parse(evaluationSource))
})

// EvaluationHTML writes evaluations as one self-contained HTML page, a
// section per objective: what it promises and how it stands (SLI, budget,
// burn rate, exhaustion, alert tiers), its error-budget policy, and, when
// the evaluation has a series, three charts as inline SVG (the budget left
// over the period, the SLI per day against the target, each tier's burn
// rate with its firings shaded) and the days, weeks and firings as tables.
// No scripts, no external assets. Values that are not finite are written
// as the slo package writes them (+Inf, -Inf, undefined).
func EvaluationHTML(w io.Writer, r EvaluationReport) error {
	v := evaluationPage{Title: r.Title, NotEvaluated: r.NotEvaluated}
	if strings.TrimSpace(v.Title) == "" {
		v.Title = "Service levels · サービスレベル"
	}
	anchors := anchorSet{}
	for _, ev := range r.Evaluations {
		v.Sections = append(v.Sections, evaluationView(ev, anchors.add("objective-"+ev.Objective)))
	}
	bw := bufio.NewWriter(w)
	if err := evaluationTemplate().Execute(bw, v); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}

type evaluationPage struct {
	Title        string
	Sections     []evaluationSection
	NotEvaluated []string
}

type evaluationSection struct {
	Anchor, Objective, Promise, Period string
	Met                                bool
	Facts                              [][2]string
	Alerts                             []alertRow
	Policy                             *policyView
	Charts                             []template.HTML
	Days, Weeks                        []bucketRow
	Firings                            []firingRow
	Notes, Problems                    []string
	MoreProblems                       int
}

type alertRow struct {
	Name, Action, Needs, Burns, Consumed string
	Firing                               bool
}

type policyView struct {
	Name, Remaining, Freeze string
	Steps                   []stepRow
}

type stepRow struct{ State, Share, Reached, Freeze, Actions string }

type bucketRow struct {
	Label, SLI, Counts, Burn, Budget string
	Below                            bool // the SLI is below the target
}

type firingRow struct{ Tier, Action, From, To, Length, Note string }

func evaluationView(ev *slo.Evaluation, anchor string) evaluationSection {
	unit := "events"
	if ev.Kind == slo.TimeSliceObjective {
		unit = "slices"
	}
	s := evaluationSection{Anchor: anchor, Objective: ev.Objective, Met: ev.Attained,
		Promise: fmt.Sprintf("%s, target %s over %s", ev.Kind, ev.Target, ev.Window),
		Period:  fmt.Sprintf("%s to %s, counted until %s", stamp(ev.PeriodStart), stamp(ev.PeriodEnd), stamp(ev.Now)),
		Notes:   ev.Notes, Problems: ev.Problems, MoreProblems: ev.MoreProblems}
	b := ev.Budget
	alert := "none firing"
	if ev.Alert != "" {
		alert = strings.ToUpper(string(ev.Alert))
	}
	s.Facts = [][2]string{
		{"SLI", fmt.Sprintf("%s (%d of %d %s good)", percent(ev.SLI), ev.Good, ev.Total, unit)},
		{"Budget", fmt.Sprintf("%s %s in the period; %s consumed (%s); %s left", num4(b.Total), unit, num4(b.Consumed), percent(b.ConsumedFraction), percent(b.RemainingFraction()))},
		{"Burn rate", slo.FormatNumber(round3(ev.BurnRate)) + " over the period"},
		{"Exhaustion", ev.Exhaustion},
		{"Alert", alert},
	}
	if ev.Skipped > 0 {
		s.Facts = append(s.Facts, [2]string{"Skipped", diag.Count(ev.Skipped, "record") + " that could not be read"})
	}
	for _, a := range ev.Alerts {
		s.Alerts = append(s.Alerts, alertRow{Name: a.Name, Action: string(a.Action), Needs: fmt.Sprintf("%g over %s and %s", a.BurnRate, a.Long, a.Short),
			Burns: slo.FormatNumber(round3(a.LongBurn)) + " and " + slo.FormatNumber(round3(a.ShortBurn)), Consumed: percent(a.LongConsumed), Firing: a.Firing})
	}
	if p := ev.Policy; p != nil {
		pv := &policyView{Name: p.Policy, Remaining: percent(p.Remaining), Freeze: string(p.Freeze)}
		step := func(state string, t slo.ThresholdState) {
			freeze := string(t.Freeze)
			if freeze == "" {
				freeze = string(slo.NoFreeze)
			}
			pv.Steps = append(pv.Steps, stepRow{State: state, Share: "at most " + percent(t.RemainingAtMost) + " left", Reached: t.Reached,
				Freeze: freeze, Actions: strings.Join(t.Actions, " ")})
		}
		for _, t := range p.InForce {
			step("in force since", t)
		}
		if p.Next != nil {
			step("next, projected", *p.Next)
		}
		s.Policy = pv
	}
	if sr := ev.Series; sr != nil {
		for _, ch := range []template.HTML{BudgetChart(ev), SLIChart(ev), BurnChart(ev)} {
			if ch != "" {
				s.Charts = append(s.Charts, ch)
			}
		}
		target := ev.Target.Fraction()
		rows := func(bs []slo.Bucket) []bucketRow {
			var out []bucketRow
			for _, bk := range bs {
				out = append(out, bucketRow{Label: stamp(bk.Start) + " – " + stamp(bk.End), SLI: percent(bk.SLI),
					Counts: fmt.Sprintf("%s of %s", slo.FormatNumber(bk.Good), slo.FormatNumber(bk.Total)),
					Burn:   slo.FormatNumber(round3(bk.BurnRate)), Budget: percent(bk.BudgetRemaining), Below: bk.SLI < target})
			}
			return out
		}
		s.Days, s.Weeks = rows(sr.Days), rows(sr.Weeks)
		for _, f := range sr.Firings {
			note := ""
			if f.StartedBefore {
				note = "already firing at the period's start"
			}
			if f.Ongoing {
				note = strings.TrimPrefix(note+"; still firing", "; ")
			}
			s.Firings = append(s.Firings, firingRow{Tier: f.Tier, Action: string(f.Action), From: stamp(f.Start), To: stamp(f.End),
				Length: slo.Elapsed(f.End.Sub(f.Start).Round(time.Second)).String(), Note: note})
		}
	}
	return s
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// round3 keeps three significant digits of a finite number.
func round3(f float64) float64 {
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(f))))
	return math.Round(f*p) / p
}

func num4(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return slo.FormatNumber(f)
	}
	return fmt.Sprintf("%.4g", f)
}
