package lifecycle

import (
	"fmt"
	"strconv"
	"strings"
)

// Subject is the kind of thing a lifecycle is about. The zero value is not a
// valid subject.
type Subject uint8

// The five kinds of subject that have a lifecycle.
const (
	Service   Subject = iota + 1 // サービス: the service or business itself
	System                       // システム: a system the service runs on
	Data                         // データ: data the service keeps
	Equipment                    // 設備: equipment or materials, such as cards
	Authority                    // 権限: permissions granted in an organisation
)

// subjectNames is indexed by Subject; entry 0 stands for the zero value.
var subjectNames = [...]name{
	{},
	Service:   {"service", "サービス"},
	System:    {"system", "システム"},
	Data:      {"data", "データ"},
	Equipment: {"equipment", "設備"},
	Authority: {"authority", "権限"},
}

// subjectAliases are further Japanese words that practitioners use for a
// subject; they parse but are never produced.
var subjectAliases = [...]struct {
	ja string
	s  Subject
}{
	{"業務", Service},
	{"機器", Equipment},
	{"資材", Equipment},
}

// Subjects returns the five subjects in order. The slice is the caller's to
// keep.
func Subjects() []Subject {
	return []Subject{Service, System, Data, Equipment, Authority}
}

// ParseSubject returns the subject named by s: its English name in any
// letter case ("data", "DATA"), its Japanese name ("データ") or a Japanese
// alias (業務 for a service; 機器 or 資材 for equipment), with surrounding
// white space ignored. Any other input returns an error wrapping
// [ErrUnknown].
func ParseSubject(s string) (Subject, error) {
	t := strings.TrimSpace(s)
	for k := Service; k <= Authority; k++ {
		if equalFoldASCII(t, subjectNames[k].en) || t == subjectNames[k].ja {
			return k, nil
		}
	}
	for _, a := range subjectAliases {
		if t == a.ja {
			return a.s, nil
		}
	}
	return 0, fmt.Errorf("lifecycle: %w subject %q", ErrUnknown, s)
}

// MustParseSubject is like [ParseSubject] but panics on error. It is meant
// for names fixed in source code, such as test tables.
func MustParseSubject(s string) Subject {
	k, err := ParseSubject(s)
	if err != nil {
		panic(err)
	}
	return k
}

// IsValid reports whether s is one of the five subjects.
func (s Subject) IsValid() bool { return s >= Service && s <= Authority }

// String returns the English name of s, such as "data". An invalid subject
// is shown as "subject(N)".
func (s Subject) String() string {
	if !s.IsValid() {
		return "subject(" + strconv.Itoa(int(s)) + ")"
	}
	return subjectNames[s].en
}

// Japanese returns the main Japanese name of s, such as "データ", or "" when
// s is not valid.
func (s Subject) Japanese() string {
	if !s.IsValid() {
		return ""
	}
	return subjectNames[s].ja
}

// MarshalText implements [encoding.TextMarshaler]. The zero Subject
// marshals to empty text; any other invalid subject is an error.
func (s Subject) MarshalText() ([]byte, error) {
	switch {
	case s == 0:
		return []byte{}, nil
	case !s.IsValid():
		return nil, fmt.Errorf("lifecycle: marshal %w subject %d", ErrUnknown, uint8(s))
	}
	return []byte(subjectNames[s].en), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with the rules of
// [ParseSubject], except that empty text sets the zero Subject.
func (s *Subject) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*s = 0
		return nil
	}
	v, err := ParseSubject(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
