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

// The stages are quoted as written, with the number each is read as.
func TestThresholdOrderQuotesTheStagesAsWritten(t *testing.T) {
	src := "apiVersion: opsdesign/v1\nkind: TicketPolicy\nmetadata: {name: t}\nspec:\n  thresholds: {stale: 5, rotten: 1e3, close: 0x10}\n"
	diags := groups("ticketpolicy").Lint(parse("t.yaml", src))
	require.Len(t, diags, 1)
	assert.Equal(t, `t.yaml:5:46: error: ticket policy "t": close after 0x10 (16) business days does not come after rotten at 1e3 (1000): the stages must grow (stale < rotten < close) [ticketpolicy/threshold-order]`, diags[0].String())
}
