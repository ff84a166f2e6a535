package ticket

import (
	"embed"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
)

// Mapping says how a tracker's export maps onto tickets: which CSV columns
// hold which field, which columns are request parameters, how its values
// are spelled, and in which time zone its timestamps without an offset
// are. A mapping is usually a TicketMapping document (NewMapping,
// ReadMapping) or a preset (Preset); the zero Mapping reads every field
// under its own name, without a time zone. Maps keyed by the tracker's
// values are compared without regard to case.
type Mapping struct {
	// Name names the mapping in messages ("jira").
	Name string
	// Columns lists, per field, the CSV headers that may hold it, tried in
	// order and compared case-insensitively. A field without an entry is
	// looked for under its own name (Field.String); a field with one is
	// reported when none of its headers is there (ticket/absent-column).
	// Labels are collected from every matching column (Jira repeats its
	// Labels column).
	Columns map[Field][]string
	// TypeSuffix matches headers with or without a trailing field-type
	// suffix, as Zendesk writes its custom fields ("Member ID [txt]").
	TypeSuffix bool
	// ParameterPrefix makes each column whose header starts with it a
	// parameter of the request: with "param.", the column
	// "param.memberId" gives Parameters["memberId"], as text.
	ParameterPrefix string
	// Parameters maps further column headers to parameter names, such as
	// Jira's "Custom field (Member ID)" to "memberId".
	Parameters map[string]string
	// CustomFields are header patterns of custom fields, with {name}
	// where the field's name stands and optionally {type} for a one-word
	// type ("Custom field ({name})", "{name} [{type}]"). A column that
	// matches one and that nothing else reads is the parameter named by
	// {name} in lowerCamelCase; an int or dec {type} gives a number.
	CustomFields []string
	// Statuses, Channels and Actors spell the tracker's values, tried
	// before the names ParseStatus, ParseChannel and ParseActor know.
	// Actors also names people and bots ("Automation for Jira": Bot):
	// an activity by one of them is theirs, whatever its actor word.
	Statuses map[string]Status
	Channels map[string]Channel
	Actors   map[string]Actor
	// Severities maps the tracker's priorities to the design's
	// severities. When it is not empty, a priority it lacks is reported
	// (ticket/unmapped-value) and kept as written.
	Severities map[string]string
	// Resolutions maps the tracker's resolutions to exclusions
	// ("duplicate", "wont-do", "spam"): such a ticket, once resolved or
	// closed, is excluded from the service levels. Other resolutions are
	// measured.
	Resolutions map[string]string
	// StatusTime maps columns that give the total minutes a ticket spent
	// in one tracker status (Zendesk's "Agent wait time in minutes") to
	// that status. The minutes of statuses that map to Waiting are a pause
	// (see the package doc's definitions).
	StatusTime map[string]string
	// TrackerFigures maps columns of the tracker's own figures to the
	// names they are kept under in Ticket.Tracker.
	TrackerFigures map[string]string
	// CustomerLabelPrefix, for exports without a customer column, makes a
	// label that starts with it name the customer (the rest of the label).
	CustomerLabelPrefix string
	// Location is the time zone of timestamps written without a UTC
	// offset. Nil means such a timestamp is an error (rule
	// ticket/ambiguous-time): opsdesign never guesses a zone.
	Location *time.Location
	// ZoneAdvice is what the ticket/ambiguous-time finding tells the user
	// to do; empty means "write the offset or give the mapping a time
	// zone". A command line names its own flag here.
	ZoneAdvice string
	// TimeLayouts are extra layouts (package time) tried after RFC 3339
	// and ISO 8601; a layout without a zone is read in Location. A layout
	// with Jan and PM also reads Japanese month names and 午前/午後
	// ("02/12月/26 4:07 午後").
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

	// docs are the documents the mapping was read from, its own first
	// and then the preset it extends: where its entries are written.
	docs       []*catalog.Document
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

// The presets: TicketMapping documents embedded in the package.
//
//go:embed mappings/*.yaml
var presetFiles embed.FS

var presetNames = []string{"native", "jira", "zendesk"}

// presets parses the embedded mappings once. A preset that does not parse
// is missing from the result; the tests keep every one clean.
var presets = sync.OnceValue(func() map[string]Mapping {
	out := map[string]Mapping{}
	for _, name := range presetNames {
		file := "mappings/" + name + ".yaml"
		data, err := presetFiles.ReadFile(file)
		if err != nil {
			continue
		}
		m, err := parsePreset(data)
		if err != nil {
			continue
		}
		out[name] = m
	}
	return out
})

// Presets returns the names of the built-in mappings.
func Presets() []string { return append([]string(nil), presetNames...) }

// PresetSource returns the TicketMapping document of a built-in mapping
// as it is embedded, to copy and edit.
func PresetSource(name string) ([]byte, bool) {
	data, err := presetFiles.ReadFile("mappings/" + name + ".yaml")
	return data, err == nil
}

// Preset returns the built-in mapping with the name ("" is native). A
// non-nil loc is the zone of timestamps without an offset.
func Preset(name string, loc *time.Location) (Mapping, bool) {
	if name == "" {
		name = "native"
	}
	m, ok := presets()[name]
	if !ok {
		return Mapping{}, false
	}
	m = m.clone()
	if loc != nil {
		m.Location = loc
	}
	return m, true
}

// NativeMapping is opsdesign's own layout, the native preset: one column
// per field, named as Field.String names it (id, title, service,
// requestType, severity, channel, created, history, ...), RFC 3339
// timestamps, labels separated by commas, parameters as a JSON object or
// as "param." columns, and the history in the compact form FormatHistory
// writes. loc is the time zone of timestamps without an offset (nil: none
// allowed).
func NativeMapping(loc *time.Location) Mapping {
	m, _ := Preset("native", loc)
	m.Location = loc
	return m
}

// columns returns the header names for a field, and whether the mapping
// names them (rather than the field's own name).
func (m *Mapping) columns(f Field) ([]string, bool) {
	if c, ok := m.Columns[f]; ok {
		return c, true
	}
	return []string{f.String()}, false
}

// clone returns a copy that shares no map with m, with the keys of the
// maps of values lower-cased, as they are looked up.
func (m Mapping) clone() Mapping {
	m.Columns = maps.Clone(m.Columns)
	m.Statuses = lowerKeys(m.Statuses)
	m.Channels = lowerKeys(m.Channels)
	m.Actors = lowerKeys(m.Actors)
	m.Severities = lowerKeys(m.Severities)
	m.Resolutions = lowerKeys(m.Resolutions)
	m.Parameters = maps.Clone(m.Parameters)
	m.StatusTime = maps.Clone(m.StatusTime)
	m.TrackerFigures = maps.Clone(m.TrackerFigures)
	m.CustomFields = append([]string(nil), m.CustomFields...)
	m.TimeLayouts = append([]string(nil), m.TimeLayouts...)
	m.docs = append([]*catalog.Document(nil), m.docs...)
	m.timeReader = nil
	return m
}

func lowerKeys[V any](in map[string]V) map[string]V {
	if in == nil {
		return nil
	}
	out := make(map[string]V, len(in))
	for k, v := range in {
		out[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return out
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

// parseTime reads a timestamp in the mapping's layouts, then, for a value
// with Japanese month names or 午前/午後, once more in English.
func (m *Mapping) parseTime(s string) (time.Time, error) {
	t, err := m.times().Parse(s)
	if err != record.ErrNotTime || len(m.TimeLayouts) == 0 {
		return t, err
	}
	if en, ok := localeToEnglish(s); ok {
		return m.times().Parse(en)
	}
	return t, err
}

// Document returns the TicketMapping document the mapping was read from
// (ReadMapping, ParseMapping, DesignMapping, NewMapping), or nil for a
// preset or a mapping built in Go: a reader of another source reads its
// own section of the document (package ticket/slack, spec.slack).
func (m *Mapping) Document() *catalog.Document {
	if len(m.docs) == 0 || m.docs[0] == nil || m.docs[0].Kind != MappingKind {
		return nil
	}
	return m.docs[0]
}

// where returns the position of the mapping entry at pointer ptr, in the
// first document that has it; the zero Pos when none does (a mapping
// built in Go).
func (m *Mapping) where(ptr string) (diag.Pos, bool) {
	for _, d := range m.docs {
		if _, ok := d.Lookup(ptr); ok {
			return d.At(ptr), true
		}
	}
	return diag.Pos{}, false
}
