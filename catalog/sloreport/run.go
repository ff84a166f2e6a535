package sloreport

import (
	"errors"
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/budgetpolicy"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/counts"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// Input is what one run of slo eval reads, once, for every objective it
// evaluates: a request log or pre-aggregated counts, collected in memory.
type Input struct {
	Events *eventlog.Collection // a request log (eventlog.Collect)
	Counts *counts.Collection   // or counts (counts.Collect)
}

// Options say what a run adds to each evaluation.
type Options struct {
	// Now is the instant evaluated; zero means the second after the
	// latest event or count, the same for every objective.
	Now time.Time
	// Series adds slo.Series to each evaluation: days, weeks, burn rates
	// over time, firings.
	Series bool
	// Policies are the error-budget policies governing the objectives
	// (budgetpolicy.Governing); each evaluation of an objective with one
	// gets its slo.PolicyState.
	Policies map[*catalog.Objective]*budgetpolicy.Policy
}

// Run is what slo eval reports over several objectives: an evaluation of
// each, in the order asked for, and every objective asked for that could
// not be evaluated, with why. Its struct tags give its JSON form.
type Run struct {
	Evaluations  []*slo.Evaluation `json:"evaluations"`  // never nil
	NotEvaluated []NotEvaluated    `json:"notEvaluated"` // never nil
}

// NotEvaluated is an objective a run could not evaluate.
type NotEvaluated struct {
	Objective string `json:"objective"`
	Reason    string `json:"reason"`
	// Error is false for an attainment objective, which is measured on
	// tickets by design; true when the objective or the input is at fault.
	Error bool `json:"error"`
}

// EvaluateAll evaluates every objective over the input, as of one
// instant, with what opts adds. An objective that cannot be evaluated (an
// attainment objective, one that cannot be read, a latency objective over
// a log without latencies) does not stop the others: it is listed in
// NotEvaluated with the reason.
func EvaluateAll(objectives []*catalog.Objective, in Input, opts Options) *Run {
	run := &Run{Evaluations: []*slo.Evaluation{}, NotEvaluated: []NotEvaluated{}}
	now := opts.Now
	if now.IsZero() {
		now = defaultNow(objectives, in)
	}
	for _, o := range objectives {
		ev, err := evaluateOne(o, in, now, opts)
		if err != nil {
			byDesign := o.Kind == slo.AttainmentObjective && o.Err() == nil
			run.NotEvaluated = append(run.NotEvaluated, NotEvaluated{Objective: o.Name, Reason: reason(o, err), Error: !byDesign})
			continue
		}
		ev.NowFromEvents = opts.Now.IsZero()
		run.Evaluations = append(run.Evaluations, ev)
	}
	return run
}

// defaultNow is the second after the latest count, or after the latest
// event not far from the others (slo.FarEvents) with the longest period
// of the objectives as reach: for one objective, the instant
// slo.Objective.Evaluation chooses, so that an event dated 2099 moves no
// objective's period.
func defaultNow(objectives []*catalog.Objective, in Input) time.Time {
	var last time.Time
	switch {
	case in.Counts != nil:
		for _, c := range in.Counts.Counts {
			if c.At.After(last) {
				last = c.At
			}
		}
	case in.Events != nil:
		var reach time.Duration
		for _, o := range objectives {
			reach = max(reach, o.Window.MaxLength())
		}
		far := slo.FarEvents(in.Events.Events, reach)
		for i, e := range in.Events.Events {
			if len(far) > 0 && far[0] == i {
				far = far[1:]
				continue
			}
			if e.At.After(last) {
				last = e.At
			}
		}
	}
	return last.Truncate(time.Second).Add(time.Second)
}

// reason says why an objective was not evaluated, without repeating its
// name where the error starts with it.
func reason(o *catalog.Objective, err error) string {
	msg := err.Error()
	for _, prefix := range []string{fmt.Sprintf("%v: objective %q: ", catalog.ErrObjective, o.Name), fmt.Sprintf("slo: objective %q: ", o.Name)} {
		if len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
			return msg[len(prefix):]
		}
	}
	return msg
}

func evaluateOne(o *catalog.Objective, in Input, now time.Time, opts Options) (*slo.Evaluation, error) {
	obj, err := EventObjective(o)
	if err != nil {
		return nil, err
	}
	var ev *slo.Evaluation
	var judged []slo.Count
	switch {
	case in.Counts != nil:
		if ev, err = EvaluateCounts(o, in.Counts, now); err != nil {
			return nil, err
		}
		judged = in.Counts.Counts
	case in.Events != nil:
		if ev, err = Evaluate(o, in.Events, now); err != nil {
			return nil, err
		}
		if opts.Series || opts.Policies[o] != nil {
			judged = obj.Counts(in.Events.Events)
		}
	default:
		return nil, errors.New("sloreport: the input holds neither events nor counts")
	}
	if opts.Series {
		if ev.Series, err = obj.Series(judged, ev.Now); err != nil {
			return nil, err
		}
	}
	if p := opts.Policies[o]; p != nil {
		policy := p.Domain()
		if ev.Policy, err = policy.Apply(&obj, judged, ev); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

// EvaluateCounts evaluates o over pre-aggregated counts as of now (zero:
// the second after the latest count) and returns the report, with what
// reading the counts skipped and its first findings: the problems of
// reading, then a counts/after-now warning for each row at or after now.
// A latency threshold of o is not applied to counts, which were judged
// before they were read: the report's Notes say so. Errors are those of
// EventObjective and slo.Objective.CountsEvaluation.
func EvaluateCounts(o *catalog.Objective, c *counts.Collection, now time.Time) (*slo.Evaluation, error) {
	obj, err := EventObjective(o)
	if err != nil {
		return nil, err
	}
	ev, err := obj.CountsEvaluation(c.Counts, now)
	if err != nil {
		return nil, err
	}
	ev.Skipped, ev.MoreProblems, ev.Errors = c.Skipped, c.MoreProblems, c.Errors
	after, more := c.AfterNow(ev.Now)
	ev.MoreProblems += more
	for _, d := range append(c.Problems[:len(c.Problems):len(c.Problems)], after...) {
		ev.Problems = append(ev.Problems, fmt.Sprintf("%s: %s: %s", diag.Pos{Line: d.Pos.Line, Column: d.Pos.Column}, d.Rule, d.Message))
	}
	if c.Excluded > 0 {
		ev.Notes = append(ev.Notes, fmt.Sprintf("%s did not match -where and %s not counted", diag.Count(c.Excluded, "row"), diag.Noun(c.Excluded, "was", "were")))
	}
	if obj.Threshold > 0 {
		ev.Notes = append(ev.Notes, fmt.Sprintf("the counts were judged before they were read: the latency threshold of %v is not applied to them (count as good the requests within it, such as a histogram's le=\"%g\" bucket)",
			obj.Threshold, obj.Threshold.Seconds()))
	}
	return ev, nil
}
