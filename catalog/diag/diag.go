// Package diag holds what every reader and checker of opsdesign reports
// with: a source position, a severity, a positioned diagnostic, a sorted
// list of them, and the metadata that documents a rule. It is a leaf: it
// imports nothing of the project, so the ticket importer, the event log
// reader and the domain packages can report without importing the catalog.
//
// A Diagnostic names the rule that found it by a stable, kebab-case ID
// grouped by a slash ("lifecycle/missing-event", "ticket/bad-time"). Tests
// match Rule, Pos and Path, as Kubernetes' field.ErrorList tests match
// codes and paths, not message text. A List sorts like go/scanner's
// ErrorList and is an error through Err.
//
// It also holds how findings and reports are written for people, in the
// text_*.go files: the terminal width of East Asian text (RuneWidth,
// Width, PadRight; catalog/report puts its caret under a column with
// them), columns aligned by that width (TextTable), counted nouns
// (Count: "1 ticket", "2 tickets"), numbers without exponent notation
// (Int, Number) and durations without trailing zero units (Duration).
// They live in the leaf so that the pure domain packages (roles, slo),
// which import nothing else of the project, write their reports with the
// same width logic as every other table.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Pos is a position in a source file. Line and Column are 1-based and count
// runes as yaml.v3 does; a zero Line means the position is unknown (for
// example, a finding about the design as a whole).
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// IsValid reports whether the position names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:column, leaving out what is
// unknown, as go/token does.
func (p Pos) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line)
		if p.Column > 0 {
			s += ":" + strconv.Itoa(p.Column)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Compare orders positions by file, then line, then column.
func (p Pos) Compare(q Pos) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Column, q.Column))
}

// Severity grades a diagnostic. The zero value is not a valid severity; it
// means "the rule's default" wherever a severity is configured.
type Severity int

// The severities, in increasing order of gravity.
const (
	Info Severity = iota + 1
	Warning
	Error
)

var severityNames = [...]string{Info: "info", Warning: "warning", Error: "error"}

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	if s >= Info && s <= Error {
		return severityNames[s]
	}
	return "severity(" + strconv.Itoa(int(s)) + ")"
}

// ErrBadSeverity is returned (wrapped) by ParseSeverity for an unknown name.
var ErrBadSeverity = errors.New("unknown severity")

// ParseSeverity parses "info", "warning" (or "warn") and "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("%w: %q (want info, warning or error)", ErrBadSeverity, s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) {
	if s < Info || s > Error {
		return nil, fmt.Errorf("%w: %d", ErrBadSeverity, int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Related is a second place that explains a diagnostic, such as the first
// definition of a duplicated name.
type Related struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
}

// Diagnostic is one problem found in a design: a YAML syntax error, a schema
// violation or a rule finding. Tests should match Rule, Pos and Path, which
// are stable; Message is for people and may be reworded.
type Diagnostic struct {
	// Rule is the stable, kebab-case ID of the rule that reported it,
	// grouped by a slash prefix: "yaml/duplicate-key", "lifecycle/missing-event".
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// Pos is the exact key or value the diagnostic concerns.
	Pos Pos `json:"pos"`
	// Path is the RFC 6901 JSON pointer of that key or value inside its
	// document, "" for the document itself or when there is no document.
	Path    string    `json:"path"`
	Message string    `json:"message"`
	Related []Related `json:"related,omitempty"`
}

// String formats the diagnostic as "file:line:col: severity: message [rule]",
// the format editors and CI systems recognise.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Rule)
}

// Error makes a Diagnostic usable as an error.
func (d Diagnostic) Error() string { return d.String() }

// Compare orders diagnostics by position, then rule, path and message.
func (d Diagnostic) Compare(e Diagnostic) int {
	return cmp.Or(d.Pos.Compare(e.Pos), strings.Compare(d.Rule, e.Rule), strings.Compare(d.Path, e.Path), strings.Compare(d.Message, e.Message))
}

// List is a list of diagnostics. Like go/scanner.ErrorList it sorts by
// position and, through Err, is an error when it is not empty.
type List []Diagnostic

// Sort sorts the list by file, line, column, rule, path and message.
func (l List) Sort() {
	slices.SortFunc(l, func(a, b Diagnostic) int { return a.Compare(b) })
}

// Error summarises the list: its first entry and how many more there are.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no diagnostics"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0], len(l)-1)
}

// Err returns the list as an error, or nil when it is empty. Use errors.As
// with a *List to get the list back.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap lets errors.As find a single Diagnostic inside the list.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, d := range l {
		errs[i] = d
	}
	return errs
}

// Max returns the gravest severity in the list, 0 when it is empty.
func (l List) Max() Severity {
	var m Severity
	for _, d := range l {
		m = max(m, d.Severity)
	}
	return m
}

// Count returns how many diagnostics have at least the given severity.
func (l List) Count(atLeast Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity >= atLeast {
			n++
		}
	}
	return n
}

// ByRule returns the diagnostics reported by the given rule, in order.
func (l List) ByRule(rule string) List {
	var out List
	for _, d := range l {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}
