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
	ph := newPlaceholders(set.Placeholders)
	check := func(doc *catalog.Document, ptr, value, what, want string) {
		if ph.match(value) {
			p.Reportf(doc, ptr, "%s is %q, a placeholder: %s", what, strings.TrimSpace(value), want)
		}
	}
	for _, s := range p.Design.Services {
		placeholderService(s, check)
	}
	if c := set.Cloud; c != nil && set.Doc != nil {
		check(set.Doc, c.Path+"/provider", c.Provider, "the design's cloud provider", "name the provider")
		check(set.Doc, c.Path+"/contact", c.Contact, "the route to the design's cloud provider", "write how its support is reached")
	}
	for _, tp := range p.Design.TicketPolicies {
		check(tp.Doc, "/spec/forcedClose/by", tp.CloseBy, fmt.Sprintf("who ticket policy %q names as closing tickets", tp.Name), "name who the audit trail shows")
	}
}

// checkFunc checks one value: the document and JSON pointer it is at, the
// text, what it is (for the message) and what to write instead.
type checkFunc func(doc *catalog.Document, ptr, value, what, want string)

const (
	wantDecision = "write the decision, or mark it notApplicable with the reason"
	wantReason   = "say why it does not apply"
)

func placeholderService(s *catalog.Service, check checkFunc) {
	doc, of := s.Doc, fmt.Sprintf("service %q", s.Name)
	check(doc, "/spec/value", s.Value, "the value of "+of, "write the outcome it exists for")
	for i, c := range s.Customers {
		check(doc, idx("/spec/customers", i), c, "a customer of "+of, "name who the outcome is for")
	}
	if c := s.Cloud; c != nil {
		check(doc, c.Path+"/provider", c.Provider, "the cloud provider of "+of, "name the provider")
		check(doc, c.Path+"/contact", c.Contact, "the route to the cloud provider of "+of, "write how its support is reached")
	}
	cats := make([]string, 0, len(s.NotApplicableWork))
	for k := range s.NotApplicableWork {
		cats = append(cats, k)
	}
	slices.Sort(cats)
	for _, k := range cats {
		check(doc, "/spec/notApplicableWork/"+catalog.Pointer(k)[1:], s.NotApplicableWork[k],
			fmt.Sprintf("the reason %s needs no %s work", of, k), wantReason)
	}
	for _, l := range s.Lifecycles() {
		who := of
		if l.Plan.Name != "" {
			who = fmt.Sprintf("%s %q of %s", l.Plan.Subject, l.Plan.Name, of)
		}
		for _, e := range lifecycle.Events() {
			ep, ok := l.Plan.Events[e]
			if !ok {
				continue
			}
			if ep.NotApplicable {
				check(doc, l.EventPath(e)+"/notApplicable", ep.Reason, fmt.Sprintf("the reason %s marks its %s event not applicable", who, e), wantReason)
			}
			for _, d := range e.Decisions() {
				a, ok := ep.Answers[d.Key]
				switch {
				case !ok:
				case a.NotApplicable:
					check(doc, l.DecisionPath(d)+"/notApplicable", a.Reason, fmt.Sprintf("the reason %s marks %s not applicable", who, d), wantReason)
				default:
					check(doc, l.DecisionPath(d), a.Text, fmt.Sprintf("the %s decision of %s", d, who), wantDecision)
				}
			}
		}
	}
	for _, t := range s.Tasks {
		task := fmt.Sprintf("task %q of %s", t.Name, of)
		check(doc, t.Trigger.Path+"/event", t.Trigger.Event, "the event that starts "+task, "say what starts it")
		check(doc, t.Path+"/action", t.Action, "the action of "+task, "write what is done")
		check(doc, t.Path+"/procedure", t.Procedure, "the procedure of "+task, "name its procedure manual")
		check(doc, t.Path+"/keepPersonal", t.KeepPersonal, "the reason "+task+" stays personal", "say why it stays personal, or name a bridge")
	}
	for _, m := range s.Monitors {
		mon := fmt.Sprintf("monitor %q of %s", m.Name, of)
		check(doc, m.Path+"/reads", m.Reads, "the state "+mon+" reads", "name the state it reads")
		check(doc, m.Path+"/affects", m.Affects, "the output the state of "+mon+" affects", "name the output that state affects")
	}
	for _, b := range s.Backups {
		if r := b.Restore; r != nil {
			bk := fmt.Sprintf("backup %q of %s", b.Name, of)
			check(doc, r.Path+"/procedure", r.Procedure, "the restore procedure of "+bk, "name the procedure that restores it")
			check(doc, r.Path+"/notApplicable", r.NotApplicable, "the reason "+bk+" needs no restore", wantReason)
		}
	}
}

// placeholders are the placeholder answers in force: the built-in ones
// and the design's own, less those the design removes, each normalised by
// placeholderKey.
type placeholders struct {
	words, removed map[string]bool
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
	return ph
}

// match reports whether a value is a placeholder. A blank value is not:
// the rule that needs the value reports it as missing.
func (ph placeholders) match(value string) bool {
	k := placeholderKey(value)
	if k == "" || ph.removed[k] {
		return false
	}
	return ph.words[k] || onlyFiller(k)
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
