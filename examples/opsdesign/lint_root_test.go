package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sarifLocations reads each result's file URI, its base and the base's URI.
func sarifLocations(t *testing.T, out string) (uris []string, bases []string, root string, version string) {
	t.Helper()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Version string }
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string
							URIBaseID string `json:"uriBaseId"`
						}
					}
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	for _, r := range run.Results {
		uris = append(uris, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		bases = append(bases, r.Locations[0].PhysicalLocation.ArtifactLocation.URIBaseID)
	}
	return uris, bases, run.OriginalURIBaseIDs["%SRCROOT%"].URI, run.Tool.Driver.Version
}

// Run from a sub-directory of the repository, SARIF and annotations still
// name files from the repository root, which code scanning resolves them
// against; -root names another base.
func TestLintPathsFromRepositoryRoot(t *testing.T) {
	dir := workspace(t, "ops/design.yaml")
	dir, err := filepath.EvalSymlinks(dir)
	require.NoError(t, err)
	t.Chdir(filepath.Join(dir, "ops"))

	code, out, _ := runCLI("lint", "-format", "sarif", "design.yaml")
	assert.Equal(t, exitFindings, code)
	uris, bases, root, version := sarifLocations(t, out)
	require.Len(t, uris, 13)
	for i := range uris {
		assert.Equal(t, "ops/design.yaml", uris[i])
		assert.Equal(t, "%SRCROOT%", bases[i])
	}
	assert.Equal(t, (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String(), root)
	assert.NotEmpty(t, version, "the tool's version (SARIF2005)")

	code, out, _ = runCLI("lint", "-format", "github", "design.yaml")
	assert.Equal(t, exitFindings, code)
	assert.True(t, strings.HasPrefix(out, "::error file=ops/design.yaml,line=17,col=3,"), out)

	code, out, _ = runCLI("lint", "-format", "sarif", "-root", ".", "design.yaml")
	assert.Equal(t, exitFindings, code)
	uris, _, root, _ = sarifLocations(t, out)
	assert.Equal(t, "design.yaml", uris[0])
	assert.True(t, strings.HasSuffix(root, "/ops/"), root)

	// Text and JSON keep the names as given on the command line.
	_, out, _ = runCLI("lint", "-format", "json", "design.yaml")
	assert.Contains(t, out, `"file": "design.yaml"`)
}

// -summary appends a Markdown job summary, as GitHub expects of
// $GITHUB_STEP_SUMMARY: what an earlier step wrote stays.
func TestLintStepSummary(t *testing.T) {
	workspace(t, "ops/design.yaml")
	summary := filepath.Join(t.TempDir(), "step_summary")
	require.NoError(t, os.WriteFile(summary, []byte("## An earlier step\n"), 0o644))
	code, _, _ := runCLI("lint", "-format", "github", "-summary", summary, "ops")
	assert.Equal(t, exitFindings, code)
	b, err := os.ReadFile(summary)
	require.NoError(t, err)
	md := string(b)
	assert.True(t, strings.HasPrefix(md, "## An earlier step\n### opsdesign: 13 errors, 0 warnings, 0 notices\n"), md)
	assert.Contains(t, md, "| error | service \"coupon-app\" does not design its retire (廃止) event; write it or mark it notApplicable with a reason | `lifecycle/missing-event` | `ops/design.yaml:17:3` |\n")
	assert.Equal(t, 13, strings.Count(md, "| error |"))

	code, _, errs := runCLI("lint", "-summary", filepath.Join("ops", "design.yaml"), "ops")
	assert.Equal(t, exitUsage, code, "the summary never overwrites an input")
	assert.Contains(t, errs, "-summary")
}
