package sloreport

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo"
)

// CSVHeader is the header of WriteCSV's output: one value a row, in the
// long form spreadsheets and data frames pivot.
var CSVHeader = []string{"objective", "section", "tier", "start", "end", "measure", "value"}

// WriteCSV writes evaluations as CSV, one value a row under CSVHeader:
//
//   - section "period": the period's start and the instant evaluated,
//     with target, good, total, sli, attained, burn_rate, budget_total,
//     budget_consumed, budget_remaining, budget_consumed_fraction,
//     budget_remaining_fraction, exhaustion and alert;
//   - section "alert", per tier: threshold, long, short, long_burn,
//     short_burn, long_consumed and firing;
//   - with a policy, section "policy" (remaining, freeze) and a row per
//     step, section "policy-step" with the step's share as tier and the
//     instant it was (or is projected to be) reached as start: state
//     ("in force" or "next"), freeze and actions;
//   - with a series, sections "day" and "week" (good, total, sli,
//     burn_rate, budget_remaining), "budget" (remaining, at start),
//     "burn" per tier (long, short, firing) and "firing" per tier (start,
//     end, action, ongoing, started_before);
//   - section "note" and "problem": what the evaluation took as given, and
//     what reading its input found.
//
// Numbers are written as slo.FormatNumber writes them: "+Inf", "-Inf"
// and "undefined" where they are not finite. Timestamps are RFC 3339.
func WriteCSV(w io.Writer, evals []*slo.Evaluation) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, ev := range evals {
		csvRows(cw, ev)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sloreport: %w", err)
	}
	return bw.Flush()
}

func csvRows(cw *csv.Writer, ev *slo.Evaluation) {
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	num := slo.FormatNumber
	row := func(section, tier string, start, end time.Time, measure, value string) {
		_ = cw.Write([]string{ev.Objective, section, tier, ts(start), ts(end), measure, value})
	}
	period := func(measure, value string) { row("period", "", ev.PeriodStart, ev.Now, measure, value) }
	b := ev.Budget
	alert := string(ev.Alert)
	if alert == "" {
		alert = "none"
	}
	for _, m := range [][2]string{
		{"target", strconv.FormatFloat(ev.Target.Fraction(), 'g', -1, 64)},
		{"good", strconv.FormatInt(ev.Good, 10)}, {"total", strconv.FormatInt(ev.Total, 10)},
		{"sli", num(ev.SLI)}, {"attained", strconv.FormatBool(ev.Attained)}, {"burn_rate", num(ev.BurnRate)},
		{"budget_total", num(b.Total)}, {"budget_consumed", num(b.Consumed)}, {"budget_remaining", num(b.Remaining)},
		{"budget_consumed_fraction", num(b.ConsumedFraction)}, {"budget_remaining_fraction", num(b.RemainingFraction())},
		{"exhaustion", ev.Exhaustion}, {"alert", alert},
	} {
		period(m[0], m[1])
	}
	for _, a := range ev.Alerts {
		for _, m := range [][2]string{
			{"threshold", num(a.BurnRate)}, {"long", a.Long.String()}, {"short", a.Short.String()},
			{"long_burn", num(a.LongBurn)}, {"short_burn", num(a.ShortBurn)}, {"long_consumed", num(a.LongConsumed)},
			{"firing", strconv.FormatBool(a.Firing)},
		} {
			row("alert", a.Name, ev.PeriodStart, ev.Now, m[0], m[1])
		}
	}
	if p := ev.Policy; p != nil {
		row("policy", p.Policy, ev.PeriodStart, ev.Now, "remaining", num(p.Remaining))
		row("policy", p.Policy, ev.PeriodStart, ev.Now, "freeze", string(p.Freeze))
		step := func(state string, t slo.ThresholdState) {
			at, _ := time.Parse(time.RFC3339, t.Reached)
			share := num(t.RemainingAtMost)
			freeze := string(t.Freeze)
			if freeze == "" {
				freeze = string(slo.NoFreeze)
			}
			row("policy-step", share, at, time.Time{}, "state", state)
			row("policy-step", share, at, time.Time{}, "freeze", freeze)
			row("policy-step", share, at, time.Time{}, "actions", strings.Join(t.Actions, " | "))
		}
		for _, t := range p.InForce {
			step("in force", t)
		}
		if p.Next != nil {
			step("next", *p.Next)
		}
	}
	if s := ev.Series; s != nil {
		buckets := func(section string, bs []slo.Bucket) {
			for _, bk := range bs {
				for _, m := range [][2]string{{"good", num(bk.Good)}, {"total", num(bk.Total)}, {"sli", num(bk.SLI)},
					{"burn_rate", num(bk.BurnRate)}, {"budget_remaining", num(bk.BudgetRemaining)}} {
					row(section, "", bk.Start, bk.End, m[0], m[1])
				}
			}
		}
		buckets("day", s.Days)
		buckets("week", s.Weeks)
		for _, p := range s.Budget {
			row("budget", "", p.At, p.At, "remaining", num(p.Remaining))
		}
		for _, tb := range s.Burn {
			for _, p := range tb.Points {
				row("burn", tb.Tier, p.At, p.At, "long", num(p.Long))
				row("burn", tb.Tier, p.At, p.At, "short", num(p.Short))
				row("burn", tb.Tier, p.At, p.At, "firing", strconv.FormatBool(p.Firing))
			}
		}
		for _, f := range s.Firings {
			row("firing", f.Tier, f.Start, f.End, "action", string(f.Action))
			row("firing", f.Tier, f.Start, f.End, "ongoing", strconv.FormatBool(f.Ongoing))
			row("firing", f.Tier, f.Start, f.End, "started_before", strconv.FormatBool(f.StartedBefore))
		}
	}
	for _, n := range ev.Notes {
		row("note", "", time.Time{}, time.Time{}, "note", n)
	}
	for _, p := range ev.Problems {
		row("problem", "", time.Time{}, time.Time{}, "problem", p)
	}
	if ev.MoreProblems > 0 {
		row("problem", "", time.Time{}, time.Time{}, "more_problems", strconv.Itoa(ev.MoreProblems))
	}
}

// WriteText writes every evaluation as slo.Evaluation.WriteText does, a
// blank line apart, then the objectives not evaluated and why.
func (r *Run) WriteText(w io.Writer) error {
	for i, ev := range r.Evaluations {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := ev.WriteText(w); err != nil {
			return err
		}
	}
	bw := bufio.NewWriter(w)
	if len(r.NotEvaluated) > 0 {
		if len(r.Evaluations) > 0 {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "not evaluated: %s\n", diag.Count(len(r.NotEvaluated), "objective"))
		for _, n := range r.NotEvaluated {
			fmt.Fprintf(bw, "  %s: %s\n", n.Objective, n.Reason)
		}
	}
	return bw.Flush()
}

// WriteCSV writes the run's evaluations as WriteCSV does, then a row per
// objective not evaluated (section "not-evaluated", measure "reason").
func (r *Run) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := WriteCSV(bw, r.Evaluations); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	for _, n := range r.NotEvaluated {
		_ = cw.Write([]string{n.Objective, "not-evaluated", "", "", "", "reason", n.Reason})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sloreport: %w", err)
	}
	return bw.Flush()
}

// Failed reports whether the run should fail a pipeline: an objective
// missed its target, an alert fires, a finding about the input is an
// error (a record that could not be read, an event far from the others;
// as the configuration grades them), or an objective could not be evaluated for an error (an attainment
// objective, measured on tickets, is not one).
func (r *Run) Failed() bool {
	for _, ev := range r.Evaluations {
		if !ev.Attained || ev.Alert != "" || ev.Errors > 0 {
			return true
		}
	}
	for _, n := range r.NotEvaluated {
		if n.Error {
			return true
		}
	}
	return false
}
