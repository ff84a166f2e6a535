package openslospec

import (
	"fmt"
	"unicode/utf8"
)

// v1 runs the checks of an openslo/v1 document that its schema cannot
// express (one of two keys, keys that exclude each other), and notes where
// the specification and the go-sdk part.
func (c checker) v1(kind string, root obj) {
	c.objectV1(root, "")
	spec := sub(root, "spec")
	switch kind {
	case "SLO":
		c.sloV1(spec, "/spec")
	case "SLI":
		c.sliV1(spec, "/spec")
	case "AlertPolicy":
		c.policyV1(spec, "/spec")
	case "AlertCondition":
		c.conditionV1(spec, "/spec")
	}
}

// refOrInlineV1 checks an element that either references an object or
// writes it inline, with v1's checks of names; it reports whether it is
// written inline.
func (c checker) refOrInlineV1(m obj, at, refKey, kind string) bool {
	return c.refOrInlineWith(m, at, refKey, kind, c.refNameV1, c.objectV1)
}

// object checks the metadata of a document or an inline object.
func (c checker) objectV1(m obj, at string) {
	meta := sub(m, "metadata")
	if name, ok := meta["name"].(string); ok {
		c.nameV1(name, at+"/metadata/name")
	}
	if dn, ok := meta["displayName"].(string); ok && utf8.RuneCountInString(dn) > 63 {
		c.disagree(at+"/metadata/displayName", false,
			"displayName is %d characters long: the OpenSLO spec sets no limit, but the go-sdk rejects more than 63", utf8.RuneCountInString(dn))
	}
}

// name checks a name or a reference to one. The schema accepts the names
// the specification allows (and its examples use); the go-sdk accepts only
// RFC 1123 labels.
func (c checker) nameV1(name, ptr string) {
	if name == "" || dnsLabel.MatchString(name) || !openSLOName.MatchString(name) {
		return
	}
	c.disagree(ptr, false, "%q is not an RFC 1123 label (lower-case letters, digits and '-', at most 63): the OpenSLO spec and its examples allow such names, but the go-sdk rejects them", name)
}

// refName checks a reference member, when written.
func (c checker) refNameV1(m obj, k, at string) {
	if s, ok := m[k].(string); ok {
		c.nameV1(s, at+"/"+k)
	}
}

func (c checker) sloV1(spec obj, at string) {
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
		c.report(RuleValue, at+"/objectives", true, "indicators are written per objective (a composite SLO) and for the whole SLO: write them in one place")
	}
	c.refNameV1(spec, "indicatorRef", at)
	if in := sub(spec, "indicator"); in != nil {
		c.objectV1(in, at+"/indicator")
		c.sliV1(sub(in, "spec"), at+"/indicator/spec")
	}
	if _, ok := spec["timeWindow"]; !ok {
		c.disagree(at, false, `the SLO has no timeWindow: the OpenSLO spec makes it optional, but the go-sdk requires exactly one`)
	}
	if tws := list(spec, "timeWindow"); len(tws) > 0 {
		if tw, ok := tws[0].(obj); ok {
			c.timeWindow(tw, at+"/timeWindow/0")
			c.zeroDuration(tw["duration"], at+"/timeWindow/0/duration")
		}
	}
	method, _ := spec["budgetingMethod"].(string)
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
			c.disagree(p+"/timeSliceWindow", false, "timeSliceWindow %v is a number of minutes: the OpenSLO spec allows it, but the go-sdk reads only duration shorthands such as %vm", w, w)
		default:
			c.zeroDuration(w, p+"/timeSliceWindow")
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
					c.report(RuleRequired, p+"/"+k, false, fmt.Sprintf("missing required key %q: an objective of a thresholdMetric SLO compares the metric with a value", k))
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
				c.report(RuleValue, p+"/indicatorRef", true, `an objective reads one indicator: write "indicator" or "indicatorRef", not both`)
			}
		}
		c.refNameV1(om, "indicatorRef", p)
		if in := sub(om, "indicator"); in != nil {
			c.objectV1(in, p+"/indicator")
			c.sliV1(sub(in, "spec"), p+"/indicator/spec")
		}
	}
	for i, a := range list(spec, "alertPolicies") {
		am, ok := a.(obj)
		if !ok {
			continue
		}
		p := idx(at+"/alertPolicies", i)
		if c.refOrInlineV1(am, p, "alertPolicyRef", "AlertPolicy") {
			c.policyV1(sub(am, "spec"), p+"/spec")
		}
	}
}

// sliV1 checks an SLI spec of openslo/v1, whose metrics name a metricSource.
func (c checker) sliV1(spec obj, at string) { c.sli(spec, at, c.sourceV1) }

// sli checks an SLI spec of either version: one metric, a ratio read one
// way, and each metric by the version's own check.
func (c checker) sli(spec obj, at string, metric func(m obj, at string)) {
	if spec == nil {
		return
	}
	c.oneOf(spec, at, "thresholdMetric", "ratioMetric", "an SLI has one metric")
	if t := sub(spec, "thresholdMetric"); t != nil {
		metric(t, at+"/thresholdMetric")
	}
	r := sub(spec, "ratioMetric")
	if r == nil {
		return
	}
	rp := at + "/ratioMetric"
	if has(r, "raw") {
		for _, k := range []string{"good", "bad", "total"} {
			if has(r, k) {
				c.report(RuleValue, rp+"/"+k, true, fmt.Sprintf("%q is written with \"raw\": a raw ratio is read alone", k))
			}
		}
		if !has(r, "rawType") {
			c.report(RuleRequired, rp+"/rawType", false, `missing required key "rawType": say whether the raw ratio counts successes or failures`)
		}
	} else {
		if has(r, "rawType") {
			c.report(RuleValue, rp+"/rawType", true, `"rawType" is written without "raw"`)
		}
		if !has(r, "total") {
			c.report(RuleRequired, rp+"/total", false, `missing required key "total" (or "raw"): a ratio needs its denominator`)
		}
		c.oneOf(r, rp, "good", "bad", "the numerator counts good or bad events")
	}
	for _, k := range []string{"good", "bad", "total", "raw"} {
		if m := sub(r, k); m != nil {
			metric(m, rp+"/"+k)
		}
	}
}

// source checks one metric source.
func (c checker) sourceV1(m obj, at string) {
	ms := sub(m, "metricSource")
	if ms == nil {
		return
	}
	p := at + "/metricSource"
	c.refNameV1(ms, "metricSourceRef", p)
	if !has(ms, "type") && !has(ms, "metricSourceRef") {
		c.disagree(p, false, `a metric source with neither "type" nor "metricSourceRef": the OpenSLO spec says type can't then be omitted, but the go-sdk accepts it`)
	}
}

func (c checker) policyV1(spec obj, at string) {
	if spec == nil {
		return
	}
	for i, v := range list(spec, "conditions") {
		if m, ok := v.(obj); ok {
			p := idx(at+"/conditions", i)
			if c.refOrInlineV1(m, p, "conditionRef", "AlertCondition") {
				c.conditionV1(sub(m, "spec"), p+"/spec")
			}
		}
	}
	for i, v := range list(spec, "notificationTargets") {
		if m, ok := v.(obj); ok {
			c.refOrInlineV1(m, idx(at+"/notificationTargets", i), "targetRef", "AlertNotificationTarget")
		}
	}
}

func (c checker) conditionV1(spec obj, at string) {
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
	c.zeroDuration(cond["lookbackWindow"], p+"/lookbackWindow")
	c.zeroDuration(cond["alertAfter"], p+"/alertAfter")
}
