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
	// Chat, for a chat export (package ticket/slack), counts its
	// messages by what became of each; a skipped row is then an
	// unreadable message. Nil for a tracker's export.
	Chat *ChatTally `json:"chat,omitempty"`
}

// ChatTally counts the messages of a chat export by what became of each,
// so that nothing is left out without a number: every message read is in
// exactly one count from Inquiries on (package ticket/slack defines each).
type ChatTally struct {
	Desks    int `json:"desks"`
	Channels int `json:"channels"` // the desks' channels found in the export
	Files    int `json:"files"`    // day files read
	Messages int `json:"messages"`
	// Inquiries became tickets; Replies are the messages of their
	// threads; ChannelAnswers are agents' messages in the channel that
	// answered one.
	Inquiries      int `json:"inquiries"`
	Replies        int `json:"replies"`
	ChannelAnswers int `json:"channelAnswers"`
	// The rest are no inquiry and answer none: agents' other posts,
	// bots' messages, joins and leaves, channel notices, deleted messages
	// (each with the replies of its thread), replies whose parent is not
	// in the export, and messages that could not be read.
	AgentPosts int `json:"agentPosts"`
	Bots       int `json:"bots"`
	Joins      int `json:"joins"`
	Notices    int `json:"notices"`
	Deleted    int `json:"deleted"`
	Orphans    int `json:"orphans"`
	Unreadable int `json:"unreadable"`
}

// Sum returns the messages the counts from Inquiries on account for:
// Messages when nothing was lost.
func (c *ChatTally) Sum() int {
	return c.Inquiries + c.Replies + c.ChannelAnswers + c.AgentPosts + c.Bots + c.Joins + c.Notices + c.Deleted + c.Orphans + c.Unreadable
}

// String writes the counts as a summary line: "2,345 messages in 2 desk
// channels (730 day files): 612 inquiries, …".
func (c *ChatTally) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s message%s in %s desk channel%s (%s day file%s): %s inquir%s, %s repl%s in their threads, %s channel answer%s",
		thousands(c.Messages), plural(c.Messages), thousands(c.Channels), plural(c.Channels), thousands(c.Files), plural(c.Files),
		thousands(c.Inquiries), pluralY(c.Inquiries), thousands(c.Replies), pluralY(c.Replies), thousands(c.ChannelAnswers), plural(c.ChannelAnswers))
	var rest []string
	for _, n := range []struct {
		n         int
		one, many string
	}{{c.AgentPosts, "agent post", "agent posts"}, {c.Bots, "bot message", "bot messages"}, {c.Joins, "join or leave", "joins and leaves"},
		{c.Notices, "channel notice", "channel notices"}, {c.Deleted, "deleted", "deleted"}, {c.Orphans, "orphan reply", "orphan replies"}} {
		switch {
		case n.n == 1:
			rest = append(rest, "1 "+n.one)
		case n.n > 1:
			rest = append(rest, thousands(n.n)+" "+n.many)
		}
	}
	if len(rest) > 0 {
		fmt.Fprintf(&b, "; not inquiries: %s", strings.Join(rest, ", "))
	}
	return b.String()
}

func pluralY(n int) string {
	if n == 1 {
		return "y"
	}
	return "ies"
}

// SkipReason is how many rows one rule skipped.
type SkipReason struct {
	Rule string `json:"rule"`
	Rows int    `json:"rows"`
}

// String writes the tally as the summary line of a report: "1,000 rows
// read: 990 imported, 10 skipped (6 ticket/bad-time, 4
// ticket/field-count)".
//
// With Chat, it writes the chat counts instead, then the unreadable
// messages: "…; 2 unreadable (1 slack/bad-json, 1 slack/bad-message)".
func (t *ImportTally) String() string {
	var b strings.Builder
	if t.Chat != nil {
		fmt.Fprintf(&b, "%s; %s unreadable", t.Chat, thousands(t.Chat.Unreadable))
	} else {
		fmt.Fprintf(&b, "%s row%s read: %s imported, %s skipped", thousands(t.Rows), plural(t.Rows), thousands(t.Imported), thousands(t.Skipped))
	}
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
	c := newCounter()
	seq := func(yield func(Ticket, error) bool) {
		defer c.finish()
		for tk, err := range tickets {
			c.add(err)
			if !yield(tk, err) {
				return
			}
		}
	}
	return seq, c.t
}

// counter counts the rows of an import into its tally.
type counter struct {
	t       *ImportTally
	reasons map[string]int // skipped rows by rule
}

func newCounter() *counter { return &counter{t: &ImportTally{}, reasons: map[string]int{}} }

// add counts one item of a ticket sequence: a ticket, a skipped row, or
// a finding that skips nothing.
func (c *counter) add(err error) {
	var s *SkippedRow
	switch {
	case err == nil:
		c.t.Imported++
	case errors.As(err, &s):
		c.t.Skipped++
		c.reasons[s.Diagnostic.Rule]++
	}
}

// finish writes the totals and the reasons, most rows first.
func (c *counter) finish() {
	t := c.t
	t.Rows = t.Imported + t.Skipped
	t.Reasons = t.Reasons[:0]
	for rule, n := range c.reasons {
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
