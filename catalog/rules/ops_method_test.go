package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpsMethodFixtures(t *testing.T) { runFixture(t, "ops-method") }

func TestOpsMethodGolden(t *testing.T) { golden(t, "ops-method") }

// Broken values of the wrong type never make an operations rule panic or
// report what the schema already reports.
func TestOpsRulesOnMalformedServices(t *testing.T) {
	src := `apiVersion: opsdesign/v1
kind: Service
metadata: {name: broken}
spec:
  state: active
  owner: nobody
  value: 42
  customers: who
  notApplicableWork: [incident]
  cloud: AWS
  tasks: {name: t}
  monitors: [name-only, {name: m, reads: [a], affects: {x: 1}, task: [t]}]
  backups:
    - {name: b, restore: yes please, schedule: 3}
    - {name: c, restore: {procedure: p, lastTested: not-a-date, notApplicable: 7}}
  requestTypes:
    - {name: r, catchAll: "true", channels: [sms, {channel: email, ticketed: "yes"}]}
`
	d := parse("b.yaml", src)
	require.NotEmpty(t, d.Diagnostics())
	diags := linter().Lint(d)
	assert.Empty(t, diags.ByRule("lint/rule-panic"))
	assert.Empty(t, diags.ByRule("ops/untracked-channel"), "the schema reports the bad channels")
	assert.Empty(t, diags.ByRule("ops/restore-untested"), "the schema reports the bad date")
}
