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
	names []string // the CSV header, for the paths of its columns
	diags []diag.Diagnostic
	raw   [numFields]string
	// labels and params are collected by the format from several
	// columns or from JSON arrays and objects.
	labels  []string
	params  map[string]any
	history []Activity // from JSON, when given as an array
	escal   []Escalation
	hasHist bool // the history field was given (as text or array)
	// statusTime and tracker are the values of the mapping's columns of
	// minutes in a status and of the tracker's own figures.
	statusTime []statusValue
	tracker    map[string]string
	t          Ticket
	createdOK  bool
	// objCol is the column of the JSON object a line holds (0 for CSV):
	// where a required member the object lacks is reported.
	objCol int
}

func (b *builder) reset(src Source) {
	b.diags = b.diags[:0]
	b.raw = [numFields]string{}
	b.labels, b.params, b.history, b.escal = nil, nil, nil, nil
	b.statusTime, b.tracker = b.statusTime[:0], nil
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
	t.Severity = b.severity(FieldSeverity, trim(b.raw[FieldSeverity]))
	t.Requester = trim(b.raw[FieldRequester])
	t.Assignee = trim(b.raw[FieldAssignee])
	t.Customer = trim(b.raw[FieldCustomer])
	t.Miss = MissNote{Reason: trim(b.raw[FieldMissReason]), Analysis: trim(b.raw[FieldMissAnalysis]),
		Problem: trim(b.raw[FieldProblem]), Improvement: trim(b.raw[FieldImprovement])}
	if v := trim(b.raw[FieldChannel]); v != "" {
		if c, ok := b.channel(v); ok {
			t.Channel = c
		} else {
			b.report(RuleUnmappedValue, FieldChannel, "ticket %s: %s %q is not in the %s mapping's channels nor a channel opsdesign knows (%s); the channel is ignored: add it to the mapping's channels",
				t.ID, b.what(FieldChannel), v, mappingName(b.m), channelList())
		}
	}
	if v := trim(b.raw[FieldResolution]); v != "" {
		t.Resolution = v
		if len(b.m.Resolutions) > 0 {
			t.Exclusion = b.m.Resolutions[strings.ToLower(v)]
		}
	}
	if v := trim(b.raw[FieldReopens]); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			t.Reopens = n
		} else {
			b.report(RuleBadValue, FieldReopens, "ticket %s: %s %q is not a count; it is ignored", t.ID, b.what(FieldReopens), v)
		}
	}
	t.Tracker = b.tracker
	if v := trim(b.raw[FieldTimeSpent]); v != "" {
		if d, err := b.duration(v); err == nil {
			t.TimeSpent = d
		} else {
			b.report(RuleBadValue, FieldTimeSpent, "ticket %s: %s %q: %v; it is ignored", t.ID, b.what(FieldTimeSpent), v, err)
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
	if t.Customer == "" && b.m.CustomerLabelPrefix != "" {
		t.Customer = customerLabel(t.Labels, b.m.CustomerLabelPrefix)
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

func (b *builder) status(v string) (Status, bool) { return b.m.status(v) }

// status reads a tracker's status: the mapping's spelling first.
func (m *Mapping) status(v string) (Status, bool) {
	if s, ok := m.Statuses[strings.ToLower(v)]; ok {
		return s, true
	}
	return ParseStatus(v)
}

// actor reads an actor word of a history: the model's own names, the
// mapping's, then ParseActor's spellings.
func (m *Mapping) actor(word string) (Actor, bool) {
	switch word {
	case "agent", "requester", "bot":
		return Actor(word), true
	}
	if a, ok := m.Actors[strings.ToLower(word)]; ok {
		return a, true
	}
	return ParseActor(word)
}

// actorOf returns who someone named in the export is when the mapping
// says so.
func (m *Mapping) actorOf(name string) (Actor, bool) {
	if len(m.Actors) == 0 || name == "" {
		return "", false
	}
	a, ok := m.Actors[strings.ToLower(name)]
	return a, ok
}

// severity maps a priority to the design's severity when the mapping
// maps priorities; one it does not map is reported and kept.
func (b *builder) severity(f Field, v string) string {
	if v == "" || len(b.m.Severities) == 0 {
		return v
	}
	if s, ok := b.m.Severities[strings.ToLower(v)]; ok {
		return s
	}
	b.report(RuleUnmappedValue, f, "ticket %s: %s %q is not in the %s mapping's severities; it is kept as written, and objectives may give it no target: add it to the mapping's severities",
		quoteID(b.t.ID), b.what(f), v, mappingName(b.m))
	return v
}

// customerLabel returns the customer a label names (the first label with
// the prefix, without it), or "".
func customerLabel(labels []string, prefix string) string {
	for _, l := range labels {
		if len(l) > len(prefix) && strings.EqualFold(l[:len(prefix)], prefix) {
			return l[len(prefix):]
		}
	}
	return ""
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
	t, err := b.m.parseTime(v)
	switch err {
	case nil:
		return t, true
	case record.ErrNoZone:
		b.report(RuleAmbiguousTime, f, "ticket %s: %s %q has no UTC offset and no time zone is known; %s", quoteID(b.t.ID), b.what(f), v, b.m.zoneAdvice())
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
	b.report(RuleBadTime, f, "ticket %s: %s %q is not a timestamp (want RFC 3339, such as 2026-06-01T09:00:00+09:00%s); %s", quoteID(b.t.ID), b.what(f), v, b.m.layoutList(), what)
	return time.Time{}, false
}

// what names a field in a message, with its CSV column when the header
// is not the field's own name ("created (column \"Created\")").
func (b *builder) what(f Field) string {
	if c := b.t.Source.cols; c != nil && c.comma != "" && c.name[f] != "" && c.name[f] != f.String() {
		return fmt.Sprintf("%s (column %q)", f, c.name[f])
	}
	return f.String()
}

// zoneAdvice is what an ambiguous time's finding advises.
func (m *Mapping) zoneAdvice() string {
	if m.ZoneAdvice != "" {
		return m.ZoneAdvice
	}
	return "write the offset, or give the mapping the time zone the tracker exported in"
}

// layoutList names the mapping's own layouts in a message.
func (m *Mapping) layoutList() string {
	if len(m.TimeLayouts) == 0 {
		return ""
	}
	return ", or " + quoteList(m.TimeLayouts)
}

// derivedHistory builds a history from the separate time and status
// columns of exports that have no history: the first response as an
// agent's activity, a first resolution followed by a reopening, the
// resolution and the close, the current status as of the last update (by
// an actor the export does not say), and the pause of the minutes spent
// in waiting statuses.
func (b *builder) derivedHistory() []Activity {
	t := &b.t
	var h []Activity
	at := func(f Field) (time.Time, bool) {
		if v := trim(b.raw[f]); v != "" {
			return b.time(f, v, t.Created)
		}
		return time.Time{}, false
	}
	agent := func(when time.Time, st Status) Activity {
		a := Activity{At: when, Status: st, Actor: Agent, By: t.Assignee}
		if who, ok := b.m.actorOf(t.Assignee); ok {
			a.Actor = who
		}
		return a
	}
	if when, ok := at(FieldFirstResponse); ok {
		h = append(h, agent(when, InProgress))
	}
	resolved, hasResolved := at(FieldResolved)
	if first, ok := at(FieldFirstResolved); ok && (!hasResolved || first.Before(resolved)) {
		h = append(h, agent(first, Resolved))
		if hasResolved {
			h = append(h, Activity{At: first, Status: Reopened})
		}
	}
	if hasResolved {
		h = append(h, agent(resolved, Resolved))
	}
	if when, ok := at(FieldClosed); ok {
		h = append(h, agent(when, Closed))
	}
	var updated time.Time
	if v := trim(b.raw[FieldUpdated]); v != "" {
		updated, _ = b.time(FieldUpdated, v, t.Created)
	}
	if v := trim(b.raw[FieldStatus]); v != "" {
		st, ok := b.status(v)
		if !ok {
			b.report(RuleUnmappedValue, FieldStatus, "ticket %s: %s %q is not in the %s mapping's statuses nor a status opsdesign knows; it is ignored: add it to the mapping's statuses as open, in-progress, waiting (which pauses the clocks), resolved or closed",
				t.ID, b.what(FieldStatus), v, mappingName(b.m))
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
	if len(b.statusTime) > 0 {
		h = b.placePause(h)
	}
	return h
}

// statusValue is a value of a column of minutes in a tracker status.
type statusValue struct {
	index  int
	status string
	raw    string
}

// placePause adds the minutes the export says the ticket spent in
// waiting statuses as one pause that ends at its last status change (its
// final resolution when it is resolved), after every earlier status
// change (see the package doc's definitions).
func (b *builder) placePause(h []Activity) []Activity {
	t := &b.t
	var wait time.Duration
	for _, sv := range b.statusTime {
		n, err := strconv.ParseFloat(sv.raw, 64)
		if err != nil || n < 0 || n > 1e8 {
			b.diags = append(b.diags, diag.Diagnostic{Rule: RuleBadValue, Severity: severityOf(RuleBadValue), Pos: t.Source.column(sv.index),
				Path: b.columnPath(sv.index), Message: fmt.Sprintf("ticket %s: %q is not a number of minutes; it is ignored", t.ID, sv.raw)})
			continue
		}
		if st, ok := b.m.status(sv.status); ok && st == Waiting {
			wait += time.Duration(n * float64(time.Minute))
		}
	}
	if wait <= 0 {
		return h
	}
	// The pause ends at the final resolution (the first entry into a done
	// status that nothing undoes), else at the last status change.
	last, final := -1, -1
	for i := range h {
		if h[i].Status == "" {
			continue
		}
		last = i
		switch {
		case !h[i].Status.Done():
			final = -1
		case final < 0:
			final = i
		}
	}
	end := last
	if final >= 0 {
		end = final
	}
	if end < 0 {
		b.report(RuleTimingMismatch, FieldStatus, "ticket %s: the export says it waited %s but gives no status change to end the wait at; the pause is not counted", t.ID, wait)
		return h
	}
	lower := t.Created
	for i := 0; i < end; i++ {
		if h[i].Status != "" && h[i].At.After(lower) {
			lower = h[i].At
		}
	}
	begin := h[end].At.Add(-wait)
	if begin.Before(lower) {
		b.report(RuleTimingMismatch, FieldStatus, "ticket %s: the export says it waited %s, but only %s lie between its last earlier status change and %s; the pause is cut to that",
			t.ID, wait, h[end].At.Sub(lower), h[end].At.Format(time.RFC3339))
		begin = lower
	}
	if !begin.Before(h[end].At) {
		return h
	}
	return slices.Insert(h, end, Activity{At: begin, Status: Waiting})
}

// columnPath is the JSON pointer of CSV column i.
func (b *builder) columnPath(i int) string {
	if b.names == nil || i >= len(b.names) {
		return ""
	}
	return record.Pointer(b.names[i])
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
			b.report(RuleBadValue, FieldHistory, "ticket %s: %s entry %q: %v; it is ignored", b.t.ID, b.what(FieldHistory), entry, err)
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
	at, err := m.parseTime(tok)
	switch err {
	case record.ErrNoZone:
		return fmt.Errorf("time %q has no UTC offset and no time zone is known", tok)
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
		st, ok := m.status(tok)
		if !ok {
			return fmt.Errorf("unknown status %q (map it in the mapping's statuses)", tok)
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
			actor, ok := m.actor(who)
			if !ok {
				return fmt.Errorf("unknown actor %q (want requester, agent or bot, optionally with :name)", who)
			}
			a.Actor, a.By = actor, by
			if named, ok := m.actorOf(by); ok {
				a.Actor = named
			}
		}
	}
	if a.Severity != "" && len(m.Severities) > 0 {
		sev, ok := m.Severities[strings.ToLower(a.Severity)]
		if !ok {
			return fmt.Errorf("severity %q is not in the mapping's severities", a.Severity)
		}
		a.Severity = sev
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
		at, err := b.m.parseTime(tok)
		if err != nil || to == "" {
			b.report(RuleBadValue, FieldEscalations, "ticket %s: %s %q: want TIME TO, such as 2026-06-01T09:30:00+09:00 suzuki; it is ignored", b.t.ID, b.what(FieldEscalations), entry)
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
