package roles

import (
	"fmt"
	"strconv"
	"strings"
)

// Tier places a role on the scale from personalised work (1) to
// depersonalised work (6). Lower tiers are valued for judgement and
// flexibility, higher tiers for continuity and reproducibility. The zero
// value is not a tier.
type Tier uint8

// The six tiers, from most personalised to most depersonalised.
const (
	// OverallManagement runs operations as a whole (operations manager).
	OverallManagement Tier = iota + 1
	// OverallOptimisation shapes operations and the organisation
	// (architect, VPoE).
	OverallOptimisation
	// ServiceEnhancement faces the customer (sales, support).
	ServiceEnhancement
	// TechnicalEnhancement carries deep technical skill (rescue, tech lead,
	// implementation).
	TechnicalEnhancement
	// Certified is the bridge: engineers who turn personal know-how into
	// procedures that others can follow.
	Certified
	// Associate performs depersonalised work correctly, by procedure.
	Associate
)

var tierKeys = [...]string{
	OverallManagement:    "overall-management",
	OverallOptimisation:  "overall-optimisation",
	ServiceEnhancement:   "service-enhancement",
	TechnicalEnhancement: "technical-enhancement",
	Certified:            "certified",
	Associate:            "associate",
}

var tierTitles = [...]string{
	OverallManagement:    "Overall management",
	OverallOptimisation:  "Overall optimisation engineer",
	ServiceEnhancement:   "Service enhancement engineer",
	TechnicalEnhancement: "Technically enhanced engineer",
	Certified:            "Certified engineer",
	Associate:            "Associate member",
}

// Tiers returns the six tiers in order, most personalised first.
func Tiers() []Tier {
	return []Tier{OverallManagement, OverallOptimisation, ServiceEnhancement, TechnicalEnhancement, Certified, Associate}
}

// IsValid reports whether t is one of the six tiers.
func (t Tier) IsValid() bool { return t >= OverallManagement && t <= Associate }

// String returns the tier's key, such as "certified".
func (t Tier) String() string {
	if t.IsValid() {
		return tierKeys[t]
	}
	return "tier(" + strconv.Itoa(int(t)) + ")"
}

// Title returns a human title such as "Certified engineer".
func (t Tier) Title() string {
	if t.IsValid() {
		return tierTitles[t]
	}
	return t.String()
}

// Personalised reports whether work at this tier is personal by design
// (tiers 1 to 4). The certified tier is the bridge and counts as neither
// side; the associate tier is depersonalised.
func (t Tier) Personalised() bool { return t >= OverallManagement && t <= TechnicalEnhancement }

// ParseTier parses a tier key ("overall-management" … "associate"), case
// insensitively, or its number "1" to "6".
func ParseTier(s string) (Tier, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for t := OverallManagement; t <= Associate; t++ {
		if k == tierKeys[t] || k == strconv.Itoa(int(t)) {
			return t, nil
		}
	}
	return 0, syntaxErr("tier", s, 0, "unknown tier (want one of "+strings.Join(tierKeys[1:], ", ")+")")
}

// MarshalText implements encoding.TextMarshaler.
func (t Tier) MarshalText() ([]byte, error) {
	if !t.IsValid() {
		return nil, fmt.Errorf("roles: tier %d: %w", int(t), ErrInvalid)
	}
	return []byte(tierKeys[t]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Tier) UnmarshalText(b []byte) error {
	v, err := ParseTier(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Abilities is a set of the three explicit abilities a bridge engineer
// needs to turn personal know-how into procedures.
type Abilities uint8

// The abilities. Combine them with |.
const (
	// Logic: stating and checking that a way of working is logically sound.
	Logic Abilities = 1 << iota
	// Abstraction: modelling the work so that it is easy to handle.
	Abstraction
	// Concretisation: fitting the model to the real situation on site.
	Concretisation
)

// AllAbilities holds all three abilities.
const AllAbilities = Logic | Abstraction | Concretisation

var abilityNames = [...]struct {
	a    Abilities
	name string
}{{Logic, "logic"}, {Abstraction, "abstraction"}, {Concretisation, "concretisation"}}

// Has reports whether a holds every ability in b.
func (a Abilities) Has(b Abilities) bool { return a&b == b }

// String lists the abilities separated by commas, in the order logic,
// abstraction, concretisation; the empty set is "none".
func (a Abilities) String() string {
	if a == 0 {
		return "none"
	}
	var parts []string
	for _, n := range abilityNames {
		if a&n.a != 0 {
			parts = append(parts, n.name)
		}
	}
	if rest := a &^ AllAbilities; rest != 0 {
		parts = append(parts, "abilities(0x"+strconv.FormatUint(uint64(rest), 16)+")")
	}
	return strings.Join(parts, ",")
}

// ParseAbilities parses a comma-separated list of "logic", "abstraction" and
// "concretisation" (also spelt "concretization"), case insensitively; ""
// and "none" are the empty set. Repeats are allowed.
func ParseAbilities(s string) (Abilities, error) {
	var a Abilities
	k := strings.TrimSpace(s)
	if k == "" || strings.EqualFold(k, "none") {
		return 0, nil
	}
	off := 0
	for part := range strings.SplitSeq(s, ",") {
		switch strings.ToLower(strings.TrimSpace(part)) {
		case "logic":
			a |= Logic
		case "abstraction":
			a |= Abstraction
		case "concretisation", "concretization":
			a |= Concretisation
		default:
			return 0, syntaxErr("abilities", s, off, "unknown ability (want logic, abstraction or concretisation)")
		}
		off += len(part) + 1
	}
	return a, nil
}

// MarshalText implements encoding.TextMarshaler.
func (a Abilities) MarshalText() ([]byte, error) {
	if a&^AllAbilities != 0 {
		return nil, fmt.Errorf("roles: abilities %#x: %w", uint8(a), ErrInvalid)
	}
	return []byte(a.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (a *Abilities) UnmarshalText(b []byte) error {
	v, err := ParseAbilities(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Role is a named job placed on a tier. The built-in roles come from
// BuiltinRoles; a team adds its own by giving a name, a tier and the
// abilities it expects.
type Role struct {
	Name        string    // unique, kebab-case by convention
	Tier        Tier      // where the role sits between personalised and depersonalised
	Abilities   Abilities // the bridge abilities the role expects
	Description string    // one line for people
}

// The names of the built-in roles.
const (
	RoleOperationsManager = "operations-manager"
	RoleArchitect         = "architect"
	RoleVPoE              = "vpoe"
	RoleSales             = "sales"
	RoleSupport           = "support"
	RoleRescue            = "rescue"
	RoleTechLead          = "tech-lead"
	RoleImplementation    = "implementation"
	RoleCertifiedEngineer = "certified-engineer"
	RoleAssociateMember   = "associate-member"
)

var builtinRoles = [...]Role{
	{RoleOperationsManager, OverallManagement, 0, "manages everything that concerns operations"},
	{RoleArchitect, OverallOptimisation, 0, "designs the operations on site"},
	{RoleVPoE, OverallOptimisation, 0, "manages the organisation and its people"},
	{RoleSales, ServiceEnhancement, 0, "makes fitting proposals to customers"},
	{RoleSupport, ServiceEnhancement, 0, "understands what customers actually ask for"},
	{RoleRescue, TechnicalEnhancement, 0, "resolves problems quickly"},
	{RoleTechLead, TechnicalEnhancement, 0, "sets the technical direction"},
	{RoleImplementation, TechnicalEnhancement, 0, "applies in-house technology to concrete cases"},
	{RoleCertifiedEngineer, Certified, AllAbilities, "depersonalises personal work: writes the procedures others follow"},
	{RoleAssociateMember, Associate, 0, "performs depersonalised work correctly, by procedure"},
}

// BuiltinRoles returns the ten built-in roles ordered by tier. The slice is
// a fresh copy on every call.
func BuiltinRoles() []Role {
	out := make([]Role, len(builtinRoles))
	copy(out, builtinRoles[:])
	return out
}
