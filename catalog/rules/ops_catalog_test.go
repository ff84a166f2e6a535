package rules_test

import "testing"

func TestOpsCatalogFixtures(t *testing.T) { runFixture(t, "ops-catalog") }

func TestOpsCatalogGolden(t *testing.T) { golden(t, "ops-catalog") }
