package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsdesign/opsdesign/catalog/editorschemas"
)

func TestSchemaWritesEditorsSchemas(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".schemas")
	code, stdout, stderr := runCLI("schema", "-o", dir)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "v1/opsdesign.json")
	files, err := editorschemas.Files()
	require.NoError(t, err)
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		require.NoError(t, err, name)
		assert.Equal(t, string(want), string(got), name)
	}

	code, _, stderr = runCLI("schema")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "usage: opsdesign schema -o DIR")
	code, _, _ = runCLI("schema", "-o", dir, "extra")
	assert.Equal(t, exitUsage, code)
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI("version")
	require.Equal(t, exitOK, code)
	// A test binary is not a released module: "0.0.0-devel", and the Go version.
	assert.True(t, strings.HasPrefix(stdout, "opsdesign 0.0.0-devel "), stdout)
	assert.Contains(t, stdout, " go1.")
	code, _, _ = runCLI("version", "x")
	assert.Equal(t, exitUsage, code)
}
