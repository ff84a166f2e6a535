package catalog

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/internal/openslospec"
	"github.com/opsdesign/opsdesign/internal/yamlx"
	"github.com/opsdesign/opsdesign/slo"
)

// OpenSLOAPIVersion is the apiVersion of the OpenSLO documents the catalog
// reads: they are validated against schemas written from the OpenSLO v1
// specification, their references are checked across files, and their
// SLOs join the design's objectives.
const OpenSLOAPIVersion = "openslo/v1"

// OpenSLO holds the OpenSLO objects of a design, of every version the
// catalog reads (v1alpha and v2alpha documents are read into the same
// model: Doc.APIVersion tells them apart), each with its document and the
// positions of its parts. Objects written inline (an SLO's
// indicator, a policy's condition) hang off the object that holds them;
// the lists hold documents only, which are what references name.
//
// A file may hold a YAML (or JSON) list of OpenSLO objects, as the OpenSLO
// go-sdk writes them: each element is a document of its own.
type OpenSLO struct {
	SLOs                []*SLO
	SLIs                []*SLI
	Services            []*OpenSLOService
	DataSources         []*DataSource
	AlertPolicies       []*AlertPolicy
	AlertConditions     []*AlertCondition
	NotificationTargets []*AlertNotificationTarget
}

// OpenSLOObject is what every OpenSLO object has: where it is and its
// metadata.
type OpenSLOObject struct {
	Doc *Document
	// Path is the JSON pointer of the object in Doc: "" for an object that
	// is a document, the place it is written for an inline one.
	Path        string
	Name        string
	DisplayName string
	Labels      map[string][]string // a label's value may be written as one string or a list
	Annotations map[string]string
}

// Link is a place where one OpenSLO object uses another: by reference (Ref
// set) or written inline (Inline set).
type Link[T any] struct {
	Path   string
	Ref    Ref
	Inline *T
}

// SLO is an OpenSLO SLO. Each entry of its spec.objectives is an
// Objective of the design (see Objectives).
type SLO struct {
	OpenSLOObject
	Description string
	// Service names the service the SLO belongs to. The specification
	// leaves open whether it must name a Service object; the catalog links
	// it to an OpenSLO Service or an opsdesign Service of that name when
	// there is one (an opsdesign Service claims the SLO that way).
	Service         Ref
	Indicator       *SLI // written inline
	IndicatorRef    Ref
	BudgetingMethod string // Occurrences, Timeslices or RatioTimeslices
	TimeWindow      *TimeWindow
	AlertPolicies   []Link[AlertPolicy]
	// Objectives are the SLO's objectives, in the order written.
	Objectives []*Objective
	// ObjectiveIndicators are the indicators the SLO's objectives write
	// themselves (a composite SLO, which the go-sdk accepts and OpenSLO v1
	// does not define): one Link per entry of spec.objectives, in the
	// order written, at the entry's path. Where an entry writes none its
	// Link has neither Ref nor Inline, and the entry reads the SLO's own
	// indicator.
	ObjectiveIndicators []Link[SLI]

	objectives []sloObjective // as written, read while loading
}

// sloObjective is one entry of an SLO's spec.objectives as written.
type sloObjective struct {
	path            string
	displayName     string
	op              string
	value           *float64
	target          any // float64 or int64 when written
	targetPercent   any
	timeSliceTarget any
	timeSliceWindow any // a duration shorthand, or a number of minutes
}

// TimeWindow is an SLO's time window: rolling, or aligned to the calendar
// from StartTime in TimeZone.
type TimeWindow struct {
	Path      string
	Duration  string // a duration shorthand: 28d, 1w, 1M (v1alpha's unit and count read as one)
	Rolling   bool
	StartTime string // "2024-01-01 00:00:00"; "" for a rolling window
	TimeZone  string

	site string // where findings about the length go
}

// SLI is an OpenSLO SLI: how to read the indicator's metrics. Exactly one
// of Threshold and Ratio is set in a valid SLI.
type SLI struct {
	OpenSLOObject
	Description string
	Threshold   *MetricSource // thresholdMetric
	Ratio       *RatioMetric  // ratioMetric
}

// RatioMetric is an SLI's ratio: good or bad over total, or a raw ratio.
type RatioMetric struct {
	Path                  string
	Counter               bool
	RawType               string // success or failure, with Raw
	Good, Bad, Total, Raw *MetricSource
}

// MetricSource is where a metric is read: a DataSource named by Ref, or a
// source of Type described by Spec, or both.
type MetricSource struct {
	Path string // of the metricSource mapping
	Ref  Ref    // metricSourceRef
	Type string
	Spec map[string]any
}

// Sources returns the SLI's metric sources, each with its role ("threshold",
// "good", "bad", "total" or "raw").
func (s *SLI) Sources() (roles []string, sources []*MetricSource) {
	add := func(role string, m *MetricSource) {
		if m != nil {
			roles, sources = append(roles, role), append(sources, m)
		}
	}
	add("threshold", s.Threshold)
	if r := s.Ratio; r != nil {
		add("good", r.Good)
		add("bad", r.Bad)
		add("total", r.Total)
		add("raw", r.Raw)
	}
	return roles, sources
}

// DataSource is an OpenSLO DataSource: the connection to a metrics system.
type DataSource struct {
	OpenSLOObject
	Description string
	Type        string
}

// AlertPolicy is an OpenSLO AlertPolicy: when to alert, and whom.
type AlertPolicy struct {
	OpenSLOObject
	Description                                            string
	AlertWhenNoData, AlertWhenResolved, AlertWhenBreaching bool
	Conditions                                             []Link[AlertCondition]
	NotificationTargets                                    []Link[AlertNotificationTarget]
}

// AlertCondition is an OpenSLO AlertCondition: a burn-rate threshold over
// a lookback window.
type AlertCondition struct {
	OpenSLOObject
	Description    string
	Severity       string
	Kind           string // burnrate ("" means burnrate)
	Op             string // lte, gte, lt or gt; "" when not written
	Threshold      float64
	LookbackWindow string // a duration shorthand
	AlertAfter     string
}

// AlertNotificationTarget is an OpenSLO AlertNotificationTarget: where
// alerts go.
type AlertNotificationTarget struct {
	OpenSLOObject
	Description string
	Target      string
}

// OpenSLOService is an OpenSLO Service: a group of SLOs. An opsdesign
// Service of the same name claims it, and with it the SLOs that name it.
type OpenSLOService struct {
	OpenSLOObject
	Description string
}

// IsOpenSLO reports whether the document is an OpenSLO document, of any
// version the catalog reads (OpenSLOAPIVersions).
func (d *Document) IsOpenSLO() bool { return slices.Contains(OpenSLOAPIVersions(), d.APIVersion) }

// add files an object built from a document; it reports whether m is one.
func (o *OpenSLO) add(m any) bool {
	switch x := m.(type) {
	case *SLO:
		o.SLOs = append(o.SLOs, x)
	case *SLI:
		o.SLIs = append(o.SLIs, x)
	case *OpenSLOService:
		o.Services = append(o.Services, x)
	case *DataSource:
		o.DataSources = append(o.DataSources, x)
	case *AlertPolicy:
		o.AlertPolicies = append(o.AlertPolicies, x)
	case *AlertCondition:
		o.AlertConditions = append(o.AlertConditions, x)
	case *AlertNotificationTarget:
		o.NotificationTargets = append(o.NotificationTargets, x)
	default:
		return false
	}
	return true
}

// splitDocumentLists turns a document whose content is a list of objects
// with an apiVersion (the OpenSLO go-sdk writes files that way) into one
// document per element, each positioned where the element starts.
// Elements that are not mappings are kept, so they are reported.
func splitDocumentLists(docs []*yamlx.Document) []*yamlx.Document {
	out := docs[:0:0]
	for _, y := range docs {
		items, ok := y.Value.([]any)
		if !ok || y.Tree == nil || y.Tree.Root().Kind() != yaml.SequenceNode || len(y.Tree.Content(y.Tree.Root())) != len(items) || !listsDocuments(items) {
			out = append(out, y)
			continue
		}
		for i, item := range items {
			n := &y.Tree.Content(y.Tree.Root())[i]
			out = append(out, &yamlx.Document{Index: y.Index, Line: int(n.Line), Column: int(n.Column), Tree: y.Tree.Item(i), Value: item})
		}
	}
	return out
}

// listsDocuments reports whether a list holds documents: some element is
// a mapping with an apiVersion.
func listsDocuments(items []any) bool {
	for _, it := range items {
		if m, ok := it.(obj); ok {
			if _, ok := m["apiVersion"].(string); ok {
				return true
			}
		}
	}
	return false
}

// --- reading OpenSLO documents ---

func buildOpenSLO(doc *Document) any {
	if !openslospec.HasKind(doc.APIVersion, doc.Kind) {
		return nil // schema/unknown-kind
	}
	m := asObj(doc.Value)
	switch doc.Kind {
	case "SLO":
		if doc.APIVersion == OpenSLOV1alphaAPIVersion {
			return readV1alphaSLO(m, doc)
		}
		return readSLO(m, doc)
	case "SLI":
		return readSLI(m, doc, "")
	case "Service":
		return &OpenSLOService{OpenSLOObject: readMeta(m, doc, ""), Description: str(sub(m, "spec"), "description")}
	case "DataSource":
		spec := sub(m, "spec")
		return &DataSource{OpenSLOObject: readMeta(m, doc, ""), Description: str(spec, "description"), Type: str(spec, "type")}
	case "AlertPolicy":
		return readPolicy(m, doc, "")
	case "AlertCondition":
		return readCondition(m, doc, "")
	case "AlertNotificationTarget":
		return readTarget(m, doc, "")
	}
	return nil
}

// nameRef reads an OpenSLO reference: a plain name, no kind prefix.
func nameRef(m obj, k, at string) Ref {
	s, _ := m[k].(string)
	return Ref{Raw: s, Name: s, Path: at + "/" + k}
}

func readMeta(m obj, doc *Document, path string) OpenSLOObject {
	meta := sub(m, "metadata")
	o := OpenSLOObject{Doc: doc, Path: path, Name: str(meta, "name"), DisplayName: str(meta, "displayName")}
	if o.DisplayName == "" {
		o.DisplayName = str(sub(meta, "annotations"), AnnotationDisplayName) // v2alpha has no displayName
	}
	if l := sub(meta, "labels"); len(l) > 0 {
		o.Labels = make(map[string][]string, len(l))
		for k, v := range l {
			switch v := v.(type) {
			case string:
				o.Labels[k] = []string{v}
			case []any:
				o.Labels[k] = strs(l, k)
			}
		}
	}
	if a := sub(meta, "annotations"); len(a) > 0 {
		o.Annotations = make(map[string]string, len(a))
		for k, v := range a {
			o.Annotations[k], _ = v.(string)
		}
	}
	return o
}

func readSLO(m obj, doc *Document) *SLO {
	spec := sub(m, "spec")
	const at = "/spec"
	indicator, indicatorRef := sloKeys(doc.APIVersion)
	s := &SLO{OpenSLOObject: readMeta(m, doc, ""), Description: str(spec, "description"), Service: nameRef(spec, "service", at),
		IndicatorRef: nameRef(spec, indicatorRef, at), BudgetingMethod: str(spec, "budgetingMethod")}
	if in := sub(spec, indicator); in != nil {
		s.Indicator = readSLI(in, doc, at+"/"+indicator)
	}
	if tws := list(spec, "timeWindow"); len(tws) > 0 {
		if tw, ok := tws[0].(obj); ok {
			p := at + "/timeWindow/0"
			w := &TimeWindow{Path: p, Duration: str(tw, "duration"), Rolling: boolean(tw, "isRolling"), site: p + "/duration"}
			if c := sub(tw, "calendar"); c != nil {
				w.StartTime, w.TimeZone = str(c, "startTime"), str(c, "timeZone")
			}
			s.TimeWindow = w
		}
	}
	objects(spec, "alertPolicies", at, func(o obj, p string) {
		l := Link[AlertPolicy]{Path: p}
		if _, ok := o["alertPolicyRef"]; ok {
			l.Ref = nameRef(o, "alertPolicyRef", p)
		} else {
			l.Inline = readPolicy(o, doc, p)
		}
		s.AlertPolicies = append(s.AlertPolicies, l)
	})
	objects(spec, "objectives", at, func(o obj, p string) {
		so := sloObjective{path: p, displayName: str(o, "displayName"), op: str(o, "op"), target: o["target"],
			targetPercent: o["targetPercent"], timeSliceTarget: o["timeSliceTarget"], timeSliceWindow: o["timeSliceWindow"]}
		if _, ok := o["value"]; ok {
			v := num(o, "value")
			so.value = &v
		}
		ind := Link[SLI]{Path: p, Ref: nameRef(o, indicatorRef, p)}
		if in := sub(o, indicator); in != nil {
			ind.Inline = readSLI(in, doc, p+"/"+indicator)
		}
		s.objectives = append(s.objectives, so)
		s.ObjectiveIndicators = append(s.ObjectiveIndicators, ind)
	})
	return s
}

func readSLI(m obj, doc *Document, path string) *SLI {
	spec := sub(m, "spec")
	sp := path + "/spec"
	s := &SLI{OpenSLOObject: readMeta(m, doc, path), Description: str(spec, "description")}
	if t := sub(spec, "thresholdMetric"); t != nil {
		s.Threshold = readSource(t, doc, sp+"/thresholdMetric")
	}
	if r := sub(spec, "ratioMetric"); r != nil {
		rp := sp + "/ratioMetric"
		rm := &RatioMetric{Path: rp, Counter: boolean(r, "counter"), RawType: str(r, "rawType")}
		for _, part := range []struct {
			key string
			to  **MetricSource
		}{{"good", &rm.Good}, {"bad", &rm.Bad}, {"total", &rm.Total}, {"raw", &rm.Raw}} {
			if x := sub(r, part.key); x != nil {
				*part.to = readSource(x, doc, rp+"/"+part.key)
			}
		}
		s.Ratio = rm
	}
	return s
}

func readSource(m obj, doc *Document, path string) *MetricSource {
	if doc.APIVersion == OpenSLOV2alphaAPIVersion {
		return readV2alphaSource(m, path)
	}
	ms := sub(m, "metricSource")
	p := path + "/metricSource"
	return &MetricSource{Path: p, Ref: nameRef(ms, "metricSourceRef", p), Type: str(ms, "type"), Spec: sub(ms, "spec")}
}

func readPolicy(m obj, doc *Document, path string) *AlertPolicy {
	spec := sub(m, "spec")
	sp := path + "/spec"
	a := &AlertPolicy{OpenSLOObject: readMeta(m, doc, path), Description: str(spec, "description"),
		AlertWhenNoData: boolean(spec, "alertWhenNoData"), AlertWhenResolved: boolean(spec, "alertWhenResolved"),
		AlertWhenBreaching: boolean(spec, "alertWhenBreaching")}
	objects(spec, "conditions", sp, func(o obj, p string) {
		l := Link[AlertCondition]{Path: p}
		if _, ok := o["conditionRef"]; ok {
			l.Ref = nameRef(o, "conditionRef", p)
		} else {
			l.Inline = readCondition(o, doc, p)
		}
		a.Conditions = append(a.Conditions, l)
	})
	objects(spec, "notificationTargets", sp, func(o obj, p string) {
		l := Link[AlertNotificationTarget]{Path: p}
		if _, ok := o["targetRef"]; ok {
			l.Ref = nameRef(o, "targetRef", p)
		} else {
			l.Inline = readTarget(o, doc, p)
		}
		a.NotificationTargets = append(a.NotificationTargets, l)
	})
	return a
}

func readCondition(m obj, doc *Document, path string) *AlertCondition {
	spec := sub(m, "spec")
	c := sub(spec, "condition")
	return &AlertCondition{OpenSLOObject: readMeta(m, doc, path), Description: str(spec, "description"), Severity: str(spec, "severity"),
		Kind: str(c, "kind"), Op: str(c, "op"), Threshold: num(c, "threshold"), LookbackWindow: str(c, "lookbackWindow"),
		AlertAfter: str(c, "alertAfter")}
}

func readTarget(m obj, doc *Document, path string) *AlertNotificationTarget {
	spec := sub(m, "spec")
	return &AlertNotificationTarget{OpenSLOObject: readMeta(m, doc, path), Description: str(spec, "description"), Target: str(spec, "target")}
}

// --- OpenSLO objects as objectives ---

// Annotations opsdesign writes on the SLOs it exports (package
// catalog/openslo), to carry what OpenSLO cannot say (an attainment
// objective's rules, a business calendar) through a round trip, and that
// the catalog reads back.
const (
	AnnotationObjectiveKind = "opsdesign.dev/objective-kind"
	AnnotationMeasure       = "opsdesign.dev/measure"
	AnnotationSeverities    = "opsdesign.dev/severities" // a JSON list
	AnnotationRules         = "opsdesign.dev/rules"      // a JSON list of AnnotatedRule
	AnnotationCalendar      = "opsdesign.dev/calendar"
	AnnotationWindow        = "opsdesign.dev/window"
	AnnotationShortWindow   = "opsdesign.dev/short-window" // on an AlertCondition
	AnnotationTitle         = "opsdesign.dev/title"        // a title longer than displayName allows
	// AnnotationDisplayName carries a displayName through OpenSLO v2alpha,
	// whose metadata has none.
	AnnotationDisplayName = "opsdesign.dev/display-name"
)

// AnnotatedRule is an attainment rule as AnnotationRules writes it.
type AnnotatedRule struct {
	Severities []string          `json:"severities,omitempty"`
	Categories []string          `json:"categories,omitempty"`
	Labels     map[string]string `json:"labels,omitempty"`
	Within     string            `json:"within"`
}

func unmarshalAnnotation(s string, v any) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("annotation is not the JSON opsdesign writes: %w", err)
	}
	return nil
}

// shorthand parses an OpenSLO duration shorthand. Months, quarters and
// years count 30, 90 and 365 days, as the OpenSLO go-sdk counts them.
func shorthand(s string) (time.Duration, bool) {
	if len(s) < 2 {
		return 0, false
	}
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil || n < 0 || n > 100_000 {
		return 0, false
	}
	var unit time.Duration
	switch s[len(s)-1] {
	case 's': // v1alpha's seconds
		unit = time.Second
	case 'm':
		unit = time.Minute
	case 'h':
		unit = time.Hour
	case 'd':
		unit = 24 * time.Hour
	case 'w':
		unit = 7 * 24 * time.Hour
	case 'M':
		unit = 30 * 24 * time.Hour
	case 'Q':
		unit = 90 * 24 * time.Hour
	case 'Y':
		unit = 365 * 24 * time.Hour
	default:
		return 0, false
	}
	return time.Duration(n) * unit, true
}

// number reads a YAML number as a float.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// sliceLength reads a timeSliceWindow: a shorthand, or a number of minutes.
func sliceLength(v any) (time.Duration, bool) {
	switch x := v.(type) {
	case string:
		return shorthand(x)
	case int64:
		return time.Duration(x) * time.Minute, x > 0 && x < 1e9
	case float64:
		if x > 0 && x < 1e9 {
			return time.Duration(math.Round(x * float64(time.Minute))), true
		}
	}
	return 0, false
}

// openSLOWindow maps an SLO's time window onto a window of package slo and
// the time zone its calendar periods are read in. reason says why it could
// not, "" when it could.
func openSLOWindow(tw *TimeWindow) (w slo.Window, zone, reason string) {
	if tw == nil {
		return slo.Window{}, "", "the SLO has no time window"
	}
	d, ok := shorthand(tw.Duration)
	if !ok || d <= 0 {
		return slo.Window{}, "", fmt.Sprintf("time window %q is not a duration shorthand", tw.Duration)
	}
	if tw.Rolling {
		return slo.Rolling(d), "", ""
	}
	switch tw.Duration {
	case "1w":
		w = slo.Weekly()
	case "1M":
		w = slo.Monthly()
	case "1Q":
		w = slo.Quarterly()
	default:
		return slo.Window{}, "", fmt.Sprintf("a calendar-aligned window of %s is not modelled: package slo has calendar weeks (1w), months (1M) and quarters (1Q)", tw.Duration)
	}
	loc, err := time.LoadLocation(tw.TimeZone)
	if err != nil || tw.TimeZone == "" || tw.TimeZone == "Local" {
		return slo.Window{}, "", fmt.Sprintf("time zone %q is unknown", tw.TimeZone)
	}
	start, err := time.ParseInLocation(time.DateTime, tw.StartTime, loc)
	if err != nil {
		return slo.Window{}, "", fmt.Sprintf("start time %q is not YYYY-MM-DD hh:mm:ss", tw.StartTime)
	}
	// package slo's calendar periods start at a week's Monday, a month's
	// first day or a quarter's first day, at midnight: so must this one.
	if p := w.Period(start, loc); !p.Start.Equal(start) {
		return slo.Window{}, "", fmt.Sprintf("a %s window starting %s is not modelled: package slo's periods start at %s",
			w, start.Format("Mon 2006-01-02 15:04"), p.Start.Format("Mon 2006-01-02 15:04"))
	}
	return w, tw.TimeZone, ""
}

// sliOf returns the SLI an objective of an SLO of the version reads:
// written inline, or the one document of that version its reference names
// (nil when there is none, or several).
func (d *Design) sliOf(version string, inline *SLI, r Ref) *SLI {
	if inline != nil {
		return inline
	}
	if r.Name == "" || d.sloIndex == nil {
		return nil
	}
	return unique(d.sloIndex.slis, version, r.Name)
}

// osloKey finds an OpenSLO object by its version and name: references
// resolve within a version.
type osloKey struct{ version, name string }

func keyOf(o OpenSLOObject) osloKey { return osloKey{o.Doc.APIVersion, o.Name} }

// unique returns the one object of the version a name resolves to, or nil.
func unique[T any](m map[osloKey][]*T, version, name string) *T {
	if found := m[osloKey{version, name}]; len(found) == 1 {
		return found[0]
	}
	return nil
}

// openSLOTiers turns the SLO's burn-rate alert conditions into alert tiers
// of package slo, with the places they are written. Conditions of another
// kind, or that fire below a burn rate (op lt or lte), are not tiers.
func (d *Design) openSLOTiers(s *SLO) ([]slo.AlertTier, []site) {
	tiers := []slo.AlertTier{}
	var sites []site
	ix := d.sloIndex
	version := s.Doc.APIVersion
	for _, l := range s.AlertPolicies {
		policy := l.Inline
		if policy == nil {
			policy = unique(ix.policies, version, l.Ref.Name)
		}
		if policy == nil {
			continue
		}
		for _, cl := range policy.Conditions {
			c := cl.Inline
			if c == nil {
				c = unique(ix.conditions, version, cl.Ref.Name)
			}
			if c == nil || (c.Kind != "" && c.Kind != "burnrate") || c.Op == "lt" || c.Op == "lte" {
				continue
			}
			long, ok := shorthand(c.LookbackWindow)
			if !ok || long <= 0 {
				continue
			}
			tier := slo.AlertTier{Name: c.Name, Action: slo.Page, Long: long, Short: defaultShort(long), BurnRate: c.Threshold}
			if strings.EqualFold(c.Severity, string(slo.Ticket)) {
				tier.Action = slo.Ticket
			}
			if sw := c.Annotations[AnnotationShortWindow]; sw != "" {
				if sd, err := slo.ParseDuration(sw); err == nil && sd.Kind() == slo.KindElapsed && !sd.IsZero() {
					tier.Short = sd.Std()
				}
			}
			tiers = append(tiers, tier)
			sites = append(sites, site{c.Doc, c.Path + "/spec/condition/threshold"})
		}
	}
	return tiers, sites
}

// openSLOObjectives maps each entry of an SLO's objectives onto an
// Objective. An SLO that opsdesign exported (it carries the
// opsdesign.dev/objective-kind annotation) maps back onto exactly the
// objective it was exported from.
func (d *Design) openSLOObjectives(s *SLO) []*Objective {
	window, zone, windowReason := openSLOWindow(s.TimeWindow)
	tiers, tierSites := d.openSLOTiers(s)
	ann := s.Annotations
	exported := ann[AnnotationObjectiveKind] != ""
	if exported && len(s.AlertPolicies) == 0 {
		tiers, tierSites = nil, nil // the workbook's tiers, derived from the window
	}
	if exported && ann[AnnotationWindow] != "" {
		if w, err := slo.ParseWindow(ann[AnnotationWindow]); err == nil && (w.Kind() == slo.WindowRolling) == (window.Kind() == slo.WindowRolling) {
			window = w
		}
	}
	var zoneCal *slo.Calendar
	if zone != "" {
		zoneCal, _ = slo.NewCalendar(slo.CalendarSpec{TimeZone: zone})
	}
	out := make([]*Objective, 0, len(s.objectives))
	for k, so := range s.objectives {
		o := &Objective{Doc: s.Doc, Path: so.path, SLO: s, Title: s.DisplayName, Description: s.Description, Service: s.Service}
		if so.displayName != "" && len(s.objectives) > 1 {
			o.Title = so.displayName
		}
		if t := ann[AnnotationTitle]; t != "" {
			o.Title = t
		}
		o.Name = s.Name
		if len(s.objectives) > 1 {
			o.Name = s.Name + "#" + strconv.Itoa(k)
		}
		r := objectiveReader{o}
		o.sites = objectiveSites{window: windowSite(s.TimeWindow), slice: so.path + "/timeSliceWindow",
			sliceTarget: so.path + "/timeSliceTarget", threshold: so.path + "/value"}
		// The schema bounds targets to [0, 1) and [0, 100); out of range
		// they are left unset rather than reported twice.
		switch {
		case so.target != nil:
			o.sites.target = so.path + "/target"
			if f, ok := number(so.target); ok && f > 0 && f < 1 {
				o.Target, _ = r.fraction(strconv.FormatFloat(f, 'f', -1, 64), o.sites.target)
			}
		case so.targetPercent != nil:
			o.sites.target = so.path + "/targetPercent"
			if f, ok := number(so.targetPercent); ok && f > 0 && f < 100 {
				o.Target, _ = r.fraction(strconv.FormatFloat(f, 'f', -1, 64)+"%", o.sites.target)
			}
		}
		if o.Target.IsZero() && o.unsupported == "" {
			o.unsupported = "its target is not a fraction between 0 and 1 (a target of 0 promises nothing)"
		}
		o.Window = window
		if windowReason != "" {
			o.unsupported = windowReason
		}
		o.Alerts, o.sites.alerts = tiers, tierSites
		ind := s.ObjectiveIndicators[k]
		sli := d.sliOf(s.Doc.APIVersion, ind.Inline, ind.Ref)
		if ind.Inline == nil && ind.Ref.Name == "" {
			sli = d.sliOf(s.Doc.APIVersion, s.Indicator, s.IndicatorRef)
		}
		switch s.BudgetingMethod {
		case "Timeslices":
			o.Kind = slo.TimeSliceObjective
			o.Slice, _ = sliceLength(so.timeSliceWindow)
			if s.Doc.APIVersion == OpenSLOV1alphaAPIVersion {
				o.unsupported = "OpenSLO v1alpha does not say how long a time slice is"
			}
			if so.timeSliceTarget != nil {
				o.SliceTarget, _ = r.fraction(so.timeSliceTarget, o.sites.sliceTarget)
			}
		case "RatioTimeslices":
			o.Kind = slo.TimeSliceObjective
			o.Slice, _ = sliceLength(so.timeSliceWindow)
			o.unsupported = "RatioTimeslices budgeting (the mean of the slices' ratios) is not modelled by package slo"
		default:
			o.Kind = slo.RatioObjective
		}
		if sli != nil && sli.Threshold != nil && so.value != nil && (so.op == "lt" || so.op == "lte") {
			// A threshold metric compared "below value": read the value as
			// milliseconds of latency, the unit of the specification's
			// own examples.
			o.Threshold = time.Duration(math.Round(*so.value * float64(time.Millisecond)))
		}
		if zoneCal != nil {
			o.Calendar = zoneCal
		}
		if exported {
			d.readExportAnnotations(o, ann)
		}
		out = append(out, o)
	}
	return out
}

// readExportAnnotations restores what opsdesign wrote in annotations when
// it exported an objective.
func (d *Design) readExportAnnotations(o *Objective, ann map[string]string) {
	const at = "/metadata/annotations/"
	r := objectiveReader{o}
	if k, err := slo.ParseKind(ann[AnnotationObjectiveKind]); err == nil {
		o.Kind = k
	} else {
		r.failf(at+jsonptr.Escape(AnnotationObjectiveKind), "unknown objective kind %q", ann[AnnotationObjectiveKind])
	}
	if c := ann[AnnotationCalendar]; c != "" {
		o.CalendarRef = Ref{Raw: c, Name: c, Path: at + jsonptr.Escape(AnnotationCalendar)}
	}
	if o.Kind != slo.AttainmentObjective {
		return
	}
	if m, err := slo.ParseMeasure(ann[AnnotationMeasure]); err == nil {
		o.Measure = m
	} else {
		r.failf(at+jsonptr.Escape(AnnotationMeasure), "unknown measure %q", ann[AnnotationMeasure])
	}
	if s := ann[AnnotationSeverities]; s != "" {
		if err := unmarshalAnnotation(s, &o.Severities); err != nil {
			r.failf(at+jsonptr.Escape(AnnotationSeverities), "%v", err)
		}
	}
	var rules []AnnotatedRule
	if err := unmarshalAnnotation(ann[AnnotationRules], &rules); err != nil {
		r.failf(at+jsonptr.Escape(AnnotationRules), "%v", err)
	}
	for i, er := range rules {
		rule := slo.Rule{Severities: er.Severities, Categories: er.Categories, Labels: er.Labels}
		w, err := slo.ParseDuration(er.Within)
		if err != nil {
			r.failf(at+jsonptr.Escape(AnnotationRules), "rule %d: %v", i, err)
		}
		rule.Within = w
		o.Rules = append(o.Rules, rule)
	}
	o.sites.measure = at + jsonptr.Escape(AnnotationMeasure)
	o.sites.severities = make([]string, len(o.Severities))
	for i := range o.sites.severities {
		o.sites.severities[i] = at + jsonptr.Escape(AnnotationSeverities)
	}
	o.sites.rules = make([]string, len(o.Rules))
	for i := range o.sites.rules {
		o.sites.rules[i] = at + jsonptr.Escape(AnnotationRules)
	}
}
