package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"

	"github.com/opsdesign/opsdesign/catalog/editorschemas"
	"github.com/opsdesign/opsdesign/catalog/report"
)

const schemaUsage = `usage: opsdesign schema -o DIR

Schema writes the JSON Schemas of every document opsdesign reads into DIR,
for editors and other validators, offline: DIR/v1/<kind>.json, the
configuration (v1/config.json), OpenSLO (DIR/openslo/<version>/<kind>.json)
and the umbrella DIR/v1/opsdesign.json, which selects each document's
schema by its apiVersion and kind. Name it on a YAML file's first line by
a path relative to the file:

  # yaml-language-server: $schema=../.schemas/v1/opsdesign.json
`

// runSchema writes the editors' schemas (package catalog/editorschemas).
func runSchema(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("o", "", "the directory to write the schemas into (created if need be)")
	fs.Usage = func() {
		fmt.Fprint(stderr, schemaUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *dir == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	if err := editorschemas.Write(*dir); err != nil {
		fmt.Fprintf(stderr, "opsdesign schema: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "opsdesign schema: wrote %s; modeline: # yaml-language-server: $schema=<path from the file to %s>/%s\n", *dir, *dir, editorschemas.Umbrella)
	return exitOK
}

// runVersion prints the version SARIF output names the tool by.
func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: opsdesign version")
		return exitUsage
	}
	fmt.Fprintf(stdout, "opsdesign %s %s\n", report.BuildVersion(), runtime.Version())
	return exitOK
}
