package yamlx

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file places yaml.v3's syntax errors at the mistake. yaml.v3 says
// where the construct around a parser error starts (the mapping that
// lacks a key, say), or, when that is the first line, where the mistake
// is: a mis-indented item on line 9 is reported at line 6, and the same
// mistake with a comment on line 1 at line 2. It gives no column, and no
// line at all for a control character. So the error's line is found again
// by parsing ever longer prefixes of the document (the first prefix that
// fails alike ends on the line at fault), and that line is looked at:
// its indentation against the lines before it, its quote or bracket, its
// control character.

// parserErrors are the problems libyaml's parser (rather than its scanner)
// reports; yaml.v3 gives their line 0-based.
var parserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// maxRefine is the largest document whose syntax error is placed by
// parsing its prefixes again (about twenty parses): a larger one keeps the
// line yaml.v3 gives.
const maxRefine = 8 << 20

// syntaxFinding turns a yaml.v3 error ("yaml: line 7: ...") into a finding
// at the file line, and where it can be told the column, of the mistake.
func syntaxFinding(src []byte, c chunk, idx int, err error) Finding {
	msg, line := splitError(err)
	parser := line > 0 && parserErrors[msg]
	if parser {
		line++ // yaml.v3 prints the 0-based line for parser (not scanner) errors
	}
	if line == 0 {
		line = 1 // yaml.v3 leaves the line out when it is the first one
	}
	col := 1
	switch off := firstControl(src); {
	case !utf8.Valid(src):
		// yaml.v3 gives no line for encoding errors; find the byte.
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col = position(src, off)
		msg = "invalid UTF-8: " + msg
	case msg == "control characters are not allowed" && off >= 0:
		r, _ := utf8.DecodeRune(src[off:])
		line, col = position(src, off)
		msg = fmt.Sprintf("control character %s is not allowed: delete it, or write it as an escape (%s) inside double quotes", runeName(r), escapeOf(r))
	case unknownAliasOffset(src, msg) >= 0:
		// yaml.v3 reports an unknown alias without a position: find it.
		line, col = position(src, unknownAliasOffset(src, msg))
	default:
		lines := lineStarts(src)
		if last := len(lines) - 2; line > last {
			line = last // an error at the end of input: name the last line
		}
		from := 1
		if parser {
			from = line // the construct around the mistake starts there
		}
		if len(src) <= maxRefine {
			line = failingLine(src, lines, from, msg, line)
		}
		col, msg = describeLine(src, lines, line, msg)
	}
	kind, name := envelope(src)
	return Finding{Rule: RuleSyntax, Line: line + c.line - 1, Column: col, Doc: idx, Message: msg, Kind: kind, Name: name}
}

// envelope reads, line by line, the kind and metadata.name of a document
// that does not parse: a top-level "kind:" line, and "name:" among the
// keys of a top-level "metadata:" (or in "metadata: {name: x}").
func envelope(src []byte) (kind, name string) {
	lines := lineStarts(src)
	meta, metaIndent := false, 0
	for n := 1; n+1 < len(lines); n++ {
		t := lineText(src, lines, n)
		if !content(t) {
			continue
		}
		ind := leadingSpaces(t)
		k, v, ok := keyValue(t[ind:])
		if ind == 0 {
			meta = false
			switch {
			case !ok:
			case k == "kind":
				kind = v
			case k == "metadata" && strings.HasPrefix(v, "{"):
				name = flowMember(v, "name")
			case k == "metadata" && v == "":
				meta, metaIndent = true, 0
			}
			continue
		}
		if !meta || name != "" {
			continue
		}
		if metaIndent == 0 {
			metaIndent = ind
		}
		if ok && ind == metaIndent && k == "name" {
			name = v
		}
	}
	return kind, name
}

// keyValue splits a block mapping line, "key: value # comment", into its
// key and its plain or quoted value.
func keyValue(text []byte) (key, value string, ok bool) {
	s := string(text)
	i := strings.Index(s, ": ")
	if i < 0 {
		if !strings.HasSuffix(s, ":") {
			return "", "", false
		}
		i = len(s) - 1
	}
	key, value = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if j := strings.Index(value, " #"); j >= 0 && !strings.HasPrefix(value, "\"") && !strings.HasPrefix(value, "'") {
		value = strings.TrimSpace(value[:j])
	}
	return key, unquote(value), key != ""
}

// flowMember returns the value of a member of a one-line flow mapping,
// "{name: x, title: y}".
func flowMember(flow, key string) string {
	flow = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(flow), "{"), "}")
	for _, part := range strings.Split(flow, ",") {
		if k, v, ok := strings.Cut(part, ":"); ok && strings.TrimSpace(k) == key {
			return unquote(strings.TrimSpace(v))
		}
	}
	return ""
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// splitError returns a yaml.v3 error's message without its "yaml: " and
// "line N: " prefixes, and N (0 when there is none).
func splitError(err error) (msg string, line int) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return rest[i+2:], n
			}
		}
	}
	return msg, 0
}

// lineStarts returns the byte offset of the start of each line of src,
// 1-based (out[0] is unused), with len(src) appended: line n spans
// out[n]:out[n+1]. Lines break as yaml.v3 breaks them.
func lineStarts(src []byte) []int {
	out := []int{0, 0}
	for i := 0; i < len(src); {
		if n := breakLen(src, i); n > 0 {
			i += n
			if i < len(src) {
				out = append(out, i)
			}
			continue
		}
		i++
	}
	return append(out, len(src))
}

// failingLine returns the first line n in [from, the last line] such that
// the document cut after line n fails with msg: the line the mistake is
// on. It returns fallback when the whole document does not fail alike.
// A prefix fails once it holds the mistake, whatever follows, so the
// search halves the range.
func failingLine(src []byte, lines []int, from int, msg string, fallback int) int {
	last := len(lines) - 2
	fails := func(n int) bool {
		_, err := decodeOne(src[:lines[n+1]], nil)
		if err == nil {
			return false
		}
		m, _ := splitError(err)
		return m == msg
	}
	if from < 1 || from > last || !fails(last) {
		return fallback
	}
	lo, hi := from, last
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// describeLine returns the column of the mistake on a line and what to
// say about it: the line's indentation against its siblings' when that is
// what is wrong, or yaml.v3's message.
func describeLine(src []byte, lines []int, n int, msg string) (int, string) {
	text := lineText(src, lines, n)
	indent := leadingSpaces(text)
	if what, siblings, want, ok := misindented(src, lines, n); ok {
		return indent + 1, fmt.Sprintf("this %s is indented by %d, %s by %d (%s)", what, indent, siblings, want, msg)
	}
	at := -1
	switch {
	case strings.Contains(msg, "tab"), msg == "found character that cannot start any token":
		at = bytes.IndexAny(text, "\t@`")
		if at >= 0 && text[at] == '\t' && len(bytes.TrimLeft(text[:at], " ")) == 0 {
			msg = "a tab indents this line, and YAML indents with spaces only (" + msg + ")"
		}
	case strings.Contains(msg, "quoted scalar"), strings.Contains(msg, "end of stream"):
		if at = tokenStart(text, "\"'"); at >= 0 && strings.Contains(msg, "end of stream") {
			// The first prefix to fail so holds a quote that nothing closes.
			msg = fmt.Sprintf("the quoted text that starts here with %c is never closed (%s)", text[at], msg)
		}
	case strings.Contains(msg, "',' or ']'"), strings.Contains(msg, "',' or '}'"), strings.Contains(msg, "flow"):
		at = tokenStart(text, "[{")
	case msg == "mapping values are not allowed in this context":
		at = lastValueIndicator(text)
	}
	if at < 0 {
		at = indent
	}
	return utf8.RuneCount(text[:at]) + 1, msg
}

// lineText returns line n without its line break.
func lineText(src []byte, lines []int, n int) []byte {
	if n < 1 || n+1 >= len(lines) {
		return nil
	}
	text := src[lines[n]:lines[n+1]]
	for len(text) > 0 {
		if c := text[len(text)-1]; c == '\n' || c == '\r' {
			text = text[:len(text)-1]
			continue
		}
		break
	}
	if end, _ := lineEnd(text, 0); end < len(text) {
		text = text[:end] // a NEL, LS or PS break
	}
	return text
}

func leadingSpaces(text []byte) int {
	n := 0
	for n < len(text) && text[n] == ' ' {
		n++
	}
	return n
}

// content reports whether a line holds more than spaces and a comment.
func content(text []byte) bool {
	rest := text[leadingSpaces(text):]
	return len(rest) > 0 && rest[0] != '#' && rest[0] != '\t'
}

// isItem reports whether a line's content starts a sequence item.
func isItem(text []byte) bool {
	rest := text[leadingSpaces(text):]
	return len(rest) > 0 && rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\t')
}

// isKey reports whether a line's content starts with a mapping key.
func isKey(text []byte) bool {
	rest := text[leadingSpaces(text):]
	if len(rest) > 0 && strings.IndexByte("\"'[{#", rest[0]) >= 0 {
		return false
	}
	i := bytes.Index(rest, []byte(": "))
	return i > 0 || bytes.HasSuffix(rest, []byte(":"))
}

// misindented looks at the indentation of line n against the blocks open
// before it: the indentation of each earlier line that is less indented
// than every line after it (and, for a sequence item, of its content). A
// line indented by none of them is indented wrong; it is compared with the
// nearest (the deeper on a tie, the usual slip being one space short):
// what the line is ("item", "key" or "line"), what its siblings are, and
// their indentation.
func misindented(src []byte, lines []int, n int) (what, siblings string, want int, ok bool) {
	text := lineText(src, lines, n)
	if !content(text) || bytes.IndexByte(text[:leadingSpaces(text)], '\t') >= 0 {
		return "", "", 0, false
	}
	indent := leadingSpaces(text)
	if p := previousContent(src, lines, n); p != nil && opensBlock(p) {
		// "key:" opens a block at any deeper indentation, and a sequence
		// may sit at the key's own.
		if ind := leadingSpaces(p); indent > ind || (indent == ind && isItem(text) && !isItem(p)) {
			return "", "", 0, false
		}
	}
	open := map[int]bool{}  // indentations of the blocks open at line n
	items := map[int]bool{} // those of them that hold sequence items
	keys := map[int]bool{}  // those of them that hold mapping keys
	least := 1 << 30
	for i := n - 1; i >= 1 && least > 0; i-- {
		t := lineText(src, lines, i)
		if !content(t) {
			continue
		}
		ind := leadingSpaces(t)
		if ind > least {
			continue
		}
		if ind < least && isItem(t) && least >= ind+2 {
			open[ind+2] = true // the content of the item, "- name: x"
			keys[ind+2] = keys[ind+2] || isKey(t[min(ind+2, len(t)):])
		}
		open[ind], least = true, ind
		items[ind] = items[ind] || isItem(t)
		keys[ind] = keys[ind] || isKey(t)
	}
	if len(open) == 0 || open[indent] {
		return "", "", 0, false
	}
	best := -1
	for lvl := range open {
		d, bd := abs(lvl-indent), abs(best-indent)
		if best < 0 || d < bd || (d == bd && lvl > best) {
			best = lvl
		}
	}
	switch {
	case isItem(text) && items[best]:
		return "item", "its siblings", best, true
	case isItem(text):
		return "item", "the lines before it", best, true
	case isKey(text) && keys[best]:
		return "key", "the keys before it", best, true
	}
	return "line", "the lines before it", best, true
}

// previousContent returns the last line before n that holds more than a
// comment, or nil.
func previousContent(src []byte, lines []int, n int) []byte {
	for i := n - 1; i >= 1; i-- {
		if t := lineText(src, lines, i); content(t) {
			return t
		}
	}
	return nil
}

// opensBlock reports whether a line ends where a nested block begins: a
// key with no value on its line ("spec:", "key: &anchor"), a lone "-", or
// the header of a block scalar ("key: |").
func opensBlock(text []byte) bool {
	if i := bytes.Index(text, []byte(" #")); i >= 0 {
		text = text[:i]
	}
	fields := strings.Fields(string(text))
	for len(fields) > 0 {
		last := fields[len(fields)-1]
		if last[0] != '&' && last[0] != '!' {
			break
		}
		fields = fields[:len(fields)-1] // an anchor or a tag of the block
	}
	if len(fields) == 0 {
		return false
	}
	last := fields[len(fields)-1]
	switch {
	case strings.HasSuffix(last, ":"), last == "-":
		return true
	case strings.Trim(last, "|>+-0123456789") == "" && strings.ContainsAny(last, "|>"):
		return true
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// tokenStart returns the offset of the first of chars on a line that
// starts a token (after a space, a bracket or a comma, or at the start),
// or -1.
func tokenStart(text []byte, chars string) int {
	for i, c := range text {
		if strings.IndexByte(chars, c) >= 0 && (i == 0 || strings.IndexByte(" \t[{,", text[i-1]) >= 0) {
			return i
		}
	}
	return -1
}

// lastValueIndicator returns the offset of the last ": " (or a ":" that
// ends the line) outside quotes, the colon yaml.v3 cannot take, or -1.
func lastValueIndicator(text []byte) int {
	at := -1
	var quote byte
	for i, c := range text {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || strings.IndexByte(" \t[{,:", text[i-1]) >= 0 {
				quote = c
			}
		case c == '#' && i > 0 && (text[i-1] == ' ' || text[i-1] == '\t'):
			return at
		case c == ':' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'):
			at = i
		}
	}
	return at
}

// firstControl returns the offset of the first character YAML does not
// allow in a stream (C0 and C1 controls other than tab and line breaks,
// DEL, surrogates, U+FFFE and U+FFFF), or -1. Invalid UTF-8 is not its
// business.
func firstControl(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			i++
			continue
		}
		if !printable(r) {
			return i
		}
		i += size
	}
	return -1
}

// printable is libyaml's test of the characters a stream may hold.
func printable(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0x7E) || r == 0x85 ||
		(r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// controlNames name the C0 controls, as people search for them.
var controlNames = [...]string{"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"}

// runeName writes a character YAML refuses: "U+0000 (NUL)".
func runeName(r rune) string {
	switch {
	case r >= 0 && int(r) < len(controlNames):
		return fmt.Sprintf("U+%04X (%s)", r, controlNames[r])
	case r == 0x7F:
		return "U+007F (DEL)"
	}
	return fmt.Sprintf("U+%04X", r)
}

// escapeOf returns the double-quoted escape of a character: "\0", "\x07"
// or "\uFFFE".
func escapeOf(r rune) string {
	switch {
	case r == 0:
		return `\0`
	case r <= 0xFF:
		return fmt.Sprintf(`\x%02X`, r)
	}
	return fmt.Sprintf(`\u%04X`, r)
}

// unknownAliasOffset returns the offset of the first "*name" token in src
// when msg is yaml.v3's "unknown anchor 'name' referenced", or -1.
func unknownAliasOffset(src []byte, msg string) int {
	name, ok := strings.CutPrefix(msg, "unknown anchor '")
	if !ok {
		return -1
	}
	if name, ok = strings.CutSuffix(name, "' referenced"); !ok || name == "" {
		return -1
	}
	token := "*" + name
	for from := 0; ; {
		i := bytes.Index(src[from:], []byte(token))
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(token)
		before := i == 0 || strings.IndexByte(" \t\r\n[{,", src[i-1]) >= 0
		after := end == len(src) || strings.IndexByte(" \t\r\n]},", src[end]) >= 0
		if before && after {
			return i
		}
		from = i + 1
	}
}
