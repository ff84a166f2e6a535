// Command opsdesign checks operations designs written as YAML.
//
// It is built only on the public API of the opsdesign packages, as an
// example of what a team's own tool can do with them.
//
//	opsdesign lint [-format text|json] [path ...]
//
// With no path, lint checks the sample design embedded in the program.
// Exit status: 0 when nothing of error severity was found, 1 when something
// was, 2 when the command could not run (a bad flag, an unreadable path).
package main

import (
	"embed"
	"fmt"
	"io"
	"os"
)

// The sample design, a copy of testdata/sample kept identical by a test
// (go generate refreshes it).
//
//go:generate sh -c "rm -rf sample && cp -r ../../testdata/sample sample"
//go:embed sample
var sample embed.FS

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"lint", "check designs and print every finding", runLint},
	}
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "opsdesign: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: opsdesign <command> [flags] [path ...]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nWith no path, a command works on the sample design built into the program.")
}
