package ticket

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
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
	// CSV is the per-ticket listing of a review (its Verdicts) or of a
	// due list; the other reports have no CSV form.
	CSV Format = "csv"
	// HTML is one self-contained page, for the service report.
	HTML Format = "html"
)

// ErrUnknownFormat is returned (wrapped) for a format the writers do not
// know.
var ErrUnknownFormat = errors.New("ticket: unknown format")

// ParseFormat reads "text", "json", "markdown" (or "md"), "csv" or
// "html".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "":
		return Text, nil
	case "json":
		return JSON, nil
	case "markdown", "md":
		return Markdown, nil
	case "csv":
		return CSV, nil
	case "html":
		return HTML, nil
	}
	return "", fmt.Errorf("%w %q (want text, json, markdown, csv or html)", ErrUnknownFormat, s)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func pct(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

// dur writes a duration for people, to the minute: 21m, 1h32m, 48h.
func dur(d Duration) string { return diag.Duration(time.Duration(d)) }

// tickets counts tickets: "1 ticket", "1,200 tickets".
func tickets(n int) string { return diag.Count(n, "ticket") }

// isAre is the verb that agrees with n things.
func isAre(n int) string { return diag.Noun(n, "is", "are") }

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

// mdLink writes a ticket's name as a Markdown link to where it is opened,
// or the name alone when it has no link.
func mdLink(text, url string) string {
	if url == "" {
		return text
	}
	text = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(text)
	url = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(url)
	return "[" + text + "](" + url + ")"
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

// more writes the "and N more" line of a listing cut at limit, in text;
// it returns how many items to write.
func shown(n, limit int) int {
	if limit > 0 && n > limit {
		return limit
	}
	return n
}

func moreText(w io.Writer, indent string, n, limit int, what string) {
	if s := moreLine(indent, n, limit, what); s != "" {
		fmt.Fprintln(w, s)
	}
}

// moreLine is the "and N more" line of a listing cut at limit, or "".
func moreLine(indent string, n, limit int, what string) string {
	if k := shown(n, limit); k < n {
		return fmt.Sprintf("%sand %s more %s (-limit %d)", indent, thousands(n-k), what, limit)
	}
	return ""
}

func moreMarkdown(w io.Writer, n, limit int, what string) {
	if k := shown(n, limit); k < n {
		fmt.Fprintf(w, "And %s more %s.\n\n", thousands(n-k), what)
	}
}

// cutIDs joins ticket IDs, cut at limit with a count of the rest.
func cutIDs(ids []string, limit int) string {
	k := shown(len(ids), limit)
	s := strings.Join(ids[:k], ", ")
	if k < len(ids) {
		s += fmt.Sprintf(" and %s more", thousands(len(ids)-k))
	}
	return s
}

// Write writes the review in a format, every listing whole.
func (r *ReviewReport) Write(w io.Writer, f Format) error { return r.WriteLimit(w, f, 0) }

// WriteLimit writes the review with each listing (misses, the tickets of
// a reason or an improvement request, verdicts) cut at limit items and an
// "and N more" line; 0 means no limit. JSON is always whole; CSV is the
// verdicts (ReviewConfig.ListTickets), whole.
func (r *ReviewReport) WriteLimit(w io.Writer, f Format, limit int) error {
	if f == CSV {
		vw := NewVerdictWriter(w, trackerNames(r.Verdicts))
		vw.Links = hasLinks(r.Verdicts)
		for _, v := range r.Verdicts {
			if err := vw.Write(v); err != nil {
				return err
			}
		}
		return vw.Flush()
	}
	return writeReport(w, f, r, func(w io.Writer) { r.text(w, limit) }, func(w io.Writer) { r.markdown(w, limit) })
}

func (r *ReviewReport) text(w io.Writer, limit int) {
	fmt.Fprintf(w, "SLO review as of %s: %s (clock: severity change %s, reopen %s)\n",
		stamp(r.Now), tickets(r.Tickets), r.Clock.OnSeverityChange, r.Clock.OnReopen)
	if r.Later > 0 {
		fmt.Fprintf(w, "%s created after %s %s left out\n", tickets(r.Later), stamp(r.Now), isAre(r.Later))
	}
	t := diag.TextTable{Indent: "  ", Right: []int{2}} // one table, so every objective's rows line up
	for _, o := range r.Objectives {
		t.Line("")
		if o.held() == 0 {
			t.Line(fmt.Sprintf("objective %s (%s, target %s): no ticket held to it", o.Name, o.Measure, o.Target))
			continue
		}
		state := "attained"
		if !o.Attained {
			state = "NOT attained"
		}
		t.Line(fmt.Sprintf("objective %s (%s, target %s): %s, %s — %d met, %d missed, %d pending, %d excluded, %d without target",
			o.Name, o.Measure, o.Target, pct(o.Compliance), state, o.Met, o.Missed, o.Pending, o.Excluded, o.Unmatched))
		for _, s := range o.Severities {
			t.Row("severity", s.Severity, pct(s.Compliance), fmt.Sprintf("(%d met, %d missed, %d pending)", s.Met, s.Missed, s.Pending))
		}
		for _, p := range o.Months {
			t.Row("month", p.Start.Format("2006-01"), pct(p.Compliance), fmt.Sprintf("(%d met, %d missed)", p.Met, p.Missed))
		}
		for _, p := range o.Weeks {
			t.Row("week", day(p.Start), pct(p.Compliance), fmt.Sprintf("(%d met, %d missed)", p.Met, p.Missed))
		}
		for _, b := range o.Breakdowns {
			for _, row := range b.Rows {
				t.Row(string(b.By), row.Key, pct(row.Compliance), fmt.Sprintf("(%d met, %d missed, %d pending, %d excluded)", row.Met, row.Missed, row.Pending, row.Excluded))
			}
		}
	}
	_, _ = t.WriteTo(w) // w is the report's buffer: writeReport returns its error
	if r.SameDay != nil {
		fmt.Fprintf(w, "\nsame-day answers: %s (%d of %d)\n", pct(r.SameDay.Rate), r.SameDay.Answered, r.SameDay.Tickets)
		t := diag.TextTable{Indent: "  ", Right: []int{1}}
		for _, s := range r.SameDayByService {
			t.Row(s.Service, pct(s.Rate), fmt.Sprintf("(%d of %d)", s.Answered, s.Tickets))
		}
		_, _ = t.WriteTo(w)
	}
	fmt.Fprintf(w, "\nmisses: %d (%d without a reason, %d without analysis)\n", len(r.Misses), r.Unexplained, r.Unanalysed)
	for _, rc := range r.MissesByReason {
		reason := rc.Reason
		if reason == "" {
			reason = "(no reason recorded)"
		}
		fmt.Fprintf(w, "  %3d  %s\n", rc.Misses, reason)
	}
	for _, m := range r.Misses[:shown(len(r.Misses), limit)] {
		fmt.Fprintf(w, "  %s %s [%s] %s late (target %s, deadline %s): %s\n", m.Ticket, m.Objective, m.Severity,
			dur(m.Late), m.Target, stamp(m.Deadline), orDash(m.Note.Reason))
		if m.Link != "" {
			fmt.Fprintf(w, "      %s\n", m.Link)
		}
	}
	moreText(w, "  ", len(r.Misses), limit, "misses")
	if len(r.Improvements) > 0 {
		fmt.Fprintf(w, "\nimprovement requests: %d\n", len(r.Improvements))
		for _, ir := range r.Improvements {
			fmt.Fprintf(w, "  to %s (service %s), %s:\n    problem: %s\n    improvement: %s\n    tickets: %s\n",
				orDash(ir.Owner), ir.Service, orDash(ir.Reason), orDash(ir.Problem), orDash(ir.Improvement), cutIDs(ir.Tickets, limit))
		}
	}
	if len(r.Verdicts) > 0 {
		fmt.Fprintf(w, "\nverdicts: %d\n", len(r.Verdicts))
		for _, v := range r.Verdicts[:shown(len(r.Verdicts), limit)] {
			fmt.Fprintf(w, "  %s\n", v.line())
		}
		moreText(w, "  ", len(r.Verdicts), limit, "verdicts")
	}
	writeFindingsText(w, r.Diagnostics, limit)
}

// trackerNames are the names of the tracker's figures the verdicts hold.
func trackerNames(vs []TicketVerdict) []string {
	seen := map[string]bool{}
	for _, v := range vs {
		for k := range v.Tracker {
			seen[k] = true
		}
	}
	return sortedKeys(seen)
}

// hasLinks reports whether a verdict has a link, so that a listing
// written whole gets a link column.
func hasLinks(vs []TicketVerdict) bool {
	return slices.ContainsFunc(vs, func(v TicketVerdict) bool { return v.Link != "" })
}

// line writes a verdict on one line of text.
func (v *TicketVerdict) line() string {
	s := fmt.Sprintf("%s %s [%s] %s", v.Ticket, v.Objective, orDash(v.Severity), v.Result)
	switch v.Result {
	case ResultMissed:
		s += fmt.Sprintf(" %s late", dur(v.Late))
	case ResultExcluded:
		s += " (" + v.Exclusion + ")"
	}
	if v.Target != "" {
		s += fmt.Sprintf(", target %s, deadline %s", v.Target, stamp(v.Deadline))
	}
	return s
}

// held counts the tickets an objective held.
func (o ObjectiveReport) held() int { return o.Met + o.Missed + o.Pending + o.Excluded + o.Unmatched }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (r *ReviewReport) markdown(w io.Writer, limit int) {
	fmt.Fprintf(w, "# SLO review\n\nAs of %s, %s. Clock policy: severity change **%s**, reopen **%s**.\n\n",
		stamp(r.Now), tickets(r.Tickets), r.Clock.OnSeverityChange, r.Clock.OnReopen)
	if r.Later > 0 {
		fmt.Fprintf(w, "%s created after %s %s left out.\n\n", tickets(r.Later), stamp(r.Now), isAre(r.Later))
	}
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
		for _, b := range o.Breakdowns {
			rows = nil
			for _, row := range b.Rows {
				rows = append(rows, []string{row.Key, pct(row.Compliance), fmt.Sprint(row.Met), fmt.Sprint(row.Missed), fmt.Sprint(row.Pending), fmt.Sprint(row.Excluded)})
			}
			table(w, []string{string(b.By), "compliance", "met", "missed", "pending", "excluded"}, rows)
		}
	}
	if r.SameDay != nil {
		fmt.Fprintf(w, "## Same-day answers\n\n**%s** (%d of %d).\n\n", pct(r.SameDay.Rate), r.SameDay.Answered, r.SameDay.Tickets)
		var rows [][]string
		for _, s := range r.SameDayByService {
			rows = append(rows, []string{s.Service, pct(s.Rate), fmt.Sprint(s.Answered), fmt.Sprint(s.Tickets)})
		}
		table(w, []string{"service", "rate", "answered", "tickets"}, rows)
	}
	fmt.Fprintf(w, "## Misses\n\n%s, %d without a reason, %d without analysis.\n\n", diag.Count(len(r.Misses), "miss", "misses"), r.Unexplained, r.Unanalysed)
	var rows [][]string
	for _, rc := range r.MissesByReason {
		rows = append(rows, []string{cmpOr(rc.Reason, "(no reason recorded)"), fmt.Sprint(rc.Misses), cutIDs(rc.Tickets, limit)})
	}
	table(w, []string{"reason", "misses", "tickets"}, rows)
	rows = nil
	for _, m := range r.Misses[:shown(len(r.Misses), limit)] {
		rows = append(rows, []string{mdLink(m.Ticket, m.Link), m.Objective, m.Severity, m.Target, dur(m.Late), stamp(m.Deadline), m.Note.Reason})
	}
	table(w, []string{"ticket", "objective", "severity", "target", "late", "deadline", "reason"}, rows)
	moreMarkdown(w, len(r.Misses), limit, "misses")
	if len(r.Improvements) > 0 {
		fmt.Fprintf(w, "## Improvement requests\n\n")
		rows = nil
		for _, ir := range r.Improvements {
			rows = append(rows, []string{ir.Owner, ir.Service, ir.Reason, ir.Problem, ir.Improvement, cutIDs(ir.Tickets, limit)})
		}
		table(w, []string{"to", "service", "reason", "problem", "improvement", "tickets"}, rows)
	}
	if len(r.Verdicts) > 0 {
		fmt.Fprintf(w, "## Tickets\n\n")
		rows = nil
		for _, v := range r.Verdicts[:shown(len(r.Verdicts), limit)] {
			rows = append(rows, v.cells())
		}
		table(w, verdictHead, rows)
		moreMarkdown(w, len(r.Verdicts), limit, "verdicts")
	}
	writeFindingsMarkdown(w, r.Diagnostics, limit)
}

var verdictHead = []string{"ticket", "objective", "severity", "status", "result", "target", "deadline", "late"}

func (v *TicketVerdict) cells() []string {
	late := ""
	if v.Result == ResultMissed {
		late = dur(v.Late)
	}
	result := string(v.Result)
	if v.Exclusion != "" {
		result += " (" + v.Exclusion + ")"
	}
	return []string{v.Ticket, v.Objective, v.Severity, string(v.Status), result, v.Target, stamp(v.Deadline), late}
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

func writeFindingsMarkdown(w io.Writer, diags diag.List, limit int) {
	if len(diags) == 0 {
		return
	}
	fmt.Fprintf(w, "## Findings\n\n")
	var rows [][]string
	for _, d := range diags[:shown(len(diags), limit)] {
		rows = append(rows, []string{d.Pos.String(), d.Severity.String(), d.Rule, d.Message})
	}
	table(w, []string{"where", "severity", "rule", "finding"}, rows)
	moreMarkdown(w, len(diags), limit, "findings")
}

func writeFindingsText(w io.Writer, diags diag.List, limit int) {
	if len(diags) == 0 {
		return
	}
	fmt.Fprintf(w, "\nfindings: %d\n", len(diags))
	WriteFindings(w, diags, limit)
}

// WriteFindings writes findings one a line, as diag.Diagnostic.String
// writes them, cut at limit (0: all) with a line that counts the rest by
// rule.
func WriteFindings(w io.Writer, diags diag.List, limit int) {
	k := shown(len(diags), limit)
	for _, d := range diags[:k] {
		fmt.Fprintln(w, d)
	}
	if k == len(diags) {
		return
	}
	byRule := map[string]int{}
	for _, d := range diags[k:] {
		byRule[d.Rule]++
	}
	parts := make([]string, 0, len(byRule))
	for _, rule := range sortedKeys(byRule) {
		parts = append(parts, fmt.Sprintf("%s %s", thousands(byRule[rule]), rule))
	}
	fmt.Fprintf(w, "and %s more findings: %s\n", thousands(len(diags)-k), strings.Join(parts, ", "))
}

// Write writes the inventory in a format, every listing whole.
func (r *InventoryReport) Write(w io.Writer, f Format) error { return r.WriteLimit(w, f, 0) }

// WriteLimit writes the inventory with its findings cut at limit items;
// 0 means no limit.
func (r *InventoryReport) WriteLimit(w io.Writer, f Format, limit int) error {
	return writeReport(w, f, r, func(w io.Writer) { r.text(w, limit) }, func(w io.Writer) { r.markdown(w, limit) })
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

func (r *InventoryReport) text(w io.Writer, limit int) {
	fmt.Fprintf(w, "ticket inventory %s .. %s: %s, %s effort\n", day(r.From), day(r.Now), tickets(r.Tickets), dur(r.Effort))
	if r.Later > 0 {
		fmt.Fprintf(w, "%s created after %s %s left out\n", tickets(r.Later), day(r.Now), isAre(r.Later))
	}
	t := diag.TextTable{Indent: "  ", Right: []int{1, 2}} // one table, so every service's rows line up
	for _, s := range r.Services {
		t.Line("")
		t.Line(fmt.Sprintf("%s: %s (%s), %s, last %s", serviceLabel(s), tickets(s.Tickets), pct(s.Share), dur(s.Effort), day(s.Last)))
		for _, rt := range s.RequestTypes {
			t.Row(typeLabel(rt), diag.Int(rt.Tickets), dur(rt.Effort))
		}
	}
	_, _ = t.WriteTo(w)
	o := r.Other
	trend := "not growing"
	if o.Growing {
		trend = "GROWING"
	}
	fmt.Fprintf(w, "\nother: %s, %s of all; trend %+.1f points per period, %s\n", tickets(o.Tickets), pct(o.Share), 100*o.Slope, trend)
	for _, p := range o.Periods {
		fmt.Fprintf(w, "  %s  %6s  (%d of %d)\n", day(p.Start), pct(p.Share), p.Other, p.Tickets)
	}
	if len(r.Proposals) > 0 {
		fmt.Fprintf(w, "\nproposed request types (recurring in other):\n")
		t := diag.TextTable{Indent: "  ", Right: []int{1}}
		for _, p := range r.Proposals {
			t.Row(p.Name, tickets(p.Tickets), fmt.Sprintf("(%s of other), e.g. %s", pct(p.Share), strings.Join(p.Examples, ", ")))
		}
		_, _ = t.WriteTo(w)
	}
	if len(r.Retire) > 0 {
		fmt.Fprintf(w, "\nproposed for retirement:\n")
		for _, rt := range r.Retire {
			fmt.Fprintf(w, "  %s (%s): %s, %s\n", rt.Service, rt.State, rt.Reason, diag.Count(rt.IdleDays, "day"))
		}
	}
	writeFindingsText(w, r.Diagnostics, limit)
}

func (r *InventoryReport) markdown(w io.Writer, limit int) {
	fmt.Fprintf(w, "# Ticket inventory\n\n%s to %s: %s, %s of effort.\n\n", day(r.From), day(r.Now), tickets(r.Tickets), dur(r.Effort))
	var rows [][]string
	for _, s := range r.Services {
		for _, t := range s.RequestTypes {
			rows = append(rows, []string{serviceLabel(s), typeLabel(t), fmt.Sprint(t.Tickets), dur(t.Effort)})
		}
	}
	table(w, []string{"service", "request type", "tickets", "effort"}, rows)
	o := r.Other
	fmt.Fprintf(w, "## Other\n\n%s, %s of all; %+.1f points per period (%s).\n\n", tickets(o.Tickets), pct(o.Share), 100*o.Slope,
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
	writeFindingsMarkdown(w, r.Diagnostics, limit)
}

// Write writes the stale-policy run in a format, every listing whole.
func (r *StaleReport) Write(w io.Writer, f Format) error { return r.WriteLimit(w, f, 0) }

// WriteLimit writes the run with each listing (an assignee's tickets, the
// forced closes, the decisions, the findings) cut at limit items; 0
// means no limit.
func (r *StaleReport) WriteLimit(w io.Writer, f Format, limit int) error {
	return writeReport(w, f, r, func(w io.Writer) { r.text(w, limit) }, func(w io.Writer) { r.markdown(w, limit) })
}

func (r *StaleReport) mode() string {
	if r.DryRun {
		return "dry run: nothing is closed"
	}
	return "forced-close run"
}

func (r *StaleReport) text(w io.Writer, limit int) {
	fmt.Fprintf(w, "stale tickets as of %s (%s; policies %s)\n", stamp(r.Now), r.mode(), strings.Join(r.Policies, ", "))
	fmt.Fprintf(w, "%d open: %d active, %d stale, %d rotten, %d to close, %d exempt; %d under no policy\n",
		r.Open, r.Active, r.Stale, r.Rotten, r.Close, r.Exempt, r.Uncovered)
	if r.Later > 0 {
		fmt.Fprintf(w, "%s created after %s %s left out\n", tickets(r.Later), stamp(r.Now), isAre(r.Later))
	}
	t := diag.TextTable{Indent: "  ", Right: []int{2}} // one table, so every assignee's rows line up
	for _, l := range r.Weekly {
		t.Line("")
		t.Line(l.Assignee + ":")
		for _, d := range l.Tickets[:shown(len(l.Tickets), limit)] {
			t.Row(string(d.State), d.Ticket, diag.Count(d.IdleDays, "business day"), d.Title)
		}
		if more := moreLine("  ", len(l.Tickets), limit, "tickets"); more != "" {
			t.Line(more)
		}
	}
	_, _ = t.WriteTo(w)
	if len(r.Closures) > 0 {
		what := "forced closes"
		if r.DryRun {
			what = "would be force-closed"
		}
		fmt.Fprintf(w, "\n%s: %d\n", what, len(r.Closures))
		for _, c := range r.Closures[:shown(len(r.Closures), limit)] {
			fmt.Fprintf(w, "  %s reason=%s by=%s (%s)\n", c.Ticket, c.Reason, c.By, c.Explanation)
		}
		moreText(w, "  ", len(r.Closures), limit, "closes")
	}
	if len(r.AlreadyClosed) > 0 {
		fmt.Fprintf(w, "\nalready force-closed later by the audit trail, not closed again: %d\n", len(r.AlreadyClosed))
		for _, c := range r.AlreadyClosed[:shown(len(r.AlreadyClosed), limit)] {
			fmt.Fprintf(w, "  %s at %s\n", c.Ticket, stamp(c.At))
		}
		moreText(w, "  ", len(r.AlreadyClosed), limit, "tickets")
	}
	if len(r.ForcedByAssignee) > 0 {
		for _, by := range []struct {
			who    string
			counts []PersonCount
		}{{"assignee", r.ForcedByAssignee}, {"requester", r.ForcedByRequester}} {
			fmt.Fprintf(w, "\nforced closes per %s:\n", by.who)
			t := diag.TextTable{Indent: "  "}
			for _, p := range by.counts {
				t.Row(p.Person, fmt.Sprintf("%d of %s", p.Forced, tickets(p.Tickets)))
			}
			_, _ = t.WriteTo(w)
		}
	}
	for _, fd := range r.FilingDrops {
		fmt.Fprintf(w, "\nforced-close run %s (%d closed): %d filed in %d days before, %d in %d days after (%+.0f%%)\n",
			day(fd.Run), fd.Closed, fd.FiledBefore, fd.DaysBefore, fd.FiledAfter, fd.DaysAfter, -100*fd.Drop)
	}
	fmt.Fprintf(w, "\ndecisions:\n")
	for _, d := range r.Decisions[:shown(len(r.Decisions), limit)] {
		fmt.Fprintf(w, "  %s [%s] %s: %s\n", d.Ticket, d.State, cmpOr(d.Assignee, "(unassigned)"), d.Explanation)
	}
	moreText(w, "  ", len(r.Decisions), limit, "decisions")
	writeFindingsText(w, r.Diagnostics, limit)
}

func (r *StaleReport) markdown(w io.Writer, limit int) {
	fmt.Fprintf(w, "# Stale tickets\n\nAs of %s (%s; policies %s). %d open: %d active, %d stale, %d rotten, %d to close, %d exempt; %d under no policy.\n\n",
		stamp(r.Now), r.mode(), strings.Join(r.Policies, ", "), r.Open, r.Active, r.Stale, r.Rotten, r.Close, r.Exempt, r.Uncovered)
	for _, l := range r.Weekly {
		fmt.Fprintf(w, "## %s\n\n", l.Assignee)
		var rows [][]string
		for _, d := range l.Tickets[:shown(len(l.Tickets), limit)] {
			rows = append(rows, []string{d.Ticket, string(d.State), fmt.Sprint(d.IdleDays), d.Title})
		}
		table(w, []string{"ticket", "state", "idle business days", "title"}, rows)
		moreMarkdown(w, len(l.Tickets), limit, "tickets")
	}
	if len(r.Closures) > 0 {
		fmt.Fprintf(w, "## Forced closes\n\n")
		var rows [][]string
		for _, c := range r.Closures[:shown(len(r.Closures), limit)] {
			rows = append(rows, []string{c.Ticket, c.Reason, c.By, fmt.Sprint(c.IdleDays), c.Explanation})
		}
		table(w, []string{"ticket", "reason", "by", "idle days", "why"}, rows)
		moreMarkdown(w, len(r.Closures), limit, "closes")
	}
	if len(r.AlreadyClosed) > 0 {
		fmt.Fprintf(w, "## Closed later by the audit trail\n\n")
		var rows [][]string
		for _, c := range r.AlreadyClosed[:shown(len(r.AlreadyClosed), limit)] {
			rows = append(rows, []string{c.Ticket, stamp(c.At)})
		}
		table(w, []string{"ticket", "closed at"}, rows)
		moreMarkdown(w, len(r.AlreadyClosed), limit, "tickets")
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
	for _, d := range r.Decisions[:shown(len(r.Decisions), limit)] {
		rows = append(rows, []string{d.Ticket, string(d.State), d.Assignee, d.Explanation})
	}
	table(w, []string{"ticket", "state", "assignee", "why"}, rows)
	moreMarkdown(w, len(r.Decisions), limit, "decisions")
	writeFindingsMarkdown(w, r.Diagnostics, limit)
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

// Write writes the due list in a format, whole.
func (r *DueReport) Write(w io.Writer, f Format) error { return r.WriteLimit(w, f, 0) }

// WriteLimit writes the due list cut at limit tickets; 0 means no limit.
// CSV writes one row per ticket and objective (VerdictWriter), whole.
func (r *DueReport) WriteLimit(w io.Writer, f Format, limit int) error {
	if f == CSV {
		vw := NewVerdictWriter(w, nil)
		vw.Links = hasLinks(r.Tickets)
		for _, v := range r.Tickets {
			if err := vw.Write(v); err != nil {
				return err
			}
		}
		return vw.Flush()
	}
	return writeReport(w, f, r, func(w io.Writer) { r.text(w, limit) }, func(w io.Writer) { r.markdown(w, limit) })
}

// left says how far a deadline is from now: "in 2h10m" or "overdue by 35m".
func left(deadline, now time.Time) string {
	d := deadline.Sub(now).Round(time.Minute)
	switch {
	case d < 0:
		return "overdue by " + diag.Duration(-d)
	case d == 0:
		return "due now"
	}
	return "in " + diag.Duration(d)
}

func (r *DueReport) text(w io.Writer, limit int) {
	fmt.Fprintf(w, "due before %s, as of %s: %d (%d overdue); %d waiting on the customer, with no deadline\n",
		stamp(r.Before), stamp(r.Now), len(r.Tickets), r.Overdue, r.Waiting)
	for _, v := range r.Tickets[:shown(len(r.Tickets), limit)] {
		fmt.Fprintf(w, "  %s  %s %s [%s] %s, %s: %s\n", stamp(v.Deadline), v.Ticket, v.Objective, orDash(v.Severity),
			cmpOr(v.Assignee, "(unassigned)"), v.Status, left(v.Deadline, r.Now))
		if v.Link != "" {
			fmt.Fprintf(w, "      %s\n", v.Link)
		}
	}
	moreText(w, "  ", len(r.Tickets), limit, "tickets")
}

func (r *DueReport) markdown(w io.Writer, limit int) {
	fmt.Fprintf(w, "# Due before %s\n\nAs of %s: %d (%d overdue); %d waiting on the customer, with no deadline.\n\n",
		stamp(r.Before), stamp(r.Now), len(r.Tickets), r.Overdue, r.Waiting)
	var rows [][]string
	for _, v := range r.Tickets[:shown(len(r.Tickets), limit)] {
		rows = append(rows, []string{stamp(v.Deadline), left(v.Deadline, r.Now), mdLink(v.Ticket, v.Link), v.Objective, v.Severity, v.Assignee, string(v.Status)})
	}
	table(w, []string{"deadline", "left", "ticket", "objective", "severity", "assignee", "status"}, rows)
	moreMarkdown(w, len(r.Tickets), limit, "tickets")
}

// VerdictWriter writes verdicts as CSV, one row per ticket and objective:
// the per-ticket listing of a review, written as the review goes
// (ReviewConfig.OnVerdict) so a million tickets need no memory. Times
// are RFC 3339, durations as Go writes them ("1h30m0s"); the tracker's
// figures follow, one column each. It is not safe for concurrent use.
type VerdictWriter struct {
	// Links adds a last column, link (TicketVerdict.Link), for tickets
	// opened by a link, such as a chat export's inquiries. Set it before
	// the first Write.
	Links   bool
	w       *csv.Writer
	tracker []string
	started bool
	row     []string
}

// NewVerdictWriter starts a listing; tracker names the tracker's figures
// to write (the values of Mapping.TrackerFigures), in order.
func NewVerdictWriter(w io.Writer, tracker []string) *VerdictWriter {
	return &VerdictWriter{w: csv.NewWriter(w), tracker: tracker}
}

var verdictColumns = []string{"ticket", "objective", "measure", "service", "requestType", "severity", "customer", "assignee",
	"status", "result", "exclusion", "target", "start", "deadline", "stop", "counted", "late"}

// Write writes one verdict, after the header on the first call.
func (vw *VerdictWriter) Write(v TicketVerdict) error {
	if !vw.started {
		vw.started = true
		if err := vw.w.Write(vw.header()); err != nil {
			return err
		}
	}
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	vw.row = append(vw.row[:0], v.Ticket, v.Objective, v.Measure, v.Service, v.RequestType, v.Severity, v.Customer, v.Assignee,
		string(v.Status), string(v.Result), v.Exclusion, v.Target, ts(v.Start), ts(v.Deadline), ts(v.Stop), v.Counted.String(), v.Late.String())
	for _, t := range vw.tracker {
		vw.row = append(vw.row, v.Tracker[t])
	}
	if vw.Links {
		vw.row = append(vw.row, v.Link)
	}
	return vw.w.Write(vw.row)
}

// header is the listing's first row.
func (vw *VerdictWriter) header() []string {
	head := slices.Clone(verdictColumns)
	for _, t := range vw.tracker {
		head = append(head, "tracker:"+t)
	}
	if vw.Links {
		head = append(head, "link")
	}
	return head
}

// Flush writes the header of an empty listing and what is buffered, and
// returns the first error of the writes.
func (vw *VerdictWriter) Flush() error {
	if !vw.started {
		vw.started = true
		if err := vw.w.Write(vw.header()); err != nil {
			return err
		}
	}
	vw.w.Flush()
	return vw.w.Error()
}
