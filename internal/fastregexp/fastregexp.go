// Package fastregexp matches the regular expressions that name patterns
// are written in with a scan of bytes instead of package regexp's
// machines. It recognises anchored expressions of ASCII character
// classes in three shapes:
//
//	^A(B{0,n}C)?$   a label: A, then up to n of B and one C, or A alone
//	^AB*$           A then any number of B (also ^A+$, and ^AB+$)
//	^(X)?$          any of these, or the empty string
//
// where A, B and C are character classes or single characters (outer
// capturing groups are ignored). Any other expression is compiled and
// matched by package regexp. Either way MatchString reports what
// regexp's MatchString reports for the same expression, on any input
// (FuzzMatchesRegexp); an expression on the fast path is never compiled
// by package regexp at all, which also spares the cost of compiling its
// bounded repetitions.
package fastregexp

import (
	"regexp"
	"regexp/syntax"
)

// Regexp is a compiled expression. It is safe for concurrent use.
type Regexp struct {
	expr string
	fast *label         // the byte scan, when the expression has one of the shapes
	re   *regexp.Regexp // otherwise
}

// Compile parses expr with regexp's syntax (RE2, as regexp.Compile) and
// returns a Regexp that matches the same strings. Its errors are
// regexp.Compile's.
func Compile(expr string) (*Regexp, error) {
	if l, ok := parseLabel(expr); ok {
		return &Regexp{expr: expr, fast: l}, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return &Regexp{expr: expr, re: re}, nil
}

// MustCompile is Compile, but panics when expr does not compile; for
// expressions written in the program.
func MustCompile(expr string) *Regexp {
	r, err := Compile(expr)
	if err != nil {
		panic("fastregexp: Compile(" + expr + "): " + err.Error())
	}
	return r
}

// MatchString reports whether s matches the expression anywhere, as
// regexp.Regexp.MatchString does (the fast shapes are anchored).
func (r *Regexp) MatchString(s string) bool {
	if r.fast != nil {
		return r.fast.match(s)
	}
	return r.re.MatchString(s)
}

// String returns the expression it was compiled from.
func (r *Regexp) String() string { return r.expr }

// Fast reports whether the expression is matched by the byte scan.
func (r *Regexp) Fast() bool { return r.fast != nil }

// class is a set of ASCII bytes.
type class [2]uint64

func (c *class) has(b byte) bool { return b < 128 && c[b>>6]&(1<<(b&63)) != 0 }

// label is one of the shapes of the package comment.
type label struct {
	empty  bool  // the empty string matches
	first  class // A
	mid    class // B
	last   class // C, for a bounded tail
	tail   int8  // tailNone, tailStar or tailBounded
	max    int   // n, for a bounded tail
	minMid int   // the least number of B in a star tail (B+ is 1)
}

const (
	tailNone int8 = iota
	tailStar
	tailBounded
)

func (l *label) match(s string) bool {
	if s == "" {
		return l.empty
	}
	if !l.first.has(s[0]) {
		return false
	}
	rest := s[1:]
	switch l.tail {
	case tailNone:
		return rest == ""
	case tailStar:
		if len(rest) < l.minMid {
			return false
		}
		for i := 0; i < len(rest); i++ {
			if !l.mid.has(rest[i]) {
				return false
			}
		}
		return true
	default: // tailBounded
		if rest == "" {
			return true
		}
		if len(rest)-1 > l.max || !l.last.has(rest[len(rest)-1]) {
			return false
		}
		for i := 0; i < len(rest)-1; i++ {
			if !l.mid.has(rest[i]) {
				return false
			}
		}
		return true
	}
}

// parseLabel recognises the shapes of the package comment in the syntax
// tree of expr, as regexp.Compile parses it.
func parseLabel(expr string) (*label, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	re = uncapture(re)
	if re.Op != syntax.OpConcat || len(re.Sub) < 3 {
		return nil, false
	}
	subs := re.Sub
	if subs[0].Op != syntax.OpBeginText || subs[len(subs)-1].Op != syntax.OpEndText {
		return nil, false
	}
	body := subs[1 : len(subs)-1]
	var l label
	if len(body) == 1 && body[0].Op == syntax.OpQuest {
		// ^(X)?$
		l.empty = true
		inner := uncapture(body[0].Sub[0])
		if inner.Op == syntax.OpConcat {
			body = inner.Sub
		} else {
			body = []*syntax.Regexp{inner}
		}
	}
	switch {
	case len(body) == 1 && body[0].Op == syntax.OpPlus:
		// A+
		c, ok := charClass(body[0].Sub[0])
		if !ok {
			return nil, false
		}
		l.first, l.mid, l.tail = c, c, tailStar
		return &l, true
	case len(body) == 1:
		c, ok := charClass(body[0])
		if !ok {
			return nil, false
		}
		l.first, l.tail = c, tailNone
		return &l, true
	case len(body) != 2:
		return nil, false
	}
	first, ok := charClass(body[0])
	if !ok {
		return nil, false
	}
	l.first = first
	t := body[1]
	switch t.Op {
	case syntax.OpStar, syntax.OpPlus:
		// AB*, AB+
		mid, ok := charClass(t.Sub[0])
		if !ok {
			return nil, false
		}
		l.mid, l.tail = mid, tailStar
		if t.Op == syntax.OpPlus {
			l.minMid = 1
		}
		return &l, true
	case syntax.OpQuest:
		// A(B{0,n}C)?
		q := uncapture(t.Sub[0])
		if q.Op != syntax.OpConcat || len(q.Sub) != 2 {
			return nil, false
		}
		rep, end := q.Sub[0], q.Sub[1]
		if rep.Op != syntax.OpRepeat || rep.Min != 0 || rep.Max < 0 {
			return nil, false
		}
		mid, ok1 := charClass(rep.Sub[0])
		last, ok2 := charClass(end)
		if !ok1 || !ok2 {
			return nil, false
		}
		l.mid, l.last, l.max, l.tail = mid, last, rep.Max, tailBounded
		return &l, true
	}
	return nil, false
}

// uncapture strips capturing groups around re; they do not change what
// matches.
func uncapture(re *syntax.Regexp) *syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	return re
}

// charClass is the set of an ASCII character class or single character,
// ok false for anything else (a class reaching beyond ASCII, case folding
// left to the matcher, any other node).
func charClass(re *syntax.Regexp) (c class, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) != 1 || re.Flags&syntax.FoldCase != 0 {
			return c, false
		}
		return classOf([]rune{re.Rune[0], re.Rune[0]})
	case syntax.OpCharClass:
		return classOf(re.Rune)
	}
	return c, false
}

// classOf is the set of pairs of rune ranges, ok false if one reaches
// beyond ASCII.
func classOf(ranges []rune) (c class, ok bool) {
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if lo < 0 || hi >= 128 || lo > hi {
			return c, false
		}
		for r := lo; r <= hi; r++ {
			c[r>>6] |= 1 << (r & 63)
		}
	}
	return c, true
}
