package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

func TestTextFixtures(t *testing.T) {
	diags := catalogtest.Run(t, groups("text"), "testdata/text")
	assert.Equal(t, []string{
		"text/hidden-character 8:10 /metadata/title",
		"text/hidden-character 9:16 /metadata/description",
		"text/hidden-character 17:10 /metadata/title",
		"text/hidden-character 19:5 /metadata/labels/team\u200f",
		"text/hidden-character 22:16 /spec/description",
	}, keys(diags))
	assert.Equal(t, `the text "Help desk \u202ekcab" holds U+202E (RIGHT-TO-LEFT OVERRIDE) at character 11: it shows as something other than what it says where the design is read; remove it`, diags[0].Message)
	assert.Equal(t, `the text "Answers\x00 calls" holds U+0000 (NUL) at character 8: it shows as something other than what it says where the design is read; remove it`, diags[1].Message)
	assert.Equal(t, `the key "team\u200f" holds U+200F (RIGHT-TO-LEFT MARK) at character 5: it shows as something other than what it says where the design is read; remove it`, diags[3].Message)
}
