package ticket

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// Format names an output format of the reports.
type Format string

// The formats.
const (
	Text     Format = "text"
	JSON     Format = "json"
	Markdown Format = "markdown"
)

// ErrUnknownFormat is returned (wrapped) for a format the writers do not
// know.
var ErrUnknownFormat = errors.New("ticket: unknown format")

// ParseFormat reads "text", "json" or "markdown" (or "md").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "":
		return Text, nil
	case "json":
		return JSON, nil
	case "markdown", "md":
		return Markdown, nil
	}
	return "", fmt.Errorf("%w %q (want text, json or markdown)", ErrUnknownFormat, s)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func pct(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02 15:04 MST")
}

// mdCell escapes a table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\n", " ")
	if s == "" {
		return " "
	}
	return s
}

// table writes a Markdown table.
func table(w io.Writer, head []string, rows [][]string) {
	fmt.Fprintf(w, "| %s |\n", strings.Join(head, " | "))
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(seps, " | "))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = mdCell(c)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	fmt.Fprintln(w)
}

// Write writes the review in a format.
func (r *ReviewReport) Write(w io.Writer, f Format) error {
	return writeReport(w, f, r, r.text, r.markdown)
}

func (r *ReviewReport) text(w io.Writer) {
	fmt.Fprintf(w, "SLO review as of %s: %d tickets (clock: severity change %s, reopen %s)\n",
		stamp(r.Now), r.Tickets, r.Clock.OnSeverityChange, r.Clock.OnReopen)
	for _, o := range r.Objectives {
		if o.held() == 0 {
			fmt.Fprintf(w, "\nobjective %s (%s, target %s): no ticket held to it\n", o.Name, o.Measure, o.Target)
			continue
		}
		state := "attained"
		if !o.Attained {
			state = "NOT attained"
		}
		fmt.Fprintf(w, "\nobjective %s (%s, target %s): %s, %s — %d met, %d missed, %d pending, %d excluded, %d without target\n",
			o.Name, o.Measure, o.Target, pct(o.Compliance), state, o.Met, o.Missed, o.Pending, o.Excluded, o.Unmatched)
		for _, s := range o.Severities {
			fmt.Fprintf(w, "  severity %-10s %7s  (%d met, %d missed, %d pending)\n", s.Severity, pct(s.Compliance), s.Met, s.Missed, s.Pending)
		}
		for _, p := range o.Months {
			fmt.Fprintf(w, "  month %s %7s  (%d met, %d missed)\n", p.Start.Format("2006-01"), pct(p.Compliance), p.Met, p.Missed)
		}
		for _, p := range o.Weeks {
			fmt.Fprintf(w, "  week  %s %7s  (%d met, %d missed)\n", day(p.Start), pct(p.Compliance), p.Met, p.Missed)
		}
	}
	if r.SameDay != nil {
		fmt.Fprintf(w, "\nsame-day answers: %s (%d of %d)\n", pct(r.SameDay.Rate), r.SameDay.Answered, r.SameDay.Tickets)
		for _, s := range r.SameDayByService {
			fmt.Fprintf(w, "  %-20s %7s (%d of %d)\n", s.Service, pct(s.Rate), s.Answered, s.Tickets)
		}
	}
	fmt.Fprintf(w, "\nmisses: %d (%d without a reason, %d without analysis)\n", len(r.Misses), r.Unexplained, r.Unanalysed)
	for _, rc := range r.MissesByReason {
		reason := rc.Reason
		if reason == "" {
			reason = "(no reason recorded)"
		}
		fmt.Fprintf(w, "  %3d  %s\n", rc.Misses, reason)
	}
	for _, m := range r.Misses {
		fmt.Fprintf(w, "  %s %s [%s] %s late (target %s, deadline %s): %s\n", m.Ticket, m.Objective, m.Severity,
			time.Duration(m.Late).Round(time.Minute), m.Target, stamp(m.Deadline), orDash(m.Note.Reason))
	}
	if len(r.Improvements) > 0 {
		fmt.Fprintf(w, "\nimprovement requests: %d\n", len(r.Improvements))
		for _, ir := range r.Improvements {
			fmt.Fprintf(w, "  to %s (service %s), %s:\n    problem: %s\n    improvement: %s\n    tickets: %s\n",
				orDash(ir.Owner), ir.Service, orDash(ir.Reason), orDash(ir.Problem), orDash(ir.Improvement), strings.Join(ir.Tickets, ", "))
		}
	}
	writeFindingsText(w, r.Diagnostics)
}

// held counts the tickets an objective held.
func (o ObjectiveReport) held() int { return o.Met + o.Missed + o.Pending + o.Excluded + o.Unmatched }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (r *ReviewReport) markdown(w io.Writer) {
	fmt.Fprintf(w, "# SLO review\n\nAs of %s, %d tickets. Clock policy: severity change **%s**, reopen **%s**.\n\n",
		stamp(r.Now), r.Tickets, r.Clock.OnSeverityChange, r.Clock.OnReopen)
	for _, o := range r.Objectives {
		if o.held() == 0 {
			fmt.Fprintf(w, "## %s\n\n%s, target %s: no ticket held to it.\n\n", o.Name, o.Measure, o.Target)
			continue
		}
		fmt.Fprintf(w, "## %s\n\n%s, target %s: **%s** (%d met, %d missed, %d pending, %d excluded, %d without target).\n\n",
			o.Name, o.Measure, o.Target, pct(o.Compliance), o.Met, o.Missed, o.Pending, o.Excluded, o.Unmatched)
		var rows [][]string
		for _, s := range o.Severities {
			rows = append(rows, []string{s.Severity, pct(s.Compliance), fmt.Sprint(s.Met), fmt.Sprint(s.Missed), fmt.Sprint(s.Pending)})
		}
		table(w, []string{"severity", "compliance", "met", "missed", "pending"}, rows)
		rows = nil
		for _, p := range o.Months {
			rows = append(rows, []string{"month " + p.Start.Format("2006-01"), pct(p.Compliance), fmt.Sprint(p.Met), fmt.Sprint(p.Missed), yes(p.Attained)})
		}
		for _, p := range o.Weeks {
			rows = append(rows, []string{"week of " + day(p.Start), pct(p.Compliance), fmt.Sprint(p.Met), fmt.Sprint(p.Missed), yes(p.Attained)})
		}
		table(w, []string{"period", "compliance", "met", "missed", "attained"}, rows)
	}
	if r.SameDay != nil {
		fmt.Fprintf(w, "## Same-day answers\n\n**%s** (%d of %d).\n\n", pct(r.SameDay.Rate), r.SameDay.Answered, r.SameDay.Tickets)
		var rows [][]string
		for _, s := range r.SameDayByService {
			rows = append(rows, []string{s.Service, pct(s.Rate), fmt.Sprint(s.Answered), fmt.Sprint(s.Tickets)})
		}
		table(w, []string{"service", "rate", "answered", "tickets"}, rows)
	}
	fmt.Fprintf(w, "## Misses\n\n%d misses, %d without a reason, %d without analysis.\n\n", len(r.Misses), r.Unexplained, r.Unanalysed)
	var rows [][]string
	for _, rc := range r.MissesByReason {
		rows = append(rows, []string{cmpOr(rc.Reason, "(no reason recorded)"), fmt.Sprint(rc.Misses), strings.Join(rc.Tickets, ", ")})
	}
	table(w, []string{"reason", "misses", "tickets"}, rows)
	rows = nil
	for _, m := range r.Misses {
		rows = append(rows, []string{m.Ticket, m.Objective, m.Severity, m.Target, time.Duration(m.Late).Round(time.Minute).String(), stamp(m.Deadline), m.Note.Reason})
	}
	table(w, []string{"ticket", "objective", "severity", "target", "late", "deadline", "reason"}, rows)
	if len(r.Improvements) > 0 {
		fmt.Fprintf(w, "## Improvement requests\n\n")
		rows = nil
		for _, ir := range r.Improvements {
			rows = append(rows, []string{ir.Owner, ir.Service, ir.Reason, ir.Problem, ir.Improvement, strings.Join(ir.Tickets, ", ")})
		}
		table(w, []string{"to", "service", "reason", "problem", "improvement", "tickets"}, rows)
	}
	writeFindingsMarkdown(w, r.Diagnostics)
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func writeFindingsMarkdown(w io.Writer, diags diag.List) {
	if len(diags) == 0 {
		return
	}
	fmt.Fprintf(w, "## Findings\n\n")
	var rows [][]string
	for _, d := range diags {
		rows = append(rows, []string{d.Pos.String(), d.Severity.String(), d.Rule, d.Message})
	}
	table(w, []string{"where", "severity", "rule", "finding"}, rows)
}

func writeFindingsText(w io.Writer, diags diag.List) {
	if len(diags) == 0 {
		return
	}
	fmt.Fprintf(w, "\nfindings: %d\n", len(diags))
	for _, d := range diags {
		fmt.Fprintln(w, d)
	}
}

// Write writes the inventory in a format.
func (r *InventoryReport) Write(w io.Writer, f Format) error {
	return writeReport(w, f, r, r.text, r.markdown)
}

func serviceLabel(s ServiceUsage) string {
	name := cmpOr(s.Service, "(no service)")
	if !s.Known {
		name += " (not in the catalog)"
	}
	return name
}

func typeLabel(t TypeUsage) string {
	switch {
	case t.Unclassified:
		return "(unclassified: other)"
	case t.CatchAll:
		return t.RequestType + " (catch-all)"
	}
	return cmpOr(t.RequestType, "(none)")
}

func (r *InventoryReport) text(w io.Writer) {
	fmt.Fprintf(w, "ticket inventory %s .. %s: %d tickets, %s effort\n", day(r.From), day(r.Now), r.Tickets, time.Duration(r.Effort))
	for _, s := range r.Services {
		fmt.Fprintf(w, "\n%s: %d tickets (%s), %s, last %s\n", serviceLabel(s), s.Tickets, pct(s.Share), time.Duration(s.Effort), day(s.Last))
		for _, t := range s.RequestTypes {
			fmt.Fprintf(w, "  %-32s %6d  %s\n", typeLabel(t), t.Tickets, time.Duration(t.Effort))
		}
	}
	o := r.Other
	trend := "not growing"
	if o.Growing {
		trend = "GROWING"
	}
	fmt.Fprintf(w, "\nother: %d tickets, %s of all; trend %+.1f points per period, %s\n", o.Tickets, pct(o.Share), 100*o.Slope, trend)
	for _, p := range o.Periods {
		fmt.Fprintf(w, "  %s  %6s  (%d of %d)\n", day(p.Start), pct(p.Share), p.Other, p.Tickets)
	}
	if len(r.Proposals) > 0 {
		fmt.Fprintf(w, "\nproposed request types (recurring in other):\n")
		for _, p := range r.Proposals {
			fmt.Fprintf(w, "  %-30s %d tickets (%s of other), e.g. %s\n", p.Name, p.Tickets, pct(p.Share), strings.Join(p.Examples, ", "))
		}
	}
	if len(r.Retire) > 0 {
		fmt.Fprintf(w, "\nproposed for retirement:\n")
		for _, rt := range r.Retire {
			fmt.Fprintf(w, "  %s (%s): %s, %d days\n", rt.Service, rt.State, rt.Reason, rt.IdleDays)
		}
	}
	writeFindingsText(w, r.Diagnostics)
}

func (r *InventoryReport) markdown(w io.Writer) {
	fmt.Fprintf(w, "# Ticket inventory\n\n%s to %s: %d tickets, %s of effort.\n\n", day(r.From), day(r.Now), r.Tickets, time.Duration(r.Effort))
	var rows [][]string
	for _, s := range r.Services {
		for _, t := range s.RequestTypes {
			rows = append(rows, []string{serviceLabel(s), typeLabel(t), fmt.Sprint(t.Tickets), time.Duration(t.Effort).String()})
		}
	}
	table(w, []string{"service", "request type", "tickets", "effort"}, rows)
	o := r.Other
	fmt.Fprintf(w, "## Other\n\n%d tickets, %s of all; %+.1f points per period (%s).\n\n", o.Tickets, pct(o.Share), 100*o.Slope,
		map[bool]string{true: "growing", false: "not growing"}[o.Growing])
	rows = nil
	for _, p := range o.Periods {
		rows = append(rows, []string{day(p.Start), fmt.Sprint(p.Tickets), fmt.Sprint(p.Other), pct(p.Share)})
	}
	table(w, []string{"period", "tickets", "other", "share"}, rows)
	if len(r.Proposals) > 0 {
		fmt.Fprintf(w, "## Proposed request types\n\n")
		rows = nil
		for _, p := range r.Proposals {
			rows = append(rows, []string{p.Name, strings.Join(p.Terms, " "), fmt.Sprint(p.Tickets), pct(p.Share), strings.Join(p.Titles, " / ")})
		}
		table(w, []string{"name", "words", "tickets", "share of other", "examples"}, rows)
	}
	if len(r.Retire) > 0 {
		fmt.Fprintf(w, "## Proposed for retirement\n\n")
		rows = nil
		for _, rt := range r.Retire {
			rows = append(rows, []string{rt.Service, rt.State, day(rt.LastTicket), fmt.Sprint(rt.IdleDays)})
		}
		table(w, []string{"service", "state", "last ticket", "idle days"}, rows)
	}
	writeFindingsMarkdown(w, r.Diagnostics)
}

// Write writes the stale-policy run in a format.
func (r *StaleReport) Write(w io.Writer, f Format) error {
	return writeReport(w, f, r, r.text, r.markdown)
}

func (r *StaleReport) mode() string {
	if r.DryRun {
		return "dry run: nothing is closed"
	}
	return "forced-close run"
}

func (r *StaleReport) text(w io.Writer) {
	fmt.Fprintf(w, "stale tickets as of %s (%s; policies %s)\n", stamp(r.Now), r.mode(), strings.Join(r.Policies, ", "))
	fmt.Fprintf(w, "%d open: %d active, %d stale, %d rotten, %d to close, %d exempt; %d under no policy\n",
		r.Open, r.Active, r.Stale, r.Rotten, r.Close, r.Exempt, r.Uncovered)
	for _, l := range r.Weekly {
		fmt.Fprintf(w, "\n%s:\n", l.Assignee)
		for _, d := range l.Tickets {
			fmt.Fprintf(w, "  %-8s %s  %3d business days  %s\n", d.State, d.Ticket, d.IdleDays, d.Title)
		}
	}
	if len(r.Closures) > 0 {
		what := "forced closes"
		if r.DryRun {
			what = "would be force-closed"
		}
		fmt.Fprintf(w, "\n%s: %d\n", what, len(r.Closures))
		for _, c := range r.Closures {
			fmt.Fprintf(w, "  %s reason=%s by=%s (%s)\n", c.Ticket, c.Reason, c.By, c.Explanation)
		}
	}
	if len(r.ForcedByAssignee) > 0 {
		fmt.Fprintf(w, "\nforced closes per assignee:\n")
		for _, p := range r.ForcedByAssignee {
			fmt.Fprintf(w, "  %-20s %d of %d tickets\n", p.Person, p.Forced, p.Tickets)
		}
		fmt.Fprintf(w, "forced closes per requester:\n")
		for _, p := range r.ForcedByRequester {
			fmt.Fprintf(w, "  %-20s %d of %d tickets\n", p.Person, p.Forced, p.Tickets)
		}
	}
	for _, fd := range r.FilingDrops {
		fmt.Fprintf(w, "\nforced-close run %s (%d closed): %d filed in %d days before, %d in %d days after (%+.0f%%)\n",
			day(fd.Run), fd.Closed, fd.FiledBefore, fd.DaysBefore, fd.FiledAfter, fd.DaysAfter, -100*fd.Drop)
	}
	fmt.Fprintf(w, "\ndecisions:\n")
	for _, d := range r.Decisions {
		fmt.Fprintf(w, "  %s [%s] %s: %s\n", d.Ticket, d.State, cmpOr(d.Assignee, "(unassigned)"), d.Explanation)
	}
	writeFindingsText(w, r.Diagnostics)
}

func (r *StaleReport) markdown(w io.Writer) {
	fmt.Fprintf(w, "# Stale tickets\n\nAs of %s (%s; policies %s). %d open: %d active, %d stale, %d rotten, %d to close, %d exempt; %d under no policy.\n\n",
		stamp(r.Now), r.mode(), strings.Join(r.Policies, ", "), r.Open, r.Active, r.Stale, r.Rotten, r.Close, r.Exempt, r.Uncovered)
	for _, l := range r.Weekly {
		fmt.Fprintf(w, "## %s\n\n", l.Assignee)
		var rows [][]string
		for _, d := range l.Tickets {
			rows = append(rows, []string{d.Ticket, string(d.State), fmt.Sprint(d.IdleDays), d.Title})
		}
		table(w, []string{"ticket", "state", "idle business days", "title"}, rows)
	}
	if len(r.Closures) > 0 {
		fmt.Fprintf(w, "## Forced closes\n\n")
		var rows [][]string
		for _, c := range r.Closures {
			rows = append(rows, []string{c.Ticket, c.Reason, c.By, fmt.Sprint(c.IdleDays), c.Explanation})
		}
		table(w, []string{"ticket", "reason", "by", "idle days", "why"}, rows)
	}
	if len(r.ForcedByAssignee) > 0 {
		fmt.Fprintf(w, "## Forced closes per person\n\n")
		var rows [][]string
		for _, p := range r.ForcedByAssignee {
			rows = append(rows, []string{"assignee", p.Person, fmt.Sprint(p.Forced), fmt.Sprint(p.Tickets)})
		}
		for _, p := range r.ForcedByRequester {
			rows = append(rows, []string{"requester", p.Person, fmt.Sprint(p.Forced), fmt.Sprint(p.Tickets)})
		}
		table(w, []string{"as", "person", "forced closes", "tickets"}, rows)
	}
	if len(r.FilingDrops) > 0 {
		fmt.Fprintf(w, "## Filing after forced-close runs\n\n")
		var rows [][]string
		for _, fd := range r.FilingDrops {
			rows = append(rows, []string{day(fd.Run), fmt.Sprint(fd.Closed), fmt.Sprintf("%d in %d days", fd.FiledBefore, fd.DaysBefore),
				fmt.Sprintf("%d in %d days", fd.FiledAfter, fd.DaysAfter), pct(-fd.Drop)})
		}
		table(w, []string{"run", "closed", "filed before", "filed after", "change"}, rows)
	}
	fmt.Fprintf(w, "## Decisions\n\n")
	var rows [][]string
	for _, d := range r.Decisions {
		rows = append(rows, []string{d.Ticket, string(d.State), d.Assignee, d.Explanation})
	}
	table(w, []string{"ticket", "state", "assignee", "why"}, rows)
	writeFindingsMarkdown(w, r.Diagnostics)
}

// writeReport writes a report as JSON (v itself), or as text or Markdown
// through the report's own writers.
func writeReport(w io.Writer, f Format, v any, text, markdown func(io.Writer)) error {
	bw := bufio.NewWriter(w)
	switch f {
	case JSON:
		if err := writeJSON(bw, v); err != nil {
			return err
		}
	case Text:
		text(bw)
	case Markdown:
		markdown(bw)
	default:
		return fmt.Errorf("%w %q", ErrUnknownFormat, f)
	}
	return bw.Flush()
}
