package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/catalogtest"
)

// TestPlantedDesigns runs the designs of testdata/planted: realistic
// designs written from the package docs, README and docs/rules.md without
// reading the rules, each (but the clean-*.yaml ones) with one planted
// mistake described in its "# Planted mistake:" comment and marked with
// `# want` on the line it must be reported at. Every design is linted
// alone, with every built-in rule, as of today: the planted mistake must be
// reported at its line and nothing else anywhere, and a clean design must
// have no finding at all.
func TestPlantedDesigns(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "planted", "*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 30, "the planted set")
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			want := catalogtest.ParseExpectations(filepath.ToSlash(file), data)
			planted := bytes.Contains(append([]byte("\n"), data...), []byte("\n# Planted mistake: "))
			if strings.HasPrefix(name, "clean-") {
				require.False(t, planted, "a clean design plants nothing")
				require.Empty(t, want, "a clean design expects no finding")
			} else {
				require.True(t, planted, `a planted design says what is planted in a "# Planted mistake:" comment`)
				require.NotEmpty(t, want, "a planted design marks its mistake with # want")
			}
			catalogtest.Check(t, linter().Lint(load(t, file)), want)
		})
	}
}
