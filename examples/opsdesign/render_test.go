package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderSample(t *testing.T) {
	code, out, errs := runCLI("render")
	require.Equal(t, exitOK, code, errs)
	assert.Empty(t, errs)
	assert.True(t, strings.HasPrefix(out, "# Service catalog · サービスカタログ\n"), out)
	assert.Contains(t, out, "| [会員カード](#service-member-card) `member-card` |")

	code, html, _ := runCLI("render", "-format", "html", "-title", "MSP catalog")
	require.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(html, "<!DOCTYPE html>"))
	assert.Contains(t, html, "<title>MSP catalog</title>")
}

func TestRenderToFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.html")
	code, out, errs := runCLI("render", "-format", "html", "-o", path, "../../testdata/sample")
	require.Equal(t, exitOK, code, errs)
	assert.Empty(t, out)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(b), "24/365 アラート一次対応")
}

func TestRenderBrokenDesign(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("apiVersion: opsdesign/v1\nkind: Service\nmetadata: {name: s}\nspec: {state: active, owner: x}\n---\nnot: [valid\n"), 0o644))
	code, out, errs := runCLI("render", dir)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "`s`")
	assert.Equal(t, "opsdesign render: the design has 1 loading error; the catalog shows what could be read (run opsdesign lint)\n", errs)
}

func TestRenderUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"render", "-format", "pdf"},
		{"render", "-nope"},
		{"render", "does/not/exist"},
		{"render", "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "x.md")},
	} {
		code, _, errs := runCLI(args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
}
