package catalog

import (
	"slices"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/lifecycle"
)

// This file holds the typed model of a design. Every element that rules
// report on carries Path, the JSON pointer of its value inside its document,
// so a finding about it resolves to an exact line and column through
// Document.At. The model is built from documents after schema validation;
// values of the wrong type are left at their zero value (the schema has
// reported them), so rules need not re-check types.

// State is the state of a service.
type State string

// The states of a service.
const (
	Planned   State = "planned"
	Active    State = "active"
	Suspended State = "suspended"
	Retired   State = "retired"
)

// Ref is a reference from one document to another, written "kind:name" or
// as a bare name where that is unambiguous.
type Ref struct {
	Raw  string // as written
	Kind string // the kind prefix as written, lower-cased; "" for a bare name
	Name string
	Path string // where it is written
}

// IsZero reports whether nothing was written.
func (r Ref) IsZero() bool { return r.Raw == "" }

// KindsAmong returns the kinds among the given ones that the reference may
// point at: all of them for a bare name; for "kind:name", the one its
// prefix names (compared case-insensitively), or none when it names a kind
// not given. Exported for rules that tell a reference of a kind its field
// does not accept from one that names nothing (ref/unresolved).
func (r Ref) KindsAmong(kinds ...string) []string {
	if r.Kind == "" {
		return kinds
	}
	for _, k := range kinds {
		if strings.EqualFold(k, r.Kind) {
			return []string{k}
		}
	}
	return nil
}

// OwnerKinds returns the kinds an owner (of a service, a task or a request
// type) or an escalation target may name: Role, Person and Team. The
// model resolves owners with it, and so do the rules that check them, so
// both agree on what the field accepts.
func OwnerKinds() []string { return []string{"Role", "Person", "Team"} }

// ObjectiveKinds returns the kinds an offering or request type may name as
// an objective: an opsdesign Objective or an OpenSLO SLO. Like OwnerKinds,
// it is shared by the model and the rules that check references.
func ObjectiveKinds() []string { return []string{"Objective", "SLO"} }

// personKinds are the kinds a reference to a person (a bridge, a team's
// lead or member) may name.
func personKinds() []string { return []string{"Person"} }

// Effort is the cost or effort attributed to a piece of work.
type Effort struct {
	Path          string
	HoursPerMonth float64
	CostPerMonth  float64
	Currency      string
	CostCenter    string
}

// Service is a service of the catalog (kind Service).
type Service struct {
	Doc   *Document
	Name  string
	Title string
	State State
	Owner Ref
	// Component is the Backstage Component the service runs as
	// (spec.component; see ComponentRef).
	Component Ref
	Customers []string
	Value     string
	Hours     string // "24x7" or the name of a Calendar; "" when unstated
	Cloud     *Cloud // nil unless the service runs on a cloud provider
	Effort    *Effort
	// NotApplicableWork maps standard work categories that do not apply to
	// the reason given.
	NotApplicableWork map[string]string

	Offerings    []Offering
	RequestTypes []RequestType
	Lifecycle    Lifecycle // of the service itself
	Subjects     []Subject // systems, data, equipment and authorities it declares
	Tasks        []Task
	Monitors     []Monitor
	Backups      []Backup
}

// Cloud describes the provider of a service that runs in the cloud.
type Cloud struct {
	Path     string
	Provider string
	Contact  string // the route to the provider's support
}

// Offering is something a service offers its customers, with the
// objectives it is held to.
type Offering struct {
	Path         string
	Name         string
	Title        string
	Objectives   []Ref
	RequestTypes []Ref // names of the service's request types
}

// Channel is a way requests arrive.
type Channel struct {
	Name     string // form, portal, chat, email, phone, alert, api
	Ticketed bool   // requests arriving here are turned into tickets
	Path     string
}

// RequestType is a kind of request customers can make, with its parameter
// sheet (a JSON Schema for the ticket's fields) and the channels it accepts.
type RequestType struct {
	Path       string
	Name       string
	Title      string
	CatchAll   bool // the catch-all "other" (その他) type
	Owner      Ref
	Channels   []Channel
	Parameters map[string]any // a JSON Schema; nil when there is no sheet
	Objectives []Ref
	Task       Ref // the task that fulfils it
}

// Lifecycle is the designed lifecycle of the service or of one subject.
type Lifecycle struct {
	Path    string // of the lifecycle mapping, present or not
	Present bool   // the lifecycle mapping is written at all
	Plan    lifecycle.Plan
	// Tasks lists, per event, the tasks that carry it out.
	Tasks map[lifecycle.Event][]Ref
}

// EventPath returns the JSON pointer of one event of the lifecycle.
func (l Lifecycle) EventPath(e lifecycle.Event) string { return l.Path + "/" + e.String() }

// DecisionPath returns the JSON pointer of one decision of the lifecycle.
func (l Lifecycle) DecisionPath(d lifecycle.Decision) string {
	return l.Path + "/" + d.Event.String() + "/" + d.Key
}

// Lifecycles returns the service's own lifecycle, then each subject's.
func (s *Service) Lifecycles() []Lifecycle {
	out := []Lifecycle{s.Lifecycle}
	for _, sub := range s.Subjects {
		out = append(out, sub.Lifecycle)
	}
	return out
}

// Subject is a system, data set, equipment or authority whose lifecycle a
// service designs besides its own.
type Subject struct {
	Path      string
	Type      lifecycle.Subject
	Name      string
	Lifecycle Lifecycle
}

// Trigger says what starts a task: a monitor, a request type, a schedule or
// an event described in words.
type Trigger struct {
	Path     string
	Monitor  Ref
	Request  Ref
	Schedule string
	Event    string
}

// IsZero reports whether no trigger is written.
func (t Trigger) IsZero() bool {
	return t.Monitor.IsZero() && t.Request.IsZero() && t.Schedule == "" && t.Event == ""
}

// ScheduledOnly reports whether the task is started by its schedule and
// nothing else: such work is done when planned and needs no one standing
// by, while any other work can fall due at any time.
func (t Trigger) ScheduledOnly() bool {
	return t.Schedule != "" && t.Monitor.IsZero() && t.Request.IsZero() && t.Event == ""
}

// Unplanned reports whether the task can fall due at any time: a monitor,
// a request type or an event starts it. Such work needs someone present
// during its service's hours. Work on a schedule alone is done when
// planned, and a task with no trigger at all does not say when it falls
// due: it is neither.
func (t Trigger) Unplanned() bool {
	return !t.Monitor.IsZero() || !t.Request.IsZero() || t.Event != ""
}

// Task is a piece of operations work: its trigger, its action, who owns it
// and how personalised it is.
type Task struct {
	Path            string
	Name            string
	Title           string
	Category        string // incident, problem, change, configuration, contract, …
	Trigger         Trigger
	Action          string
	Owner           Ref
	Personalisation string // personalised or depersonalised; "" when unstated
	Procedure       string
	Bridge          Ref    // the person who depersonalises it
	KeepPersonal    string // why it stays personalised
	EscalatesTo     []Ref
	Effort          *Effort
}

// Monitor is a monitoring definition: the state it reads, the output that
// state affects and the task that acts on it.
type Monitor struct {
	Path    string
	Name    string
	Tool    string
	Reads   string
	Affects string
	Task    Ref
}

// Backup is a backup and how it is restored.
type Backup struct {
	Path     string
	Name     string
	Target   string
	Schedule string
	Restore  *Restore // nil when no restore is written
}

// Restore is the restore side of a backup.
type Restore struct {
	Path          string
	Procedure     string
	LastTested    string // an ISO date, "" when never tested
	NotApplicable string
}

// Role is a role on one of the six tiers (kind Role).
type Role struct {
	Doc       *Document
	Name      string
	Title     string
	Tier      string
	Abilities []string
}

// Person is a person, their roles, the tasks they can do and when they
// work (kind Person).
type Person struct {
	Doc        *Document
	Name       string
	Title      string
	Roles      []Ref
	Email      string
	TimeZone   string
	Tasks      []Ref // "service/task"
	Shifts     []string
	Exceptions []ShiftException
}

// ShiftException is a dated exception to a person's weekly shifts.
type ShiftException struct {
	Path  string
	From  string
	To    string
	Hours string
	Kind  string // leave or extra
	Note  string
}

// Team is a team of people (kind Team).
type Team struct {
	Doc     *Document
	Name    string
	Title   string
	Members []Ref
	Lead    Ref
}

// --- building the model from validated documents ---

type obj = map[string]any

func str(m obj, k string) string {
	s, _ := m[k].(string)
	return s
}

func boolean(m obj, k string) bool {
	b, _ := m[k].(bool)
	return b
}

func num(m obj, k string) float64 {
	switch n := m[k].(type) {
	case int64:
		return float64(n)
	case float64:
		return n
	}
	return 0
}

func sub(m obj, k string) obj {
	o, _ := m[k].(obj)
	return o
}

func list(m obj, k string) []any {
	l, _ := m[k].([]any)
	return l
}

func strs(m obj, k string) []string {
	var out []string
	for _, v := range list(m, k) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func idx(p string, i int) string { return p + "/" + strconv.Itoa(i) }

func ref(m obj, k, at string) Ref {
	s, ok := m[k].(string)
	if !ok || s == "" {
		return Ref{Path: at + "/" + k}
	}
	return parseRef(s, at+"/"+k)
}

func refs(m obj, k, at string) []Ref {
	var out []Ref
	for i, v := range list(m, k) {
		if s, ok := v.(string); ok && s != "" {
			out = append(out, parseRef(s, idx(at+"/"+k, i)))
		}
	}
	return out
}

func effort(m obj, k, at string) *Effort {
	e := sub(m, k)
	if e == nil {
		return nil
	}
	return &Effort{Path: at + "/" + k, HoursPerMonth: num(e, "hoursPerMonth"), CostPerMonth: num(e, "costPerMonth"),
		Currency: str(e, "currency"), CostCenter: str(e, "costCenter")}
}

// objects calls f for each mapping in the list m[k], with its path.
func objects(m obj, k, at string, f func(o obj, path string)) {
	for i, v := range list(m, k) {
		if o, ok := v.(obj); ok {
			f(o, idx(at+"/"+k, i))
		}
	}
}

func buildService(doc *Document) *Service {
	root, _ := doc.Value.(obj)
	spec := sub(root, "spec")
	const at = "/spec"
	s := &Service{
		Doc: doc, Name: doc.Name, Title: doc.Title,
		State:     State(str(spec, "state")),
		Owner:     ref(spec, "owner", at),
		Component: ref(spec, "component", at),
		Customers: strs(spec, "customers"),
		Value:     str(spec, "value"),
		Hours:     str(spec, "hours"),
		Effort:    effort(spec, "effort", at),
	}
	if c := sub(spec, "cloud"); c != nil {
		s.Cloud = &Cloud{Path: at + "/cloud", Provider: str(c, "provider"), Contact: str(c, "contact")}
	}
	if na := sub(spec, "notApplicableWork"); na != nil {
		s.NotApplicableWork = make(map[string]string, len(na))
		for k, v := range na {
			r, _ := v.(string)
			s.NotApplicableWork[k] = r
		}
	}
	s.Offerings = slices.Grow(s.Offerings, len(list(spec, "offerings")))
	objects(spec, "offerings", at, func(o obj, p string) {
		s.Offerings = append(s.Offerings, Offering{Path: p, Name: str(o, "name"), Title: str(o, "title"),
			Objectives: refs(o, "objectives", p), RequestTypes: refs(o, "requestTypes", p)})
	})
	s.RequestTypes = slices.Grow(s.RequestTypes, len(list(spec, "requestTypes")))
	objects(spec, "requestTypes", at, func(o obj, p string) {
		rt := RequestType{Path: p, Name: str(o, "name"), Title: str(o, "title"), CatchAll: boolean(o, "catchAll"),
			Owner: ref(o, "owner", p), Parameters: sub(o, "parameters"), Objectives: refs(o, "objectives", p), Task: ref(o, "task", p)}
		for i, c := range list(o, "channels") {
			cp := idx(p+"/channels", i)
			switch c := c.(type) {
			case string:
				rt.Channels = append(rt.Channels, Channel{Name: c, Path: cp})
			case obj:
				rt.Channels = append(rt.Channels, Channel{Name: str(c, "channel"), Ticketed: boolean(c, "ticketed"), Path: cp})
			}
		}
		s.RequestTypes = append(s.RequestTypes, rt)
	})
	s.Lifecycle = buildLifecycle(spec, at, lifecycle.Service, "")
	s.Subjects = slices.Grow(s.Subjects, len(list(spec, "subjects")))
	objects(spec, "subjects", at, func(o obj, p string) {
		t, _ := lifecycle.ParseSubject(str(o, "type"))
		s.Subjects = append(s.Subjects, Subject{Path: p, Type: t, Name: str(o, "name"), Lifecycle: buildLifecycle(o, p, t, str(o, "name"))})
	})
	s.Tasks = slices.Grow(s.Tasks, len(list(spec, "tasks")))
	objects(spec, "tasks", at, func(o obj, p string) {
		t := Task{Path: p, Name: str(o, "name"), Title: str(o, "title"), Category: str(o, "category"),
			Action: str(o, "action"), Owner: ref(o, "owner", p), Personalisation: str(o, "personalisation"),
			Procedure: str(o, "procedure"), Bridge: ref(o, "bridge", p), KeepPersonal: str(o, "keepPersonal"),
			EscalatesTo: refs(o, "escalatesTo", p), Effort: effort(o, "effort", p)}
		tp := p + "/trigger"
		t.Trigger.Path = tp
		if tr := sub(o, "trigger"); tr != nil {
			t.Trigger.Monitor = ref(tr, "monitor", tp)
			t.Trigger.Request = ref(tr, "request", tp)
			t.Trigger.Schedule = str(tr, "schedule")
			t.Trigger.Event = str(tr, "event")
		}
		s.Tasks = append(s.Tasks, t)
	})
	s.Monitors = slices.Grow(s.Monitors, len(list(spec, "monitors")))
	objects(spec, "monitors", at, func(o obj, p string) {
		s.Monitors = append(s.Monitors, Monitor{Path: p, Name: str(o, "name"), Tool: str(o, "tool"),
			Reads: str(o, "reads"), Affects: str(o, "affects"), Task: ref(o, "task", p)})
	})
	s.Backups = slices.Grow(s.Backups, len(list(spec, "backups")))
	objects(spec, "backups", at, func(o obj, p string) {
		b := Backup{Path: p, Name: str(o, "name"), Target: str(o, "target"), Schedule: str(o, "schedule")}
		if r := sub(o, "restore"); r != nil {
			b.Restore = &Restore{Path: p + "/restore", Procedure: str(r, "procedure"), LastTested: str(r, "lastTested"),
				NotApplicable: notApplicableReason(r["notApplicable"])}
		}
		s.Backups = append(s.Backups, b)
	})
	return s
}

// notApplicableReason reads a notApplicable value: the reason as a string,
// or "" for `true` or a missing value.
func notApplicableReason(v any) string {
	s, _ := v.(string)
	return s
}

// eventDecisions are the decisions of each of lifecycle.Events(), made
// once rather than for every event of every lifecycle; read only.
var eventDecisions = func() [][]lifecycle.Decision {
	var out [][]lifecycle.Decision
	for _, e := range lifecycle.Events() {
		out = append(out, e.Decisions())
	}
	return out
}()

func buildLifecycle(parent obj, at string, subject lifecycle.Subject, name string) Lifecycle {
	l := Lifecycle{Path: at + "/lifecycle", Plan: lifecycle.Plan{Subject: subject, Name: name, Events: map[lifecycle.Event]lifecycle.EventPlan{}}}
	m, ok := parent["lifecycle"].(obj)
	if !ok {
		return l
	}
	l.Present = true
	for i, e := range lifecycle.Events() {
		ev, ok := m[e.String()].(obj)
		if !ok || len(ev) == 0 {
			continue // an empty event designs nothing: the event is missing
		}
		decisions := eventDecisions[i]
		ep := lifecycle.EventPlan{Answers: make(map[string]lifecycle.Answer, len(decisions))}
		if na, ok := ev["notApplicable"]; ok {
			ep.NotApplicable = na != false
			ep.Reason = notApplicableReason(na)
		}
		for _, d := range decisions {
			switch v := ev[d.Key].(type) {
			case string:
				ep.Answers[d.Key] = lifecycle.Answer{Text: v}
			case obj:
				na, ok := v["notApplicable"]
				ep.Answers[d.Key] = lifecycle.Answer{NotApplicable: ok && na != false, Reason: notApplicableReason(na)}
			}
		}
		for i, t := range list(ev, "tasks") {
			if ts, ok := t.(string); ok {
				if l.Tasks == nil {
					l.Tasks = map[lifecycle.Event][]Ref{}
				}
				l.Tasks[e] = append(l.Tasks[e], Ref{Raw: ts, Name: ts, Path: idx(l.EventPath(e)+"/tasks", i)})
			}
		}
		l.Plan.Events[e] = ep
	}
	return l
}

func buildRole(doc *Document) *Role {
	spec := sub(asObj(doc.Value), "spec")
	return &Role{Doc: doc, Name: doc.Name, Title: doc.Title, Tier: str(spec, "tier"), Abilities: strs(spec, "abilities")}
}

func buildPerson(doc *Document) *Person {
	spec := sub(asObj(doc.Value), "spec")
	const at = "/spec"
	p := &Person{Doc: doc, Name: doc.Name, Title: doc.Title, Roles: refs(spec, "roles", at), Email: str(spec, "email"),
		TimeZone: str(spec, "timeZone"), Tasks: refs(spec, "tasks", at), Shifts: strs(spec, "shifts")}
	objects(spec, "exceptions", at, func(o obj, path string) {
		p.Exceptions = append(p.Exceptions, ShiftException{Path: path, From: str(o, "from"), To: str(o, "to"),
			Hours: str(o, "hours"), Kind: str(o, "kind"), Note: str(o, "note")})
	})
	return p
}

func buildTeam(doc *Document) *Team {
	spec := sub(asObj(doc.Value), "spec")
	const at = "/spec"
	return &Team{Doc: doc, Name: doc.Name, Title: doc.Title, Members: refs(spec, "members", at), Lead: ref(spec, "lead", at)}
}

func asObj(v any) obj {
	o, _ := v.(obj)
	return o
}
