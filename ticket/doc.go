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
// requester, assignee, escalations, parameters, labels, time spent, and
// its history: every status change (open, in progress, waiting on the
// customer, resolved, closed, reopened; a forced close with a reason
// code), severity change and comment, with who acted (requester, agent or
// bot).
//
// # Import
//
// ReadCSV and ReadJSONL yield tickets one at a time as an iter.Seq2, so an
// export of any size is read in constant memory. A Mapping says which
// columns hold which field; JiraMapping and ZendeskMapping read those
// trackers' usual exports, NativeMapping opsdesign's own layout (the one
// internal/gen writes). Time zones are never guessed: a timestamp without
// a UTC offset needs the mapping's Location. A row that cannot be read
// yields a diag.Diagnostic with the row's line and the column, and the
// rest of the file is still imported: a row over the byte limit (a quoted
// field over many lines included), a column read twice, a value that is
// not UTF-8 (repaired). Exports in UTF-16, as Excel saves "Unicode text",
// are decoded, and lines may end with CRLF or a lone CR.
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
// # SLA clocks
//
// Ticket.Clock gives a ticket's clock for first response, first-response
// completion (初動対応完了) or resolution. Time waiting on the customer is
// paused. A ClockPolicy says what a severity change does (keep the clock,
// or restart it) and how a reopened ticket is measured (continue, restart
// or first resolution). Clock.Judge holds a clock to a target on a
// calendar: elapsed time, business hours, or business days, where a pause
// moves the deadline by the business time it lasted.
//
// # Reports
//
// Review, Inventory and Stale take classified tickets one by one (they
// are Sinks for Process) and keep per-ticket state only for open tickets
// and for misses:
//
//   - Review holds tickets to the design's attainment objectives
//     (DesignObjectives) or to objectives given by the caller: compliance
//     per objective, severity, week and month; every miss, grouped by the
//     reason recorded; misses without a reason or an analysis; the
//     improvement requests to the owner of each service's design; and the
//     same-day answer rate.
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
//     every decision.
//
// Each report writes itself as text, JSON or Markdown.
//
// Measure is the one call a program of your own needs: it sets the
// reports up from a design as `opsdesign tickets` does (the design's
// attainment objectives and its first ticket policy's clock for the
// review, its first calendar's zone for the inventory's periods, its
// TicketPolicy documents for the stale run), makes every report chosen in
// one pass over the tickets, and returns them with the findings of reading
// and classifying the tickets. WriteJSON writes a report with those
// findings as one JSON value; WriteAudit and AppendAudit write the forced
// closes of a stale run as a JSON Lines audit trail.
//
// # Findings
//
// Everything this package reports is a diag.Diagnostic with a stable
// rule ID under "ticket/". They are reported by the importers, the
// Classifier and the reports rather than by a catalog.Linter; Rules
// documents them all so they can be listed with the catalog's rules.
package ticket
