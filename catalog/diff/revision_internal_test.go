package diff

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog"
)

func TestRebaseGlob(t *testing.T) {
	tests := []struct {
		glob   string
		prefix []string
		want   []string
	}{
		{"legacy/**", nil, []string{"legacy/**"}},
		{"ops/legacy/**", []string{"ops"}, []string{"legacy/**"}},
		{"ops/legacy/*.yaml", []string{"ops"}, []string{"legacy/*.yaml"}},
		{"other/**", []string{"ops"}, nil},
		{"ops", []string{"ops"}, []string{"**"}},
		{"o*", []string{"ops", "legacy"}, []string{"**"}},
		{"**/legacy/**", []string{"ops"}, []string{"**/legacy/**", "legacy/**"}},
		{"**/legacy", []string{"ops", "legacy"}, []string{"**"}},
		{"*/legacy/x.yaml", []string{"ops"}, []string{"legacy/x.yaml"}},
		{"[", []string{"ops"}, nil},
	}
	for _, tt := range tests {
		got := rebaseGlob(tt.glob, tt.prefix)
		assert.Equal(t, tt.want, got, "%s from %v", tt.glob, tt.prefix)
		// What the rebased globs match below the prefix is what the glob
		// matches with the prefix in front.
		for _, name := range []string{"legacy/x.yaml", "x.yaml", "a/legacy/y.yaml", "legacy"} {
			full := name
			for i := len(tt.prefix) - 1; i >= 0; i-- {
				full = tt.prefix[i] + "/" + full
			}
			matched := false
			for _, g := range got {
				matched = matched || catalog.MatchPath(g, name)
			}
			assert.Equal(t, catalog.MatchPath(tt.glob, full), matched, "%s vs %v on %s", tt.glob, got, name)
		}
	}
}

func TestMemFS(t *testing.T) {
	m := newMemFS()
	m.add("ops/design.yaml", 5, []byte("a: 1\n"))
	m.add("ops/legacy/old.yaml", 5, []byte("b: 2\n"))
	m.add(".opsdesign.yaml", 0, nil)
	require.NoError(t, fstest.TestFS(m, "ops/design.yaml", "ops/legacy/old.yaml", ".opsdesign.yaml"))
	assert.True(t, m.has("ops/legacy"))
	assert.False(t, m.has("nope"))
}
