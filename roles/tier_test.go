package roles

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTiersOrder(t *testing.T) {
	got := Tiers()
	require.Len(t, got, 6)
	keys := make([]string, len(got))
	for i, tier := range got {
		assert.Equal(t, Tier(i+1), tier)
		keys[i] = tier.String()
	}
	assert.Equal(t, []string{"overall-management", "overall-optimisation", "service-enhancement",
		"technical-enhancement", "certified", "associate"}, keys)
	assert.True(t, TechnicalEnhancement.Personalised())
	assert.False(t, Certified.Personalised())
	assert.False(t, Associate.Personalised())
	assert.Equal(t, "Certified engineer", Certified.Title())
	assert.Equal(t, "tier(9)", Tier(9).Title())
}

func TestParseTier(t *testing.T) {
	tests := []struct {
		in   string
		want Tier
		err  bool
	}{
		{"overall-management", OverallManagement, false},
		{"  Certified ", Certified, false},
		{"6", Associate, false},
		{"ASSOCIATE", Associate, false},
		{"7", 0, true},
		{"", 0, true},
		{"認定", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTier(tt.in)
			if tt.err {
				require.ErrorIs(t, err, ErrSyntax)
				var pe *ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "tier", pe.What)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTierText(t *testing.T) {
	b, err := json.Marshal(struct{ T Tier }{ServiceEnhancement})
	require.NoError(t, err)
	assert.JSONEq(t, `{"T":"service-enhancement"}`, string(b))

	var v struct{ T Tier }
	require.NoError(t, json.Unmarshal([]byte(`{"T":"technical-enhancement"}`), &v))
	assert.Equal(t, TechnicalEnhancement, v.T)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"T":"boss"}`), &v), ErrSyntax)

	_, err = Tier(0).MarshalText()
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestAbilities(t *testing.T) {
	tests := []struct {
		in   string
		want Abilities
		str  string
	}{
		{"", 0, "none"},
		{"none", 0, "none"},
		{"logic", Logic, "logic"},
		{"concretization, Logic", Logic | Concretisation, "logic,concretisation"},
		{"abstraction,abstraction", Abstraction, "abstraction"},
		{"logic,abstraction,concretisation", AllAbilities, "logic,abstraction,concretisation"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAbilities(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.str, got.String())
			back, err := ParseAbilities(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, back)
		})
	}
	_, err := ParseAbilities("logic,charm")
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 6, pe.Offset)
	assert.True(t, AllAbilities.Has(Logic|Abstraction))
	assert.False(t, Logic.Has(Logic|Abstraction))
	_, err = Abilities(0x80).MarshalText()
	assert.True(t, errors.Is(err, ErrInvalid))
}

func TestBuiltinRoles(t *testing.T) {
	got := BuiltinRoles()
	want := map[string]Tier{
		RoleOperationsManager: OverallManagement,
		RoleArchitect:         OverallOptimisation, RoleVPoE: OverallOptimisation,
		RoleSales: ServiceEnhancement, RoleSupport: ServiceEnhancement,
		RoleRescue: TechnicalEnhancement, RoleTechLead: TechnicalEnhancement, RoleImplementation: TechnicalEnhancement,
		RoleCertifiedEngineer: Certified,
		RoleAssociateMember:   Associate,
	}
	require.Len(t, got, len(want))
	for i, ro := range got {
		assert.Equal(t, want[ro.Name], ro.Tier, ro.Name)
		assert.NotEmpty(t, ro.Description)
		if i > 0 {
			assert.LessOrEqual(t, got[i-1].Tier, ro.Tier, "ordered by tier")
		}
	}
	assert.Equal(t, AllAbilities, got[8].Abilities)
	got[0].Name = "changed"
	assert.Equal(t, RoleOperationsManager, BuiltinRoles()[0].Name, "callers get a copy")
}
