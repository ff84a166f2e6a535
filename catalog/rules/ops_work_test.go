package rules_test

import "testing"

func TestOpsWorkFixtures(t *testing.T) { runFixture(t, "ops-work") }

func TestOpsWorkGolden(t *testing.T) { golden(t, "ops-work") }
