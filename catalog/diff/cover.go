package diff

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/roles"
)

// cover reports what the changes to services, roles, people, teams,
// settings and calendars do to cover, design-wide: the intervals in which
// some personalised or depersonalised work newly has nobody able present,
// or newly has, over the coverage window of the new revision; and the
// tasks whose truck factor dropped to one (or none) or rose from it. It
// runs only when such a document changed.
func (c *comparer) cover() {
	if !c.staffChanged {
		return
	}
	ro, _ := c.old.Roster()
	rn, _ := c.new.Roster()
	if !ro.Staffed && !rn.Staffed {
		return // neither revision says who can do what
	}
	if ro.Staffed && !rn.Staffed {
		c.notes = append(c.notes, "the new revision lists no person's tasks, so it no longer says who can do what: cover and truck factors are not compared")
		return
	}
	rename := func(task string) string {
		svc, t, _ := strings.Cut(task, "/")
		return c.newName("Service", svc) + "/" + t
	}
	c.gaps(ro, rn, rename)
	if ro.Staffed {
		c.truckFactors(ro, rn, rename)
	}
}

// gaps reports gaps in cover opened and closed over the new revision's
// coverage window.
func (c *comparer) gaps(ro, rn *catalog.Roster, rename func(string) string) {
	now := c.opts.now()
	from, to := rn.Period(now)
	if of, ot := ro.Period(now); !of.Equal(from) || !ot.Equal(to) {
		c.notes = append(c.notes, fmt.Sprintf("cover is compared over the new revision's coverage window, %s to %s; the old revision's settings give %s to %s",
			from.Format(time.DateOnly), to.Format(time.DateOnly), of.Format(time.DateOnly), ot.Format(time.DateOnly)))
	}
	covO, err := ro.Coverage(from, to)
	if err == nil {
		var covN *roles.Coverage
		if covN, err = rn.Coverage(from, to); err == nil {
			c.gapChanges(ro, rn, covO, covN, rename)
			return
		}
	}
	c.notes = append(c.notes, fmt.Sprintf("gaps in cover are not compared: %v", err))
}

// taskGap is one task uncovered over one interval.
type taskGap struct {
	task string
	roles.Interval
}

func (c *comparer) gapChanges(ro, rn *catalog.Roster, covO, covN *roles.Coverage, rename func(string) string) {
	type taskCover struct {
		class roles.Personalisation
		gaps  []roles.Interval
		name  string // in its own revision
	}
	olds := map[string]taskCover{} // by name in the new revision
	for _, t := range covO.Tasks {
		olds[rename(t.Task)] = taskCover{t.Personalisation, t.Gaps, t.Task}
	}
	news := map[string]taskCover{}
	for _, t := range covN.Tasks {
		news[t.Task] = taskCover{t.Personalisation, t.Gaps, t.Task}
	}
	oldName := map[string]string{}
	for name, t := range olds {
		oldName[name] = t.name
	}
	loc := rn.Location()
	for _, class := range []roles.Personalisation{roles.Personalised, roles.Depersonalised} {
		var opened, closed []taskGap
		for _, name := range sortedKeys(news) {
			t := news[name]
			if t.class != class {
				continue
			}
			var before []roles.Interval
			if o, ok := olds[name]; ok && o.class == class {
				before = o.gaps
			}
			for _, iv := range subtract(t.gaps, before) {
				opened = append(opened, taskGap{name, iv})
			}
		}
		for _, name := range sortedKeys(olds) {
			t := olds[name]
			if t.class != class {
				continue
			}
			var after []roles.Interval
			if n, ok := news[name]; ok && n.class == class {
				after = n.gaps
			}
			for _, iv := range subtract(t.gaps, after) {
				closed = append(closed, taskGap{name, iv})
			}
		}
		for _, g := range mergeGaps(opened, class, loc) {
			c.add(Change{Kind: CoverGapOpened, Subject: class.String() + " work", Gap: g, To: g.Interval.Text(),
				New: taskSite(rn, g.Tasks[0]), Old: taskSite(ro, oldName[g.Tasks[0]]),
				Attention: "no cover " + g.Interval.Text(),
				Message:   fmt.Sprintf("%s work loses cover %s: nobody able to do %s is present", class, g.Interval.Text(), strings.Join(g.Tasks, ", "))})
		}
		for _, g := range mergeGaps(closed, class, loc) {
			c.add(Change{Kind: CoverGapClosed, Subject: class.String() + " work", Gap: g, From: g.Interval.Text(),
				New: taskSite(rn, g.Tasks[0]), Old: taskSite(ro, oldName[g.Tasks[0]]),
				Message: fmt.Sprintf("%s work is covered %s, where nobody able to do %s was present", class, g.Interval.Text(), strings.Join(g.Tasks, ", "))})
		}
	}
}

// taskSite is where a roster task ("service/task") is named.
func taskSite(r *catalog.Roster, name string) Site {
	s, t, ok := r.Task(name)
	if !ok {
		return Site{}
	}
	return site(s.Doc, t.Path+"/name")
}

// subtract returns the parts of the intervals a that no interval of b
// covers. Both are sorted and do not overlap, as roles reports them.
func subtract(a, b []roles.Interval) []roles.Interval {
	var out []roles.Interval
	j := 0
	for _, iv := range a {
		start := iv.Start
		for j < len(b) && !b[j].End.After(start) {
			j++
		}
		for k := j; k < len(b) && b[k].Start.Before(iv.End); k++ {
			if b[k].Start.After(start) {
				out = append(out, roles.Interval{Start: start, End: b[k].Start})
			}
			if b[k].End.After(start) {
				start = b[k].End
			}
		}
		if start.Before(iv.End) {
			out = append(out, roles.Interval{Start: start, End: iv.End})
		}
	}
	return out
}

// mergeGaps joins overlapping or touching intervals of one class into
// gaps, each listing every task uncovered in it, sorted; times in loc.
func mergeGaps(gaps []taskGap, class roles.Personalisation, loc *time.Location) []*CoverGap {
	slices.SortFunc(gaps, func(a, b taskGap) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.task, b.task)
	})
	var out []*CoverGap
	for _, g := range gaps {
		if n := len(out); n > 0 && !g.Start.After(out[n-1].End) {
			last := out[n-1]
			if g.End.After(last.End) {
				last.End = g.End.In(loc)
			}
			if !slices.Contains(last.Tasks, g.task) {
				last.Tasks = append(last.Tasks, g.task)
			}
			continue
		}
		out = append(out, &CoverGap{Class: class, Interval: roles.Interval{Start: g.Start.In(loc), End: g.End.In(loc)}, Tasks: []string{g.task}})
	}
	for _, g := range out {
		slices.Sort(g.Tasks)
	}
	return out
}

// truckFactors reports tasks whose truck factor dropped to one or none,
// or rose from there to two or more.
func (c *comparer) truckFactors(ro, rn *catalog.Roster, rename func(string) string) {
	type factor struct {
		n    int
		name string
	}
	olds := map[string]factor{}
	for _, t := range ro.Operation.TruckFactors().Tasks {
		olds[rename(t.Task)] = factor{t.Factor, t.Task}
	}
	for _, t := range rn.Operation.TruckFactors().Tasks {
		o, ok := olds[t.Task]
		if !ok || o.n == t.Factor {
			continue
		}
		tf := &TruckFactor{Task: t.Task, Old: o.n, New: t.Factor, People: slices.Clone(t.People)}
		ch := Change{Subject: "task " + t.Task, Truck: tf, From: fmt.Sprint(o.n), To: fmt.Sprint(t.Factor),
			Old: taskSite(ro, o.name), New: taskSite(rn, t.Task)}
		switch {
		case t.Factor <= 1 && t.Factor < o.n:
			ch.Kind = CoverTruckFactorDropped
			if t.Factor == 1 {
				ch.Message = fmt.Sprintf("task %s: only %q can perform it now (truck factor %d → 1)", t.Task, t.People[0], o.n)
				ch.Attention = fmt.Sprintf("now depends on %s alone", t.People[0])
			} else {
				ch.Message = fmt.Sprintf("task %s: nobody can perform it now (truck factor %d → 0)", t.Task, o.n)
				ch.Attention = "nobody can perform it"
			}
		case o.n <= 1 && t.Factor >= 2:
			ch.Kind = CoverTruckFactorRestored
			ch.Message = fmt.Sprintf("task %s: %d people can perform it now (truck factor %d → %d): %s", t.Task, t.Factor, o.n, t.Factor, quoteList(t.People))
		default:
			continue
		}
		c.add(ch)
	}
}
