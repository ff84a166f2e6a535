package slack

import (
	"encoding/json"
	"strconv"
	"time"
)

// message is a message of a day file: the members the reader uses.
// encoding/json skips the rest (blocks, attachments, files, ...).
type message struct {
	Type        string      `json:"type"`
	Subtype     string      `json:"subtype"`
	TS          string      `json:"ts"`
	ThreadTS    string      `json:"thread_ts"`
	User        string      `json:"user"`
	BotID       string      `json:"bot_id"`
	Username    string      `json:"username"`
	BotProfile  *botProfile `json:"bot_profile"`
	Text        string      `json:"text"`
	Edited      *edited     `json:"edited"`
	Reactions   []reaction  `json:"reactions"`
	ReplyCount  int         `json:"reply_count"`
	LatestReply string      `json:"latest_reply"`
}

type botProfile struct {
	Name string `json:"name"`
}

type edited struct {
	User string `json:"user"`
	TS   string `json:"ts"`
}

type reaction struct {
	Name  string   `json:"name"`
	Users []string `json:"users"`
}

// members decodes a message member by member, after decoding it whole
// failed on a value of the wrong type: each member that does not decode
// is left at its zero value and given to bad, with its offset in the
// object and the error. The object must be valid JSON.
func (m *message) members(obj []byte, bad func(key string, off int, err error)) {
	*m = message{}
	fields := map[string]any{
		"type": &m.Type, "subtype": &m.Subtype, "ts": &m.TS, "thread_ts": &m.ThreadTS, "user": &m.User,
		"bot_id": &m.BotID, "username": &m.Username, "bot_profile": &m.BotProfile, "text": &m.Text,
		"edited": &m.Edited, "reactions": &m.Reactions, "reply_count": &m.ReplyCount, "latest_reply": &m.LatestReply,
	}
	eachMember(obj, func(key string, off, end int) {
		ptr, ok := fields[key]
		if !ok {
			return
		}
		if err := json.Unmarshal(obj[off:end], ptr); err != nil {
			bad(key, off, err)
		}
	})
}

// eachMember calls fn with the key and the value's offsets of each
// top-level member of an object. The object must be valid JSON.
func eachMember(obj []byte, fn func(key string, off, end int)) {
	i := skipSpace(obj, 0)
	if i == len(obj) || obj[i] != '{' {
		return
	}
	i = skipSpace(obj, i+1)
	for i < len(obj) && obj[i] == '"' {
		kend := endOfString(obj, i)
		key := unquote(obj[i:kend])
		i = skipSpace(obj, kend)
		i = skipSpace(obj, i+1) // the colon
		end := endOfValue(obj, i)
		fn(key, i, end)
		i = skipSpace(obj, end)
		if i < len(obj) && obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
}

// stamp is a Slack timestamp: microseconds since the Unix epoch. Slack
// writes it as seconds, a dot and six digits ("1762151400.000100"); it
// names a message in its channel.
type stamp int64

// parseStamp reads a Slack timestamp: digits, optionally a dot and up to
// six digits.
func parseStamp(s string) (stamp, bool) {
	sec, frac, dot := cutByte(s, '.')
	if sec == "" || len(sec) > 12 || (dot && (frac == "" || len(frac) > 6)) {
		return 0, false
	}
	n, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	var us int64
	for i := 0; i < 6; i++ {
		us *= 10
		if i < len(frac) {
			c := frac[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			us += int64(c - '0')
		}
	}
	for i := 0; i < len(sec); i++ {
		if sec[i] < '0' || sec[i] > '9' {
			return 0, false
		}
	}
	return stamp(n*1_000_000 + us), true
}

func cutByte(s string, c byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// Time returns the instant, in UTC.
func (s stamp) Time() time.Time { return time.UnixMicro(int64(s)).UTC() }

// String writes the timestamp as Slack does.
func (s stamp) String() string {
	sec, us := int64(s)/1_000_000, int64(s)%1_000_000
	b := strconv.AppendInt(make([]byte, 0, 20), sec, 10)
	b = append(b, '.')
	frac := strconv.AppendInt(make([]byte, 0, 6), us, 10)
	for range 6 - len(frac) {
		b = append(b, '0')
	}
	return string(append(b, frac...))
}

// permalinkID is the timestamp as a permalink writes it: p and the
// digits without the dot.
func (s stamp) permalinkID() string {
	t := s.String()
	return "p" + t[:len(t)-7] + t[len(t)-6:]
}
