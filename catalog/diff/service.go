package diff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/internal/jsonptr"
	"github.com/opsdesign/opsdesign/lifecycle"
)

// service reports what changed in a service: its state (calling out a
// retirement whose retire event is not designed), owner, hours and
// customers; offerings, request types and their channels; lifecycle
// decisions; tasks, monitors, backups and the links between them. It adds
// the pointers it compares to own.
func (c *comparer) service(p pair, so, sn *catalog.Service, own owned) {
	for _, ptr := range []string{"/spec/state", "/spec/owner", "/spec/hours", "/spec/customers", "/spec/offerings",
		"/spec/requestTypes", "/spec/subjects", "/spec/tasks", "/spec/monitors", "/spec/backups"} {
		own[ptr] = true
	}
	lifecycleOwned(own, "/spec/lifecycle")
	subject, who := p.new.Ref(), fmt.Sprintf("service %q", sn.Name)
	if so.State != sn.State {
		ch := Change{Kind: ServiceState, Subject: subject, From: string(so.State), To: string(sn.State),
			Old: site(p.old, "/spec/state"), New: site(p.new, "/spec/state"),
			Message: fmt.Sprintf("%s: state %s → %s", who, orUnset(string(so.State)), orUnset(string(sn.State)))}
		if sn.State == catalog.Retired {
			retireCallout(&ch, p.new, sn)
		}
		c.add(ch)
	}
	c.scalar(p, "/spec/owner", ServiceOwner, subject, who, "owner", catalog.OwnerKinds()...)
	c.scalar(p, "/spec/hours", ServiceHours, subject, who, "hours")
	c.set(p, "/spec/customers", ServiceCustomerAdded, ServiceCustomerRemoved, subject, who, "customer")

	byName := func(m map[string]any) string { s, _ := m["name"].(string); return s }
	c.items(p, "/spec/offerings", byName, itemKinds{ServiceOfferingAdded, ServiceOfferingRemoved, ServiceOfferingChanged},
		subject, who, "offering", owned{"/name": true, "/requestTypes": true, "/objectives": true}, nil)
	c.items(p, "/spec/requestTypes", byName, itemKinds{ServiceRequestAdded, ServiceRequestRemoved, ServiceRequestChanged},
		subject, who, "request type", owned{"/name": true, "/channels": true, "/task": true, "/objectives": true}, c.channels)
	c.items(p, "/spec/tasks", byName, itemKinds{ServiceTaskAdded, ServiceTaskRemoved, ServiceTaskChanged},
		subject, who, "task", owned{"/name": true, "/trigger/monitor": true, "/trigger/request": true}, nil)
	c.items(p, "/spec/monitors", byName, itemKinds{ServiceMonitorAdded, ServiceMonitorRemoved, ServiceMonitorChanged},
		subject, who, "monitor", owned{"/name": true, "/task": true}, nil)
	c.items(p, "/spec/backups", byName, itemKinds{ServiceBackupAdded, ServiceBackupRemoved, ServiceBackupChanged},
		subject, who, "backup", owned{"/name": true}, nil)
	c.links(p, so, sn, subject, who)
	c.lifecycles(p, so, sn, subject, who)
}

// retireCallout marks a change to retired when the retire event of the
// service, or of a subject it declares, is not designed: missing, marked
// not applicable (a retirement is happening, so it applies), or with
// decisions open. It says where Review finds the lifecycle findings behind
// it: they are often old (the event was never designed, and a baseline
// may hold the finding), which is why the retirement is called out.
func retireCallout(ch *Change, doc *catalog.Document, s *catalog.Service) {
	var missing []string
	for _, l := range s.Lifecycles() {
		of := ""
		if l.Plan.Subject != lifecycle.Service || l.Plan.Name != "" {
			of = " of " + planName(l.Plan)
		}
		if ep, ok := l.Plan.Events[lifecycle.Retire]; ok && ep.NotApplicable {
			ch.wants = append(ch.wants, site(doc, l.EventPath(lifecycle.Retire)+"/notApplicable"))
			missing = append(missing, fmt.Sprintf("the retire event%s is marked not applicable", of))
			continue
		}
		for _, g := range l.Plan.Gaps() {
			if g.Event != lifecycle.Retire {
				continue
			}
			ch.wants = append(ch.wants, site(doc, gapPath(l, g)))
			switch g.Kind {
			case lifecycle.MissingEvent:
				missing = append(missing, fmt.Sprintf("the retire event%s is not designed", of))
			case lifecycle.OpenDecision:
				missing = append(missing, fmt.Sprintf("%s%s is open", g.Decision, of))
			default:
				missing = append(missing, fmt.Sprintf("%s%s is marked not applicable without a reason", where(g.Event, g.Decision), of))
			}
		}
	}
	if len(missing) > 0 {
		ch.Attention = "retired without a designed retire (廃止) event: " + strings.Join(missing, "; ")
	}
}

// gapPath is where the lifecycle rules report a gap.
func gapPath(l catalog.Lifecycle, g lifecycle.Gap) string {
	switch {
	case g.Kind == lifecycle.MissingEvent:
		return l.EventPath(g.Event)
	case g.Kind == lifecycle.MissingReason && g.Decision.IsValid():
		return l.DecisionPath(g.Decision) + "/notApplicable"
	case g.Kind == lifecycle.MissingReason:
		return l.EventPath(g.Event) + "/notApplicable"
	}
	return l.DecisionPath(g.Decision)
}

func orUnset(s string) string {
	if s == "" {
		return "(unset)"
	}
	return s
}

// scalar reports a changed scalar at the same pointer on both sides. A
// reference that only follows a renamed document (refKinds) is no change.
func (c *comparer) scalar(p pair, ptr string, kind Kind, subject, who, name string, refKinds ...string) {
	a, _ := jsonptr.Lookup(p.old.Value, ptr)
	b, _ := jsonptr.Lookup(p.new.Value, ptr)
	if equal(a, b) {
		return
	}
	if s, ok := a.(string); ok && len(refKinds) > 0 && c.follow(s, refKinds) == b {
		return
	}
	from, to := valueText(a), valueText(b)
	c.add(Change{Kind: kind, Subject: subject, From: from, To: to, Old: site(p.old, ptr), New: site(p.new, ptr),
		Message: fmt.Sprintf("%s: %s %s → %s", who, name, orUnset(from), orUnset(to))})
}

// follow returns a reference of the old revision as the new one writes
// it when the document it names, of one of the kinds, was renamed: a bare
// or "kind:name" reference, or "service/task" when kinds is Service.
func (c *comparer) follow(ref string, kinds []string) string {
	if len(kinds) == 1 && kinds[0] == "Service" {
		if svc, task, ok := strings.Cut(ref, "/"); ok {
			return c.newName("Service", svc) + "/" + task
		}
		return ref
	}
	r := catalog.ParseRef(ref)
	for _, k := range r.KindsAmong(kinds...) {
		if n := c.newName(k, r.Name); n != r.Name {
			return strings.TrimSuffix(ref, r.Name) + n
		}
	}
	return ref
}

// valueText is text for a value that may be missing.
func valueText(v any) string {
	if v == nil {
		return ""
	}
	return text(v)
}

// set reports the strings a list gained and lost, each at its place. A
// reference that only follows a renamed document (refKinds) is no change.
func (c *comparer) set(p pair, ptr string, addKind, removeKind Kind, subject, who, noun string, refKinds ...string) {
	a, b := stringList(p.old.Value, ptr), stringList(p.new.Value, ptr)
	followed := a
	if len(refKinds) > 0 {
		followed = make([]string, len(a))
		for i, s := range a {
			followed[i] = c.follow(s, refKinds)
		}
	}
	added, removed := setDiff(followed, b)
	for _, s := range added {
		at := ptr + "/" + strconv.Itoa(slices.Index(b, s))
		c.add(Change{Kind: addKind, Subject: subject, To: s, Old: site(p.old, ptr), New: site(p.new, at),
			Message: fmt.Sprintf("%s: %s %q added", who, noun, s)})
	}
	for _, s := range removed {
		i := slices.Index(followed, s)
		s = a[i]
		at := ptr + "/" + strconv.Itoa(i)
		c.add(Change{Kind: removeKind, Subject: subject, From: s, Old: site(p.old, at), New: site(p.new, ptr),
			Message: fmt.Sprintf("%s: %s %q removed", who, noun, s)})
	}
}

func stringList(v any, ptr string) []string {
	l, _ := jsonptr.Lookup(v, ptr)
	list, _ := l.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, text(e))
	}
	return out
}

// itemKinds are the kinds of change of the elements of one list.
type itemKinds struct{ added, removed, changed Kind }

// item is an element of a list of named mappings.
type item struct {
	key   string // its name, with "#n" for the n-th repeat
	name  string
	ptr   string
	value map[string]any
}

func itemsAt(doc *catalog.Document, ptr string, keyOf func(map[string]any) string) []item {
	v, _ := jsonptr.Lookup(doc.Value, ptr)
	list, _ := v.([]any)
	seen := map[string]int{}
	out := make([]item, 0, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		name := keyOf(m)
		key := name
		if n := seen[name]; n > 0 {
			key += "#" + strconv.Itoa(n)
		}
		seen[name]++
		out = append(out, item{key: key, name: name, ptr: ptr + "/" + strconv.Itoa(i), value: m})
	}
	return out
}

// strayElements returns the elements of a list that are not mappings.
func strayElements(doc *catalog.Document, ptr string) []any {
	v, _ := jsonptr.Lookup(doc.Value, ptr)
	list, _ := v.([]any)
	out := []any{}
	for _, e := range list {
		if _, ok := e.(map[string]any); !ok {
			out = append(out, e)
		}
	}
	return out
}

// items compares the elements of a list of named mappings: added,
// removed, and for the elements on both sides, every value outside own
// (then more, when given, compares what own leaves out).
func (c *comparer) items(p pair, ptr string, keyOf func(map[string]any) string, kinds itemKinds, subject, who, noun string,
	own owned, more func(p pair, a, b item, subject, what string)) {
	olds, news := itemsAt(p.old, ptr, keyOf), itemsAt(p.new, ptr, keyOf)
	if a, b := strayElements(p.old, ptr), strayElements(p.new, ptr); !equal(a, b) {
		// Elements that are not mappings fail the schema; their change is
		// still a change.
		c.add(Change{Kind: kinds.changed, Subject: subject, Old: site(p.old, ptr), New: site(p.new, ptr), From: text(a), To: text(b),
			Message: fmt.Sprintf("%s: %ss that are not mappings: %s → %s", who, noun, text(a), text(b))})
	}
	byKey := make(map[string]item, len(olds))
	for _, it := range olds {
		byKey[it.key] = it
	}
	matched := map[string]bool{}
	for _, b := range news {
		what := fmt.Sprintf("%s %q of %s", noun, b.name, who)
		a, ok := byKey[b.key]
		if !ok {
			c.add(Change{Kind: kinds.added, Subject: subject + " " + noun + " " + b.name, To: b.name,
				Old: site(p.old, ptr), New: site(p.new, b.ptr), Message: what + " added"})
			continue
		}
		matched[b.key] = true
		if equal(a.value, b.value) {
			continue
		}
		sub := subject + " " + noun + " " + b.name
		c.fields(p, a.ptr, b.ptr, a.value, b.value, own, kinds.changed, sub, what)
		if more != nil {
			more(p, a, b, sub, what)
		}
	}
	for _, a := range olds {
		if !matched[a.key] {
			c.add(Change{Kind: kinds.removed, Subject: subject + " " + noun + " " + a.name, From: a.name,
				Old: site(p.old, a.ptr), New: site(p.new, ptr), Message: fmt.Sprintf("%s %q of %s removed", noun, a.name, who)})
		}
	}
}

// channels compares the channels of a request type: added, removed, and
// whether requests arriving by one become tickets. A channel added by
// which requests arrive as mail, a call or chat and do not become tickets
// is called out (failure story 10).
func (c *comparer) channels(p pair, a, b item, subject, what string) {
	type channel struct {
		ticketed bool
		ptr      string
	}
	read := func(it item) ([]string, map[string]channel) {
		list, _ := it.value["channels"].([]any)
		var names []string
		out := map[string]channel{}
		for i, e := range list {
			var name string
			var ticketed bool
			switch x := e.(type) {
			case string:
				name = x
			case map[string]any:
				name, _ = x["channel"].(string)
				ticketed, _ = x["ticketed"].(bool)
			}
			if _, dup := out[name]; !dup {
				names = append(names, name)
				out[name] = channel{ticketed, it.ptr + "/channels/" + strconv.Itoa(i)}
			}
		}
		return names, out
	}
	oldNames, olds := read(a)
	newNames, news := read(b)
	for _, n := range newNames {
		nc := news[n]
		oc, ok := olds[n]
		switch {
		case !ok:
			ch := Change{Kind: ServiceChannelAdded, Subject: subject, To: n, Old: site(p.old, a.ptr+"/channels"), New: site(p.new, nc.ptr),
				Message: fmt.Sprintf("%s: channel %s added%s", what, n, ticketedText(nc.ticketed))}
			if untracked(n, nc.ticketed) {
				ch.Attention = fmt.Sprintf("requests by %s do not become tickets", n)
			}
			c.add(ch)
		case oc.ticketed != nc.ticketed:
			ch := Change{Kind: ServiceChannelChanged, Subject: subject, From: n + ticketedText(oc.ticketed), To: n + ticketedText(nc.ticketed),
				Old: site(p.old, oc.ptr), New: site(p.new, nc.ptr),
				Message: fmt.Sprintf("%s: requests by %s%s", what, n, map[bool]string{true: " now become tickets", false: " no longer become tickets"}[nc.ticketed])}
			if untracked(n, nc.ticketed) {
				ch.Attention = fmt.Sprintf("requests by %s no longer become tickets", n)
			}
			c.add(ch)
		}
	}
	for _, n := range oldNames {
		if _, ok := news[n]; !ok {
			c.add(Change{Kind: ServiceChannelRemoved, Subject: subject, From: n, Old: site(p.old, olds[n].ptr), New: site(p.new, b.ptr+"/channels"),
				Message: fmt.Sprintf("%s: channel %s removed", what, n)})
		}
	}
}

func ticketedText(t bool) string {
	if t {
		return " (ticketed)"
	}
	return ""
}

// untracked reports whether requests by a channel leave no ticket: mail,
// calls and chat unless they are turned into tickets.
func untracked(channel string, ticketed bool) bool {
	switch channel {
	case "email", "phone", "chat", "voice":
		return !ticketed
	}
	return false
}

// link is one reference between the parts of a service: a monitor and
// the task that acts on it, a request type and the task that fulfils it,
// an offering and its request types and objectives, a lifecycle event and
// the tasks that carry it out.
type link struct {
	text string // says what the link is; the same text on both sides is the same link
	ptr  string
	// owner finds the element that holds the link on the other side: its
	// list and name ("/spec/tasks", "respond-alert"), or, with no list,
	// the pointer itself.
	list, name string
}

func serviceLinks(s *catalog.Service) []link {
	var out []link
	add := func(ptr, list, name, format string, args ...any) {
		out = append(out, link{fmt.Sprintf(format, args...), ptr, list, name})
	}
	for _, o := range s.Offerings {
		for _, r := range o.RequestTypes {
			add(r.Path, "/spec/offerings", o.Name, "offering %q offers request type %q", o.Name, r.Raw)
		}
		for _, r := range o.Objectives {
			add(r.Path, "/spec/offerings", o.Name, "offering %q is held to objective %q", o.Name, r.Raw)
		}
	}
	for _, rt := range s.RequestTypes {
		if !rt.Task.IsZero() {
			add(rt.Task.Path, "/spec/requestTypes", rt.Name, "request type %q is fulfilled by task %q", rt.Name, rt.Task.Raw)
		}
		for _, r := range rt.Objectives {
			add(r.Path, "/spec/requestTypes", rt.Name, "request type %q is held to objective %q", rt.Name, r.Raw)
		}
	}
	for _, t := range s.Tasks {
		if !t.Trigger.Monitor.IsZero() {
			add(t.Trigger.Monitor.Path, "/spec/tasks", t.Name, "task %q is triggered by monitor %q", t.Name, t.Trigger.Monitor.Raw)
		}
		if !t.Trigger.Request.IsZero() {
			add(t.Trigger.Request.Path, "/spec/tasks", t.Name, "task %q is triggered by request type %q", t.Name, t.Trigger.Request.Raw)
		}
	}
	for _, m := range s.Monitors {
		if !m.Task.IsZero() {
			add(m.Task.Path, "/spec/monitors", m.Name, "monitor %q is acted on by task %q", m.Name, m.Task.Raw)
		}
	}
	for i, l := range s.Lifecycles() {
		list, name := "", ""
		if i > 0 {
			list, name = "/spec/subjects", l.Plan.Name
		}
		for _, e := range lifecycle.Events() {
			for _, r := range l.Tasks[e] {
				add(r.Path, list, name, "the %s event of %s is carried out by task %q", e, planName(l.Plan), r.Raw)
			}
		}
	}
	return out
}

// where returns the site of a link's owner in a document: the element of
// its list with its name, or the list when there is none.
func (l link) where(doc *catalog.Document) Site {
	if l.list == "" {
		return site(doc, parent(l.ptr))
	}
	v, _ := jsonptr.Lookup(doc.Value, l.list)
	list, _ := v.([]any)
	for i, e := range list {
		if m, ok := e.(map[string]any); ok && m["name"] == l.name {
			return site(doc, l.list+"/"+strconv.Itoa(i))
		}
	}
	return site(doc, l.list)
}

// links reports the links between a service's parts that were made or
// broken.
func (c *comparer) links(p pair, so, sn *catalog.Service, subject, who string) {
	olds, news := serviceLinks(so), serviceLinks(sn)
	oldSet := make(map[string]bool, len(olds))
	for _, l := range olds {
		oldSet[l.text] = true
	}
	newSet := make(map[string]bool, len(news))
	for _, l := range news {
		newSet[l.text] = true
	}
	for _, l := range news {
		if !oldSet[l.text] {
			c.add(Change{Kind: ServiceLinkAdded, Subject: subject, To: l.text, New: site(p.new, l.ptr), Old: l.where(p.old),
				Message: fmt.Sprintf("%s: %s", who, l.text)})
		}
	}
	for _, l := range olds {
		if !newSet[l.text] {
			c.add(Change{Kind: ServiceLinkRemoved, Subject: subject, From: l.text, Old: site(p.old, l.ptr), New: l.where(p.new),
				Message: fmt.Sprintf("%s: no longer: %s", who, l.text)})
		}
	}
}

func parent(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i > 0 {
		return ptr[:i]
	}
	return ""
}

// planName names the subject of a lifecycle: "the service" or
// `data "member-records"`.
func planName(p lifecycle.Plan) string {
	if p.Subject == lifecycle.Service && p.Name == "" {
		return "the service"
	}
	return fmt.Sprintf("%s %q", p.Subject, p.Name)
}
