package sloreport

import (
	"fmt"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/slo"
	"github.com/opsdesign/opsdesign/slo/eventlog"
)

// notForEvents keeps its own words and matches slo.ErrInvalidObjective.
type notForEvents struct{ msg string }

func (e notForEvents) Error() string { return e.msg }
func (e notForEvents) Unwrap() error { return slo.ErrInvalidObjective }

// EventObjective returns the domain objective that o is evaluated over
// events as: a copy, with the calendar the design resolved. An objective
// that writes an empty list of alerts (an OpenSLO SLO without burn-rate
// alert policies) is held to the SRE workbook's tiers for its period, as
// one that writes none. The error is o.Err when o cannot be evaluated, and
// wraps slo.ErrInvalidObjective for an attainment objective, which is
// measured on tickets.
func EventObjective(o *catalog.Objective) (slo.Objective, error) {
	if err := o.Err(); err != nil {
		return slo.Objective{}, err
	}
	if o.Kind == slo.AttainmentObjective {
		return slo.Objective{}, notForEvents{fmt.Sprintf("objective %q is an attainment objective: it is measured on tickets, not events", o.Name)}
	}
	obj := o.Objective // a copy: the design stays as loaded
	if obj.Alerts != nil && len(obj.Alerts) == 0 {
		obj.Alerts = nil
	}
	return obj, nil
}

// Evaluate evaluates o over the events of a log as of now (zero: the
// second after the latest event that is not far from the others) and
// returns the report, with what the log's reading skipped, where its
// events fell, and its first findings (Collection.Findings): the
// problems of reading it and, at its timestamp, every event not counted
// because it lies far from the others (events/far-from-others) or at or
// after now (events/after-now). Errors are those of EventObjective,
// Collection.Suits and slo.Objective.Evaluation.
func Evaluate(o *catalog.Objective, events *eventlog.Collection, now time.Time) (*slo.Evaluation, error) {
	obj, err := EventObjective(o)
	if err != nil {
		return nil, err
	}
	if err := events.Suits(&obj); err != nil {
		return nil, err
	}
	ev, err := obj.Evaluation(events.Events, now)
	if err != nil {
		return nil, err
	}
	found, more, errs := events.Findings(ev)
	ev.Skipped, ev.MoreProblems, ev.Errors = events.Skipped, more, errs
	for _, d := range found {
		ev.Problems = append(ev.Problems, fmt.Sprintf("%s: %s: %s", diag.Pos{Line: d.Pos.Line, Column: d.Pos.Column}, d.Rule, d.Message))
	}
	return ev, nil
}
