package ticket

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/suggest"
)

// Class is where a ticket belongs in the catalog.
type Class struct {
	// Service is the catalog's service, nil when the ticket names none
	// the catalog has (and none could be inferred).
	Service *catalog.Service
	// RequestType is the request type, nil when the ticket could not be
	// given one. It is the catch-all type for a ticket that named no type
	// or an unknown one, when its service has a catch-all.
	RequestType *catalog.RequestType
	// Other is true when the ticket counts as the catch-all "other"
	// (その他): classified to a catch-all type, or to no type at all.
	Other bool
}

// ServiceName returns the service's name, or "" when there is none.
func (c Class) ServiceName() string {
	if c.Service == nil {
		return ""
	}
	return c.Service.Name
}

// TypeName returns the request type's name, or "" when there is none.
func (c Class) TypeName() string {
	if c.RequestType == nil {
		return ""
	}
	return c.RequestType.Name
}

// Classifier places tickets in a design's catalog: each gets its service
// and request type, and is checked against what the type accepts (its
// channels and its parameter sheet). Build one per design with
// NewClassifier: the parameter sheets are compiled once. A Classifier is
// safe for concurrent use.
type Classifier struct {
	design   *catalog.Design
	services map[string]*serviceInfo // by name and by lower-cased name and title
	byType   map[string][]*typeInfo  // by request type name and lower-cased name and title
	catchAll *typeInfo               // the catalog's only catch-all type, if there is exactly one
	diags    diag.List
}

type serviceInfo struct {
	svc      *catalog.Service
	types    map[string]*typeInfo
	catchAll *typeInfo
}

type typeInfo struct {
	svc      *catalog.Service
	rt       *catalog.RequestType
	schema   *jsonschema.Schema // nil without a sheet, or when it does not compile
	required []string           // the sheet's top-level required parameters
	channels []Channel
}

// NewClassifier prepares the classification against a design. Parameter
// sheets that are not valid JSON Schemas are reported by Diagnostics, at
// their place in the design, and tickets of those types are not checked
// against them.
func NewClassifier(d *catalog.Design) *Classifier {
	c := &Classifier{design: d, services: map[string]*serviceInfo{}, byType: map[string][]*typeInfo{}}
	var catchAlls []*typeInfo
	for _, s := range d.Services {
		si := &serviceInfo{svc: s, types: map[string]*typeInfo{}}
		for _, k := range keys(s.Name, s.Title) {
			if _, dup := c.services[k]; !dup {
				c.services[k] = si
			}
		}
		for i := range s.RequestTypes {
			rt := &s.RequestTypes[i]
			ti := &typeInfo{svc: s, rt: rt}
			for _, ch := range rt.Channels {
				ti.channels = append(ti.channels, Channel(ch.Name))
			}
			if rt.Parameters != nil {
				ti.schema, ti.required = c.compile(s, rt)
			}
			for _, k := range keys(rt.Name, rt.Title) {
				if _, dup := si.types[k]; !dup {
					si.types[k] = ti
				}
				if !slices.Contains(c.byType[k], ti) {
					c.byType[k] = append(c.byType[k], ti)
				}
			}
			if rt.CatchAll {
				if si.catchAll == nil {
					si.catchAll = ti
				}
				catchAlls = append(catchAlls, ti)
			}
		}
	}
	if len(catchAlls) == 1 {
		c.catchAll = catchAlls[0]
	}
	c.diags.Sort()
	return c
}

// keys are the names a service or request type is found by: its name as
// written, and its name and title lower-cased.
func keys(name, title string) []string {
	out := []string{name}
	if l := strings.ToLower(name); l != name {
		out = append(out, l)
	}
	if title != "" {
		out = append(out, strings.ToLower(title))
	}
	return out
}

// compile compiles a parameter sheet, reporting one that does not compile.
func (c *Classifier) compile(s *catalog.Service, rt *catalog.RequestType) (*jsonschema.Schema, []string) {
	at := rt.Path + "/parameters"
	fail := func(err error) (*jsonschema.Schema, []string) {
		c.diags = append(c.diags, diag.Diagnostic{Rule: RuleBadParameterSheet, Severity: severityOf(RuleBadParameterSheet),
			Pos: s.Doc.At(at), Path: at, Message: fmt.Sprintf("the parameter sheet of request type %q of service %q is not a valid JSON Schema: %v; its tickets are not checked", rt.Name, s.Name, err)})
		return nil, nil
	}
	sch, err := compileSheet("opsdesign:///"+s.Name+"/"+rt.Name+".json", rt.Parameters)
	if err != nil {
		return fail(err)
	}
	var req []string
	if l, ok := rt.Parameters["required"].([]any); ok {
		for _, v := range l {
			if s, ok := v.(string); ok {
				req = append(req, s)
			}
		}
	}
	return sch, req
}

// compileSheet compiles a parameter sheet as the classifier checks tickets
// with it: JSON Schema 2020-12, formats asserted, and nothing loaded but
// the sheet itself.
func compileSheet(url string, sheet map[string]any) (*jsonschema.Schema, error) {
	data, err := json.Marshal(sheet)
	if err != nil {
		return nil, err
	}
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft2020
	comp.AssertFormat = true
	comp.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("parameter sheets cannot load %s: only the sheet itself is read", u)
	}
	if err := comp.AddResource(url, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return comp.Compile(url)
}

// CheckParameterSheet returns why tickets cannot be checked against a
// parameter sheet, the error NewClassifier reports as
// ticket/bad-parameter-sheet, or nil: a design rule (lint's
// ops/parameter-sheet-invalid) asks it so that lint fails where tickets
// review would.
func CheckParameterSheet(sheet map[string]any) error {
	_, err := compileSheet("opsdesign:///parameters.json", sheet)
	return err
}

// Diagnostics returns the problems NewClassifier found in the design's
// parameter sheets.
func (c *Classifier) Diagnostics() diag.List { return slices.Clone(c.diags) }

func (c *Classifier) service(name string) *serviceInfo {
	if si, ok := c.services[name]; ok {
		return si
	}
	return c.services[strings.ToLower(name)]
}

func (si *serviceInfo) requestType(name string) *typeInfo {
	if ti, ok := si.types[name]; ok {
		return ti
	}
	return si.types[strings.ToLower(name)]
}

// Classify places a ticket and checks it against its request type. The
// findings (nil when there are none) are positioned at the ticket's
// fields in its source.
func (c *Classifier) Classify(t *Ticket) (Class, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	var si *serviceInfo
	if t.Service != "" {
		si = c.service(t.Service)
		if si == nil {
			diags = append(diags, t.diag(RuleUnknownService, FieldService, "ticket %s names service %q, which the catalog does not have%s",
				t.ID, t.Service, c.suggestService(t.Service)))
		}
	}
	var ti *typeInfo
	switch {
	case si != nil && t.RequestType != "":
		ti = si.requestType(t.RequestType)
		if ti == nil {
			fallback := "it is counted as other"
			if si.catchAll != nil {
				fallback = fmt.Sprintf("it is counted under the catch-all %q", si.catchAll.rt.Name)
			}
			diags = append(diags, t.diag(RuleUnknownRequestType, FieldRequestType, "ticket %s names request type %q, which service %q does not define; %s",
				t.ID, t.RequestType, si.svc.Name, fallback))
			ti = si.catchAll
		}
	case si != nil:
		ti = si.catchAll
	case t.Service == "" && t.RequestType != "":
		if cands := c.byType[t.RequestType]; len(cands) == 1 {
			ti = cands[0]
		} else if cands := c.byType[strings.ToLower(t.RequestType)]; len(cands) == 1 {
			ti = cands[0]
		} else if len(cands) > 1 {
			diags = append(diags, t.diag(RuleUnclassified, FieldRequestType, "ticket %s names request type %q, which %d services define, and no service: it is counted as other",
				t.ID, t.RequestType, len(cands)))
		} else {
			diags = append(diags, t.diag(RuleUnknownRequestType, FieldRequestType, "ticket %s names request type %q, which no service defines; it is counted as other", t.ID, t.RequestType))
		}
	case t.Service == "":
		ti = c.catchAll
	}
	cl := Class{}
	switch {
	case ti != nil:
		cl.Service, cl.RequestType, cl.Other = ti.svc, ti.rt, ti.rt.CatchAll
	case si != nil:
		cl.Service, cl.Other = si.svc, true
	default:
		cl.Other = true
	}
	if ti == nil && si != nil {
		diags = append(diags, t.diag(RuleUnclassified, FieldRequestType, "ticket %s of service %q has no request type and the service has no catch-all type; it is counted as other", t.ID, si.svc.Name))
	} else if ti == nil && t.Service == "" && t.RequestType == "" {
		diags = append(diags, t.diag(RuleUnclassified, FieldService, "ticket %s names no service or request type, and the catalog has no single catch-all type to take it; it is counted as other", t.ID))
	}
	if ti != nil {
		diags = ti.check(t, diags)
	}
	return cl, diags
}

func (c *Classifier) suggestService(name string) string {
	best, bestD := "", 3
	for _, s := range c.design.Services {
		if d := suggest.Distance(strings.ToLower(name), strings.ToLower(s.Name)); d < bestD {
			best, bestD = s.Name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// check holds a ticket to what its request type accepts.
func (ti *typeInfo) check(t *Ticket, diags []diag.Diagnostic) []diag.Diagnostic {
	if t.Channel != "" && len(ti.channels) > 0 && !slices.Contains(ti.channels, t.Channel) {
		diags = append(diags, t.diag(RuleChannelRejected, FieldChannel, "ticket %s came by %s, which request type %q of service %q does not accept (it accepts %s)",
			t.ID, t.Channel, ti.rt.Name, ti.svc.Name, joinChannels(ti.channels)))
	}
	if ti.schema == nil {
		return diags
	}
	var missing []string
	for _, r := range ti.required {
		if v, ok := t.Parameters[r]; !ok || v == nil || v == "" {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		what := "an unfinished request (a chat that never became complete?)"
		diags = append(diags, t.diag(RuleMissingParameter, FieldParameters, "ticket %s of request type %q lacks required parameter%s %s: %s",
			t.ID, ti.rt.Name, plural(len(missing)), strings.Join(missing, ", "), what))
	}
	params := t.Parameters
	var inst any = map[string]any{}
	if params != nil {
		inst = params
	}
	err := ti.schema.Validate(inst)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return diags
	}
	for _, leaf := range leaves(ve) {
		if strings.HasSuffix(leaf.KeywordLocation, "/required") && leaf.InstanceLocation == "" {
			continue // reported above, by name
		}
		d := t.diag(RuleInvalidParameter, FieldParameters, "ticket %s: parameter %s: %s (request type %q)", t.ID, displayLocation(leaf.InstanceLocation), leaf.Message, ti.rt.Name)
		if d.Path != "" && leaf.InstanceLocation != "" && t.Source.cols != nil && t.Source.cols.name[FieldParameters] == FieldParameters.String() {
			d.Path += leaf.InstanceLocation
		}
		diags = append(diags, d)
	}
	return diags
}

func displayLocation(ptr string) string {
	if ptr == "" {
		return "(the whole sheet)"
	}
	return strings.TrimPrefix(ptr, "/")
}

// leaves returns the innermost validation errors: the specific failures.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func joinChannels(cs []Channel) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
