package openslo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/opsdesign/opsdesign/catalog"
)

// This file writes OpenSLO v1alpha, the version Sloth reads, from the
// model of a v1 or v2alpha document.

var (
	dnsLabel = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`) })
	letters  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z]+$`) })
)

// v1alphaDocument writes a document of v1alpha: an SLO or a Service. The
// other kinds have no place in v1alpha: an SLI or a DataSource is written
// inline where an SLO reads it, alerting is not written.
func (c *converter) v1alphaDocument(doc *catalog.Document, m any) (any, error) {
	switch x := m.(type) {
	case *catalog.SLO:
		return c.v1alphaSLO(x)
	case *catalog.OpenSLOService:
		meta, err := c.v1alphaMeta(x.OpenSLOObject)
		return c.envelope("Service", meta, describe(x.Description)), err
	case *catalog.SLI:
		if c.used[doc] {
			c.lose(doc, "/kind", "v1alpha has no SLI kind: SLI %q is written inline in the SLOs that read it, without its name, labels and description", x.Name)
		} else {
			c.lose(doc, "/kind", "v1alpha has no SLI kind, and no SLO converted reads SLI %q: it is not written", x.Name)
		}
	case *catalog.DataSource:
		if c.used[doc] {
			c.lose(doc, "/kind", "v1alpha has no DataSource kind: the type of DataSource %q is written as the source of the metrics that read it, its connectionDetails are not kept", x.Name)
		} else {
			c.lose(doc, "/kind", "v1alpha has no DataSource kind, and no SLO converted reads DataSource %q: it is not written", x.Name)
		}
	default:
		c.lose(doc, "/kind", "v1alpha has no alerting: %s %q is not written", doc.Kind, doc.Name)
	}
	return nil, nil
}

// v1alphaMeta writes name and displayName, all v1alpha's go-sdk knows of
// metadata; labels and annotations are reported and left out.
func (c *converter) v1alphaMeta(o catalog.OpenSLOObject) (ordered, error) {
	if !dnsLabel().MatchString(o.Name) {
		return nil, c.refuse(o.Doc, o.Path+"/metadata/name", "v1alpha names are RFC 1123 labels (lower-case letters, digits and '-', at most 63), and %q is not one", o.Name)
	}
	if len(o.Labels) > 0 {
		c.lose(o.Doc, o.Path+"/metadata/labels", "labels (%s) have no place in v1alpha, whose go-sdk reads only a name and a displayName: not kept", keysOf(o.Labels))
	}
	ann, own := map[string]string{}, []string{}
	for k, v := range o.Annotations {
		switch {
		case k == catalog.AnnotationDisplayName: // written as displayName
		case strings.HasPrefix(k, "opsdesign.dev/"):
			own = append(own, strings.TrimPrefix(k, "opsdesign.dev/"))
		default:
			ann[k] = v
		}
	}
	if len(ann) > 0 {
		c.lose(o.Doc, o.Path+"/metadata/annotations", "annotations (%s) have no place in v1alpha, whose go-sdk reads only a name and a displayName: not kept", keysOf(ann))
	}
	if len(own) > 0 {
		slices.Sort(own)
		c.lose(o.Doc, o.Path+"/metadata/annotations", "what OpenSLO cannot say of the objective (%s), which opsdesign writes in annotations, has no place in v1alpha: not kept", strings.Join(own, ", "))
	}
	m := ordered{{"name", o.Name}}
	m.add("displayName", o.DisplayName)
	return m, nil
}

func (c *converter) v1alphaSLO(s *catalog.SLO) (any, error) {
	doc := s.Doc
	meta, err := c.v1alphaMeta(s.OpenSLOObject)
	if err != nil {
		return nil, err
	}
	spec := ordered{}
	spec.add("description", s.Description)
	spec.add("service", s.Service.Raw)
	whole, err := c.sliOf(s, s.Indicator, s.IndicatorRef, s.Name)
	if err != nil {
		return nil, err
	}
	if whole != nil && whole.Threshold != nil {
		src, err := c.v1alphaSource(whole, whole.Threshold)
		if err != nil {
			return nil, err
		}
		spec = append(spec, kv{"indicator", ordered{{"thresholdMetric", src}}})
	}
	w, err := c.v1alphaWindow(s)
	if err != nil {
		return nil, err
	}
	spec = append(spec, kv{"timeWindows", []any{w}})
	if s.BudgetingMethod == "RatioTimeslices" {
		return nil, c.refuse(doc, "/spec/budgetingMethod", "v1alpha has no RatioTimeslices budgeting")
	}
	spec.add("budgetingMethod", s.BudgetingMethod)
	var objectives []any
	for k, ind := range s.ObjectiveIndicators {
		o, err := c.v1alphaObjective(s, k, ind, whole)
		if err != nil {
			return nil, err
		}
		objectives = append(objectives, o)
	}
	spec.add("objectives", objectives)
	if len(s.AlertPolicies) > 0 {
		c.lose(doc, "/spec/alertPolicies", "v1alpha has no alerting: the SLO's alert policies are not kept")
	}
	return c.envelope("SLO", meta, spec), nil
}

// sliOf returns the SLI written inline or referenced (of the SLO's
// version), nil for none; name is what converting to v1alpha and back
// names an inline one, so that only another name is reported lost.
func (c *converter) sliOf(s *catalog.SLO, inline *catalog.SLI, r catalog.Ref, name string) (*catalog.SLI, error) {
	if inline != nil {
		var lost []string
		if inline.Name != name {
			lost = append(lost, fmt.Sprintf("its name %q", inline.Name))
		}
		if inline.Description != "" {
			lost = append(lost, "its description")
		}
		if len(inline.Labels)+len(inline.Annotations) > 0 {
			lost = append(lost, "its labels and annotations")
		}
		if len(lost) > 0 {
			c.lose(inline.Doc, inline.Path+"/metadata", "v1alpha writes an indicator without metadata: %s not kept", strings.Join(lost, ", "))
		}
		return inline, nil
	}
	if r.Name == "" {
		return nil, nil
	}
	docs := c.named[key{s.Doc.APIVersion, "SLI", r.Name}]
	if len(docs) != 1 {
		return nil, c.refuse(s.Doc, r.Path, "v1alpha writes the indicator in place, and SLI %q is defined %d times", r.Name, len(docs))
	}
	c.used[docs[0]] = true
	sli, _ := c.model[docs[0]].(*catalog.SLI)
	return sli, nil
}

// v1alphaObjective writes the k-th objective; whole is the SLO's SLI.
func (c *converter) v1alphaObjective(s *catalog.SLO, k int, ind catalog.Link[catalog.SLI], whole *catalog.SLI) (ordered, error) {
	doc, p := s.Doc, ind.Path
	o, _ := raw(doc, p).(map[string]any)
	sli := whole
	own := ind.Inline != nil || ind.Ref.Name != ""
	if own {
		var err error
		if sli, err = c.sliOf(s, ind.Inline, ind.Ref, fmt.Sprintf("%s-%d", s.Name, k+1)); err != nil {
			return nil, err
		}
	}
	out := ordered{}
	out.add("displayName", o["displayName"])
	var ratio ordered
	switch {
	case sli == nil:
		return nil, c.refuse(doc, p, "the objective reads no indicator")
	case sli.Threshold != nil && own:
		return nil, c.refuse(doc, p, "v1alpha reads a thresholdMetric for the whole SLO, not per objective")
	case sli.Threshold != nil:
		out.add("op", o["op"])
		out.add("value", o["value"])
	case sli.Ratio != nil:
		var err error
		if ratio, err = c.v1alphaRatio(sli); err != nil {
			return nil, err
		}
		if op, ok := o["op"]; ok {
			c.lose(doc, p+"/op", "op %v on a ratio objective is not kept: v1alpha's go-sdk rejects it there", op)
		}
		// v1alpha's go-sdk wants a value on every objective; on a ratio
		// it only tells objectives apart.
		out = append(out, kv{"value", k + 1})
	}
	if t, ok := o["target"]; ok {
		out = append(out, kv{"target", t})
	} else if tp, ok := number(o["targetPercent"]); ok {
		out = append(out, kv{"target", percentToFraction(tp)})
	}
	out.add("timeSliceTarget", o["timeSliceTarget"])
	for _, k := range []string{"timeSliceWindow", "compositeWeight", "labels"} {
		if v, ok := o[k]; ok {
			c.lose(doc, p+"/"+k, "v1alpha objectives have no %s (%v): not kept", k, v)
		}
	}
	out.add("ratioMetrics", ratio)
	return out, nil
}

// v1alphaRatio writes a ratio of good over total events, all v1alpha has.
func (c *converter) v1alphaRatio(sli *catalog.SLI) (ordered, error) {
	r := sli.Ratio
	switch {
	case r.Raw != nil:
		return nil, c.refuse(sli.Doc, r.Path+"/raw", "v1alpha has no raw ratio: it counts good events over total")
	case r.Bad != nil:
		return nil, c.refuse(sli.Doc, r.Path+"/bad", "v1alpha counts good events over total: a ratio of bad events cannot be written")
	case r.Good == nil || r.Total == nil:
		return nil, c.refuse(sli.Doc, r.Path, "the ratio lacks its good or total events")
	}
	good, err := c.v1alphaSource(sli, r.Good)
	if err != nil {
		return nil, err
	}
	total, err := c.v1alphaSource(sli, r.Total)
	if err != nil {
		return nil, err
	}
	out := ordered{}
	if r.Counter {
		out = append(out, kv{"incremental", true})
	}
	return append(out, kv{"good", good}, kv{"total", total}), nil
}

// v1alphaSource writes a metric source: source, queryType and query. The
// source is the metric's type, or its DataSource's, in lower case as
// v1alpha's examples and Sloth write it. A spec of a query (and its type)
// is written as it is, the query type defaulting to promql for Prometheus
// and "query" otherwise; any other spec is written whole as JSON, query
// type "json", which converting back reads again.
func (c *converter) v1alphaSource(sli *catalog.SLI, ms *catalog.MetricSource) (ordered, error) {
	doc := sli.Doc
	typ, typePtr := ms.Type, ms.Path+"/type"
	if Version(doc.APIVersion) == V2alpha {
		typePtr = ms.Path + "/dataSourceSpec/type"
		if cd, ok := raw(doc, ms.Path+"/dataSourceSpec/connectionDetails").(map[string]any); ok && len(cd) > 0 {
			c.lose(doc, ms.Path+"/dataSourceSpec/connectionDetails", "v1alpha metric sources hold no connection details (%s): not kept", keysOf(cd))
		}
	}
	if ms.Ref.Name != "" {
		docs := c.named[key{doc.APIVersion, "DataSource", ms.Ref.Name}]
		if len(docs) == 1 {
			c.used[docs[0]] = true
			if ds, ok := c.model[docs[0]].(*catalog.DataSource); ok && typ == "" {
				typ, typePtr = ds.Type, ms.Ref.Path
			}
		} else if typ == "" {
			return nil, c.refuse(doc, ms.Ref.Path, "v1alpha writes the source's type in place, and DataSource %q is defined %d times", ms.Ref.Name, len(docs))
		}
	}
	source := strings.ToLower(typ)
	if !letters().MatchString(source) {
		return nil, c.refuse(doc, typePtr, "v1alpha's go-sdk accepts only letters in a source, and %q is not", typ)
	}
	spec := ms.Spec
	query, hasQuery := spec["query"].(string)
	queryType, _ := spec["queryType"].(string)
	var rest []string
	for k := range spec {
		if k != "query" && k != "queryType" && k != "metadata" {
			rest = append(rest, k)
		}
	}
	switch {
	case hasQuery && query != "" && len(rest) == 0:
		if _, ok := spec["metadata"]; ok {
			c.lose(doc, ms.Path+"/spec/metadata", "metadata on a metric source: v1alpha's spec allows it, but its go-sdk rejects it: not kept")
		}
		if queryType == "" {
			queryType = "query"
			if source == "prometheus" {
				queryType = "promql"
			}
		}
	case len(spec) == 0:
		return nil, c.refuse(doc, ms.Path, "the metric writes no query, which v1alpha needs")
	default:
		query, queryType = compactJSON(spec), "json"
	}
	if !letters().MatchString(queryType) {
		return nil, c.refuse(doc, ms.Path+"/spec/queryType", "v1alpha's go-sdk accepts only letters in a queryType, and %q is not", queryType)
	}
	return ordered{{"source", source}, {"queryType", queryType}, {"query", query}}, nil
}

// fromV1alphaQuery reads back the spec of a v1alpha metric: a query of
// type "json" that is a JSON object is the spec converting to v1alpha
// wrote whole; any other is {queryType, query, metadata} as written.
func fromV1alphaQuery(spec map[string]any) map[string]any {
	if q, ok := spec["query"].(string); ok && spec["queryType"] == "json" {
		var m map[string]any
		if json.Unmarshal([]byte(q), &m) == nil && m != nil {
			return normalise(m).(map[string]any)
		}
	}
	return spec
}

// normalise turns JSON numbers into the int64 or float64 YAML reads.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalise(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalise(e)
		}
	case float64:
		if x == float64(int64(x)) && x < 1e15 && x > -1e15 {
			return int64(x)
		}
	}
	return v
}

// compactJSON writes a value as compact JSON with sorted keys, UTF-8 kept.
func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// v1alphaWindow writes an SLO's time window as a unit and a count. v1alpha's
// go-sdk knows Second, Day, Week, Month and Quarter: minutes and hours are
// written in seconds, a calendar year as 12 months; a rolling week as 7
// days (Sloth reads only days), a rolling month, quarter or year in days
// as the go-sdk counts them, and reported.
func (c *converter) v1alphaWindow(s *catalog.SLO) (ordered, error) {
	tw := s.TimeWindow
	if tw == nil {
		return nil, c.refuse(s.Doc, "/spec", "the SLO has no time window, which v1alpha requires")
	}
	ptr := tw.Path + "/duration"
	n, unit, ok := splitShorthand(tw.Duration)
	if !ok {
		return nil, c.refuse(s.Doc, ptr, "the window %q cannot be read", tw.Duration)
	}
	seconds := map[byte]int64{'s': 1, 'm': 60, 'h': 3600}
	name := map[byte]string{'d': "Day", 'w': "Week", 'M': "Month", 'Q': "Quarter"}
	var u string
	count := n
	switch {
	case seconds[unit] > 0:
		u, count = "Second", n*seconds[unit]
	case tw.Rolling && unit == 'w':
		u, count = "Day", n*7
	case tw.Rolling && days[unit] > 0:
		u, count = "Day", n*days[unit]
		c.lose(s.Doc, ptr, "a rolling window of %s is written as %d days, as the go-sdk counts it", tw.Duration, count)
	case unit == 'Y':
		u, count = "Month", n*12
	default:
		u = name[unit]
	}
	w := ordered{{"unit", u}, {"count", count}, {"isRolling", tw.Rolling}}
	if !tw.Rolling {
		w = append(w, kv{"calendar", ordered{{"startTime", tw.StartTime}, {"timeZone", tw.TimeZone}}})
	}
	return w, nil
}

// number reads a YAML number.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// percentToFraction divides a percentage by 100 in decimal, so 99.9
// becomes 0.999 and not 0.9990000000000001.
func percentToFraction(p float64) float64 {
	s := strconv.FormatFloat(p, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.Repeat("0", max(0, 3-len(whole))) + whole
	f, err := strconv.ParseFloat(whole[:len(whole)-2]+"."+whole[len(whole)-2:]+frac, 64)
	if err != nil {
		return p / 100
	}
	return f
}
