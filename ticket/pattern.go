package ticket

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pattern is a custom-field header pattern such as "Custom field ({name})"
// or "{name} [{type}]": literals around one {name} and at most one
// {type}, each placeholder between two literals (the outer ones may be
// empty).
type pattern struct {
	lits  []string // len(slots)+1 literals
	slots []byte   // 'n' for {name}, 't' for {type}
}

func parsePattern(s string) (pattern, error) {
	var p pattern
	rest := s
	lit := ""
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			p.lits = append(p.lits, lit+rest)
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return p, errors.New("a { without its }")
		}
		var slot byte
		switch rest[i : i+j+1] {
		case "{name}":
			slot = 'n'
		case "{type}":
			slot = 't'
		default:
			return p, errors.New("want {name} and at most one {type}, not " + rest[i:i+j+1])
		}
		if bytesContain(p.slots, slot) {
			return p, errors.New(rest[i:i+j+1] + " appears twice")
		}
		if len(p.slots) > 0 && lit+rest[:i] == "" {
			return p, errors.New("two placeholders need text between them")
		}
		p.lits = append(p.lits, lit+rest[:i])
		p.slots = append(p.slots, slot)
		lit, rest = "", rest[i+j+1:]
	}
	if !bytesContain(p.slots, 'n') {
		return p, errors.New("no {name}")
	}
	return p, nil
}

func bytesContain(b []byte, c byte) bool { return strings.IndexByte(string(b), c) >= 0 }

// match reads a header: the field's name and type, compared without
// regard to case. The {name} is the longest text that lets the rest
// match; a {type} is one word.
func (p pattern) match(h string) (name, typ string, ok bool) {
	first, last := p.lits[0], p.lits[len(p.lits)-1]
	if len(h) < len(first)+len(last) || !strings.EqualFold(h[:len(first)], first) || !strings.EqualFold(h[len(h)-len(last):], last) {
		return "", "", false
	}
	mid := h[len(first) : len(h)-len(last)]
	switch len(p.slots) {
	case 1:
		name = mid
	case 2:
		sep := p.lits[1]
		k := lastFold(mid, sep)
		if k < 0 {
			return "", "", false
		}
		a, b := mid[:k], mid[k+len(sep):]
		if p.slots[0] == 't' {
			a, b = b, a
		}
		name, typ = a, b
		if !oneWord(typ) {
			return "", "", false
		}
	}
	name = strings.TrimSpace(name)
	return name, strings.ToLower(typ), name != ""
}

// lastFold returns the last index of sep in s, compared without regard to
// case, or -1.
func lastFold(s, sep string) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if strings.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

func oneWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// stripTypeSuffix returns a header without a trailing field-type suffix
// ("Member ID [txt]" gives "Member ID"), and whether it had one.
func stripTypeSuffix(h string) (string, bool) {
	if !strings.HasSuffix(h, "]") {
		return h, false
	}
	i := strings.LastIndexByte(h, '[')
	if i <= 0 || !oneWord(h[i+1:len(h)-1]) {
		return h, false
	}
	base := strings.TrimSpace(h[:i])
	return base, base != ""
}

// lowerCamel names a parameter after a custom field's name: words
// separated by spaces or punctuation joined in lowerCamelCase ("Member
// ID" gives memberId, "New address" newAddress); a word in capitals is
// one word ("URL" gives url), a word in camelCase keeps its inner
// capitals, and text without cases (会員番号) is kept.
func lowerCamel(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r)
	})
	var b strings.Builder
	for i, w := range words {
		if isUpper(w) {
			w = strings.ToLower(w)
		}
		r, size := utf8.DecodeRuneInString(w)
		if i == 0 {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
		b.WriteString(w[size:])
	}
	if b.Len() == 0 {
		return strings.TrimSpace(name)
	}
	return b.String()
}

// isUpper reports whether a word has capitals and no small letters.
func isUpper(w string) bool {
	upper := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper = true
		}
	}
	return upper
}
