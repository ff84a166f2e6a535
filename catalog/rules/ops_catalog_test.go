package rules_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/ticket"
)

func TestOpsCatalogFixtures(t *testing.T) { runFixture(t, "ops-catalog") }

func TestOpsCatalogGolden(t *testing.T) { golden(t, "ops-catalog") }

// The reproduction: a parameter sheet whose $ref cannot be loaded
// passed lint and failed tickets review. Lint now fails on every sheet
// tickets review would refuse, and on no other.
func TestParameterSheetInvalidAsTicketsReview(t *testing.T) {
	d := load(t, "testdata/ops-catalog")
	lint := map[string]bool{}
	for _, dg := range linter().Lint(d).ByRule("ops/parameter-sheet-invalid") {
		lint[requestTypeOf(dg.Path)] = true
	}
	review := map[string]bool{}
	for _, dg := range ticket.NewClassifier(d).Diagnostics() {
		require.Equal(t, ticket.RuleBadParameterSheet, dg.Rule)
		review[requestTypeOf(dg.Path)] = true
	}
	assert.Equal(t, map[string]bool{"/spec/requestTypes/0": true, "/spec/requestTypes/1": true}, review)
	assert.Equal(t, review, lint)
}

// requestTypeOf cuts a JSON pointer to its request type.
func requestTypeOf(ptr string) string {
	parts := strings.SplitN(ptr, "/", 5)
	return strings.Join(parts[:min(4, len(parts))], "/")
}
