package catalog

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/slo"
)

// Objective is one service-level objective of a design: an Objective
// document, or one entry of an OpenSLO SLO's objectives. Both map onto the
// same domain objective of package slo, embedded here with its calendar
// resolved, so an Objective can be checked and evaluated directly:
//
//	report, err := o.EvaluateOutcomes(tickets, now)
//
// The embedded Name is the objective's ID: the document's name for an
// Objective document and for an SLO with one objective, "name#k" for the
// k-th (from 0) objective of an SLO with several.
//
// An Objective document reads:
//
//	apiVersion: opsdesign/v1
//	kind: Objective
//	metadata: {name: first-response-completion}
//	spec:
//	  kind: attainment            # ratio, time-slice or attainment
//	  measure: first-response-completion
//	  target: 95%
//	  window: month
//	  calendar: msp-24x7          # a Calendar; 24/7 in UTC when absent
//	  severities: [critical, major, minor]
//	  rules:                      # first match wins
//	    - {severities: [critical], within: 30m}
//	    - {severities: [major], within: 2h}
//	    - {within: 1bd}
//
// Values that cannot be read are left at their zero value and reported
// (slo/invalid-objective, slo/target-wrong-scale); Err says whether the
// objective can be evaluated.
type Objective struct {
	slo.Objective

	Doc *Document
	// Path is the JSON pointer of the objective in Doc: "/spec" for an
	// Objective document, "/spec/objectives/<k>" for an OpenSLO SLO.
	Path        string
	Title       string
	Description string
	// Service is the service the objective says it belongs to: spec.service
	// of either kind of document; zero when not written. Services also
	// claim objectives by listing them in their offerings and request
	// types (see Design.ServiceObjectives).
	Service Ref
	// CalendarRef is the Calendar the objective names; zero for 24/7 UTC.
	CalendarRef Ref
	// Severities are the severities the objective's outcomes may carry
	// (attainment objectives): each must get a target from some rule.
	Severities []string
	// SLO is the OpenSLO SLO the objective comes from; nil for an
	// Objective document.
	SLO *SLO

	sites       objectiveSites
	problems    []problem
	findings    []slo.Finding
	unsupported string // why the objective cannot be evaluated, beyond problems
}

// objectiveSites are the positions of an objective's parts, for reporting
// the findings of slo.Objective.Check where they belong.
type objectiveSites struct {
	target, window, slice, sliceTarget, threshold, measure string
	severities, rules                                      []string
	alerts                                                 []site // alert tiers may live in other documents (OpenSLO conditions)
}

// site is a place in some document.
type site struct {
	doc *Document
	ptr string
}

// Locate returns the document and JSON pointer of a part of the objective,
// named as slo.Finding names it: field "target", "window", "slice",
// "rules", "alerts" or "severities", and the index of the element (-1 for
// the field as a whole). Alert tiers derived from the window (no alerts
// written) are located at the target, which sets their reach.
func (o *Objective) Locate(field string, index int) (*Document, string) {
	at := func(paths []string) (*Document, string) {
		if index >= 0 && index < len(paths) && paths[index] != "" {
			return o.Doc, paths[index]
		}
		return o.Doc, o.Path
	}
	or := func(ptr string) (*Document, string) {
		if ptr == "" {
			return o.Doc, o.Path
		}
		return o.Doc, ptr
	}
	switch field {
	case "target":
		return or(o.sites.target)
	case "window":
		return or(o.sites.window)
	case "slice":
		return or(o.sites.slice)
	case "sliceTarget":
		return or(o.sites.sliceTarget)
	case "threshold":
		return or(o.sites.threshold)
	case "measure":
		return or(o.sites.measure)
	case "rules":
		return at(o.sites.rules)
	case "severities":
		return at(o.sites.severities)
	case "alerts":
		if index >= 0 && index < len(o.sites.alerts) && o.sites.alerts[index].doc != nil {
			return o.sites.alerts[index].doc, o.sites.alerts[index].ptr
		}
		return or(o.sites.target)
	}
	return o.Doc, o.Path
}

// Findings returns what slo.Objective.Check finds in the objective, with
// its declared severities. The slo/ rules of package catalog/rules report
// them, each at the part of the objective Locate finds.
func (o *Objective) Findings() []slo.Finding { return slices.Clone(o.findings) }

// Problems returns the values of the objective that could not be read,
// each an error of rule slo/invalid-objective or slo/target-wrong-scale
// at the character where reading stopped, when that can be told. The
// values are left at their zero value (Err says the objective cannot be
// evaluated); the slo/ rules of package catalog/rules report them. The
// objectives of one OpenSLO SLO share the problems of the SLO's own
// values.
func (o *Objective) Problems() Diagnostics { return diagnosticsOf(o.problems) }

// ErrObjective is wrapped by Objective.Err.
var ErrObjective = errors.New("objective cannot be evaluated")

// Err reports why the objective cannot be evaluated: a value that could
// not be read, a calendar that does not exist, a window or budgeting
// method package slo does not model. It is nil when EvaluateEvents or
// EvaluateOutcomes can run (they still check the kind of input).
func (o *Objective) Err() error {
	if len(o.problems) > 0 {
		p := o.problems[0]
		return fmt.Errorf("%w: objective %q: %s at %s: %s", ErrObjective, o.Name, p.doc.File, p.ptr, p.msg)
	}
	if o.unsupported != "" {
		return fmt.Errorf("%w: objective %q: %s", ErrObjective, o.Name, o.unsupported)
	}
	if err := o.Objective.Validate(); err != nil {
		// Reached when the document failed its schema in a way the reader
		// left unset (a missing slice, say): the schema finding says where.
		return fmt.Errorf("%w: %w", ErrObjective, err)
	}
	return nil
}

// Objective returns the objective with the ID, or nil.
func (d *Design) Objective(id string) *Objective {
	for _, o := range d.Objectives {
		if o.Name == id {
			return o
		}
	}
	return nil
}

// ResolveObjectives returns the objectives references point at, as a
// service's offerings and request types write them: an Objective
// document's name, or an OpenSLO SLO's name for all its objectives.
// References that resolve to nothing are left out (ref/unresolved reports
// them); each objective appears once.
func (d *Design) ResolveObjectives(refs ...Ref) []*Objective {
	var out []*Objective
	for _, r := range refs {
		for _, doc := range d.Resolve(r, ObjectiveKinds()...) {
			for _, o := range d.objectivesOf(doc) {
				if !slices.Contains(out, o) {
					out = append(out, o)
				}
			}
		}
	}
	return out
}

// ServiceObjectives returns the objectives a service is held to: those its
// offerings and request types list, then those whose spec.service names
// it (OpenSLO SLOs of a service this design claims by name).
func (d *Design) ServiceObjectives(s *Service) []*Objective {
	var refs []Ref
	for _, o := range s.Offerings {
		refs = append(refs, o.Objectives...)
	}
	for _, rt := range s.RequestTypes {
		refs = append(refs, rt.Objectives...)
	}
	out := d.ResolveObjectives(refs...)
	if d.sloIndex != nil {
		for _, o := range d.sloIndex.byService[s.Name] {
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}

// objectivesOf returns the objectives a document holds.
func (d *Design) objectivesOf(doc *Document) []*Objective {
	if d.sloIndex == nil {
		return nil
	}
	return d.sloIndex.byDoc[doc]
}

// ObjectiveHolders returns, for every objective held by some service, the
// services that hold it (see ServiceObjectives), in load order. The map is
// new on every call.
func (d *Design) ObjectiveHolders() map[*Objective][]*Service {
	out := map[*Objective][]*Service{}
	for _, s := range d.Services {
		for _, o := range d.ServiceObjectives(s) {
			out[o] = append(out[o], s)
		}
	}
	return out
}

// --- reading Objective documents ---

// The rules of the problems Objective.Problems returns: a value that
// cannot be read, and a target on the wrong scale (99.9 for 99.9%).
const (
	RuleInvalidObjective = "slo/invalid-objective"
	RuleTargetScale      = "slo/target-wrong-scale"
)

// objectiveReader reads the values of one objective, recording what it
// cannot read as problems.
type objectiveReader struct {
	o *Objective
}

func (r objectiveReader) fail(ptr string, err error) {
	rule := RuleInvalidObjective
	if errors.Is(err, slo.ErrTargetScale) {
		rule = RuleTargetScale
	}
	r.o.problems = append(r.o.problems, parseProblem(rule, r.o.Doc, ptr, err))
}

func (r objectiveReader) failf(ptr, format string, args ...any) {
	r.o.problems = append(r.o.problems, problem{rule: RuleInvalidObjective, doc: r.o.Doc, ptr: ptr, offset: -1, msg: fmt.Sprintf(format, args...)})
}

// fraction reads a target written as "99.9%", 0.999 or 1.
func (r objectiveReader) fraction(v any, ptr string) (slo.Target, bool) {
	var text string
	switch x := v.(type) {
	case string:
		text = x
	case int64:
		text = strconv.FormatInt(x, 10)
	case float64:
		text = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return slo.Target{}, false // the schema reports the type
	}
	t, err := slo.ParseTarget(text)
	if err != nil {
		r.fail(ptr, err)
		return slo.Target{}, false
	}
	return t, true
}

// elapsed reads a duration that must be elapsed time (a slice, an alert
// window, a latency threshold): "5m", "2 hours", or Go's notation for
// lengths below a second, "800ms".
func (r objectiveReader) elapsed(s, ptr, what string) (time.Duration, bool) {
	d, err := slo.ParseDuration(s)
	if err != nil {
		// Below a second (a latency of 800ms), Go's own notation.
		if std, err2 := time.ParseDuration(s); err2 == nil && std > 0 {
			return std, true
		}
		r.fail(ptr, err)
		return 0, false
	}
	if d.Kind() != slo.KindElapsed {
		r.failf(ptr, "%s %q is %s; it must be elapsed time such as 5m or 1h", what, s, d.Kind())
		return 0, false
	}
	if d.IsZero() {
		r.failf(ptr, "%s must be longer than zero", what)
		return 0, false
	}
	return d.Std(), true
}

func buildObjective(doc *Document) *Objective {
	spec := sub(asObj(doc.Value), "spec")
	const at = "/spec"
	o := &Objective{Doc: doc, Path: at, Title: doc.Title, Description: str(spec, "description"),
		Service: ref(spec, "service", at), CalendarRef: ref(spec, "calendar", at), Severities: strs(spec, "severities")}
	o.Name = doc.Name
	r := objectiveReader{o}
	o.sites = objectiveSites{target: at + "/target", window: at + "/window", slice: at + "/slice", sliceTarget: at + "/sliceTarget",
		threshold: at + "/threshold", measure: at + "/measure"}
	for i := range o.Severities {
		o.sites.severities = append(o.sites.severities, idx(at+"/severities", i))
	}
	if k, err := slo.ParseKind(str(spec, "kind")); err == nil {
		o.Kind = k
	} else {
		o.unsupported = "its kind is not ratio, time-slice or attainment"
	}
	if v, ok := spec["target"]; ok {
		o.Target, _ = r.fraction(v, at+"/target")
	}
	if w := str(spec, "window"); w != "" {
		win, err := slo.ParseWindow(w)
		if err != nil {
			r.fail(at+"/window", err)
		}
		o.Window = win
	}
	if s := str(spec, "measure"); s != "" {
		o.Measure, _ = slo.ParseMeasure(s) // the schema enumerates the names
	}
	if s := str(spec, "threshold"); s != "" {
		o.Threshold, _ = r.elapsed(s, at+"/threshold", "threshold")
	}
	if s := str(spec, "slice"); s != "" {
		o.Slice, _ = r.elapsed(s, at+"/slice", "time slice")
	}
	if v, ok := spec["sliceTarget"]; ok {
		o.SliceTarget, _ = r.fraction(v, at+"/sliceTarget")
	}
	objects(spec, "rules", at, func(m obj, p string) {
		rule := slo.Rule{Severities: strs(m, "severities"), Categories: strs(m, "categories")}
		if l := sub(m, "labels"); len(l) > 0 {
			rule.Labels = make(map[string]string, len(l))
			for k, v := range l {
				rule.Labels[k], _ = v.(string)
			}
		}
		if s := str(m, "within"); s != "" {
			d, err := slo.ParseDuration(s)
			if err != nil {
				r.fail(p+"/within", err)
			}
			rule.Within = d
		}
		o.Rules = append(o.Rules, rule)
		o.sites.rules = append(o.sites.rules, p)
	})
	if _, written := spec["alerts"]; written {
		o.Alerts = []slo.AlertTier{} // written, even if empty: no derived tiers
	}
	objects(spec, "alerts", at, func(m obj, p string) {
		a := slo.AlertTier{Name: str(m, "name"), Action: slo.Action(str(m, "action")), BurnRate: num(m, "burnRate")}
		if s := str(m, "long"); s != "" {
			a.Long, _ = r.elapsed(s, p+"/long", "long window")
		}
		if s := str(m, "short"); s != "" {
			a.Short, _ = r.elapsed(s, p+"/short", "short window")
		} else {
			a.Short = defaultShort(a.Long)
		}
		o.Alerts = append(o.Alerts, a)
		o.sites.alerts = append(o.sites.alerts, site{doc, p})
	})
	return o
}

// defaultShort is the short window of a tier written without one: a
// twelfth of the long window, as the SRE workbook sets it, in whole seconds.
func defaultShort(long time.Duration) time.Duration {
	if long <= 0 {
		return 0
	}
	return max(time.Second, time.Duration(math.Round(float64(long)/12/1e9))*time.Second)
}

// --- linking objectives into the design ---

// sloIndex finds objectives and OpenSLO objects by document and by name.
// It is built once while loading and only read afterwards.
type sloIndex struct {
	byDoc map[*Document][]*Objective
	// byService holds the objectives whose spec.service names a service.
	byService map[string][]*Objective
	// OpenSLO objects by kind and name, documents only (inline objects
	// cannot be referenced).
	slis       map[osloKey][]*SLI
	policies   map[osloKey][]*AlertPolicy
	conditions map[osloKey][]*AlertCondition
	targets    map[osloKey][]*AlertNotificationTarget
	sources    map[osloKey][]*DataSource
	services   map[osloKey][]*OpenSLOService
}

// linkObjectives runs once every document is built: it indexes the
// OpenSLO objects, turns each SLO into objectives, resolves every
// objective's calendar and runs the static checks of package slo.
func (d *Design) linkObjectives() {
	ix := &sloIndex{byDoc: map[*Document][]*Objective{}, byService: map[string][]*Objective{}, slis: map[osloKey][]*SLI{}, policies: map[osloKey][]*AlertPolicy{},
		conditions: map[osloKey][]*AlertCondition{}, targets: map[osloKey][]*AlertNotificationTarget{},
		sources: map[osloKey][]*DataSource{}, services: map[osloKey][]*OpenSLOService{}}
	d.sloIndex = ix
	os := &d.OpenSLO
	for _, x := range os.SLIs {
		ix.slis[keyOf(x.OpenSLOObject)] = append(ix.slis[keyOf(x.OpenSLOObject)], x)
	}
	for _, x := range os.AlertPolicies {
		ix.policies[keyOf(x.OpenSLOObject)] = append(ix.policies[keyOf(x.OpenSLOObject)], x)
	}
	for _, x := range os.AlertConditions {
		ix.conditions[keyOf(x.OpenSLOObject)] = append(ix.conditions[keyOf(x.OpenSLOObject)], x)
	}
	for _, x := range os.NotificationTargets {
		ix.targets[keyOf(x.OpenSLOObject)] = append(ix.targets[keyOf(x.OpenSLOObject)], x)
	}
	for _, x := range os.DataSources {
		ix.sources[keyOf(x.OpenSLOObject)] = append(ix.sources[keyOf(x.OpenSLOObject)], x)
	}
	for _, x := range os.Services {
		ix.services[keyOf(x.OpenSLOObject)] = append(ix.services[keyOf(x.OpenSLOObject)], x)
	}
	for _, s := range os.SLOs {
		s.Objectives = d.openSLOObjectives(s)
		s.objectives = nil // read into the Objectives; not kept for the rules
		d.Objectives = append(d.Objectives, s.Objectives...)
	}
	// Objectives in load order, whatever their kind of document.
	order := make(map[*Document]int, len(d.Documents))
	for i, doc := range d.Documents {
		order[doc] = i
	}
	slices.SortStableFunc(d.Objectives, func(a, b *Objective) int { return cmp.Compare(order[a.Doc], order[b.Doc]) })
	for _, o := range d.Objectives {
		ix.byDoc[o.Doc] = append(ix.byDoc[o.Doc], o)
		if r := o.Service; r.Name != "" && (r.Kind == "" || strings.EqualFold(r.Kind, "service")) {
			ix.byService[r.Name] = append(ix.byService[r.Name], o)
		}
		d.resolveCalendar(o)
		o.findings = o.Check(o.Severities)
	}
}

// resolveCalendar sets the objective's calendar from the Calendar it names.
func (d *Design) resolveCalendar(o *Objective) {
	if o.CalendarRef.IsZero() {
		return
	}
	docs := d.Resolve(o.CalendarRef, "Calendar")
	if len(docs) == 0 {
		o.unsupported = fmt.Sprintf("calendar %q does not exist", o.CalendarRef.Raw)
		return
	}
	for _, c := range d.Calendars {
		if c.Doc == docs[0] {
			if c.Calendar == nil {
				o.unsupported = fmt.Sprintf("calendar %q is invalid", c.Name)
			}
			o.Calendar = c.Calendar
			return
		}
	}
}
