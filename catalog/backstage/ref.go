package backstage

import (
	"errors"
	"fmt"
	"strings"
)

// DefaultNamespace is the namespace of an entity that names none, and the
// namespace a reference falls back to where its context gives none.
const DefaultNamespace = "default"

// Ref identifies an entity as Backstage does: its kind, namespace and name.
// Backstage compares each part case-insensitively (Key); String writes the
// reference in Backstage's full form, kind:namespace/name.
type Ref struct {
	Kind      string // as written, or the field's default kind
	Namespace string // as written, or the referring entity's namespace
	Name      string
}

// String writes the reference in full, with the kind lower-cased as
// Backstage writes entity references: "group:default/team-a".
func (r Ref) String() string {
	return strings.ToLower(r.Kind) + ":" + r.Namespace + "/" + r.Name
}

// Key is the reference lower-cased throughout: two entities with the same
// key are the same entity to Backstage, whatever the case they are written
// in.
func (r Ref) Key() string { return strings.ToLower(r.String()) }

// IsZero reports whether the reference names nothing.
func (r Ref) IsZero() bool { return r == Ref{} }

// ErrBadRef is wrapped by every error of ParseRef.
var ErrBadRef = errors.New("not a valid entity reference")

// ParseRef reads a string entity reference, [kind:][namespace/]name, as
// Backstage does: a kind or namespace left out is taken from defaultKind
// and defaultNamespace. A "/" written before the first ":" makes the rest
// part of the name, as in Backstage. It fails, wrapping ErrBadRef, on an
// empty part written out ("group:", ":x", "/x") and on a reference whose
// kind is left out where there is no default kind (dependsOn takes both
// components and resources, so it needs "component:" or "resource:").
func ParseRef(s, defaultKind, defaultNamespace string) (Ref, error) {
	colon := strings.IndexByte(s, ':')
	slash := strings.IndexByte(s, '/')
	if slash >= 0 && slash < colon {
		colon = -1
	}
	var r Ref
	rest := s
	if colon >= 0 {
		r.Kind, rest = s[:colon], s[colon+1:]
		if r.Kind == "" {
			return Ref{}, fmt.Errorf("%w: %q has an empty kind before ':'", ErrBadRef, s)
		}
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		r.Namespace, rest = rest[:i], rest[i+1:]
		if r.Namespace == "" {
			return Ref{}, fmt.Errorf("%w: %q has an empty namespace before '/'", ErrBadRef, s)
		}
	}
	r.Name = rest
	if r.Name == "" {
		return Ref{}, fmt.Errorf("%w: %q has no name", ErrBadRef, s)
	}
	if r.Kind == "" {
		if defaultKind == "" {
			return Ref{}, fmt.Errorf("%w: %q names no kind, and this field has no default kind", ErrBadRef, s)
		}
		r.Kind = defaultKind
	}
	if r.Namespace == "" {
		r.Namespace = defaultNamespace
		if r.Namespace == "" {
			r.Namespace = DefaultNamespace
		}
	}
	if k, ok := canonicalKind(r.Kind); ok {
		r.Kind = k
	}
	return r, nil
}
