package record

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind is what kept the reader from reading a record.
type Kind uint8

const (
	// Syntax: the record breaks the syntax of CSV, or a line is not one
	// JSON object.
	Syntax Kind = iota + 1
	// TooLong: the record is longer than Options.MaxBytes. It was skipped
	// without being held in memory.
	TooLong
)

func (k Kind) String() string {
	switch k {
	case Syntax:
		return "syntax"
	case TooLong:
		return "too long"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Problem is a record the reader skipped, and why. Read returns it as
// its error and reads on at the next record. Each reader of the module
// reports it under a rule of its own, by Kind.
type Problem struct {
	Kind Kind
	// Start and End are the record's first and last lines.
	Start, End int
	// Line and Column are where the problem is, Column in characters
	// from 1; Column is 0 when the problem is the record as a whole.
	Line, Column int
	// Msg says what is wrong, to be quoted in a sentence: "a quote inside
	// an unquoted field: ...", "longer than 1048576 bytes".
	Msg string
}

func (p *Problem) Error() string {
	return fmt.Sprintf("record: line %d, column %d: %s", p.Line, p.Column, p.Msg)
}

// Column returns the 1-based character column of byte offset off in
// text, as the module counts columns. An offset inside a character (a
// byte count from encoding/json can fall there) names that character;
// one past the end names the column after the last character.
func Column(text string, off int) int {
	off = min(max(off, 0), len(text))
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off--
	}
	return utf8.RuneCountInString(text[:off]) + 1
}

// position returns the line and column of byte offset off in the text of
// a record that starts on line first, with breaks the offsets where its
// later lines start.
func position(text string, breaks []int, first, off int) (line, col int) {
	begin, line := 0, first
	for _, b := range breaks {
		if b > off {
			break
		}
		begin, line = b, line+1
	}
	end := len(text)
	if line-first < len(breaks) {
		end = breaks[line-first] - 1 // the "\n" before the next line
	}
	return line, Column(text[begin:end], off-begin)
}

// Pointer returns the JSON pointer of a column or key named name: "/"
// and the name, with "~" and "/" escaped as RFC 6901 says.
func Pointer(name string) string {
	if !strings.ContainsAny(name, "~/") {
		return "/" + name
	}
	return "/" + strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

// shorten cuts a quoted excerpt to a readable length.
func shorten(s string) string {
	const most = 20
	for i := range s {
		if i >= most {
			return s[:i] + "…"
		}
	}
	return s
}
