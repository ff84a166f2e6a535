package openslo

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

// Export writes objectives as OpenSLO documents of version to, separated
// by "---"; with no objectives given, every objective of the design. An
// objective read from an OpenSLO SLO is written as that SLO (once for all
// its objectives), followed by the documents it refers to (its SLI, alert
// policies, conditions, notification targets, data sources and Service),
// so the export stands on its own; an SLO of another version is converted
// as Convert converts it. An export to v1alpha holds SLOs alone, as Sloth
// reads them (it rejects a file with anything else): the Services they
// name are reported, not written.
//
// An opsdesign Objective is written as an OpenSLO v1 SLO, and converted
// from there. What OpenSLO cannot say travels in annotations under
// opsdesign.dev/ (catalog.AnnotationObjectiveKind and the others): the
// objective's kind, an attainment objective's measure, severities and
// rules (as JSON), and the Calendar it names, by name and, on the first
// SLO naming it, as the whole Calendar document
// (catalog.AnnotationCalendarDocument), which opsdesign loads back as a
// Calendar and OpenSLO tools read as one more annotation. Its SLI is written inline
// with metric sources of type "opsdesign", since opsdesign computes it
// from tickets or events. Loading a v1 export gives back the same
// objectives, so exporting again writes the same bytes. v1alpha has no
// annotations: what they carry is reported lost (RuleConversionLoss).
//
// The findings say what was not written: an objective OpenSLO cannot
// express (a 100% target, a window or slice not in whole minutes, a name
// that is not an RFC 1123 label, no service) is left out
// (RuleNotConverted), and so is an object the target version cannot
// hold; a part the target cannot hold is left out of what is written
// (RuleConversionLoss). Each finding is at the objective's or the object's
// source. The error reports a failure to write.
func Export(w io.Writer, d *catalog.Design, to Version, objectives ...*catalog.Objective) (catalog.Diagnostics, error) {
	if len(objectives) == 0 {
		objectives = d.Objectives
	}
	c := newConverter(d, to)
	// What is written, in order: a document of the design, or the SLO an
	// opsdesign objective is written as.
	type item struct {
		doc *catalog.Document
		slo ordered
		o   *catalog.Objective
	}
	var items []item
	var sources []*catalog.Document
	done := map[*catalog.Document]bool{}
	holders := d.ObjectiveHolders()
	carried := map[*catalog.Document]bool{} // Calendars written into an SLO
	for _, o := range objectives {
		if o.SLO != nil && o.SLO.Annotations[catalog.AnnotationObjectiveKind] == "" {
			for _, doc := range c.closure(o.SLO) {
				switch {
				case done[doc]:
				case to == V1alpha && doc.Kind == "Service":
					// Sloth reads a file of SLOs and rejects anything else.
					done[doc] = true
					c.lose(doc, "/kind", "a v1alpha export holds SLOs alone, as Sloth reads them: Service %q is not written (slo convert writes it)", doc.Name)
				default:
					done[doc] = true
					items, sources = append(items, item{doc: doc}), append(sources, doc)
				}
			}
			continue
		}
		doc, err := exportObjective(o, holders[o])
		if ne, ok := err.(*notExported); ok {
			c.found = append(c.found, finding(RuleNotConverted, ne.doc, ne.ptr, fmt.Sprintf("objective %q is not exported: %s", o.Name, ne.msg)))
			continue
		}
		if err := carryCalendar(doc, d, o, carried); err != nil {
			return nil, err
		}
		items = append(items, item{slo: doc, o: o})
	}
	written := c.convert(sources)
	var synthetic []ordered
	var from []*catalog.Objective
	for _, it := range items {
		if it.slo != nil {
			synthetic, from = append(synthetic, it.slo), append(from, it.o)
		}
	}
	converted, found, err := convertSynthetic(synthetic, from, to)
	if err != nil {
		return nil, err
	}
	var out []any
	k := 0
	for _, it := range items {
		if it.slo == nil {
			if v, ok := written[it.doc]; ok {
				out = append(out, v)
			}
			continue
		}
		if converted[k] != nil {
			out = append(out, converted[k])
		}
		k++
	}
	c.found = append(c.found, found...)
	c.found.Sort()
	return c.found, writeDocuments(w, out)
}

// convertSynthetic converts the v1 SLOs opsdesign objectives are written
// as to the version, each finding placed at its objective. It loads them
// as a design of their own, which the converter reads like any other.
func convertSynthetic(slos []ordered, from []*catalog.Objective, to Version) ([]any, catalog.Diagnostics, error) {
	out := make([]any, len(slos))
	if to == V1 || len(slos) == 0 {
		for i, s := range slos {
			out[i] = s
		}
		return out, nil, nil
	}
	docs := make([]any, len(slos))
	for i, s := range slos {
		docs[i] = s
	}
	var buf bytes.Buffer
	if err := writeDocuments(&buf, docs); err != nil {
		return nil, nil, err
	}
	d := catalog.Parse(catalog.Source{Name: "export.yaml", Data: buf.Bytes()})
	// The SLOs, without the Calendars they carry (catalog.AnnotationCalendarDocument).
	sloDocs := slices.DeleteFunc(slices.Clone(d.Documents), func(doc *catalog.Document) bool { return !doc.IsOpenSLO() })
	if len(sloDocs) != len(slos) {
		return nil, nil, fmt.Errorf("openslo: export: %d objectives were written as %d documents", len(slos), len(sloDocs))
	}
	c := newConverter(d, to)
	objective := map[*catalog.Document]*catalog.Objective{}
	for i, doc := range sloDocs {
		objective[doc] = from[i]
	}
	c.place = func(doc *catalog.Document, ptr string) (*catalog.Document, string) {
		if o := objective[doc]; o != nil {
			return o.Locate(partOf(ptr))
		}
		return doc, ptr
	}
	written := c.convert(sloDocs)
	for i, doc := range sloDocs {
		out[i] = written[doc]
	}
	return out, c.found, nil
}

// partOf names the part of an objective (as Objective.Locate names it)
// that a place in the SLO exportObjective writes for it holds.
func partOf(ptr string) (string, int) {
	switch {
	case strings.HasPrefix(ptr, "/spec/timeWindow"):
		return "window", -1
	case strings.HasPrefix(ptr, "/spec/objectives/0/timeSliceWindow"):
		return "slice", -1
	case strings.HasPrefix(ptr, "/spec/objectives/0/target"):
		return "target", -1
	case strings.HasPrefix(ptr, "/spec/alertPolicies"):
		// One policy per alert tier; the list as a whole at the first.
		i, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(ptr, "/spec/alertPolicies/"), "/", 2)[0])
		if err != nil {
			i = 0
		}
		return "alerts", i
	}
	return "", -1
}

// annotationJSON writes v as compact JSON, UTF-8 kept as it is.
func annotationJSON(v any) string { return compactJSON(v) }

// exportShorthand writes a duration as an OpenSLO duration shorthand in
// the largest unit that divides it: weeks, days, hours or minutes.
func exportShorthand(d time.Duration) (string, bool) {
	if d <= 0 || d%time.Minute != 0 {
		return "", false
	}
	for _, u := range []struct {
		unit time.Duration
		sfx  string
	}{{7 * 24 * time.Hour, "w"}, {24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}} {
		if d%u.unit == 0 {
			return strconv.FormatInt(int64(d/u.unit), 10) + u.sfx, true
		}
	}
	return "", false
}

// exportAnchor starts the calendar-aligned windows opsdesign exports: a
// Monday, the first of a month and of a quarter, at midnight.
const exportAnchor = "2024-01-01 00:00:00"

// closure returns the SLO's document and the documents of its version it
// refers to, each once, in a fixed order.
func (c *converter) closure(s *catalog.SLO) []*catalog.Document {
	out := []*catalog.Document{s.Doc}
	in := map[*catalog.Document]bool{s.Doc: true}
	version := s.Doc.APIVersion
	add := func(kind, name string) []*catalog.Document {
		found := c.named[key{version, kind, name}]
		for _, doc := range found {
			if !in[doc] {
				in[doc] = true
				out = append(out, doc)
			}
		}
		return found
	}
	slis := []*catalog.SLI{s.Indicator}
	refs := []catalog.Ref{s.IndicatorRef}
	for _, ind := range s.ObjectiveIndicators {
		slis, refs = append(slis, ind.Inline), append(refs, ind.Ref)
	}
	for _, r := range refs {
		if r.Name != "" {
			for _, doc := range add("SLI", r.Name) {
				if x, ok := c.model[doc].(*catalog.SLI); ok {
					slis = append(slis, x)
				}
			}
		}
	}
	for _, x := range slis {
		if x == nil {
			continue
		}
		_, sources := x.Sources()
		for _, m := range sources {
			if m.Ref.Name != "" {
				add("DataSource", m.Ref.Name)
			}
		}
	}
	policy := func(a *catalog.AlertPolicy) {
		for _, c := range a.Conditions {
			if c.Ref.Name != "" {
				add("AlertCondition", c.Ref.Name)
			}
		}
		for _, t := range a.NotificationTargets {
			if t.Ref.Name != "" {
				add("AlertNotificationTarget", t.Ref.Name)
			}
		}
	}
	for _, l := range s.AlertPolicies {
		if l.Inline != nil {
			policy(l.Inline)
			continue
		}
		for _, doc := range add("AlertPolicy", l.Ref.Name) {
			if a, ok := c.model[doc].(*catalog.AlertPolicy); ok {
				policy(a)
			}
		}
	}
	if s.Service.Name != "" {
		add("Service", s.Service.Name)
	}
	return out
}

// notExported says why an objective cannot be exported, and where.
type notExported struct {
	doc      *catalog.Document
	ptr, msg string
}

func (e *notExported) Error() string { return e.msg }

// exportObjective writes an opsdesign objective as an OpenSLO v1 SLO; the
// error, a *notExported, says why it cannot be.
func exportObjective(o *catalog.Objective, holders []*catalog.Service) (ordered, error) {
	fail := func(part string, index int, format string, args ...any) error {
		doc, ptr := o.Locate(part, index)
		return &notExported{doc, ptr, fmt.Sprintf(format, args...)}
	}
	if err := o.Err(); err != nil {
		return nil, fail("", -1, "%v", err)
	}
	if !dnsLabel().MatchString(o.Name) {
		return nil, &notExported{o.Doc, "/metadata/name", "its name is not an RFC 1123 label (lower-case letters, digits and '-'), which OpenSLO tools require"}
	}
	if o.Target.IsZero() || o.Target.Budget() <= 0 {
		return nil, fail("target", -1, "OpenSLO targets lie below 1; a %v target cannot be written", o.Target)
	}
	service := o.Service.Name
	if service == "" {
		if len(holders) == 1 {
			service = holders[0].Name
		} else if len(holders) > 1 {
			return nil, fail("", -1, "it is held by %d services: say which one it is reported under with spec.service", len(holders))
		}
	}
	if service == "" {
		return nil, fail("", -1, "it belongs to no service: list it in a service's offering, or set spec.service")
	}

	labels, annotations := exportMeta(o)
	annotations[catalog.AnnotationObjectiveKind] = o.Kind.String()
	if !o.CalendarRef.IsZero() {
		annotations[catalog.AnnotationCalendar] = o.CalendarRef.Name
	}
	title := o.Title
	if utf8.RuneCountInString(title) > 63 {
		annotations[catalog.AnnotationTitle], title = title, ""
	}
	// The SLI, computed by opsdesign: counts of good and all units, or a
	// latency compared with the threshold.
	source := func(count string) ordered {
		spec := ordered{{"objective", o.Name}}
		if o.Kind == slo.AttainmentObjective {
			spec = append(spec, kv{"measure", o.Measure.String()})
		}
		spec = append(spec, kv{"count", count})
		return ordered{{"metricSource", ordered{{"type", "opsdesign"}, {"spec", spec}}}}
	}
	indicator := ordered{{"metadata", ordered{{"name", o.Name}}}}
	objective := ordered{}
	if o.Threshold > 0 && o.Kind != slo.AttainmentObjective {
		ms := float64(o.Threshold) / float64(time.Millisecond)
		indicator = append(indicator, kv{"spec", ordered{{"thresholdMetric", ordered{{"metricSource",
			ordered{{"type", "opsdesign"}, {"spec", ordered{{"objective", o.Name}, {"measure", "latency-ms"}}}}}}}}})
		objective = append(objective, kv{"op", "lte"}, kv{"value", ms})
	} else {
		indicator = append(indicator, kv{"spec", ordered{{"ratioMetric", ordered{{"counter", true}, {"good", source("good")}, {"total", source("total")}}}}})
	}
	objective = append(objective, kv{"target", o.Target.Fraction()})
	method := "Occurrences"
	if o.Kind == slo.TimeSliceObjective {
		method = "Timeslices"
		sw, ok := exportShorthand(o.Slice)
		if !ok {
			return nil, fail("slice", -1, "its time slice %v is not a whole number of minutes", o.Slice)
		}
		objective = append(objective, kv{"timeSliceTarget", o.SliceTarget.Fraction()}, kv{"timeSliceWindow", sw})
	}
	if o.Kind == slo.AttainmentObjective {
		annotations[catalog.AnnotationMeasure] = o.Measure.String()
		if len(o.Severities) > 0 {
			annotations[catalog.AnnotationSeverities] = annotationJSON(o.Severities)
		}
		rules := make([]catalog.AnnotatedRule, len(o.Rules))
		for i, r := range o.Rules {
			rules[i] = catalog.AnnotatedRule{Severities: r.Severities, Categories: r.Categories, Labels: r.Labels, Within: r.Within.String()}
		}
		annotations[catalog.AnnotationRules] = annotationJSON(rules)
	}

	var window ordered
	switch o.Window.Kind() {
	case slo.WindowRolling:
		dur, ok := exportShorthand(o.Window.Length())
		if !ok {
			return nil, fail("window", -1, "its rolling window %v is not a whole number of minutes", o.Window)
		}
		window = ordered{{"duration", dur}, {"isRolling", true}}
	default:
		dur := map[slo.WindowKind]string{slo.WindowWeek: "1w", slo.WindowMonth: "1M", slo.WindowQuarter: "1Q"}[o.Window.Kind()]
		window = ordered{{"duration", dur}, {"isRolling", false},
			{"calendar", ordered{{"startTime", exportAnchor}, {"timeZone", o.Calendar.Location().String()}}}}
	}

	var policies []any
	for i, a := range o.Alerts {
		long, ok := exportShorthand(a.Long)
		if !ok {
			return nil, fail("alerts", i, "alert %q looks back %v, not a whole number of minutes", a.Name, a.Long)
		}
		if !dnsLabel().MatchString(a.Name) {
			return nil, fail("alerts", i, "alert name %q is not an RFC 1123 label", a.Name)
		}
		cond := ordered{{"kind", "burnrate"}, {"op", "gte"}, {"threshold", a.BurnRate}, {"lookbackWindow", long}}
		policies = append(policies, ordered{
			{"kind", "AlertPolicy"},
			{"metadata", ordered{{"name", a.Name}}},
			{"spec", ordered{
				{"alertWhenBreaching", true},
				{"conditions", []any{ordered{
					{"kind", "AlertCondition"},
					{"metadata", ordered{{"name", a.Name}, {"annotations", map[string]string{catalog.AnnotationShortWindow: slo.Elapsed(a.Short).String()}}}},
					{"spec", ordered{{"severity", string(a.Action)}, {"condition", cond}}},
				}}},
				{"notificationTargets", []any{ordered{
					{"kind", "AlertNotificationTarget"},
					{"metadata", ordered{{"name", string(a.Action)}}},
					{"spec", ordered{{"target", string(a.Action)}}},
				}}},
			}},
		})
	}

	meta := ordered{{"name", o.Name}}
	meta.add("displayName", title)
	meta.add("labels", labels)
	meta.add("annotations", annotations)
	spec := ordered{}
	spec.add("description", o.Description)
	spec = append(spec, kv{"service", service}, kv{"indicator", indicator}, kv{"timeWindow", []any{window}},
		kv{"budgetingMethod", method}, kv{"objectives", []any{objective}})
	if len(policies) > 0 {
		spec = append(spec, kv{"alertPolicies", policies})
	}
	return ordered{{"apiVersion", string(V1)}, {"kind", "SLO"}, {"metadata", meta}, {"spec", spec}}, nil
}

// exportMeta returns the labels and annotations of the objective's own
// document to carry over, without opsdesign's reserved annotations.
func exportMeta(o *catalog.Objective) (labels, annotations map[string]string) {
	labels, annotations = map[string]string{}, map[string]string{}
	if o.SLO != nil {
		for k, v := range o.SLO.Labels {
			labels[k] = strings.Join(v, ",")
		}
		maps.Copy(annotations, o.SLO.Annotations)
	} else {
		for k, v := range asMap(raw(o.Doc, "/metadata/labels")) {
			labels[k], _ = v.(string)
		}
		for k, v := range asMap(raw(o.Doc, "/metadata/annotations")) {
			annotations[k], _ = v.(string)
		}
	}
	for _, k := range slices.Collect(maps.Keys(annotations)) {
		if strings.HasPrefix(k, "opsdesign.dev/") {
			delete(annotations, k)
		}
	}
	return labels, annotations
}

// carryCalendar writes the Calendar an objective names into the SLO it is
// exported as, unless an SLO written before carries it: loading the export
// alone then gives the objective its calendar, and exporting that again
// writes the same bytes. A calendar the design lacks is left out here;
// slo/unknown-calendar reports it.
func carryCalendar(slo ordered, d *catalog.Design, o *catalog.Objective, carried map[*catalog.Document]bool) error {
	if o.CalendarRef.IsZero() {
		return nil
	}
	docs := d.Resolve(o.CalendarRef, "Calendar")
	if len(docs) == 0 || carried[docs[0]] {
		return nil
	}
	carried[docs[0]] = true
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(documentValue(docs[0].Value)); err != nil {
		return fmt.Errorf("openslo: calendar %q: %w", docs[0].Name, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("openslo: calendar %q: %w", docs[0].Name, err)
	}
	for _, e := range slo {
		if e.k != "metadata" {
			continue
		}
		meta := e.v.(ordered)
		for _, m := range meta {
			if ann, ok := m.v.(map[string]string); ok && m.k == "annotations" {
				ann[catalog.AnnotationCalendarDocument] = buf.String()
			}
		}
	}
	return nil
}

// documentValue orders a document's top-level keys as documents are
// written (apiVersion, kind, metadata, spec, then any other); yaml.v3
// sorts the keys of the maps below.
func documentValue(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	var out ordered
	first := []string{"apiVersion", "kind", "metadata", "spec"}
	for _, k := range first {
		if x, ok := m[k]; ok {
			out = append(out, kv{k, x})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(first, k) {
			out = append(out, kv{k, m[k]})
		}
	}
	return out
}
