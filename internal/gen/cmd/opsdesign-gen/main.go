// Command opsdesign-gen writes large inputs for the performance suite: a
// design of n services, n OpenSLO SLOs with their SLIs, Services and data
// source, an MSP's ticket export of n alerts, or a request log of n events
// for slo eval. The output is deterministic for given flags, so
// figures measured on it can be reproduced.
//
//	go run ./internal/gen/cmd/opsdesign-gen -what design -n 10000 -o /tmp/big-design
//	go run ./internal/gen/cmd/opsdesign-gen -what openslo -n 10000 -o /tmp/openslo
//	go run ./internal/gen/cmd/opsdesign-gen -what tickets -n 1000000 -o /tmp/alerts.csv
//	go run ./internal/gen/cmd/opsdesign-gen -what events -n 1000000 -o /tmp/requests.csv
//	go run ./internal/gen/cmd/opsdesign-gen -what slack -n 200000 -o /tmp/slack-export
//
// A design is written as a directory of files of -per-file documents each,
// so that every file stays within the loader's default limits (16 MiB and
// 10,000 documents per file); "-o -" writes one stream to standard output.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/opsdesign/opsdesign/internal/atomicfile"
	"github.com/opsdesign/opsdesign/internal/gen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "opsdesign-gen:", err)
		os.Exit(2)
	}
}

// errUsage marks bad flags; the flag package has already said why.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("opsdesign-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	what := fs.String("what", "design", "what to write: design, openslo, tickets, events or slack (a Slack export's directory)")
	n := fs.Int("n", 10_000, "how many services, OpenSLO SLOs, tickets or events")
	out := fs.String("o", "-", "where: a directory for a design, a file otherwise; - for standard output")
	perFile := fs.Int("per-file", 1_000, "documents per file of a design written to a directory")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *n < 0 || *perFile < 1 {
		return fmt.Errorf("-n must be at least 0 and -per-file at least 1")
	}
	switch *what {
	case "design":
		if *out == "-" {
			_, err := stdout.Write(gen.Design(*n))
			return err
		}
		return gen.WriteDirectory(*out, gen.Design(*n), *perFile)
	case "openslo":
		if *out == "-" {
			_, err := stdout.Write(gen.OpenSLO(*n))
			return err
		}
		return gen.WriteDirectory(*out, gen.OpenSLO(*n), *perFile)
	case "tickets":
		return toFile(*out, stdout, func(w io.Writer) error {
			return gen.MSPAlerts(w, *n, max(1, *n/30), gen.AlertsStart(), 1)
		})
	case "events":
		return toFile(*out, stdout, func(w io.Writer) error { return writeEvents(w, *n) })
	case "slack":
		if *out == "-" {
			return fmt.Errorf("-what slack writes a directory: give it with -o")
		}
		return gen.SlackExport(func(name string, data []byte) error {
			p := filepath.Join(*out, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			return atomicfile.WriteFile(p, data, atomicfile.Options{})
		}, *n, 1)
	}
	return fmt.Errorf("unknown -what %q: want design, openslo, tickets, events or slack", *what)
}

// writeEvents writes a request log slo eval reads: a timestamp and a
// latency in milliseconds, one request every 2.592 seconds from October 1,
// 2026 (a million of them make a 30-day month).
func writeEvents(w io.Writer, n int) error {
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	if _, err := io.WriteString(w, "timestamp,latency_ms\n"); err != nil {
		return err
	}
	for i := range n {
		at := start.Add(time.Duration(i) * 2592 * time.Millisecond)
		if _, err := fmt.Fprintf(w, "%s,%d\n", at.Format(time.RFC3339Nano), 50+i%900); err != nil {
			return err
		}
	}
	return nil
}

func toFile(name string, stdout io.Writer, write func(io.Writer) error) error {
	if name == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return atomicfile.Write(name, atomicfile.Options{}, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
