package openslo

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/opsdesign/opsdesign/catalog"
)

// This file writes documents of v1 and v2alpha, the two versions with the
// same seven kinds, from the model of a document of another version.

// familyDocument writes a document of v1 or v2alpha.
func (c *converter) familyDocument(doc *catalog.Document, m any) (any, error) {
	switch x := m.(type) {
	case *catalog.SLO:
		return c.familySLO(x)
	case *catalog.SLI:
		spec, err := c.sliSpec(x)
		return c.envelope("SLI", c.meta(x.OpenSLOObject, x.Name), spec), err
	case *catalog.OpenSLOService:
		return c.envelope("Service", c.meta(x.OpenSLOObject, x.Name), describe(x.Description)), nil
	case *catalog.DataSource:
		spec := describe(x.Description)
		spec = append(spec, kv{"type", x.Type}, kv{"connectionDetails", raw(doc, "/spec/connectionDetails")})
		return c.envelope("DataSource", c.meta(x.OpenSLOObject, x.Name), spec), nil
	case *catalog.AlertPolicy:
		return c.envelope("AlertPolicy", c.meta(x.OpenSLOObject, x.Name), c.policySpec(x)), nil
	case *catalog.AlertCondition:
		return c.envelope("AlertCondition", c.meta(x.OpenSLOObject, x.Name), c.conditionSpec(x)), nil
	case *catalog.AlertNotificationTarget:
		return c.envelope("AlertNotificationTarget", c.meta(x.OpenSLOObject, x.Name), targetSpec(x)), nil
	}
	return nil, c.refuse(doc, "/kind", "%s has no %s kind", c.to, doc.Kind)
}

func describe(description string) ordered {
	spec := ordered{}
	spec.add("description", description)
	return spec
}

func targetSpec(t *catalog.AlertNotificationTarget) ordered {
	spec := describe(t.Description)
	return append(spec, kv{"target", t.Target})
}

// lowerLabelValue is a label value v2alpha's go-sdk accepts.
var lowerLabelValue = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([a-z0-9]([-._a-z0-9]{0,61}[a-z0-9])?)?$`) })

// meta writes an object's metadata under the name given (an inline SLI
// of v1alpha has none of its own). v2alpha has no displayName: it travels
// in the annotation catalog.AnnotationDisplayName, which v1 reads back.
func (c *converter) meta(o catalog.OpenSLOObject, name string) ordered {
	m := ordered{{"name", name}}
	ann := maps.Clone(o.Annotations)
	if c.to == V1 {
		m.add("displayName", o.DisplayName)
		delete(ann, catalog.AnnotationDisplayName)
	} else if o.DisplayName != "" {
		if ann == nil {
			ann = map[string]string{}
		}
		ann[catalog.AnnotationDisplayName] = o.DisplayName
	}
	labels := map[string]any{}
	for k, v := range o.Labels {
		ptr := o.Path + "/metadata/labels/" + escape(k)
		switch {
		case c.to == V1 && len(v) == 1 && raw(o.Doc, ptr) != nil && !isList(raw(o.Doc, ptr)):
			labels[k] = v[0]
		case c.to == V1:
			labels[k] = v
		case len(v) != 1:
			c.lose(o.Doc, ptr, "label %q holds %d values, and a v2alpha label holds one string: not kept", k, len(v))
		case !lowerLabelValue().MatchString(v[0]):
			c.lose(o.Doc, ptr, "label value %q is not one v2alpha's go-sdk accepts (lower-case letters, digits, '-', '_' and '.'): not kept", v[0])
		default:
			labels[k] = v[0]
		}
	}
	m.add("labels", labels)
	m.add("annotations", ann)
	return m
}

func isList(v any) bool {
	_, ok := v.([]any)
	return ok
}

// keys returns the names of an SLO's indicator and of a reference to one
// in the target version.
func (c *converter) keys() (indicator, indicatorRef string) {
	if c.to == V2alpha {
		return "sli", "sliRef"
	}
	return "indicator", "indicatorRef"
}

func (c *converter) familySLO(s *catalog.SLO) (any, error) {
	doc := s.Doc
	from := Version(doc.APIVersion)
	indKey, refKey := c.keys()
	spec := ordered{}
	spec.add("description", s.Description)
	spec.add("service", s.Service.Raw)
	var perObjective []ordered // v1alpha's ratios, one per objective, when they differ
	if from == V1alpha {
		whole, per, err := c.v1alphaIndicators(s)
		if err != nil {
			return nil, err
		}
		spec.add(indKey, whole)
		perObjective = per
	} else {
		if s.Indicator != nil {
			in, err := c.inlineSLI(s.Indicator, s.Indicator.Name)
			if err != nil {
				return nil, err
			}
			spec.add(indKey, in)
		}
		spec.add(refKey, s.IndicatorRef.Raw)
	}
	if s.TimeWindow != nil {
		w, err := c.familyWindow(s)
		if err != nil {
			return nil, err
		}
		spec.add("timeWindow", []any{w})
	}
	spec.add("budgetingMethod", s.BudgetingMethod)
	var objectives []any
	for k, ind := range s.ObjectiveIndicators {
		o, err := c.familyObjective(s, k, ind, perObjective)
		if err != nil {
			return nil, err
		}
		objectives = append(objectives, o)
	}
	spec.add("objectives", objectives)
	var policies []any
	for _, l := range s.AlertPolicies {
		if l.Inline == nil {
			policies = append(policies, ordered{{"alertPolicyRef", l.Ref.Raw}})
			continue
		}
		a := l.Inline
		policies = append(policies, ordered{{"kind", "AlertPolicy"}, {"metadata", c.meta(a.OpenSLOObject, a.Name)}, {"spec", c.policySpec(a)}})
	}
	spec.add("alertPolicies", policies)
	return c.envelope("SLO", c.meta(s.OpenSLOObject, s.Name), spec), nil
}

// v1alphaIndicators writes a v1alpha SLO's indicator: its thresholdMetric,
// or the objectives' ratios as one SLI when they are the same, and one per
// objective (a composite SLO) when they differ. The SLI takes the SLO's
// name, the one per objective the SLO's name and the objective's number.
func (c *converter) v1alphaIndicators(s *catalog.SLO) (whole ordered, per []ordered, err error) {
	if s.Indicator != nil {
		whole, err = c.inlineSLI(s.Indicator, s.Name)
		return whole, nil, err
	}
	same := len(s.ObjectiveIndicators) > 0
	for _, ind := range s.ObjectiveIndicators {
		first := s.ObjectiveIndicators[0].Inline
		same = same && ind.Inline != nil && first != nil && sameRatio(ind.Inline.Ratio, first.Ratio)
	}
	if same {
		whole, err = c.inlineSLI(s.ObjectiveIndicators[0].Inline, s.Name)
		return whole, nil, err
	}
	for k, ind := range s.ObjectiveIndicators {
		if ind.Inline == nil {
			per = append(per, nil)
			continue
		}
		in, err := c.inlineSLI(ind.Inline, fmt.Sprintf("%s-%d", s.Name, k+1))
		if err != nil {
			return nil, nil, err
		}
		per = append(per, in)
	}
	if c.to == V1 && len(per) > 1 {
		c.lose(s.Doc, "/spec/objectives", "the objectives read different ratios, which v1's spec cannot say: they are written as a composite SLO (an indicator per objective), which v1's go-sdk accepts")
	}
	return nil, per, nil
}

func sameRatio(a, b *catalog.RatioMetric) bool {
	if a == nil || b == nil {
		return a == b
	}
	src := func(m *catalog.MetricSource) any {
		if m == nil {
			return nil
		}
		return []any{m.Type, m.Spec}
	}
	return a.Counter == b.Counter && reflect.DeepEqual(src(a.Good), src(b.Good)) && reflect.DeepEqual(src(a.Total), src(b.Total))
}

// inlineSLI writes an SLI inline, under the name given.
func (c *converter) inlineSLI(sli *catalog.SLI, name string) (ordered, error) {
	spec, err := c.sliSpec(sli)
	return ordered{{"metadata", c.meta(sli.OpenSLOObject, name)}, {"spec", spec}}, err
}

func (c *converter) sliSpec(sli *catalog.SLI) (ordered, error) {
	spec := describe(sli.Description)
	if sli.Threshold != nil {
		m, err := c.metric(sli, sli.Threshold)
		if err != nil {
			return nil, err
		}
		spec = append(spec, kv{"thresholdMetric", m})
	}
	if r := sli.Ratio; r != nil {
		rm := ordered{}
		if r.Raw == nil {
			rm = append(rm, kv{"counter", r.Counter})
		}
		for _, part := range []struct {
			role string
			m    *catalog.MetricSource
		}{{"good", r.Good}, {"bad", r.Bad}, {"total", r.Total}, {"raw", r.Raw}} {
			if part.m == nil {
				continue
			}
			m, err := c.metric(sli, part.m)
			if err != nil {
				return nil, err
			}
			if part.role == "raw" {
				rm.add("rawType", r.RawType)
			}
			rm = append(rm, kv{part.role, m})
		}
		spec = append(spec, kv{"ratioMetric", rm})
	}
	return spec, nil
}

// metric writes where a metric is read: v1's metricSource, or v2alpha's
// dataSourceRef or dataSourceSpec beside the query.
func (c *converter) metric(sli *catalog.SLI, ms *catalog.MetricSource) (ordered, error) {
	doc := sli.Doc
	from := Version(doc.APIVersion)
	spec := ms.Spec
	if from == V1alpha {
		spec = fromV1alphaQuery(ms.Spec)
	}
	if from == V2alpha {
		if cd, ok := raw(doc, ms.Path+"/dataSourceSpec/connectionDetails").(map[string]any); ok && len(cd) > 0 {
			c.lose(doc, ms.Path+"/dataSourceSpec/connectionDetails", "a v1 metric source holds no connection details (%s): define a DataSource and reference it; not kept", keysOf(cd))
		}
		if raw(doc, ms.Path+"/dataSourceSpec/description") != nil {
			c.lose(doc, ms.Path+"/dataSourceSpec/description", "a v1 metric source has no description: not kept")
		}
	}
	if c.to == V1 {
		if len(spec) == 0 {
			return nil, c.refuse(doc, ms.Path, "the metric writes no spec (its query), which a v1 metric source needs")
		}
		src := ordered{}
		src.add("metricSourceRef", ms.Ref.Raw)
		src.add("type", ms.Type)
		src = append(src, kv{"spec", spec})
		return ordered{{"metricSource", src}}, nil
	}
	m := ordered{}
	defined := len(c.named[key{doc.APIVersion, "DataSource", ms.Ref.Name}]) > 0
	switch {
	case ms.Ref.Name != "" && !defined && ms.Type != "":
		// v1 lets a metric of a type name a DataSource nothing defines;
		// v2alpha's dataSourceRef must resolve.
		c.lose(doc, ms.Ref.Path, "metricSourceRef %q names no DataSource, which v1 allows beside a type but v2alpha does not: the metric writes its type inline and the reference is not kept", ms.Ref.Name)
		m = append(m, kv{"dataSourceSpec", ordered{{"type", ms.Type}, {"connectionDetails", map[string]any{}}}})
	case ms.Ref.Name != "":
		m = append(m, kv{"dataSourceRef", ms.Ref.Raw})
		if ms.Type != "" {
			if ds, ok := c.lookup(doc.APIVersion, "DataSource", ms.Ref.Name).(*catalog.DataSource); !ok || !strings.EqualFold(ds.Type, ms.Type) {
				c.lose(doc, ms.Path+"/type", "type %q beside metricSourceRef is not kept: a v2alpha metric reads its type from the DataSource it names", ms.Type)
			}
		}
	case ms.Type != "":
		m = append(m, kv{"dataSourceSpec", ordered{{"type", ms.Type}, {"connectionDetails", map[string]any{}}}})
	default:
		return nil, c.refuse(doc, ms.Path, "the metric names no data source, by reference or by type")
	}
	m.add("spec", spec)
	return m, nil
}

// familyWindow writes an SLO's time window. v2alpha's durations stop at
// weeks: a rolling month, quarter or year is written in days, as the
// go-sdk counts them; a calendar one cannot be written.
func (c *converter) familyWindow(s *catalog.SLO) (ordered, error) {
	tw := s.TimeWindow
	ptr := tw.Path + "/duration"
	if Version(s.Doc.APIVersion) == V1alpha {
		ptr = tw.Path + "/count"
	}
	n, unit, ok := splitShorthand(tw.Duration)
	if !ok || unit == 's' {
		return nil, c.refuse(s.Doc, ptr, "a window of %q cannot be written as a duration shorthand, which has no seconds", tw.Duration)
	}
	dur := tw.Duration
	if c.to == V2alpha && days[unit] > 0 {
		if !tw.Rolling {
			return nil, c.refuse(s.Doc, ptr, "v2alpha durations stop at weeks (m, h, d, w): a calendar-aligned window of %s cannot be written", tw.Duration)
		}
		dur = fmt.Sprintf("%dd", n*days[unit])
		c.lose(s.Doc, ptr, "a rolling window of %s is written as %s, as the go-sdk counts it: v2alpha durations stop at weeks", tw.Duration, dur)
	}
	w := ordered{{"duration", dur}, {"isRolling", tw.Rolling}}
	if !tw.Rolling && (tw.StartTime != "" || tw.TimeZone != "") {
		w = append(w, kv{"calendar", ordered{{"startTime", tw.StartTime}, {"timeZone", tw.TimeZone}}})
	}
	return w, nil
}

// days are the days the go-sdk counts in a month, a quarter and a year.
var days = map[byte]int64{'M': 30, 'Q': 90, 'Y': 365}

// splitShorthand splits "28d" into 28 and 'd'.
func splitShorthand(s string) (int64, byte, bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n < 1 || n > 1e6 || !strings.ContainsRune("smhdwMQY", rune(s[len(s)-1])) {
		return 0, 0, false
	}
	return n, s[len(s)-1], true
}

// duration writes a duration shorthand in the target version: in v2alpha,
// a month, quarter or year in days, as the go-sdk counts them.
func (c *converter) duration(doc *catalog.Document, ptr, s string) string {
	n, unit, ok := splitShorthand(s)
	if c.to != V2alpha || !ok || days[unit] == 0 {
		return s
	}
	d := fmt.Sprintf("%dd", n*days[unit])
	c.lose(doc, ptr, "%s is written as %s, as the go-sdk counts it: v2alpha durations stop at weeks", s, d)
	return d
}

// familyObjective writes the k-th objective of an SLO.
func (c *converter) familyObjective(s *catalog.SLO, k int, ind catalog.Link[catalog.SLI], perObjective []ordered) (ordered, error) {
	doc, p := s.Doc, ind.Path
	o, _ := raw(doc, p).(map[string]any)
	from := Version(doc.APIVersion)
	indKey, refKey := c.keys()
	out := ordered{}
	out.add("displayName", o["displayName"])
	if from == V1alpha && s.Indicator == nil { // a ratio objective
		if op, ok := o["op"]; ok {
			c.lose(doc, p+"/op", "op %v on a ratio objective is not kept: %s's go-sdk rejects it there", op, c.to)
		}
		if v, ok := o["value"]; ok && !isOrdinal(v, k) {
			c.lose(doc, p+"/value", "value %v of a ratio objective is not kept: in v1alpha it only tells objectives apart, and %s has no value on a ratio objective", v, c.to)
		}
	} else if sli := c.objectiveSLI(s, ind); sli != nil && sli.Ratio != nil {
		for _, k := range []string{"op", "value"} {
			if v, ok := o[k]; ok {
				c.lose(doc, p+"/"+k, "%s %v on an objective of a ratio SLI is not kept: it compares nothing there, and %s's go-sdk rejects it", k, v, c.to)
			}
		}
	} else {
		out.add("op", o["op"])
		out.add("value", o["value"])
	}
	out.add("target", o["target"])
	out.add("targetPercent", o["targetPercent"])
	out.add("timeSliceTarget", o["timeSliceTarget"])
	switch w := o["timeSliceWindow"].(type) {
	case string:
		out.add("timeSliceWindow", c.duration(doc, p+"/timeSliceWindow", w))
	default:
		out.add("timeSliceWindow", w)
	}
	if from == V1alpha && s.BudgetingMethod == "Timeslices" {
		return nil, c.refuse(doc, p, "v1alpha does not say how long a time slice is, and %s needs timeSliceWindow", c.to)
	}
	if k < len(perObjective) && perObjective[k] != nil {
		out.add(indKey, perObjective[k])
	} else if ind.Inline != nil && from != V1alpha {
		in, err := c.inlineSLI(ind.Inline, ind.Inline.Name)
		if err != nil {
			return nil, err
		}
		out.add(indKey, in)
	}
	out.add(refKey, ind.Ref.Raw)
	out.add("compositeWeight", o["compositeWeight"])
	if l, ok := o["labels"]; ok && c.to == V1 {
		c.lose(doc, p+"/labels", "v1 objectives have no labels (%s): not kept", keysOf(asMap(l)))
	}
	return out, nil
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// isOrdinal reports whether a v1alpha objective's value is its number,
// counted from 1, which is what converting to v1alpha writes.
func isOrdinal(v any, k int) bool {
	switch x := v.(type) {
	case int64:
		return x == int64(k+1)
	case float64:
		return x == float64(k+1)
	}
	return false
}

func (c *converter) policySpec(a *catalog.AlertPolicy) ordered {
	spec := describe(a.Description)
	for _, b := range []struct {
		k string
		v bool
	}{{"alertWhenNoData", a.AlertWhenNoData}, {"alertWhenResolved", a.AlertWhenResolved}, {"alertWhenBreaching", a.AlertWhenBreaching}} {
		if b.v {
			spec = append(spec, kv{b.k, true})
		}
	}
	var conditions, targets []any
	for _, l := range a.Conditions {
		if l.Inline == nil {
			conditions = append(conditions, ordered{{"conditionRef", l.Ref.Raw}})
		} else {
			conditions = append(conditions, ordered{{"kind", "AlertCondition"}, {"metadata", c.meta(l.Inline.OpenSLOObject, l.Inline.Name)}, {"spec", c.conditionSpec(l.Inline)}})
		}
	}
	for _, l := range a.NotificationTargets {
		if l.Inline == nil {
			targets = append(targets, ordered{{"targetRef", l.Ref.Raw}})
		} else {
			targets = append(targets, ordered{{"kind", "AlertNotificationTarget"}, {"metadata", c.meta(l.Inline.OpenSLOObject, l.Inline.Name)}, {"spec", targetSpec(l.Inline)}})
		}
	}
	spec.add("conditions", conditions)
	spec.add("notificationTargets", targets)
	return spec
}

// conditionSpec writes an alert condition with what the specification
// defaults written out, as both go-sdks require: kind burnrate, and in
// v2alpha alertAfter 0m. A condition without op is written gte (alert at
// or above the threshold), as opsdesign reads it, and reported.
func (c *converter) conditionSpec(a *catalog.AlertCondition) ordered {
	at := a.Path + "/spec/condition"
	kind := a.Kind
	if kind == "" {
		kind = "burnrate"
	}
	op := a.Op
	if op == "" {
		op = "gte"
		c.lose(a.Doc, at, "the condition has no op, which %s's go-sdk requires: it is written gte (alert at or above the threshold), as opsdesign reads it", c.to)
	}
	cond := ordered{{"kind", kind}, {"op", op}, {"threshold", a.Threshold}}
	cond.add("lookbackWindow", c.duration(a.Doc, at+"/lookbackWindow", a.LookbackWindow))
	after := c.duration(a.Doc, at+"/alertAfter", a.AlertAfter)
	switch {
	case c.to == V2alpha && after == "":
		after = "0m" // the specification's default, which v2alpha's go-sdk wants written
	case c.to == V1 && strings.Trim(strings.TrimRight(after, "mhdwMQY"), "0") == "":
		after = "" // 0m, the default: v1 wants durations above zero
	}
	cond.add("alertAfter", after)
	spec := describe(a.Description)
	return append(spec, kv{"severity", a.Severity}, kv{"condition", cond})
}

// objectiveSLI returns the SLI an objective of a v1 or v2alpha SLO reads:
// its own, or the SLO's; nil when it cannot be told.
func (c *converter) objectiveSLI(s *catalog.SLO, ind catalog.Link[catalog.SLI]) *catalog.SLI {
	inline, ref := ind.Inline, ind.Ref
	if inline == nil && ref.Name == "" {
		inline, ref = s.Indicator, s.IndicatorRef
	}
	if inline != nil {
		return inline
	}
	sli, _ := c.lookup(s.Doc.APIVersion, "SLI", ref.Name).(*catalog.SLI)
	return sli
}
