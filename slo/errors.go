package slo

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error the package returns wraps exactly one of
// them, so a caller can tell which kind of value was rejected with
// errors.Is, and read the details with errors.As(*ParseError).
var (
	// ErrInvalidDuration marks a malformed duration such as "3x" or "1bd2h".
	ErrInvalidDuration = errors.New("invalid duration")
	// ErrInvalidTarget marks a malformed or out-of-range target.
	ErrInvalidTarget = errors.New("invalid target")
	// ErrTargetScale marks a bare number between 1 and 100 given as a
	// target: almost always a percentage written without its "%" (99.9
	// where 0.999 or "99.9%" was meant). It is reported instead of
	// ErrInvalidTarget so the mistake can be named precisely.
	ErrTargetScale = errors.New("target on the percent scale without a % sign")
	// ErrInvalidWindow marks a malformed window.
	ErrInvalidWindow = errors.New("invalid window")
	// ErrInvalidDate marks a malformed date, month-day, closure or time of day.
	ErrInvalidDate = errors.New("invalid date or time of day")
	// ErrInvalidShift marks a malformed working-hours shift.
	ErrInvalidShift = errors.New("invalid shift")
	// ErrInvalidName marks an unknown name for an enumerated value (kind,
	// measure, action).
	ErrInvalidName = errors.New("unknown name")
	// ErrInvalidCalendar marks a calendar specification that cannot be
	// built: an unknown time zone, an unknown holiday set, or a calendar
	// that is never open.
	ErrInvalidCalendar = errors.New("invalid calendar")
	// ErrInvalidObjective marks an objective that cannot be evaluated, or
	// an input of the wrong kind for it.
	ErrInvalidObjective = errors.New("invalid objective")
)

// ParseError reports why a text form was rejected. Offset is the byte
// offset in Input where the problem was found, so a caller that knows where
// Input sits in a file can point at the exact character.
type ParseError struct {
	What   string // what was being parsed: "duration", "target", ...
	Input  string // the rejected text
	Offset int    // byte offset of the problem in Input
	Msg    string // what is wrong, in words
	Err    error  // the sentinel: ErrInvalidDuration, ErrTargetScale, ...
}

// Error formats the error as `slo: parse duration "3x": at 1: unknown unit "x"`.
func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > 64 {
		in = in[:64] + "..."
	}
	return "slo: parse " + e.What + " " + strconv.Quote(in) + ": at " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// Unwrap returns the sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

func parseErr(sentinel error, what, input string, off int, msg string) error {
	return &ParseError{What: what, Input: input, Offset: off, Msg: msg, Err: sentinel}
}
