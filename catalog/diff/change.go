package diff

import (
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

// Kind is the stable ID of a kind of change, "area/what": the area is the
// part of the design it is about (document, service, lifecycle, role,
// person, team, cover, objective, policy). The package doc lists them.
type Kind string

// The kinds of change. Their IDs are stable: tools may match on them.
const (
	DocumentAdded   Kind = "document/added"
	DocumentRemoved Kind = "document/removed"
	DocumentRenamed Kind = "document/renamed"
	DocumentChanged Kind = "document/changed"

	ServiceState             Kind = "service/state"
	ServiceOwner             Kind = "service/owner"
	ServiceHours             Kind = "service/hours"
	ServiceCustomerAdded     Kind = "service/customer-added"
	ServiceCustomerRemoved   Kind = "service/customer-removed"
	ServiceOfferingAdded     Kind = "service/offering-added"
	ServiceOfferingRemoved   Kind = "service/offering-removed"
	ServiceOfferingChanged   Kind = "service/offering-changed"
	ServiceRequestAdded      Kind = "service/request-type-added"
	ServiceRequestRemoved    Kind = "service/request-type-removed"
	ServiceRequestChanged    Kind = "service/request-type-changed"
	ServiceChannelAdded      Kind = "service/channel-added"
	ServiceChannelRemoved    Kind = "service/channel-removed"
	ServiceChannelChanged    Kind = "service/channel-changed"
	ServiceSubjectAdded      Kind = "service/subject-added"
	ServiceSubjectRemoved    Kind = "service/subject-removed"
	ServiceTaskAdded         Kind = "service/task-added"
	ServiceTaskRemoved       Kind = "service/task-removed"
	ServiceTaskChanged       Kind = "service/task-changed"
	ServiceMonitorAdded      Kind = "service/monitor-added"
	ServiceMonitorRemoved    Kind = "service/monitor-removed"
	ServiceMonitorChanged    Kind = "service/monitor-changed"
	ServiceBackupAdded       Kind = "service/backup-added"
	ServiceBackupRemoved     Kind = "service/backup-removed"
	ServiceBackupChanged     Kind = "service/backup-changed"
	ServiceLinkAdded         Kind = "service/link-added"
	ServiceLinkRemoved       Kind = "service/link-removed"
	ServiceChanged           Kind = "service/changed"
	LifecycleDecision        Kind = "lifecycle/decision"
	LifecycleGapOpened       Kind = "lifecycle/gap-opened"
	LifecycleGapClosed       Kind = "lifecycle/gap-closed"
	RoleTier                 Kind = "role/tier"
	RoleAbilities            Kind = "role/abilities"
	RoleChanged              Kind = "role/changed"
	PersonRoleAdded          Kind = "person/role-added"
	PersonRoleRemoved        Kind = "person/role-removed"
	PersonTaskAdded          Kind = "person/task-added"
	PersonTaskRemoved        Kind = "person/task-removed"
	PersonSchedule           Kind = "person/schedule"
	PersonChanged            Kind = "person/changed"
	TeamMemberAdded          Kind = "team/member-added"
	TeamMemberRemoved        Kind = "team/member-removed"
	TeamLead                 Kind = "team/lead"
	TeamChanged              Kind = "team/changed"
	CoverGapOpened           Kind = "cover/gap-opened"
	CoverGapClosed           Kind = "cover/gap-closed"
	CoverTruckFactorDropped  Kind = "cover/truck-factor-dropped"
	CoverTruckFactorRestored Kind = "cover/truck-factor-restored"
	ObjectiveTightened       Kind = "objective/tightened"
	ObjectiveLoosened        Kind = "objective/loosened"
	ObjectiveChanged         Kind = "objective/changed"
	PolicyTightened          Kind = "policy/tightened"
	PolicyLoosened           Kind = "policy/loosened"
	PolicyChanged            Kind = "policy/changed"
)

// Kinds returns every kind of change, in the order of the package doc.
func Kinds() []Kind {
	return []Kind{
		DocumentAdded, DocumentRemoved, DocumentRenamed, DocumentChanged,
		ServiceState, ServiceOwner, ServiceHours, ServiceCustomerAdded, ServiceCustomerRemoved,
		ServiceOfferingAdded, ServiceOfferingRemoved, ServiceOfferingChanged,
		ServiceRequestAdded, ServiceRequestRemoved, ServiceRequestChanged,
		ServiceChannelAdded, ServiceChannelRemoved, ServiceChannelChanged,
		ServiceSubjectAdded, ServiceSubjectRemoved,
		ServiceTaskAdded, ServiceTaskRemoved, ServiceTaskChanged,
		ServiceMonitorAdded, ServiceMonitorRemoved, ServiceMonitorChanged,
		ServiceBackupAdded, ServiceBackupRemoved, ServiceBackupChanged,
		ServiceLinkAdded, ServiceLinkRemoved, ServiceChanged,
		LifecycleDecision, LifecycleGapOpened, LifecycleGapClosed,
		RoleTier, RoleAbilities, RoleChanged,
		PersonRoleAdded, PersonRoleRemoved, PersonTaskAdded, PersonTaskRemoved, PersonSchedule, PersonChanged,
		TeamMemberAdded, TeamMemberRemoved, TeamLead, TeamChanged,
		CoverGapOpened, CoverGapClosed, CoverTruckFactorDropped, CoverTruckFactorRestored,
		ObjectiveTightened, ObjectiveLoosened, ObjectiveChanged,
		PolicyTightened, PolicyLoosened, PolicyChanged,
	}
}

// Area returns the part of the design the kind is about: the ID's prefix,
// "service" for "service/state".
func (k Kind) Area() string {
	area, _, _ := strings.Cut(string(k), "/")
	return area
}

// Site is where a change is, on one side: the position of the value and
// its JSON pointer inside its document. A value missing on that side is
// placed at the object that lacks it (Document.At); a document missing on
// that side leaves the Site zero.
type Site struct {
	catalog.Pos
	Path string
}

// IsZero reports whether the change has no place on this side.
func (s Site) IsZero() bool { return s.File == "" && s.Line == 0 }

// Change is one difference between two revisions of a design, said in
// operations terms.
type Change struct {
	Kind Kind
	// Subject names what changed, starting with the document it is in:
	// "Service:coupon-app", "Service:coupon-app task respond-alert",
	// "Person:yamamoto"; cover changes name the class of work.
	Subject string
	// Message says what changed in one line, for people.
	Message string
	// From and To are the old and the new value as text; "" where the
	// value is absent on that side (or the change has no single value).
	From, To string
	// Old and New are where the change is in each revision.
	Old, New Site
	// Attention says why a reviewer should look twice ("retired without a
	// designed retire event"); "" for a routine change.
	Attention string
	// Findings are the findings of the new revision behind the change:
	// for a retirement whose retire event is not designed, the lifecycle
	// findings at that event. Review fills them in; Designs leaves them
	// empty.
	Findings catalog.Diagnostics
	// Gap is the interval of a cover/gap-opened or cover/gap-closed change.
	Gap *CoverGap
	// Truck is the truck factor of a cover/truck-factor-* change.
	Truck *TruckFactor

	wants []Site // where Review looks for Findings
}

// CoverGap is an interval, in the roster's time zone, in which nobody able
// to do some tasks of one class of work is present.
type CoverGap struct {
	Class roles.Personalisation // personalised or depersonalised work
	roles.Interval
	// Tasks are the tasks uncovered in the interval ("service/task"),
	// sorted.
	Tasks []string
}

// TruckFactor is how many people can perform a task, before and after.
type TruckFactor struct {
	Task string `json:"task"` // "service/task"
	Old  int    `json:"old"`
	New  int    `json:"new"`
	// People are those who can still perform it, in the new revision.
	People []string `json:"people"`
}

// Report is what changed between two revisions of a design: the changes
// in operations terms and, from Review, the findings the new revision
// introduces and those it fixes.
type Report struct {
	// Old and New name the revisions: paths, git revisions.
	Old, New string
	// Changes come by document, in the order of the new revision (removed
	// documents after), each document's in a fixed order of its parts;
	// design-wide changes (cover) come last.
	Changes []Change
	// Linted reports whether both sides were linted: Review sets it,
	// Designs does not, and then Introduced and Fixed are empty.
	Linted bool
	// Introduced are the findings of the new revision the old one does not
	// have; Fixed those of the old revision the new one no longer has.
	// Findings are matched by rule, document, JSON pointer and message
	// (config.Fingerprint), not by line: a moved line or document is not a
	// new finding.
	Introduced, Fixed catalog.Diagnostics
	// Notes say what was not compared, and why.
	Notes []string
}

// Fails reports whether the change introduces a finding at least as grave
// as the threshold; a zero threshold never fails.
func (r *Report) Fails(threshold catalog.Severity) bool {
	return threshold > 0 && r.Introduced.Count(threshold) > 0
}

// Options tune Designs and Review. The zero value works.
type Options struct {
	// Rules are the rules Review lints both revisions with; nil means
	// every built-in rule, rules.All() of package catalog/rules.
	Rules []catalog.Rule
	// Now is the clock of the rules and of the cover window (the period
	// Settings spec.roles sets, by default the current week); nil means
	// time.Now.
	Now func() time.Time
	// RenameSimilarity is how alike, from 0 to 1, a removed and an added
	// document of the same kind must be for the pair to count as a rename;
	// 0 means DefaultRenameSimilarity.
	RenameSimilarity float64
}

// DefaultRenameSimilarity is the similarity above which a removed and an
// added document are a rename, as git's default for files.
const DefaultRenameSimilarity = 0.5

// maxRenamePairs bounds the pairs of removed and added documents of one
// kind compared for renames: each comparison walks two documents.
const maxRenamePairs = 40_000

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) similarity() float64 {
	if o.RenameSimilarity > 0 {
		return o.RenameSimilarity
	}
	return DefaultRenameSimilarity
}
