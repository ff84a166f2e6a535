package slack

import (
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/opsdesign/opsdesign/internal/record"
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
		kend := record.StringEnd(obj, i)
		key := unquote(obj[i:kend])
		i = skipSpace(obj, kend)
		i = skipSpace(obj, i+1) // the colon
		end := record.ValueEnd(obj, i)
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

// decodeFast decodes a message whose JSON is valid, member by member,
// reading the members it uses and skipping the rest unparsed: several
// times faster than encoding/json into the struct, which matters as every
// message is decoded. It reports false, leaving m to be decoded again by
// encoding/json, when a member it uses is not of the plain form it reads
// (a string, a small integer, or an object or array it hands to
// encoding/json).
func (m *message) decodeFast(obj []byte) bool {
	*m = message{}
	ok := true
	eachMember(obj, func(key string, off, end int) {
		if !ok {
			return
		}
		v := obj[off:end]
		var dst *string
		switch key {
		case "type":
			dst = &m.Type
		case "subtype":
			dst = &m.Subtype
		case "ts":
			dst = &m.TS
		case "thread_ts":
			dst = &m.ThreadTS
		case "user":
			dst = &m.User
		case "bot_id":
			dst = &m.BotID
		case "username":
			dst = &m.Username
		case "text":
			dst = &m.Text
		case "latest_reply":
			dst = &m.LatestReply
		case "reply_count":
			n, good := smallInt(v)
			m.ReplyCount, ok = n, good
			return
		case "bot_profile":
			ok = json.Unmarshal(v, &m.BotProfile) == nil
			return
		case "edited":
			ok = json.Unmarshal(v, &m.Edited) == nil
			return
		case "reactions":
			ok = json.Unmarshal(v, &m.Reactions) == nil
			return
		default:
			return
		}
		if len(v) > 0 && v[0] == 'n' { // null
			return
		}
		*dst, ok = quoted(v)
	})
	return ok
}

// quoted reads a JSON string literal: without escapes directly, else
// through encoding/json.
func quoted(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	inner := v[1 : len(v)-1]
	for _, c := range inner {
		if c == '\\' || c < ' ' {
			var s string
			err := json.Unmarshal(v, &s)
			return s, err == nil
		}
	}
	if !utf8.Valid(inner) { // encoding/json replaces the bad bytes
		var s string
		err := json.Unmarshal(v, &s)
		return s, err == nil
	}
	return string(inner), true
}

// smallInt reads a non-negative JSON integer of up to nine digits.
func smallInt(v []byte) (int, bool) {
	if len(v) == 0 || len(v) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
