// Package diff reviews a change to an operations design: what changed
// between two revisions, said in operations terms, and which findings the
// change introduces and which it fixes. It is what `opsdesign diff` prints
// on a pull request, where a reviewer would otherwise read a YAML diff.
//
// [Designs] compares two loaded designs and returns a [Report] of typed
// [Change] values, each with its position in both revisions. [Review]
// also lints both revisions (each with the configuration that applies to
// it) and adds the findings introduced and fixed. [LoadDir], [LoadFS] and
// [LoadGit] load a revision with file names relative to a root, so a
// file is matched with itself; LoadGit reads a revision of a git
// repository through the git command. [Report.Write] writes text, JSON or
// Markdown (a pull-request comment: a summary table first, details
// folded).
//
//	old, _ := diff.LoadGit(ctx, top, "origin/main", "ops")
//	new, _ := diff.LoadFS("working tree", os.DirFS(top), "ops")
//	rep := diff.Review(old, new, diff.Options{})
//	rep.Write(os.Stdout, report.Markdown, diff.WriteOptions{})
//	if rep.Fails(catalog.Error) { ... }
//
// # Matching
//
// Documents are matched by kind and name (the n-th of a repeated name with
// the n-th). A document moved to another file or place, with its content
// the same, is no change. A removed and an added document of the same
// kind are a rename when their content is alike: the share of their
// values (each value with its JSON pointer, the name left out) that they
// have in common is at least Options.RenameSimilarity (default 0.5, as
// git's rename detection); the most alike pairs are taken first. The
// renamed document is then compared with its old self, and references to
// it that only follow the new name (a person's "service/task", a role, a
// team's members) are no change. Rename detection compares each removed
// with each added document of a kind; beyond 40,000 pairs it is skipped,
// and a note says so.
//
// Parts of a service are matched by name: offerings, request types,
// tasks, monitors, backups; subjects by type and name; channels by
// channel. Every difference in a matched document is reported: the parts
// the kinds below name are compared for what they mean, and any other
// value that differs is reported as it is, under the area's "changed"
// kind (service/changed, person/changed, document/changed, ...), so no
// edit goes unreported.
//
// # Kinds of change
//
// Each change has a stable kind ID, "area/what"; [Kinds] lists them.
//
//	document/added               a document of any kind was added
//	document/removed             ... removed
//	document/renamed             ... renamed (From and To are the names)
//	document/changed             a value of a document no kind below covers (a Calendar, a Settings document, an OpenSLO object)
//	service/state                the state changed; a change to retired whose retire event is not designed is called out, with the findings at that event
//	service/owner                the owner changed
//	service/hours                the hours that need cover changed
//	service/customer-added       a customer was added
//	service/customer-removed     ... removed
//	service/offering-added       an offering was added
//	service/offering-removed     ... removed
//	service/offering-changed     a value of an offering changed (its request types and objectives are links)
//	service/request-type-added   a request type was added
//	service/request-type-removed ... removed
//	service/request-type-changed a value of a request type changed (channels and task are reported apart)
//	service/channel-added        a request type accepts a new channel; mail, calls and chat that do not become tickets are called out
//	service/channel-removed      ... no longer accepts a channel
//	service/channel-changed      requests by a channel now become tickets, or no longer do
//	service/subject-added        a system, data set, equipment or authority was declared
//	service/subject-removed      ... no longer declared
//	service/task-added           a task was added
//	service/task-removed         ... removed
//	service/task-changed         a value of a task changed: category, action, owner, personalisation, procedure, ...
//	service/monitor-added        a monitor was added
//	service/monitor-removed      ... removed
//	service/monitor-changed      a value of a monitor changed: tool, what it reads, what it affects
//	service/backup-added         a backup was added
//	service/backup-removed       ... removed
//	service/backup-changed       a value of a backup changed: target, schedule, restore
//	service/link-added           a link was made: a monitor and the task acting on it, a task's trigger, a request type and its task, an offering and its request types, objectives held, a lifecycle event and its tasks
//	service/link-removed         ... broken
//	service/changed              another value of a service changed: its value, title, cloud, effort, ...
//	lifecycle/decision           a decision (or an event's not-applicable reason) changed while settled on both sides; From and To are the old and new text
//	lifecycle/gap-opened         an event is no longer designed, a decision is newly open, or a reason was dropped
//	lifecycle/gap-closed         ... the other way round; To is the new answer
//	role/tier                    a role moved to another tier
//	role/abilities               a role's abilities changed
//	role/changed                 another value of a role changed
//	person/role-added            a person took on a role
//	person/role-removed          ... gave one up
//	person/task-added            a person can now do a task
//	person/task-removed          ... no longer
//	person/schedule              a person's time zone, shifts or dated exceptions changed
//	person/changed               another value of a person changed
//	team/member-added            a member joined a team
//	team/member-removed          ... left
//	team/lead                    a team's lead changed
//	team/changed                 another value of a team changed
//	cover/gap-opened             an interval in which nobody able to do some personalised (or depersonalised) work is present, newly
//	cover/gap-closed             ... such an interval covered now
//	cover/truck-factor-dropped   a task only one person (or nobody) can do now, and more could before
//	cover/truck-factor-restored  a task two or more people can do now, and at most one could before
//	objective/tightened          a target raised, a latency threshold or a time-to-event target shortened, a slice target raised
//	objective/loosened           ... the other way round (a lower target says how much the error budget grows)
//	objective/changed            a window, calendar, kind, measure, time slice or severity list changed, a rule added or removed, or another value
//	policy/tightened             tickets reach a stale stage (stale, rotten, close) sooner, or a stage is newly used; a sooner forced close is called out
//	policy/loosened              ... later, or no longer
//	policy/changed               another value of a ticket policy: services, calendar, activity, exemptions, forced close, clock
//
// # Cover
//
// When a document that decides who covers what changed (a service, role,
// person, team, the settings or a calendar), cover is computed for both
// revisions over the coverage window of the new one (Settings spec.roles;
// by default the current week by Options.Now), to the minute, in the
// roster's time zone, and compared task by task: an interval in which a
// task needs cover and nobody able is present in the new revision but not
// in the old is opened; gaps of one class of work that overlap or touch
// are merged, with the tasks uncovered in them. Truck factors are
// compared for every task of the whole operation. A task of a renamed
// service is followed to its new name.
//
// # Findings
//
// Review matches the findings of both revisions as baselines do
// (config.Fingerprint: rule, file, JSON pointer and message, not the
// line), keyed by the document a finding is in rather than its file, so a
// line or a document that moved brings no new finding. A finding whose
// message changed (a renamed document, a different interval) is fixed in
// its old form and introduced in its new one. Report.Fails says whether
// the change introduces a finding at or above a severity: the exit status
// of `opsdesign diff`.
//
// Designs and Review only read the designs; designs loaded by the catalog
// package may be compared concurrently.
package diff
