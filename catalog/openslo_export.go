package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/slo"
)

// ErrExport is wrapped by the errors of ExportOpenSLO for objectives that
// OpenSLO v1 cannot express.
var ErrExport = errors.New("cannot export objective to OpenSLO")

// ExportOpenSLO writes objectives as OpenSLO v1 YAML, one SLO document
// each, separated by "---"; with no objectives given, every objective of
// the design. An objective read from an OpenSLO SLO is written as that SLO
// (once for all its objectives), followed by the documents it refers to
// (its SLI, alert policies, conditions, notification targets, data sources
// and Service), so the export stands on its own.
//
// What OpenSLO cannot say travels in annotations under opsdesign.dev/: the
// objective's kind, an attainment objective's measure, severities and
// rules (as JSON), and the Calendar it names. Its SLI is written inline
// with metric sources of type "opsdesign", since opsdesign computes it
// from tickets or events. Loading the result gives back the same
// objectives, so exporting again writes the same bytes.
//
// An objective OpenSLO cannot express (a 100% target, a window or slice
// not in whole minutes, a name that is not an RFC 1123 label, no service)
// is skipped; the error joins one error per skipped objective, each
// wrapping ErrExport. The others are written.
func (d *Design) ExportOpenSLO(w io.Writer, objectives ...*Objective) error {
	if len(objectives) == 0 {
		objectives = d.Objectives
	}
	var docs []any
	var errs []error
	done := map[*Document]bool{}
	holders := d.ObjectiveHolders()
	for _, o := range objectives {
		if o.SLO != nil && o.SLO.Annotations[annKind] == "" {
			for _, doc := range d.openSLOClosure(o.SLO) {
				if !done[doc] {
					done[doc] = true
					docs = append(docs, asWritten(doc))
				}
			}
			continue
		}
		doc, err := d.exportObjective(o, holders[o])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, doc)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	for _, doc := range docs {
		if err := enc.Encode(doc); err != nil {
			return fmt.Errorf("catalog: export: %w", err)
		}
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("catalog: export: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("catalog: export: %w", err)
	}
	return errors.Join(errs...)
}

// ordered is a mapping that keeps its keys in the order written, so the
// export reads like the specification's examples.
type ordered []kv

type kv struct {
	k string
	v any
}

// MarshalYAML implements yaml.Marshaler.
func (o ordered) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, e := range o {
		var v yaml.Node
		if err := v.Encode(e.v); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.k}, &v)
	}
	return n, nil
}

// add appends a member when its value is not empty.
func (o *ordered) add(k string, v any) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return
		}
	case map[string]string:
		if len(x) == 0 {
			return
		}
	case nil:
		return
	}
	*o = append(*o, kv{k, v})
}

// exportedRule is an attainment rule as the opsdesign.dev/rules annotation
// writes it.
type exportedRule struct {
	Severities []string          `json:"severities,omitempty"`
	Categories []string          `json:"categories,omitempty"`
	Labels     map[string]string `json:"labels,omitempty"`
	Within     string            `json:"within"`
}

// annotationJSON writes v as compact JSON, UTF-8 kept as it is.
func annotationJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func unmarshalAnnotation(s string, v any) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("annotation is not the JSON opsdesign writes: %w", err)
	}
	return nil
}

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

// asWritten returns a document as it was written, keys in their order and
// comments kept, or its plain value when its YAML uses aliases (whose
// anchors may lie outside the document, in a list file).
func asWritten(doc *Document) any {
	if doc.root == nil || hasAlias(doc.root) {
		return doc.Value
	}
	return doc.root
}

func hasAlias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return true
	}
	return slices.ContainsFunc(n.Content, hasAlias)
}

// openSLOClosure returns the SLO's document and the documents it refers
// to, each once, in a fixed order.
func (d *Design) openSLOClosure(s *SLO) []*Document {
	out := []*Document{s.Doc}
	add := func(kind, name string) {
		for _, doc := range openSLONamed(d, kind, name) {
			if !slices.Contains(out, doc) {
				out = append(out, doc)
			}
		}
	}
	ix := d.sloIndex
	slis := []*SLI{s.Indicator}
	refs := []Ref{s.IndicatorRef}
	for _, ind := range s.ObjectiveIndicators {
		slis, refs = append(slis, ind.Inline), append(refs, ind.Ref)
	}
	for _, r := range refs {
		if r.Name != "" {
			add("SLI", r.Name)
			slis = append(slis, ix.slis[r.Name]...)
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
	policy := func(a *AlertPolicy) {
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
		add("AlertPolicy", l.Ref.Name)
		for _, a := range ix.policies[l.Ref.Name] {
			policy(a)
		}
	}
	if s.Service.Name != "" {
		add("Service", s.Service.Name)
	}
	return out
}

func (d *Design) exportObjective(o *Objective, holders []*Service) (any, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w %q: %s", ErrExport, o.Name, fmt.Sprintf(format, args...))
	}
	if err := o.Err(); err != nil {
		return nil, fail("%v", err)
	}
	if !dnsLabel.MatchString(o.Name) {
		return nil, fail("its name is not an RFC 1123 label (lower-case letters, digits and '-'), which OpenSLO tools require")
	}
	if o.Target.IsZero() || o.Target.Budget() <= 0 {
		return nil, fail("OpenSLO targets lie below 1; a %v target cannot be written", o.Target)
	}
	service := o.Service.Name
	if service == "" {
		if len(holders) == 1 {
			service = holders[0].Name
		} else if len(holders) > 1 {
			return nil, fail("it is held by %d services: say which one it is reported under with spec.service", len(holders))
		}
	}
	if service == "" {
		return nil, fail("it belongs to no service: list it in a service's offering, or set spec.service")
	}

	labels, annotations := exportMeta(o)
	annotations[annKind] = o.Kind.String()
	if !o.CalendarRef.IsZero() {
		annotations[annCalendar] = o.CalendarRef.Name
	}
	title := o.Title
	if utf8.RuneCountInString(title) > 63 {
		annotations[annTitle], title = title, ""
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
			return nil, fail("its time slice %v is not a whole number of minutes", o.Slice)
		}
		objective = append(objective, kv{"timeSliceTarget", o.SliceTarget.Fraction()}, kv{"timeSliceWindow", sw})
	}
	if o.Kind == slo.AttainmentObjective {
		annotations[annMeasure] = o.Measure.String()
		if len(o.Severities) > 0 {
			annotations[annSeverities] = annotationJSON(o.Severities)
		}
		rules := make([]exportedRule, len(o.Rules))
		for i, r := range o.Rules {
			rules[i] = exportedRule{Severities: r.Severities, Categories: r.Categories, Labels: r.Labels, Within: r.Within.String()}
		}
		annotations[annRules] = annotationJSON(rules)
	}

	var window ordered
	switch o.Window.Kind() {
	case slo.WindowRolling:
		dur, ok := exportShorthand(o.Window.Length())
		if !ok {
			return nil, fail("its rolling window %v is not a whole number of minutes", o.Window)
		}
		window = ordered{{"duration", dur}, {"isRolling", true}}
	default:
		dur := map[slo.WindowKind]string{slo.WindowWeek: "1w", slo.WindowMonth: "1M", slo.WindowQuarter: "1Q"}[o.Window.Kind()]
		window = ordered{{"duration", dur}, {"isRolling", false},
			{"calendar", ordered{{"startTime", exportAnchor}, {"timeZone", o.Calendar.Location().String()}}}}
	}

	var policies []any
	for _, a := range o.Alerts {
		long, ok := exportShorthand(a.Long)
		if !ok {
			return nil, fail("alert %q looks back %v, not a whole number of minutes", a.Name, a.Long)
		}
		if !dnsLabel.MatchString(a.Name) {
			return nil, fail("alert name %q is not an RFC 1123 label", a.Name)
		}
		cond := ordered{{"kind", "burnrate"}, {"op", "gte"}, {"threshold", a.BurnRate}, {"lookbackWindow", long}}
		policies = append(policies, ordered{
			{"kind", "AlertPolicy"},
			{"metadata", ordered{{"name", a.Name}}},
			{"spec", ordered{
				{"alertWhenBreaching", true},
				{"conditions", []any{ordered{
					{"kind", "AlertCondition"},
					{"metadata", ordered{{"name", a.Name}, {"annotations", map[string]string{annShortWindow: slo.Elapsed(a.Short).String()}}}},
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
	return ordered{{"apiVersion", OpenSLOAPIVersion}, {"kind", "SLO"}, {"metadata", meta}, {"spec", spec}}, nil
}

// exportMeta returns the labels and annotations of the objective's own
// document to carry over, without opsdesign's reserved annotations.
func exportMeta(o *Objective) (labels, annotations map[string]string) {
	labels, annotations = map[string]string{}, map[string]string{}
	if o.SLO != nil {
		for k, v := range o.SLO.Labels {
			labels[k] = strings.Join(v, ",")
		}
		maps.Copy(annotations, o.SLO.Annotations)
	} else {
		meta := sub(asObj(o.Doc.Value), "metadata")
		for k, v := range sub(meta, "labels") {
			labels[k], _ = v.(string)
		}
		for k, v := range sub(meta, "annotations") {
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

// openSLONamed returns the OpenSLO documents of the kind with the name.
func openSLONamed(d *Design, kind, name string) []*Document {
	var out []*Document
	for _, doc := range d.Named(kind, name) {
		if doc.IsOpenSLO() {
			out = append(out, doc)
		}
	}
	return out
}
