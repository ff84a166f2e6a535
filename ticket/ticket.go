package ticket

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// Channel is the way a request arrived. The names are the catalog's, so a
// ticket's channel can be checked against the channels its request type
// accepts.
type Channel string

// The channels.
const (
	Form   Channel = "form"
	Portal Channel = "portal"
	Chat   Channel = "chat"
	Email  Channel = "email"
	Phone  Channel = "phone"
	Alert  Channel = "alert" // raised by a monitoring system
	API    Channel = "api"
)

// Channels returns every channel name, in the order above.
func Channels() []Channel { return []Channel{Form, Portal, Chat, Email, Phone, Alert, API} }

// ParseChannel reads a channel name, case-insensitively, with a few common
// spellings ("e-mail", "mail", "web", "monitoring").
func ParseChannel(s string) (Channel, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "form", "web", "web form", "web_form", "webform":
		return Form, true
	case "portal", "help center", "help_center":
		return Portal, true
	case "chat", "slack", "teams", "messaging", "chat_transcript":
		return Chat, true
	case "email", "e-mail", "mail":
		return Email, true
	case "phone", "voice", "phone call (incoming)", "phone call (outgoing)", "phone_call", "call":
		return Phone, true
	case "alert", "monitoring", "monitor":
		return Alert, true
	case "api", "web service", "web_service", "integration":
		return API, true
	}
	return "", false
}

// Status is the state of a ticket after an activity.
type Status string

// The statuses of a ticket.
const (
	Open       Status = "open"
	InProgress Status = "in-progress"
	// Waiting is waiting on the customer (or the requester): the SLA
	// clocks pause.
	Waiting  Status = "waiting"
	Resolved Status = "resolved"
	Closed   Status = "closed"
	Reopened Status = "reopened"
)

// ParseStatus reads a status name, case-insensitively, with the spellings
// of common trackers ("to do", "pending", "on hold", "solved", "done").
func ParseStatus(s string) (Status, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "open", "new", "to do", "todo", "backlog", "selected for development", "waiting for support":
		return Open, true
	case "in-progress", "in progress", "in_progress", "work in progress", "investigating", "escalated":
		return InProgress, true
	case "waiting", "pending", "on hold", "hold", "waiting for customer", "waiting on customer", "waiting-on-customer":
		return Waiting, true
	case "resolved", "solved", "done", "fixed", "completed":
		return Resolved, true
	case "closed", "cancelled", "canceled", "won't do", "declined":
		return Closed, true
	case "reopened", "re-opened", "reopen":
		return Reopened, true
	}
	return "", false
}

// Done reports whether the status ends the work: resolved or closed.
func (s Status) Done() bool { return s == Resolved || s == Closed }

// Actor says who acted on a ticket: the requester, an agent of the team,
// or a bot (automatic replies, reminders, integrations). Policies choose
// which of them count as activity.
type Actor string

// The actors.
const (
	Requester Actor = "requester"
	Agent     Actor = "agent"
	Bot       Actor = "bot"
)

// ParseActor reads an actor name, case-insensitively ("customer" and
// "end-user" are the requester, "system" and "automation" a bot).
func ParseActor(s string) (Actor, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "requester", "customer", "end-user", "end user", "reporter", "user":
		return Requester, true
	case "agent", "staff", "operator", "assignee":
		return Agent, true
	case "bot", "system", "automation", "trigger", "integration":
		return Bot, true
	}
	return "", false
}

// Activity is one entry of a ticket's history: a status change, a
// severity change or a comment, with who acted.
type Activity struct {
	At time.Time `json:"at"`
	// Status is the ticket's status after the activity; "" for a comment
	// or an update that leaves the status as it was.
	Status Status `json:"status,omitempty"`
	Actor  Actor  `json:"actor,omitempty"`
	By     string `json:"by,omitempty"` // the person or bot who acted
	// Severity is the severity from this activity on, when it set one.
	// The first entry may carry the severity the ticket was opened with.
	Severity string `json:"severity,omitempty"`
	// Forced marks a close the team imposed without the work being done,
	// such as the stale policy's; Reason is its reason code.
	Forced bool   `json:"forced,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Escalation is a hand-over of a ticket to another person or team.
type Escalation struct {
	At time.Time `json:"at"`
	To string    `json:"to"`
}

// MissNote is what the team recorded about a ticket that missed its
// service level: the reason category the responder chose, the analysis,
// and, where a fix is needed, the improvement request to the team that
// owns the service's operations design.
type MissNote struct {
	Reason string `json:"reason,omitempty"`
	// Analysis is the conclusion of the analysis of the miss, such as
	// "no fix needed: the customer's network was down".
	Analysis    string `json:"analysis,omitempty"`
	Problem     string `json:"problem,omitempty"`
	Improvement string `json:"improvement,omitempty"`
}

// IsZero reports whether nothing was recorded.
func (n MissNote) IsZero() bool { return n == MissNote{} }

// Ticket is one request, incident or alert as the tracker recorded it.
//
// A Ticket read by this package's importers shares nothing with the next
// one: it may be kept after the iteration moves on.
type Ticket struct {
	ID    string
	Title string
	// Service and RequestType name the catalog's service and request
	// type; either may be empty when the tracker does not record it (see
	// Classifier).
	Service     string
	RequestType string
	Category    string // the tracker's category, such as incident or question
	// Severity is the severity (or priority) the ticket was opened with;
	// a history entry that sets one changes it (see SeverityAt). Trackers
	// that export only the current priority and no history give the same.
	Severity string
	Channel  Channel
	// Customer is the customer or organisation the ticket serves: a
	// mapped column, or the label the mapping's CustomerLabelPrefix
	// marks. An MSP reports per customer.
	Customer    string
	Requester   string
	Assignee    string
	Escalations []Escalation
	// Parameters are the structured fields of the request, checked
	// against the request type's parameter sheet. Values are what JSON
	// decoding gives (numbers as json.Number).
	Parameters map[string]any
	Labels     []string
	TimeSpent  time.Duration // the effort booked on it
	Created    time.Time
	// Completed is when the first response was completed (初動対応完了),
	// for trackers that record it apart from the resolution; zero when
	// not recorded.
	Completed time.Time
	// History is every recorded activity after the creation, in time
	// order.
	History []Activity
	// Resolution is the tracker's resolution as exported (Jira's
	// "Duplicate", "Won't Do"); Exclusion the exclusion the mapping maps
	// it to ("duplicate", "wont-do", "spam"), "" when the ticket is
	// measured. An exclusion applies once the ticket is resolved or
	// closed (see the package doc's definitions).
	Resolution string
	Exclusion  string
	// Reopens is how many times the tracker says the ticket was
	// reopened, for exports without a history (Zendesk); the history's
	// reopenings are in History.
	Reopens int
	// Tracker holds the tracker's own figures the mapping names (such as
	// Zendesk's business-hours minutes or Jira Service Management's SLA
	// fields), by the mapping's name for each, as exported. They are not
	// used for verdicts: they stand beside opsdesign's own, so that a
	// desk sees where the tracker's schedule and the design's calendar
	// disagree.
	Tracker map[string]string
	Miss    MissNote
	// Link is where people open the ticket, such as a chat message's
	// permalink (package ticket/slack sets it); empty for trackers'
	// exports. Misses and verdicts list it.
	Link string
	// Source says where the ticket was read, for positioned diagnostics.
	Source Source
}

// Status returns the status after the last activity that set one, or Open.
func (t *Ticket) Status() Status {
	for i := len(t.History) - 1; i >= 0; i-- {
		if s := t.History[i].Status; s != "" {
			return s
		}
	}
	return Open
}

// HasLabel reports whether the ticket carries the label (case-insensitive).
func (t *Ticket) HasLabel(label string) bool {
	return slices.ContainsFunc(t.Labels, func(l string) bool { return strings.EqualFold(l, label) })
}

// SeverityAt returns the severity in force at instant at: the latest
// severity set by an activity at or before it, else the severity the
// ticket was opened with.
func (t *Ticket) SeverityAt(at time.Time) string {
	sev := t.Severity
	for i := range t.History {
		a := &t.History[i]
		if a.At.After(at) {
			break
		}
		if a.Severity != "" {
			sev = a.Severity
		}
	}
	return sev
}

// CurrentSeverity returns the severity after the last change recorded.
func (t *Ticket) CurrentSeverity() string {
	for i := len(t.History) - 1; i >= 0; i-- {
		if s := t.History[i].Severity; s != "" {
			return s
		}
	}
	return t.Severity
}

// LastActivity returns the time of the latest activity by one of the
// given actors, counting the creation as the requester's; with no actors,
// every activity counts.
func (t *Ticket) LastActivity(actors ...Actor) time.Time {
	last := time.Time{}
	if len(actors) == 0 || slices.Contains(actors, Requester) {
		last = t.Created
	}
	for i := range t.History {
		a := &t.History[i]
		if (len(actors) == 0 || slices.Contains(actors, a.Actor)) && a.At.After(last) {
			last = a.At
		}
	}
	return last
}

// Field names a part of a ticket, for column mappings and positions.
type Field uint8

// The fields of a ticket that importers read.
const (
	FieldID Field = iota
	FieldTitle
	FieldService
	FieldRequestType
	FieldCategory
	FieldSeverity
	FieldChannel
	FieldRequester
	FieldAssignee
	FieldEscalations
	FieldParameters
	FieldLabels
	FieldTimeSpent
	FieldCreated
	FieldFirstResponse
	FieldCompleted
	FieldResolved
	FieldClosed
	FieldUpdated
	FieldStatus
	FieldHistory
	FieldMissReason
	FieldMissAnalysis
	FieldProblem
	FieldImprovement
	FieldCustomer
	FieldResolution
	FieldReopens
	// FieldFirstResolved is the first resolution of a ticket that was
	// reopened, for exports without a history (Zendesk's "First
	// resolution time in minutes").
	FieldFirstResolved
	numFields
)

var fieldNames = [numFields]string{
	"id", "title", "service", "requestType", "category", "severity", "channel", "requester", "assignee",
	"escalations", "parameters", "labels", "timeSpent", "created", "firstResponse", "completed", "resolved",
	"closed", "updated", "status", "history", "missReason", "missAnalysis", "problem", "improvement",
	"customer", "resolution", "reopens", "firstResolved",
}

// String returns the field's name as the native formats write it:
// "id", "requestType", "missReason".
func (f Field) String() string {
	if f < numFields {
		return fieldNames[f]
	}
	return "Field(" + strconv.Itoa(int(f)) + ")"
}

// ParseField reads a field name, case-insensitively.
func ParseField(s string) (Field, error) {
	for i, n := range fieldNames {
		if strings.EqualFold(n, s) {
			return Field(i), nil
		}
	}
	return 0, fmt.Errorf("ticket: unknown field %q", s)
}

// Source is where a ticket was read: the file, the line its row or JSON
// object starts on, and where each of its fields is.
type Source struct {
	File string
	Line int
	// Column is the character column the ticket's record starts at, for
	// a source that places one record among others on a line (a message
	// in a chat export's JSON); 0 for rows and lines, which start their
	// line.
	Column int
	cols   *fieldCols
	text   string // a CSV row as read, where its fields are found
}

// fieldCols holds, per field, its column and its name in the source.
// CSV rows share the header's column indexes (comma is set); each JSON
// line has its own character columns.
type fieldCols struct {
	col   [numFields]int32
	name  [numFields]string
	comma string
}

// Pos returns the position of a field of the ticket: the line and the
// character column where its value starts (for a quoted CSV field, its
// opening quote; for a CSV field on a later line of a row, that line).
// A field not in the source is placed at the record: its line, and its
// Column (0 for a row or line).
func (s Source) Pos(f Field) diag.Pos {
	if s.cols == nil || f >= numFields || s.cols.col[f] == 0 {
		return diag.Pos{File: s.File, Line: s.Line, Column: s.Column}
	}
	if s.cols.comma == "" { // JSON Lines: the character column itself
		return diag.Pos{File: s.File, Line: s.Line, Column: int(s.cols.col[f])}
	}
	return s.column(int(s.cols.col[f]) - 1)
}

// column returns the position of CSV column i (from 0) in the row.
func (s Source) column(i int) diag.Pos {
	p := diag.Pos{File: s.File, Line: s.Line}
	if s.cols == nil || s.cols.comma == "" {
		return p
	}
	if off, ok := fieldOffset(s.text, s.cols.comma, i); ok {
		p.Line, p.Column = lineColumn(s.text, s.Line, off)
	}
	return p
}

// fieldOffset returns the byte offset in a CSV row's text (valid CSV, as
// the reader read it) where field i starts.
func fieldOffset(text, comma string, i int) (int, bool) {
	off := 0
	for k := 0; k < i; k++ {
		if off < len(text) && text[off] == '"' {
			j := off + 1
			for {
				q := strings.IndexByte(text[j:], '"')
				if q < 0 {
					return 0, false
				}
				j += q + 1
				if j < len(text) && text[j] == '"' { // "" is a quote
					j++
					continue
				}
				break
			}
			off = j
		} else {
			q := strings.Index(text[off:], comma)
			if q < 0 {
				return 0, false
			}
			off += q
		}
		if !strings.HasPrefix(text[off:], comma) {
			return 0, false
		}
		off += len(comma)
	}
	return off, true
}

// lineColumn returns the line and character column of byte offset off in
// a row's text, which starts on line first and holds "\n" between its
// lines. off is where a field starts, so every byte before it on its
// line counts: a byte that is not UTF-8 is one character, as U+FFFD
// replaces it.
func lineColumn(text string, first, off int) (line, col int) {
	begin := strings.LastIndexByte(text[:off], '\n') + 1
	return first + strings.Count(text[:begin], "\n"), utf8.RuneCountInString(text[begin:off]) + 1
}

// Path returns the JSON pointer of the field in the source: "/" and the
// CSV column header or the JSON key ("/Created", "/created"), or "" when
// the field is not in the source.
func (s Source) Path(f Field) string {
	if s.cols == nil || f >= numFields || s.cols.name[f] == "" {
		return ""
	}
	return "/" + escapePointer(s.cols.name[f])
}

func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// diag makes a diagnostic about a field of a ticket.
func (t *Ticket) diag(rule string, f Field, format string, args ...any) diag.Diagnostic {
	return diag.Diagnostic{Rule: rule, Severity: severityOf(rule), Pos: t.Source.Pos(f), Path: t.Source.Path(f),
		Message: fmt.Sprintf(format, args...)}
}
