package roles

import (
	"strconv"
	"time"
)

// Code identifies the kind of a finding. Codes are stable, kebab-case and
// unprefixed; the catalog groups them under its own rule IDs.
type Code string

// The finding codes.
const (
	// CodeDuplicateName: two roles, people, teams, tasks or services share
	// a name (custom roles may not reuse a built-in name).
	CodeDuplicateName Code = "duplicate-name"
	// CodeUnknownReference: a name refers to no role, person or task.
	CodeUnknownReference Code = "unknown-reference"
	// CodeInvalidValue: a tier, schedule, effort or similar is unusable.
	CodeInvalidValue Code = "invalid-value"
	// CodeUnclassifiedTask: a task says neither personalised nor
	// depersonalised.
	CodeUnclassifiedTask Code = "unclassified-task"
	// CodeNoBridge: personalised work with neither a bridge nor a reason to
	// stay personal.
	CodeNoBridge Code = "personalised-without-bridge"
	// CodeBridgeNotCertified: the bridge holds no certified-tier role.
	CodeBridgeNotCertified Code = "bridge-not-certified"
	// CodeNoProcedure: depersonalised work with no procedure.
	CodeNoProcedure Code = "depersonalised-without-procedure"
	// CodeNobodyAble: no one on the roster can perform the task.
	CodeNobodyAble Code = "task-without-people"
	// CodeSolePerson: exactly one person can perform the task.
	CodeSolePerson Code = "single-person-task"
	// CodeEscalationConcentrated: one person is the escalation target of
	// more than the allowed share of tasks.
	CodeEscalationConcentrated Code = "escalation-concentrated"
	// CodeTeamTooLarge: a team is over the soft team-size limit.
	CodeTeamTooLarge Code = "team-too-large"
	// CodeOperationTooLarge: the roster is over the soft size limit for a
	// whole operation.
	CodeOperationTooLarge Code = "operation-too-large"
	// CodePersonOverHours: a person is rostered for, or expected to carry,
	// more weekly hours than the limit.
	CodePersonOverHours Code = "person-over-hours"
	// CodePersonTooManyTasks: a person is listed for more tasks than the
	// limit.
	CodePersonTooManyTasks Code = "person-too-many-tasks"
	// CodeToilOverLimit: operations work is over its share of all work.
	CodeToilOverLimit Code = "toil-over-limit"
	// CodeTeamToilOverLimit: one team's operations work is over its share
	// of the team's work.
	CodeTeamToilOverLimit Code = "team-toil-over-limit"
)

// SubjectKind says which kind of object a finding is about.
type SubjectKind uint8

// The subject kinds. The zero value is the roster as a whole.
const (
	OnRoster SubjectKind = iota
	OnRole
	OnPerson
	OnTeam
	OnTask
	OnService
)

var subjectNames = [...]string{OnRoster: "roster", OnRole: "role", OnPerson: "person", OnTeam: "team", OnTask: "task", OnService: "service"}

// String returns "roster", "role", "person", "team", "task" or "service".
func (k SubjectKind) String() string {
	if int(k) < len(subjectNames) {
		return subjectNames[k]
	}
	return "subject(" + strconv.Itoa(int(k)) + ")"
}

// Finding is one problem found by a check. It carries names, not file
// positions: On says which object it is about (its name is in the field of
// that kind), Field which of that object's fields is at fault, and the
// other name fields the parties involved. For example a bridge who is not
// certified is On: OnTask, Field: "bridge", Task: the task, Person: the
// bridge.
type Finding struct {
	// Code says what kind of problem it is.
	Code Code
	// On says which kind of object the finding is about.
	On SubjectKind
	// Field is the subject's field at fault in lower camel case, matching
	// the Go field name ("bridge", "escalatesTo", "members", "shifts"), or
	// "" for the subject as a whole.
	Field string
	// Role, Person, Team, Task and Service name the objects involved, ""
	// where none is.
	Role    string
	Person  string
	Team    string
	Task    string
	Service string
	// Message explains the finding to a person; match on Code, not on it.
	Message string
}

// String returns "code: message".
func (f Finding) String() string { return string(f.Code) + ": " + f.Message }

// Limits are the soft limits the checks compare against. A zero field
// means its default; a negative one switches that check off.
type Limits struct {
	// TeamSize is the most people a team should have (default 7).
	TeamSize int
	// OperationSize is the most people a whole operation should have
	// (default 80).
	OperationSize int
	// EscalationShare is the largest share of escalating tasks that may
	// name the same person (default 0.5).
	EscalationShare float64
	// ToilShare is the largest share operations work may take of all work
	// (default 0.5).
	ToilShare float64
	// WeeklyHours is the most a person should be rostered for, or expected
	// to carry in task effort, per week (default 40h).
	WeeklyHours time.Duration
	// TasksPerPerson is the most tasks one person should be listed for.
	// There is no accepted figure, so zero means no limit.
	TasksPerPerson int
}

// DefaultLimits returns the limits with every default filled in.
func DefaultLimits() Limits { return Limits{}.withDefaults() }

func (l Limits) withDefaults() Limits {
	if l.TeamSize == 0 {
		l.TeamSize = 7
	}
	if l.OperationSize == 0 {
		l.OperationSize = 80
	}
	if l.EscalationShare == 0 {
		l.EscalationShare = 0.5
	}
	if l.ToilShare == 0 {
		l.ToilShare = 0.5
	}
	if l.WeeklyHours == 0 {
		l.WeeklyHours = 40 * time.Hour
	}
	return l
}
