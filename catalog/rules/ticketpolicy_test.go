package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTicketPolicyFixtures(t *testing.T) {
	diags := runFixture(t, "ticketpolicy")
	overlap := diags.ByRule("ticketpolicy/overlap")
	require.NotEmpty(t, overlap)
	for _, d := range overlap {
		require.Len(t, d.Related, 1, d.Message)
		assert.Equal(t, "the policy in force", d.Related[0].Message)
	}
}
