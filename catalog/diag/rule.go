package diag

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sync"
)

// RuleInfo documents a rule: its stable ID, what it finds and its default
// severity. Every reader and checker of the project publishes a table of
// them, and one registry (package catalog/rules) lists them all, so that
// documentation, SARIF metadata and configuration come from one place.
type RuleInfo struct {
	// ID is stable and kebab-case, grouped by a slash prefix, such as
	// "lifecycle/missing-event".
	ID string `json:"id"`
	// Doc says what the rule finds and why it matters; its first sentence
	// is a summary. It may add an example of a finding, in a ```yaml
	// fence or indented by a tab.
	Doc      string   `json:"doc"`
	Severity Severity `json:"severity"`
}

// ruleIDPattern compiles on first use, as every expression of the
// project does: package initialisation is paid by every run of the CLI.
var ruleIDPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)+$`)
})

// ErrInvalidRule is wrapped by RuleInfo.Validate.
var ErrInvalidRule = errors.New("invalid rule")

// Validate checks that the rule can be registered: a well-formed ID, a doc
// and a valid severity.
func (r RuleInfo) Validate() error {
	switch {
	case !ruleIDPattern().MatchString(r.ID):
		return fmt.Errorf("%w: ID %q is not group/kebab-case", ErrInvalidRule, r.ID)
	case r.Doc == "":
		return fmt.Errorf("%w: %s has no doc", ErrInvalidRule, r.ID)
	case r.Severity < Info || r.Severity > Error:
		return fmt.Errorf("%w: %s has no valid severity", ErrInvalidRule, r.ID)
	}
	return nil
}

// SortRules sorts rules by ID, in place, and returns them.
func SortRules(rules []RuleInfo) []RuleInfo {
	slices.SortFunc(rules, func(a, b RuleInfo) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// Table indexes a package's rule table by ID, for reporters that need a
// rule's default severity. It is read-only once made.
type Table map[string]RuleInfo

// NewTable indexes rules by ID.
func NewTable(rules []RuleInfo) Table {
	t := make(Table, len(rules))
	for _, r := range rules {
		t[r.ID] = r
	}
	return t
}

// Severity returns the default severity of the rule with the ID, or Error
// for an ID the table does not hold (a finding is never graded lower by a
// typo).
func (t Table) Severity(id string) Severity {
	if r, ok := t[id]; ok {
		return r.Severity
	}
	return Error
}
