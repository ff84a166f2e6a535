package rules_test

import "testing"

func TestDesignFixtures(t *testing.T)         { runFixture(t, "design") }
func TestDesignSettingsFixtures(t *testing.T) { runFixture(t, "design-settings") }
