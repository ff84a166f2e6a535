package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CostAttribution says how far a design asks for the cost or effort of its
// work to be stated (rule ops/cost-missing).
type CostAttribution string

// The cost attribution settings.
const (
	// CostOptional asks for nothing: the default.
	CostOptional CostAttribution = "optional"
	// CostRequired asks every service that is not retired to state its
	// effort.
	CostRequired CostAttribution = "required"
	// CostPerTask asks the same of every such service and of each of its
	// tasks.
	CostPerTask CostAttribution = "per-task"
)

// CatchAllScope says where at most one catch-all request type may exist
// (rule ops/catch-all-duplicate).
type CatchAllScope string

// The catch-all scopes.
const (
	CatchAllPerCatalog CatchAllScope = "per-catalog" // one in the whole design: the default
	CatchAllPerService CatchAllScope = "per-service" // one in each service
)

// Period is a length of calendar time. Months and years follow the
// calendar, as time.AddDate does.
type Period struct {
	Years, Months, Days int
}

// AddTo returns t moved forward by the period.
func (p Period) AddTo(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }

// String writes the period as a Settings document does: "365d", "6mo",
// "1y"; a period of mixed units is written as its parts, "1y6mo". Days
// past 9999 are written in weeks when they make whole weeks, as "9999w"
// is read.
func (p Period) String() string {
	days, dayUnit := p.Days, "d"
	if days > 9999 && days%7 == 0 {
		days, dayUnit = days/7, "w"
	}
	var b strings.Builder
	for _, part := range []struct {
		n    int
		unit string
	}{{p.Years, "y"}, {p.Months, "mo"}, {days, dayUnit}} {
		if part.n != 0 {
			b.WriteString(strconv.Itoa(part.n) + part.unit)
		}
	}
	if b.Len() == 0 {
		return "0d"
	}
	return b.String()
}

// parsePeriod reads the Settings syntax: a positive number and one of the
// units d, w, mo or y ("180d", "26w", "6mo", "1y").
func parsePeriod(s string) (Period, error) {
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i <= 0 || i > 4 || s[0] == '0' {
		return Period{}, fmt.Errorf("period %q: want a number from 1 to 9999 and a unit (d, w, mo, y)", s)
	}
	n, _ := strconv.Atoi(s[:i])
	switch s[i:] {
	case "d":
		return Period{Days: n}, nil
	case "w":
		return Period{Days: 7 * n}, nil
	case "mo":
		return Period{Months: n}, nil
	case "y":
		return Period{Years: n}, nil
	}
	return Period{}, fmt.Errorf("period %q: unknown unit %q (want d, w, mo or y)", s, s[i:])
}

// Settings are a design's own settings for the built-in operations rules,
// from its Settings document (kind Settings, at most one per design). Each
// field holds the value in force: the document's, or the default when the
// document does not set it or the design has none.
//
//	apiVersion: opsdesign/v1
//	kind: Settings
//	metadata:
//	  name: design
//	spec:
//	  costAttribution: required     # optional (default) | required | per-task
//	  restoreTestMaxAge: 180d       # d, w, mo or y; default 365d
//	  catchAll: per-service         # per-catalog (default) | per-service
//	  catchAllOwnerTiers: [overall-management]
//	  cloud: {provider: AWS, contact: Business support plan via the console.}
//	  roles: {timeZone: Asia/Tokyo, coverageFrom: 2025-03-03, teamSize: 7}
//	  placeholders: {add: [ask Ken], remove: ["-"]}
type Settings struct {
	// Doc is the Settings document, nil when the design has none.
	Doc *Document

	CostAttribution CostAttribution
	// RestoreTestMaxAge is how long ago a restore may last have been
	// tested.
	RestoreTestMaxAge Period
	CatchAll          CatchAllScope
	// CatchAllOwnerTiers are the tiers (as Role.Tier writes them) one of
	// which a catch-all request type's owner must hold.
	CatchAllOwnerTiers []string
	// Cloud, when set, is the provider every service runs on unless it
	// states its own cloud.
	Cloud *Cloud
	// Roster tunes how the roster is read and the roles/ rules' limits
	// (spec.roles; see RosterSettings).
	Roster RosterSettings
	// Placeholders adjust the built-in list of placeholder answers
	// (spec.placeholders).
	Placeholders PlaceholderSettings
	// Backstage is what the design asks of its Backstage Components
	// (spec.backstage).
	Backstage BackstageSettings
}

// PlaceholderSettings are the texts a design adds to the built-in list of
// placeholder answers, such as its own "ask Ken", and those it takes out,
// such as a "-" it has agreed means "nothing happens" (rule
// design/placeholder, which documents how they are matched).
type PlaceholderSettings struct {
	Add, Remove []string
}

// DefaultSettings returns the settings of a design without a Settings
// document.
func DefaultSettings() Settings {
	return Settings{
		CostAttribution:    CostOptional,
		RestoreTestMaxAge:  Period{Days: 365},
		CatchAll:           CatchAllPerCatalog,
		CatchAllOwnerTiers: []string{"overall-management", "overall-optimisation"},
	}
}

// WithDefaults returns the settings with the defaults filled in for what
// is unset, so that a Design built by hand (or a Settings value of the
// wrong type, which the schema has reported) is still judged by settings
// in force. Exported for rules, which read settings through it.
func (s Settings) WithDefaults() Settings {
	def := DefaultSettings()
	if s.CostAttribution == "" {
		s.CostAttribution = def.CostAttribution
	}
	if s.RestoreTestMaxAge == (Period{}) {
		s.RestoreTestMaxAge = def.RestoreTestMaxAge
	}
	if s.CatchAll == "" {
		s.CatchAll = def.CatchAll
	}
	if len(s.CatchAllOwnerTiers) == 0 {
		s.CatchAllOwnerTiers = def.CatchAllOwnerTiers
	}
	return s
}

// settings returns the design's settings in force, defaults applied.
func (d *Design) settings() Settings { return d.Settings.WithDefaults() }

func buildSettings(doc *Document) *Settings {
	spec := sub(asObj(doc.Value), "spec")
	const at = "/spec"
	s := &Settings{Doc: doc}
	switch v := CostAttribution(str(spec, "costAttribution")); v {
	case CostOptional, CostRequired, CostPerTask:
		s.CostAttribution = v
	}
	if p, err := parsePeriod(str(spec, "restoreTestMaxAge")); err == nil {
		s.RestoreTestMaxAge = p
	}
	switch v := CatchAllScope(str(spec, "catchAll")); v {
	case CatchAllPerCatalog, CatchAllPerService:
		s.CatchAll = v
	}
	s.CatchAllOwnerTiers = strs(spec, "catchAllOwnerTiers")
	if c := sub(spec, "cloud"); c != nil {
		s.Cloud = &Cloud{Path: at + "/cloud", Provider: str(c, "provider"), Contact: str(c, "contact")}
	}
	s.Roster = buildRosterSettings(sub(spec, "roles"))
	if ph := sub(spec, "placeholders"); ph != nil {
		s.Placeholders = PlaceholderSettings{Add: strs(ph, "add"), Remove: strs(ph, "remove")}
	}
	s.Backstage = buildBackstageSettings(spec)
	out := s.WithDefaults()
	return &out
}
