package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"

	"github.com/opsdesign/opsdesign/catalog"
	"github.com/opsdesign/opsdesign/catalog/openslo"
)

const sloConvertUsage = "usage: opsdesign slo convert -to v1|v1alpha|v2alpha [-o file [-force]] path ..."

// runSLOConvert rewrites the OpenSLO documents at the paths in another
// version (openslo.Convert), reporting what does not convert.
func runSLOConvert(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("slo convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("to", "", "the OpenSLO version to write: v1, v1alpha (what Sloth reads) or v2alpha")
	out := fs.String("o", "", "write to this file instead of standard output (never over an input)")
	force := fs.Bool("force", false, forceHelp)
	fs.Usage = func() {
		fmt.Fprintln(stderr, sloConvertUsage)
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nDocuments already of that version are written as they are. What the version cannot hold is reported at its line.")
		fmt.Fprintln(stderr, "Exit status: 0 when everything was converted (some values may be lost: see the warnings), 1 when some object could not be, 2 when the command could not run.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "opsdesign slo convert: "+format+"\n", args...)
		return exitUsage
	}
	version, err := openslo.ParseVersion(*to)
	switch {
	case *to == "":
		return fail("-to is required (v1, v1alpha or v2alpha)")
	case err != nil:
		return fail("-to: %v", err)
	case fs.NArg() == 0:
		return fail("give the files or directories to convert")
	}
	if err := checkOutput(*out, fs.Args(), *force); err != nil {
		return fail("%v", err)
	}
	design, err := catalog.Load(fs.Args()...)
	if err != nil {
		return fail("%v", err)
	}
	if !hasOpenSLO(design) {
		return fail("%s holds no OpenSLO documents", fs.Args())
	}
	var buf bytes.Buffer
	found, err := openslo.Convert(&buf, design, version)
	if err == nil && *out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else if err == nil {
		err = writeOutput(*out, fs.Args(), *force, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
	}
	if err != nil {
		return fail("%v", err)
	}
	return reportConversion(found, stderr)
}

func hasOpenSLO(d *catalog.Design) bool {
	for _, doc := range d.Documents {
		if doc.IsOpenSLO() {
			return true
		}
	}
	return false
}

// reportConversion prints what a conversion or an export could not write
// and returns the exit status: 1 when some object was left out.
func reportConversion(found catalog.Diagnostics, stderr io.Writer) int {
	for _, d := range found {
		fmt.Fprintln(stderr, d)
	}
	if len(found) > 0 {
		fmt.Fprintln(stderr, summary(found))
	}
	if found.Count(catalog.Error) > 0 {
		return exitFindings
	}
	return exitOK
}
