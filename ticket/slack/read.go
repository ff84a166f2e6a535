package slack

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/catalog/diag"
	"github.com/opsdesign/opsdesign/internal/record"
	"github.com/opsdesign/opsdesign/ticket"
)

// user is a member of the workspace, as users.json lists it.
type user struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Deleted bool   `json:"deleted"`
	IsBot   bool   `json:"is_bot"`
	Profile struct {
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
		Email       string `json:"email"`
	} `json:"profile"`
	RealName string `json:"real_name"`
}

// label is how reports name the user.
func (u *user) label() string {
	return cmp.Or(u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name, u.ID)
}

// channel is a channel of channels.json or groups.json.
type channel struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// reader reads one export.
type reader struct {
	c      Config
	fsys   fs.FS
	name   string
	tally  *ticket.ChatTally
	yield  func(ticket.Ticket, error) bool
	done   bool // the consumer stopped the sequence
	users  map[string]*user
	byMail map[string]*user
	byName map[string][]*user
	// unknown counts the messages of users users.json lacks, reported at
	// the end at the first message of each.
	unknown     map[string]*unknownUser
	unknownList []string
	lowerKeys   []string // resolution keywords, lower-cased
	workflows   map[string]*Workflow
	resolvers   map[string]bool // resolution workflows, lower-cased names and IDs
}

type unknownUser struct {
	at diag.Pos
	n  int
}

// report yields a finding that skips nothing.
func (r *reader) report(d diag.Diagnostic) {
	if !r.done && !r.yield(ticket.Ticket{}, d) {
		r.done = true
	}
}

// skip yields the finding that made a message unreadable.
func (r *reader) skip(d diag.Diagnostic) {
	r.tally.Unreadable++
	if !r.done && !r.yield(ticket.Ticket{}, &ticket.SkippedRow{Diagnostic: d}) {
		r.done = true
	}
}

func readFS(fsys fs.FS, name string, c Config, tally *ticket.ChatTally, yield func(ticket.Ticket, error) bool) {
	r := &reader{c: c, fsys: fsys, name: name, tally: tally, yield: yield, users: map[string]*user{},
		byMail: map[string]*user{}, byName: map[string][]*user{}, unknown: map[string]*unknownUser{},
		workflows: map[string]*Workflow{}, resolvers: map[string]bool{}}
	for _, k := range c.Resolution.Keywords {
		r.lowerKeys = append(r.lowerKeys, strings.ToLower(k))
	}
	for i := range c.Workflows {
		r.workflows[strings.ToLower(c.Workflows[i].Name)] = &c.Workflows[i]
	}
	for _, w := range c.Resolution.Workflows {
		r.resolvers[strings.ToLower(w)] = true
	}
	haveUsers := r.readUsers()
	chans := r.readChannels()
	tally.Desks = len(c.Desks)
	for i := range c.Desks {
		if r.done {
			return
		}
		r.readDesk(&c.Desks[i], chans, haveUsers)
	}
	for _, id := range r.unknownList {
		u := r.unknown[id]
		r.report(finding(RuleUnknownUser, u.at, "", "user %s is not in users.json (%d message%s): read as a requester known by ID only", id, u.n, plural(u.n)))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// readUsers reads users.json; false when the export has none.
func (r *reader) readUsers() bool {
	data := r.readFile("users.json")
	if data == nil {
		return false
	}
	jf := newJSONFile(r.file("users.json"), data)
	jf.elements("user", r.fileReporter(jf), func(e element) int {
		var u user
		if err := json.Unmarshal(e.data, &u); err != nil || u.ID == "" {
			off, msg := 0, "a user without an id"
			if err != nil {
				off, msg, _ = decodeError(err, len(e.data))
			}
			r.report(finding(RuleBadValue, jf.pos(e.start+off), "", "users.json: %s; this user is not known by name or e-mail", msg))
			return next
		}
		r.users[u.ID] = &u
		if m := strings.ToLower(u.Profile.Email); m != "" {
			r.byMail[m] = &u
		}
		for _, n := range []string{u.Name, u.Profile.DisplayName, u.Profile.RealName, u.RealName} {
			if n = strings.ToLower(n); n != "" && !slices.Contains(r.byName[n], &u) {
				r.byName[n] = append(r.byName[n], &u)
			}
		}
		return next
	})
	return true
}

// readChannels reads channels.json and groups.json (when there is one).
func (r *reader) readChannels() []channel {
	var out []channel
	for _, f := range []string{"channels.json", "groups.json"} {
		if f == "groups.json" {
			if _, err := fs.Stat(r.fsys, f); err != nil {
				continue
			}
		}
		data := r.readFile(f)
		if data == nil {
			continue
		}
		jf := newJSONFile(r.file(f), data)
		jf.elements("channel", r.fileReporter(jf), func(e element) int {
			var ch channel
			if err := json.Unmarshal(e.data, &ch); err != nil || ch.Name == "" {
				off, msg := 0, "a channel without a name"
				if err != nil {
					off, msg, _ = decodeError(err, len(e.data))
				}
				r.report(finding(RuleBadValue, jf.pos(e.start+off), "", "%s: %s; it is left out", f, msg))
				return next
			}
			out = append(out, ch)
			return next
		})
	}
	return out
}

// fileReporter reports the findings of a file's array at its offsets.
func (r *reader) fileReporter(jf *jsonFile) func(rule string, off int, format string, args ...any) {
	return func(rule string, off int, format string, args ...any) {
		r.report(finding(rule, jf.pos(off), "", format, args...))
	}
}

// deskChannel is one channel of a desk being read.
type deskChannel struct {
	id, name string
}

// dayFile is one day file of a desk's channel.
type dayFile struct {
	day string // 2026-11-02
	ch  *deskChannel
}

// deskReader holds the state of one desk: its agents and its open
// threads.
type deskReader struct {
	*reader
	desk    *Desk
	agents  map[string]string // Slack user ID → the name reports give the agent
	byID    map[string]*deskChannel
	threads map[msgKey]*thread
	// early holds replies whose parent has not been read yet, by thread.
	early map[msgKey][]earlyReply
	day   []dayMessage // the messages of the day being read
	order []int32      // their indexes in time order
	// today and yesterday hold the top-level messages of the last two
	// days read, by channel and ts.
	today, yesterday map[msgKey]struct{}
}

type msgKey struct {
	ch string // the channel's folder name
	ts stamp
}

// thread is an open thread: an inquiry, or a message that is not one
// whose replies are counted with it.
type thread struct {
	inq     *inquiry // nil for a message that is no inquiry
	count   *int     // the tally count its replies go to, when inq is nil
	replies int      // replies its parent announces (reply_count)
	seen    int
}

// inquiry is an inquiry being read.
type inquiry struct {
	t            ticket.Ticket
	requesterID  string
	answered     bool
	resolved     bool
	last         stamp // the latest message of its thread
	reacted      bool  // a resolution reaction is on it
	reactedAgent bool  // … added by an agent other than the requester
	reactedBy    string
}

type earlyReply struct {
	m   message
	pos diag.Pos
}

func (r *reader) readDesk(d *Desk, chans []channel, haveUsers bool) {
	dr := &deskReader{reader: r, desk: d, agents: map[string]string{}, byID: map[string]*deskChannel{},
		threads: map[msgKey]*thread{}, early: map[msgKey][]earlyReply{}, today: map[msgKey]struct{}{}, yesterday: map[msgKey]struct{}{}}
	dr.linkAgents(haveUsers)
	var files []dayFile
	for i, spec := range d.Channels {
		ch := dr.channel(spec, chans)
		if ch == nil {
			r.report(finding(RuleUnknownChannel, d.chanAt[i], d.ptr+fmt.Sprintf("/channels/%d", i),
				"desk %q names channel %q, which the export does not have (neither in channels.json nor as a folder): nothing is measured for it", d.Name, spec))
			continue
		}
		r.tally.Channels++
		entries, err := fs.ReadDir(r.fsys, ch.name)
		if errors.Is(err, fs.ErrNotExist) && ch.id != "" {
			continue // a channel of channels.json without a message in the export
		}
		if err != nil {
			r.report(finding(RuleUnreadableFile, diag.Pos{File: r.file(ch.name)}, "", "the folder of channel %q cannot be read: %v", ch.name, unwrapPath(err)))
			continue
		}
		for _, e := range entries {
			n := e.Name()
			if !strings.HasSuffix(n, ".json") {
				continue
			}
			day := strings.TrimSuffix(n, ".json")
			if _, err := time.Parse(time.DateOnly, day); err != nil {
				r.report(finding(RuleUnreadableFile, diag.Pos{File: r.file(ch.name + "/" + n)}, "",
					"%s/%s is not named as a day (2026-11-02.json): it is not read", ch.name, n))
				continue
			}
			files = append(files, dayFile{day: day, ch: ch})
		}
	}
	slices.SortStableFunc(files, func(a, b dayFile) int { return strings.Compare(a.day, b.day) })
	for i := 0; i < len(files); {
		j := i + 1
		for j < len(files) && files[j].day == files[i].day {
			j++
		}
		for _, f := range files[i:j] {
			if r.done {
				return
			}
			dr.readDay(f)
		}
		// The day's messages of all the desk's channels in time order, so
		// that a channel answer in one channel follows the inquiry of
		// another it links to.
		order := dr.order[:0]
		for k := range dr.day {
			order = append(order, int32(k))
		}
		if !slices.IsSortedFunc(dr.day, func(a, b dayMessage) int { return cmp.Compare(a.ts, b.ts) }) {
			slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(dr.day[a].ts, dr.day[b].ts) })
		}
		for _, k := range order {
			dm := &dr.day[k]
			dr.message(&dm.m, dm.ch, dm.ts, dm.parent, dm.human, dm.pos)
		}
		dr.order = order
		clear(dr.day)
		dr.day = dr.day[:0]
		// Top-level messages are remembered a day more, to tell a message
		// read twice (a day file exported twice under two dates).
		clear(dr.yesterday)
		dr.yesterday, dr.today = dr.today, dr.yesterday
		i = j
	}
	dr.finish()
}

// dayMessage is a message of the day being read, decoded.
type dayMessage struct {
	m          message
	ch         *deskChannel
	ts, parent stamp
	human      bool
	pos        diag.Pos
}

// channel finds a desk's channel in the export by name or ID.
func (dr *deskReader) channel(spec string, chans []channel) *deskChannel {
	for _, c := range chans {
		if c.Name == spec || c.ID == spec {
			ch := &deskChannel{id: c.ID, name: c.Name}
			dr.byID[c.ID] = ch
			return ch
		}
	}
	if fi, err := fs.Stat(dr.fsys, spec); err == nil && fi.IsDir() {
		return &deskChannel{name: spec}
	}
	return nil
}

// linkAgents finds each agent of the desk among the export's users.
func (dr *deskReader) linkAgents(haveUsers bool) {
	for _, a := range dr.desk.Agents {
		var u *user
		switch {
		case a.ID != "":
			u = dr.users[a.ID]
			if u == nil && !haveUsers {
				u = &user{ID: a.ID}
			}
		case a.Email != "" && dr.byMail[strings.ToLower(a.Email)] != nil:
			u = dr.byMail[strings.ToLower(a.Email)]
		case a.Name != "":
			if us := dr.byName[strings.ToLower(a.Name)]; len(us) == 1 {
				u = us[0]
			}
		}
		if u == nil {
			who := cmp.Or(a.ID, a.Email, "@"+a.Name)
			if a.Person != "" {
				who = fmt.Sprintf("Person %q (e-mail %q, name %q)", a.Person, a.Email, a.Name)
			}
			dr.report(finding(RuleUnlinkedAgent, a.at, a.ptr, "agent %s of desk %q is no user of the export: their replies cannot answer an inquiry", who, dr.desk.Name))
			continue
		}
		dr.agents[u.ID] = cmp.Or(a.Person, u.label())
	}
}

// readDay reads one day file of a desk's channel.
func (dr *deskReader) readDay(f dayFile) {
	p := f.ch.name + "/" + f.day + ".json"
	data := dr.readFile(p)
	if data == nil {
		return
	}
	dr.tally.Files++
	jf := newJSONFile(dr.file(p), data)
	jf.maxValue = dr.maxMessage()
	jf.elements("message", dr.fileReporter(jf), func(e element) int {
		if dr.done {
			return stop
		}
		dr.tally.Messages++
		return dr.element(jf, f.ch, e)
	})
}

// element reads one message of a day file.
func (dr *deskReader) element(jf *jsonFile, ch *deskChannel, e element) int {
	pos := jf.pos(e.start)
	if len(e.data) > dr.maxMessage() {
		// The message was cut at the limit: go on at the next one, as
		// after a broken message.
		at := jf.resync(e.start, e.start+len(e.data))
		if at < 0 {
			dr.skip(finding(RuleTooLarge, pos, "", "a message over the limit of %d bytes (maxMessageBytes): it is skipped, and no message follows it", dr.maxMessage()))
			return stop
		}
		dr.skip(finding(RuleTooLarge, pos, "", "a message over the limit of %d bytes (maxMessageBytes): it is skipped; reading goes on at line %d", dr.maxMessage(), jf.pos(at).Line))
		return at
	}
	if e.data[0] != '{' {
		if e.data[0] == '[' || e.data[0] == '"' || record.ValueEnd(e.data, 0) == len(e.data) && json.Valid(e.data) {
			dr.skip(finding(RuleBadMessage, pos, "", "%s where a message (a JSON object) belongs: it is skipped", kindOf(e.data[0])))
			return next
		}
	}
	var m message
	// Most messages take the fast road; a broken one, or one with a value
	// of an unexpected form, is decoded again by encoding/json, which says
	// what is wrong and where.
	if !json.Valid(e.data) || !m.decodeFast(e.data) {
		if err := json.Unmarshal(e.data, &m); err != nil {
			off, msg, syntax := decodeError(err, len(e.data))
			if syntax {
				at := jf.pos(e.start + off)
				if end := jf.resync(e.start, e.start+off); end >= 0 {
					dr.skip(finding(RuleBadJSON, at, "", "%s: the message is skipped; reading goes on at line %d", msg, jf.pos(end).Line))
					return end
				}
				dr.skip(finding(RuleBadJSON, at, "", "%s: the message is skipped, and the rest of the file cannot be read (is it cut short?)", msg))
				return stop
			}
			// A value of the wrong type: read the message without it.
			m.members(e.data, func(key string, off int, err error) {
				_, msg, _ := decodeError(err, len(e.data))
				dr.report(finding(RuleBadValue, jf.pos(e.start+off), "", "%s: %s; the message is read without it", key, msg))
			})
		}
	}
	ts, ok := parseStamp(m.TS)
	if !ok {
		dr.skip(finding(RuleBadMessage, dr.memberPos(jf, e, "ts"), "", "ts %q is not a Slack timestamp such as 1762151400.000100: the message is skipped", m.TS))
		return next
	}
	var parent stamp
	if m.ThreadTS != "" {
		if parent, ok = parseStamp(m.ThreadTS); !ok {
			dr.skip(finding(RuleBadMessage, dr.memberPos(jf, e, "thread_ts"), "", "thread_ts %q is not a Slack timestamp: the message is skipped", m.ThreadTS))
			return next
		}
	}
	if !jf.validUTF8 && !utf8.Valid(e.data) {
		dr.report(finding(RuleInvalidUTF8, pos, "", "the message holds bytes that are not UTF-8; they are read as U+FFFD"))
	}
	human := m.BotID == "" && (m.Subtype == "" || m.Subtype == "thread_broadcast" || m.Subtype == "me_message" || m.Subtype == "file_share")
	if human && m.User == "" {
		dr.skip(finding(RuleBadMessage, pos, "", "a message without a user or a bot_id: it cannot be placed, and is skipped"))
		return next
	}
	if human {
		dr.knowUser(m.User, pos)
	}
	dr.day = append(dr.day, dayMessage{m: m, ch: ch, ts: ts, parent: parent, human: human, pos: pos})
	return next
}

// memberPos is the position of a member's value, or of the message.
func (dr *deskReader) memberPos(jf *jsonFile, e element, key string) diag.Pos {
	if off := memberAt(e.data, key); off >= 0 {
		return jf.pos(e.start + off)
	}
	return jf.pos(e.start)
}

// knowUser counts a message of a user users.json lacks.
func (dr *deskReader) knowUser(id string, pos diag.Pos) {
	if _, ok := dr.users[id]; ok {
		return
	}
	if _, agent := dr.agents[id]; agent {
		return
	}
	u := dr.unknown[id]
	if u == nil {
		u = &unknownUser{at: pos}
		dr.unknown[id] = u
		dr.unknownList = append(dr.unknownList, id)
	}
	u.n++
}

// message places one readable message.
func (dr *deskReader) message(m *message, ch *deskChannel, ts, parent stamp, human bool, pos diag.Pos) {
	if parent != 0 && parent != ts {
		dr.reply(m, ch, ts, parent, human, pos)
		return
	}
	key := msgKey{ch.name, ts}
	_, dup := dr.today[key]
	if _, again := dr.yesterday[key]; again || dup || dr.threads[key] != nil {
		dr.skip(finding(RuleBadMessage, pos, "", "a second message with ts %s in channel %s, where a ts names one message: it is skipped (is a day file in the export twice?)", ts, ch.name))
		return
	}
	dr.today[key] = struct{}{}
	var count *int
	switch {
	case m.Subtype == "tombstone" || m.Subtype == "message_deleted":
		count = &dr.tally.Deleted
	case isJoin(m.Subtype):
		count = &dr.tally.Joins
	case !human && m.BotID == "" && m.Subtype != "bot_message":
		count = &dr.tally.Notices
	case !human:
		if w := dr.intake(m); w != nil {
			dr.inquiry(m, ch, ts, key, pos, w)
			return
		}
		count = &dr.tally.Bots
	default:
		if _, agent := dr.agents[m.User]; agent {
			if dr.channelAnswer(m, ts) {
				count = &dr.tally.ChannelAnswers
			} else {
				count = &dr.tally.AgentPosts
			}
		} else {
			dr.inquiry(m, ch, ts, key, pos, nil)
			return
		}
	}
	*count++
	if n := m.ReplyCount; n > 0 {
		dr.threads[key] = &thread{count: count, replies: n}
		dr.takeEarly(key)
	}
}

// isJoin reports whether a subtype is a join or a leave.
func isJoin(subtype string) bool {
	switch subtype {
	case "channel_join", "channel_leave", "group_join", "group_leave":
		return true
	}
	return false
}

// intake returns the intake workflow that posted a bot's message, or nil.
func (dr *deskReader) intake(m *message) *Workflow {
	for _, n := range dr.botNames(m) {
		if w := dr.workflows[n]; w != nil {
			return w
		}
	}
	return nil
}

// botNames are the lower-cased names and ID a bot's message gives.
func (dr *deskReader) botNames(m *message) []string {
	out := []string{strings.ToLower(m.BotID), strings.ToLower(m.Username)}
	if m.BotProfile != nil {
		out = append(out, strings.ToLower(m.BotProfile.Name))
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// channelAnswer records an agent's top-level message that links to
// inquiries of the desk as their answer, and reports whether it links to
// one.
func (dr *deskReader) channelAnswer(m *message, ts stamp) bool {
	refs := permalinks(m.Text)
	found := false
	for _, ref := range refs {
		ch := dr.byID[ref.channel]
		if ch == nil {
			continue
		}
		found = true
		th := dr.threads[msgKey{ch.name, ref.ts}]
		if th == nil || th.inq == nil || ref.ts > ts {
			continue
		}
		dr.answer(th, m, ts, ticket.Agent)
		dr.maybeDone(msgKey{ch.name, ref.ts}, th)
	}
	return found
}

// inquiry starts an inquiry.
func (dr *deskReader) inquiry(m *message, ch *deskChannel, ts stamp, key msgKey, pos diag.Pos, w *Workflow) {
	dr.tally.Inquiries++
	text := plain(m.Text, dr.userName)
	in := &inquiry{requesterID: m.User, last: ts}
	t := &in.t
	t.ID = ch.name + "/" + ts.String()
	t.Title = title(text)
	t.Service = dr.desk.Service
	t.Severity = dr.desk.Severity
	t.Customer = dr.desk.Customer
	t.Channel = ticket.Chat
	t.Created = ts.Time()
	t.Source = ticket.Source{File: pos.File, Line: pos.Line, Column: pos.Column}
	if dr.c.Workspace != "" && ch.id != "" {
		t.Link = "https://" + dr.c.Workspace + ".slack.com/archives/" + ch.id + "/" + ts.permalinkID()
	}
	if w != nil {
		fs := fields(m.Text)
		req := ""
		if w.Requester != "" {
			req = fs[w.Requester]
		}
		if ids := mentions(cmp.Or(req, m.Text)); len(ids) > 0 {
			in.requesterID = ids[0]
		}
		if w.RequestType != "" {
			t.RequestType = plain(fs[w.RequestType], dr.userName)
		}
		for label, param := range w.Parameters {
			if v, ok := fs[label]; ok {
				if t.Parameters == nil {
					t.Parameters = map[string]any{}
				}
				t.Parameters[param] = plain(v, dr.userName)
			}
		}
		t.Title = title(plain(cmp.Or(fs["Title"], fs["件名"], m.Text), dr.userName))
	}
	t.Requester = dr.userName(in.requesterID)
	if t.RequestType == "" {
		t.RequestType = dr.classify(text, m.Reactions)
	}
	for _, rc := range m.Reactions {
		if !slices.Contains(dr.c.Resolution.Reactions, rc.Name) {
			continue
		}
		in.reacted = true
		for _, u := range rc.Users {
			if _, agent := dr.agents[u]; agent && u != in.requesterID {
				in.reactedAgent, in.reactedBy = true, u
			}
		}
		if in.reactedBy == "" && len(rc.Users) > 0 {
			in.reactedBy = rc.Users[0]
		}
	}
	th := &thread{inq: in, replies: m.ReplyCount}
	dr.threads[key] = th
	dr.takeEarly(key)
	dr.maybeDone(key, th)
}

// classify gives an inquiry the request type of the first matching rule.
func (dr *deskReader) classify(text string, reactions []reaction) string {
	lower := strings.ToLower(text)
	for _, rule := range dr.desk.Types {
		for _, k := range rule.Keywords {
			if strings.Contains(lower, strings.ToLower(k)) {
				return rule.RequestType
			}
		}
		for _, rc := range reactions {
			if slices.Contains(rule.Reactions, rc.Name) {
				return rule.RequestType
			}
		}
	}
	return ""
}

// userName is how reports name a user: an agent's Person, else the
// user's display name, else the ID.
func (dr *deskReader) userName(id string) string {
	if n, ok := dr.agents[id]; ok {
		return n
	}
	if u := dr.users[id]; u != nil {
		return u.label()
	}
	return id
}

// takeEarly places the replies read before their parent.
func (dr *deskReader) takeEarly(key msgKey) {
	early, ok := dr.early[key]
	if !ok {
		return
	}
	delete(dr.early, key)
	for _, e := range early {
		ts, _ := parseStamp(e.m.TS)
		if ts < key.ts {
			dr.tally.Orphans++
			dr.report(finding(RuleReplyBeforeParent, e.pos, "", "a reply (ts %s) earlier than its parent (ts %s) cannot answer it: it is not measured", ts, key.ts))
			continue
		}
		dr.report(finding(RuleReplyBeforeParent, e.pos, "", "a reply read before its parent (ts %s), in an earlier day file: it is measured with it", key.ts))
		human := e.m.BotID == "" && e.m.Subtype != "bot_message"
		dr.reply(&e.m, &deskChannel{name: key.ch}, ts, key.ts, human, e.pos)
	}
}

// reply places a message of a thread.
func (dr *deskReader) reply(m *message, ch *deskChannel, ts, parent stamp, human bool, pos diag.Pos) {
	key := msgKey{ch.name, parent}
	th := dr.threads[key]
	if th == nil {
		dr.early[key] = append(dr.early[key], earlyReply{m: *m, pos: pos})
		return
	}
	if ts < parent {
		dr.tally.Orphans++
		dr.report(finding(RuleReplyBeforeParent, pos, "", "a reply (ts %s) earlier than its parent (ts %s) cannot answer it: it is not measured", ts, parent))
		return
	}
	th.seen++
	if th.inq == nil {
		*th.count++
		if th.seen >= th.replies {
			delete(dr.threads, key)
		}
		return
	}
	in := th.inq
	in.last = max(in.last, ts)
	switch {
	case !human:
		dr.tally.Bots++
		if dr.resolver(m) && !in.resolved {
			in.resolved = true
			in.t.History = append(in.t.History, ticket.Activity{At: ts.Time(), Status: ticket.Resolved, Actor: ticket.Bot, By: cmp.Or(m.Username, m.BotID)})
		}
	default:
		dr.tally.Replies++
		actor := ticket.Requester
		if _, agent := dr.agents[m.User]; agent && m.User != in.requesterID {
			actor = ticket.Agent
		}
		dr.answer(th, m, ts, actor)
		if !in.resolved && containsAny(m.Text, dr.lowerKeys) {
			at := ts
			if m.Edited != nil {
				if e, ok := parseStamp(m.Edited.TS); ok && e > at {
					at = e
				}
			}
			in.resolved = true
			in.t.History = append(in.t.History, ticket.Activity{At: at.Time(), Status: ticket.Resolved, Actor: actor, By: dr.userName(m.User)})
		}
		if actor == ticket.Agent {
			dr.missNotes(in, m.Text)
		}
	}
	dr.maybeDone(key, th)
}

// resolver reports whether a bot's message is a resolution workflow's.
func (dr *deskReader) resolver(m *message) bool {
	for _, n := range dr.botNames(m) {
		if dr.resolvers[n] {
			return true
		}
	}
	return false
}

// answer records a person's message on an inquiry as its activity.
func (dr *deskReader) answer(th *thread, m *message, ts stamp, actor ticket.Actor) {
	in := th.inq
	in.t.History = append(in.t.History, ticket.Activity{At: ts.Time(), Actor: actor, By: dr.userName(m.User)})
	if actor == ticket.Agent && !in.answered {
		in.answered = true
		in.t.Assignee = dr.userName(m.User)
	}
}

// missNotes reads the miss note lines of an agent's reply.
func (dr *deskReader) missNotes(in *inquiry, text string) {
	n := &dr.c.MissNotes
	for _, f := range []struct {
		prefix string
		to     *string
	}{{n.Reason, &in.t.Miss.Reason}, {n.Analysis, &in.t.Miss.Analysis}, {n.Problem, &in.t.Miss.Problem}, {n.Improvement, &in.t.Miss.Improvement}} {
		if v, ok := noteLine(text, f.prefix); ok {
			*f.to = v
		}
	}
}

// maybeDone yields an inquiry once nothing more can change it: every
// reply its parent announces is read, and it is answered.
func (dr *deskReader) maybeDone(key msgKey, th *thread) {
	if th.seen < th.replies || th.inq == nil || !th.inq.answered || dr.threads[key] != th {
		return // not done, or yielded already
	}
	delete(dr.threads, key)
	dr.emit(th.inq)
}

// finish yields the inquiries still open and reports orphan replies.
func (dr *deskReader) finish() {
	open := make([]*inquiry, 0, len(dr.threads))
	for _, th := range dr.threads {
		if th.inq != nil {
			open = append(open, th.inq)
		}
	}
	slices.SortFunc(open, func(a, b *inquiry) int { return a.t.Created.Compare(b.t.Created) })
	for _, in := range open {
		dr.emit(in)
	}
	clear(dr.threads)
	keys := make([]msgKey, 0, len(dr.early))
	for k := range dr.early {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b msgKey) int { return cmp.Or(strings.Compare(a.ch, b.ch), cmp.Compare(a.ts, b.ts)) })
	for _, k := range keys {
		replies := dr.early[k]
		dr.tally.Orphans += len(replies)
		dr.report(finding(RuleOrphanReply, replies[0].pos, "", "%d repl%s to a thread (ts %s) whose parent is not in the export's channel %s, or whose thread was complete by its reply_count: not measured",
			len(replies), pluralY(len(replies)), k.ts, k.ch))
	}
	clear(dr.early)
}

func pluralY(n int) string {
	if n == 1 {
		return "y"
	}
	return "ies"
}

// emit yields an inquiry as a ticket.
func (dr *deskReader) emit(in *inquiry) {
	if in.reacted && !in.resolved {
		actor := ticket.Requester
		if in.reactedAgent {
			actor = ticket.Agent
		}
		in.t.History = append(in.t.History, ticket.Activity{At: in.last.Time(), Status: ticket.Resolved, Actor: actor, By: dr.userName(in.reactedBy)})
		if actor == ticket.Agent && !in.answered {
			in.answered = true
			in.t.Assignee = dr.userName(in.reactedBy)
		}
	}
	slices.SortStableFunc(in.t.History, func(a, b ticket.Activity) int { return a.At.Compare(b.At) })
	if !dr.done && !dr.yield(in.t, nil) {
		dr.done = true
	}
}
