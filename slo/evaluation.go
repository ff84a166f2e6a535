package slo

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// TierSummary is an alert tier as reports list it, its windows written as
// durations ("1h", "5m") in JSON.
type TierSummary struct {
	Name     string   `json:"name"`
	Action   Action   `json:"action"`
	Long     Duration `json:"long"`
	Short    Duration `json:"short"`
	BurnRate float64  `json:"burnRate"`
}

// Summary returns the tier as reports list it.
func (a AlertTier) Summary() TierSummary {
	return TierSummary{Name: a.Name, Action: a.Action, Long: Elapsed(a.Long), Short: Elapsed(a.Short), BurnRate: a.BurnRate}
}

// AlertTiers returns the tiers the objective alerts with, as far as they
// can be told without evaluating it: its own Alerts when it has them
// (derived false, even when the list is empty); else, derived true, the
// SRE workbook's tiers for a rolling window (none for an unset one), or
// none for a calendar window, whose tiers are derived per period because a
// calendar month lasts 28 to 31 days.
func (o *Objective) AlertTiers() (tiers []AlertTier, derived bool) {
	switch {
	case o.Alerts != nil:
		return o.Alerts, false
	case o.Window.Kind() == WindowRolling:
		return WorkbookTiers(o.Window.Length()), true
	}
	return nil, true
}

// TierEvaluation is the state of one alert tier in an Evaluation.
type TierEvaluation struct {
	TierSummary
	LongBurn     float64 `json:"longBurn"`
	ShortBurn    float64 `json:"shortBurn"`
	LongConsumed float64 `json:"longConsumed"` // fraction of the period's budget spent in the long window
	Firing       bool    `json:"firing"`
}

// Evaluation is the report of evaluating a ratio or time-slice objective
// over events: the SLI, the error budget, the burn rate over the period
// and over each alert tier's windows, which tiers fire and how long the
// budget lasts. Its struct tags give its JSON form (what `opsdesign slo
// eval -format json` prints); WriteText writes it for people.
//
// Events, Placement, Far, Skipped, Problems, MoreProblems and Errors
// describe the input: the Objective.Evaluation method sets the first
// three; a caller that read the events from a log sets the others.
type Evaluation struct {
	Objective   string    `json:"objective"` // the objective's Name
	Kind        Kind      `json:"kind"`
	Target      Target    `json:"target"`
	Window      Window    `json:"-"`
	Now         time.Time `json:"now"`
	PeriodStart time.Time `json:"periodStart"`
	PeriodEnd   time.Time `json:"periodEnd"`
	// NowFromEvents says that Now was not given but chosen: the second
	// after the latest event that is not far from the others.
	NowFromEvents bool `json:"nowFromEvents"`
	Events        int  `json:"events"` // events given, counted or not
	// Placement says where the events fell: before the period, inside it,
	// after Now, or far from the others.
	Placement Placement `json:"placement"`
	// Far holds the indexes of the events far from the others (FarEvents),
	// which were not counted, for a caller that reports where they are.
	Far      []int   `json:"-"`
	Skipped  int     `json:"skipped"` // records of the log that could not be read
	Good     int64   `json:"good"`
	Total    int64   `json:"total"`
	SLI      float64 `json:"sli"`
	Attained bool    `json:"attained"`
	BurnRate float64 `json:"burnRate"` // over the period so far
	// Budget is the period's error budget. A 100% target with a failure
	// has an infinite ConsumedFraction, written "+Inf" in JSON.
	Budget Budget `json:"budget"`
	// Exhaustion is when the budget runs out at BurnRate: an RFC 3339
	// timestamp, Exhausted when it is spent, NotProjected when nothing
	// burns it. Never empty.
	Exhaustion string           `json:"exhaustion"`
	Alerts     []TierEvaluation `json:"alerts"` // never nil
	Alert      Action           `json:"alert"`  // of the most urgent firing tier; "" when none fires
	// Notes say what the evaluation took as given, such as counts judged
	// before they were read, which a latency threshold is not applied to.
	Notes []string `json:"notes,omitempty"`
	// Policy is the objective's error-budget policy applied to the
	// evaluation (BudgetPolicy.Apply); nil when it has none or none was
	// asked for.
	Policy *PolicyState `json:"policy,omitempty"`
	// Series is how the objective moved over the period (Objective.Series);
	// nil unless asked for.
	Series *Series `json:"series,omitempty"`
	// Derived reports that the objective has no alert tiers of its own and
	// was held to the SRE workbook's tiers for its period.
	Derived bool `json:"alertsDerived"`
	// Problems are the first problems reading the log found, each as
	// "line:column: rule: message"; MoreProblems counts the others.
	Problems     []string `json:"problems,omitempty"`
	MoreProblems int      `json:"moreProblems,omitempty"`
	// Errors counts the problems of error severity, shown or not.
	Errors int `json:"errors,omitempty"`
}

// Evaluation evaluates o over events at the instant now, as EvaluateEvents
// does, and returns the report. Events far from the others (FarEvents,
// with the longest period of o's window as reach) are never counted, and
// Far lists them: one mistyped year cannot move the period. A zero now
// means the second after the latest event that is not far (its time
// truncated to the second). Placement counts the events before the
// period, inside it, after now and far. An objective without alert tiers
// (Alerts nil) is held to the SRE workbook's tiers for its period. Errors
// are those of EvaluateEvents.
func (o *Objective) Evaluation(events []Event, now time.Time) (*Evaluation, error) {
	far := FarEvents(events, o.Window.MaxLength())
	counted := without(events, far)
	fromEvents := now.IsZero()
	if fromEvents {
		now = after(counted)
	}
	r, err := o.EvaluateEvents(counted, now)
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{Objective: o.Name, Kind: o.Kind, Target: o.Target, Window: o.Window, Now: r.Now, NowFromEvents: fromEvents,
		Placement: place(events, far, r.Period, r.Now), Far: far,
		PeriodStart: r.Period.Start, PeriodEnd: r.Period.End, Events: len(events), Good: r.Good, Total: r.Total, SLI: r.SLI,
		Attained: r.Attained, BurnRate: r.BurnRate, Budget: r.Budget, Exhaustion: exhaustion(r), Alert: r.Alert,
		Derived: o.Alerts == nil, Alerts: make([]TierEvaluation, 0, len(r.Alerts))}
	for _, a := range r.Alerts {
		ev.Alerts = append(ev.Alerts, TierEvaluation{TierSummary: a.Tier.Summary(), LongBurn: a.LongBurn, ShortBurn: a.ShortBurn,
			LongConsumed: a.LongConsumed, Firing: a.Firing})
	}
	return ev, nil
}

// after returns the second after the latest event.
func after(events []Event) time.Time {
	var last time.Time
	for _, e := range events {
		if e.At.After(last) {
			last = e.At
		}
	}
	return last.Truncate(time.Second).Add(time.Second)
}

// roughly writes a duration to the minute, in days and hours beyond a day.
func roughly(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < 24*time.Hour {
		return strings.TrimSuffix(d.String(), "0s")
	}
	days, rest := d/(24*time.Hour), (d % (24 * time.Hour)).Round(time.Hour)
	return fmt.Sprintf("%dd%dh", days, rest/time.Hour)
}

// WriteText writes the evaluation for people, one aspect a line: the
// objective, the period and how its end was chosen, where the events fell
// (before, inside, after, far), the SLI, the budget, the burn rate, every alert
// tier, the alert, and the records skipped.
func (e *Evaluation) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	pct := func(f float64) string { return formatFixed("%.3f%%", 100*f) }
	fmt.Fprintf(bw, "objective  %s (%s, target %s over %s)\n", e.Objective, e.Kind, e.Target, e.Window)
	chosen := ""
	if e.NowFromEvents {
		chosen = " (the second after the latest event)"
	}
	fmt.Fprintf(bw, "period     %s to %s, counted until %s%s\n", e.PeriodStart.Format(time.RFC3339), e.PeriodEnd.Format(time.RFC3339), e.Now.Format(time.RFC3339), chosen)
	pl := e.Placement
	fmt.Fprintf(bw, "events     %s before the period, %s inside it, %s at or after the instant counted until", diag.Int(pl.Before), diag.Int(pl.Inside), diag.Int(pl.After))
	if pl.Far > 0 {
		fmt.Fprintf(bw, "; %d far from the others, not counted", pl.Far)
	}
	bw.WriteString("\n")
	unit := "events"
	if e.Kind == TimeSliceObjective {
		unit = "slices"
	}
	met := "met"
	if !e.Attained {
		met = "MISSED"
	}
	fmt.Fprintf(bw, "SLI        %s (%s of %s %s good): target %s %s\n", pct(e.SLI), diag.Int(int(e.Good)), diag.Int(int(e.Total)), unit, e.Target, met)
	b := e.Budget
	consumed := pct(b.ConsumedFraction)
	if math.IsInf(b.ConsumedFraction, 1) {
		consumed = PosInf + " of a zero budget"
	}
	fmt.Fprintf(bw, "budget     %s %s in the period; %s consumed (%s), %s remaining\n",
		humanNumber(b.Total, 4), unit, humanNumber(b.Consumed, 4), consumed, humanNumber(b.Remaining, 4))
	fmt.Fprintf(bw, "burn rate  %s over the period; %s\n", humanNumber(e.BurnRate, 3), e.lasts())
	which := "alerts"
	if e.Derived {
		which = "alerts (the SRE workbook's tiers for this period)"
	}
	fmt.Fprintf(bw, "%s:\n", which)
	var firing []string
	for _, a := range e.Alerts {
		state := "quiet"
		if a.Firing {
			state = "FIRING"
			firing = append(firing, a.Name)
		}
		// Tier names may be Japanese: padded by display width.
		fmt.Fprintf(bw, "  %s %-6s needs %-5s over %s and %s: burn %s and %s, %s of the budget in %s  %s\n",
			diag.PadRight(a.Name, 12), a.Action, humanNumber(a.BurnRate, 3), a.Long, a.Short,
			humanNumber(a.LongBurn, 3), humanNumber(a.ShortBurn, 3), pct(a.LongConsumed), a.Long, state)
	}
	state := "none firing"
	if e.Alert != "" {
		slices.Sort(firing)
		state = strings.ToUpper(string(e.Alert)) + " (" + strings.Join(firing, ", ") + ")"
	}
	fmt.Fprintf(bw, "alert      %s\n", state)
	if e.Skipped > 0 {
		fmt.Fprintf(bw, "skipped    %s that could not be read\n", diag.Count(e.Skipped, "record"))
	}
	for _, n := range e.Notes {
		fmt.Fprintf(bw, "note       %s\n", n)
	}
	if e.Policy != nil {
		e.Policy.writeText(bw)
	}
	if e.Series != nil {
		e.Series.writeText(bw, unit)
	}
	return bw.Flush()
}

// exhaustion writes when the budget of r runs out: a timestamp to the
// second, Exhausted or NotProjected.
func exhaustion(r Report) string {
	switch r.Exhaustion {
	case 0:
		return Exhausted
	case Never:
		return NotProjected
	}
	return r.Now.Add(r.Exhaustion).Truncate(time.Second).UTC().Format(time.RFC3339)
}

// lasts says how long the budget lasts, for people.
func (e *Evaluation) lasts() string {
	switch e.Exhaustion {
	case NotProjected:
		return "nothing is burning the budget"
	case Exhausted:
		return "the budget is spent"
	}
	at, err := time.Parse(time.RFC3339, e.Exhaustion)
	left := roughly(at.Sub(e.Now))
	if err != nil || left == "" {
		left = "under a minute"
	}
	return fmt.Sprintf("the budget lasts %s at this pace", left)
}
