package slo

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// Kind is the kind of an objective.
type Kind uint8

const (
	// RatioObjective counts events: the SLI is good events over all events
	// (availability, or requests faster than a latency threshold).
	RatioObjective Kind = iota
	// TimeSliceObjective cuts time into slices of equal length; a slice is
	// good when the ratio of good events in it reaches SliceTarget, and the
	// SLI is good slices over all slices that saw events.
	TimeSliceObjective
	// AttainmentObjective counts tickets or alerts (outcomes) against a
	// time-to-event target chosen per severity: the SLI is the fraction
	// that met their target, as in "95% of tickets get a first response
	// within their target".
	AttainmentObjective
)

var kindNames = [...]string{"ratio", "time-slice", "attainment"}

// String returns "ratio", "time-slice" or "attainment".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind parses "ratio", "time-slice" or "attainment".
func ParseKind(s string) (Kind, error) {
	if i := slices.Index(kindNames[:], s); i >= 0 {
		return Kind(i), nil
	}
	return 0, parseErr(ErrInvalidName, "objective kind", s, 0, "want ratio, time-slice or attainment")
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Measure names the time-to-event an attainment objective measures. The
// caller picks the matching timestamp of each ticket for Outcome.End.
type Measure uint8

const (
	// FirstResponse is the time until someone first reacts (an
	// acknowledgement, an automatic reply excluded).
	FirstResponse Measure = iota
	// FirstResponseCompletion is the time until the first response is
	// complete: the reporter has a substantive answer or a workaround
	// (初動対応完了).
	FirstResponseCompletion
	// Resolution is the time until the ticket is resolved.
	Resolution
)

var measureNames = [...]string{"first-response", "first-response-completion", "resolution"}

// String returns "first-response", "first-response-completion" or
// "resolution".
func (m Measure) String() string {
	if int(m) < len(measureNames) {
		return measureNames[m]
	}
	return "Measure(" + strconv.Itoa(int(m)) + ")"
}

// ParseMeasure parses the names String returns.
func ParseMeasure(s string) (Measure, error) {
	if i := slices.Index(measureNames[:], s); i >= 0 {
		return Measure(i), nil
	}
	return 0, parseErr(ErrInvalidName, "measure", s, 0, "want first-response, first-response-completion or resolution")
}

// MarshalText implements encoding.TextMarshaler.
func (m Measure) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Measure) UnmarshalText(b []byte) error {
	v, err := ParseMeasure(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Rule gives outcomes that match it a time-to-event target. An empty list
// or map matches anything; a rule matches an outcome when every non-empty
// condition does. Rules are tried in order and the first match wins.
type Rule struct {
	Severities []string          // the outcome's severity is one of these
	Categories []string          // the outcome's category is one of these
	Labels     map[string]string // the outcome carries all these labels
	Within     Duration          // the target: elapsed, business hours or business days
}

// Matches reports whether the rule applies to o.
func (r Rule) Matches(o *Outcome) bool {
	if len(r.Severities) > 0 && !slices.Contains(r.Severities, o.Severity) {
		return false
	}
	if len(r.Categories) > 0 && !slices.Contains(r.Categories, o.Category) {
		return false
	}
	for k, v := range r.Labels {
		if got, ok := o.Labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// covers reports whether every outcome r2 matches is also matched by r, so
// r, coming first, leaves r2 nothing.
func (r Rule) covers(r2 Rule) bool {
	subset := func(outer, inner []string) bool {
		if len(outer) == 0 {
			return true
		}
		if len(inner) == 0 {
			return false
		}
		for _, s := range inner {
			if !slices.Contains(outer, s) {
				return false
			}
		}
		return true
	}
	if !subset(r.Severities, r2.Severities) || !subset(r.Categories, r2.Categories) {
		return false
	}
	for k, v := range r.Labels {
		if got, ok := r2.Labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// Action says what a firing alert should do.
type Action string

// The actions of the SRE workbook's alert tiers.
const (
	Page   Action = "page"   // wake someone up
	Ticket Action = "ticket" // file a ticket for working hours
)

// AlertTier is one multiwindow burn-rate alert: it fires when the burn
// rate over both the long and the short window (both ending now) reaches
// BurnRate. The long window gives significance, the short one makes the
// alert stop soon after the burning stops.
type AlertTier struct {
	Name     string        // names the tier in reports and findings
	Action   Action        // what to do when it fires
	Long     time.Duration // the long window
	Short    time.Duration // the short window, normally Long / 12
	BurnRate float64       // the threshold both windows must reach
}

// BudgetConsumed returns the fraction of a period's error budget that
// burning at exactly the tier's threshold for its long window consumes:
// BurnRate × Long / period.
func (a AlertTier) BudgetConsumed(period time.Duration) float64 {
	if period <= 0 {
		return 0
	}
	return a.BurnRate * float64(a.Long) / float64(period)
}

// workbookTier is one row of the SRE workbook's table for a 30-day period.
type workbookTier struct {
	name   string
	action Action
	budget float64 // fraction of the period's budget consumed in the long window
	long   time.Duration
}

// workbook30d is the multiwindow multi-burn-rate table of the SRE workbook
// ("Alerting on SLOs") for a 30-day period, with the 3x tier that common
// implementations add between the two tickets. Short windows are 1/12 of
// the long ones. Read only.
var workbook30d = [...]workbookTier{
	{"page-fast", Page, 0.02, time.Hour},
	{"page-slow", Page, 0.05, 6 * time.Hour},
	{"ticket-fast", Ticket, 0.10, 24 * time.Hour},
	{"ticket-slow", Ticket, 0.10, 72 * time.Hour},
}

const thirtyDays = 30 * 24 * time.Hour

// WorkbookTiers returns the SRE workbook's alert tiers for a period of the
// given length: the same budget fractions (2% and 5% paging, 10% and 10%
// ticketing), with the long windows of the 30-day table (1h, 6h, 1d, 3d)
// scaled by period/30d, rounded to the second, and short windows 1/12 of
// the long ones. The burn-rate thresholds come out the same for every
// period: 14.4, 6, 3 and 1.
func WorkbookTiers(period time.Duration) []AlertTier {
	if period <= 0 {
		return nil
	}
	tiers := make([]AlertTier, len(workbook30d))
	for i, w := range workbook30d {
		// Whole seconds, and at least one, so very short periods still
		// get windows that can hold events.
		long := max(time.Second, time.Duration(math.Round(float64(w.long)*float64(period)/float64(thirtyDays)/1e9))*time.Second)
		short := max(time.Second, time.Duration(math.Round(float64(long)/12/1e9))*time.Second)
		tiers[i] = AlertTier{
			Name:     w.name,
			Action:   w.action,
			Long:     long,
			Short:    short,
			BurnRate: math.Round(w.budget*float64(thirtyDays)/float64(w.long)*1e9) / 1e9,
		}
	}
	return tiers
}

// Objective is one service-level objective. Which fields matter depends on
// Kind; the others are ignored.
type Objective struct {
	Name   string // identifies the objective in reports and findings
	Kind   Kind   // ratio, time slice or attainment
	Target Target // the promised fraction of good events, slices or outcomes
	Window Window // the period the target applies to
	// Calendar supplies the time zone of calendar windows and, for
	// attainment, the business hours of business-time targets. Nil means
	// UTC, open around the clock.
	Calendar *Calendar

	// Threshold, for ratio and time-slice objectives, makes an event good
	// when its Latency is at most Threshold. Zero means Event.Good decides.
	Threshold time.Duration
	// Slice is the length of a time slice (time-slice objectives).
	Slice time.Duration
	// SliceTarget is the ratio of good events that makes a slice good
	// (time-slice objectives).
	SliceTarget Target

	// Measure names what an attainment objective times.
	Measure Measure
	// Rules give each outcome its time-to-event target; first match wins.
	Rules []Rule

	// Alerts are the burn-rate alert tiers. Nil means WorkbookTiers of the
	// period being evaluated.
	Alerts []AlertTier
}

// Event is one observation for a ratio or time-slice objective: a request,
// a probe, a job run.
type Event struct {
	At      time.Time     // when it happened
	Good    bool          // whether it went well
	Latency time.Duration // used instead of Good when the objective has a Threshold
}

// Outcome is one ticket or alert measured by an attainment objective.
type Outcome struct {
	ID       string            // the ticket's ID, echoed in misses
	Severity string            // matched against Rule.Severities
	Category string            // matched against Rule.Categories
	Labels   map[string]string // matched against Rule.Labels
	Start    time.Time         // when the clock started (the ticket was opened)
	End      time.Time         // when the measured event happened; zero while ongoing
}

// MatchRule returns the index of the first rule matching out, or -1.
func (o *Objective) MatchRule(out *Outcome) int {
	for i := range o.Rules {
		if o.Rules[i].Matches(out) {
			return i
		}
	}
	return -1
}

// maxSlices bounds the per-evaluation table of time slices.
const maxSlices = 10_000_000

// Validate reports why o cannot be evaluated: an unset target, window or
// time slice, an unknown kind, or an alert tier without positive windows and
// burn rate. EvaluateEvents and EvaluateOutcomes return the same error.
func (o *Objective) Validate() error {
	bad := func(msg string) error {
		return fmt.Errorf("slo: objective %q: %s: %w", o.Name, msg, ErrInvalidObjective)
	}
	if o.Target.ppb <= 0 || o.Target.ppb > targetScale {
		return bad("target not set")
	}
	if o.Window.IsZero() {
		return bad("window not set")
	}
	if o.Kind > AttainmentObjective {
		return bad("unknown kind " + o.Kind.String())
	}
	if o.Kind == TimeSliceObjective {
		if o.Slice <= 0 {
			return bad("time slice not set")
		}
		if o.SliceTarget.ppb <= 0 || o.SliceTarget.ppb > targetScale {
			return bad("slice target not set")
		}
	}
	for i, a := range o.Alerts {
		if a.Long <= 0 || a.Short <= 0 || !(a.BurnRate > 0) || math.IsInf(a.BurnRate, 0) {
			return bad(fmt.Sprintf("alert %d: windows and burn rate must be positive", i))
		}
	}
	return nil
}
