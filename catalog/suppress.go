package catalog

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/internal/suggest"
)

// suppressDirective starts an inline suppression comment.
const suppressDirective = "opsdesign:ignore"

// suppression is one "# opsdesign:ignore rule reason" comment.
type suppression struct {
	pos    Pos      // of the comment
	target int      // the line whose findings it suppresses
	rules  []string // rule IDs or groups ("lifecycle/*")
	reason string
}

// anyRan reports whether one of the rules the suppression names ran.
func (s suppression) anyRan(known map[string]Rule, ran func(string) bool) bool {
	for id := range known {
		if s.matches(id) && ran(id) {
			return true
		}
	}
	return false
}

func (s suppression) matches(rule string) bool {
	for _, r := range s.rules {
		if r == rule {
			return true
		}
		if g, ok := strings.CutSuffix(r, "/*"); ok && strings.HasPrefix(rule, g+"/") {
			return true
		}
	}
	return false
}

// scanSuppressions finds the suppression comments of a YAML file. A
// comment after content applies to its own line; a comment alone on its
// line applies to the next line that holds content.
func scanSuppressions(src Source) []suppression {
	if !bytes.Contains(src.Data, []byte(suppressDirective)) {
		return nil
	}
	var out []suppression
	pending := -1 // index in out of a directive waiting for its line
	lineNo := 0
	for rest := src.Data; len(rest) > 0; {
		lineNo++
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		content, comment, col := splitComment(line)
		hasContent := len(bytes.TrimSpace(content)) > 0
		if pending >= 0 && hasContent {
			out[pending].target = lineNo
			pending = -1
		}
		body, ok := bytes.CutPrefix(bytes.TrimSpace(comment), []byte(suppressDirective))
		if !ok || (len(body) > 0 && body[0] != ' ' && body[0] != '\t') {
			continue
		}
		// A second comment inside the directive ends its reason.
		if i := bytes.Index(body, []byte(" #")); i >= 0 {
			body = body[:i]
		}
		fields := strings.Fields(string(body))
		s := suppression{pos: Pos{File: src.Name, Line: lineNo, Column: col}, target: lineNo}
		if len(fields) > 0 {
			for _, r := range strings.Split(fields[0], ",") {
				if r = strings.TrimSpace(r); r != "" {
					s.rules = append(s.rules, r)
				}
			}
			s.reason = strings.Join(fields[1:], " ")
		}
		out = append(out, s)
		if !hasContent {
			out[len(out)-1].target = -1
			pending = len(out) - 1
		}
	}
	return out
}

// splitComment splits a YAML line at the "#" that starts its comment (one at
// the start or after white space) and returns the comment's 1-based column
// in runes. A "#" inside a quoted string is skipped.
func splitComment(line []byte) (content, comment []byte, col int) {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				if quote == '\'' && i+1 < len(line) && line[i+1] == '\'' {
					i++ // '' escapes a quote in single-quoted YAML
				} else {
					quote = 0
				}
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '"' || c == '\'':
			if i == 0 || line[i-1] == ' ' || line[i-1] == '\t' || bytes.IndexByte([]byte("[{,:-"), line[i-1]) >= 0 {
				quote = c
			}
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return line[:i], line[i+1:], utf8.RuneCount(line[:i]) + 1
		}
	}
	return line, nil, 0
}

// applySuppressions drops the findings a suppression covers and reports the
// suppressions that are malformed or unused. A suppression whose rules did
// not run (disabled by configuration) is not called unused.
func applySuppressions(diags Diagnostics, supp []suppression, known map[string]Rule, ran func(id string) bool) Diagnostics {
	if len(supp) == 0 {
		return diags
	}
	type key struct {
		file string
		line int
	}
	byLine := map[key][]int{}
	for i, s := range supp {
		byLine[key{s.pos.File, s.target}] = append(byLine[key{s.pos.File, s.target}], i)
	}
	used := make([]bool, len(supp))
	kept := diags[:0]
	for _, d := range diags {
		suppressed := false
		for _, i := range byLine[key{d.Pos.File, d.Pos.Line}] {
			if supp[i].matches(d.Rule) {
				used[i], suppressed = true, true
			}
		}
		if !suppressed {
			kept = append(kept, d)
		}
	}
	for i, s := range supp {
		switch {
		case len(s.rules) == 0:
			kept = append(kept, Diagnostic{Rule: ruleSuppressMissingRule, Severity: defaultSeverity(ruleSuppressMissingRule), Pos: s.pos,
				Message: "suppression names no rule: write \"# opsdesign:ignore <rule-id> <reason>\""})
			continue
		case s.reason == "":
			kept = append(kept, Diagnostic{Rule: ruleSuppressMissingReason, Severity: defaultSeverity(ruleSuppressMissingReason), Pos: s.pos,
				Message: fmt.Sprintf("suppression of %s gives no reason: say why after the rule ID", strings.Join(s.rules, ","))})
		}
		for _, r := range s.rules {
			if _, ok := known[r]; !ok && !knownGroup(known, r) {
				kept = append(kept, Diagnostic{Rule: ruleSuppressUnknownRule, Severity: defaultSeverity(ruleSuppressUnknownRule), Pos: s.pos,
					Message: fmt.Sprintf("suppression names unknown rule %q%s", r, suggest.DidYouMean(r, mapKeys(known)))})
			}
		}
		if !used[i] && s.anyRan(known, ran) {
			where := fmt.Sprintf("on line %d", s.target)
			if s.target < 0 {
				where = "(no line follows it)"
			}
			kept = append(kept, Diagnostic{Rule: ruleSuppressUnused, Severity: defaultSeverity(ruleSuppressUnused), Pos: s.pos,
				Message: fmt.Sprintf("suppression of %s matches no finding %s", strings.Join(s.rules, ","), where)})
		}
	}
	return kept
}
