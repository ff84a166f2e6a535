package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/lifecycle"
)

// designRules check what the whole design writes, whatever the kind of
// document: for now, placeholders written where a decision, a reason or a
// required text belongs. The rule has a group of its own rather than
// lifecycle's, because a team that relaxes or re-grades it does so for
// every such text at once (tasks, monitors, backups, the cloud contact),
// not only for the lifecycle; and "lifecycle/*: off" should not silence a
// "TBD" procedure.
func designRules() []catalog.Rule {
	return []catalog.Rule{{
		ID:       "design/placeholder",
		Severity: catalog.Error,
		Doc: ruleDoc(`A decision, a reason or a required text is a placeholder such as TBD, "-", "?", "…" or 未定, which fills the field without deciding anything. `+
			`A design full of TBD looks finished to every check and to every reviewer skimming it, and is exactly as undecided as an empty one: `+
			`the question is still open the day a customer asks it. `+
			`The values checked are every lifecycle decision and every notApplicable reason (of the service, its subjects, their events and decisions), `+
			`the service's value, customers, cloud provider and contact and notApplicableWork reasons, a task's trigger event, action, procedure and keepPersonal reason, `+
			`a monitor's reads and affects, a backup's restore procedure and restore notApplicable reason, the Settings cloud provider and contact, and a ticket policy's forcedClose.by. `+
			`A value is a placeholder when, compared whole after folding full-width letters and spaces, trimming and collapsing white space, ignoring case, `+
			`and stripping enclosing brackets or quotes ("(TBD)", 「未定」) and a trailing ".", "。", "!", ":" or "です", `+
			`it is one of the built-in placeholders or one the design adds, or when it holds nothing but dashes, dots, ellipses, question marks, underscores, asterisks, slashes, tildes, `+
			`middle dots, ditto marks or ー; a text that merely mentions TBD, or says "N/A" with a reason after it, is an answer. `+
			`The built-in placeholders: TBD, TBA, TBC (also dotted, "t.b.d."), TODO, to do, FIXME, WIP, TK, xxx, N/A, NA, n.a., unknown, undecided, not decided (yet), not yet decided, `+
			`to be decided, to be determined, to be defined, to be confirmed, to be announced, pending, later, decide later, same as above, as above, see above, ditto, placeholder, `+
			`未定, 未決定, 未確定, 未決, 検討中, 要検討, 再検討, 要確認, 確認中, 調整中, 要調整, 別途, 別途検討, 別途調整, 別途決定, 別途定める, 別途記載, 同上, 上記と同じ, 上に同じ, 同左, `+
			`後日, 後日決定, 後日記載, 追って, 追って連絡, 追って決定, 不明, 仮, 未記入, 未入力, 準備中, 作成中 and 記載予定. `+
			`Settings spec.placeholders.add lists a team's own placeholders, and remove takes built-in ones out (a "-" agreed to mean "nothing happens"), each compared the same way. `+
			`An empty value is not a placeholder: the rule that needs the value reports it (lifecycle/open-decision, lifecycle/missing-reason, ops/task-without-action, …). `+
			`Reported at the value.`, `
lifecycle:
  retire:
    personalData: TBD          # a placeholder, not a decision
    notice: 未定
  suspend:
    notApplicable: "-"         # a placeholder, not a reason
`),
		Run: runPlaceholders,
	}}
}

func runPlaceholders(p *catalog.Pass) {
	set := settings(p.Design)
	c := placeholderCheck{ph: newPlaceholders(set.Placeholders), p: p}
	for _, e := range lifecycle.Events() {
		c.decisions = append(c.decisions, e.Decisions())
	}
	for _, s := range p.Design.Services {
		placeholderService(s, c)
	}
	if cl := set.Cloud; cl != nil && set.Doc != nil {
		if c.is(cl.Provider) {
			c.report(set.Doc, cl.Path+"/provider", cl.Provider, "the design's cloud provider", "name the provider")
		}
		if c.is(cl.Contact) {
			c.report(set.Doc, cl.Path+"/contact", cl.Contact, "the route to the design's cloud provider", "write how its support is reached")
		}
	}
	for _, tp := range p.Design.TicketPolicies {
		if c.is(tp.CloseBy) {
			c.report(tp.Doc, "/spec/forcedClose/by", tp.CloseBy, fmt.Sprintf("who ticket policy %q names as closing tickets", tp.Name), "name who the audit trail shows")
		}
	}
}

// placeholderCheck tells placeholders and reports them. Nearly every value
// it is shown is an answer, so a caller asks is first and builds the
// pointer and the message for report only for a placeholder.
type placeholderCheck struct {
	ph        placeholders
	p         *catalog.Pass
	decisions [][]lifecycle.Decision // of each of lifecycle.Events(), made once
}

func (c placeholderCheck) is(value string) bool { return c.ph.match(value) }

// report reports value, at ptr of doc, as a placeholder: what it is (for
// the message) and what to write instead.
func (c placeholderCheck) report(doc *catalog.Document, ptr, value, what, want string) {
	c.p.Reportf(doc, ptr, "%s is %q, a placeholder: %s", what, strings.TrimSpace(value), want)
}

const (
	wantDecision = "write the decision, or mark it notApplicable with the reason"
	wantReason   = "say why it does not apply"
)

func placeholderService(s *catalog.Service, c placeholderCheck) {
	doc := s.Doc
	of := func() string { return fmt.Sprintf("service %q", s.Name) }
	if c.is(s.Value) {
		c.report(doc, "/spec/value", s.Value, "the value of "+of(), "write the outcome it exists for")
	}
	for i, cu := range s.Customers {
		if c.is(cu) {
			c.report(doc, idx("/spec/customers", i), cu, "a customer of "+of(), "name who the outcome is for")
		}
	}
	if cl := s.Cloud; cl != nil {
		if c.is(cl.Provider) {
			c.report(doc, cl.Path+"/provider", cl.Provider, "the cloud provider of "+of(), "name the provider")
		}
		if c.is(cl.Contact) {
			c.report(doc, cl.Path+"/contact", cl.Contact, "the route to the cloud provider of "+of(), "write how its support is reached")
		}
	}
	if len(s.NotApplicableWork) > 0 {
		cats := make([]string, 0, len(s.NotApplicableWork))
		for k := range s.NotApplicableWork {
			cats = append(cats, k)
		}
		slices.Sort(cats)
		for _, k := range cats {
			if v := s.NotApplicableWork[k]; c.is(v) {
				c.report(doc, "/spec/notApplicableWork/"+catalog.Pointer(k)[1:], v, fmt.Sprintf("the reason %s needs no %s work", of(), k), wantReason)
			}
		}
	}
	for _, l := range s.Lifecycles() {
		placeholderLifecycle(doc, l, of, c)
	}
	for _, t := range s.Tasks {
		task := func() string { return fmt.Sprintf("task %q of %s", t.Name, of()) }
		if c.is(t.Trigger.Event) {
			c.report(doc, t.Trigger.Path+"/event", t.Trigger.Event, "the event that starts "+task(), "say what starts it")
		}
		if c.is(t.Action) {
			c.report(doc, t.Path+"/action", t.Action, "the action of "+task(), "write what is done")
		}
		if c.is(t.Procedure) {
			c.report(doc, t.Path+"/procedure", t.Procedure, "the procedure of "+task(), "name its procedure manual")
		}
		if c.is(t.KeepPersonal) {
			c.report(doc, t.Path+"/keepPersonal", t.KeepPersonal, "the reason "+task()+" stays personal", "say why it stays personal, or name a bridge")
		}
	}
	for _, m := range s.Monitors {
		mon := func() string { return fmt.Sprintf("monitor %q of %s", m.Name, of()) }
		if c.is(m.Reads) {
			c.report(doc, m.Path+"/reads", m.Reads, "the state "+mon()+" reads", "name the state it reads")
		}
		if c.is(m.Affects) {
			c.report(doc, m.Path+"/affects", m.Affects, "the output the state of "+mon()+" affects", "name the output that state affects")
		}
	}
	for _, b := range s.Backups {
		r := b.Restore
		if r == nil {
			continue
		}
		bk := func() string { return fmt.Sprintf("backup %q of %s", b.Name, of()) }
		if c.is(r.Procedure) {
			c.report(doc, r.Path+"/procedure", r.Procedure, "the restore procedure of "+bk(), "name the procedure that restores it")
		}
		if c.is(r.NotApplicable) {
			c.report(doc, r.Path+"/notApplicable", r.NotApplicable, "the reason "+bk()+" needs no restore", wantReason)
		}
	}
}

// placeholderLifecycle checks the decisions and reasons of one lifecycle
// of a service (of names the service).
func placeholderLifecycle(doc *catalog.Document, l catalog.Lifecycle, of func() string, c placeholderCheck) {
	who := func() string {
		if l.Plan.Name != "" {
			return fmt.Sprintf("%s %q of %s", l.Plan.Subject, l.Plan.Name, of())
		}
		return of()
	}
	for i, e := range lifecycle.Events() {
		ep, ok := l.Plan.Events[e]
		if !ok {
			continue
		}
		if ep.NotApplicable && c.is(ep.Reason) {
			c.report(doc, l.EventPath(e)+"/notApplicable", ep.Reason, fmt.Sprintf("the reason %s marks its %s event not applicable", who(), e), wantReason)
		}
		for _, d := range c.decisions[i] {
			a, ok := ep.Answers[d.Key]
			switch {
			case !ok:
			case a.NotApplicable:
				if c.is(a.Reason) {
					c.report(doc, l.DecisionPath(d)+"/notApplicable", a.Reason, fmt.Sprintf("the reason %s marks %s not applicable", who(), d), wantReason)
				}
			default:
				if c.is(a.Text) {
					c.report(doc, l.DecisionPath(d), a.Text, fmt.Sprintf("the %s decision of %s", d, who()), wantDecision)
				}
			}
		}
	}
}

// placeholders are the placeholder answers in force: the built-in ones
// and the design's own, less those the design removes, each normalised by
// placeholderKey.
type placeholders struct {
	words, removed map[string]bool
	longest        int // bytes of the longest of words and removed
}

// builtinPlaceholders are the built-in placeholder answers, as
// placeholderKey writes them. Keep the rule's doc in step.
var builtinPlaceholders = []string{
	"tbd", "t.b.d", "tba", "t.b.a", "tbc", "t.b.c", "todo", "to do", "to-do", "fixme", "wip", "tk", "xxx",
	"n/a", "na", "n.a", "unknown", "undecided", "not decided", "not decided yet", "not yet decided",
	"to be decided", "to be determined", "to be defined", "to be confirmed", "to be announced",
	"pending", "later", "decide later", "same as above", "as above", "see above", "ditto", "placeholder",
	"未定", "未決定", "未確定", "未決", "検討中", "要検討", "再検討", "要確認", "確認中", "調整中", "要調整",
	"別途", "別途検討", "別途調整", "別途決定", "別途定める", "別途記載", "同上", "上記と同じ", "上に同じ", "同左",
	"後日", "後日決定", "後日記載", "追って", "追って連絡", "追って決定", "不明", "仮", "未記入", "未入力",
	"準備中", "作成中", "記載予定",
}

func newPlaceholders(set catalog.PlaceholderSettings) placeholders {
	ph := placeholders{words: map[string]bool{}, removed: map[string]bool{}}
	for _, w := range builtinPlaceholders {
		ph.words[w] = true
	}
	for _, w := range set.Add {
		ph.words[placeholderKey(w)] = true
	}
	for _, w := range set.Remove {
		ph.removed[placeholderKey(w)] = true
	}
	for w := range ph.words {
		ph.longest = max(ph.longest, len(w))
	}
	for w := range ph.removed {
		ph.longest = max(ph.longest, len(w))
	}
	return ph
}

// match reports whether a value is a placeholder. A blank value is not:
// the rule that needs the value reports it as missing.
func (ph placeholders) match(value string) bool {
	if m, ok := ph.matchASCII(value); ok {
		return m
	}
	k := placeholderKey(value)
	if k == "" || ph.removed[k] {
		return false
	}
	return ph.words[k] || onlyFiller(k)
}

// matchASCII is match, without allocating, for a value of ASCII
// characters (ok is false for others): nothing is folded, and stripping
// the ends before collapsing white space and lower-casing letters finds
// the same key, which is then written on the stack, or only measured when
// it is longer than every placeholder (only filler can match then).
func (ph placeholders) matchASCII(value string) (match, ok bool) {
	for i := 0; i < len(value); i++ {
		if value[i] >= utf8.RuneSelf {
			return false, false
		}
	}
	s := strings.TrimSpace(value)
	for {
		t := strings.TrimSpace(stripEnclosing(stripSentenceEnd(s)))
		if t == "" || len(t) == len(s) {
			break
		}
		s = t
	}
	var buf [64]byte
	k, space := buf[:0], false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace(c) {
			space = true
			continue
		}
		if space {
			k, space = append(k, ' '), false
		}
		if len(k) >= ph.longest {
			return asciiFiller(s), true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		k = append(k, c)
	}
	if len(k) == 0 || ph.removed[string(k)] {
		return false, true
	}
	return ph.words[string(k)] || asciiFiller(s), true
}

// asciiSpace is unicode.IsSpace for ASCII.
func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// asciiFiller is onlyFiller for ASCII text whose white space is not
// collapsed yet.
func asciiFiller(s string) bool {
	for i := 0; i < len(s); i++ {
		if !asciiSpace(s[i]) && strings.IndexByte("-~.?_*/", s[i]) < 0 {
			return false
		}
	}
	return true
}

// placeholderKey normalises a value for comparison: full-width ASCII and
// the ideographic space folded to ASCII, white space trimmed and collapsed,
// lower case, and enclosing brackets or quotes and a trailing sentence end
// stripped, as long as something is left.
func placeholderKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for {
		t := strings.TrimSpace(stripEnclosing(stripSentenceEnd(s)))
		if t == "" || t == s {
			return s
		}
		s = t
	}
}

// stripSentenceEnd takes one trailing sentence end off s.
func stripSentenceEnd(s string) string {
	if t, ok := strings.CutSuffix(s, "です"); ok {
		return t
	}
	r, n := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".。!:、,;", r) {
		return s[:len(s)-n]
	}
	return s
}

// stripEnclosing takes one pair of enclosing brackets or quotes off s.
func stripEnclosing(s string) string {
	const opens, closes = `([{<「『【〈《"'“‘`, `)]}>」』】〉》"'”’`
	first, n1 := utf8.DecodeRuneInString(s)
	last, n2 := utf8.DecodeLastRuneInString(s)
	i := strings.IndexRune(opens, first)
	if i < 0 || len(s) < n1+n2 {
		return s
	}
	j := strings.IndexRune(closes, last)
	if j < 0 || utf8.RuneCountInString(opens[:i]) != utf8.RuneCountInString(closes[:j]) {
		return s
	}
	return s[n1 : len(s)-n2]
}

// onlyFiller reports whether s holds nothing but the characters people
// type to fill a field: dashes, dots, ellipses, question marks and the
// like.
func onlyFiller(s string) bool {
	const filler = "-‐‑‒–—―−ーｰ〜~….‥・･?_*/〃 "
	for _, r := range s {
		if !strings.ContainsRune(filler, r) {
			return false
		}
	}
	return true
}
