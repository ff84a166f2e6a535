// Package render writes a design's service catalog for people: the
// provider and the customers who talk, through it, about what is delivered
// and what it costs.
//
// [Markdown] writes it for a repository or a wiki; [HTML] writes one
// self-contained page (inline CSS, no scripts, no external assets) that
// can be mailed, attached or printed. Both show the same things, in the
// order of the design:
//
//   - a lifecycle matrix: every service and every subject it declares,
//     against the five events (new 新規, use 利用, change 変更, suspend 停止,
//     retire 廃止), each cell covered, a gap, or not applicable;
//   - per service: its state, owner (resolved to the role, person or team's
//     title), customers, value, hours, effort and cloud provider; the service
//     levels it is held to (target, window, how each kind of ticket is
//     timed); its offerings and their objectives; and its request types with
//     their channels and their parameter sheets as tables (field, type,
//     required, allowed values or pattern).
//
// Given evaluations of the design's objectives (Options.Evaluations, as
// sloreport.EvaluateAll returns them), both pages say how each objective
// stands, and the HTML page draws its error budget over the period and
// its SLI per day as inline SVG charts. [EvaluationHTML] writes the
// evaluations of one run of slo eval as a page of their own: per
// objective its standing, alert tiers and error-budget policy, three
// charts ([BudgetChart], [SLIChart], [BurnChart]: the budget left, the SLI
// per day against the target, each tier's burn rate with its firings
// shaded) and its days, weeks and firings as tables. The charts are SVG
// drawn with attributes only (no scripts, no classes, no fonts to fetch),
// so they look the same in a mail; every text in them is escaped.
//
// [ScoresText] and [ScoresJSON] write the levels services reach on the
// design's scorecards, each failing check at its position, as
// `opsdesign scorecard` prints them.
//
// Output is deterministic: the same design always renders the same bytes.
// Rendering only reads the design; a design with findings renders what
// was loaded, with unresolved references shown as written.
package render
