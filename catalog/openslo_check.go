package catalog

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/internal/schemadir"
	"github.com/opsdesign/opsdesign/internal/openslospec"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// The JSON Schemas of the OpenSLO kinds, one directory per version
// (schemas/openslo/v1alpha, v1, v2alpha), written from each version's
// specification. Where the specification and the OpenSLO go-sdk disagree,
// they accept what the specification allows, and the loader reports the
// disagreement (ruleSpecSDK).
//
//go:embed schemas/openslo/*/*.json
var openSLOSchemaFiles embed.FS

// openSLOSchemas holds the schema directory of every OpenSLO version, by
// apiVersion; each kind's schema compiles when first used.
var openSLOSchemas = sync.OnceValues(func() (map[string]*schemaDir, error) {
	out := map[string]*schemaDir{}
	for _, v := range openslospec.Versions() {
		dir := v[strings.LastIndexByte(v, '/')+1:]
		d, err := schemadir.New(openSLOSchemaFiles, "schemas/openslo/"+dir, "https://opsdesign.dev/schemas/openslo/"+dir+"/", "common.json")
		if err != nil {
			return nil, err
		}
		out[v] = d
	}
	return out, nil
})

// ruleSpecSDK reports where the OpenSLO specification and its go-sdk
// disagree: the document is valid by one and rejected by the other.
const ruleSpecSDK = "openslo/spec-sdk-disagreement"

// checkOpenSLO validates an OpenSLO document: its version's schema of its
// kind, then what a schema cannot say well (one of two keys, keys that
// exclude each other), then the points where the specification and the
// go-sdk part: below for v1, in internal/openslospec for v1alpha and
// v2alpha.
func checkOpenSLO(doc *Document, report func(rule, ptr string, keyPos bool, msg string)) {
	root := asObj(doc.Value)
	doc.Title = str(sub(root, "metadata"), "displayName")
	dirs, err := openSLOSchemas()
	var s *kindSchema
	dir := dirs[doc.APIVersion]
	if err == nil && dir != nil {
		s, err = dir.Schema(doc.Kind)
	}
	if err != nil {
		report(ruleValue, "", false, err.Error())
		return
	}
	var kinds []string
	if dir != nil {
		kinds = dir.Kinds()
	}
	if s == nil {
		if doc.Kind == "" {
			report(ruleRequired, "/kind", false, `missing required key "kind"`)
		} else {
			report(ruleUnknownKind, "/kind", false, fmt.Sprintf("unknown %s kind %q (known: %s)%s%s", doc.APIVersion, doc.Kind,
				strings.Join(kinds, ", "), suggest.DidYouMean(doc.Kind, kinds), kindElsewhere(doc.Kind)))
		}
		return
	}
	validate(s, doc, func(rule, ptr string, keyPos bool, msg string) {
		report(rule, ptr, keyPos, readableVersionPattern(doc, ptr, msg))
	})
	if doc.APIVersion != OpenSLOAPIVersion {
		openslospec.Check(doc.APIVersion, doc.Kind, root, report)
		return
	}
	c := osloChecker{report: report}
	c.object(root, "")
	spec := sub(root, "spec")
	switch doc.Kind {
	case "SLO":
		c.slo(spec, "/spec")
	case "SLI":
		c.sli(spec, "/spec")
	case "AlertPolicy":
		c.policy(spec, "/spec")
	case "AlertCondition":
		c.condition(spec, "/spec")
	}
}

// readablePattern says in words what the schemas' patterns want, instead
// of quoting the regular expression.
func readablePattern(doc *Document, ptr, msg string) string {
	if !strings.HasPrefix(msg, "does not match pattern") && !strings.Contains(msg, "does not match pattern") {
		return msg
	}
	v, _ := doc.Lookup(ptr)
	text, _ := v.(string)
	if strings.HasPrefix(msg, "key ") { // propertyNames: a label or annotation key
		return "key " + strings.TrimPrefix(strings.SplitN(msg, " does not match", 2)[0], "key ") +
			" is not a valid key: letters, digits, '-', '_' and '.', starting and ending with a letter or digit (annotations may add a DNS prefix and '/')"
	}
	switch {
	case strings.Contains(msg, "mhdwMQY"):
		return fmt.Sprintf("%q is not a duration shorthand: a whole number and one of m (minutes), h, d, w, M (months), Q, Y, such as 30d or 1M", text)
	case strings.Contains(msg, "[0-9]{4}-"):
		return fmt.Sprintf("%q is not a date and time written YYYY-MM-DD hh:mm:ss", text)
	case strings.Contains(msg, "A-Za-z0-9._|"):
		return fmt.Sprintf("%q is not a valid OpenSLO name: letters, digits and '-', '.', '|', '/', '\\', starting and ending with a letter or digit, at most 255 (RFC 1123 labels are the portable kind: lower-case, digits and '-')", text)
	}
	return msg
}

// osloChecker runs the checks a schema cannot express over plain values.
// Values of the wrong type are skipped: the schema reports them.
type osloChecker struct {
	report func(rule, ptr string, keyPos bool, msg string)
}

var dnsLabel = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`) })

func (c osloChecker) disagree(ptr string, keyPos bool, format string, args ...any) {
	c.report(ruleSpecSDK, ptr, keyPos, fmt.Sprintf(format, args...))
}

// object checks the metadata of a document or an inline object.
func (c osloChecker) object(m obj, at string) {
	meta := sub(m, "metadata")
	if name, ok := meta["name"].(string); ok {
		c.name(name, at+"/metadata/name")
	}
	if dn, ok := meta["displayName"].(string); ok && utf8.RuneCountInString(dn) > 63 {
		c.disagree(at+"/metadata/displayName", false,
			"displayName is %d characters long: the OpenSLO spec sets no limit, but the go-sdk rejects more than 63", utf8.RuneCountInString(dn))
	}
}

// name checks a name or a reference to one. The schema accepts the names
// the specification allows (and its examples use); the go-sdk accepts only
// RFC 1123 labels.
func (c osloChecker) name(name, ptr string) {
	if name == "" || dnsLabel().MatchString(name) || !openSLOName().MatchString(name) {
		return
	}
	c.disagree(ptr, false, "%q is not an RFC 1123 label (lower-case letters, digits and '-', at most 63): the OpenSLO spec and its examples allow such names, but the go-sdk rejects them", name)
}

var openSLOName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._|/\\-]{0,253}[A-Za-z0-9])?$`)
})

func has(m obj, k string) bool {
	_, ok := m[k]
	return ok
}

// refName checks a reference member, when written.
func (c osloChecker) refName(m obj, k, at string) {
	if s, ok := m[k].(string); ok {
		c.name(s, at+"/"+k)
	}
}

// oneOf reports two keys written together, or neither.
func (c osloChecker) oneOf(m obj, at, a, b, what string) {
	switch {
	case has(m, a) && has(m, b):
		c.report(ruleValue, at+"/"+b, true, fmt.Sprintf("%s: write %q or %q, not both", what, a, b))
	case !has(m, a) && !has(m, b):
		c.report(ruleRequired, at+"/"+a, false, fmt.Sprintf("missing required key %q (or %q): %s", a, b, what))
	}
}

// duration notes a zero duration shorthand, which the specification
// excludes (a positive number) and the go-sdk accepts.
func (c osloChecker) duration(v any, ptr string) {
	if s, ok := v.(string); ok && len(s) > 1 && strings.Trim(s[:len(s)-1], "0") == "" {
		c.disagree(ptr, false, "duration %q is zero: the OpenSLO spec wants a positive number, but the go-sdk accepts zero", s)
	}
}

func (c osloChecker) slo(spec obj, at string) {
	if spec == nil {
		return
	}
	objectives := list(spec, "objectives")
	composite := false
	for _, o := range objectives {
		if om, ok := o.(obj); ok && (has(om, "indicator") || has(om, "indicatorRef")) {
			composite = true
		}
	}
	if !composite {
		c.oneOf(spec, at, "indicator", "indicatorRef", "an SLO reads one indicator")
	} else if has(spec, "indicator") || has(spec, "indicatorRef") {
		c.report(ruleValue, at+"/objectives", true, "indicators are written per objective (a composite SLO) and for the whole SLO: write them in one place")
	}
	c.refName(spec, "indicatorRef", at)
	if in := sub(spec, "indicator"); in != nil {
		c.object(in, at+"/indicator")
		c.sli(sub(in, "spec"), at+"/indicator/spec")
	}
	if _, ok := spec["timeWindow"]; !ok {
		c.disagree(at, false, `the SLO has no timeWindow: the OpenSLO spec makes it optional, but the go-sdk requires exactly one`)
	}
	if tws := list(spec, "timeWindow"); len(tws) > 0 {
		if tw, ok := tws[0].(obj); ok {
			c.timeWindow(tw, at+"/timeWindow/0")
		}
	}
	method := str(spec, "budgetingMethod")
	inline := sub(sub(spec, "indicator"), "spec")
	ratio, threshold := has(inline, "ratioMetric"), has(inline, "thresholdMetric")
	if threshold && len(objectives) > 1 {
		c.disagree(at+"/objectives", true, "a thresholdMetric SLO with %d objectives: the OpenSLO spec allows one, but the go-sdk accepts several", len(objectives))
	}
	for i, o := range objectives {
		om, ok := o.(obj)
		if !ok {
			continue
		}
		p := idx(at+"/objectives", i)
		c.oneOf(om, p, "target", "targetPercent", "an objective has one target")
		switch method {
		case "Timeslices":
			for _, k := range []string{"timeSliceTarget", "timeSliceWindow"} {
				if !has(om, k) {
					c.report(ruleRequired, p+"/"+k, false, fmt.Sprintf("missing required key %q: a Timeslices objective judges each slice", k))
				}
			}
		case "RatioTimeslices":
			if !has(om, "timeSliceWindow") {
				c.report(ruleRequired, p+"/timeSliceWindow", false, `missing required key "timeSliceWindow": a RatioTimeslices objective averages slices`)
			}
		}
		switch w := om["timeSliceWindow"].(type) {
		case int64, float64:
			c.disagree(p+"/timeSliceWindow", false, "timeSliceWindow %v is a number of minutes: the OpenSLO spec allows it, but the go-sdk reads only duration shorthands such as %vm", w, w)
		default:
			c.duration(w, p+"/timeSliceWindow")
		}
		if ratio {
			for _, k := range []string{"op", "value"} {
				if has(om, k) {
					c.disagree(p+"/"+k, true, "%q is set on an objective of a ratioMetric SLO: the OpenSLO spec's own examples do this, but the go-sdk rejects it (%q only applies to a thresholdMetric)", k, k)
				}
			}
		}
		if threshold {
			for _, k := range []string{"op", "value"} {
				if !has(om, k) {
					c.report(ruleRequired, p+"/"+k, false, fmt.Sprintf("missing required key %q: an objective of a thresholdMetric SLO compares the metric with a value", k))
				}
			}
		}
		if has(om, "indicator") || has(om, "indicatorRef") || has(om, "compositeWeight") {
			key := "indicatorRef"
			if has(om, "indicator") {
				key = "indicator"
			} else if !has(om, key) {
				key = "compositeWeight"
			}
			c.disagree(p+"/"+key, true, "a composite SLO (an indicator per objective): the go-sdk accepts it, but OpenSLO v1's spec does not define it")
			if has(om, "indicator") && has(om, "indicatorRef") {
				c.report(ruleValue, p+"/indicatorRef", true, `an objective reads one indicator: write "indicator" or "indicatorRef", not both`)
			}
		}
		c.refName(om, "indicatorRef", p)
		if in := sub(om, "indicator"); in != nil {
			c.object(in, p+"/indicator")
			c.sli(sub(in, "spec"), p+"/indicator/spec")
		}
	}
	for i, a := range list(spec, "alertPolicies") {
		am, ok := a.(obj)
		if !ok {
			continue
		}
		p := idx(at+"/alertPolicies", i)
		if c.refOrInline(am, p, "alertPolicyRef", "AlertPolicy") {
			c.policy(sub(am, "spec"), p+"/spec")
		}
	}
}

// refOrInline checks an element that either references an object or
// writes it inline; it reports whether it is written inline.
func (c osloChecker) refOrInline(m obj, at, refKey, kind string) bool {
	if has(m, refKey) {
		for _, k := range []string{"kind", "metadata", "spec"} {
			if has(m, k) {
				c.report(ruleValue, at+"/"+k, true, fmt.Sprintf("%q is written with %q: reference the %s or write it inline, not both", k, refKey, kind))
			}
		}
		c.refName(m, refKey, at)
		return false
	}
	for _, k := range []string{"kind", "metadata", "spec"} {
		if !has(m, k) {
			c.report(ruleRequired, at+"/"+k, false, fmt.Sprintf("missing required key %q: write %q, or the %s inline with kind, metadata and spec", k, refKey, kind))
		}
	}
	c.object(m, at)
	return true
}

func (c osloChecker) timeWindow(tw obj, at string) {
	rolling, _ := tw["isRolling"].(bool)
	cal, hasCal := tw["calendar"].(obj)
	switch {
	case rolling && has(tw, "calendar"):
		c.report(ruleValue, at+"/calendar", true, "a rolling window has no calendar: remove it, or set isRolling: false")
	case !rolling && !has(tw, "calendar"):
		c.report(ruleRequired, at+"/calendar", false, `missing required key "calendar": a window aligned to the calendar needs its start and time zone (write isRolling: true for a rolling window)`)
	}
	c.duration(tw["duration"], at+"/duration")
	if !hasCal {
		return
	}
	if tz, ok := cal["timeZone"].(string); ok {
		if _, err := time.LoadLocation(tz); err != nil || tz == "" || tz == "Local" {
			c.report(ruleValue, at+"/calendar/timeZone", false, fmt.Sprintf("unknown time zone %q: write an IANA name such as America/New_York", tz))
		}
	}
	if st, ok := cal["startTime"].(string); ok {
		if _, err := time.Parse(time.DateTime, st); err != nil && reDateTime().MatchString(st) {
			c.report(ruleValue, at+"/calendar/startTime", false, fmt.Sprintf("start time %q is not a real date and time", st))
		}
	}
}

var reDateTime = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$`)
})

func (c osloChecker) sli(spec obj, at string) {
	if spec == nil {
		return
	}
	c.oneOf(spec, at, "thresholdMetric", "ratioMetric", "an SLI has one metric")
	if t := sub(spec, "thresholdMetric"); t != nil {
		c.source(t, at+"/thresholdMetric")
	}
	r := sub(spec, "ratioMetric")
	if r == nil {
		return
	}
	rp := at + "/ratioMetric"
	if has(r, "raw") {
		for _, k := range []string{"good", "bad", "total"} {
			if has(r, k) {
				c.report(ruleValue, rp+"/"+k, true, fmt.Sprintf("%q is written with \"raw\": a raw ratio is read alone", k))
			}
		}
		if !has(r, "rawType") {
			c.report(ruleRequired, rp+"/rawType", false, `missing required key "rawType": say whether the raw ratio counts successes or failures`)
		}
	} else {
		if has(r, "rawType") {
			c.report(ruleValue, rp+"/rawType", true, `"rawType" is written without "raw"`)
		}
		if !has(r, "total") {
			c.report(ruleRequired, rp+"/total", false, `missing required key "total" (or "raw"): a ratio needs its denominator`)
		}
		c.oneOf(r, rp, "good", "bad", "the numerator counts good or bad events")
	}
	for _, k := range []string{"good", "bad", "total", "raw"} {
		if m := sub(r, k); m != nil {
			c.source(m, rp+"/"+k)
		}
	}
}

// source checks one metric source.
func (c osloChecker) source(m obj, at string) {
	ms := sub(m, "metricSource")
	if ms == nil {
		return
	}
	p := at + "/metricSource"
	c.refName(ms, "metricSourceRef", p)
	if !has(ms, "type") && !has(ms, "metricSourceRef") {
		c.disagree(p, false, `a metric source with neither "type" nor "metricSourceRef": the OpenSLO spec says type can't then be omitted, but the go-sdk accepts it`)
	}
}

func (c osloChecker) policy(spec obj, at string) {
	if spec == nil {
		return
	}
	for i, v := range list(spec, "conditions") {
		if m, ok := v.(obj); ok {
			p := idx(at+"/conditions", i)
			if c.refOrInline(m, p, "conditionRef", "AlertCondition") {
				c.condition(sub(m, "spec"), p+"/spec")
			}
		}
	}
	for i, v := range list(spec, "notificationTargets") {
		if m, ok := v.(obj); ok {
			c.refOrInline(m, idx(at+"/notificationTargets", i), "targetRef", "AlertNotificationTarget")
		}
	}
}

func (c osloChecker) condition(spec obj, at string) {
	cond := sub(spec, "condition")
	if cond == nil {
		return
	}
	p := at + "/condition"
	if !has(cond, "kind") {
		c.disagree(p, false, `the condition has no "kind": the OpenSLO spec defaults it to burnrate, but the go-sdk requires it`)
	}
	if !has(cond, "op") {
		c.disagree(p, false, `the condition has no "op": the OpenSLO spec (and its examples) define none, but the go-sdk requires one for a burnrate condition`)
	}
	c.duration(cond["lookbackWindow"], p+"/lookbackWindow")
	c.duration(cond["alertAfter"], p+"/alertAfter")
}
