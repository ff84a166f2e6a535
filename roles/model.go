package roles

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Personalisation says whether a task is meant to depend on a particular
// person's judgement. The zero value means "not stated".
type Personalisation uint8

// The two kinds of work.
const (
	// Personalised work relies on judgement and flexibility; it needs a
	// bridge who is turning it into procedure, or a stated reason it stays
	// personal.
	Personalised Personalisation = iota + 1
	// Depersonalised work is done by procedure, so anyone trained can do it;
	// it needs that procedure.
	Depersonalised
)

// String returns "personalised" or "depersonalised".
func (p Personalisation) String() string {
	switch p {
	case Personalised:
		return "personalised"
	case Depersonalised:
		return "depersonalised"
	}
	return "personalisation(" + strconv.Itoa(int(p)) + ")"
}

// ParsePersonalisation parses "personalised" or "depersonalised" (also the
// -ized spellings, and 属人 / 非属人), case insensitively.
func ParsePersonalisation(s string) (Personalisation, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "personalised", "personalized", "personal", "属人":
		return Personalised, nil
	case "depersonalised", "depersonalized", "impersonal", "非属人":
		return Depersonalised, nil
	}
	return 0, syntaxErr("personalisation", s, 0, "want personalised or depersonalised")
}

// MarshalText implements encoding.TextMarshaler.
func (p Personalisation) MarshalText() ([]byte, error) {
	if p != Personalised && p != Depersonalised {
		return nil, fmt.Errorf("roles: personalisation %d: %w", int(p), ErrInvalid)
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *Personalisation) UnmarshalText(b []byte) error {
	v, err := ParsePersonalisation(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// WorkKind separates keeping the service running from making it better.
// The zero value counts as operations work.
type WorkKind uint8

// The kinds of work.
const (
	// Operations work keeps the service in its intended state (toil,
	// monitoring, incident response, routine requests).
	Operations WorkKind = iota + 1
	// Improvement work reduces future operations work (automation, design).
	Improvement
)

// String returns "operations" or "improvement".
func (k WorkKind) String() string {
	switch k {
	case Operations:
		return "operations"
	case Improvement:
		return "improvement"
	}
	return "work-kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseWorkKind parses "operations" or "improvement" (also 運用 / 改善).
func ParseWorkKind(s string) (WorkKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "operations", "operation", "ops", "運用":
		return Operations, nil
	case "improvement", "improvements", "改善":
		return Improvement, nil
	}
	return 0, syntaxErr("work kind", s, 0, "want operations or improvement")
}

// MarshalText implements encoding.TextMarshaler.
func (k WorkKind) MarshalText() ([]byte, error) {
	if k != Operations && k != Improvement {
		return nil, fmt.Errorf("roles: work kind %d: %w", int(k), ErrInvalid)
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *WorkKind) UnmarshalText(b []byte) error {
	v, err := ParseWorkKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Task is one piece of operations work, as the roster sees it.
type Task struct {
	// Name is unique among tasks; people and findings refer to it.
	Name string
	// Service is the service the task belongs to, "" for none; its hours
	// decide when the task needs cover.
	Service string
	// Personalisation classifies the task for checks and coverage.
	Personalisation Personalisation
	// Bridge names the person (who should hold a certified-tier role)
	// turning this personalised task into procedure.
	Bridge string
	// PersonalReason explains why a personalised task stays personal on
	// purpose; it stands in for a bridge.
	PersonalReason string
	// Procedure refers to the manual a depersonalised task follows (a path,
	// URL or document name; the package only checks it is present).
	Procedure string
	// Owner is who answers for the task: a person, a role or a team (the
	// zero Ref when unstated). Toil attributes the task's effort to teams
	// through it.
	Owner Ref
	// EscalatesTo names where the task escalates to: people, or roles and
	// teams, which stand for the people who hold the role or are members.
	EscalatesTo []Ref
	// Kind separates operations work from improvement work for Toil.
	Kind WorkKind
	// Effort is the work the task takes per week.
	Effort time.Duration
}

// Ref names a person, a role or a team of the roster by its name: who owns
// a task, or where it escalates to.
type Ref struct {
	On   SubjectKind // OnPerson, OnRole or OnTeam
	Name string
}

// PersonRef returns the Ref of a person's name.
func PersonRef(name string) Ref { return Ref{On: OnPerson, Name: name} }

// RoleRef returns the Ref of a role's name.
func RoleRef(name string) Ref { return Ref{On: OnRole, Name: name} }

// TeamRef returns the Ref of a team's name.
func TeamRef(name string) Ref { return Ref{On: OnTeam, Name: name} }

// IsZero reports whether the Ref names nothing.
func (r Ref) IsZero() bool { return r.Name == "" }

// String writes the Ref as "person sato", "role rescue" or "team night".
func (r Ref) String() string { return r.On.String() + " " + r.Name }

// Person is someone on the roster: the roles they hold, the tasks they are
// able to perform and when they are present.
type Person struct {
	// Name is unique among people.
	Name string
	// Roles names built-in or custom roles; a role on the certified tier
	// makes the person a possible bridge.
	Roles []string
	// Tasks names the tasks the person is able to perform.
	Tasks []string
	// Shifts is when the person is present. A person without shifts is
	// never present, but still counts for truck factors.
	Shifts Schedule
}

// Team is a named group of people.
type Team struct {
	// Name is unique among teams.
	Name string
	// Members names people; a name listed twice counts once.
	Members []string
}

// Service names the service tasks belong to and when it needs cover.
type Service struct {
	// Name is what tasks give as their Service.
	Name string
	// Hours is when the service must be covered; nil means always (24/365).
	Hours *Schedule
}

// Roster is the whole operation: custom roles, people, teams, tasks and
// services. Names are unique per kind; references are by name. Analyses
// never modify a Roster, so one may be shared between goroutines as long
// as nobody changes it.
type Roster struct {
	// Location is the zone results are reported in and the default zone of
	// every schedule; nil means UTC.
	Location *time.Location
	// Roles are custom roles, in addition to BuiltinRoles.
	Roles []Role
	// People, Teams and Tasks make up the operation.
	People []Person
	Teams  []Team
	Tasks  []Task
	// Services need be listed only to give them hours; a task whose
	// service is not listed needs cover at all times.
	Services []Service
}

func (r *Roster) loc() *time.Location {
	if r.Location == nil {
		return time.UTC
	}
	return r.Location
}
