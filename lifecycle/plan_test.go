package lifecycle_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/lifecycle"
)

// fullPlan returns a plan of the given subject in which every decision of
// every event is settled with text.
func fullPlan(s lifecycle.Subject, name string) lifecycle.Plan {
	p := lifecycle.Plan{Subject: s, Name: name, Events: map[lifecycle.Event]lifecycle.EventPlan{}}
	for _, e := range lifecycle.Events() {
		answers := map[string]lifecycle.Answer{}
		for _, d := range e.Decisions() {
			answers[d.Key] = lifecycle.Answer{Text: "decided: " + d.String()}
		}
		p.Events[e] = lifecycle.EventPlan{Answers: answers}
	}
	return p
}

// with returns a copy of p whose event e is replaced by ep.
func with(p lifecycle.Plan, e lifecycle.Event, ep lifecycle.EventPlan) lifecycle.Plan {
	events := make(map[lifecycle.Event]lifecycle.EventPlan, len(p.Events)+1)
	for k, v := range p.Events {
		events[k] = v
	}
	events[e] = ep
	p.Events = events
	return p
}

// without returns a copy of p with event e removed.
func without(p lifecycle.Plan, e lifecycle.Event) lifecycle.Plan {
	events := make(map[lifecycle.Event]lifecycle.EventPlan, len(p.Events))
	for k, v := range p.Events {
		if k != e {
			events[k] = v
		}
	}
	p.Events = events
	return p
}

// answer returns a copy of p in which decision d (written "event.key") has
// answer a.
func answer(p lifecycle.Plan, d string, a lifecycle.Answer) lifecycle.Plan {
	dec := lifecycle.MustParseDecision(d)
	ep := p.Events[dec.Event]
	answers := make(map[string]lifecycle.Answer, len(ep.Answers)+1)
	for k, v := range ep.Answers {
		answers[k] = v
	}
	answers[dec.Key] = a
	ep.Answers = answers
	return with(p, dec.Event, ep)
}

func gap(s lifecycle.Subject, name, where string, k lifecycle.GapKind) lifecycle.Gap {
	g := lifecycle.Gap{Subject: s, Name: name, Kind: k}
	if e, err := lifecycle.ParseEvent(where); err == nil {
		g.Event = e
		return g
	}
	g.Decision = lifecycle.MustParseDecision(where)
	g.Event = g.Decision.Event
	return g
}

func TestAnswerSettled(t *testing.T) {
	tests := []struct {
		name string
		a    lifecycle.Answer
		want bool
	}{
		{"zero", lifecycle.Answer{}, false},
		{"text", lifecycle.Answer{Text: "論理削除"}, true},
		{"blank text", lifecycle.Answer{Text: " \t　\n"}, false},
		{"n/a with reason", lifecycle.Answer{NotApplicable: true, Reason: "no cards are issued"}, true},
		{"n/a without reason", lifecycle.Answer{NotApplicable: true}, false},
		{"n/a with blank reason", lifecycle.Answer{NotApplicable: true, Reason: "  "}, false},
		{"reason without n/a", lifecycle.Answer{Reason: "because"}, false},
		{"text and bare n/a", lifecycle.Answer{Text: "kept", NotApplicable: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.a.Settled())
		})
	}
}

func TestGapsAndStatus(t *testing.T) {
	const svc, data = lifecycle.Service, lifecycle.Data
	full := fullPlan(data, "member-records")
	type statuses [5]lifecycle.Status // new, use, change, suspend, retire
	const (
		C = lifecycle.Covered
		P = lifecycle.Partial
		N = lifecycle.NotApplicable
		M = lifecycle.Missing
	)
	tests := []struct {
		name   string
		plan   lifecycle.Plan
		want   []lifecycle.Gap
		status statuses
	}{
		{
			name:   "fully covered",
			plan:   full,
			want:   nil,
			status: statuses{C, C, C, C, C},
		},
		{
			name: "nothing designed",
			plan: lifecycle.Plan{Subject: svc},
			want: []lifecycle.Gap{
				gap(svc, "", "new", lifecycle.MissingEvent),
				gap(svc, "", "use", lifecycle.MissingEvent),
				gap(svc, "", "change", lifecycle.MissingEvent),
				gap(svc, "", "suspend", lifecycle.MissingEvent),
				gap(svc, "", "retire", lifecycle.MissingEvent),
			},
			status: statuses{M, M, M, M, M},
		},
		{
			name:   "missing event hides its decisions",
			plan:   without(full, lifecycle.Suspend),
			want:   []lifecycle.Gap{gap(data, "member-records", "suspend", lifecycle.MissingEvent)},
			status: statuses{C, C, C, M, C},
		},
		{
			name:   "event not applicable with reason",
			plan:   with(full, lifecycle.Change, lifecycle.EventPlan{NotApplicable: true, Reason: "records are never edited"}),
			want:   nil,
			status: statuses{C, C, N, C, C},
		},
		{
			name:   "event not applicable without reason",
			plan:   with(full, lifecycle.Change, lifecycle.EventPlan{NotApplicable: true, Reason: " "}),
			want:   []lifecycle.Gap{gap(data, "member-records", "change", lifecycle.MissingReason)},
			status: statuses{C, C, P, C, C},
		},
		{
			name:   "event not applicable ignores its answers",
			plan:   with(full, lifecycle.Change, lifecycle.EventPlan{NotApplicable: true, Reason: "fixed", Answers: map[string]lifecycle.Answer{"triggers": {}}}),
			want:   nil,
			status: statuses{C, C, N, C, C},
		},
		{
			name: "event present with no answers",
			plan: with(full, lifecycle.Retire, lifecycle.EventPlan{}),
			want: []lifecycle.Gap{
				gap(data, "member-records", "retire.personalData", lifecycle.OpenDecision),
				gap(data, "member-records", "retire.disposal", lifecycle.OpenDecision),
				gap(data, "member-records", "retire.notice", lifecycle.OpenDecision),
				gap(data, "member-records", "retire.contact", lifecycle.OpenDecision),
			},
			status: statuses{C, C, C, C, P},
		},
		{
			name:   "decision missing",
			plan:   with(full, lifecycle.Change, lifecycle.EventPlan{Answers: map[string]lifecycle.Answer{"triggers": {Text: "lost card"}}}),
			want:   []lifecycle.Gap{gap(data, "member-records", "change.patterns", lifecycle.OpenDecision)},
			status: statuses{C, C, P, C, C},
		},
		{
			name:   "decision blank",
			plan:   answer(full, "suspend.deletion", lifecycle.Answer{Text: "\n"}),
			want:   []lifecycle.Gap{gap(data, "member-records", "suspend.deletion", lifecycle.OpenDecision)},
			status: statuses{C, C, C, P, C},
		},
		{
			name:   "decision not applicable with reason",
			plan:   answer(full, "suspend.idReissue", lifecycle.Answer{NotApplicable: true, Reason: "IDs are never reused"}),
			want:   nil,
			status: statuses{C, C, C, C, C},
		},
		{
			name:   "decision not applicable without reason",
			plan:   answer(full, "use.thirdParties", lifecycle.Answer{NotApplicable: true}),
			want:   []lifecycle.Gap{gap(data, "member-records", "use.thirdParties", lifecycle.MissingReason)},
			status: statuses{C, P, C, C, C},
		},
		{
			name: "unknown keys ignored",
			plan: with(full, lifecycle.New, lifecycle.EventPlan{Answers: map[string]lifecycle.Answer{
				"issuance": {Text: "at the counter"}, "inquiries": {Text: "FAQ"}, "naming": {Text: "8 digits"},
				"sideNote": {}, "deletion": {NotApplicable: true},
			}}),
			want:   nil,
			status: statuses{C, C, C, C, C},
		},
		{
			name: "unknown keys do not settle known ones",
			plan: with(full, lifecycle.New, lifecycle.EventPlan{Answers: map[string]lifecycle.Answer{
				"issuance": {Text: "at the counter"}, "inquiries": {Text: "FAQ"}, "Naming": {Text: "wrong case"}, "extra": {Text: "x"},
			}}),
			want:   []lifecycle.Gap{gap(data, "member-records", "new.naming", lifecycle.OpenDecision)},
			status: statuses{P, C, C, C, C},
		},
		{
			name: "invalid event keys ignored",
			plan: with(with(without(full, lifecycle.Use), 0, lifecycle.EventPlan{}), 7, lifecycle.EventPlan{}),
			want: []lifecycle.Gap{
				gap(data, "member-records", "use", lifecycle.MissingEvent),
			},
			status: statuses{C, M, C, C, C},
		},
		{
			name: "ordered by event then decision",
			plan: answer(answer(answer(answer(without(full, lifecycle.Change),
				"retire.contact", lifecycle.Answer{}),
				"retire.personalData", lifecycle.Answer{NotApplicable: true}),
				"suspend.idReissue", lifecycle.Answer{}),
				"new.naming", lifecycle.Answer{}),
			want: []lifecycle.Gap{
				gap(data, "member-records", "new.naming", lifecycle.OpenDecision),
				gap(data, "member-records", "change", lifecycle.MissingEvent),
				gap(data, "member-records", "suspend.idReissue", lifecycle.OpenDecision),
				gap(data, "member-records", "retire.personalData", lifecycle.MissingReason),
				gap(data, "member-records", "retire.contact", lifecycle.OpenDecision),
			},
			status: statuses{P, C, M, P, P},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gaps := tt.plan.Gaps()
			assert.Equal(t, tt.want, gaps)
			assert.Equal(t, tt.want, lifecycle.Coverage(tt.plan))
			for i, e := range lifecycle.Events() {
				got := tt.plan.Status(e)
				assert.Equal(t, tt.status[i], got, e.String())
				assertStatusAgrees(t, e, got, gaps)
			}
		})
	}
}

// assertStatusAgrees checks the documented link between Status and Gaps.
func assertStatusAgrees(t *testing.T, e lifecycle.Event, s lifecycle.Status, gaps []lifecycle.Gap) {
	t.Helper()
	var n int
	var missing bool
	for _, g := range gaps {
		if g.Event == e {
			n++
			missing = missing || g.Kind == lifecycle.MissingEvent
		}
	}
	switch s {
	case lifecycle.Missing:
		assert.True(t, missing, "%s: missing without a missing-event gap", e)
		assert.Equal(t, 1, n, "%s: a missing event has exactly one gap", e)
	case lifecycle.Covered, lifecycle.NotApplicable:
		assert.Zero(t, n, "%s: %s with gaps", e, s)
	case lifecycle.Partial:
		assert.NotZero(t, n, "%s: partial without gaps", e)
		assert.False(t, missing, "%s", e)
	default:
		t.Errorf("%s: unexpected status %v", e, s)
	}
}

func TestStatusInvalidEvent(t *testing.T) {
	p := fullPlan(lifecycle.System, "pos")
	assert.Equal(t, lifecycle.Status(0), p.Status(0))
	assert.Equal(t, lifecycle.Status(0), p.Status(6))
	assert.Equal(t, lifecycle.Status(0), lifecycle.Plan{}.Status(lifecycle.Event(255)))
}

func TestCoverage(t *testing.T) {
	assert.Nil(t, lifecycle.Coverage())
	assert.Nil(t, lifecycle.Coverage(fullPlan(lifecycle.Service, ""), fullPlan(lifecycle.Data, "d")))

	card := answer(fullPlan(lifecycle.Equipment, "会員カード"), "change.triggers", lifecycle.Answer{})
	svc := without(fullPlan(lifecycle.Service, ""), lifecycle.Retire)
	perm := with(fullPlan(lifecycle.Authority, "staff-lookup"), lifecycle.Suspend, lifecycle.EventPlan{NotApplicable: true})
	got := lifecycle.Coverage(svc, fullPlan(lifecycle.System, "pos"), card, perm)
	assert.Equal(t, []lifecycle.Gap{
		gap(lifecycle.Service, "", "retire", lifecycle.MissingEvent),
		gap(lifecycle.Equipment, "会員カード", "change.triggers", lifecycle.OpenDecision),
		gap(lifecycle.Authority, "staff-lookup", "suspend", lifecycle.MissingReason),
	}, got)
}

func TestGapString(t *testing.T) {
	tests := []struct {
		g    lifecycle.Gap
		want string
	}{
		{gap(lifecycle.Data, "member-records", "suspend.deletion", lifecycle.OpenDecision), `data "member-records": suspend.deletion: open decision`},
		{gap(lifecycle.Service, "", "retire", lifecycle.MissingEvent), `service: retire: missing event`},
		{gap(lifecycle.Equipment, "会員カード", "use.thirdParties", lifecycle.MissingReason), `equipment "会員カード": use.thirdParties: missing reason`},
		{gap(lifecycle.Authority, "a \"quoted\" name", "new", lifecycle.MissingReason), `authority "a \"quoted\" name": new: missing reason`},
		{lifecycle.Gap{}, `subject(0): event(0): gapkind(0)`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.g.String())
	}
}

func TestKindAndStatusStrings(t *testing.T) {
	kinds := map[lifecycle.GapKind]string{
		lifecycle.MissingEvent:  "missing-event",
		lifecycle.OpenDecision:  "open-decision",
		lifecycle.MissingReason: "missing-reason",
		0:                       "gapkind(0)",
		4:                       "gapkind(4)",
	}
	for k, want := range kinds {
		assert.Equal(t, want, k.String())
	}
	statuses := map[lifecycle.Status]string{
		lifecycle.Covered:       "covered",
		lifecycle.Partial:       "partial",
		lifecycle.NotApplicable: "n/a",
		lifecycle.Missing:       "missing",
		0:                       "status(0)",
		5:                       "status(5)",
	}
	for s, want := range statuses {
		assert.Equal(t, want, s.String())
	}
}

func TestGapsDoNotAliasPlan(t *testing.T) {
	p := with(fullPlan(lifecycle.Data, "d"), lifecycle.New, lifecycle.EventPlan{})
	g1 := p.Gaps()
	require.Len(t, g1, 3)
	g1[0].Name = "changed"
	assert.Equal(t, "d", p.Gaps()[0].Name)
}
