package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A valid Backstage catalog lints clean: two Users "guest" in two
// namespaces are no duplicate, and every reference resolves. Its Location
// names two sub-catalogs the lint did not read: information, which the
// summary counts and which does not fail the lint.
func TestLintBackstageCatalogClean(t *testing.T) {
	code, out, errs := runCLI("lint", "../../catalog/rules/testdata/backstage/catalog-info.yaml")
	assert.Equal(t, exitOK, code, out)
	assert.Equal(t, 2, strings.Count(out, ": info: "), out)
	assert.Equal(t, 2, strings.Count(out, "[backstage/location-target]"), out)
	assert.Equal(t, "opsdesign lint: 2 info in 1 file (14 documents); configuration: none; baseline: none\n", errs)
}

// An invalid entity fails the lint at its name; a reference to an entity
// the repository does not hold is information, which does not fail it.
func TestLintBackstageInvalidName(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "catalog-info.yaml")
	writeFile(t, file, `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: gift cards
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
`)
	code, out, errs := runCLI("lint", file)
	assert.Equal(t, exitFindings, code)
	assert.Contains(t, out, file+`:4:9: error: "gift cards" is not a valid entity name: a space is not allowed; want letters, digits and '-', '_' or '.' between them, at most 63 characters [backstage/name]`)
	assert.Contains(t, out, file+`:8:10: info: owner "group:default/payments" names group:default/payments, which is not in the files read [backstage/unresolved-ref]`)
	assert.Equal(t, "opsdesign lint: 1 error, 1 info in 1 file (1 document); configuration: none; baseline: none\n", errs)
}
