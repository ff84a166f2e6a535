// Package promrules generates Prometheus recording and alerting rules for
// a design's objectives whose indicators are Prometheus queries: OpenSLO
// SLOs with a ratio metric (good or bad over total) read from a
// Prometheus data source. The alerts are the multiwindow, multi-burn-rate
// tiers slo eval evaluates (the objective's own, or the SRE workbook's
// derived for its period), so one definition of an objective drives both
// the report and the pager.
//
// For each objective Generate writes two rule groups:
//
//   - opsdesign-slo-<id>-recordings: the error ratio over every window an
//     alert tier looks at, opsdesign:slo_error_ratio:rate<window>, with the
//     labels opsdesign_objective and opsdesign_window; the target and the
//     budget (opsdesign:slo_objective:ratio, opsdesign:slo_error_budget:ratio);
//     and, for a rolling window, the error ratio over the whole window and
//     the budget left (opsdesign:slo_error_budget_remaining:ratio).
//   - opsdesign-slo-<id>-alerts: one alert OpsdesignErrorBudgetBurn per
//     tier, firing when the error ratio over both its windows is at least
//     its burn rate times the budget, with the labels opsdesign_objective,
//     opsdesign_tier and severity (page or ticket).
//
// The queries are the SLI's own. A query written with {{.window}} (as
// Sloth writes them) gets each window there; a query with range selectors
// ("[1m]") gets each window in place of every range; a counter written as
// a plain selector is summed as sum(rate(selector[window])). Any other
// query cannot be stretched over a window and the objective is skipped,
// with the reason.
//
// A calendar window's derived tiers depend on the period's length: for a
// month Generate writes a variant of every tier for months of 28, 29, 30
// and 31 days, each gated on days_in_month(); for a quarter, variants for
// 90, 91 and 92 days gated on the month and on leap years; for a week,
// the tiers of 7 days. Prometheus reads the calendar in UTC: the file's
// comments say so when the objective's calendar is in another zone.
//
// The output is checked with promtool check rules in the tests where
// promtool is installed, and by CI.
package promrules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/sloreport"
	"github.com/opsdesign/opsdesign/slo"
)

// File is a Prometheus rule file.
type File struct {
	Groups []Group `yaml:"groups"`
	// Notes are said at the top of the file: what was not generated, and
	// what the rules approximate.
	Notes []string `yaml:"-"`
}

// Group is a group of rules, evaluated in order.
type Group struct {
	Name  string `yaml:"name"`
	Rules []Rule `yaml:"rules"`
}

// Rule is a recording rule (Record set) or an alerting rule (Alert set).
type Rule struct {
	Record      string            `yaml:"record,omitempty"`
	Alert       string            `yaml:"alert,omitempty"`
	Expr        string            `yaml:"expr"`
	Labels      map[string]string `yaml:"labels,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

// Skipped is an objective Generate wrote no rules for.
type Skipped struct {
	Objective string
	Reason    string
	// Error is true when the objective's indicator reads Prometheus but
	// cannot be turned into rules: a mistake to fix. It is false for an
	// objective whose indicator is not a Prometheus ratio.
	Error bool
}

// The names of the rules and labels Generate writes.
const (
	AlertName      = "OpsdesignErrorBudgetBurn"
	LabelObjective = "opsdesign_objective"
	LabelWindow    = "opsdesign_window"
	LabelTier      = "opsdesign_tier"
	ratioRecord    = "opsdesign:slo_error_ratio:rate"
)

// Generate builds the rules of the objectives (nil: every objective of
// the design), in their order, and lists the objectives it skipped.
func Generate(d *catalog.Design, objectives []*catalog.Objective) (*File, []Skipped) {
	if objectives == nil {
		objectives = d.Objectives
	}
	f := &File{Groups: []Group{}}
	var skipped []Skipped
	for _, o := range objectives {
		groups, notes, err := objectiveRules(d, o)
		if err != nil {
			var s skip
			isSkip := errors.As(err, &s)
			skipped = append(skipped, Skipped{Objective: o.Name, Reason: err.Error(), Error: !isSkip})
			continue
		}
		f.Groups = append(f.Groups, groups...)
		f.Notes = append(f.Notes, notes...)
	}
	for _, s := range skipped {
		f.Notes = append(f.Notes, fmt.Sprintf("not generated: %s: %s", s.Objective, s.Reason))
	}
	return f, skipped
}

// skip is the reason an objective has no Prometheus indicator: not a
// mistake.
type skip struct{ msg string }

func (s skip) Error() string { return s.msg }

// ratio is an objective's indicator as two queries.
type ratio struct {
	bad     bool   // num counts bad events, not good ones
	num     string // the good (or bad) query
	total   string
	counter bool
}

func objectiveRules(d *catalog.Design, o *catalog.Objective) ([]Group, []string, error) {
	if err := o.Err(); err != nil {
		return nil, nil, err
	}
	if o.Kind != slo.RatioObjective {
		return nil, nil, skip{fmt.Sprintf("a %s objective: only ratio objectives are counted by Prometheus queries here", o.Kind)}
	}
	r, err := indicator(d, o)
	if err != nil {
		return nil, nil, err
	}
	obj, err := sloreport.EventObjective(o) // the tiers slo eval holds it to
	if err != nil {
		return nil, nil, err
	}
	var notes []string
	variants, note := tierVariants(&obj)
	if note != "" {
		notes = append(notes, o.Name+": "+note)
	}
	budget := o.Target.Budget()
	sel := fmt.Sprintf(`{%s=%q}`, LabelObjective, o.Name)
	rec := Group{Name: "opsdesign-slo-" + o.Name + "-recordings"}
	alerts := Group{Name: "opsdesign-slo-" + o.Name + "-alerts"}
	var windows []time.Duration
	for _, v := range variants {
		for _, t := range v.tiers {
			windows = append(windows, t.Long, t.Short)
		}
	}
	if o.Window.Kind() == slo.WindowRolling {
		windows = append(windows, o.Window.Length())
	}
	slices.Sort(windows)
	for _, w := range slices.Compact(windows) {
		expr, err := r.errorRatio(w)
		if err != nil {
			return nil, nil, err
		}
		rec.Rules = append(rec.Rules, Rule{Record: ratioRecord + promDuration(w), Expr: expr,
			Labels: map[string]string{LabelObjective: o.Name, LabelWindow: promDuration(w)}})
	}
	meta := map[string]string{LabelObjective: o.Name}
	rec.Rules = append(rec.Rules,
		Rule{Record: "opsdesign:slo_objective:ratio", Expr: fmt.Sprintf("vector(%s)", number(o.Target.Fraction())), Labels: meta},
		Rule{Record: "opsdesign:slo_error_budget:ratio", Expr: fmt.Sprintf("vector(%s)", number(budget)), Labels: meta})
	if o.Window.Kind() == slo.WindowRolling && budget > 0 {
		rec.Rules = append(rec.Rules, Rule{Record: "opsdesign:slo_error_budget_remaining:ratio",
			Expr:   fmt.Sprintf("1 - %s%s%s / %s", ratioRecord, promDuration(o.Window.Length()), sel, number(budget)),
			Labels: meta})
	}
	for _, v := range variants {
		for _, t := range v.tiers {
			alerts.Rules = append(alerts.Rules, alertRule(o, t, v, budget, sel))
		}
	}
	groups := []Group{rec}
	if len(alerts.Rules) > 0 {
		groups = append(groups, alerts)
	}
	return groups, notes, nil
}

// variant is a set of tiers and the condition under which they apply: ""
// always, else a PromQL expression true in the periods they are for.
type variant struct {
	tiers  []slo.AlertTier
	gate   string
	period string // "31d": the period the tiers were derived for, "" for the objective's own
}

// tierVariants returns the tiers of o for each length its periods can
// have, as slo eval derives them, with a note on what Prometheus cannot
// tell apart.
func tierVariants(o *slo.Objective) ([]variant, string) {
	tiers, derived := o.AlertTiers()
	if !derived || o.Window.Kind() == slo.WindowRolling {
		return []variant{{tiers: tiers}}, ""
	}
	day := 24 * time.Hour
	zone := o.Calendar.Location().String()
	note := ""
	if zone != "UTC" {
		note = fmt.Sprintf("the %s windows of the calendar in %s are told apart by Prometheus in UTC, so for the hours between the two the tiers of the neighbouring period apply", o.Window, zone)
	}
	var out []variant
	switch o.Window.Kind() {
	case slo.WindowWeek:
		out = []variant{{tiers: slo.WorkbookTiers(7 * day), period: "7d"}}
		note = strings.TrimPrefix(note+"; a week with a daylight-saving change is an hour longer or shorter than the 7 days the tiers are derived for", "; ")
	case slo.WindowMonth:
		for n := 28; n <= 31; n++ {
			out = append(out, variant{tiers: slo.WorkbookTiers(time.Duration(n) * day), gate: fmt.Sprintf("days_in_month() == %d", n), period: strconv.Itoa(n) + "d"})
		}
	case slo.WindowQuarter:
		leap := "days_in_month(time() - (day_of_year() - 32) * 86400) == 29" // February of this year
		out = []variant{
			{tiers: slo.WorkbookTiers(90 * day), gate: "month() <= 3 and on() " + "(" + strings.Replace(leap, "== 29", "== 28", 1) + ")", period: "90d"},
			{tiers: slo.WorkbookTiers(91 * day), gate: "(month() >= 4 and on() month() <= 6) or on() (month() <= 3 and on() (" + leap + "))", period: "91d"},
			{tiers: slo.WorkbookTiers(92 * day), gate: "month() >= 7", period: "92d"},
		}
	}
	return out, note
}

func alertRule(o *catalog.Objective, t slo.AlertTier, v variant, budget float64, sel string) Rule {
	thr := fmt.Sprintf("(%s * %s)", number(t.BurnRate), number(budget))
	expr := fmt.Sprintf("max without (%s) (%s%s%s >= %s)\nand\nmax without (%s) (%s%s%s >= %s)",
		LabelWindow, ratioRecord, promDuration(t.Long), sel, thr, LabelWindow, ratioRecord, promDuration(t.Short), sel, thr)
	if v.gate != "" {
		expr = "(\n" + expr + "\n)\nand on() (" + v.gate + ")"
	}
	labels := map[string]string{LabelObjective: o.Name, LabelTier: t.Name, "severity": string(t.Action)}
	if v.period != "" {
		labels["opsdesign_period"] = v.period
	}
	period := ""
	if v.period != "" {
		period = " (the tier of a " + v.period + " period)"
	}
	return Rule{Alert: AlertName, Expr: expr + "\n", Labels: labels, Annotations: map[string]string{
		"summary": fmt.Sprintf("%s burns its error budget %gx as fast as the %s window allows", o.Name, t.BurnRate, o.Window),
		"description": fmt.Sprintf("The error ratio of %s over %s and over %s is at least %g times the error budget of its %s target%s: %s of the budget goes in %s at this pace.",
			o.Name, promDuration(t.Long), promDuration(t.Short), t.BurnRate, o.Target, period, percent(t.BudgetConsumed(periodOf(o, v))), promDuration(t.Long)),
	}}
}

// periodOf returns the length of the period a variant's tiers are for.
func periodOf(o *catalog.Objective, v variant) time.Duration {
	if v.period != "" {
		d, _ := strconv.Atoi(strings.TrimSuffix(v.period, "d"))
		return time.Duration(d) * 24 * time.Hour
	}
	if o.Window.Kind() == slo.WindowRolling {
		return o.Window.Length()
	}
	return 30 * 24 * time.Hour
}

func percent(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64) + "%" }

// number writes a float for PromQL: the shortest decimal that reads back.
func number(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// promDuration writes a duration as Prometheus reads it: 1h, 1m10s,
// 2d16h48m.
func promDuration(d time.Duration) string {
	if d <= 0 {
		return "0s"
	}
	var b strings.Builder
	for _, u := range []struct {
		d time.Duration
		s string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}, {time.Millisecond, "ms"}} {
		if n := d / u.d; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10) + u.s)
			d -= n * u.d
		}
	}
	return b.String()
}

// errorRatio writes the error ratio over a window.
func (r ratio) errorRatio(w time.Duration) (string, error) {
	num, err := windowed(r.num, w, r.counter)
	if err != nil {
		return "", err
	}
	total, err := windowed(r.total, w, r.counter)
	if err != nil {
		return "", err
	}
	if r.bad {
		return fmt.Sprintf("(\n  %s\n)\n/\n(\n  %s\n)\n", num, total), nil
	}
	return fmt.Sprintf("1 - (\n  (\n    %s\n  )\n  /\n  (\n    %s\n  )\n)\n", num, total), nil
}

var (
	windowVar = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{\s*\.window\s*\}\}`) })
	selector  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?$`) })
)

// windowed stretches a query over a window: see the package doc.
func windowed(q string, w time.Duration, counter bool) (string, error) {
	q = strings.TrimSpace(q)
	win := promDuration(w)
	if windowVar().MatchString(q) {
		return windowVar().ReplaceAllString(q, win), nil
	}
	if out, n := replaceRanges(q, win); n > 0 {
		return out, nil
	}
	if counter && selector().MatchString(q) {
		return fmt.Sprintf("sum(rate(%s[%s]))", q, win), nil
	}
	return "", fmt.Errorf("query %q cannot be stretched over a window: write it with {{.window}} where the range goes, with a range selector such as [5m], or as a plain selector of a counter", q)
}

// replaceRanges replaces the duration of every range selector ("[5m]",
// not a subquery's "[1h:5m]") outside quoted strings with win.
func replaceRanges(q, win string) (string, int) {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '"', '\'', '`':
			j := i + 1
			for j < len(q) && q[j] != c {
				if q[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			end := min(j+1, len(q))
			b.WriteString(q[i:end])
			i = end - 1
		case '[':
			j := strings.IndexByte(q[i:], ']')
			if j > 0 && !strings.Contains(q[i:i+j], ":") && isDuration(q[i+1:i+j]) {
				b.WriteString("[" + win + "]")
				i += j
				n++
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), n
}

var durationText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*([0-9]+(ms|s|m|h|d|w|y))+\s*$`) })

func isDuration(s string) bool { return durationText().MatchString(s) }

// indicator reads the Prometheus ratio an objective's SLI is.
func indicator(d *catalog.Design, o *catalog.Objective) (ratio, error) {
	if o.SLO == nil {
		return ratio{}, skip{"an Objective document has no indicator to query: write the objective as an OpenSLO SLO with a ratio metric of a Prometheus data source"}
	}
	sli := sliOf(d, o)
	switch {
	case sli == nil:
		return ratio{}, skip{"its SLO has no indicator that resolves"}
	case sli.Ratio == nil:
		return ratio{}, skip{fmt.Sprintf("indicator %q is not a ratio metric", sli.Name)}
	}
	rm := sli.Ratio
	r := ratio{counter: rm.Counter}
	var numSrc *catalog.MetricSource
	switch {
	case rm.Good != nil && rm.Total != nil:
		numSrc = rm.Good
	case rm.Bad != nil && rm.Total != nil:
		numSrc, r.bad = rm.Bad, true
	default:
		return ratio{}, skip{fmt.Sprintf("indicator %q is not good or bad over total (a raw ratio has no counts to rate)", sli.Name)}
	}
	for _, part := range []struct {
		src *catalog.MetricSource
		to  *string
	}{{numSrc, &r.num}, {rm.Total, &r.total}} {
		if !isPrometheus(d, part.src) {
			return ratio{}, skip{fmt.Sprintf("indicator %q does not read a Prometheus data source", sli.Name)}
		}
		q, _ := part.src.Spec["query"].(string)
		if q == "" {
			q, _ = part.src.Spec["promql"].(string)
		}
		if strings.TrimSpace(q) == "" {
			return ratio{}, fmt.Errorf("indicator %q reads Prometheus with no query (metricSource.spec.query)", sli.Name)
		}
		*part.to = q
	}
	return r, nil
}

// sliOf returns the SLI the objective reads: its own, or its SLO's, inline
// or the one SLI document its reference names.
func sliOf(d *catalog.Design, o *catalog.Objective) *catalog.SLI {
	s := o.SLO
	inline, ref := s.Indicator, s.IndicatorRef
	if k, err := strconv.Atoi(strings.TrimPrefix(o.Path, "/spec/objectives/")); err == nil && k >= 0 && k < len(s.ObjectiveIndicators) {
		if own := s.ObjectiveIndicators[k]; own.Inline != nil || own.Ref.Name != "" {
			inline, ref = own.Inline, own.Ref
		}
	}
	if inline != nil {
		return inline
	}
	var found *catalog.SLI
	for _, x := range d.OpenSLO.SLIs {
		if x.Name == ref.Name && ref.Name != "" {
			if found != nil {
				return nil // ambiguous: openslo/ambiguous-ref says so
			}
			found = x
		}
	}
	return found
}

func isPrometheus(d *catalog.Design, m *catalog.MetricSource) bool {
	if m == nil {
		return false
	}
	if strings.EqualFold(m.Type, "prometheus") {
		return true
	}
	for _, ds := range d.OpenSLO.DataSources {
		if ds.Name == m.Ref.Name && m.Ref.Name != "" && strings.EqualFold(ds.Type, "prometheus") {
			return true
		}
	}
	return false
}

// WriteYAML writes the file as Prometheus reads it, with a header that
// says where it comes from and the notes as comments.
func (f *File) WriteYAML(w io.Writer, source string) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Prometheus rules generated by opsdesign slo rules from %s.\n# Do not edit: change the design and generate them again.\n", source)
	for _, n := range f.Notes {
		fmt.Fprintf(&b, "# %s\n", n)
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("promrules: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("promrules: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}
