package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRefFixtures(t *testing.T) {
	diags := runFixture(t, "ref")
	// An ambiguous reference says how to write each of its meanings, and
	// points at them.
	amb := diags.ByRule("ref/ambiguous")
	require.Len(t, amb, 1)
	assert.Equal(t, `owner "sato" is ambiguous: write "role:sato" or "person:sato"`, amb[0].Message)
	assert.Len(t, amb[0].Related, 2)
}
