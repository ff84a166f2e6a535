package ticket

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
)

// MappingKind is the kind of the documents that hold a mapping.
const MappingKind = "TicketMapping"

// ErrNoMapping is returned (wrapped) by ParseMapping and ReadMapping for
// a file that holds no TicketMapping document.
var ErrNoMapping = errors.New("ticket: no TicketMapping document")

// ReadMapping reads the TicketMapping document of a YAML (or JSON) file.
// See ParseMapping.
func ReadMapping(name string) (Mapping, diag.List, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return Mapping{}, nil, fmt.Errorf("ticket: mapping: %w", err)
	}
	return ParseMapping(name, data)
}

// ParseMapping reads the TicketMapping document of a file's content,
// loaded as the catalog loads every document (catalog.Parse): its
// syntax and schema findings, then NewMapping's, all at their position
// in the file. The mapping is built from whatever could be read, so the
// caller decides what an error means; the error is for a file with no
// TicketMapping document (ErrNoMapping). Later TicketMapping documents of
// the file are reported and not read.
func ParseMapping(file string, data []byte) (Mapping, diag.List, error) {
	d := catalog.Parse(catalog.Source{Name: file, Data: data})
	found := d.Diagnostics()
	var docs []*catalog.Document
	for _, doc := range d.Documents {
		if doc.Native() && doc.Kind == MappingKind {
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		return Mapping{}, found, fmt.Errorf("%w in %s", ErrNoMapping, file)
	}
	m, more := NewMapping(docs[0])
	found = append(found, more...)
	for _, doc := range docs[1:] {
		found = append(found, mappingDiag(doc.At("/kind"), "/kind",
			"only the first TicketMapping document of a file is read; this one (%q) is not: give it a file of its own", doc.Name))
	}
	found.Sort()
	return m, found, nil
}

// DesignMapping builds the mapping of the TicketMapping document with the
// name in a design (one kept in the design's directory, validated by the
// loader like any other kind). ok is false when the design has none.
func DesignMapping(d *catalog.Design, name string) (m Mapping, found diag.List, ok bool) {
	doc := d.Lookup(MappingKind, name)
	if doc == nil {
		return Mapping{}, nil, false
	}
	m, found = NewMapping(doc)
	return m, found, true
}

// NewMapping builds the mapping of a loaded TicketMapping document. The
// loader has checked it against its schema (catalog/schemas/ticketmapping.json);
// NewMapping reports what a schema cannot say, each at its position under
// rule ticket/bad-mapping: a time zone or layout that cannot be read, a
// custom-field pattern without {name}, a status time naming a status the
// mapping does not know, a delimiter that is not one character. Values of
// the wrong type are left out (the schema reports them).
func NewMapping(doc *catalog.Document) (Mapping, diag.List) {
	at := func(ptr string) diag.Pos { return doc.At(ptr) }
	m, found := buildMapping(doc.Value, at, func(name string) (Mapping, bool) {
		p, ok := presets()[name]
		return p, ok
	})
	m.docs = append([]*catalog.Document{doc}, m.docs...)
	found.Sort()
	return m, found
}

func mappingDiag(pos diag.Pos, path, format string, args ...any) diag.Diagnostic {
	return diag.Diagnostic{Rule: RuleBadMapping, Severity: severityOf(RuleBadMapping), Pos: pos, Path: path, Message: fmt.Sprintf(format, args...)}
}

// mappingReader builds a Mapping from a document's value, reporting at.
type mappingReader struct {
	spec  map[string]any
	at    func(ptr string) diag.Pos
	found diag.List
}

func (r *mappingReader) report(ptr, format string, args ...any) {
	pos := diag.Pos{}
	if r.at != nil {
		pos = r.at(ptr)
	}
	r.found = append(r.found, mappingDiag(pos, ptr, format, args...))
}

// buildMapping reads a TicketMapping's value; at gives positions (nil for
// the presets, which the tests keep clean) and preset the mappings it may
// extend (nil for the presets themselves).
func buildMapping(value any, at func(string) diag.Pos, preset func(string) (Mapping, bool)) (Mapping, diag.List) {
	root, _ := value.(map[string]any)
	r := &mappingReader{at: at}
	r.spec, _ = root["spec"].(map[string]any)
	var m Mapping
	if meta, ok := root["metadata"].(map[string]any); ok {
		m.Name, _ = meta["name"].(string)
	}
	if base, ok := r.spec["extends"].(string); ok && preset != nil {
		if p, ok := preset(base); ok {
			name := m.Name
			m = p.clone()
			m.Name = name
		} else {
			r.report("/spec/extends", "unknown preset %q (want %s)", base, strings.Join(presetNames, ", "))
		}
	}
	r.columns(&m)
	if b, ok := r.spec["typeSuffix"].(bool); ok {
		m.TypeSuffix = b
	}
	r.parameters(&m)
	// Values are looked up lower-cased; column headers are kept as
	// written.
	m.Statuses = mergeMap(m.Statuses, r.strings("statuses"), true, func(v string) (Status, bool) {
		s := Status(v)
		return s, s.valid()
	})
	m.Channels = mergeMap(m.Channels, r.strings("channels"), true, func(v string) (Channel, bool) { return ParseChannel(v) })
	m.Actors = mergeMap(m.Actors, r.strings("actors"), true, func(v string) (Actor, bool) { return ParseActor(v) })
	m.Severities = mergeMap(m.Severities, r.strings("severities"), true, keep)
	m.Resolutions = mergeMap(m.Resolutions, r.strings("resolutions"), true, keep)
	m.StatusTime = mergeMap(m.StatusTime, r.strings("minutesInStatus"), false, keep)
	m.TrackerFigures = mergeMap(m.TrackerFigures, r.strings("trackerFigures"), false, keep)
	for col, status := range r.strings("minutesInStatus") {
		if _, ok := m.Statuses[strings.ToLower(status)]; !ok {
			if _, ok := ParseStatus(status); !ok {
				r.report("/spec/minutesInStatus/"+escapePointer(col), "status %q is not in the mapping's statuses: say which model status it is there, so that its minutes pause the clocks or not", status)
			}
		}
	}
	if p, ok := r.spec["customerLabelPrefix"].(string); ok && p != "" {
		m.CustomerLabelPrefix = p
	}
	r.readTime(&m)
	if u, ok := r.spec["timeSpentUnit"].(string); ok {
		if d, ok := unitOf(u); ok {
			m.TimeSpentUnit = d
		}
	}
	if s, ok := r.spec["labelSeparator"].(string); ok && s != "" {
		m.LabelSeparator = s
	}
	if s, ok := r.spec["delimiter"].(string); ok && s != "" {
		c, size := utf8.DecodeRuneInString(s)
		if size != len(s) || c == '"' || c == '\r' || c == '\n' || c == utf8.RuneError {
			r.report("/spec/delimiter", "delimiter %q: want one character other than a quote or a line end", s)
		} else {
			m.Comma = c
		}
	}
	if n, ok := intValue(r.spec["maxRowBytes"]); ok && n > 0 {
		m.MaxRowBytes = n
	}
	return m, r.found
}

func keep(v string) (string, bool) { return v, true }

// valid reports whether s is one of the model's statuses.
func (s Status) valid() bool {
	switch s {
	case Open, InProgress, Waiting, Resolved, Closed, Reopened:
		return true
	}
	return false
}

// strings returns the string members of the object spec.<key>, with keys
// as written.
func (r *mappingReader) strings(key string) map[string]string {
	obj, ok := r.spec[key].(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(obj))
	for k, v := range obj {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

// mergeMap adds the entries of add, read by conv, over base, with their
// keys lower-cased when lower is set; an entry conv refuses is left out
// (the schema reports it).
func mergeMap[V any](base map[string]V, add map[string]string, lower bool, conv func(string) (V, bool)) map[string]V {
	if len(add) == 0 {
		return base
	}
	if base == nil {
		base = make(map[string]V, len(add))
	}
	for k, v := range add {
		if lower {
			k = strings.ToLower(strings.TrimSpace(k))
		}
		if x, ok := conv(v); ok {
			base[k] = x
		}
	}
	return base
}

func (r *mappingReader) columns(m *Mapping) {
	cols, ok := r.spec["columns"].(map[string]any)
	if !ok {
		return
	}
	if m.Columns == nil {
		m.Columns = map[Field][]string{}
	}
	for name, v := range cols {
		f, err := ParseField(name)
		if err != nil {
			continue // the schema names the fields a mapping may list
		}
		list, ok := v.([]any)
		if !ok {
			continue
		}
		var headers []string
		for _, h := range list {
			if s, ok := h.(string); ok && strings.TrimSpace(s) != "" {
				headers = append(headers, s)
			}
		}
		if len(headers) > 0 {
			m.Columns[f] = headers
		}
	}
}

func (r *mappingReader) parameters(m *Mapping) {
	p, ok := r.spec["parameters"].(map[string]any)
	if !ok {
		return
	}
	if s, ok := p["prefix"].(string); ok && s != "" {
		m.ParameterPrefix = s
	}
	if cols, ok := p["columns"].(map[string]any); ok {
		if m.Parameters == nil {
			m.Parameters = map[string]string{}
		}
		for col, v := range cols {
			if s, ok := v.(string); ok && s != "" {
				m.Parameters[col] = s
			}
		}
	}
	if list, ok := p["customFields"].([]any); ok {
		m.CustomFields = nil
		for i, v := range list {
			s, ok := v.(string)
			if !ok {
				continue
			}
			if _, err := parsePattern(s); err != nil {
				r.report(fmt.Sprintf("/spec/parameters/customFields/%d", i), "custom-field pattern %q: %v", s, err)
				continue
			}
			m.CustomFields = append(m.CustomFields, s)
		}
	}
}

func (r *mappingReader) readTime(m *Mapping) {
	t, ok := r.spec["time"].(map[string]any)
	if !ok {
		return
	}
	if z, ok := t["zone"].(string); ok && z != "" {
		loc, err := time.LoadLocation(z)
		if err != nil || strings.EqualFold(z, "local") {
			r.report("/spec/time/zone", "time zone %q is not an IANA zone such as Asia/Tokyo", z)
		} else {
			m.Location = loc
		}
	}
	if list, ok := t["layouts"].([]any); ok {
		m.TimeLayouts = nil
		for i, v := range list {
			s, ok := v.(string)
			if !ok {
				continue
			}
			if missing := layoutLacks(s); missing != "" {
				r.report(fmt.Sprintf("/spec/time/layouts/%d", i), "layout %q has no %s: write it as package time does, with 2006, 01 or Jan, 02, and 15 or 3", s, missing)
				continue
			}
			m.TimeLayouts = append(m.TimeLayouts, s)
		}
	}
	if u, ok := t["offsetUnit"].(string); ok {
		if d, ok := unitOf(u); ok {
			m.OffsetUnit = d
		}
	}
}

// layoutLacks names the first part of a timestamp a Go layout does not
// read, or returns "": it writes an instant with the layout and reads it
// back, and a part the layout lacks comes back as its zero.
func layoutLacks(l string) string {
	ref := time.Date(2009, 11, 17, 20, 34, 0, 0, time.UTC)
	got, err := time.Parse(l, ref.Format(l))
	switch {
	case err != nil || got.Year() != ref.Year():
		return "year"
	case got.Month() != ref.Month():
		return "month"
	case got.Day() != ref.Day():
		return "day"
	case got.Hour() != ref.Hour():
		return "hour"
	}
	return ""
}

func unitOf(s string) (time.Duration, bool) {
	switch s {
	case "second":
		return time.Second, true
	case "minute":
		return time.Minute, true
	case "hour":
		return time.Hour, true
	}
	return 0, false
}

func intValue(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		if n == float64(int(n)) {
			return int(n), true
		}
	}
	return 0, false
}

// parsePreset reads an embedded preset: decoded with yaml.v3 alone, since
// the tests load each through the catalog and keep it free of findings.
func parsePreset(data []byte) (Mapping, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return Mapping{}, err
	}
	m, found := buildMapping(v, nil, nil)
	if len(found) > 0 {
		return Mapping{}, found[0]
	}
	return m, nil
}

// localeToEnglish rewrites a Japanese timestamp's month names (12月) and
// 午前/午後 as package time reads them (Dec, AM, PM); ok is false when
// there is nothing to rewrite.
func localeToEnglish(s string) (string, bool) {
	if !strings.ContainsAny(s, "月午") {
		return s, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "午前"):
			b.WriteString("AM")
			i += len("午前")
			changed = true
			continue
		case strings.HasPrefix(s[i:], "午後"):
			b.WriteString("PM")
			i += len("午後")
			changed = true
			continue
		}
		// One or two ASCII digits before 月 are a month.
		if j := digitsBefore(s, i); j > i && strings.HasPrefix(s[j:], "月") {
			if n := atoi(s[i:j]); n >= 1 && n <= 12 {
				b.WriteString(time.Month(n).String()[:3])
				i = j + len("月")
				changed = true
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), changed
}

// digitsBefore returns the end of the run of one or two ASCII digits at
// s[i:] (i itself when there is none, or when the digit before i is part
// of the run).
func digitsBefore(s string, i int) int {
	if i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		return i
	}
	j := i
	for j < len(s) && j-i < 2 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return j
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
