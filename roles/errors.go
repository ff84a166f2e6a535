package roles

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error the package returns wraps one of them, so
// callers can tell a typo in a compact form from an impossible request.
var (
	// ErrSyntax is wrapped by every *ParseError.
	ErrSyntax = errors.New("syntax error")
	// ErrInvalid marks a value that parses but makes no sense, such as a
	// shift with no weekday or a tier outside 1..6.
	ErrInvalid = errors.New("invalid value")
	// ErrRange marks an analysis asked for an impossible or too large time
	// range or granularity.
	ErrRange = errors.New("range out of bounds")
)

// ParseError reports where a compact text form went wrong. Offset is the
// byte offset into Input, so a caller that knows where Input sits in a file
// (the catalog) can point at the exact character.
type ParseError struct {
	What   string // what was being parsed: "tier", "week", "date", …
	Input  string // the text given to the parser
	Offset int    // byte offset into Input of the problem
	Msg    string // what is wrong there
}

// Error formats the error as `parse week "Mon 9:00": at 4: msg`.
func (e *ParseError) Error() string {
	return "roles: parse " + e.What + " " + strconv.Quote(e.Input) + ": at " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// Unwrap returns ErrSyntax.
func (e *ParseError) Unwrap() error { return ErrSyntax }

func syntaxErr(what, input string, off int, msg string) error {
	return &ParseError{What: what, Input: input, Offset: off, Msg: msg}
}
