package lifecycle

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrUnknown is wrapped by every error that reports a name this package does
// not know: an event, a subject or a decision.
var ErrUnknown = errors.New("unknown")

// Event is one of the five events in the life of a subject. The zero value
// is not a valid event.
type Event uint8

// The five events, in the order a subject lives through them.
const (
	New     Event = iota + 1 // 新規: it is issued or started
	Use                      // 利用: it is in everyday use
	Change                   // 変更: something about it changes
	Suspend                  // 停止: it stops for a while
	Retire                   // 廃止: it ends for good
)

// name pairs the English and Japanese spellings of an enumerated value.
type name struct{ en, ja string }

// eventNames is indexed by Event; entry 0 stands for the zero value.
var eventNames = [...]name{
	{},
	New:     {"new", "新規"},
	Use:     {"use", "利用"},
	Change:  {"change", "変更"},
	Suspend: {"suspend", "停止"},
	Retire:  {"retire", "廃止"},
}

// Events returns the five events in order. The slice is the caller's to keep.
func Events() []Event {
	return []Event{New, Use, Change, Suspend, Retire}
}

// ParseEvent returns the event named by s: its English name in any letter
// case ("suspend", "Suspend") or its Japanese name ("停止"), with surrounding
// white space ignored. Any other input returns an error wrapping [ErrUnknown].
func ParseEvent(s string) (Event, error) {
	t := strings.TrimSpace(s)
	for e := New; e <= Retire; e++ {
		if equalFoldASCII(t, eventNames[e].en) || t == eventNames[e].ja {
			return e, nil
		}
	}
	return 0, fmt.Errorf("lifecycle: %w event %q", ErrUnknown, s)
}

// MustParseEvent is like [ParseEvent] but panics on error. It is meant for
// names fixed in source code, such as test tables.
func MustParseEvent(s string) Event {
	e, err := ParseEvent(s)
	if err != nil {
		panic(err)
	}
	return e
}

// IsValid reports whether e is one of the five events.
func (e Event) IsValid() bool { return e >= New && e <= Retire }

// String returns the English name of e, such as "suspend". An invalid event
// is shown as "event(N)" so that it is never mistaken for a real one.
func (e Event) String() string {
	if !e.IsValid() {
		return "event(" + strconv.Itoa(int(e)) + ")"
	}
	return eventNames[e].en
}

// Japanese returns the Japanese name of e, such as "停止", or "" when e is
// not valid.
func (e Event) Japanese() string {
	if !e.IsValid() {
		return ""
	}
	return eventNames[e].ja
}

// MarshalText implements [encoding.TextMarshaler]. The zero Event marshals
// to empty text, so an unset field survives a round trip; any other invalid
// event is an error.
func (e Event) MarshalText() ([]byte, error) {
	switch {
	case e == 0:
		return []byte{}, nil
	case !e.IsValid():
		return nil, fmt.Errorf("lifecycle: marshal %w event %d", ErrUnknown, uint8(e))
	}
	return []byte(eventNames[e].en), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with the rules of
// [ParseEvent], except that empty text sets the zero Event.
func (e *Event) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*e = 0
		return nil
	}
	v, err := ParseEvent(string(text))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// equalFoldASCII reports whether a and b are equal when ASCII letter case
// is ignored. Unicode folding is deliberately avoided so that look-alikes
// such as the Kelvin sign (U+212A) are not taken for a Latin letter.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
