package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/textsafe"
)

// GitHubAnnotationLimit is how many annotations of each kind (error,
// warning, notice) GitHub shows for one step; it keeps the rest in the log
// only.
const GitHubAnnotationLimit = 10

// SummaryRows is how many findings WriteGitHubSummary lists before it
// says how many more there are: a job summary holds at most 1 MiB.
const SummaryRows = 500

// annotationCounts counts the findings by the workflow command each
// becomes.
func annotationCounts(diags catalog.Diagnostics) (errors, warnings, notices int) {
	for _, d := range diags {
		switch githubCommand(d.Severity) {
		case "error":
			errors++
		case "warning":
			warnings++
		default:
			notices++
		}
	}
	return errors, warnings, notices
}

// hiddenAnnotations says, on a line of its own in the step's log, how many
// findings GitHub shows in the log but not as annotations, or "" when it
// shows them all.
func hiddenAnnotations(diags catalog.Diagnostics) string {
	var hidden []string
	e, w, n := annotationCounts(diags)
	for _, k := range []struct {
		n    int
		kind string
	}{{e, "error"}, {w, "warning"}, {n, "notice"}} {
		if k.n > GitHubAnnotationLimit {
			hidden = append(hidden, plural(k.n-GitHubAnnotationLimit, k.kind))
		}
	}
	if len(hidden) == 0 {
		return ""
	}
	return fmt.Sprintf("opsdesign: %s, %s and %s; GitHub annotates %d of each kind per step, so %s are in this log only (the job summary lists them all)",
		plural(e, "error"), plural(w, "warning"), plural(n, "notice"), GitHubAnnotationLimit, strings.Join(hidden, " and "))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// WriteGitHubSummary writes the findings as the Markdown of a GitHub job
// summary (append it to the file $GITHUB_STEP_SUMMARY names): a heading
// with the counts, then a table of findings, file names relative to
// Options.BaseDir as in annotations, up to SummaryRows of them and a line
// saying how many more there are.
func WriteGitHubSummary(w io.Writer, diags catalog.Diagnostics, opts Options) error {
	safe := textsafe.NewWriter(w)
	bw := bufio.NewWriter(safe)
	e, wn, n := annotationCounts(diags)
	fmt.Fprintf(bw, "### %s: %s, %s, %s\n\n", opts.toolName(), plural(e, "error"), plural(wn, "warning"), plural(n, "notice"))
	if len(diags) > 0 {
		bw.WriteString("| | finding | rule | where |\n|---|---|---|---|\n")
	}
	names := newNamer(opts.BaseDir)
	for i, d := range diags {
		if i == SummaryRows {
			fmt.Fprintf(bw, "\nand %d more: the step's log has them all.\n", len(diags)-SummaryRows)
			break
		}
		where := ""
		if d.Pos.File != "" {
			p := d.Pos
			p.File, _ = names.name(p.File)
			where = "`" + strings.ReplaceAll(p.String(), "`", "'") + "`"
		}
		fmt.Fprintf(bw, "| %s | %s | `%s` | %s |\n", d.Severity, summaryCell(d.Message), d.Rule, where)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return safe.Flush()
}

// summaryCell keeps a message inside its table cell: no line breaks, no
// column separators, no HTML.
func summaryCell(s string) string { return cellEscaper.Replace(s) }

var cellEscaper = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;")
