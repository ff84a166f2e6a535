package slo

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Codes of the findings Check reports. They are stable: tools may match
// on them and users may suppress them by code.
const (
	// CodeBurnUnreachable: an alert tier's burn-rate threshold is above
	// 1 / (1 - target), the burn rate of a window in which everything
	// fails, so the alert can never fire.
	CodeBurnUnreachable = "burn-threshold-unreachable"
	// CodeShortWindow: an alert tier's short window is not shorter than
	// its long window.
	CodeShortWindow = "short-window-not-shorter"
	// CodeLongWindow: an alert tier's long window is longer than the
	// objective's period.
	CodeLongWindow = "alert-window-exceeds-period"
	// CodeSliceDivide: the time slice does not divide the period evenly,
	// so the last slice of a period straddles the next one.
	CodeSliceDivide = "time-slice-not-dividing"
	// CodeWindowBelowSlice: an alert tier of a time-slice objective has a
	// long window shorter than the time slice, or a short window of at
	// most half of it. Slices are judged when they end, so such a window
	// holds at most one judged slice, and none much of the time: the
	// alert is silent, or fires on a single bad slice.
	CodeWindowBelowSlice = "alert-window-below-slice"
	// CodeTargetScale: the target looks like a percentage on the wrong
	// scale, such as "0.999%" where 99.9% was meant. ParseTarget reports
	// the opposite mistake (99.9 for 0.999) as ErrTargetScale.
	CodeTargetScale = "target-wrong-scale"
	// CodeSeverityNoTarget: a known severity has no rule that gives every
	// outcome of that severity a target.
	CodeSeverityNoTarget = "severity-without-target"
	// CodeRuleShadowed: a rule can never match because an earlier rule
	// matches everything it would.
	CodeRuleShadowed = "rule-shadowed"
)

// Finding is one problem Check found in an objective. It carries no file
// position: Field and Index say which part of the objective it concerns,
// and the catalog maps them back to the document.
type Finding struct {
	Code      string // one of the Code constants
	Objective string // the objective's Name
	// Field is the part concerned: "target", "alerts", "slice", "rules"
	// or "severities" (the list passed to Check).
	Field string
	// Index is the element of Field concerned, or -1 for the field as a
	// whole.
	Index int
	// Related is another element of Field involved (the earlier rule that
	// shadows this one), or -1.
	Related int
	Message string // what is wrong, for people
}

// String returns "objective: field[index]: message [code]".
func (f Finding) String() string {
	where := f.Field
	if f.Index >= 0 {
		where += "[" + strconv.Itoa(f.Index) + "]"
	}
	return f.Objective + ": " + where + ": " + f.Message + " [" + f.Code + "]"
}

// lowTarget is the fraction below which a target is taken for a
// percentage on the wrong scale: nobody promises that fewer than one in a
// hundred events go well.
const lowTarget = targetScale / 100

// Check finds mistakes in the design of o that make it silently useless:
// alerts that cannot fire, windows in the wrong order, slices that do not
// divide the period, a target on the wrong scale, severities with no
// target and rules that can never match. severities lists the severities
// outcomes may carry (attainment objectives); it may be nil. Findings come
// in a fixed order: target, alerts, slice, severities, rules.
func (o *Objective) Check(severities []string) []Finding {
	var fs []Finding
	add := func(code, field string, index, related int, format string, args ...any) {
		fs = append(fs, Finding{Code: code, Objective: o.Name, Field: field, Index: index, Related: related, Message: fmt.Sprintf(format, args...)})
	}
	if o.Target.ppb > 0 && o.Target.ppb < lowTarget {
		add(CodeTargetScale, "target", -1, -1, "target %v is below 1%%; was %v meant?", o.Target, Target{ppb: o.Target.ppb * 100})
	}

	shortest := o.shortestPeriod()
	tiers, explicit := o.Alerts, true
	if tiers == nil {
		tiers, explicit = WorkbookTiers(shortest), false
	}
	budget := o.Target.Budget()
	for i, a := range tiers {
		if budget > 0 && o.Target.ppb > 0 && a.BurnRate > 1/budget*(1+firingSlack) {
			add(CodeBurnUnreachable, "alerts", index(explicit, i), -1,
				"alert %q needs a burn rate of %g, but with a %v target the burn rate cannot exceed %g (everything failing)",
				a.Name, a.BurnRate, o.Target, 1/budget)
		}
		if a.Short >= a.Long && a.Long > 0 {
			add(CodeShortWindow, "alerts", index(explicit, i), -1,
				"alert %q has a short window of %v, not shorter than its long window of %v", a.Name, a.Short, a.Long)
		}
		if shortest > 0 && a.Long > shortest {
			add(CodeLongWindow, "alerts", index(explicit, i), -1,
				"alert %q looks back %v, longer than the %v window itself", a.Name, a.Long, o.Window)
		}
	}

	if o.Kind == TimeSliceObjective && o.Slice > 0 && !o.Window.IsZero() {
		if msg := o.sliceMisfit(); msg != "" {
			add(CodeSliceDivide, "slice", -1, -1, "%s", msg)
		}
		// Slices are judged at their last instant, so a window of w holds
		// a judged slice during w/slice of the time at most. A long window
		// shorter than the slice lets one slice decide the tier; a short
		// window of half a slice or less leaves the tier unable to fire
		// half the time or more. A short window a little under the slice
		// (the workbook's 4m40s against 5m slices) holds the last slice
		// nearly always, which is what a short window is for.
		var derived []string
		for i, a := range tiers {
			longBelow := a.Long > 0 && a.Long < o.Slice
			shortBelow := a.Short > 0 && 2*a.Short <= o.Slice
			if !longBelow && !shortBelow {
				continue
			}
			if !explicit {
				derived = append(derived, fmt.Sprintf("%s (%g over %v and %v)", a.Name, a.BurnRate, Elapsed(a.Long), Elapsed(a.Short)))
				continue
			}
			msg := fmt.Sprintf("alert %q: its short window of %v is at most half the %v time slice: %s", a.Name, Elapsed(a.Short), Elapsed(o.Slice), halfWhy)
			if longBelow {
				msg = fmt.Sprintf("alert %q: its windows of %v and %v are shorter than the %v time slice: %s", a.Name, Elapsed(a.Long), Elapsed(a.Short), Elapsed(o.Slice), belowWhy)
			}
			add(CodeWindowBelowSlice, "alerts", i, -1, "%s", msg)
		}
		if len(derived) > 0 {
			// The objective writes no alerts: the slice is what it writes.
			add(CodeWindowBelowSlice, "slice", -1, -1, "the SRE workbook's alerts for the %v window have windows too short for the %v time slice: %s; %s. Write alerts whose windows hold several slices, or a shorter slice",
				o.Window, Elapsed(o.Slice), strings.Join(derived, ", "), belowWhy)
		}
	}

	if o.Kind == AttainmentObjective {
		for i, s := range severities {
			covered := false
			for _, r := range o.Rules {
				if len(r.Categories) == 0 && len(r.Labels) == 0 && (len(r.Severities) == 0 || slices.Contains(r.Severities, s)) {
					covered = true
					break
				}
			}
			if !covered {
				add(CodeSeverityNoTarget, "severities", i, -1, "severity %q has no rule that gives all its outcomes a target", s)
			}
		}
		for j := range o.Rules {
			for i := 0; i < j; i++ {
				if o.Rules[i].covers(o.Rules[j]) {
					add(CodeRuleShadowed, "rules", j, i, "rule %d can never match: rule %d comes first and matches everything it does", j, i)
					break
				}
			}
		}
	}
	return fs
}

const (
	belowWhy = "a window shorter than a slice holds at most one judged slice, and none most of the time, so the alert is silent or fires on a single bad slice"
	halfWhy  = "slices are judged when they end, so it holds no judged slice half of the time or more, when the alert cannot fire"
)

func index(explicit bool, i int) int {
	if explicit {
		return i
	}
	return -1 // derived tiers have no element in the document
}

// shortestPeriod returns the length of the shortest concrete period of
// o's window over the next few years (a February, a week with a
// daylight-saving change), so checks hold for every period.
func (o *Objective) shortestPeriod() time.Duration {
	if o.Window.Kind() == WindowRolling {
		return o.Window.Length()
	}
	shortest := time.Duration(0)
	o.periods(func(p Period) bool {
		if d := p.Duration(); shortest == 0 || d < shortest {
			shortest = d
		}
		return true
	})
	return shortest
}

// sliceMisfit says how the slice fails to divide the objective's periods,
// naming the window as the objective writes it and each length of period
// it does not divide with what is left over; "" when it divides them all.
func (o *Objective) sliceMisfit() string {
	slice := Elapsed(o.Slice)
	if o.Window.Kind() == WindowRolling {
		length := o.Window.Length()
		if length%o.Slice == 0 {
			return ""
		}
		return fmt.Sprintf("time slice %v does not divide the %v window: %d slices leave %v over, a last slice that straddles the next period",
			slice, o.Window, length/o.Slice, Elapsed(length%o.Slice))
	}
	left := map[time.Duration]time.Duration{} // period length → what is left over
	o.periods(func(p Period) bool {
		if d := p.Duration(); d%o.Slice != 0 {
			left[d] = d % o.Slice
		}
		return true
	})
	if len(left) == 0 {
		return ""
	}
	lengths := slices.Sorted(maps.Keys(left))
	parts := make([]string, len(lengths))
	for i, d := range lengths {
		parts[i] = fmt.Sprintf("a %s of %v leaves %v", o.Window, Elapsed(d), Elapsed(left[d]))
	}
	return fmt.Sprintf("time slice %v does not divide every %s in the calendar's time zone: %s, a last slice that straddles the next period",
		slice, o.Window, strings.Join(parts, ", "))
}

// periods calls fn with consecutive concrete periods of o's window from
// the start of 2024, covering at least eight years so every kind of month,
// quarter and daylight-saving week in the calendar's zone appears.
func (o *Objective) periods(fn func(Period) bool) {
	loc := o.Calendar.Location()
	t := time.Date(2024, time.January, 1, 0, 0, 0, 0, loc)
	if o.Window.Kind() == WindowRolling {
		fn(o.Window.Period(t, loc))
		return
	}
	end := t.AddDate(8, 0, 0)
	for t.Before(end) {
		p := o.Window.Period(t, loc)
		if !fn(p) || !p.End.After(t) {
			return
		}
		t = p.End
	}
}
