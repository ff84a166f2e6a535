// Package roles models who does operations work, and when: the role
// taxonomy of an operations organisation, the people and their shifts, and
// the analyses that show where the organisation depends on luck.
//
// # Personalised and depersonalised work
//
// Some operations work should depend on a particular person. Deciding what
// to propose to a customer, resolving an incident nobody has seen before or
// setting a technical direction need judgement and flexibility; writing
// such work down as steps would lose what makes it valuable. Other work
// should depend on nobody in particular: checking last night's backups or
// restarting a known service must come out the same whoever does it, at
// three in the morning, years from now. The first kind is personalised
// work (属人), the second depersonalised work (非属人). A healthy operation
// has both, and knows which is which.
//
// # The six tiers
//
// Roles sit on six tiers, from most personalised (1) to most
// depersonalised (6). Tier is the value type; BuiltinRoles lists the
// example roles:
//
//  1. overall-management: the operations manager, who answers for
//     operations as a whole.
//  2. overall-optimisation: the architect, who designs operations on site,
//     and the VPoE, who builds the organisation and its people.
//  3. service-enhancement: sales, who propose what customers need, and
//     support, who understand what customers ask.
//  4. technical-enhancement: rescue, who resolve problems fast; the tech
//     lead, who sets technical direction; implementation, who apply the
//     company's technology to concrete cases.
//  5. certified: the certified engineer, the bridge between the two kinds
//     of work.
//  6. associate: the associate member, who performs depersonalised work
//     correctly.
//
// Teams add their own roles (Role) by placing them on a tier.
//
// # The bridge
//
// Continuity depends on tier 5. A certified engineer takes know-how that
// lives in someone's head and turns it into a procedure an associate can
// follow. That takes three explicit abilities (Abilities): logic, to state
// the work so that it is demonstrably right; abstraction, to model it so
// it is easy to handle; and concretisation, to fit the model back to the
// real system. The first step is always a proper procedure manual.
//
// So a personalised Task must name its Bridge, a person holding a
// certified-tier role who is depersonalising it, or give a PersonalReason
// why it stays personal on purpose; a depersonalised Task must name its
// Procedure. CheckTasks reports tasks that do neither.
//
// # Cover around the clock
//
// A provider that runs a service 24 hours a day, 365 days a year keeps
// people able to do the personalised work and people able to do the
// depersonalised work present at every hour. Roster.Coverage checks that:
// it turns every person's weekly shifts (Week, several intervals a day,
// overnight and across the week's end) and dated exceptions (leave, extra
// shifts) into real instants in their time zone, and reports every
// interval in which some task has nobody present who can do it, split into
// the two classes of work and per task. A service that promises business
// hours only (Service.Hours) needs cover only then. Because shifts are
// read as wall-clock times, a night across a daylight-saving change is an
// hour shorter or longer, and the gaps say so.
//
// # Truck factors, escalation and load
//
// A task only one person can do stops when that person is ill, leaves or
// is hit by the proverbial truck. Roster.TruckFactors counts, per task and
// per service, how many people must be gone before nobody can do the work,
// and names the sole person behind each single-person task.
// Roster.Escalations finds tasks that all escalate to the same person,
// whether they name the person or a role only that person holds or a team
// of one (a Ref names a person, a role or a team). Roster.Load compares
// people's hours and the size of teams with soft limits: beyond about 7
// people a team stops working as one, and beyond about 80 an operation
// needs to be split. Roster.Toil compares operations work with improvement
// work against the 50% line, for the whole operation and for each team
// (through the tasks' owners): a team that spends more than half its time
// keeping things running has no time left to make them run better, however
// much improvement another team does. Limits holds all those thresholds.
//
// # Reports
//
// NewRosterReport puts cover and truck factors together for people and
// tools: the covered share of each class of work, every gap, a grid of
// days by hours (Coverage.HourGrid, which tells an hour that needs no
// cover from a covered one by the Demand for cover), the truck factor of
// every task and service, and the size of every team. Its struct tags give
// its JSON form; WriteText writes it as text. It is what `opsdesign roles`
// prints, through catalog.Roster.Report.
//
// # Results
//
// Analyses return typed results and Findings. A Finding names the task,
// person, team or service concerned and carries a stable Code; it has no
// file position, because this package knows nothing about files. The
// catalog package, which reads design documents, maps findings back to
// the place in the YAML that causes them.
//
// The compact text forms (ParseWeek, ParseException, ParseTier, …) accept
// Japanese day names and punctuation as well as English, and every parse
// error is a *ParseError giving the byte offset of the problem.
package roles
