package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

func TestNameFixtures(t *testing.T) {
	diags := catalogtest.Run(t, groups("name"), "testdata/name")
	// Every place is reported, each pointing at the others.
	restart := diags[8:11]
	for _, d := range restart {
		assert.Equal(t, `task "restart" is defined 3 times in service "web-shop"`, d.Message)
		require.Len(t, d.Related, 2)
		assert.Equal(t, "also defined here", d.Related[0].Message)
	}
	assert.Equal(t, []int{39, 40}, []int{restart[0].Related[0].Pos.Line, restart[0].Related[1].Pos.Line})
	assert.Equal(t, `Role "desk" is defined 2 times`, diags[0].Message)
	assert.Equal(t, 13, diags[0].Related[0].Pos.Line)
	assert.Equal(t, `subject "data orders" is defined 2 times in service "web-shop"`, diags[6].Message)
}
