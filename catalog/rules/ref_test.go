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

// A reference to a document that does not parse is not reported: the
// document is there, unread, and its syntax error says that references to
// it are not checked until it is fixed.
func TestReferencesToAnUnreadDocument(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Role
metadata:
  name: night-operator
spec:
  tier: associate
  abilities:
    - logic
   - abstraction
---
apiVersion: opsdesign/v1
kind: Calendar
metadata: {name: office}
spec:
  hours: ["mon-fri 09:00-18:00"
---
apiVersion: opsdesign/v1
kind: Person
metadata:
  name: kana
spec:
  roles: [night-operator, day-operator]
  tasks: [shop/open-till]
---
apiVersion: opsdesign/v1
kind: Service
metadata:
  name: shop
spec:
  state: active
  owner: night-operator
  value: x
  tasks:
    - name: open-till
  - name: close-till
---
apiVersion: opsdesign/v1
kind: Objective
metadata: {name: answers}
spec: {kind: ratio, target: 99%, window: month, calendar: office}
`
	diags := groups("ref", "slo").Lint(parse("d.yaml", src))
	assert.Equal(t, []string{
		"yaml/syntax 9:4 ",
		"yaml/syntax 15:10 ",
		"ref/unresolved 22:27 /spec/roles/1",
		"yaml/syntax 35:3 ",
	}, keys(diags))
	assert.Contains(t, diags[0].Message, `; Role "night-operator" is not loaded, and references to it are not checked, until this is fixed`)
	pos, ok := parse("d.yaml", src).Unloaded("Service", "shop")
	assert.True(t, ok)
	assert.Equal(t, 35, pos.Line)
}
