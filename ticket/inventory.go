package ticket

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog/diag"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/slo"
)

// InventoryConfig configures a ticket inventory (棚卸し).
type InventoryConfig struct {
	// Design is the catalog the tickets are counted against; services it
	// has that get no tickets are proposed for retirement. May be nil.
	Design *catalog.Design
	// Now is the instant of the inventory; zero means the latest
	// creation time among the tickets.
	Now time.Time
	// UnusedAfter is how long an active service may go without a ticket
	// before it is proposed for retirement; zero means 90 days.
	UnusedAfter time.Duration
	// Weekly makes the trend of "other" weekly (weeks from Monday)
	// instead of monthly.
	Weekly bool
	// Location is the time zone periods are cut in; nil means UTC.
	Location *time.Location
	// MinPattern is how many "other" tickets must share a word for it to
	// be proposed as a request type; zero means 5. MinPatternShare is the
	// share of "other" tickets they must also make up; zero means 5%.
	MinPattern      int
	MinPatternShare float64
	// MaxTerms bounds the table of words counted in "other" titles; when
	// it is full the words seen once are forgotten. Zero means 50,000.
	MaxTerms int
}

// Inventory counts tickets per service and request type as they stream
// by. Its memory grows with the catalog, the periods and the distinct
// words of "other" titles (bounded by MaxTerms), never with the number of
// tickets. It is not safe for concurrent use.
type Inventory struct {
	cfg      InventoryConfig
	total    int
	later    int // tickets created after Now
	effort   time.Duration
	first    time.Time
	latest   time.Time
	services map[string]*ServiceUsage
	types    map[[2]string]*TypeUsage
	periods  periodShares
	other    int
	terms    map[string]*termStat
	scratch  []string
}

type termStat struct {
	count    int
	examples []string // up to three ticket IDs
	titles   []string
}

// NewInventory starts an inventory.
func NewInventory(cfg InventoryConfig) *Inventory {
	if cfg.UnusedAfter <= 0 {
		cfg.UnusedAfter = 90 * 24 * time.Hour
	}
	if cfg.MinPattern <= 0 {
		cfg.MinPattern = 5
	}
	if cfg.MinPatternShare <= 0 {
		cfg.MinPatternShare = 0.05
	}
	if cfg.MaxTerms <= 0 {
		cfg.MaxTerms = 50_000
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	return &Inventory{cfg: cfg, services: map[string]*ServiceUsage{}, types: map[[2]string]*TypeUsage{},
		terms: map[string]*termStat{}, periods: periodShares{table: periodTable{loc: loc, week: cfg.Weekly}}}
}

// Add counts one classified ticket created by the inventory's instant; a
// later one is only counted as later.
func (inv *Inventory) Add(t *Ticket, c Class) {
	if !inv.cfg.Now.IsZero() && t.Created.After(inv.cfg.Now) {
		inv.later++
		return
	}
	inv.total++
	inv.effort += t.TimeSpent
	if inv.first.IsZero() || t.Created.Before(inv.first) {
		inv.first = t.Created
	}
	if t.Created.After(inv.latest) {
		inv.latest = t.Created
	}
	svc := c.ServiceName()
	known := svc != ""
	if !known {
		svc = t.Service
	}
	su := inv.services[svc]
	if su == nil {
		su = &ServiceUsage{Service: strings.Clone(svc), Known: known}
		inv.services[su.Service] = su
	}
	su.Tickets++
	su.Effort += Duration(t.TimeSpent)
	if t.Created.After(su.Last) {
		su.Last = t.Created
	}
	typ := c.TypeName()
	if typ == "" && !c.Other {
		typ = t.RequestType
	}
	k := [2]string{su.Service, typ}
	tu := inv.types[k]
	if tu == nil {
		tu = &TypeUsage{RequestType: strings.Clone(typ), CatchAll: c.RequestType != nil && c.RequestType.CatchAll}
		if c.RequestType == nil && c.Other {
			tu.Unclassified = true
		}
		inv.types[k] = tu
	}
	tu.Tickets++
	tu.Effort += Duration(t.TimeSpent)
	inv.periods.add(t.Created, c.Other)
	if c.Other {
		inv.other++
		inv.countTerms(t)
	}
}

// countTerms counts each word and each pair of adjacent words of an
// "other" title once per ticket.
func (inv *Inventory) countTerms(t *Ticket) {
	words := appendTerms(inv.scratch[:0], t.Title)
	inv.scratch = words
	n := len(words)
	for i := 0; i < n; i++ {
		if i+1 < n {
			words = append(words, words[i]+" "+words[i+1])
		}
	}
	slices.Sort(words)
	words = slices.Compact(words)
	for _, w := range words {
		st := inv.terms[w]
		if st == nil {
			if len(inv.terms) >= inv.cfg.MaxTerms {
				inv.forget()
			}
			st = &termStat{}
			inv.terms[strings.Clone(w)] = st
		}
		st.count++
		if len(st.examples) < 3 {
			st.examples = append(st.examples, strings.Clone(t.ID))
			st.titles = append(st.titles, strings.Clone(t.Title))
		}
	}
}

// forget drops the rarest words to make room: first those seen once, and
// more if that is not enough.
func (inv *Inventory) forget() {
	for limit := 1; len(inv.terms) >= inv.cfg.MaxTerms*9/10; limit++ {
		for w, st := range inv.terms {
			if st.count <= limit {
				delete(inv.terms, w)
			}
		}
	}
}

// periodShares counts tickets and "other" tickets per period.
type periodShares struct {
	table periodTable
}

func (p *periodShares) add(at time.Time, other bool) {
	// Reuse PeriodCompliance's counters: Met counts all tickets, Missed
	// the "other" ones.
	p.table.add(at, true)
	if other {
		p.table.lastPeriod.Missed++
	}
}

// Report sums up the inventory.
func (inv *Inventory) Report() *InventoryReport {
	now := inv.cfg.Now
	if now.IsZero() {
		now = inv.latest
	}
	rep := &InventoryReport{Now: now, From: inv.first, Tickets: inv.total, Later: inv.later, Effort: Duration(inv.effort)}
	for _, su := range inv.services {
		s := *su
		s.Share = ratio0(s.Tickets, inv.total)
		s.RequestTypes = nil
		for k, tu := range inv.types {
			if k[0] == s.Service {
				s.RequestTypes = append(s.RequestTypes, *tu)
			}
		}
		slices.SortFunc(s.RequestTypes, func(a, b TypeUsage) int {
			return cmp.Or(cmp.Compare(b.Tickets, a.Tickets), strings.Compare(a.RequestType, b.RequestType))
		})
		rep.Services = append(rep.Services, s)
	}
	slices.SortFunc(rep.Services, func(a, b ServiceUsage) int {
		return cmp.Or(cmp.Compare(b.Tickets, a.Tickets), strings.Compare(a.Service, b.Service))
	})
	rep.Other = inv.otherReport()
	rep.Proposals = inv.patterns()
	inv.retirements(rep, now)
	inv.findings(rep)
	rep.Diagnostics.Sort()
	return rep
}

func ratio0(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func (inv *Inventory) otherReport() OtherShare {
	o := OtherShare{Tickets: inv.other, Share: ratio0(inv.other, inv.total)}
	for _, row := range inv.periods.table.report(slo.Target{}) {
		o.Periods = append(o.Periods, PeriodShare{Start: row.Start, End: row.End, Tickets: row.Met, Other: row.Missed,
			Share: ratio0(row.Missed, row.Met)})
	}
	if n := len(o.Periods); n >= 2 {
		// Least-squares slope of the share over the period index.
		var sx, sy, sxx, sxy float64
		for i, p := range o.Periods {
			x := float64(i)
			sx, sy, sxx, sxy = sx+x, sy+p.Share, sxx+x*x, sxy+x*p.Share
		}
		fn := float64(n)
		if den := fn*sxx - sx*sx; den != 0 {
			o.Slope = (fn*sxy - sx*sy) / den
		}
		o.Growing = n >= 3 && o.Slope > 0.005 && o.Periods[n-1].Share > o.Periods[0].Share
	}
	return o
}

// patterns proposes request types from the words "other" tickets share.
func (inv *Inventory) patterns() []Pattern {
	type cand struct {
		terms []string
		st    *termStat
	}
	var cands []cand
	for w, st := range inv.terms {
		if st.count < inv.cfg.MinPattern || ratio0(st.count, inv.other) < inv.cfg.MinPatternShare {
			continue
		}
		cands = append(cands, cand{strings.Split(w, " "), st})
	}
	// Pairs first, then by count: a pair says more than either word.
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(len(b.terms), len(a.terms)), cmp.Compare(b.st.count, a.st.count),
			strings.Compare(strings.Join(a.terms, " "), strings.Join(b.terms, " ")))
	})
	var out []Pattern
	var taken [][]string
	for _, c := range cands {
		covered := false
		for i, t := range taken {
			// A word mostly seen inside a proposed pair adds nothing.
			if len(c.terms) == 1 && slices.Contains(t, c.terms[0]) && float64(c.st.count) <= 1.25*float64(out[i].Tickets) {
				covered = true
				break
			}
			// Words found on the same tickets as a proposed pattern are
			// that pattern again.
			if c.st.count <= out[i].Tickets && slices.Equal(c.st.examples, out[i].Examples) {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		taken = append(taken, c.terms)
		out = append(out, Pattern{Terms: c.terms, Tickets: c.st.count, Share: ratio0(c.st.count, inv.other),
			Examples: slices.Clone(c.st.examples), Titles: slices.Clone(c.st.titles), Name: suggestName(c.terms)})
	}
	slices.SortStableFunc(out, func(a, b Pattern) int { return cmp.Compare(b.Tickets, a.Tickets) })
	return out
}

// suggestName makes a request type name from words: kebab-case for
// Latin words, the words joined by hyphens otherwise.
func suggestName(terms []string) string {
	return strings.Join(terms, "-")
}

// retirements proposes retiring active services without tickets.
func (inv *Inventory) retirements(rep *InventoryReport, now time.Time) {
	if inv.cfg.Design == nil || now.IsZero() {
		return
	}
	covered := !inv.first.IsZero() && now.Sub(inv.first) >= inv.cfg.UnusedAfter
	for _, s := range inv.cfg.Design.Services {
		if s.State != catalog.Active && s.State != catalog.Suspended {
			continue
		}
		su := inv.services[s.Name]
		var last time.Time
		if su != nil {
			last = su.Last
		}
		switch {
		case su == nil && !covered:
			continue // the tickets do not reach back far enough to tell
		case su != nil && now.Sub(last) < inv.cfg.UnusedAfter:
			continue
		}
		r := Retirement{Service: s.Name, State: string(s.State), LastTicket: last}
		if last.IsZero() {
			r.IdleDays = int(now.Sub(inv.first).Hours() / 24)
			r.Reason = fmt.Sprintf("no ticket at all since %s", inv.first.Format(time.DateOnly))
		} else {
			r.IdleDays = int(now.Sub(last).Hours() / 24)
			r.Reason = fmt.Sprintf("no ticket since %s", last.Format(time.DateOnly))
		}
		rep.Retire = append(rep.Retire, r)
		rep.Diagnostics = append(rep.Diagnostics, diag.Diagnostic{Rule: RuleUnusedService, Severity: severityOf(RuleUnusedService),
			Pos: s.Doc.At("/spec/state"), Path: "/spec/state",
			Message: fmt.Sprintf("service %q has had %s (%d days, more than %d): consider retiring it, through its lifecycle's retire event",
				s.Name, r.Reason, r.IdleDays, int(inv.cfg.UnusedAfter.Hours()/24))})
	}
}

// findings turns the other share's growth and the patterns into
// diagnostics at the catch-all request type.
func (inv *Inventory) findings(rep *InventoryReport) {
	var doc *catalog.Document
	path := ""
	if d := inv.cfg.Design; d != nil {
	find:
		for _, s := range d.Services {
			for _, rt := range s.RequestTypes {
				if rt.CatchAll {
					doc, path = s.Doc, rt.Path
					break find
				}
			}
		}
	}
	pos := diag.Pos{}
	if doc != nil {
		pos = doc.At(path)
	}
	if o := rep.Other; o.Growing {
		first, last := o.Periods[0], o.Periods[len(o.Periods)-1]
		rep.Diagnostics = append(rep.Diagnostics, diag.Diagnostic{Rule: RuleCatchAllGrowing, Severity: severityOf(RuleCatchAllGrowing), Pos: pos, Path: path,
			Message: fmt.Sprintf("the share of \"other\" tickets grew from %.0f%% (%s) to %.0f%% (%s): carve the recurring requests out into types of their own",
				100*first.Share, first.Start.Format(time.DateOnly), 100*last.Share, last.Start.Format(time.DateOnly))})
	}
	for _, p := range rep.Proposals {
		rep.Diagnostics = append(rep.Diagnostics, diag.Diagnostic{Rule: RuleRecurringPattern, Severity: severityOf(RuleRecurringPattern), Pos: pos, Path: path,
			Message: fmt.Sprintf("%d \"other\" tickets (%.0f%%) are about %q, such as %s: propose request type %q with its owner and parameter sheet",
				p.Tickets, 100*p.Share, strings.Join(p.Terms, " "), strings.Join(p.Examples, ", "), p.Name)})
	}
}

// InventoryReport is the result of a ticket inventory.
type InventoryReport struct {
	Now     time.Time `json:"now"`
	From    time.Time `json:"from"` // the earliest ticket
	Tickets int       `json:"tickets"`
	// Later counts the tickets created after Now, left out.
	Later  int      `json:"later"`
	Effort Duration `json:"effort"`
	// Services lists each service with tickets, most tickets first;
	// Known is false for a name the catalog does not have.
	Services []ServiceUsage `json:"services"`
	Other    OtherShare     `json:"other"`
	// Proposals are the recurring requests inside "other", proposed as
	// request types of their own.
	Proposals []Pattern `json:"proposals"`
	// Retire proposes retiring services that get no tickets.
	Retire      []Retirement `json:"retire"`
	Diagnostics diag.List    `json:"diagnostics"`
}

// ServiceUsage counts one service's tickets and effort.
type ServiceUsage struct {
	Service      string      `json:"service"`
	Known        bool        `json:"known"`
	Tickets      int         `json:"tickets"`
	Share        float64     `json:"share"`
	Effort       Duration    `json:"effort"`
	Last         time.Time   `json:"last"`
	RequestTypes []TypeUsage `json:"requestTypes"`
}

// TypeUsage counts one request type's tickets and effort. RequestType
// is "" for tickets that could not be given a type.
type TypeUsage struct {
	RequestType  string   `json:"requestType"`
	CatchAll     bool     `json:"catchAll,omitempty"`
	Unclassified bool     `json:"unclassified,omitempty"`
	Tickets      int      `json:"tickets"`
	Effort       Duration `json:"effort"`
}

// OtherShare is the share of the catch-all "other" and its trend.
type OtherShare struct {
	Tickets int           `json:"tickets"`
	Share   float64       `json:"share"`
	Periods []PeriodShare `json:"periods"`
	// Slope is the least-squares change of the share per period.
	Slope float64 `json:"slope"`
	// Growing is true when, over three periods or more, the share rises
	// by more than half a point per period and ends above where it began.
	Growing bool `json:"growing"`
}

// PeriodShare is the share of "other" in one week or month.
type PeriodShare struct {
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Tickets int       `json:"tickets"`
	Other   int       `json:"other"`
	Share   float64   `json:"share"`
}

// Pattern is a recurring request found in "other" titles.
type Pattern struct {
	Terms    []string `json:"terms"`
	Tickets  int      `json:"tickets"`
	Share    float64  `json:"share"` // of the "other" tickets
	Examples []string `json:"examples"`
	Titles   []string `json:"titles"`
	// Name is a suggested request type name.
	Name string `json:"name"`
}

// Retirement proposes retiring a service nobody files tickets for.
type Retirement struct {
	Service    string    `json:"service"`
	State      string    `json:"state"`
	LastTicket time.Time `json:"lastTicket,omitzero"`
	IdleDays   int       `json:"idleDays"`
	Reason     string    `json:"reason"`
}
