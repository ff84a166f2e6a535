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

// kind describes one kind: its apiVersions and its reference fields.
type kind struct {
	versions []string
	fields   []Field
}

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
		dependsOn, dependencyOf}},
	"API":      {core, []Field{owner, system}},
	"Resource": {core, []Field{owner, system, dependsOn, dependencyOf}},
	"System": {core, []Field{owner,
		{Name: "domain", Kinds: []string{"Domain"}, DefaultKind: "Domain"}}},
	"Domain": {core, []Field{owner,
		{Name: "subdomainOf", Kinds: []string{"Domain"}, DefaultKind: "Domain"}}},
	"Group": {core, []Field{
		{Name: "parent", Kinds: []string{"Group"}, DefaultKind: "Group"},
		{Name: "children", Kinds: []string{"Group"}, DefaultKind: "Group", List: true},
		{Name: "members", Kinds: []string{"User"}, DefaultKind: "User", List: true}}},
	"User": {core, []Field{
		{Name: "memberOf", Kinds: []string{"Group"}, DefaultKind: "Group", List: true}}},
	"Location":    {core, nil},
	"Environment": {[]string{V1alpha1}, []Field{owner}},
	"Template":    {[]string{ScaffolderV1b3}, []Field{owner}},
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

// IsKind reports whether kind is one of Kinds, written as they are
// (Backstage's kind schemas compare kinds exactly).
func IsKind(kind string) bool { _, ok := kinds[kind]; return ok }

// KindVersions returns the apiVersions a kind is written with; nil for a
// kind that is not Backstage's.
func KindVersions(kind string) []string { return slices.Clone(kinds[kind].versions) }

// Fields returns the reference fields of a kind's spec; nil for a kind
// with none or that is not Backstage's.
func Fields(kind string) []Field { return slices.Clone(kinds[kind].fields) }

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
