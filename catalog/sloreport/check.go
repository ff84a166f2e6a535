package sloreport

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/catalog/report"
	"github.com/opsdesign/opsdesign/slo"
)

// Summary is an objective as slo check lists it.
type Summary struct {
	ID     string `json:"id"` // the objective's Name
	Title  string `json:"title,omitempty"`
	Source string `json:"source"` // "opsdesign" or "openslo"
	File   string `json:"file"`
	Line   int    `json:"line"`
	Kind   string `json:"kind"`
	Target string `json:"target"`
	Window string `json:"window"` // "-" when none could be read
	// Calendar is the name of the Calendar the objective names; empty for
	// 24/7 in UTC.
	Calendar string            `json:"calendar,omitempty"`
	Rules    int               `json:"rules,omitempty"`
	Alerts   []slo.TierSummary `json:"alerts"`        // never nil
	Derived  bool              `json:"alertsDerived"` // the SRE workbook's tiers for the window (see slo.Objective.AlertTiers)
	// Unreachable names the workbook's tiers, when Derived, whose burn rate
	// the target cannot reach: with a 90% target nothing burns faster
	// than 10, so page-fast (14.4) never fires.
	Unreachable []string `json:"alertsUnreachable,omitempty"`
	Problem     string   `json:"cannotEvaluate,omitempty"`
}

// Summarize lists an objective: where it is written, what it promises, and
// the alert tiers it is held to. Problem says why it cannot be evaluated
// (Objective.Err, without the objective's name).
func Summarize(o *catalog.Objective) Summary {
	s := Summary{ID: o.Name, Title: o.Title, Source: "opsdesign", File: o.Doc.File, Line: o.Doc.At(o.Path).Line,
		Kind: o.Kind.String(), Target: o.Target.String(), Window: o.Window.String(), Calendar: o.CalendarRef.Name, Rules: len(o.Rules)}
	if o.SLO != nil {
		s.Source = "openslo"
	}
	if o.Window.IsZero() {
		s.Window = "-"
	}
	tiers, derived := o.AlertTiers()
	s.Derived = derived
	if budget := o.Target.Budget(); derived && !o.Target.IsZero() && budget > 0 {
		// The workbook's burn rates are the same for every period.
		for _, t := range slo.WorkbookTiers(30 * 24 * time.Hour) {
			if t.BurnRate*budget > 1+1e-9 {
				s.Unreachable = append(s.Unreachable, t.Name)
			}
		}
	}
	s.Alerts = []slo.TierSummary{}
	for _, t := range tiers {
		s.Alerts = append(s.Alerts, t.Summary())
	}
	if err := o.Err(); err != nil {
		s.Problem = strings.TrimPrefix(err.Error(), fmt.Sprintf("%v: objective %q: ", catalog.ErrObjective, o.Name))
	}
	return s
}

// Check is what slo check reports: every objective of a design, and the
// findings about service levels. Its struct tags give its JSON form.
type Check struct {
	Objectives []Summary           `json:"objectives"` // in load order; nil when the design has none
	Findings   catalog.Diagnostics `json:"findings"`   // never nil
}

// NewCheck summarizes the design's objectives and keeps, of diags (the
// findings of linting the design), those about service levels.
func NewCheck(d *catalog.Design, diags catalog.Diagnostics) *Check {
	c := &Check{Findings: Findings(d, diags)}
	if c.Findings == nil {
		c.Findings = catalog.Diagnostics{}
	}
	for _, o := range d.Objectives {
		c.Objectives = append(c.Objectives, Summarize(o))
	}
	return c
}

// WriteText writes the findings as catalog/report's text format does
// (opts says where to read their source lines), then one line per
// objective with its alert tiers, and why it cannot be evaluated.
func (c *Check) WriteText(w io.Writer, opts report.Options) error {
	if err := report.Write(w, report.Text, c.Findings, opts); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	writeSummaries(bw, c.Objectives)
	return bw.Flush()
}

func writeSummaries(w io.Writer, list []Summary) {
	if len(list) == 0 {
		fmt.Fprintln(w, "no objectives")
		return
	}
	fmt.Fprintf(w, "%s:\n", diag.Count(len(list), "objective"))
	for _, s := range list {
		line := fmt.Sprintf("  %s  %s %s over %s", s.ID, s.Kind, s.Target, s.Window)
		if s.Calendar != "" {
			line += ", calendar " + s.Calendar
		}
		if s.Rules > 0 {
			line += ", " + diag.Count(s.Rules, "rule")
		}
		line += "; " + alertsText(s)
		fmt.Fprintln(w, line)
		if s.Problem != "" {
			fmt.Fprintf(w, "    cannot be evaluated: %s\n", s.Problem)
		}
	}
}

// alertsText lists an objective's alert tiers in words.
func alertsText(s Summary) string {
	unreachable := ""
	if len(s.Unreachable) > 0 {
		unreachable = fmt.Sprintf(" (%s cannot fire at a target of %s)", strings.Join(s.Unreachable, ", "), s.Target)
	}
	switch {
	case s.Derived && len(s.Alerts) == 0:
		return "alerts: the SRE workbook's tiers for each period" + unreachable
	case len(s.Alerts) == 0:
		return "no burn-rate alerts"
	}
	var parts []string
	for _, a := range s.Alerts {
		parts = append(parts, fmt.Sprintf("%s %s over %s/%s", a.Action, diag.Number(a.BurnRate, 3), a.Long, a.Short))
	}
	which := "alerts"
	if s.Derived {
		which = "workbook alerts"
	}
	return which + ": " + strings.Join(parts, ", ") + unreachable
}
