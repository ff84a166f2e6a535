// Package ticket measures a team's tickets against its operations design:
// which service and request type each belongs to, whether it came the way
// the design accepts, how long its SLA clocks ran on the objective's
// business calendar, which tickets missed and why, what the catch-all
// "other" (その他) hides, and which open tickets the stale policy marks
// and closes.
//
// # Tickets
//
// A Ticket is what a tracker records: its service, request type, category,
// severity, channel (form, chat, e-mail, phone, monitoring alert, ...),
// customer, requester, assignee, escalations, parameters, labels, time
// spent, resolution, and its history: every status change (open, in
// progress, waiting on the customer, resolved, closed, reopened; a forced
// close with a reason code), severity change and comment, with who acted
// (requester, agent or bot).
//
// # Import
//
// ReadCSV and ReadJSONL yield tickets one at a time as an iter.Seq2, so an
// export of any size is read in constant memory. A Mapping says which
// columns hold which field and how the tracker spells its values. Mappings
// are TicketMapping documents (YAML, apiVersion opsdesign/v1) loaded with
// positions like every other document: ReadMapping reads one from a file,
// NewMapping builds one from a loaded catalog.Document, and Preset gives
// the built-in ones, "native" (opsdesign's own layout, the one
// internal/gen writes), "jira" (Jira and Jira Service Management, English
// and Japanese locale) and "zendesk" (Zendesk Support, with its
// type-suffixed custom fields and its duration columns), which are such
// documents embedded in the package (mappings/*.yaml; docs/ticket-mappings.md
// shows them). Every mistake in a mapping is a diagnostic at its line.
//
// Package ticket/slack yields the inquiries of a Slack channel used as an
// inquiry desk as tickets (Ticket.Link is the message's permalink), read
// from a workspace export through the mapping's slack section.
//
// Time zones are never guessed: a timestamp without a UTC offset needs
// the mapping's Location. A row that cannot be read yields a
// diag.Diagnostic at the line and character column of the field
// concerned (or column 0 for the row as a whole), and the rest of the file
// is still imported: a row over the byte limit (a quoted field over many
// lines included), a column read twice, a value that is not UTF-8
// (repaired). A column the mapping names that the header lacks, a status,
// priority or other value the mapping does not know, and a field that
// cannot be read are each a finding with a rule ID; nothing is dropped
// without one. Tally counts the rows read, imported and skipped, per
// reason. Exports in UTF-16, as Excel saves "Unicode text", are decoded,
// and lines may end with CRLF or a lone CR.
//
// # Classification
//
// A Classifier places each ticket in a design's catalog: its service and
// request type (by name or title; tickets with no type, or an unknown one,
// go to the service's catch-all), the channels the type accepts, and its
// parameters against the type's parameter sheet, a JSON Schema compiled
// once. A chat request that never got its required parameters is
// reported as ticket/missing-parameter.
//
// # Definitions
//
// The reports count by these definitions; an independent recomputation
// that follows them must agree with them on every ticket.
//
// As of an instant. Every report is made as of an instant N (the -now of
// the command line; by default the latest instant any ticket records).
// A ticket created after N is left out and counted as such. A ticket
// created at or before N is judged by its history up to N only
// (Ticket.AsOf): activities after N, a first-response completion after N
// and escalations after N are ignored, as if the export had been taken at
// N. Its status as of N is the status of its last activity at or before N
// that sets one (open when there is none). Values without a time (title,
// labels, parameters, time spent, miss notes) are taken as exported.
//
// Answer. An agent's action answers a ticket: an activity whose actor is
// an agent, whatever it is (a comment, a status change, a close, a forced
// close), or an activity whose actor the export does not record that
// resolves or closes the ticket and is not forced (the columns of a
// tracker without a history: its resolution counts as the team's). A
// bot's activity (an automatic reply, an automatic or forced close) and
// the requester's never answer.
//
// First response. The clock runs from the creation to the first answer.
// When the ticket is resolved or closed before any answer by something
// that is not an answer (a bot's close, the requester withdrawing, a
// forced close by anyone but an agent), the clock stops there unanswered
// (Clock.Abandoned).
//
// First-response completion (初動対応完了). From the creation to the
// completion the tracker records (Ticket.Completed, when at or after the
// clock's start), else to the first resolution or close; abandoned when
// that close is forced.
//
// Resolution. From the creation to the final resolution: the first entry
// into resolved or closed that no reopening follows (ClockPolicy
// ReopenContinue, the default); to the first resolution (ReopenFirst); or
// from the last reopening to the resolution after it (ReopenRestart). A
// resolution by a forced close stops the clock abandoned.
//
// Pause. A clock does not count the stretches a ticket spends in the
// waiting status (waiting on the customer; a mapping maps each tracker
// status that stops the clock to waiting) between its start and its stop,
// nor, for the resolution under ReopenContinue, the stretches between a
// resolution and the reopening after it. A tracker that exports only the
// total time in each status (Zendesk's minutes columns, Mapping.StatusTime)
// gets the total of its statuses that map to waiting as one pause, placed
// last: it ends at the ticket's final resolution when it is resolved, else
// at its last status change (its last update), and it begins no earlier
// than the status change before that (its first response, typically) or
// its creation; a longer total is cut to fit (ticket/timing-mismatch).
//
// Target, budget and deadline. An elapsed target (30m) allows that much
// wall time; a business-hours target (4bh) that much business time on
// the objective's calendar; a business-day target (1bd) the business time
// from the clock's start to the close of the n-th business day after the
// business day of the start (slo.Calendar.BusinessDayDeadline: a start
// after hours belongs to the next opening's day), so that a pause moves
// the deadline by the business time it lasted. Counted time is the time on that calendar
// (wall time for elapsed targets) from the start to the stop, or to N
// while the clock runs, minus the pauses. The deadline is the instant the
// counted time reaches the budget, given the pauses; a clock paused with
// no end in sight has no deadline.
//
// Verdict. For each objective that holds a ticket and gives it a target
// (the first rule matching its severity as of the verdict), as of N:
// excluded when the ticket is resolved or closed as of N with a
// resolution the mapping maps to an exclusion (duplicate, won't do,
// spam, ...), or when its clock stopped abandoned within the budget; else
// met when the clock stopped at or before N within the budget; else
// missed when the counted time exceeds the budget; else pending. Late is
// the counted time beyond the budget of a missed verdict, zero otherwise.
// A met verdict is dated at the stop, a missed one at the deadline (the
// weeks and months of the review).
//
// Same-day answer. A ticket counts toward the same-day answer rate once
// it is decided as of N: answered by N, or its same-day deadline passed by
// N, or resolved or closed by N. It is answered the same day when its
// first answer came at or before the close of the business day it arrived
// on (the next business day's close when it arrived after hours), on the
// calendar of the first objective holding it that has one (else the
// review's ReviewConfig.Calendar, else UTC days). Excluded tickets do not
// count.
//
// Due. A ticket is due before an instant B when it is open as of N and,
// for an objective whose clock has not stopped by N, its deadline falls
// before B; overdue when that deadline is before N. Tickets paused with
// no deadline are not due.
//
// # SLA clocks
//
// Ticket.Clock gives a ticket's clock for first response, first-response
// completion or resolution, by the definitions above. A ClockPolicy says
// what a severity change does (keep the clock, or restart it) and how a
// reopened ticket is measured (continue, restart or first resolution).
// Clock.Judge holds a clock to a target on a calendar.
//
// # Reports
//
// Review, Inventory and Stale take classified tickets one by one (they
// are Sinks for Process) and keep per-ticket state only for open tickets
// and for misses:
//
//   - Review holds tickets to the design's attainment objectives
//     (DesignObjectives) or to objectives given by the caller: compliance
//     per objective, severity, week and month, and on request per
//     customer, assignee, hour of day and shift (Dimension); every miss,
//     grouped by the reason recorded; misses without a reason or an
//     analysis; the improvement requests to the owner of each service's
//     design; the same-day answer rate; every ticket's verdicts
//     (ReviewConfig.Verdicts); the tickets due before an instant
//     (ReviewConfig.DueBefore).
//   - Inventory counts tickets and effort per service and request type,
//     follows the share of the catch-all "other" per month or week,
//     proposes the recurring requests inside it as request types (from the
//     words of their titles, Japanese included: see Terms), and proposes
//     retiring services nobody files tickets for.
//   - Stale applies a design's TicketPolicy documents: thresholds in
//     business days, stale then rotten then force-closed, exemptions by
//     label and category, per-category thresholds, whose activity counts,
//     a weekly list per assignee, forced closes with reason codes and an
//     audit trail, forced closes counted per person, and a warning when
//     fewer tickets are filed after a forced-close run. A dry run explains
//     every decision. The forced closes already in the audit trail
//     (StaleConfig.Closed) count as the tickets' history, so a second run
//     over the same export closes nothing again.
//
// Each report writes itself as text, JSON or Markdown, listings cut at a
// limit with an "and N more" line (WriteOptions); the review's tickets
// also as CSV (WriteVerdictsCSV). ServiceReport is an MSP's monthly
// service report for one customer, in Markdown or in HTML on the
// catalog's page (package catalog/render).
//
// Measure is the one call a program of your own needs: it sets the
// reports up from a design as `opsdesign tickets` does (the design's
// attainment objectives and its first ticket policy's clock for the
// review, its first calendar's zone for the inventory's periods, its
// TicketPolicy documents for the stale run), makes every report chosen in
// one pass over the tickets, and returns them with the findings of reading
// and classifying the tickets and the tally of the rows. WriteJSON writes
// a report with those findings as one JSON value; WriteAudit, ReadAudit
// and AppendAudit write and read the forced closes of a stale run as a
// JSON Lines audit trail.
//
// # Findings
//
// Everything this package reports is a diag.Diagnostic with a stable
// rule ID under "ticket/". They are reported by the importers, the
// mapping reader, the Classifier and the reports rather than by a
// catalog.Linter; Rules documents them all so they can be listed with the
// catalog's rules.
package ticket
