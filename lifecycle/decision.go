package lifecycle

import (
	"fmt"
	"strings"
)

// Decision is one question an event must settle, such as what happens to
// data when a subject is suspended. It is a comparable value; the zero
// Decision stands for "no particular decision".
type Decision struct {
	Event Event  // the event that must settle it
	Key   string // its camelCase key in design documents, such as "idReissue"
}

// decisionSpec is one row of the decision table.
type decisionSpec struct{ key, doc string }

// decisionTable lists, per event and in order, what the event must settle.
var decisionTable = [...][]decisionSpec{
	New: {
		{"issuance", "what is done when it is issued"},
		{"inquiries", "which inquiries are expected and how each is answered"},
		{"naming", "how IDs, cards and the like are named so people recall them"},
	},
	Use: {
		{"users", "how users operate, view, output, copy, present, store and explain it"},
		{"operators", "how operators run, view, output, store and maintain it"},
		{"thirdParties", "how third parties receive, view, circulate or are shown it"},
	},
	Change: {
		{"triggers", "what causes a change, such as a new name or address or a lost card"},
		{"patterns", "which kinds of change there are and how each is handled"},
	},
	Suspend: {
		{"triggers", "what causes a suspension: expiry, revocation, a request, maintenance"},
		{"permissions", "whether permissions are kept while it is suspended"},
		{"deletion", "whether its data is deleted logically or physically"},
		{"idReissue", "whether its ID is reissued when it returns"},
	},
	Retire: {
		{"personalData", "whether personal data is kept after retirement"},
		{"disposal", "how data and media are disposed of"},
		{"notice", "how users are told that it is retired"},
		{"contact", "who answers users' questions after retirement"},
	},
}

// Decisions returns the decisions e must settle, in order, or nil when e is
// not valid. The slice is the caller's to keep.
func (e Event) Decisions() []Decision {
	if !e.IsValid() {
		return nil
	}
	specs := decisionTable[e]
	out := make([]Decision, len(specs))
	for i, sp := range specs {
		out[i] = Decision{Event: e, Key: sp.key}
	}
	return out
}

// spec returns the table row of d, if d is a known decision.
func (d Decision) spec() (decisionSpec, bool) {
	if !d.Event.IsValid() {
		return decisionSpec{}, false
	}
	for _, sp := range decisionTable[d.Event] {
		if sp.key == d.Key {
			return sp, true
		}
	}
	return decisionSpec{}, false
}

// IsValid reports whether d is one of the decisions its event must settle.
// Keys are matched exactly, as documents spell them.
func (d Decision) IsValid() bool {
	_, ok := d.spec()
	return ok
}

// Doc returns one line saying what must be decided, or "" when d is not
// valid.
func (d Decision) Doc() string {
	sp, _ := d.spec()
	return sp.doc
}

// String returns d as "event.key", such as "suspend.deletion", or "" for the
// zero Decision.
func (d Decision) String() string {
	if d == (Decision{}) {
		return ""
	}
	return d.Event.String() + "." + d.Key
}

// ParseDecision returns the decision written as "event.key". The event part
// follows [ParseEvent] (so "停止.deletion" is accepted); the key is matched
// ignoring ASCII letter case and returned in its canonical spelling.
// White space around the whole text or either part is ignored. An unknown event or key, or text
// without a dot, returns an error wrapping [ErrUnknown].
func ParseDecision(s string) (Decision, error) {
	ev, key, ok := strings.Cut(strings.TrimSpace(s), ".")
	if ok {
		if e, err := ParseEvent(ev); err == nil {
			k := strings.TrimSpace(key)
			for _, sp := range decisionTable[e] {
				if equalFoldASCII(k, sp.key) {
					return Decision{Event: e, Key: sp.key}, nil
				}
			}
		}
	}
	return Decision{}, fmt.Errorf("lifecycle: %w decision %q", ErrUnknown, s)
}

// MustParseDecision is like [ParseDecision] but panics on error. It is
// meant for names fixed in source code, such as test tables.
func MustParseDecision(s string) Decision {
	d, err := ParseDecision(s)
	if err != nil {
		panic(err)
	}
	return d
}

// MarshalText implements [encoding.TextMarshaler]. The zero Decision
// marshals to empty text; any other invalid decision is an error.
func (d Decision) MarshalText() ([]byte, error) {
	switch {
	case d == (Decision{}):
		return []byte{}, nil
	case !d.IsValid():
		return nil, fmt.Errorf("lifecycle: marshal %w decision %q", ErrUnknown, d.String())
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with the rules of
// [ParseDecision], except that empty text sets the zero Decision.
func (d *Decision) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Decision{}
		return nil
	}
	v, err := ParseDecision(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
