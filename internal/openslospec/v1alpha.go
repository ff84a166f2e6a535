package openslospec

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/internal/fastregexp"
)

// UnitLength is the length of a v1alpha time window unit, months,
// quarters and years counted as 30, 90 and 365 days; 0 for an unknown
// unit.
func UnitLength(unit string) time.Duration {
	const day = 24 * time.Hour
	return map[string]time.Duration{"Second": time.Second, "Minute": time.Minute, "Hour": time.Hour, "Day": day,
		"Week": 7 * day, "Month": 30 * day, "Quarter": 90 * day, "Year": 365 * day}[unit]
}

var letters = fastregexp.MustCompile(`^[A-Za-z]+$`)

// v1alpha checks an SLO or Service of OpenSLO v1alpha, the version Sloth
// reads. Its specification is the OpenSLO README before v1; the go-sdk's
// pkg/openslo/v1alpha is what oslo validates with.
func (c checker) v1alpha(kind string, root obj) {
	meta := sub(root, "metadata")
	if dn, ok := meta["displayName"].(string); ok && utf8.RuneCountInString(dn) > 63 {
		c.disagree("/metadata/displayName", false, "displayName is %d characters long: the OpenSLO spec sets no limit, but the go-sdk rejects more than 63", utf8.RuneCountInString(dn))
	}
	for _, k := range []string{"labels", "annotations"} {
		if has(meta, k) {
			c.disagree("/metadata/"+k, true, "metadata.%s: the later v1alpha spec allows %s, but the go-sdk's v1alpha metadata has only name and displayName, so oslo rejects the file", k, k)
		}
	}
	if kind != "SLO" {
		return
	}
	spec := sub(root, "spec")
	if spec == nil {
		return
	}
	const at = "/spec"
	for i, tw := range list(spec, "timeWindows") {
		if m, ok := tw.(obj); ok {
			c.windowV1alpha(m, idx(at+"/timeWindows", i))
		}
	}
	objectives := list(spec, "objectives")
	ratio := false
	for _, o := range objectives {
		if om, ok := o.(obj); ok && (has(om, "ratioMetrics") || has(om, "ratioMetric")) {
			ratio = true
		}
	}
	threshold := has(spec, "indicator")
	switch {
	case ratio && threshold:
		c.report(RuleValue, at+"/indicator", true, "an SLO reads a thresholdMetric indicator or a ratio per objective (objectives[].ratioMetrics), not both")
	case !ratio && !threshold && len(objectives) > 0:
		c.report(RuleRequired, at+"/indicator", false, `missing required key "indicator" (or "ratioMetrics" on each objective): an SLO reads one metric`)
	}
	if tm := sub(sub(spec, "indicator"), "thresholdMetric"); tm != nil {
		c.sourceV1alpha(tm, at+"/indicator/thresholdMetric")
	}
	if threshold && len(objectives) > 1 {
		c.disagree(at+"/objectives", true, "a thresholdMetric SLO with %d objectives: the v1alpha spec allows one, but the go-sdk accepts several", len(objectives))
	}
	timeslices := spec["budgetingMethod"] == "Timeslices"
	for i, o := range objectives {
		if om, ok := o.(obj); ok {
			c.objectiveV1alpha(om, idx(at+"/objectives", i), ratio, threshold, timeslices)
		}
	}
}

func (c checker) objectiveV1alpha(om obj, p string, ratio, threshold, timeslices bool) {
	key := "ratioMetrics"
	if has(om, "ratioMetric") {
		if has(om, "ratioMetrics") {
			c.report(RuleValue, p+"/ratioMetric", true, `"ratioMetric" and "ratioMetrics" are the same: write "ratioMetrics" alone`)
		} else {
			key = "ratioMetric"
			c.disagree(p+"/ratioMetric", true, `"ratioMetric" is the spelling of the v1alpha spec's template; its examples and the go-sdk write "ratioMetrics" (the go-sdk rejects "ratioMetric")`)
		}
	}
	if rm := sub(om, key); rm != nil {
		for _, k := range []string{"good", "total"} {
			if m := sub(rm, k); m != nil {
				c.sourceV1alpha(m, p+"/"+key+"/"+k)
			}
		}
	}
	switch {
	case threshold:
		for _, k := range []string{"op", "value"} {
			if !has(om, k) {
				c.report(RuleRequired, p+"/"+k, false, fmt.Sprintf("missing required key %q: an objective of a thresholdMetric SLO compares the metric with a value", k))
			}
		}
	case ratio && !has(om, key):
		c.report(RuleRequired, p+"/ratioMetrics", false, `missing required key "ratioMetrics": the other objectives read ratios, and this one reads nothing`)
	case ratio:
		if has(om, "op") {
			c.disagree(p+"/op", true, `"op" is set on a ratio objective: the v1alpha spec only needs it with a thresholdMetric, and the go-sdk rejects it here`)
		}
		if !has(om, "value") {
			c.disagree(p, false, `the objective has no "value": the v1alpha spec only needs it with a thresholdMetric, but the go-sdk requires it on every objective (on a ratio objective it tells objectives apart)`)
		}
	}
	if timeslices && !has(om, "timeSliceTarget") {
		c.report(RuleRequired, p+"/timeSliceTarget", false, `missing required key "timeSliceTarget": a Timeslices objective judges each slice`)
	}
	if t, ok := om["timeSliceTarget"].(int64); ok && t == 0 {
		c.disagree(p+"/timeSliceTarget", false, "timeSliceTarget 0: the v1alpha spec wants more than 0, but the go-sdk accepts 0")
	}
	if t, ok := om["timeSliceTarget"].(float64); ok && t == 0 {
		c.disagree(p+"/timeSliceTarget", false, "timeSliceTarget 0: the v1alpha spec wants more than 0, but the go-sdk accepts 0")
	}
	if dn, ok := om["displayName"].(string); ok && utf8.RuneCountInString(dn) > 1050 {
		c.disagree(p+"/displayName", false, "displayName is %d characters long: the v1alpha spec sets no limit on an objective's, but the go-sdk rejects more than 1050", utf8.RuneCountInString(dn))
	}
}

// sourceV1alpha checks a metric source: source, queryType and query.
func (c checker) sourceV1alpha(m obj, at string) {
	for _, k := range []string{"source", "queryType"} {
		if s, ok := m[k].(string); ok && s != "" && !letters.MatchString(s) {
			c.disagree(at+"/"+k, false, "%s %q is not letters only: the v1alpha spec allows any string, but the go-sdk accepts only letters", k, s)
		}
	}
	if has(m, "metadata") {
		c.disagree(at+"/metadata", true, "metadata on a metric source: the v1alpha spec allows data-source specific details here, but the go-sdk rejects the key")
	}
}

// windowV1alpha checks a v1alpha time window: unit and count.
func (c checker) windowV1alpha(tw obj, at string) {
	c.timeWindow(tw, at)
	unit, _ := tw["unit"].(string)
	switch unit {
	case "Minute", "Hour", "Year":
		c.disagree(at+"/unit", false, "unit %s: the v1alpha spec allows it, but the go-sdk knows only Second, Day, Week, Month and Quarter", unit)
	}
	count, ok := tw["count"].(int64)
	if !ok || count < 1 || count > 1e6 || UnitLength(unit) == 0 {
		return
	}
	length := time.Duration(count) * UnitLength(unit)
	const day = 24 * time.Hour
	rolling, _ := tw["isRolling"].(bool)
	switch {
	case rolling && (length < 5*time.Minute || length > 31*day):
		c.disagree(at+"/count", false, "a rolling window of %d %s: the v1alpha spec wants 5 minutes to 31 days, but the go-sdk accepts any length", count, unit)
	case !rolling && (length < day || length > 366*day):
		c.disagree(at+"/count", false, "a calendar window of %d %s: the v1alpha spec wants 1 to 366 days, but the go-sdk accepts any length", count, unit)
	}
}

// Shorthand writes a v1alpha window's unit and count as a duration
// shorthand ("28d"); seconds that are not whole minutes as "s". It returns
// "" for a unit it does not know or a count below 1.
func Shorthand(unit string, count int64) string {
	suffix := map[string]string{"Second": "s", "Minute": "m", "Hour": "h", "Day": "d", "Week": "w", "Month": "M", "Quarter": "Q", "Year": "Y"}[unit]
	if count < 1 || suffix == "" {
		return ""
	}
	if suffix == "s" && count%60 == 0 {
		count, suffix = count/60, "m"
	}
	return strconv.FormatInt(count, 10) + suffix
}
