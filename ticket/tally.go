package ticket

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"
)

// SkippedRow is the error ReadCSV and ReadJSONL yield for the finding that
// made them skip a row or line: the row gives no ticket. errors.As finds
// the diag.Diagnostic in it, as in every other finding; Tally counts the
// skipped rows by it.
type SkippedRow struct {
	Diagnostic diag.Diagnostic
}

func (s *SkippedRow) Error() string { return s.Diagnostic.Error() }

// Unwrap returns the diagnostic.
func (s *SkippedRow) Unwrap() error { return s.Diagnostic }

// skipped marks the first error among a row's findings as the one that
// skipped it.
func skipped(found []diag.Diagnostic) (i int, err error) {
	for i, d := range found {
		if d.Severity == diag.Error {
			return i, &SkippedRow{d}
		}
	}
	return -1, nil
}

// ImportTally counts the rows (CSV rows after the header, or JSON lines)
// of an import: read, imported as tickets, and skipped, per the rule of
// the finding that skipped each.
type ImportTally struct {
	Rows     int          `json:"rows"`
	Imported int          `json:"imported"`
	Skipped  int          `json:"skipped"`
	Reasons  []SkipReason `json:"reasons,omitempty"`
}

// SkipReason is how many rows one rule skipped.
type SkipReason struct {
	Rule string `json:"rule"`
	Rows int    `json:"rows"`
}

// String writes the tally as the summary line of a report: "1,000 rows
// read: 990 imported, 10 skipped (6 ticket/bad-time, 4
// ticket/field-count)".
func (t *ImportTally) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s row%s read: %s imported, %s skipped", thousands(t.Rows), plural(t.Rows), thousands(t.Imported), thousands(t.Skipped))
	if len(t.Reasons) > 0 {
		parts := make([]string, len(t.Reasons))
		for i, r := range t.Reasons {
			parts[i] = thousands(r.Rows) + " " + r.Rule
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	return b.String()
}

// Tally wraps a ticket sequence so that the tally counts its rows as
// they stream by; read the tally once the sequence is done.
func Tally(tickets iter.Seq2[Ticket, error]) (iter.Seq2[Ticket, error], *ImportTally) {
	t := &ImportTally{}
	reasons := map[string]int{}
	seq := func(yield func(Ticket, error) bool) {
		defer func() { t.finish(reasons) }()
		for tk, err := range tickets {
			var s *SkippedRow
			switch {
			case err == nil:
				t.Imported++
			case errors.As(err, &s):
				t.Skipped++
				reasons[s.Diagnostic.Rule]++
			}
			if !yield(tk, err) {
				return
			}
		}
	}
	return seq, t
}

func (t *ImportTally) finish(reasons map[string]int) {
	t.Rows = t.Imported + t.Skipped
	t.Reasons = t.Reasons[:0]
	for rule, n := range reasons {
		t.Reasons = append(t.Reasons, SkipReason{Rule: rule, Rows: n})
	}
	slices.SortFunc(t.Reasons, func(a, b SkipReason) int { return cmp.Or(cmp.Compare(b.Rows, a.Rows), strings.Compare(a.Rule, b.Rule)) })
}

// thousands writes n with commas between thousands.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
