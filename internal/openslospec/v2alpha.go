package openslospec

import (
	"fmt"

	"github.com/opsdesign/opsdesign/internal/fastregexp"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
)

// lowerLabelValue is the label value the go-sdk's v2alpha accepts;
// Kubernetes, which the v2alpha spec adheres to, also allows capitals.
var lowerLabelValue = fastregexp.MustCompile(`^([a-z0-9]([-._a-z0-9]{0,61}[a-z0-9])?)?$`)

// v2alpha checks a document of OpenSLO v2alpha. Its specification is
// enhancements/v2alpha.md of the OpenSLO repository, which states what
// changes from v1: what it does not change (alert policies and
// conditions, notification targets, data sources, services) is checked as
// in v1. The go-sdk's pkg/openslo/v2alpha is what oslo validates with.
func (c checker) v2alpha(kind string, root obj) {
	c.metaV2alpha(root, "")
	spec := sub(root, "spec")
	if spec == nil {
		return
	}
	switch kind {
	case "SLO":
		c.sloV2alpha(spec, "/spec")
	case "SLI":
		c.sliV2alpha(spec, "/spec")
	case "AlertPolicy":
		c.policyV2alpha(spec, "/spec")
	case "AlertCondition":
		c.conditionV2alpha(spec, "/spec")
	}
}

// metaV2alpha checks the metadata of a document or an inline object.
func (c checker) metaV2alpha(m obj, at string) {
	meta := sub(m, "metadata")
	c.name(meta, "name", at+"/metadata")
	c.labelsV2alpha(sub(meta, "labels"), at+"/metadata/labels")
}

func (c checker) labelsV2alpha(labels obj, at string) {
	for k, v := range labels {
		if s, ok := v.(string); ok && !lowerLabelValue.MatchString(s) {
			c.disagree(at+"/"+jsonptr.Escape(k), false, "label value %q: Kubernetes labels, which the v2alpha spec follows, allow capitals, but the go-sdk accepts only lower-case letters, digits, '-', '_' and '.'", s)
		}
	}
}

func (c checker) sloV2alpha(spec obj, at string) {
	objectives := list(spec, "objectives")
	composite := false
	for _, o := range objectives {
		if om, ok := o.(obj); ok && (has(om, "sli") || has(om, "sliRef")) {
			composite = true
		}
	}
	if !composite {
		c.oneOf(spec, at, "sli", "sliRef", "an SLO reads one SLI")
	} else if has(spec, "sli") || has(spec, "sliRef") {
		c.report(RuleValue, at+"/objectives", true, "SLIs are written per objective (a composite SLO) and for the whole SLO: write them in one place")
	}
	c.name(spec, "sliRef", at)
	c.inlineSLI(spec, at)
	if !has(spec, "timeWindow") {
		c.disagree(at, false, `the SLO has no timeWindow: the OpenSLO spec makes it optional, but the go-sdk requires exactly one`)
	}
	for i, tw := range list(spec, "timeWindow") {
		if m, ok := tw.(obj); ok {
			p := idx(at+"/timeWindow", i)
			c.timeWindow(m, p)
			c.zeroDuration(m["duration"], p+"/duration")
		}
	}
	inline := sub(sub(spec, "sli"), "spec")
	ratio, threshold := has(inline, "ratioMetric"), has(inline, "thresholdMetric")
	method, _ := spec["budgetingMethod"].(string)
	for i, o := range objectives {
		if om, ok := o.(obj); ok {
			c.objectiveV2alpha(om, idx(at+"/objectives", i), method, ratio, threshold)
		}
	}
	for i, a := range list(spec, "alertPolicies") {
		if am, ok := a.(obj); ok {
			p := idx(at+"/alertPolicies", i)
			if c.refOrInline(am, p, "alertPolicyRef", "AlertPolicy") {
				c.policyV2alpha(sub(am, "spec"), p+"/spec")
			}
		}
	}
}

// inlineSLI checks the SLI an SLO or an objective writes inline.
func (c checker) inlineSLI(m obj, at string) {
	if in := sub(m, "sli"); in != nil {
		c.metaV2alpha(in, at+"/sli")
		c.sliV2alpha(sub(in, "spec"), at+"/sli/spec")
	}
}

func (c checker) objectiveV2alpha(om obj, p, method string, ratio, threshold bool) {
	c.oneOf(om, p, "target", "targetPercent", "an objective has one target")
	switch method {
	case "Timeslices":
		for _, k := range []string{"timeSliceTarget", "timeSliceWindow"} {
			if !has(om, k) {
				c.report(RuleRequired, p+"/"+k, false, fmt.Sprintf("missing required key %q: a Timeslices objective judges each slice", k))
			}
		}
	case "RatioTimeslices":
		if !has(om, "timeSliceWindow") {
			c.report(RuleRequired, p+"/timeSliceWindow", false, `missing required key "timeSliceWindow": a RatioTimeslices objective averages slices`)
		}
	}
	switch w := om["timeSliceWindow"].(type) {
	case int64, float64:
		c.disagree(p+"/timeSliceWindow", false, "timeSliceWindow %v is a number of minutes: the v2alpha spec allows it, but the go-sdk reads only duration shorthands such as %vm", w, w)
	default:
		c.zeroDuration(w, p+"/timeSliceWindow")
	}
	if ratio {
		for _, k := range []string{"op", "value"} {
			if has(om, k) {
				c.disagree(p+"/"+k, true, "%q is set on an objective of a ratioMetric SLO: the v2alpha spec only needs it with a thresholdMetric, and the go-sdk rejects it here", k)
			}
		}
	}
	if threshold {
		for _, k := range []string{"op", "value"} {
			if !has(om, k) {
				c.report(RuleRequired, p+"/"+k, false, fmt.Sprintf("missing required key %q: an objective of a thresholdMetric SLO compares the metric with a value", k))
			}
		}
	}
	if has(om, "labels") {
		c.disagree(p+"/labels", true, "labels on an objective: the v2alpha spec allows them, but the go-sdk rejects the key")
	}
	if has(om, "sli") && has(om, "sliRef") {
		c.report(RuleValue, p+"/sliRef", true, `an objective reads one SLI: write "sli" or "sliRef", not both`)
	}
	c.name(om, "sliRef", p)
	c.inlineSLI(om, p)
}

// sliV2alpha checks an SLI spec of openslo.com/v2alpha, whose metrics name a DataSource.
func (c checker) sliV2alpha(spec obj, at string) { c.sli(spec, at, c.metricV2alpha) }

// metricV2alpha checks one metric: a DataSource by reference or inline.
func (c checker) metricV2alpha(m obj, at string) {
	c.oneOf(m, at, "dataSourceRef", "dataSourceSpec", "a metric reads one data source, by reference or inline")
	c.name(m, "dataSourceRef", at)
}

// refOrInline checks an element that either references an object or
// writes it inline; it reports whether it is written inline.
func (c checker) refOrInline(m obj, at, refKey, kind string) bool {
	return c.refOrInlineWith(m, at, refKey, kind, c.name, c.metaV2alpha)
}

// refOrInlineWith is refOrInline with the version's checks of a reference
// name and of an inline object's metadata.
func (c checker) refOrInlineWith(m obj, at, refKey, kind string, name func(m obj, k, at string), meta func(m obj, at string)) bool {
	if has(m, refKey) {
		for _, k := range []string{"kind", "metadata", "spec"} {
			if has(m, k) {
				c.report(RuleValue, at+"/"+k, true, fmt.Sprintf("%q is written with %q: reference the %s or write it inline, not both", k, refKey, kind))
			}
		}
		name(m, refKey, at)
		return false
	}
	for _, k := range []string{"kind", "metadata", "spec"} {
		if !has(m, k) {
			c.report(RuleRequired, at+"/"+k, false, fmt.Sprintf("missing required key %q: write %q, or the %s inline with kind, metadata and spec", k, refKey, kind))
		}
	}
	meta(m, at)
	return true
}

func (c checker) policyV2alpha(spec obj, at string) {
	for i, v := range list(spec, "conditions") {
		if m, ok := v.(obj); ok {
			p := idx(at+"/conditions", i)
			if c.refOrInline(m, p, "conditionRef", "AlertCondition") {
				c.conditionV2alpha(sub(m, "spec"), p+"/spec")
			}
		}
	}
	for i, v := range list(spec, "notificationTargets") {
		if m, ok := v.(obj); ok {
			c.refOrInline(m, idx(at+"/notificationTargets", i), "targetRef", "AlertNotificationTarget")
		}
	}
}

func (c checker) conditionV2alpha(spec obj, at string) {
	cond := sub(spec, "condition")
	if cond == nil {
		return
	}
	p := at + "/condition"
	if !has(cond, "kind") {
		c.disagree(p, false, `the condition has no "kind": the OpenSLO spec defaults it to burnrate, but the go-sdk requires it`)
	}
	if !has(cond, "alertAfter") {
		c.disagree(p, false, `the condition has no "alertAfter": the OpenSLO spec defaults it to 0m, but the go-sdk's v2alpha requires it`)
	}
	c.zeroDuration(cond["lookbackWindow"], p+"/lookbackWindow")
}
