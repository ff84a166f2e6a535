package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
)

// runRender writes the catalog for people: Markdown for a repository or a
// wiki, or one self-contained HTML page.
func runRender(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "markdown", "output format: markdown or html")
	out := fs.String("o", "", "write to this file instead of standard output")
	title := fs.String("title", "", "the page's title (default \"Service catalog · サービスカタログ\")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign render [-format markdown|html] [-o file] [-title text] [path ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	var write func(io.Writer, *catalog.Design, render.Options) error
	switch *format {
	case "markdown", "md":
		write = render.Markdown
	case "html":
		write = render.HTML
	default:
		fmt.Fprintf(stderr, "opsdesign render: unknown format %q (want markdown or html)\n", *format)
		return exitUsage
	}
	design, err := loadDesign(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
		return exitUsage
	}
	// A design that does not load cleanly still renders what was read;
	// say so, since the catalog may then lack documents.
	if n := design.Diagnostics().Count(catalog.Error); n > 0 {
		fmt.Fprintf(stderr, "opsdesign render: the design has %d loading error(s); the catalog shows what could be read (run opsdesign lint)\n", n)
	}
	var b bytes.Buffer
	if err := write(&b, design, render.Options{Title: *title}); err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
		return exitUsage
	}
	if *out == "" {
		if _, err := stdout.Write(b.Bytes()); err != nil {
			fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
		return exitUsage
	}
	return exitOK
}
