package slack

import (
	"strings"
	"unicode/utf8"
)

// Slack writes a message's text in its markup: <@U123> for a mention,
// <#C123|name> for a channel, <https://…|label> for a link, and &lt;,
// &gt; and &amp; for the three characters the markup uses.

// plain returns text as people read it: mentions as @name (names gives a
// user's name by ID), channels as #name, links as their label, entities
// decoded.
func plain(text string, names func(id string) string) string {
	if !strings.ContainsAny(text, "<&") {
		return text
	}
	var b strings.Builder
	for len(text) > 0 {
		i := strings.IndexAny(text, "<&")
		if i < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		text = text[i:]
		if text[0] == '&' {
			switch {
			case strings.HasPrefix(text, "&lt;"):
				b.WriteByte('<')
				text = text[4:]
			case strings.HasPrefix(text, "&gt;"):
				b.WriteByte('>')
				text = text[4:]
			case strings.HasPrefix(text, "&amp;"):
				b.WriteByte('&')
				text = text[5:]
			default:
				b.WriteByte('&')
				text = text[1:]
			}
			continue
		}
		end := strings.IndexByte(text, '>')
		if end < 0 {
			b.WriteString(text)
			break
		}
		inner := text[1:end]
		text = text[end+1:]
		target, label, _ := strings.Cut(inner, "|")
		switch {
		case strings.HasPrefix(target, "@"):
			if label == "" {
				label = names(target[1:])
			}
			b.WriteString("@" + label)
		case strings.HasPrefix(target, "#"):
			if label == "" {
				label = target[1:]
			}
			b.WriteString("#" + label)
		case strings.HasPrefix(target, "!"):
			b.WriteString("@" + strings.TrimPrefix(cmpOr(label, target[1:]), "@"))
		case label != "":
			b.WriteString(label)
		default:
			b.WriteString(target)
		}
	}
	return b.String()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// mentions returns the IDs of the users text mentions (<@U123>,
// <@U123|name>), in order.
func mentions(text string) []string {
	var out []string
	for {
		i := strings.Index(text, "<@")
		if i < 0 {
			return out
		}
		text = text[i+2:]
		end := strings.IndexAny(text, "|>")
		if end < 0 {
			return out
		}
		if id := text[:end]; isUserID(id) {
			out = append(out, id)
		}
		text = text[end:]
	}
}

// permalinks returns the channel IDs and timestamps of the message
// permalinks text holds (…/archives/C123/p1762151400000100).
func permalinks(text string) (refs []msgRef) {
	for {
		i := strings.Index(text, "/archives/")
		if i < 0 {
			return refs
		}
		text = text[i+len("/archives/"):]
		ch, rest, ok := strings.Cut(text, "/p")
		if !ok || ch == "" || strings.ContainsAny(ch, "/|> \n") {
			continue
		}
		n := 0
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n != 16 {
			continue
		}
		ts, ok := parseStamp(rest[:10] + "." + rest[10:16])
		if ok {
			refs = append(refs, msgRef{channel: ch, ts: ts})
		}
		text = rest[n:]
	}
}

// msgRef names a message: its channel's ID and its timestamp.
type msgRef struct {
	channel string
	ts      stamp
}

// title is the first line of a message's plain text, cut to a length a
// listing can show.
func title(text string) string {
	text = strings.TrimSpace(text)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = strings.TrimSpace(text[:i])
	}
	text = strings.Trim(text, "*_~")
	const max = 120
	if utf8.RuneCountInString(text) > max {
		n := 0
		for i := range text {
			if n == max {
				return text[:i] + "…"
			}
			n++
		}
	}
	return text
}

// fields reads the fields of a workflow's message, one a line: "Label:
// value" (or a full-width colon), or a line holding only a label, bold
// as Workflow Builder writes it ("*Label*"), followed by its value on
// the next line. Markup around labels is dropped. The first value of a
// label wins.
func fields(text string) map[string]string {
	out := map[string]string{}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		if label, value, ok := cutLabel(line); ok {
			if _, dup := out[label]; !dup && label != "" {
				out[label] = value
			}
			continue
		}
		if bold := strings.Trim(line, "*"); len(bold) < len(line) && i+1 < len(lines) {
			label := strings.TrimSpace(bold)
			if _, dup := out[label]; !dup && label != "" {
				out[label] = strings.TrimSpace(lines[i+1])
			}
			i++
		}
	}
	return out
}

// cutLabel splits "Label: value", "*Label*: value" or "Label：value".
func cutLabel(line string) (label, value string, ok bool) {
	i := strings.IndexByte(line, ':')
	j := strings.Index(line, "：")
	if i < 0 || (j >= 0 && j < i) {
		if j < 0 {
			return "", "", false
		}
		label, value = line[:j], line[j+len("："):]
	} else {
		label, value = line[:i], line[i+1:]
	}
	if strings.Contains(label, "://") || strings.HasPrefix(value, "//") {
		return "", "", false // a URL, not a label
	}
	label = strings.TrimSpace(strings.Trim(strings.TrimSpace(label), "*_"))
	return label, strings.TrimSpace(strings.Trim(strings.TrimSpace(value), "*_")), true
}

// noteLine returns the rest of the first line of text that starts with
// prefix, and whether there is one.
func noteLine(text, prefix string) (string, bool) {
	if prefix == "" {
		return "", false
	}
	for line := range strings.SplitSeq(text, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// containsAny reports whether text, lower-cased, holds one of the
// keywords (lower-cased already).
func containsAny(text string, keywords []string) bool {
	if len(keywords) == 0 {
		return false
	}
	text = strings.ToLower(text)
	for _, k := range keywords {
		if strings.Contains(text, k) {
			return true
		}
	}
	return false
}
