package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/lifecycle"
	"github.com/opsdesign/opsdesign/ticket"
)

func opsCatalogRules() []catalog.Rule {
	return []catalog.Rule{
		{
			ID:       "ops/catch-all-duplicate",
			Severity: catalog.Error,
			Doc: ruleDoc(`More than one catch-all "other" (その他) request type in the catalog, or in one service when Settings spec.catchAll is per-service. `+
				`The catch-all is where unsorted requests wait to be carved out into types of their own; two of them split that backlog so neither shows how much is unsorted. `+
				`Every catch-all after the first is reported, pointing at the first.`, `
requestTypes:
  - name: other
    catchAll: true
  - name: misc
    catchAll: true     # a second catch-all
`),
			Run: runCatchAllDuplicate,
		},
		{
			ID:       "ops/catch-all-owner",
			Severity: catalog.Error,
			Doc: ruleDoc(`A catch-all "other" request type whose owner does not hold a top-tier role (Settings spec.catchAllOwnerTiers; overall-management or overall-optimisation unless set), or that has no owner. `+
				`Requests nobody has typed yet need someone who can decide where they belong and carve them out: the department head, not whoever is on the desk. `+
				`The owner is read as a Role, a Person's roles, or a Team's lead's roles; a Backstage Group or User holds no role of the design, so such an owner is reported too, saying that its tier cannot be checked.`, `
requestTypes:
  - name: other
    catchAll: true
    owner: support     # a service-enhancement role
`),
			Run: runCatchAllOwner,
		},
		{
			ID:       "ops/untracked-channel",
			Severity: catalog.Error,
			Doc: ruleDoc(`A request type that accepts only channels that leave no ticket. E-mail has no notion of open and closed, a phone call leaves no trace, and chat is hard to find later; `+
				`e-mail, phone and chat count as ticketed only when written {channel: chat, ticketed: true}, while form, portal, api and alert are ticketed unless ticketed: false says otherwise. `+
				`Requests that never become tickets cannot be counted, aged or measured against their objectives.`, `
requestTypes:
  - name: password-reset
    channels: [email, phone]   # no ticket is ever opened
`),
			Run: runUntrackedChannel,
		},
		{
			ID:       "ops/retired-still-offered",
			Severity: catalog.Error,
			Doc: ruleDoc(`A retired service still has offerings, or request types held to objectives. `+
				`A retired service promises nothing; an offering left in the catalog tells customers otherwise, and an objective left on it keeps being measured and missed. `+
				`Remove them, or correct the state.`, `
spec:
  state: retired
  offerings:
    - name: membership   # still offered
`),
			Run: runRetiredStillOffered,
		},
		{
			ID:       "ops/suspended-without-design",
			Severity: catalog.Error,
			Doc: ruleDoc(`A suspended service whose lifecycle marks the suspend event not applicable. `+
				`The service is suspended now, so what happens to permissions, data and IDs while it is must be designed. `+
				`(A suspend event that is not written at all is reported by lifecycle/missing-event, and its open decisions by lifecycle/open-decision.)`, `
spec:
  state: suspended
  lifecycle:
    suspend:
      notApplicable: We never suspend.
`),
			Run: runSuspendedWithoutDesign,
		},
		{
			ID:       "ops/planned-taking-requests",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A planned service with a request type that accepts channels. `+
				`A request type's channels say how requests arrive today; a service that is only planned cannot take them, so either it went live and the state was never updated, or requests reach a service nobody runs yet. `+
				`Set the state to active when it opens; until then, leave the channels out.`, `
spec:
  state: planned
  requestTypes:
    - name: sign-up
      channels: [form]   # taking requests before it opens
`),
			Run: runPlannedTakingRequests,
		},
		{
			ID:       "ops/value-missing",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A service that states no value: the outcome it exists for. `+
				`Operations is judged by outcomes, not activity; a service that cannot say what it delivers cannot be judged, prioritised or retired on purpose.`, `
spec:
  state: active
  owner: ops-manager
  customers: [Store members]
  # no value
`),
			Run: runValueMissing,
		},
		{
			ID:       "ops/customers-missing",
			Severity: catalog.Warning,
			Doc: ruleDoc(`A service that names no customers: who the outcome is for. `+
				`A service for nobody in particular is the one nobody notices is no longer used, and it is never retired.`, `
spec:
  state: active
  value: Members come back more often.
  # no customers
`),
			Run: runCustomersMissing,
		},
		{
			ID:       "ops/parameter-sheet-invalid",
			Severity: catalog.Error,
			Doc: ruleDoc(`A request type's parameter sheet that tickets cannot be checked against: a $ref that cannot be loaded (a sheet is read alone, so a file name or URL is never fetched, and a pointer into the sheet must lead somewhere), or a schema that does not compile. `+
				`opsdesign tickets review reports such a sheet (ticket/bad-parameter-sheet) and checks none of its tickets; lint reports it first, at the $ref that cannot be loaded, or at the sheet.`, `
requestTypes:
  - name: change-address
    parameters:
      $ref: schemas/address.json   # not read: write the sheet here, or use $defs
`),
			Run: runParameterSheetInvalid,
		},
	}
}

// runParameterSheetInvalid asks package ticket whether each sheet
// compiles, once per distinct sheet, and places a failure at the $refs
// that cannot be loaded when there are any.
func runParameterSheetInvalid(p *catalog.Pass) {
	checked := map[string]error{}
	for _, s := range p.Design.Services {
		for _, rt := range s.RequestTypes {
			if rt.Parameters == nil {
				continue
			}
			key, err := json.Marshal(rt.Parameters)
			if err == nil {
				var ok bool
				if err, ok = checked[string(key)]; !ok {
					err = ticket.CheckParameterSheet(rt.Parameters)
					checked[string(key)] = err
				}
			}
			if err == nil {
				continue
			}
			at := rt.Path + "/parameters"
			refs := unloadableRefs(rt.Parameters)
			for _, r := range refs {
				p.Reportf(s.Doc, at+r.ptr, "the parameter sheet of request type %q cannot load $ref %q: %s; tickets review cannot check its tickets", rt.Name, r.ref, r.why)
			}
			if len(refs) == 0 {
				reportSheetError(p, s.Doc, at, rt.Name, err)
			}
		}
	}
}

// reportSheetError reports why a sheet does not compile, at each value
// of the sheet the JSON Schema meta-schema rejects when it says which, or
// at the sheet.
func reportSheetError(p *catalog.Pass, doc *catalog.Document, at, name string, err error) {
	var se *jsonschema.SchemaError
	var ve *jsonschema.ValidationError
	if errors.As(err, &se) && errors.As(se.Err, &ve) {
		// One finding per value: the alternatives of an anyOf are joined.
		var order []string
		why := map[string][]string{}
		for _, leaf := range schemaLeaves(ve) {
			loc := leaf.InstanceLocation
			if _, seen := why[loc]; !seen {
				order = append(order, loc)
			}
			why[loc] = append(why[loc], leaf.Message)
		}
		for _, loc := range order {
			p.Reportf(doc, at+loc, "the parameter sheet of request type %q is not a valid JSON Schema: %s; tickets review cannot check its tickets", name, strings.Join(why[loc], ", or "))
		}
		return
	}
	p.Reportf(doc, at, "the parameter sheet of request type %q is not a valid JSON Schema: %v; tickets review cannot check its tickets", name, err)
}

// schemaLeaves returns the innermost errors of a validation: the specific
// failures.
func schemaLeaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, schemaLeaves(c)...)
	}
	return out
}

// sheetRef is a $ref of a parameter sheet that cannot be loaded: the JSON
// pointer of its value in the sheet, the reference, and why.
type sheetRef struct{ ptr, ref, why string }

// unloadableRefs returns the $refs of a sheet that lead nowhere: a
// pointer into the sheet with nothing there, an anchor no subschema
// defines, or anything else, which would have to be fetched.
func unloadableRefs(sheet map[string]any) []sheetRef {
	anchors, ids := map[string]bool{}, map[string]bool{}
	walkSchema(sheet, "", func(m map[string]any, _ string) {
		for _, k := range []string{"$anchor", "$dynamicAnchor"} {
			if a, ok := m[k].(string); ok {
				anchors[a] = true
			}
		}
		if id, ok := m["$id"].(string); ok {
			ids[id] = true
		}
	})
	var out []sheetRef
	walkSchema(sheet, "", func(m map[string]any, ptr string) {
		ref, ok := m["$ref"].(string)
		if !ok {
			return
		}
		base, frag, _ := strings.Cut(ref, "#")
		switch {
		case base != "" && !ids[base]:
			out = append(out, sheetRef{ptr + "/$ref", ref, "a sheet is read alone; no file or URL is fetched"})
		case base != "":
		case frag == "" || anchors[frag]:
		case !strings.HasPrefix(frag, "/"):
			out = append(out, sheetRef{ptr + "/$ref", ref, fmt.Sprintf("no subschema has the anchor %q", frag)})
		case !resolves(sheet, frag):
			out = append(out, sheetRef{ptr + "/$ref", ref, "the sheet has nothing at " + frag})
		}
	})
	return out
}

// walkSchema calls f with every object of a schema and its JSON pointer,
// skipping the values that are data, not schemas (const, enum, examples,
// default).
func walkSchema(v any, ptr string, f func(map[string]any, string)) {
	switch x := v.(type) {
	case map[string]any:
		f(x, ptr)
		for k, sub := range x {
			switch k {
			case "const", "enum", "examples", "default":
				continue
			}
			walkSchema(sub, ptr+"/"+escapePointer(k), f)
		}
	case []any:
		for i, sub := range x {
			walkSchema(sub, ptr+"/"+strconv.Itoa(i), f)
		}
	}
}

// resolves reports whether the JSON pointer ptr (of a $ref's fragment,
// percent-encoded as a URI fragment) leads to a value of sheet.
func resolves(sheet map[string]any, ptr string) bool {
	if u, err := url.PathUnescape(ptr); err == nil {
		ptr = u
	}
	var v any = sheet
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = jsonptr.Unescape(tok)
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return false
			}
			v = x[i]
		default:
			return false
		}
	}
	return true
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// catchAll is one catch-all request type and its service.
type catchAll struct {
	s  *catalog.Service
	rt catalog.RequestType
}

func runCatchAllDuplicate(p *catalog.Pass) {
	set := settings(p.Design)
	groups := map[string][]catchAll{}
	var order []string
	for _, s := range p.Design.Services {
		key := ""
		if set.CatchAll == catalog.CatchAllPerService {
			key = s.Name
		}
		for _, rt := range s.RequestTypes {
			if !rt.CatchAll {
				continue
			}
			if _, ok := groups[key]; !ok {
				order = append(order, key)
			}
			groups[key] = append(groups[key], catchAll{s, rt})
		}
	}
	where := "the catalog"
	if set.CatchAll == catalog.CatchAllPerService {
		where = "its service"
	}
	for _, key := range order {
		all := groups[key]
		first := all[0]
		for _, c := range all[1:] {
			at := c.rt.Path + "/catchAll"
			rel := []catalog.Related{{Pos: first.s.Doc.At(first.rt.Path + "/catchAll"),
				Message: fmt.Sprintf("the first catch-all: %q of service %q", first.rt.Name, first.s.Name)}}
			rel = append(rel, settingRelated(set, "/spec/catchAll", "one catch-all per service")...)
			p.Report(catalog.Diagnostic{Pos: c.s.Doc.At(at), Path: at, Related: rel,
				Message: fmt.Sprintf("request type %q of service %q is a second catch-all in %s: keep one \"other\" and carve the rest into request types of their own",
					c.rt.Name, c.s.Name, where)})
		}
	}
}

// ownerTiers resolves an owner to the tiers of the roles it holds: a
// Role's own, a Person's roles', a Team's lead's. It returns ok false when
// the owner, or a team's lead, does not resolve to exactly one document
// (ref/unresolved and ref/ambiguous report that). held says, for a
// message, what the owner is and holds.
func ownerTiers(d *catalog.Design, owner catalog.Ref, roles map[*catalog.Document]*catalog.Role, people map[*catalog.Document]*catalog.Person, teams map[*catalog.Document]*catalog.Team) (tiers []string, held string, ok bool) {
	found := d.Resolve(owner, catalog.OwnerKinds()...)
	if len(found) != 1 {
		return nil, "", false
	}
	personTiers := func(pr *catalog.Person) []string {
		var out []string
		for _, r := range pr.Roles {
			if docs := d.Resolve(r, "Role"); len(docs) == 1 && roles[docs[0]] != nil {
				out = append(out, roles[docs[0]].Tier)
			}
		}
		return out
	}
	describe := func(who string, tiers []string) string {
		if len(tiers) == 0 {
			return who + " holds no role"
		}
		return who + " holds tier " + strings.Join(slices.Compact(slices.Sorted(slices.Values(tiers))), ", ")
	}
	switch doc := found[0]; doc.Kind {
	case "Role":
		if r := roles[doc]; r != nil {
			return []string{r.Tier}, describe("a role that", []string{r.Tier}), true
		}
	case "Person":
		if pr := people[doc]; pr != nil {
			t := personTiers(pr)
			return t, describe("a person who", t), true
		}
	case "Team":
		t := teams[doc]
		if t == nil {
			break
		}
		if t.Lead.IsZero() {
			return nil, "a team with no lead", true
		}
		if leads := d.Resolve(t.Lead, "Person"); len(leads) == 1 && people[leads[0]] != nil {
			lt := personTiers(people[leads[0]])
			return lt, describe("a team whose lead", lt), true
		}
	}
	return nil, "", false
}

func runCatchAllOwner(p *catalog.Pass) {
	d := p.Design
	set := settings(d)
	roles := map[*catalog.Document]*catalog.Role{}
	for _, r := range d.Roles {
		roles[r.Doc] = r
	}
	people := map[*catalog.Document]*catalog.Person{}
	for _, pr := range d.People {
		people[pr.Doc] = pr
	}
	teams := map[*catalog.Document]*catalog.Team{}
	for _, t := range d.Teams {
		teams[t.Doc] = t
	}
	want := orList(set.CatchAllOwnerTiers)
	related := settingRelated(set, "/spec/catchAllOwnerTiers", "the allowed tiers are set here")
	for _, s := range d.Services {
		for _, rt := range s.RequestTypes {
			if !rt.CatchAll {
				continue
			}
			at := rt.Owner.Path
			if rt.Owner.IsZero() {
				p.Report(catalog.Diagnostic{Pos: s.Doc.At(at), Path: at, Related: related,
					Message: fmt.Sprintf("catch-all request type %q of service %q has no owner: it belongs to the head of the department (a role of tier %s)", rt.Name, s.Name, want)})
				continue
			}
			tiers, held, ok := ownerTiers(d, rt.Owner, roles, people, teams)
			if t, isBackstage := catalog.BackstageTarget(rt.Owner, catalog.OwnerKinds()...); !ok && isBackstage {
				// A Backstage Group or User holds no role of the design: say
				// that the check cannot run rather than pass it in silence.
				p.Report(catalog.Diagnostic{Pos: s.Doc.At(at), Path: at, Related: related,
					Message: fmt.Sprintf("catch-all request type %q of service %q is owned by the Backstage %s %s, which holds no role of the design, so its tier cannot be checked; the catch-all belongs to the head of the department (a role of tier %s)",
						rt.Name, s.Name, strings.ToLower(t.Kind), t, want)})
				continue
			}
			if !ok || slices.ContainsFunc(tiers, func(t string) bool { return slices.Contains(set.CatchAllOwnerTiers, t) }) {
				continue
			}
			p.Report(catalog.Diagnostic{Pos: s.Doc.At(at), Path: at, Related: related,
				Message: fmt.Sprintf("catch-all request type %q of service %q is owned by %q, %s; the catch-all belongs to the head of the department (a role of tier %s)",
					rt.Name, s.Name, rt.Owner.Raw, held, want)})
		}
	}
}

// ticketed reports whether requests arriving by the channel become
// tickets. A channel the schema rejects (an unknown name, a ticketed that
// is not a boolean) counts as ticketed, so it is reported once, there.
func ticketed(doc *catalog.Document, c catalog.Channel) bool {
	if v, ok := doc.Lookup(c.Path + "/ticketed"); ok {
		b, isBool := v.(bool)
		return b || !isBool
	}
	switch c.Name {
	case "chat", "email", "phone":
		return false
	}
	return true
}

func runUntrackedChannel(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		for _, rt := range s.RequestTypes {
			if len(rt.Channels) == 0 || slices.ContainsFunc(rt.Channels, func(c catalog.Channel) bool { return ticketed(s.Doc, c) }) {
				continue
			}
			names := make([]string, len(rt.Channels))
			for i, c := range rt.Channels {
				names[i] = c.Name
				if _, ok := s.Doc.Lookup(c.Path + "/ticketed"); ok {
					names[i] += " (ticketed: false)"
				}
			}
			which := "which leaves no ticket"
			if len(names) > 1 {
				which = "none of which leaves a ticket"
			}
			p.Reportf(s.Doc, rt.Path+"/channels",
				"request type %q of service %q takes requests only by %s, %s: add a form or portal, or write {channel: ..., ticketed: true} for a channel whose requests are turned into tickets",
				rt.Name, s.Name, andList(names), which)
		}
	}
}

func runRetiredStillOffered(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		if s.State != catalog.Retired {
			continue
		}
		for _, o := range s.Offerings {
			p.Reportf(s.Doc, o.Path, "service %q is retired but still offers %q: remove the offering, or correct the state", s.Name, o.Name)
		}
		for _, rt := range s.RequestTypes {
			if len(rt.Objectives) > 0 {
				p.Reportf(s.Doc, rt.Path+"/objectives", "service %q is retired but request type %q is still held to objectives: remove them, or correct the state", s.Name, rt.Name)
			}
		}
	}
}

func runSuspendedWithoutDesign(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		if s.State != catalog.Suspended {
			continue
		}
		if ev, ok := s.Lifecycle.Plan.Events[lifecycle.Suspend]; ok && ev.NotApplicable {
			p.Reportf(s.Doc, s.Lifecycle.EventPath(lifecycle.Suspend)+"/notApplicable",
				"service %q is suspended, yet its suspend (停止) event is marked not applicable: design what happens to permissions, data and IDs while it is suspended", s.Name)
		}
	}
}

func runPlannedTakingRequests(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		if s.State != catalog.Planned {
			continue
		}
		for _, rt := range s.RequestTypes {
			if len(rt.Channels) > 0 {
				p.Reportf(s.Doc, rt.Path+"/channels", "service %q is planned, yet request type %q accepts requests: set the state to active when it opens, or leave the channels out until then", s.Name, rt.Name)
			}
		}
	}
}

func runValueMissing(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		if blank(s.Value) {
			p.Reportf(s.Doc, "/spec/value", "service %q states no value: say what outcome it exists for", s.Name)
		}
	}
}

func runCustomersMissing(p *catalog.Pass) {
	for _, s := range p.Design.Services {
		if len(s.Customers) == 0 {
			p.Reportf(s.Doc, "/spec/customers", "service %q names no customers: say who the outcome is for", s.Name)
		}
	}
}
