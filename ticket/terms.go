package ticket

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terms splits a ticket title into the words the inventory counts to find
// recurring requests. Latin words are lower-cased and full-width letters
// folded to ASCII. Japanese text, which has no spaces, is cut where the
// script changes: a run of katakana (パスワード) or of kanji (再発行) is a
// word, and a kanji run keeps the hiragana that inflects it (使えない,
// 反映されない) unless that starts with a particle (の, が, を, ...).
// Other hiragana, single letters, words with digits (IDs, dates, host
// numbers) and a few filler words are dropped.
func Terms(title string) []string {
	return appendTerms(nil, title)
}

type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptKatakana
	scriptKanji
	scriptHiragana
)

func scriptOf(r rune) script {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return scriptLatin
		}
		return scriptNone
	case r == 'ー' || unicode.Is(unicode.Katakana, r):
		return scriptKatakana
	case unicode.Is(unicode.Han, r) || r == '々':
		return scriptKanji
	case unicode.Is(unicode.Hiragana, r):
		return scriptHiragana
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return scriptLatin
	}
	return scriptNone
}

// fold maps full-width ASCII to ASCII and upper case to lower case.
func fold(r rune) rune {
	if r >= '！' && r <= '～' {
		r -= '！' - '!'
	}
	return unicode.ToLower(r)
}

func appendTerms(out []string, title string) []string {
	var word strings.Builder
	cur := scriptNone  // the script of the word being built
	okurigana := false // the word is a kanji run taking its hiragana ending
	digits := false
	flush := func() {
		w := word.String()
		word.Reset()
		if keepTerm(w, cur, digits) {
			out = append(out, w)
		}
		digits, okurigana = false, false
	}
	for _, r := range title {
		r = fold(r)
		s := scriptOf(r)
		switch {
		case s == cur:
		case cur == scriptKanji && s == scriptHiragana && !isParticle(r):
			okurigana = true // 使 + えない: one word
		case okurigana && s == scriptHiragana:
		default:
			if cur != scriptNone {
				flush()
			}
			cur = s
		}
		if cur == scriptKanji && okurigana && s != scriptHiragana {
			flush()
			cur = s
		}
		if s == scriptNone {
			continue
		}
		if r >= '0' && r <= '9' {
			digits = true
		}
		word.WriteRune(r)
	}
	if cur != scriptNone {
		flush()
	}
	return out
}

// isParticle reports whether a hiragana letter usually starts a particle,
// which ends the word before it rather than inflecting it.
func isParticle(r rune) bool {
	switch r {
	case 'の', 'が', 'を', 'に', 'は', 'で', 'と', 'も', 'へ', 'や', 'か', 'よ', 'ね':
		return true
	}
	return false
}

func keepTerm(w string, s script, digits bool) bool {
	if w == "" || digits || s == scriptHiragana {
		return false
	}
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	return !isFiller(w)
}

// isFiller lists words that say nothing about what is asked.
func isFiller(w string) bool {
	switch w {
	case "the", "an", "to", "of", "for", "in", "on", "is", "it", "and", "or", "my", "me", "we", "our", "be", "at", "by",
		"with", "from", "this", "that", "please", "pls", "re", "fw", "fwd", "help", "issue", "question", "request", "about",
		"について", "ください", "します", "しました", "します。", "ません", "たいです", "したい", "お願い", "願い", "依頼", "件", "質問",
		"問い合わせ", "問合せ", "確認", "です", "ました", "ている", "いただけ", "いただき", "でしょうか":
		return true
	}
	return false
}
