// Package slo measures service levels the way an operations team promises
// them: response and resolution times per severity on business calendars,
// availability ratios, and the error budgets and alerts that follow. It is
// pure domain code: it reads no files and knows no document format; the
// catalog package maps design documents onto these types and positions the
// findings of [Objective.Check].
//
// # SLI, SLO, error budget
//
// A service-level indicator (SLI) is a measured fraction: good events over
// all events, good time slices over all slices, or tickets handled in time
// over all tickets decided. A service-level objective (SLO) is a [Target]
// for that fraction over a [Window], such as 99.9% of requests over 30
// days or 95% of tickets answered in time each month.
//
// The error budget is what the target leaves: with 99.9%, one event in a
// thousand may go wrong. [Budget] reports it in the objective's own units
// (events, slices, tickets): the total the period may spend, what has been
// consumed, what remains. While a calendar month is under way, its total is
// projected from the traffic so far.
//
// # Burn rate and alerts
//
// The burn rate is how fast the budget is being spent, relative to the
// pace that would spend it exactly by the end of the period: the bad ratio
// over a window divided by 1 - target. A burn rate of 1 uses the whole
// budget in exactly one period; 14.4 uses a 30-day budget in 50 hours,
// 2% of it in one hour.
//
// Alerting follows the multiwindow, multi-burn-rate method of Google's SRE
// workbook ("Alerting on SLOs"): a tier fires when the burn rate over a
// long window and over a short window (1/12 of the long one) both reach
// its threshold. The long window makes the alert significant, the short one
// makes it stop soon after the problem does. For a 30-day period the
// workbook pages at 14.4 over 1 hour (2% of the budget) and at 6 over 6
// hours (5%), and files a ticket at 1 over 3 days (10%); a common variant
// adds a ticket at 3 over 1 day (10%). [WorkbookTiers] derives the same
// tiers for any period by keeping the budget fractions and scaling the
// windows by period / 30 days, which keeps the thresholds 14.4, 6, 3 and 1.
// [Report] gives each tier's burn rates and state, and how long the budget
// lasts at the current pace.
//
// # Time slices
//
// A time-slice objective cuts time into slices of its Slice length on a
// fixed grid. For a rolling window the grid starts at the Unix epoch in
// UTC (00:00, 00:05, 00:10, ... for 5-minute slices), so it does not move
// with the instant evaluated; for a calendar window it starts at the
// period's start in the calendar's zone (a month's first midnight). Each
// slice is judged once it has ended: good when its ratio of good events
// reaches SliceTarget, bad otherwise, and counted at its last instant. A
// slice still in progress at the instant evaluated is not judged at all,
// neither good nor bad, and neither is a slice without events. So a slice
// belongs to the period, and to an alert window, that its end falls in; a
// slice straddling a rolling period's start is judged on all its events.
// A slice that does not divide the period leaves a last slice straddling
// the next one (slo check reports it), and an alert window shorter than a
// slice holds at most one judged slice (reported too).
//
// # Values that are not numbers
//
// A 100% target has a budget of zero: one failure makes the burn rate and
// the consumed fraction infinite, and what remains negative infinity; a
// day without events has no SLI. Every report writes these values the same
// way in every format ([FormatNumber]): "+Inf", "-Inf" and "undefined",
// as JSON strings where a finite value is a JSON number, never an encoding
// error or a capped number. When the budget runs out is an RFC 3339
// timestamp at the current burn rate, [Exhausted] once it is spent, or
// [NotProjected] when nothing burns it; never empty.
//
// # Counts, series and policies
//
// Teams that have metrics rather than request logs give [Count] values,
// good and total at an instant ([Objective.CountsEvaluation]); a log of
// events is turned into the same counts ([Objective.Counts]), so both are
// evaluated alike. [Objective.Series] says how an objective moved over its
// period: SLI and budget per day and per week, budget left and burn rates
// at regular instants, and when each tier started and stopped firing.
// A [BudgetPolicy] says what a team does as the budget runs low;
// [BudgetPolicy.Apply] tells which of its steps are in force, since when,
// and when the next one comes at the current pace.
//
// # Business time
//
// Support desks promise times in business time: "first response within 4
// business hours", "resolution within one business day". A [Calendar] says
// when the organisation works: a time zone, weekly shifts (several a day
// for a lunch break, or running past midnight for a night shift), national
// holidays (Japan's, precomputed for 1990-2100 from github.com/rickar/cal),
// yearly closures such as the year-end break 12-29..01-03, and extra closed
// or working dates. A [Duration] is elapsed time ("4h"), business time
// ("8bh": eight hours of open time) or business days ("1bd").
//
// "Within N business days" of an instant t has this exact meaning (see
// [Calendar.BusinessDayDeadline]): find the business day t belongs to, the
// day whose shift contains t, or, when t is outside working hours, the day
// of the next opening; then step forward N business days, skipping
// weekends, holidays and closures; the deadline is the close of that day's
// last shift. Within one business day of Friday 10:00 is Monday's close;
// of Friday 19:00, after hours, it is Tuesday's close. "Within 0 business
// days" is the close of the same business day.
//
// All calendar arithmetic runs on wall-clock shifts turned into real
// instants, so it stays right across daylight-saving changes: a 09:00-17:00
// day is eight hours even on a 23-hour day, while a 22:00-06:00 night shift
// is seven or nine hours on the night the clocks change.
//
// # Objectives
//
// An [Objective] is one of three kinds. A ratio objective counts [Event]
// values (good or bad, or a latency against a threshold). A time-slice
// objective judges each slice of time by its ratio, as OpenSLO's
// Timeslices budgeting does. An attainment objective measures [Outcome]
// values (tickets) against time-to-event targets chosen by [Rule] values,
// first match wins, typically by severity. Evaluation takes the current
// instant explicitly, so a test can pin the clock.
//
// # Reports
//
// [Objective.Evaluation] evaluates events into an [Evaluation], the report
// `opsdesign slo eval` prints: the SLI, the budget, the burn rate over the
// period and over each tier's windows, the firing tiers and how long the
// budget lasts. Its struct tags give its JSON form and
// [Evaluation.WriteText] writes it for people; no other file format lives
// here. [Objective.AlertTiers] tells which tiers an objective alerts with
// before it is evaluated, and [AlertTier.Summary] lists a tier as reports
// do.
//
// # Checks
//
// [Objective.Check] finds designs that silently fail: an alert whose burn
// threshold can never be reached (above 1 / (1 - target)), a short window
// not shorter than its long window, a time slice that does not divide the
// period, a target on the wrong scale, severities with no target, and rules
// that an earlier rule shadows. Each [Finding] has a stable code.
//
// # Concurrency
//
// Calendars are immutable and safe for concurrent use; holiday tables are
// built once, on first use, and only read afterwards. Objectives are plain
// values: evaluating one does not modify it.
package slo
