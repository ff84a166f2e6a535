package ticket

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
)

// builder turns the raw values of one row or line into a Ticket, with a
// diagnostic for every value it cannot read. CSV and JSON Lines share it,
// so both formats read values the same way.
type builder struct {
	m     *Mapping
	diags []diag.Diagnostic
	raw   [numFields]string
	// labels and params are collected by the format from several
	// columns or from JSON arrays and objects.
	labels    []string
	params    map[string]any
	history   []Activity // from JSON, when given as an array
	escal     []Escalation
	hasHist   bool // the history field was given (as text or array)
	t         Ticket
	createdOK bool
	// objCol is the column of the JSON object a line holds (0 for CSV):
	// where a required member the object lacks is reported.
	objCol int
}

func (b *builder) reset(src Source) {
	b.diags = b.diags[:0]
	b.raw = [numFields]string{}
	b.labels, b.params, b.history, b.escal = nil, nil, nil, nil
	b.hasHist = false
	b.t = Ticket{Source: src}
	b.createdOK = false
	b.objCol = 0
}

func (b *builder) report(rule string, f Field, format string, args ...any) {
	b.diags = append(b.diags, b.t.diag(rule, f, format, args...))
}

// reportMissing reports a required field without a value: at the value
// when the source has the field (an empty cell, a null), else at the JSON
// object that lacks the member, with the pointer the member would have,
// as the catalog reports a missing key of a document.
func (b *builder) reportMissing(f Field, format string, args ...any) {
	d := b.t.diag(RuleMissingValue, f, format, args...)
	if d.Pos.Column == 0 && b.objCol > 0 {
		d.Pos.Column = b.objCol
		d.Path = "/" + f.String()
	}
	b.diags = append(b.diags, d)
}

// build reads the collected values. It returns false when the row cannot
// give a ticket (no ID or no valid creation time); its diagnostics say why.
func (b *builder) build() bool {
	t := &b.t
	t.ID = trim(b.raw[FieldID])
	if t.ID == "" {
		b.reportMissing(FieldID, "the ticket has no ID; the row is skipped")
	}
	created := trim(b.raw[FieldCreated])
	if created == "" {
		b.reportMissing(FieldCreated, "ticket %s has no creation time; the row is skipped", quoteID(t.ID))
	} else if ct, ok := b.time(FieldCreated, created, time.Time{}); ok {
		t.Created, b.createdOK = ct, true
	}
	if t.ID == "" || !b.createdOK {
		return false
	}
	t.Title = b.raw[FieldTitle]
	t.Service = trim(b.raw[FieldService])
	t.RequestType = trim(b.raw[FieldRequestType])
	t.Category = trim(b.raw[FieldCategory])
	t.Severity = trim(b.raw[FieldSeverity])
	t.Requester = trim(b.raw[FieldRequester])
	t.Assignee = trim(b.raw[FieldAssignee])
	t.Miss = MissNote{Reason: trim(b.raw[FieldMissReason]), Analysis: trim(b.raw[FieldMissAnalysis]),
		Problem: trim(b.raw[FieldProblem]), Improvement: trim(b.raw[FieldImprovement])}
	if v := trim(b.raw[FieldChannel]); v != "" {
		if c, ok := b.channel(v); ok {
			t.Channel = c
		} else {
			b.report(RuleBadValue, FieldChannel, "ticket %s: unknown channel %q (want one of %s); the channel is ignored", t.ID, v, channelList())
		}
	}
	if v := trim(b.raw[FieldTimeSpent]); v != "" {
		if d, err := b.duration(v); err == nil {
			t.TimeSpent = d
		} else {
			b.report(RuleBadValue, FieldTimeSpent, "ticket %s: time spent %q: %v; it is ignored", t.ID, v, err)
		}
	}
	t.Labels = b.labels
	if v := b.raw[FieldLabels]; v != "" {
		if t.Labels == nil {
			t.Labels = splitLabels(v, b.m.LabelSeparator)
		} else {
			t.Labels = append(t.Labels, splitLabels(v, b.m.LabelSeparator)...)
		}
	}
	t.Parameters = b.params
	if v := trim(b.raw[FieldParameters]); v != "" {
		var p map[string]any
		if err := decodeJSON([]byte(v), &p); err != nil || p == nil {
			b.report(RuleBadValue, FieldParameters, "ticket %s: parameters are not a JSON object: %s; they are ignored", t.ID, jsonMessage(err))
		} else {
			if t.Parameters == nil {
				t.Parameters = p
			} else {
				for k, x := range p {
					t.Parameters[k] = x
				}
			}
		}
	}
	t.Escalations = b.escal
	if v := trim(b.raw[FieldEscalations]); v != "" {
		if t.Escalations == nil {
			t.Escalations = b.escalations(v)
		} else {
			t.Escalations = append(t.Escalations, b.escalations(v)...)
		}
	}
	if v := trim(b.raw[FieldCompleted]); v != "" {
		if ct, ok := b.time(FieldCompleted, v, t.Created); ok {
			t.Completed = ct
		}
	}
	switch {
	case b.history != nil:
		t.History = b.history
	case b.raw[FieldHistory] != "":
		t.History = b.parseHistory(b.raw[FieldHistory])
	}
	if !b.hasHist {
		t.History = b.derivedHistory()
	}
	b.orderHistory()
	return true
}

// trim is strings.TrimSpace, without its work for the usual value that
// has no surrounding space.
func trim(s string) string {
	if s == "" || (s[0] > ' ' && s[len(s)-1] > ' ') {
		return s
	}
	return strings.TrimSpace(s)
}

func quoteID(id string) string {
	if id == "" {
		return "(no ID)"
	}
	return id
}

func channelList() string {
	names := make([]string, 0, 7)
	for _, c := range Channels() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

func (b *builder) channel(v string) (Channel, bool) {
	if c, ok := b.m.Channels[strings.ToLower(v)]; ok {
		return c, true
	}
	return ParseChannel(v)
}

func (b *builder) status(v string) (Status, bool) {
	if s, ok := b.m.Statuses[strings.ToLower(v)]; ok {
		return s, true
	}
	return ParseStatus(v)
}

// duration reads a time-spent value: a Go duration, or a bare number in
// the mapping's unit.
func (b *builder) duration(v string) (time.Duration, error) {
	if c := v[len(v)-1]; c >= '0' && c <= '9' || c == '.' {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, fmt.Errorf("not a number or a duration such as 1h30m")
		}
		unit := b.m.TimeSpentUnit
		if unit <= 0 {
			unit = time.Minute
		}
		if n < 0 || n*float64(unit) > float64(1<<62) {
			return 0, fmt.Errorf("out of range")
		}
		return time.Duration(n * float64(unit)), nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("not a number or a duration such as 1h30m")
	}
	if d < 0 {
		return 0, fmt.Errorf("negative")
	}
	return d, nil
}

func splitLabels(v, sep string) []string {
	if sep == "" {
		sep = ","
	}
	if !strings.Contains(v, sep) {
		if v = trim(v); v == "" {
			return nil
		}
		return []string{v}
	}
	var out []string
	for _, l := range strings.Split(v, sep) {
		if l = trim(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// time reads a timestamp of field f. A bare number is an offset from base
// when the mapping reads offsets and base is set.
func (b *builder) time(f Field, v string, base time.Time) (time.Time, bool) {
	t, err := b.m.times().Parse(v)
	switch err {
	case nil:
		return t, true
	case record.ErrNoZone:
		b.report(RuleAmbiguousTime, f, "ticket %s: %s %q has no UTC offset and the import names no time zone; write the offset or give the mapping a location", quoteID(b.t.ID), f, v)
		return time.Time{}, false
	}
	if b.m.OffsetUnit > 0 && !base.IsZero() {
		if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 0 && n < 1e7 {
			return base.Add(time.Duration(n * float64(b.m.OffsetUnit))), true
		}
	}
	what := "it is ignored"
	if f == FieldCreated {
		what = "the row is skipped"
	}
	b.report(RuleBadTime, f, "ticket %s: %s %q is not a timestamp (want RFC 3339, such as 2026-06-01T09:00:00+09:00); %s", quoteID(b.t.ID), f, v, what)
	return time.Time{}, false
}

// derivedHistory builds a history from the separate time and status
// columns of exports that have no history: the first response as an
// agent's activity, the resolution and the close, and the current status
// as of the last update (by an actor the export does not say).
func (b *builder) derivedHistory() []Activity {
	t := &b.t
	var h []Activity
	add := func(f Field, st Status) {
		v := trim(b.raw[f])
		if v == "" {
			return
		}
		if at, ok := b.time(f, v, t.Created); ok {
			h = append(h, Activity{At: at, Status: st, Actor: Agent, By: t.Assignee})
		}
	}
	add(FieldFirstResponse, InProgress)
	add(FieldResolved, Resolved)
	add(FieldClosed, Closed)
	var updated time.Time
	if v := trim(b.raw[FieldUpdated]); v != "" {
		updated, _ = b.time(FieldUpdated, v, t.Created)
	}
	if v := trim(b.raw[FieldStatus]); v != "" {
		st, ok := b.status(v)
		if !ok {
			b.report(RuleBadValue, FieldStatus, "ticket %s: unknown status %q; it is ignored", t.ID, v)
		} else if cur := statusOf(h); cur != st && !(cur == Closed && st == Resolved) {
			at := updated
			if at.IsZero() {
				at = t.Created
				if n := len(h); n > 0 && h[n-1].At.After(at) {
					at = h[n-1].At
				}
			}
			h = append(h, Activity{At: at, Status: st})
			updated = time.Time{}
		}
	}
	if !updated.IsZero() && (len(h) == 0 || updated.After(h[len(h)-1].At)) {
		h = append(h, Activity{At: updated})
	}
	return h
}

func statusOf(h []Activity) Status {
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Status != "" {
			return h[i].Status
		}
	}
	return Open
}

// orderHistory sorts the history by time, reporting an export out of
// order; entries before the creation are moved to it.
func (b *builder) orderHistory() {
	h := b.t.History
	bad := false
	for i := range h {
		if h[i].At.Before(b.t.Created) {
			h[i].At = b.t.Created
			bad = true
		}
		if i > 0 && h[i].At.Before(h[i-1].At) {
			bad = true
		}
	}
	if bad {
		slices.SortStableFunc(h, func(x, y Activity) int { return x.At.Compare(y.At) })
		b.report(RuleHistoryOrder, FieldHistory, "ticket %s: the history is out of time order or starts before the creation; it was sorted", b.t.ID)
	}
}

// parseHistory reads the compact history form (see FormatHistory).
func (b *builder) parseHistory(v string) []Activity {
	b.hasHist = true
	h := make([]Activity, 0, strings.Count(v, ";")+1)
	for v != "" {
		entry := v
		if i := strings.IndexByte(v, ';'); i >= 0 {
			entry, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		entry = trim(entry)
		if entry == "" {
			continue
		}
		h = h[:len(h)+1] // filled in place (zeroed by make): no copy of the entry
		if err := parseActivity(&h[len(h)-1], entry, b.m); err != nil {
			h[len(h)-1] = Activity{}
			h = h[:len(h)-1]
			b.report(RuleBadValue, FieldHistory, "ticket %s: history entry %q: %v; it is ignored", b.t.ID, entry, err)
		}
	}
	return h
}

// parseActivity reads one compact history entry into a, which is zero:
//
//	TIME STATUS [ACTOR[:WHO]] [sev=SEVERITY] [forced=REASON]
//
// STATUS is a status name, or "comment" (or "-") for an activity that
// leaves the status.
func parseActivity(a *Activity, entry string, m *Mapping) error {
	tok, rest := cutSpace(entry)
	if len(rest) >= 5 && rest[2] == ':' && isDigits(rest[:2]) {
		next, after := cutSpace(rest)
		tok, rest = tok+" "+next, after // "2026-06-01 09:00+09:00"
	}
	at, err := m.times().Parse(tok)
	switch err {
	case record.ErrNoZone:
		return fmt.Errorf("time %q has no UTC offset and the import names no time zone", tok)
	case record.ErrNotTime:
		return fmt.Errorf("%q is not a timestamp", tok)
	}
	a.At = at
	tok, rest = cutSpace(rest)
	switch tok {
	case "":
		return fmt.Errorf("no status (write comment for an activity that leaves the status)")
	case "comment", "-", "note", "update":
	case "open", "in-progress", "waiting", "resolved", "closed", "reopened": // the native names, first
		a.Status = Status(tok)
	default:
		st, ok := m.Statuses[strings.ToLower(tok)]
		if !ok {
			st, ok = ParseStatus(tok)
		}
		if !ok {
			return fmt.Errorf("unknown status %q", tok)
		}
		a.Status = st
	}
	for rest != "" {
		tok, rest = cutSpace(rest)
		switch {
		case strings.HasPrefix(tok, "sev="):
			a.Severity = tok[4:]
		case strings.HasPrefix(tok, "severity="):
			a.Severity = tok[9:]
		case strings.HasPrefix(tok, "forced="):
			a.Forced, a.Reason = true, tok[7:]
		case tok == "forced":
			a.Forced = true
		default:
			who, by := tok, ""
			if i := strings.IndexByte(tok, ':'); i >= 0 {
				who, by = tok[:i], tok[i+1:]
			}
			switch who {
			case "agent", "requester", "bot":
				a.Actor = Actor(who)
			default:
				actor, ok := ParseActor(who)
				if !ok {
					return fmt.Errorf("unknown actor %q (want requester, agent or bot, optionally with :name)", who)
				}
				a.Actor = actor
			}
			a.By = by
		}
	}
	if a.Forced && a.Status != Closed {
		return fmt.Errorf("a forced entry must close the ticket")
	}
	return nil
}

// cutSpace splits off the first token of s, separated by spaces or tabs;
// s has no leading space.
func cutSpace(s string) (tok, rest string) {
	i := strings.IndexByte(s, ' ')
	head := s
	if i >= 0 {
		head = s[:i]
	}
	if j := strings.IndexByte(head, '\t'); j >= 0 {
		i = j
	}
	if i < 0 {
		return s, ""
	}
	tok, rest = s[:i], s[i+1:]
	for rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		rest = rest[1:]
	}
	return tok, rest
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// FormatHistory writes a history in the compact form the native CSV
// layout uses in its history column: entries separated by "; ", each
//
//	TIME STATUS [ACTOR[:WHO]] [sev=SEVERITY] [forced=REASON]
//
// with TIME in RFC 3339 and STATUS "comment" for an activity that leaves
// the status. Names must not contain spaces or semicolons.
func FormatHistory(h []Activity) string {
	var sb strings.Builder
	for i, a := range h {
		if i > 0 {
			sb.WriteString("; ")
		}
		sb.WriteString(a.At.Format(time.RFC3339))
		sb.WriteByte(' ')
		if a.Status == "" {
			sb.WriteString("comment")
		} else {
			sb.WriteString(string(a.Status))
		}
		if a.Actor != "" {
			sb.WriteByte(' ')
			sb.WriteString(string(a.Actor))
			if a.By != "" {
				sb.WriteByte(':')
				sb.WriteString(a.By)
			}
		}
		if a.Severity != "" {
			sb.WriteString(" sev=" + a.Severity)
		}
		if a.Forced {
			sb.WriteString(" forced=" + a.Reason)
		}
	}
	return sb.String()
}

// escalations reads "TIME TO; TIME TO".
func (b *builder) escalations(v string) []Escalation {
	var out []Escalation
	for v != "" {
		entry := v
		if i := strings.IndexByte(v, ';'); i >= 0 {
			entry, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		entry = trim(entry)
		if entry == "" {
			continue
		}
		tok, to := cutSpace(entry)
		if next, after := cutSpace(to); len(next) >= 5 && next[2] == ':' && isDigits(next[:2]) {
			tok, to = tok+" "+next, after
		}
		at, err := b.m.times().Parse(tok)
		if err != nil || to == "" {
			b.report(RuleBadValue, FieldEscalations, "ticket %s: escalation %q: want TIME TO, such as 2026-06-01T09:30:00+09:00 suzuki; it is ignored", b.t.ID, entry)
			continue
		}
		out = append(out, Escalation{At: at, To: to})
	}
	return out
}

// FormatEscalations writes escalations as the native CSV layout does.
func FormatEscalations(es []Escalation) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.At.Format(time.RFC3339) + " " + e.To
	}
	return strings.Join(parts, "; ")
}

// decodeJSON decodes with numbers kept as json.Number, as jsonschema
// wants them.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("text after the value")
	}
	if _, err := dec.Token(); err == nil {
		return fmt.Errorf("text after the value")
	}
	return nil
}

func jsonMessage(err error) string {
	if err == nil {
		return "null"
	}
	return err.Error()
}
