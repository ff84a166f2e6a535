package lifecycle

import (
	"strconv"
	"strings"
)

// Answer is what a design says about one decision. Saying that a decision
// does not apply is an answer, provided the reason is given.
type Answer struct {
	Text          string // the decision as written; "" when not given
	NotApplicable bool   // the decision was explicitly marked as not applying
	Reason        string // why it does not apply; required when NotApplicable
}

// Settled reports whether a settles its decision: it has text, or it is
// marked not applicable with a reason. Text that is only white space counts
// as missing.
func (a Answer) Settled() bool {
	return strings.TrimSpace(a.Text) != "" ||
		(a.NotApplicable && strings.TrimSpace(a.Reason) != "")
}

// EventPlan is what a design says about one event of a subject.
type EventPlan struct {
	NotApplicable bool              // the whole event does not apply to the subject ...
	Reason        string            // ... for this reason; required when NotApplicable
	Answers       map[string]Answer // answers by [Decision] Key
}

// Plan is the designed lifecycle of one subject.
type Plan struct {
	Subject Subject
	Name    string              // the subject's name; "" for the service itself
	Events  map[Event]EventPlan // an event absent from the map was never designed
}

// GapKind says what is missing in a [Gap].
type GapKind uint8

// The kinds of gap. Their String forms are stable: callers use them as
// suffixes of rule IDs.
const (
	MissingEvent  GapKind = iota + 1 // the event was never designed
	OpenDecision                     // a decision the event must settle is missing or empty
	MissingReason                    // marked not applicable without a reason (event or decision)
)

var gapKindNames = [...]string{
	MissingEvent:  "missing-event",
	OpenDecision:  "open-decision",
	MissingReason: "missing-reason",
}

// String returns "missing-event", "open-decision" or "missing-reason", or
// "gapkind(N)" for an invalid kind.
func (k GapKind) String() string {
	if k < MissingEvent || k > MissingReason {
		return "gapkind(" + strconv.Itoa(int(k)) + ")"
	}
	return gapKindNames[k]
}

// Gap is one place where a lifecycle design is silent.
type Gap struct {
	Subject  Subject
	Name     string   // the subject's name; "" for the service itself
	Event    Event    // the event the gap is in
	Decision Decision // the open decision; zero when the gap is about the whole event
	Kind     GapKind
}

// String describes g on one line, such as
//
//	data "member-records": suspend.deletion: open decision
//	service: retire: missing event
func (g Gap) String() string {
	var b strings.Builder
	b.WriteString(g.Subject.String())
	if g.Name != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(g.Name))
	}
	b.WriteString(": ")
	if g.Decision != (Decision{}) {
		b.WriteString(g.Decision.String())
	} else {
		b.WriteString(g.Event.String())
	}
	b.WriteString(": ")
	// Prose reads better with spaces; the hyphenated form is for rule IDs.
	b.WriteString(strings.ReplaceAll(g.Kind.String(), "-", " "))
	return b.String()
}

// Gaps returns every gap in p, ordered by event and then by the order of
// [Event.Decisions]:
//
//   - an event absent from p.Events gives one [MissingEvent] gap, and its
//     decisions are not reported on top of it;
//   - an event marked not applicable gives one [MissingReason] gap when it
//     has no reason and nothing otherwise; its answers are not examined;
//   - each decision of any other event whose answer is absent or empty gives
//     an [OpenDecision] gap, or a [MissingReason] gap when it is marked not
//     applicable without a reason.
//
// Answers under keys the event does not know are ignored; reporting them is
// the document schema's job. Gaps returns nil when p has no gaps.
func (p Plan) Gaps() []Gap {
	return p.appendGaps(nil)
}

// Coverage returns the gaps of all plans, in plan order and, within a plan,
// in the order of [Plan.Gaps]. It returns nil when there are none.
func Coverage(plans ...Plan) []Gap {
	var gaps []Gap
	for _, p := range plans {
		gaps = p.appendGaps(gaps)
	}
	return gaps
}

func (p Plan) appendGaps(gaps []Gap) []Gap {
	for e := New; e <= Retire; e++ {
		ep, ok := p.Events[e]
		switch {
		case !ok:
			gaps = append(gaps, p.gap(e, Decision{}, MissingEvent))
		case ep.NotApplicable:
			if strings.TrimSpace(ep.Reason) == "" {
				gaps = append(gaps, p.gap(e, Decision{}, MissingReason))
			}
		default:
			for _, sp := range decisionTable[e] {
				a := ep.Answers[sp.key]
				if a.Settled() {
					continue
				}
				kind := OpenDecision
				if a.NotApplicable {
					kind = MissingReason
				}
				gaps = append(gaps, p.gap(e, Decision{Event: e, Key: sp.key}, kind))
			}
		}
	}
	return gaps
}

func (p Plan) gap(e Event, d Decision, k GapKind) Gap {
	return Gap{Subject: p.Subject, Name: p.Name, Event: e, Decision: d, Kind: k}
}

// Status condenses the design of one event of a plan into one cell of a
// lifecycle matrix. The zero Status stands for an invalid event.
type Status uint8

// The statuses of an event, from best to worst.
const (
	Covered       Status = iota + 1 // every decision is settled
	Partial                         // designed, but with at least one gap
	NotApplicable                   // the whole event does not apply, with a reason
	Missing                         // the event was never designed
)

var statusNames = [...]string{
	Covered:       "covered",
	Partial:       "partial",
	NotApplicable: "n/a",
	Missing:       "missing",
}

// String returns "covered", "partial", "n/a" or "missing", or "status(N)"
// for an invalid status.
func (s Status) String() string {
	if s < Covered || s > Missing {
		return "status(" + strconv.Itoa(int(s)) + ")"
	}
	return statusNames[s]
}

// Status returns the status of event e in p. It agrees with [Plan.Gaps]:
// [Missing] exactly when the event has a [MissingEvent] gap, [Covered] or
// [NotApplicable] exactly when it has no gap, and [Partial] otherwise, which
// includes an event marked not applicable without a reason and an event
// present with nothing settled. It returns the zero Status when e is not
// valid.
func (p Plan) Status(e Event) Status {
	if !e.IsValid() {
		return 0
	}
	ep, ok := p.Events[e]
	switch {
	case !ok:
		return Missing
	case ep.NotApplicable:
		if strings.TrimSpace(ep.Reason) == "" {
			return Partial
		}
		return NotApplicable
	}
	for _, sp := range decisionTable[e] {
		if !ep.Answers[sp.key].Settled() {
			return Partial
		}
	}
	return Covered
}
