// Package openslospec knows the OpenSLO versions opsdesign reads: their
// apiVersions and kinds, and, for v1alpha and v2alpha, the checks a JSON
// Schema cannot express (one key of two, keys that exclude each other, real
// dates and time zones) and the points where each version's specification
// and the OpenSLO go-sdk disagree. The catalog validates every OpenSLO
// document against the schema of its version (catalog/schemas/openslo/<version>)
// and then runs Check; v1's own checks are in the catalog (openslo_check.go).
//
// The leniency policy is the same for every version: the schemas accept what
// the specification allows, and where the go-sdk (which oslo validate uses)
// rejects it, or accepts what the specification excludes, the finding is a
// warning, openslo/spec-sdk-disagreement, so that a directory of valid
// OpenSLO lints clean while every portability hazard is named. What both
// reject is an error. Package catalog/openslo's doc lists the
// disagreements of each version.
package openslospec

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/opsdesign/opsdesign/internal/fastregexp"
)

// The apiVersions of OpenSLO.
const (
	V1alpha = "openslo/v1alpha"
	V1      = "openslo/v1"
	V2alpha = "openslo.com/v2alpha"
)

// Versions returns the OpenSLO apiVersions, oldest first. The slice is new
// on every call.
func Versions() []string { return []string{V1alpha, V1, V2alpha} }

// Kinds returns the kinds a version defines, in alphabetical order, or nil
// for an apiVersion that is not OpenSLO's. v1alpha defines SLO and Service
// only; v1 and v2alpha define the same seven kinds.
func Kinds(version string) []string {
	switch version {
	case V1alpha:
		return []string{"SLO", "Service"}
	case V1, V2alpha:
		return []string{"AlertCondition", "AlertNotificationTarget", "AlertPolicy", "DataSource", "SLI", "SLO", "Service"}
	}
	return nil
}

// HasKind reports whether the version defines the kind.
func HasKind(version, kind string) bool { return slices.Contains(Kinds(version), kind) }

// The rules Check reports. The catalog documents them (catalog.LoaderRules).
const (
	RuleRequired = "schema/required"
	RuleValue    = "schema/value"
	RuleSpecSDK  = "openslo/spec-sdk-disagreement"
)

// Report receives one finding: its rule, the JSON pointer of the value, and
// whether it is about the key (a key written where it does not belong)
// rather than the value.
type Report func(rule, ptr string, keyPos bool, msg string)

// Check runs the checks of an OpenSLO document that its version's schema
// cannot express, and notes where the specification and the go-sdk part.
// root is the document as plain data; values of the wrong type are skipped
// (the schema reports them). It does nothing for other apiVersions.
func Check(version, kind string, root map[string]any, report Report) {
	c := checker{report: report}
	switch version {
	case V1alpha:
		c.v1alpha(kind, root)
	case V1:
		c.v1(kind, root)
	case V2alpha:
		c.v2alpha(kind, root)
	}
}

type obj = map[string]any

func sub(m obj, k string) obj {
	o, _ := m[k].(obj)
	return o
}

func list(m obj, k string) []any {
	l, _ := m[k].([]any)
	return l
}

func has(m obj, k string) bool {
	_, ok := m[k]
	return ok
}

func idx(p string, i int) string { return fmt.Sprintf("%s/%d", p, i) }

// checker runs the checks over plain values.
type checker struct {
	report Report
}

func (c checker) disagree(ptr string, keyPos bool, format string, args ...any) {
	c.report(RuleSpecSDK, ptr, keyPos, fmt.Sprintf(format, args...))
}

// oneOf reports two keys written together, or neither.
func (c checker) oneOf(m obj, at, a, b, what string) {
	switch {
	case has(m, a) && has(m, b):
		c.report(RuleValue, at+"/"+b, true, fmt.Sprintf("%s: write %q or %q, not both", what, a, b))
	case !has(m, a) && !has(m, b):
		c.report(RuleRequired, at+"/"+a, false, fmt.Sprintf("missing required key %q (or %q): %s", a, b, what))
	}
}

// The name patterns are matched by a scan of bytes (fastregexp), never
// compiled by package regexp: the bounded repetitions of the name pattern
// alone took 80 ms at every start of the CLI, OpenSLO or not. The others
// compile on first use.
var (
	dnsLabel    = fastregexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
	openSLOName = fastregexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._|/\\-]{0,253}[A-Za-z0-9])?$`)
	reDateTime  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$`)
	})
)

// name checks a name or a reference to one, as v1 does: the schema accepts
// the longer names the specification allows, the go-sdk only RFC 1123
// labels.
func (c checker) name(m obj, k, at string) {
	name, ok := m[k].(string)
	if !ok || name == "" || dnsLabel.MatchString(name) || !openSLOName.MatchString(name) {
		return
	}
	c.disagree(at+"/"+k, false, "%q is not an RFC 1123 label (lower-case letters, digits and '-', at most 63): the OpenSLO spec allows such names, but the go-sdk rejects them", name)
}

// timeWindow checks what both the specification and the go-sdk require of
// a window (a calendar exactly when it is not rolling, a real time zone
// and start), in every version.
func (c checker) timeWindow(tw obj, at string) {
	rolling, _ := tw["isRolling"].(bool)
	cal, hasCal := tw["calendar"].(obj)
	switch {
	case rolling && has(tw, "calendar"):
		c.report(RuleValue, at+"/calendar", true, "a rolling window has no calendar: remove it, or set isRolling: false")
	case !rolling && !has(tw, "calendar"):
		c.report(RuleRequired, at+"/calendar", false, `missing required key "calendar": a window aligned to the calendar needs its start and time zone (write isRolling: true for a rolling window)`)
	}
	if !hasCal {
		return
	}
	if tz, ok := cal["timeZone"].(string); ok {
		if _, err := time.LoadLocation(tz); err != nil || tz == "" || tz == "Local" {
			c.report(RuleValue, at+"/calendar/timeZone", false, fmt.Sprintf("unknown time zone %q: write an IANA name such as America/New_York", tz))
		}
	}
	if st, ok := cal["startTime"].(string); ok {
		if _, err := time.Parse(time.DateTime, st); err != nil && reDateTime().MatchString(st) {
			c.report(RuleValue, at+"/calendar/startTime", false, fmt.Sprintf("start time %q is not a real date and time", st))
		}
	}
}

// zeroDuration notes a zero duration shorthand, which the specification
// excludes (a positive number) and the go-sdk accepts.
func (c checker) zeroDuration(v any, ptr string) {
	if s, ok := v.(string); ok && len(s) > 1 && strings.Trim(s[:len(s)-1], "0") == "" {
		c.disagree(ptr, false, "duration %q is zero: the OpenSLO spec wants a positive number, but the go-sdk accepts zero", s)
	}
}

// VersionsOfKind returns the OpenSLO versions that define a kind, oldest
// first.
func VersionsOfKind(kind string) []string {
	var out []string
	for _, v := range Versions() {
		if HasKind(v, kind) {
			out = append(out, v)
		}
	}
	return out
}

// ReadablePattern says in words what a pattern of the v1alpha and v2alpha
// schemas wants, given the validator's message and the text it rejected;
// ok is false for other patterns.
func ReadablePattern(msg, text string) (string, bool) {
	switch {
	case strings.Contains(msg, "[mhdw]$"):
		return fmt.Sprintf("%q is not a v2alpha duration shorthand: a whole number and one of m (minutes), h, d or w, such as 30d (v2alpha has no M, Q or Y)", text), true
	case strings.Contains(msg, "^[a-z0-9]([-a-z0-9]{0,61}"):
		return fmt.Sprintf("%q is not an RFC 1123 label, which v1alpha names must be: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit", text), true
	case strings.Contains(msg, "[-._A-Za-z0-9]{0,61})?"):
		return fmt.Sprintf("label value %q is not a Kubernetes label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit", text), true
	}
	return "", false
}
