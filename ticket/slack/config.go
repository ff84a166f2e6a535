package slack

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/ticket"
)

// Config says how a Slack workspace's export maps onto tickets: the
// desks, who answers there, how inquiries get their request types, what
// resolves them, and the reader's limits. NewConfig builds it from the
// slack section of a TicketMapping document; a program may also write one
// in Go. A Config is not changed by reading and may be shared.
type Config struct {
	// Workspace is the workspace's Slack domain (example in
	// https://example.slack.com): each ticket's Link is its message's
	// permalink. Empty means no links.
	Workspace string
	Desks     []Desk
	// Resolution says what marks an inquiry resolved.
	Resolution Resolution
	// Workflows are the intake workflows whose messages are inquiries.
	Workflows []Workflow
	// MissNotes are the prefixes of the lines of agents' replies that
	// record why an inquiry missed (Ticket.Miss).
	MissNotes MissNotes
	// MaxFileBytes bounds each JSON file read (a day file, users.json,
	// channels.json); zero means DefaultMaxFileBytes. MaxMessageBytes
	// bounds one message; zero means DefaultMaxMessageBytes.
	MaxFileBytes    int64
	MaxMessageBytes int
}

// The default limits of Config.
const (
	DefaultMaxFileBytes    = 64 << 20
	DefaultMaxMessageBytes = 1 << 20
)

// Desk is an inquiry desk: channels where people ask, the service they
// ask about, and the agents who answer.
type Desk struct {
	// Name names the desk in messages; its first channel by default.
	Name string
	// Channels are the desk's channels, by name (the export's folder) or
	// by ID (C…).
	Channels []string
	// Service is the catalog service the desk's inquiries are for;
	// Severity and Customer are given to every inquiry.
	Service  string
	Severity string
	Customer string
	Agents   []Agent
	// Types classify inquiries into request types, first match wins; an
	// inquiry none matches is left to the service's catch-all.
	Types []TypeRule

	ptr    string     // the desk's JSON pointer in the mapping
	chanAt []diag.Pos // where the mapping names each channel
}

// Agent is someone who answers at a desk: a Person of the design, or a
// Slack user named in the mapping. It is found in users.json by ID when
// one is given, else by e-mail, else by name (the user's name or display
// name, without regard to case).
type Agent struct {
	// Person is the design's Person the agent is, "" for a Slack user the
	// mapping names directly.
	Person string
	ID     string
	Email  string
	Name   string

	at  diag.Pos // where the mapping names the agent
	ptr string
}

// TypeRule gives inquiries a request type: those whose message holds one
// of the keywords (compared without regard to case), or that carry one
// of the reactions.
type TypeRule struct {
	RequestType string
	Keywords    []string
	Reactions   []string
}

// Resolution says what marks an inquiry resolved: a reaction on its
// message, a keyword in a reply, or a message in its thread from a
// workflow (by bot name or ID). See the package doc for when each counts.
type Resolution struct {
	Reactions []string
	Keywords  []string
	Workflows []string
}

// Workflow is an intake workflow: what it posts in a desk's channel is an
// inquiry. Name is its bot's name or ID; Requester the form field that
// mentions the requester (else the first person mentioned); RequestType
// the field that names the request type; Parameters the fields that give
// request parameters, by field label.
type Workflow struct {
	Name        string
	Requester   string
	RequestType string
	Parameters  map[string]string
}

// MissNotes are line prefixes: a line of an agent's reply that starts
// with one records that part of the inquiry's miss note (the rest of the
// line; the last such line wins).
type MissNotes struct {
	Reason, Analysis, Problem, Improvement string
}

// ErrNoSection is returned (wrapped) by NewConfig for a mapping without a
// slack section.
var ErrNoSection = errors.New("slack: the mapping has no slack section")

// NewConfig reads the slack section of a TicketMapping (spec.slack) and
// links its desks to a design: each desk's service and request types
// must be the design's, and each agent written as a Person, Team or Role
// of the design becomes the people it names. What cannot be used is a
// ticket/bad-mapping finding at its place in the mapping, and is left out;
// the schema has checked the rest. d may be nil: nothing is then linked
// or checked against a design, and only Slack users named directly are
// agents.
func NewConfig(m ticket.Mapping, d *catalog.Design) (Config, diag.List, error) {
	doc := m.Document()
	if doc == nil {
		return Config{}, nil, fmt.Errorf("%w: mapping %q is not a TicketMapping document", ErrNoSection, m.Name)
	}
	root, _ := doc.Value.(map[string]any)
	spec, _ := root["spec"].(map[string]any)
	sec, ok := spec["slack"].(map[string]any)
	if !ok {
		return Config{}, nil, fmt.Errorf("%w: TicketMapping %q", ErrNoSection, doc.Name)
	}
	r := &configReader{doc: doc, design: d}
	var c Config
	c.Workspace = str(sec, "workspace")
	if res, ok := sec["resolution"].(map[string]any); ok {
		c.Resolution = Resolution{Reactions: reactionNames(strs(res, "reactions")), Keywords: strs(res, "keywords"), Workflows: strs(res, "workflows")}
	}
	if notes, ok := sec["missNotes"].(map[string]any); ok {
		c.MissNotes = MissNotes{Reason: str(notes, "reason"), Analysis: str(notes, "analysis"), Problem: str(notes, "problem"), Improvement: str(notes, "improvement")}
	}
	for _, v := range list(sec, "workflows") {
		w, ok := v.(map[string]any)
		if !ok {
			continue
		}
		wf := Workflow{Name: str(w, "name"), Requester: str(w, "requester"), RequestType: str(w, "requestType")}
		if p, ok := w["parameters"].(map[string]any); ok {
			wf.Parameters = map[string]string{}
			for k, v := range p {
				if s, ok := v.(string); ok {
					wf.Parameters[k] = s
				}
			}
		}
		c.Workflows = append(c.Workflows, wf)
	}
	if n, ok := intOf(sec["maxFileBytes"]); ok && n > 0 {
		c.MaxFileBytes = int64(n)
	}
	if n, ok := intOf(sec["maxMessageBytes"]); ok && n > 0 {
		c.MaxMessageBytes = n
	}
	seen := map[string]string{} // channel → the desk pointer that has it
	for i, v := range list(sec, "desks") {
		ptr := fmt.Sprintf("/spec/slack/desks/%d", i)
		dv, ok := v.(map[string]any)
		if !ok {
			continue
		}
		desk := r.desk(dv, ptr)
		chans, at := desk.Channels[:0], desk.chanAt[:0]
		for j, ch := range desk.Channels {
			if first, dup := seen[ch]; dup {
				r.report(fmt.Sprintf("%s/channels/%d", ptr, j), "channel %q is already a channel of the desk at %s: a channel belongs to one desk, and this one is not read for it", ch, first)
				continue
			}
			seen[ch] = ptr
			chans, at = append(chans, ch), append(at, desk.chanAt[j])
		}
		desk.Channels, desk.chanAt = chans, at
		c.Desks = append(c.Desks, desk)
	}
	r.found.Sort()
	return c, r.found, nil
}

// configReader reads the slack section, reporting at its positions.
type configReader struct {
	doc    *catalog.Document
	design *catalog.Design
	found  diag.List
}

func (r *configReader) report(ptr, format string, args ...any) {
	r.found = append(r.found, diag.Diagnostic{Rule: ticket.RuleBadMapping, Severity: diag.Error, Pos: r.doc.At(ptr), Path: ptr,
		Message: fmt.Sprintf(format, args...)})
}

// desk reads one desk and checks it against the design.
func (r *configReader) desk(v map[string]any, ptr string) Desk {
	d := Desk{Name: str(v, "name"), Channels: strs(v, "channels"), Service: str(v, "service"), Severity: str(v, "severity"),
		Customer: str(v, "customer"), ptr: ptr}
	for i := range d.Channels {
		d.Channels[i] = strings.TrimPrefix(d.Channels[i], "#")
		d.chanAt = append(d.chanAt, r.doc.At(fmt.Sprintf("%s/channels/%d", ptr, i)))
	}
	if d.Name == "" && len(d.Channels) > 0 {
		d.Name = d.Channels[0]
	}
	var svc *catalog.Service
	if r.design != nil && d.Service != "" {
		ref := catalog.ParseRef(d.Service)
		docs := r.design.Resolve(ref, "Service")
		if len(docs) == 1 {
			svc = r.design.Service(docs[0].Name)
			d.Service = docs[0].Name
		} else {
			r.report(ptr+"/service", "service %q is not a Service of the design: the desk's inquiries would be counted for no service", d.Service)
		}
	}
	for i, t := range list(v, "types") {
		tv, ok := t.(map[string]any)
		if !ok {
			continue
		}
		rule := TypeRule{RequestType: str(tv, "requestType"), Keywords: strs(tv, "keywords"), Reactions: reactionNames(strs(tv, "reactions"))}
		if svc != nil && requestType(svc, rule.RequestType) == nil {
			r.report(fmt.Sprintf("%s/types/%d/requestType", ptr, i), "request type %q is not one of service %q's: inquiries it matches would go to the catch-all", rule.RequestType, svc.Name)
			continue
		}
		d.Types = append(d.Types, rule)
	}
	for i, a := range strs(v, "agents") {
		d.Agents = append(d.Agents, r.agents(a, fmt.Sprintf("%s/agents/%d", ptr, i))...)
	}
	return d
}

// requestType finds a service's request type by name or title.
func requestType(s *catalog.Service, name string) *catalog.RequestType {
	for i := range s.RequestTypes {
		rt := &s.RequestTypes[i]
		if rt.Name == name || strings.EqualFold(rt.Title, name) || strings.EqualFold(rt.Name, name) {
			return rt
		}
	}
	return nil
}

// agents reads one entry of a desk's agents: a Slack user (U…, an
// e-mail, @name), or a Person, Team or Role of the design, which gives
// the people it names.
func (r *configReader) agents(s, ptr string) []Agent {
	at := r.doc.At(ptr)
	switch {
	case strings.HasPrefix(s, "@"):
		return []Agent{{Name: s[1:], at: at, ptr: ptr}}
	case isUserID(s):
		return []Agent{{ID: s, at: at, ptr: ptr}}
	case strings.Contains(s, "@"):
		return []Agent{{Email: s, at: at, ptr: ptr}}
	}
	if r.design == nil {
		return []Agent{{Name: s, at: at, ptr: ptr}}
	}
	ref := catalog.ParseRef(s)
	docs := r.design.Resolve(ref, "Person", "Team", "Role")
	if len(docs) != 1 {
		what := "names no Person, Team or Role of the design"
		if len(docs) > 1 {
			what = "is ambiguous: write person:, team: or role: before it"
		}
		r.report(ptr, "agent %q %s, nor a Slack user (write U…, an e-mail or @name)", s, what)
		return nil
	}
	var people []*catalog.Person
	switch docs[0].Kind {
	case "Person":
		people = r.people(func(p *catalog.Person) bool { return p.Name == docs[0].Name })
	case "Team":
		for _, t := range r.design.Teams {
			if t.Name != docs[0].Name {
				continue
			}
			for _, m := range t.Members {
				for _, md := range r.design.Resolve(m, "Person") {
					people = append(people, r.people(func(p *catalog.Person) bool { return p.Name == md.Name })...)
				}
			}
		}
	case "Role":
		people = r.people(func(p *catalog.Person) bool {
			return slices.ContainsFunc(p.Roles, func(ref catalog.Ref) bool { return ref.Name == docs[0].Name })
		})
	}
	if len(people) == 0 {
		r.report(ptr, "agent %q names %s %q, which has no people: nobody answers for it", s, strings.ToLower(docs[0].Kind), docs[0].Name)
	}
	out := make([]Agent, 0, len(people))
	for _, p := range people {
		out = append(out, Agent{Person: p.Name, Email: p.Email, Name: p.Name, at: at, ptr: ptr})
	}
	return out
}

func (r *configReader) people(keep func(*catalog.Person) bool) []*catalog.Person {
	var out []*catalog.Person
	for _, p := range r.design.People {
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// isUserID reports whether s is written as a Slack user ID: U or W and
// upper-case letters and digits.
func isUserID(s string) bool {
	if len(s) < 3 || (s[0] != 'U' && s[0] != 'W') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// reactionNames drops the colons a reaction may be written with.
func reactionNames(names []string) []string {
	for i, n := range names {
		names[i] = strings.Trim(n, ":")
	}
	return names
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return strings.TrimSpace(s)
}

func list(m map[string]any, key string) []any {
	l, _ := m[key].([]any)
	return l
}

// strs returns the non-empty strings of the list m[key].
func strs(m map[string]any, key string) []string {
	var out []string
	for _, v := range list(m, key) {
		if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

func intOf(v any) (int, bool) {
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
