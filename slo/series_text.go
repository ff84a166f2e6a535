package slo

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// maxTextFirings bounds the firings the text form lists per tier; the
// others are counted. JSON and CSV carry every one.
const maxTextFirings = 20

// writeText writes the policy's state after an evaluation's text.
func (s *PolicyState) writeText(w io.Writer) {
	fmt.Fprintf(w, "policy     %s: %s of the budget left; freeze: %s\n", s.Policy, formatFixed("%.3f%%", 100*s.Remaining), s.Freeze)
	line := func(what string, t ThresholdState, when string) {
		freeze := ""
		if t.Freeze != "" && t.Freeze != NoFreeze {
			freeze = " [freeze " + string(t.Freeze) + "]"
		}
		fmt.Fprintf(w, "  %-9s at most %s left, %s %s%s: %s\n", what, formatFixed("%.4g%%", 100*t.RemainingAtMost), when, t.Reached, freeze,
			strings.Join(t.Actions, " "))
	}
	for _, t := range s.InForce {
		line("in force", t, "since")
	}
	if s.Next != nil {
		when := "projected"
		if s.Next.Reached == NotProjected {
			when = "reached:"
		}
		line("next", *s.Next, when)
	}
}

// writeText writes the series after an evaluation's text: the days and
// weeks, each day's highest burn rates, and the firings.
func (s *Series) writeText(w io.Writer, unit string) {
	loc, err := time.LoadLocation(s.Zone)
	if err != nil {
		loc = time.UTC
	}
	buckets := func(head string, bs []Bucket, next func(time.Time, *time.Location) time.Time) {
		fmt.Fprintf(w, "%s (%s)  SLI, burn rate, budget left at the end\n", head, s.Zone)
		for _, b := range bs {
			sli := formatFixed("%.3f%%", 100*b.SLI)
			fmt.Fprintf(w, "  %s  %s (%s of %s %s good)  burn %s  budget left %s\n", bucketLabel(b, loc, next), sli,
				FormatNumber(b.Good), FormatNumber(b.Total), unit, formatFixed("%.3g", b.BurnRate), formatFixed("%.3f%%", 100*b.BudgetRemaining))
		}
	}
	buckets("days", s.Days, nextDay)
	buckets("weeks from Monday", s.Weeks, nextMonday)
	if len(s.Burn) > 0 {
		fmt.Fprintf(w, "burn rates, each day's highest over the long/short window (every %s in JSON and CSV)\n", s.Step)
		row := func(cells []string) {
			var b strings.Builder
			for _, c := range cells {
				fmt.Fprintf(&b, "  %-13s", c)
			}
			fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		}
		head := []string{"day"}
		for _, tb := range s.Burn {
			head = append(head, tb.Tier)
		}
		row(head)
		for _, d := range s.Days {
			cells := []string{d.Start.In(loc).Format(time.DateOnly)}
			for _, tb := range s.Burn {
				var long, short float64
				for _, p := range tb.Points {
					if p.At.After(d.Start) && !p.At.After(d.End) || p.At.Equal(d.Start) && d.Start.Equal(s.Days[0].Start) {
						long, short = max(long, p.Long), max(short, p.Short)
					}
				}
				cells = append(cells, formatFixed("%.3g", long)+"/"+formatFixed("%.3g", short))
			}
			row(cells)
		}
	}
	if len(s.Firings) == 0 {
		fmt.Fprintln(w, "firings    none in the period")
		return
	}
	fmt.Fprintln(w, "firings")
	shown := map[string]int{}
	for _, f := range s.Firings {
		if shown[f.Tier]++; shown[f.Tier] > maxTextFirings {
			continue
		}
		note := ""
		if f.StartedBefore {
			note += ", already firing at the period's start"
		}
		if f.Ongoing {
			note += ", still firing"
		}
		fmt.Fprintf(w, "  %-12s %-6s %s to %s (%s)%s\n", f.Tier, f.Action, f.Start.Format(time.RFC3339), f.End.Format(time.RFC3339),
			Elapsed(f.End.Sub(f.Start).Round(time.Second)), note)
	}
	for _, tb := range s.Burn {
		if n := shown[tb.Tier] - maxTextFirings; n > 0 {
			fmt.Fprintf(w, "  %-12s and %d more firing(s), in JSON and CSV\n", tb.Tier, n)
		}
	}
}

// bucketLabel names a bucket by its first day, with the hours it covers
// when it is cut short.
func bucketLabel(b Bucket, loc *time.Location, next func(time.Time, *time.Location) time.Time) string {
	start := b.Start.In(loc)
	label := start.Format(time.DateOnly)
	var parts []string
	if y, m, d := start.Date(); !start.Equal(time.Date(y, m, d, 0, 0, 0, 0, loc)) {
		parts = append(parts, "from "+start.Format("15:04"))
	}
	if !b.End.Equal(next(b.Start, loc)) {
		parts = append(parts, "to "+b.End.In(loc).Format("01-02 15:04"))
	}
	if len(parts) > 0 {
		label += " (" + strings.Join(parts, ", ") + ")"
	}
	return label
}
