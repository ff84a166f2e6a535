package backstage

import (
	"slices"
	"strings"
)

// The apiVersions of Backstage's catalog entities. The core kinds are
// written backstage.io/v1alpha1 (or v1beta1, which Backstage reads the
// same); a Template, scaffolder.backstage.io/v1beta3.
const (
	V1alpha1       = "backstage.io/v1alpha1"
	V1beta1        = "backstage.io/v1beta1"
	ScaffolderV1b3 = "scaffolder.backstage.io/v1beta3"
)

// APIVersions returns the apiVersions of Backstage entities, in the order
// above. The slice is new on every call.
func APIVersions() []string { return []string{V1alpha1, V1beta1, ScaffolderV1b3} }

// IsAPIVersion reports whether an apiVersion is one of Backstage's.
func IsAPIVersion(v string) bool { return slices.Contains(APIVersions(), v) }

// Field is a field of a kind's spec that references other entities, as the
// descriptor format documents it: the kinds it may name, the kind a
// reference without one takes (none where the field takes several kinds
// alike), and whether it holds a list. A reference without a namespace
// takes the namespace of the entity that writes it.
type Field struct {
	Name        string   // "owner", "dependsOn"
	Kinds       []string // the kinds it may name
	DefaultKind string   // "" when a reference must name its kind
	List        bool
}

// kind describes one kind: its apiVersions, its reference fields and the
// members of its spec whose presence or type the descriptor format fixes.
type kind struct {
	versions []string
	fields   []Field
	spec     []member
}

// member is a member of a kind's spec: its name, the JSON type it must
// have, and whether the kind requires it.
type member struct {
	name     string
	typ      jsonType
	required bool
}

// jsonType is the type a value must have.
type jsonType int

const (
	tString        jsonType = iota // a non-empty string
	tStringList                    // an array of non-empty strings
	tObject                        // a mapping
	tArray                         // an array of anything
	tObjectOrArray                 // a mapping or an array (a Template's parameters)
)

func (t jsonType) String() string {
	return [...]string{"a non-empty string", "a list of non-empty strings", "a mapping", "a list", "a mapping or a list"}[t]
}

func req(name string, t jsonType) member { return member{name, t, true} }
func opt(name string, t jsonType) member { return member{name, t, false} }

var (
	owner        = Field{Name: "owner", Kinds: []string{"Group", "User"}, DefaultKind: "Group"}
	system       = Field{Name: "system", Kinds: []string{"System"}, DefaultKind: "System"}
	dependsOn    = Field{Name: "dependsOn", Kinds: []string{"Component", "Resource"}, List: true}
	dependencyOf = Field{Name: "dependencyOf", Kinds: []string{"Component", "Resource"}, List: true}
	core         = []string{V1alpha1, V1beta1}
)

// kinds holds every kind Backstage's catalog model documents, with the
// reference fields of its spec in the order the descriptor format lists
// them.
var kinds = map[string]kind{
	"Component": {core, []Field{owner, system,
		{Name: "subcomponentOf", Kinds: []string{"Component"}, DefaultKind: "Component"},
		{Name: "providesApis", Kinds: []string{"API"}, DefaultKind: "API", List: true},
		{Name: "consumesApis", Kinds: []string{"API"}, DefaultKind: "API", List: true},
		dependsOn, dependencyOf},
		[]member{req("type", tString), req("lifecycle", tString), req("owner", tString), opt("system", tString),
			opt("subcomponentOf", tString), opt("providesApis", tStringList), opt("consumesApis", tStringList),
			opt("dependsOn", tStringList), opt("dependencyOf", tStringList)}},
	"API": {core, []Field{owner, system},
		[]member{req("type", tString), req("lifecycle", tString), req("owner", tString), req("definition", tString), opt("system", tString)}},
	"Resource": {core, []Field{owner, system, dependsOn, dependencyOf},
		[]member{req("type", tString), req("owner", tString), opt("system", tString),
			opt("dependsOn", tStringList), opt("dependencyOf", tStringList)}},
	"System": {core, []Field{owner,
		{Name: "domain", Kinds: []string{"Domain"}, DefaultKind: "Domain"}},
		[]member{req("owner", tString), opt("domain", tString), opt("type", tString)}},
	"Domain": {core, []Field{owner,
		{Name: "subdomainOf", Kinds: []string{"Domain"}, DefaultKind: "Domain"}},
		[]member{req("owner", tString), opt("subdomainOf", tString), opt("type", tString)}},
	"Group": {core, []Field{
		{Name: "parent", Kinds: []string{"Group"}, DefaultKind: "Group"},
		{Name: "children", Kinds: []string{"Group"}, DefaultKind: "Group", List: true},
		{Name: "members", Kinds: []string{"User"}, DefaultKind: "User", List: true}},
		[]member{req("type", tString), req("children", tStringList), opt("parent", tString),
			opt("members", tStringList), opt("profile", tObject)}},
	"User": {core, []Field{
		{Name: "memberOf", Kinds: []string{"Group"}, DefaultKind: "Group", List: true},
		{Name: "leaderOf", Kinds: []string{"Group"}, DefaultKind: "Group", List: true}},
		[]member{req("memberOf", tStringList), opt("leaderOf", tStringList), opt("profile", tObject)}},
	"Location": {core, nil,
		[]member{opt("type", tString), opt("target", tString), opt("targets", tStringList), opt("presence", tString)}},
	// Environment is recent in Backstage's catalog model: a spec of any shape.
	"Environment": {[]string{V1alpha1}, []Field{owner}, []member{opt("owner", tString)}},
	"Template": {[]string{ScaffolderV1b3}, []Field{owner},
		[]member{req("type", tString), req("steps", tArray), opt("parameters", tObjectOrArray),
			opt("output", tObject), opt("owner", tString)}},
}

// Kinds returns the kinds Backstage's catalog model documents, sorted.
func Kinds() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// canonicalKind returns the spelling of a known kind written in any case.
func canonicalKind(k string) (string, bool) {
	for name := range kinds {
		if strings.EqualFold(name, k) {
			return name, true
		}
	}
	return k, false
}

// CanonicalKind returns the spelling Backstage documents for a kind written
// in any case ("group" gives "Group"), and whether the kind is one of
// Kinds. References name kinds in any case.
func CanonicalKind(k string) (string, bool) { return canonicalKind(k) }
