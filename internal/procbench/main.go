// Command procbench measures opsdesign as a user runs it: whole processes,
// from start to exit, against floors run alongside on the same bytes. It
// generates the inputs of the performance table (with opsdesign-gen's
// generators), builds the CLI once, and runs each case several times,
// alternating the programs. What each run cost comes from the kernel, the
// rusage wait4 returns for the child: CPU time (user+sys) to the
// microsecond and peak RSS, beside the wall time. It prints their medians
// and their ratios to the floor of the same case (and to oslo's, when its
// binary is given).
//
//	go run ./internal/procbench                       # every case, 5 repetitions
//	go run ./internal/procbench -cases openslo -n 9 -oslo /tmp/oslo/oslo
//	go run ./internal/procbench -cli /tmp/old-opsdesign -cli new   # two builds, alternated
//	go run ./internal/procbench -golden /tmp/old-opsdesign         # findings byte-identical?
//	go run ./internal/procbench -smoke                # CI: small inputs, one run each
//
// The floors: for YAML, yaml.v3 decoding every document into a yaml.Node,
// streaming, with GOMAXPROCS=1; for CSV, encoding/csv reading every record.
// They run as subcommands of this program's own binary. Nothing here is a
// test: figures are taken by hand, on a machine as quiet as can be had, and
// the load average is printed beside them. CI runs -smoke, which keeps the
// script working end to end and checks no figure.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsdesign/opsdesign/internal/atomicfile"
	"github.com/opsdesign/opsdesign/internal/gen"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "floor-yaml":
			exit(floorYAML(os.Args[2:]))
		case "floor-csv":
			exit(floorCSV(os.Args[2:]))
		case measureCmd:
			exit(measure(os.Args[2:]))
		}
	}
	exit(run(os.Args[1:], os.Stdout))
}

func exit(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "procbench:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

type options struct {
	dir    string
	reps   int
	cases  []string
	clis   []string // opsdesign binaries; "new" is the one built from this tree
	oslo   string
	golden string
	scale  scale
}

// scale is the size of the generated inputs.
type scale struct {
	services, slos, alerts int
}

var (
	// full is the performance table's: 33.6 MB of design, 3.8 MB of
	// OpenSLO, 332 MB of alerts.
	full = scale{services: 10_000, slos: 10_000, alerts: 1_000_000}
	// smoke keeps every case to a fraction of a second, for CI: it checks
	// that the script still runs, not how fast anything is.
	smoke = scale{services: 100, slos: 100, alerts: 20_000}
)

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("procbench", flag.ContinueOnError)
	var o options
	var clis multiFlag
	fs.StringVar(&o.dir, "dir", "", "where the inputs and the built CLI go, reused between runs (default $TMPDIR/opsdesign-procbench, or -smoke beside it)")
	fs.IntVar(&o.reps, "n", 0, "repetitions of every run (default 5, or 1 with -smoke)")
	smokeRun := fs.Bool("smoke", false, "CI mode: small inputs, one run each; the figures are printed, never checked")
	casesFlag := fs.String("cases", "design,openslo,openslo-file,tickets,small", "cases to run, comma-separated")
	fs.Var(&clis, "cli", `an opsdesign binary to measure, repeatable; "new" (the default) builds this tree`)
	fs.StringVar(&o.oslo, "oslo", "", "path of an oslo binary to run beside the OpenSLO cases; skipped when absent")
	fs.StringVar(&o.golden, "golden", "", "instead of timing: an older opsdesign binary whose JSON findings on testdata and the generated inputs must equal the new one's")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o.cases = strings.Split(*casesFlag, ",")
	o.clis = clis
	o.scale, o.reps, o.dir = settle(*smokeRun, o.reps, o.dir)
	if len(o.clis) == 0 {
		o.clis = []string{"new"}
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	for i, c := range o.clis {
		if c != "new" {
			continue
		}
		bin := filepath.Join(o.dir, "opsdesign")
		fmt.Fprintln(stdout, "building", bin)
		if out, err := exec.Command("go", "build", "-o", bin, "./examples/opsdesign").CombinedOutput(); err != nil {
			return fmt.Errorf("go build (run procbench from the repository root): %w\n%s", err, out)
		}
		o.clis[i] = bin
	}
	if err := generate(o.dir, o.scale, stdout); err != nil {
		return err
	}
	if o.golden != "" {
		return golden(o, stdout)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if o.oslo != "" {
		if _, err := os.Stat(o.oslo); err != nil {
			fmt.Fprintf(stdout, "oslo not found at %s: its runs are skipped\n", o.oslo)
			o.oslo = ""
		}
	}
	if *smokeRun {
		fmt.Fprintln(stdout, "smoke run: small inputs, figures not comparable with the full run's")
	}
	fmt.Fprintf(stdout, "%s, %d CPUs, load average at start: %s\n", time.Now().Format(time.DateOnly), runtime.NumCPU(), loadavg())
	for _, name := range o.cases {
		c, ok := benchCase(name, o, self)
		if !ok {
			return fmt.Errorf("unknown case %q", name)
		}
		if err := c.measure(o.reps, stdout); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "load average at end: %s\n", loadavg())
	return nil
}

// settle gives the defaults that depend on -smoke: the scale of the
// inputs, the repetitions and the directory (smoke inputs have their own,
// since inputs are reused by name).
func settle(smokeRun bool, reps int, dir string) (scale, int, string) {
	sc, defReps, name := full, 5, "opsdesign-procbench"
	if smokeRun {
		sc, defReps, name = smoke, 1, "opsdesign-procbench-smoke"
	}
	if reps <= 0 {
		reps = defReps
	}
	if dir == "" {
		dir = filepath.Join(os.TempDir(), name)
	}
	return sc, reps, dir
}

// inputs of the cases, under the -dir directory.
// At full scale: 10,000 services in 11 files; 11,101 OpenSLO documents in
// 12 files, and the same in one file; a million alerts. The directory
// (-dir) tells the scales apart.
const (
	designDir   = "design"
	openSLODir  = "openslo"
	openSLOFile = "openslo.yaml"
	alertsFile  = "alerts.csv"
	smallDir    = "design-1"
)

// generate writes the inputs that are not there yet; the generators are
// deterministic, so an input once written stays valid.
func generate(dir string, sc scale, stdout io.Writer) error {
	write := func(name string, f func(string) error) error {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return nil
		}
		fmt.Fprintln(stdout, "generating", p)
		return f(p)
	}
	split := func(data []byte) func(string) error {
		return func(p string) error { return gen.WriteDirectory(p, data, 1_000) }
	}
	if err := write(designDir, split(gen.Design(sc.services))); err != nil {
		return err
	}
	if err := write(smallDir, split(gen.Design(1))); err != nil {
		return err
	}
	if err := write(openSLODir, split(gen.OpenSLO(sc.slos))); err != nil {
		return err
	}
	if err := write(openSLOFile, func(p string) error {
		return atomicfile.WriteFile(p, gen.OpenSLO(sc.slos), atomicfile.Options{})
	}); err != nil {
		return err
	}
	return write(alertsFile, func(p string) error {
		return atomicfile.Write(p, atomicfile.Options{}, func(w io.Writer) error {
			return gen.MSPAlerts(w, sc.alerts, max(sc.alerts/30, 1), gen.AlertsStart(), 1)
		})
	})
}

// A program is one command line of a case.
type program struct {
	name string
	argv []string
	env  []string
}

type bcase struct {
	name    string
	self    string // this program's binary, whose measure subcommand runs the others
	source  string // the input, for the peak RSS ratio
	floor   program
	runs    []program // the opsdesign builds
	oslo    *program
	exitOK  func(code int) bool
	smallMS bool // report milliseconds
}

func benchCase(name string, o options, self string) (bcase, bool) {
	in := func(p string) string { return filepath.Join(o.dir, p) }
	yamlFloor := func(p string) program {
		return program{name: "floor", argv: []string{self, "floor-yaml", p}, env: []string{"GOMAXPROCS=1"}}
	}
	// Exit status 1 is findings (an older build refuses the one-file
	// OpenSLO case with limits/documents): the run is measured all the same.
	c := bcase{name: name, self: self, exitOK: func(code int) bool { return code == 0 || code == 1 }}
	var args []string
	switch name {
	case "design":
		c.source, args = in(designDir), []string{"lint", in(designDir)}
	case "small":
		c.source, args, c.smallMS = in(smallDir), []string{"lint", in(smallDir)}, true
	case "openslo":
		c.source, args = in(openSLODir), []string{"lint", in(openSLODir)}
		if o.oslo != "" {
			c.oslo = &program{name: "oslo", argv: []string{o.oslo, "validate", "-R", "-f", in(openSLODir)}}
		}
	case "openslo-file":
		c.source, args = in(openSLOFile), []string{"lint", in(openSLOFile)}
		if o.oslo != "" {
			c.oslo = &program{name: "oslo", argv: []string{o.oslo, "validate", "-f", in(openSLOFile)}}
		}
	case "tickets":
		c.source, args = in(alertsFile), []string{"tickets", "review", in(alertsFile)}
		c.floor = program{name: "floor", argv: []string{self, "floor-csv", in(alertsFile)}}
	default:
		return c, false
	}
	if c.floor.name == "" {
		c.floor = yamlFloor(c.source)
	}
	for i, cli := range o.clis {
		n := "opsdesign"
		if len(o.clis) > 1 {
			n = fmt.Sprintf("opsdesign#%d", i+1)
		}
		c.runs = append(c.runs, program{name: n, argv: append([]string{cli}, args...)})
	}
	return c, true
}

// sample is one measured run.
type sample struct {
	wall, cpu time.Duration
	peakKB    int64
}

func (c bcase) measure(reps int, stdout io.Writer) error {
	progs := append([]program{c.floor}, c.runs...)
	if c.oslo != nil {
		progs = append(progs, *c.oslo)
	}
	samples := make([][]sample, len(progs))
	load0 := loadavg()
	for r := range reps {
		// Alternate the order so that no program always runs first.
		for k := range progs {
			i := (k + r) % len(progs)
			s, err := timeRun(c.self, progs[i], c.exitOK)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", c.name, progs[i].name, err)
			}
			samples[i] = append(samples[i], s)
		}
	}
	size := sourceSize(c.source)
	fmt.Fprintf(stdout, "\n== %s: %s (%.1f MB), %d runs each, load %s -> %s\n", c.name, c.source, float64(size)/1e6, reps, load0, loadavg())
	fmt.Fprintf(stdout, "%-12s %10s %10s %9s  %7s %7s %7s  %s\n", "program", "wall", "cpu", "peak MB", "x wall", "x cpu", "x peak", "peak/source")
	med := make([]sample, len(progs))
	for i := range progs {
		med[i] = median(samples[i])
	}
	unit := func(d time.Duration) string {
		if c.smallMS {
			return fmt.Sprintf("%.1fms", float64(d)/1e6)
		}
		return fmt.Sprintf("%.2fs", d.Seconds())
	}
	for i, p := range progs {
		m := med[i]
		fmt.Fprintf(stdout, "%-12s %10s %10s %9.1f  %7s %7s %7.2f  %.1fx\n", p.name, unit(m.wall), unit(m.cpu), float64(m.peakKB)/1024,
			ratio(m.wall, med[0].wall), ratio(m.cpu, med[0].cpu), float64(m.peakKB)/float64(med[0].peakKB), float64(m.peakKB)*1024/float64(size))
	}
	if c.oslo != nil {
		o := med[len(med)-1]
		for i, p := range progs[1 : len(progs)-1] {
			m := med[i+1]
			fmt.Fprintf(stdout, "%s against oslo: %sx wall, %sx cpu, %.2fx peak\n", p.name, ratio(m.wall, o.wall), ratio(m.cpu, o.cpu), float64(m.peakKB)/float64(o.peakKB))
		}
	}
	return nil
}

// ratio is a/b with two decimals, or "-" when b is zero (a run too short
// for the kernel to have charged it any CPU time).
func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(a)/float64(b), 'f', 2, 64)
}

func median(s []sample) sample {
	pick := func(f func(sample) int64) int64 {
		v := make([]int64, len(s))
		for i, x := range s {
			v[i] = f(x)
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return sample{
		wall:   time.Duration(pick(func(x sample) int64 { return int64(x.wall) })),
		cpu:    time.Duration(pick(func(x sample) int64 { return int64(x.cpu) })),
		peakKB: pick(func(x sample) int64 { return x.peakKB }),
	}
}

func sourceSize(p string) int64 {
	var n int64
	_ = filepath.WalkDir(p, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
