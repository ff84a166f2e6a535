package render

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/lifecycle"
	"github.com/opsdesign/opsdesign/slo"
)

// Options adjust a rendering. The zero value is ready to use.
type Options struct {
	// Title heads the page; "" gives "Service catalog · サービスカタログ".
	Title string
	// Evaluations are evaluations of the design's objectives (what
	// sloreport.EvaluateAll returns): the HTML page shows how each
	// objective stands under it and, when the evaluation has a series, its
	// budget and SLI charts. The Markdown page shows how it stands.
	Evaluations []*slo.Evaluation
}

const defaultTitle = "Service catalog · サービスカタログ"

// page is what both renderers show: the design, resolved and flattened
// into text, in display order.
type page struct {
	Title    string
	Events   []eventHead
	Matrix   []matrixRow
	Notes    []naNote
	Summary  summary
	Services []service
}

type eventHead struct{ EN, JA string }

type summary struct {
	Services, Lifecycles, Covered, NotApplicable, Partial, Missing int
}

// Gaps counts the events that are partial or missing.
func (s summary) Gaps() int { return s.Partial + s.Missing }

type matrixRow struct {
	Anchor  string // of the service's section
	Label   string // the service's title, or the subject's name
	Name    string // the service's name; "" for a subject
	Subject string // the subject type ("data"), "" for the service itself
	Cells   []cell
}

type cell struct {
	Status string // covered, partial, missing, n/a
	Class  string // CSS class: covered, gap, na
	Mark   string // a symbol that reads at a glance
	Text   string // covered, gap or n/a
	Detail string // what is open, for a gap
	Note   string // why it does not apply, for n/a
}

// naNote says why an event does not apply to a service or subject.
type naNote struct {
	Who     string // "member-card", "equipment member-cards"
	EventEN string
	EventJA string
	Reason  string
}

type service struct {
	Anchor       string
	Name         string
	Title        string
	Description  string
	State        string
	StateJA      string
	Owner        owner
	Customers    []string
	Value        string
	Hours        string
	Effort       string
	Cloud        string
	Objectives   []objective
	Offerings    []offering
	RequestTypes []requestType
}

// objective is a service level the service is held to.
type objective struct {
	Name        string
	Title       string
	Target      string // "95% · month"
	Details     []string
	Description string
	Standing    string          // how it stands under an evaluation given; "" without one
	Charts      []template.HTML // of that evaluation
}

type owner struct {
	Text     string // the title (or name) of what it resolves to, or the reference as written
	Ref      string // "role ops-manager"
	Resolved bool
}

type offering struct {
	Name         string
	Title        string
	Description  string
	Objectives   []string
	RequestTypes []link
}

type link struct {
	Text   string
	Anchor string // "" when the target is not in the design
}

type requestType struct {
	Anchor      string
	Name        string
	Title       string
	Description string
	CatchAll    bool
	Owner       owner
	Channels    []string
	Objectives  []string
	Task        string
	Sheet       bool // a parameter sheet is written
	Params      []param
}

// build resolves and flattens the design for display.
func build(d *catalog.Design, opts Options) *page {
	p := &page{Title: opts.Title}
	if strings.TrimSpace(p.Title) == "" {
		p.Title = defaultTitle
	}
	for _, e := range lifecycle.Events() {
		p.Events = append(p.Events, eventHead{EN: titleCase(e.String()), JA: e.Japanese()})
	}
	anchors := anchorSet{}
	evals := map[string]*slo.Evaluation{}
	for _, ev := range opts.Evaluations {
		evals[ev.Objective] = ev
	}
	for _, s := range d.Services {
		sv := buildService(d, s, anchors)
		for i := range sv.Objectives {
			if ev := evals[sv.Objectives[i].Name]; ev != nil {
				standing(&sv.Objectives[i], ev)
			}
		}
		p.Services = append(p.Services, sv)
		p.Summary.Services++
		row := matrixRow{Anchor: sv.Anchor, Label: sv.Title, Name: s.Name}
		if row.Label == "" {
			row.Label = s.Name
		}
		row.Cells = cells(s.Lifecycle, &p.Summary)
		p.Matrix = append(p.Matrix, row)
		for _, sub := range s.Subjects {
			p.Matrix = append(p.Matrix, matrixRow{Anchor: sv.Anchor, Label: sub.Name, Subject: subjectText(sub.Type),
				Cells: cells(sub.Lifecycle, &p.Summary)})
		}
	}
	for _, r := range p.Matrix {
		who := r.Name
		if r.Subject != "" {
			who = r.Subject + " " + r.Label
		}
		for i, c := range r.Cells {
			if c.Note != "" {
				p.Notes = append(p.Notes, naNote{Who: who, EventEN: strings.ToLower(p.Events[i].EN), EventJA: p.Events[i].JA, Reason: c.Note})
			}
		}
	}
	return p
}

func subjectText(s lifecycle.Subject) string {
	if name := s.String(); !strings.HasPrefix(name, "subject(") {
		return name
	}
	return "subject"
}

// cells gives the five cells of one lifecycle's row.
func cells(l catalog.Lifecycle, sum *summary) []cell {
	sum.Lifecycles++
	gaps := l.Plan.Gaps()
	out := make([]cell, 0, 5)
	for _, e := range lifecycle.Events() {
		c := cell{Status: l.Plan.Status(e).String()}
		switch l.Plan.Status(e) {
		case lifecycle.Covered:
			c.Class, c.Mark, c.Text = "covered", "✓", "covered"
			sum.Covered++
		case lifecycle.NotApplicable:
			c.Class, c.Mark, c.Text = "na", "–", "n/a"
			c.Note = oneLine(l.Plan.Events[e].Reason)
			sum.NotApplicable++
		case lifecycle.Missing:
			c.Class, c.Mark, c.Text, c.Detail = "gap", "✗", "gap", "not designed"
			sum.Missing++
		default:
			c.Class, c.Mark, c.Text = "gap", "!", "gap"
			var open []string
			for _, g := range gaps {
				switch {
				case g.Event != e:
				case g.Kind == lifecycle.OpenDecision:
					open = append(open, g.Decision.Key+" open")
				case g.Decision.IsValid():
					open = append(open, g.Decision.Key+": no reason")
				default:
					open = append(open, "n/a without a reason")
				}
			}
			c.Detail = strings.Join(open, ", ")
			sum.Partial++
		}
		out = append(out, c)
	}
	return out
}

// stateJapanese names a service's state in Japanese, "" for an unknown one.
func stateJapanese(s catalog.State) string {
	switch s {
	case catalog.Planned:
		return "計画中"
	case catalog.Active:
		return "提供中"
	case catalog.Suspended:
		return "停止中"
	case catalog.Retired:
		return "廃止済み"
	}
	return ""
}

func buildService(d *catalog.Design, s *catalog.Service, anchors anchorSet) service {
	sv := service{
		Anchor:      anchors.add("service-" + s.Name),
		Name:        s.Name,
		Title:       oneLine(s.Title),
		Description: lookupText(s.Doc, "/metadata/description"),
		State:       string(s.State),
		StateJA:     stateJapanese(s.State),
		Owner:       resolveOwner(d, s.Owner),
		Value:       oneLine(s.Value),
		Hours:       oneLine(s.Hours),
		Effort:      effortText(s.Effort),
	}
	for _, c := range s.Customers {
		sv.Customers = append(sv.Customers, oneLine(c))
	}
	if s.Cloud != nil {
		sv.Cloud = oneLine(s.Cloud.Provider)
		if c := oneLine(s.Cloud.Contact); c != "" {
			sv.Cloud += "; support: " + c
		}
	}
	for _, o := range d.ServiceObjectives(s) {
		sv.Objectives = append(sv.Objectives, buildObjective(d, o))
	}
	rtAnchor := map[string]string{}
	for _, rt := range s.RequestTypes {
		a := anchors.add("request-" + s.Name + "-" + rt.Name)
		if _, seen := rtAnchor[rt.Name]; !seen {
			rtAnchor[rt.Name] = a
		}
		r := requestType{Anchor: a, Name: rt.Name, Title: oneLine(rt.Title), Description: lookupText(s.Doc, rt.Path+"/description"),
			CatchAll: rt.CatchAll, Owner: resolveOwner(d, rt.Owner), Objectives: objectives(d, rt.Objectives),
			Task: taskText(s, rt.Task), Sheet: rt.Parameters != nil}
		for _, ch := range rt.Channels {
			t := oneLine(ch.Name)
			if ch.Ticketed {
				t += " (ticketed)"
			}
			r.Channels = append(r.Channels, t)
		}
		if rt.Parameters != nil {
			r.Params = params(s.Doc, rt.Path+"/parameters", rt.Parameters)
		}
		sv.RequestTypes = append(sv.RequestTypes, r)
	}
	for _, o := range s.Offerings {
		of := offering{Name: o.Name, Title: oneLine(o.Title), Description: lookupText(s.Doc, o.Path+"/description"),
			Objectives: objectives(d, o.Objectives)}
		for _, r := range o.RequestTypes {
			l := link{Text: r.Raw, Anchor: rtAnchor[r.Name]}
			for _, rt := range s.RequestTypes {
				if rt.Name == r.Name && strings.TrimSpace(rt.Title) != "" {
					l.Text = oneLine(rt.Title)
					break
				}
			}
			of.RequestTypes = append(of.RequestTypes, l)
		}
		sv.Offerings = append(sv.Offerings, of)
	}
	return sv
}

// resolveOwner shows an owner by the title of the role, person or team it
// names, with the reference beside it.
func resolveOwner(d *catalog.Design, r catalog.Ref) owner {
	if r.IsZero() {
		return owner{}
	}
	found := d.Resolve(r, "Role", "Person", "Team")
	if len(found) != 1 {
		return owner{Text: oneLine(r.Raw)}
	}
	doc := found[0]
	o := owner{Text: oneLine(doc.Title), Ref: strings.ToLower(doc.Kind) + " " + doc.Name, Resolved: true}
	if o.Text == "" {
		o.Text = doc.Name
	}
	return o
}

// objectives shows objective references by the titles of the objectives
// they name (an OpenSLO SLO may hold several), or as written when they
// name none.
func objectives(d *catalog.Design, refs []catalog.Ref) []string {
	var out []string
	for _, r := range refs {
		found := d.ResolveObjectives(r)
		if len(found) == 0 {
			out = append(out, oneLine(r.Raw))
			continue
		}
		for _, o := range found {
			t := oneLine(o.Title)
			if t == "" {
				t = oneLine(o.Doc.Title)
			}
			if t == "" {
				out = append(out, o.Name)
			} else {
				out = append(out, t+" ("+o.Name+")")
			}
		}
	}
	return out
}

// buildObjective describes an objective as a customer reads it: the
// target over its window, and for tickets the time each kind must take.
func buildObjective(d *catalog.Design, o *catalog.Objective) objective {
	ob := objective{Name: o.Name, Title: oneLine(o.Title), Description: oneLine(o.Description)}
	if ob.Title == "" && o.Doc != nil {
		ob.Title = oneLine(o.Doc.Title)
	}
	if !o.Target.IsZero() {
		ob.Target = o.Target.String()
		if !o.Window.IsZero() {
			ob.Target += " · " + o.Window.String()
		}
	}
	if o.Kind == slo.AttainmentObjective {
		ob.Details = append(ob.Details, "measured: "+o.Measure.String())
		for _, r := range o.Rules {
			who := strings.Join(slices.Concat(r.Severities, r.Categories), ", ")
			if who == "" {
				who = "any"
			}
			ob.Details = append(ob.Details, oneLine(who)+" within "+r.Within.String())
		}
	} else {
		ob.Details = append(ob.Details, o.Kind.String())
		if o.Threshold > 0 {
			ob.Details = append(ob.Details, "good when within "+o.Threshold.String())
		}
	}
	if !o.CalendarRef.IsZero() {
		cal := oneLine(o.CalendarRef.Raw)
		if c := d.Calendar(o.CalendarRef.Name); c != nil && strings.TrimSpace(c.Title) != "" {
			cal = oneLine(c.Title) + " (" + c.Name + ")"
		}
		ob.Details = append(ob.Details, "calendar: "+cal)
	}
	return ob
}

func taskText(s *catalog.Service, r catalog.Ref) string {
	if r.IsZero() {
		return ""
	}
	for _, t := range s.Tasks {
		if t.Name == r.Name && strings.TrimSpace(t.Title) != "" {
			return oneLine(t.Title) + " (" + t.Name + ")"
		}
	}
	return oneLine(r.Raw)
}

func effortText(e *catalog.Effort) string {
	if e == nil {
		return ""
	}
	var parts []string
	if e.HoursPerMonth > 0 {
		parts = append(parts, formatNumber(e.HoursPerMonth)+" h/month")
	}
	if e.CostPerMonth > 0 {
		cost := formatNumber(e.CostPerMonth)
		if c := oneLine(e.Currency); c != "" {
			cost += " " + c
		}
		parts = append(parts, cost+"/month")
	}
	if c := oneLine(e.CostCenter); c != "" {
		parts = append(parts, "cost centre "+c)
	}
	return strings.Join(parts, " · ")
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// lookupText reads an optional text member of a document.
func lookupText(doc *catalog.Document, ptr string) string {
	v, _ := doc.Lookup(ptr)
	s, _ := v.(string)
	return oneLine(s)
}

// oneLine folds white space, line breaks included, to single spaces: a
// value's line breaks must not become structure in the output.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// anchorSet hands out unique anchors: a duplicated name gets a suffix.
type anchorSet map[string]int

func (a anchorSet) add(id string) string {
	id = anchorText(id)
	out := id
	for n := 2; a[out] > 0; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	a[out]++
	return out
}

// anchorText keeps letters, digits, '-', '_' and '.', so that anchors work
// the same in Markdown and HTML.
func anchorText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 0x7f && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}
