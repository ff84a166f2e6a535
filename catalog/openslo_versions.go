package catalog

import (
	"fmt"
	"strings"

	"github.com/opsdesign/opsdesign/internal/openslospec"
)

// The apiVersions of the other OpenSLO versions the catalog reads, besides
// OpenSLOAPIVersion (v1): v1alpha, the version Sloth reads, and v2alpha,
// where the specification is going. Their documents are validated against
// schemas of their own (schemas/openslo/v1alpha, schemas/openslo/v2alpha),
// join Design.OpenSLO in the same model as v1's, and their SLOs' objectives
// join Design.Objectives. References resolve within a version; package
// catalog/openslo converts between versions.
const (
	OpenSLOV1alphaAPIVersion = openslospec.V1alpha
	OpenSLOV2alphaAPIVersion = openslospec.V2alpha
)

// OpenSLOAPIVersions returns the OpenSLO apiVersions the catalog reads,
// oldest first: openslo/v1alpha, openslo/v1 and openslo.com/v2alpha.
func OpenSLOAPIVersions() []string { return openslospec.Versions() }

// sloKeys are the keys that differ between OpenSLO v1 and v2alpha in an
// SLO: its indicator and the reference to one (v2alpha renames them sli
// and sliRef).
func sloKeys(version string) (indicator, indicatorRef string) {
	if version == OpenSLOV2alphaAPIVersion {
		return "sli", "sliRef"
	}
	return "indicator", "indicatorRef"
}

// readV2alphaSource reads a v2alpha metric: a DataSource named by
// dataSourceRef or written inline as dataSourceSpec, and the query in
// spec. Path is the metric's own, as v2alpha has no metricSource mapping.
func readV2alphaSource(m obj, path string) *MetricSource {
	return &MetricSource{Path: path, Ref: nameRef(m, "dataSourceRef", path), Type: str(sub(m, "dataSourceSpec"), "type"), Spec: sub(m, "spec")}
}

// readV1alphaSLO reads an SLO of OpenSLO v1alpha into the model v1 uses:
// its thresholdMetric indicator is the SLO's inline SLI, and each
// objective's ratioMetrics is that objective's inline SLI. A metric source
// {source, queryType, query, metadata} is a MetricSource whose Type is the
// source and whose Spec holds the rest; the time window, a unit and a
// count, is read as the equivalent duration shorthand.
func readV1alphaSLO(m obj, doc *Document) *SLO {
	spec := sub(m, "spec")
	const at = "/spec"
	s := &SLO{OpenSLOObject: readMeta(m, doc, ""), Description: str(spec, "description"), Service: nameRef(spec, "service", at),
		BudgetingMethod: str(spec, "budgetingMethod")}
	if tm := sub(sub(spec, "indicator"), "thresholdMetric"); tm != nil {
		s.Indicator = &SLI{OpenSLOObject: OpenSLOObject{Doc: doc, Path: at + "/indicator"}, Threshold: readV1alphaSource(tm, at+"/indicator/thresholdMetric")}
	}
	if tws := list(spec, "timeWindows"); len(tws) > 0 {
		if tw, ok := tws[0].(obj); ok {
			p := at + "/timeWindows/0"
			w := &TimeWindow{Path: p, Duration: openslospec.Shorthand(str(tw, "unit"), integer(tw["count"])), Rolling: boolean(tw, "isRolling"), site: p + "/count"}
			if c := sub(tw, "calendar"); c != nil {
				w.StartTime, w.TimeZone = str(c, "startTime"), str(c, "timeZone")
			}
			s.TimeWindow = w
		}
	}
	objects(spec, "objectives", at, func(o obj, p string) {
		so := sloObjective{path: p, displayName: str(o, "displayName"), op: str(o, "op"), target: o["target"], timeSliceTarget: o["timeSliceTarget"]}
		if _, ok := o["value"]; ok {
			v := num(o, "value")
			so.value = &v
		}
		ind := Link[SLI]{Path: p}
		key := "ratioMetrics"
		if !has(o, key) && has(o, "ratioMetric") {
			key = "ratioMetric" // the spelling of the spec's template
		}
		if rm := sub(o, key); rm != nil {
			rp := p + "/" + key
			ind.Inline = &SLI{OpenSLOObject: OpenSLOObject{Doc: doc, Path: rp}, Ratio: &RatioMetric{Path: rp, Counter: boolean(rm, "incremental"),
				Good: readV1alphaSource(sub(rm, "good"), rp+"/good"), Total: readV1alphaSource(sub(rm, "total"), rp+"/total")}}
		}
		s.objectives = append(s.objectives, so)
		s.ObjectiveIndicators = append(s.ObjectiveIndicators, ind)
	})
	return s
}

// readV1alphaSource reads a v1alpha metric source; nil for none.
func readV1alphaSource(m obj, path string) *MetricSource {
	if m == nil {
		return nil
	}
	spec := obj{}
	for _, k := range []string{"queryType", "query", "metadata"} {
		if v, ok := m[k]; ok {
			spec[k] = v
		}
	}
	return &MetricSource{Path: path, Type: str(m, "source"), Spec: spec}
}

// kindElsewhere names the OpenSLO versions that define a kind, for the
// message about a kind unknown to a document's version.
func kindElsewhere(kind string) string {
	if in := openslospec.VersionsOfKind(kind); len(in) > 0 {
		return fmt.Sprintf("; %s is a kind of %s", kind, strings.Join(in, " and "))
	}
	return ""
}

// readableVersionPattern says in words what the patterns of the v1alpha
// and v2alpha schemas want, and leaves the others to readablePattern.
func readableVersionPattern(doc *Document, ptr, msg string) string {
	v, _ := doc.Lookup(ptr)
	text, _ := v.(string)
	if s, ok := openslospec.ReadablePattern(msg, text); ok && !strings.HasPrefix(msg, "key ") {
		return s
	}
	return readablePattern(doc, ptr, msg)
}

// windowSite is where findings about an SLO's window length go: the
// duration, or v1alpha's count.
func windowSite(tw *TimeWindow) string {
	if tw == nil || tw.site == "" {
		return "/spec/timeWindow/0/duration"
	}
	return tw.site
}

// integer reads a YAML integer; 0 for anything else.
func integer(v any) int64 {
	n, _ := v.(int64)
	return n
}
