// Package budgetpolicy models the ErrorBudgetPolicy documents of a design:
// what a team does as the error budget of its objectives runs low, such as
// reviewing every incident once half the budget is spent and freezing
// releases once three quarters are.
//
//	apiVersion: opsdesign/v1
//	kind: ErrorBudgetPolicy
//	metadata: {name: point-api-releases}
//	spec:
//	  objectives: [point-api-latency]     # Objective documents or OpenSLO SLOs
//	  thresholds:                          # from the most budget left to the least
//	    - remainingAtMost: 50%
//	      actions: [Review every incident at the weekly operations meeting.]
//	    - remainingAtMost: 25%
//	      actions: [Freeze feature releases; fixes and rollbacks ship.]
//	      freeze: releases
//	    - remainingAtMost: 0%
//	      actions: [Only changes that restore the service ship.]
//	      freeze: changes
//
// The kind's schema is catalog/schemas/errorbudgetpolicy.json; package
// catalog validates each document against it while loading. Read maps the
// documents onto Policy values with the positions of their parts; the
// budgetpolicy/ rules of package catalog/rules report their mistakes; a
// Policy's Domain is the slo.BudgetPolicy that slo eval applies to an
// evaluation. The model lives here, beside the catalog, because the
// catalog package holds the kinds every design needs.
package budgetpolicy

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

// Kind is the document kind of an error-budget policy.
const Kind = "ErrorBudgetPolicy"

// RuleInvalidThreshold is the rule of Policy.Problems: a threshold that
// cannot be read.
const RuleInvalidThreshold = "budgetpolicy/invalid-threshold"

// Policy is one ErrorBudgetPolicy document.
type Policy struct {
	Doc         *catalog.Document
	Name        string
	Title       string
	Description string
	// Objectives are the references the policy writes, each with the
	// JSON pointer it is written at.
	Objectives []catalog.Ref
	Thresholds []Threshold // as written

	problems catalog.Diagnostics
}

// Threshold is one step of a policy.
type Threshold struct {
	Path string // the JSON pointer of the step
	// RemainingAtMost is the fraction of the budget at or below which the
	// step applies; NaN when it could not be read (Problems says why).
	RemainingAtMost float64
	Text            string // remainingAtMost as written
	Actions         []string
	Freeze          slo.Freeze
}

// Read returns the design's policies, in load order. Values that cannot
// be read are left out of the policy and reported by Problems; the
// schema reports the rest.
func Read(d *catalog.Design) []*Policy {
	var out []*Policy
	for _, doc := range d.Documents {
		if doc.Native() && doc.Kind == Kind {
			out = append(out, read(doc))
		}
	}
	return out
}

func read(doc *catalog.Document) *Policy {
	p := &Policy{Doc: doc, Name: doc.Name, Title: doc.Title}
	root, _ := doc.Value.(map[string]any)
	spec, _ := root["spec"].(map[string]any)
	p.Description, _ = spec["description"].(string)
	refs, _ := spec["objectives"].([]any)
	for i, v := range refs {
		if s, ok := v.(string); ok && s != "" {
			r := catalog.ParseRef(s)
			r.Path = "/spec/objectives/" + strconv.Itoa(i)
			p.Objectives = append(p.Objectives, r)
		}
	}
	steps, _ := spec["thresholds"].([]any)
	for i, v := range steps {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		t := Threshold{Path: "/spec/thresholds/" + strconv.Itoa(i), RemainingAtMost: math.NaN()}
		if f, text, msg := fraction(m["remainingAtMost"]); msg == "" {
			t.RemainingAtMost, t.Text = f, text
		} else if text != "" {
			t.Text = text
			p.problem(t.Path+"/remainingAtMost", "threshold %s: %s", strconv.Quote(text), msg)
		}
		for _, a := range listOf(m["actions"]) {
			if s, ok := a.(string); ok {
				t.Actions = append(t.Actions, s)
			}
		}
		s, _ := m["freeze"].(string)
		t.Freeze, _ = slo.ParseFreeze(s) // the schema enumerates the names
		p.Thresholds = append(p.Thresholds, t)
	}
	return p
}

func listOf(v any) []any { l, _ := v.([]any); return l }

// fraction reads "25%", "0%" or 0.25 into a fraction of the budget. msg
// says why it cannot, "" when it can; text is the value as written, ""
// when it is of a type the schema reports.
func fraction(v any) (f float64, text, msg string) {
	switch x := v.(type) {
	case string:
		text = strings.TrimSpace(x)
		num, ok := strings.CutSuffix(text, "%")
		if !ok {
			return 0, text, `write a share of the budget such as "25%" or 0.25`
		}
		pct, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil {
			return 0, text, `write a share of the budget such as "25%" or 0.25`
		}
		f = pct / 100
	case int64:
		text, f = strconv.FormatInt(x, 10), float64(x)
	case float64:
		text, f = strconv.FormatFloat(x, 'f', -1, 64), x
	default:
		return 0, "", "not a share"
	}
	if !(f >= 0 && f <= 1) {
		return 0, text, "a share of the budget lies between 0% and 100%"
	}
	return f, text, ""
}

func (p *Policy) problem(ptr, format string, args ...any) {
	p.problems = append(p.problems, catalog.Diagnostic{Rule: RuleInvalidThreshold, Severity: catalog.Error,
		Pos: p.Doc.At(ptr), Path: ptr, Message: fmt.Sprintf("policy %q: ", p.Name) + fmt.Sprintf(format, args...)})
}

// Problems returns the thresholds that could not be read, each an error
// of rule budgetpolicy/invalid-threshold at its value. The slice is new
// on every call.
func (p *Policy) Problems() catalog.Diagnostics {
	return append(catalog.Diagnostics(nil), p.problems...)
}

// Domain returns the policy as package slo applies it: its name and the
// thresholds that could be read.
func (p *Policy) Domain() slo.BudgetPolicy {
	bp := slo.BudgetPolicy{Name: p.Name}
	for _, t := range p.Thresholds {
		if !math.IsNaN(t.RemainingAtMost) {
			bp.Thresholds = append(bp.Thresholds, slo.PolicyThreshold{RemainingAtMost: t.RemainingAtMost, Actions: t.Actions, Freeze: t.Freeze})
		}
	}
	return bp
}

// Governing returns, for every objective of the design a policy names,
// the first policy in load order that names it (an objective named by a
// second policy is a mistake the rule budgetpolicy/overlap reports).
// References that resolve to no objective are left out. The map is new on
// every call.
func Governing(d *catalog.Design, policies []*Policy) map[*catalog.Objective]*Policy {
	out := map[*catalog.Objective]*Policy{}
	for _, p := range policies {
		for _, o := range d.ResolveObjectives(p.Objectives...) {
			if _, taken := out[o]; !taken {
				out[o] = p
			}
		}
	}
	return out
}
