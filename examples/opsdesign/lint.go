package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/opsdesign/opsdesign/catalog"
)

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign lint [-format text|json] [path ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "opsdesign lint: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign lint: %v\n", err)
		return exitUsage
	}
	diags := catalog.Lint(design)
	if err := writeDiagnostics(stdout, *format, diags); err != nil {
		fmt.Fprintf(stderr, "opsdesign lint: %v\n", err)
		return exitUsage
	}
	if diags.Max() >= catalog.Error {
		return exitFindings
	}
	return exitOK
}

// loadDesign loads the given paths, or the embedded sample when there are none.
func loadDesign(paths []string) (*catalog.Design, error) {
	if len(paths) == 0 {
		return catalog.LoadFS(sample, "sample")
	}
	return catalog.Load(paths...)
}

// jsonDiagnostic is the JSON form of a finding: flat, for jq and CI tools.
type jsonDiagnostic struct {
	File     string           `json:"file"`
	Line     int              `json:"line"`
	Column   int              `json:"column"`
	Severity catalog.Severity `json:"severity"`
	Rule     string           `json:"rule"`
	Message  string           `json:"message"`
	Path     string           `json:"path"`
	Related  []jsonRelated    `json:"related,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func writeDiagnostics(w io.Writer, format string, diags catalog.Diagnostics) error {
	if format == "json" {
		out := make([]jsonDiagnostic, 0, len(diags))
		for _, d := range diags {
			j := jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Column, Severity: d.Severity,
				Rule: d.Rule, Message: d.Message, Path: d.Path}
			for _, r := range d.Related {
				j.Related = append(j.Related, jsonRelated{File: r.Pos.File, Line: r.Pos.Line, Column: r.Pos.Column, Message: r.Message})
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, d := range diags {
		if _, err := fmt.Fprintln(w, d); err != nil {
			return err
		}
	}
	return nil
}
