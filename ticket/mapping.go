package ticket

import (
	"maps"
	"time"

	"github.com/opsdesign/opsdesign/internal/record"
)

// Mapping says how a tracker's export maps onto tickets: which CSV columns
// hold which field, how its values are spelled, and in which time zone
// its timestamps without an offset are. Start from NativeMapping,
// JiraMapping or ZendeskMapping and adjust; the zero Mapping is the native
// one without a time zone.
type Mapping struct {
	// Name names the mapping in messages ("jira").
	Name string
	// Columns lists, per field, the CSV headers that may hold it, tried in
	// order and compared case-insensitively. A field without an entry is
	// looked for under its own name (Field.String). Labels are collected
	// from every matching column (Jira repeats its Labels column).
	Columns map[Field][]string
	// ParameterPrefix makes each column whose header starts with it a
	// parameter of the request: with "param.", the column
	// "param.memberId" gives Parameters["memberId"], as text.
	ParameterPrefix string
	// Parameters maps further column headers to parameter names, such as
	// Jira's "Custom field (Member ID)" to "memberId".
	Parameters map[string]string
	// Statuses and Channels spell the tracker's values (keys lower-case),
	// tried before the names ParseStatus and ParseChannel know.
	Statuses map[string]Status
	Channels map[string]Channel
	// Location is the time zone of timestamps written without a UTC
	// offset. Nil means such a timestamp is an error (rule
	// ticket/ambiguous-time): opsdesign never guesses a zone.
	Location *time.Location
	// TimeLayouts are extra layouts (package time) tried after RFC 3339
	// and "2006-01-02 15:04:05"; a layout without a zone is read in
	// Location.
	TimeLayouts []string
	// OffsetUnit, when set, reads a bare number in a time column other
	// than the creation time as that many units after the creation
	// (Zendesk exports "first reply time in minutes").
	OffsetUnit time.Duration
	// TimeSpentUnit is the unit of a bare number in the time-spent column
	// (Jira exports seconds). Zero means minutes. Go durations ("1h30m")
	// are read as written.
	TimeSpentUnit time.Duration
	// LabelSeparator splits one label cell into several labels; "" means
	// a comma.
	LabelSeparator string
	// Comma is the CSV field delimiter; zero means ','.
	Comma rune
	// MaxRowBytes bounds a row (CSV), all its lines when a quoted field
	// runs over several, or a line (JSON Lines), its last line end not
	// counted; longer ones are skipped without being held in memory (rule
	// ticket/row-too-long). Zero means 1 MiB.
	MaxRowBytes int
	// MaxStreamBytes, when positive, bounds the whole input: past it the
	// import stops with a ticket/stream-limit diagnostic at the line it
	// cut. ReadFile puts DefaultMaxStreamBytes on a file that is not a
	// regular file (a FIFO, /dev/stdin) when it is zero; a regular file
	// is read to its end.
	MaxStreamBytes int64

	timeReader *record.Times // made from Location and TimeLayouts by times, once per import
}

// DefaultMaxStreamBytes is the bound ReadFile puts on a ticket file that
// is not a regular file: 1 GiB, three times a million tickets of CSV.
const DefaultMaxStreamBytes = record.DefaultMaxStreamBytes

func (m *Mapping) maxRow() int {
	if m.MaxRowBytes > 0 {
		return m.MaxRowBytes
	}
	return record.DefaultMaxBytes
}

// NativeMapping is opsdesign's own CSV layout: one column per field, named
// as Field.String names it (id, title, service, requestType, severity,
// channel, created, history, ...), RFC 3339 timestamps, labels separated
// by commas, parameters as a JSON object or as "param." columns, and the
// history in the compact form FormatHistory writes. loc is the time zone
// of timestamps without an offset (nil: none allowed).
func NativeMapping(loc *time.Location) Mapping {
	return Mapping{Name: "native", ParameterPrefix: "param.", Location: loc}
}

// JiraMapping reads the CSV export of Jira (and Jira Service Management):
// "Issue key", "Summary", "Priority", "Status", "Created", "Resolved",
// repeated "Labels" columns, "Time Spent" in seconds, and the request
// type, channel and SLO-miss fields as the custom fields a service desk
// usually names them. Jira writes local times such as "17/Jul/26 7:40 PM"
// in the exporting user's zone: give it as loc.
func JiraMapping(loc *time.Location) Mapping {
	return Mapping{
		Name: "jira",
		Columns: map[Field][]string{
			FieldID:            {"Issue key", "Key", "Issue id"},
			FieldTitle:         {"Summary"},
			FieldService:       {"Custom field (Service)", "Service", "Component/s", "Project name"},
			FieldRequestType:   {"Custom field (Request Type)", "Request Type", "Customer Request Type"},
			FieldCategory:      {"Issue Type"},
			FieldSeverity:      {"Priority", "Custom field (Severity)"},
			FieldChannel:       {"Custom field (Source)", "Custom field (Request channel)", "Channel"},
			FieldRequester:     {"Reporter", "Creator"},
			FieldAssignee:      {"Assignee"},
			FieldLabels:        {"Labels"},
			FieldTimeSpent:     {"Time Spent", "Σ Time Spent"},
			FieldCreated:       {"Created"},
			FieldFirstResponse: {"Custom field (Date of First Response)", "Date of First Response"},
			FieldCompleted:     {"Custom field (First Response Completed)"},
			FieldResolved:      {"Resolved"},
			FieldUpdated:       {"Updated"},
			FieldStatus:        {"Status"},
			FieldMissReason:    {"Custom field (SLA Miss Reason)", "SLA Miss Reason"},
			FieldMissAnalysis:  {"Custom field (SLA Miss Analysis)", "SLA Miss Analysis"},
			FieldProblem:       {"Custom field (Problem)"},
			FieldImprovement:   {"Custom field (Improvement)"},
		},
		Statuses: map[string]Status{
			"waiting for customer": Waiting, "waiting for support": Open, "pending": Waiting,
			"in review": InProgress, "escalated": InProgress,
		},
		Channels: map[string]Channel{
			"portal": Portal, "email": Email, "jira": Form, "chat": Chat, "phone": Phone, "api": API,
			"alert": Alert, "opsgenie": Alert,
		},
		Location:       loc,
		TimeLayouts:    []string{"02/Jan/06 3:04 PM", "02/Jan/06 15:04", "2006-01-02 15:04"},
		TimeSpentUnit:  time.Second,
		LabelSeparator: " ",
	}
}

// ZendeskMapping reads the CSV export of Zendesk Support: "Id", "Subject",
// "Priority", "Status", "Via", "Created at", "Solved at", space-separated
// "Tags", and "First reply time in minutes" as minutes after creation.
// Zendesk writes "2026-07-17 19:40:00" in the account's zone: give it as
// loc.
func ZendeskMapping(loc *time.Location) Mapping {
	return Mapping{
		Name: "zendesk",
		Columns: map[Field][]string{
			FieldID:            {"Id", "Ticket ID"},
			FieldTitle:         {"Subject"},
			FieldService:       {"Brand", "Group", "Organization"},
			FieldRequestType:   {"Form", "Ticket form"},
			FieldCategory:      {"Type", "Ticket type"},
			FieldSeverity:      {"Priority"},
			FieldChannel:       {"Via", "Channel"},
			FieldRequester:     {"Requester", "Requester email"},
			FieldAssignee:      {"Assignee"},
			FieldLabels:        {"Tags"},
			FieldTimeSpent:     {"Total time spent (sec)", "Time spent (sec)"},
			FieldCreated:       {"Created at"},
			FieldFirstResponse: {"First reply time in minutes"},
			FieldResolved:      {"Solved at"},
			FieldUpdated:       {"Updated at"},
			FieldStatus:        {"Status"},
			FieldMissReason:    {"SLA miss reason"},
			FieldMissAnalysis:  {"SLA miss analysis"},
			FieldProblem:       {"Problem"},
			FieldImprovement:   {"Improvement"},
		},
		Statuses: map[string]Status{
			"new": Open, "open": Open, "pending": Waiting, "hold": Waiting, "on-hold": Waiting,
			"solved": Resolved, "closed": Closed,
		},
		Channels: map[string]Channel{
			"web form": Form, "web": Form, "help center": Portal, "mail": Email, "email": Email,
			"chat": Chat, "messaging": Chat, "voice": Phone, "phone call (incoming)": Phone,
			"api": API, "web service": API, "closed ticket": API,
		},
		Location:       loc,
		OffsetUnit:     time.Minute,
		TimeSpentUnit:  time.Second,
		LabelSeparator: " ",
	}
}

// Presets returns the names of the built-in mappings.
func Presets() []string { return []string{"native", "jira", "zendesk"} }

// Preset returns the built-in mapping with the name, in zone loc.
func Preset(name string, loc *time.Location) (Mapping, bool) {
	switch name {
	case "native", "":
		return NativeMapping(loc), true
	case "jira":
		return JiraMapping(loc), true
	case "zendesk":
		return ZendeskMapping(loc), true
	}
	return Mapping{}, false
}

// columns returns the header names for a field.
func (m *Mapping) columns(f Field) []string {
	if c, ok := m.Columns[f]; ok {
		return c
	}
	return []string{f.String()}
}

// clone returns a copy that shares no map with m.
func (m Mapping) clone() Mapping {
	m.Columns = maps.Clone(m.Columns)
	m.Statuses = maps.Clone(m.Statuses)
	m.Channels = maps.Clone(m.Channels)
	m.Parameters = maps.Clone(m.Parameters)
	m.timeReader = nil
	return m
}

// isoLayouts are the forms of ISO 8601 read besides RFC 3339: with a
// space for the T, without seconds, and without an offset (in Location).
var isoLayouts = [...]string{
	"2006-01-02 15:04:05Z07:00", "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00",
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04",
}

// times returns the reader of the mapping's timestamps: RFC 3339, the ISO
// forms above, then TimeLayouts. It is made on first use and caches the
// zones it reads, so an import makes its own (clone forgets it).
func (m *Mapping) times() *record.Times {
	if m.timeReader == nil {
		m.timeReader = &record.Times{Location: m.Location, Layouts: append(isoLayouts[:len(isoLayouts):len(isoLayouts)], m.TimeLayouts...)}
	}
	return m.timeReader
}
