package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/render"
	"github.com/opsdesign/opsdesign/internal/textfmt"
)

// runRender writes the catalog for people: Markdown for a repository or a
// wiki, or one self-contained HTML page.
func runRender(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "markdown", "output format: markdown or html")
	out := fs.String("o", "", "write to this file instead of standard output")
	title := fs.String("title", "", "the page's title (default \"Service catalog · サービスカタログ\")")
	force := fs.Bool("force", false, forceHelp)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opsdesign render [-format markdown|html] [-o file [-force]] [-title text] [path ...]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nThe file of -o is written whole or not at all: a failure leaves the old one. Exit status: 0 when the catalog was written, 2 when it was not.")
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
	if err := checkOutput(*out, fs.Args(), *force); err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
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
		fmt.Fprintf(stderr, "opsdesign render: the design has %s; the catalog shows what could be read (run opsdesign lint)\n", textfmt.Count(n, "loading error"))
	}
	page := func(w io.Writer) error { return write(w, design, render.Options{Title: *title}) }
	if *out == "" {
		err = page(stdout)
	} else {
		err = writeOutput(*out, fs.Args(), *force, page)
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdesign render: %v\n", err)
		return exitUsage
	}
	return exitOK
}
