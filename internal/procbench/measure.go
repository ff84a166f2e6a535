package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// A process's peak RSS, as the kernel reports it, is the most of every
// program the process has been: exec folds the high-water mark of the
// memory it replaces into the process's. A program started by procbench
// itself, which holds the generated inputs, would read at least
// procbench's own peak (78 MB when it was tried). So each run goes through
// a fresh, small process, this binary's "measure" subcommand, which starts
// the program and passes on what the kernel says of it, as GNU time does.
const measureCmd = "measure"

// measure runs argv with this process's environment and output, and
// writes "wall-ns cpu-ns peak-KB exit-code" to file descriptor 3.
func measure(argv []string) error {
	if len(argv) == 0 {
		return errors.New("measure: no program")
	}
	report := os.NewFile(3, "report")
	if report == nil {
		return errors.New("measure: no report descriptor")
	}
	defer report.Close()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return err
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return fmt.Errorf("measure: no resource usage on %s", runtime.GOOS)
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	_, err = fmt.Fprintf(report, "%d %d %d %d\n", wall, cpu, ru.Maxrss, cmd.ProcessState.ExitCode())
	return err
}

// exitStatusError is a measured program's exit status that its case does
// not accept (-1: killed by a signal).
type exitStatusError struct{ code int }

func (e *exitStatusError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// timeRun runs a program through self's measure subcommand, its output
// discarded, and reads what it cost from the kernel: the rusage wait4
// returns for it (CPU time to the microsecond, peak RSS in kilobytes on
// Linux) and the wall time around it.
func timeRun(self string, p program, exitOK func(int) bool) (sample, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return sample{}, err
	}
	defer r.Close()
	cmd := exec.Command(self, append([]string{measureCmd}, p.argv...)...)
	cmd.Env = append(os.Environ(), p.env...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	cmd.ExtraFiles = []*os.File{w}
	err = cmd.Start()
	w.Close()
	if err != nil {
		return sample{}, err
	}
	report, _ := io.ReadAll(r)
	if err := cmd.Wait(); err != nil {
		return sample{}, fmt.Errorf("%s: %w\n%s", p.name, err, tail(stderr.String(), 2000))
	}
	var wall, cpu time.Duration
	var s sample
	var code int
	if _, err := fmt.Sscanf(string(report), "%d %d %d %d\n", &wall, &cpu, &s.peakKB, &code); err != nil {
		return sample{}, fmt.Errorf("%s: reading the measure report %q: %w", p.name, report, err)
	}
	if !exitOK(code) {
		return sample{}, fmt.Errorf("%s: %w\n%s", p.name, &exitStatusError{code}, tail(stderr.String(), 2000))
	}
	s.wall, s.cpu = wall, cpu
	return s, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
