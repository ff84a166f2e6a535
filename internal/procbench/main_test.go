package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets the test binary stand in for procbench's measure
// subcommand and for a measured program: PROCBENCH_CHILD=<exit code> makes
// it touch PROCBENCH_CHILD_MIB MiB, spin the CPU for 50 ms, and exit with
// that code.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == measureCmd {
		exit(measure(os.Args[2:]))
	}
	if code, ok := os.LookupEnv("PROCBENCH_CHILD"); ok {
		mib, _ := strconv.Atoi(os.Getenv("PROCBENCH_CHILD_MIB"))
		mem := make([]byte, mib<<20)
		for i := range mem {
			mem[i] = byte(i)
		}
		var x uint64
		for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
			x++
		}
		n, _ := strconv.Atoi(code)
		os.Exit(n)
	}
	os.Exit(m.Run())
}

// TestTimeRun measures a real child: its peak RSS holds the memory it
// touched but not the memory of the process that measures it, it was
// charged CPU time, and an exit status is an error only when the case does
// not accept it. Only lower bounds on times are checked: no test asserts
// how long anything takes.
func TestTimeRun(t *testing.T) {
	self, err := os.Executable()
	require.NoError(t, err)
	child := func(code string, mib int) program {
		return program{name: "child", argv: []string{self, "-test.run=^$"},
			env: []string{"PROCBENCH_CHILD=" + code, "PROCBENCH_CHILD_MIB=" + strconv.Itoa(mib)}}
	}
	findings := func(code int) bool { return code == 0 || code == 1 }

	s, err := timeRun(self, child("1", 64), findings)
	require.NoError(t, err, "exit status 1 (findings) is accepted")
	assert.GreaterOrEqual(t, s.peakKB, int64(64<<10), "peak RSS in KB holds the 64 MiB touched")
	assert.Positive(t, s.cpu)
	assert.GreaterOrEqual(t, s.wall, 50*time.Millisecond, "the child spun for 50 ms")

	// procbench holds its generated inputs: a program it measures must not
	// read as big as that. The exec of a process started directly from
	// here would carry this process's peak into the child's figure.
	ballast := make([]byte, 256<<20)
	for i := range ballast {
		ballast[i] = 1
	}
	s, err = timeRun(self, child("0", 0), findings)
	require.NoError(t, err)
	assert.Less(t, s.peakKB, int64(128<<10), "a child touching nothing reads under 128 MiB while its measurer's parent holds 256 MiB")
	runtime.KeepAlive(ballast)

	_, err = timeRun(self, child("2", 0), findings)
	var ee *exitStatusError
	require.ErrorAs(t, err, &ee, "exit status 2 is not accepted")
	assert.Equal(t, 2, ee.code)
}

// TestSettle: -smoke takes small inputs in a directory of their own (the
// full-size ones are reused by name) and one run each; given values win.
func TestSettle(t *testing.T) {
	sc, reps, dir := settle(false, 0, "")
	assert.Equal(t, full, sc)
	assert.Equal(t, 5, reps)
	assert.Equal(t, filepath.Join(os.TempDir(), "opsdesign-procbench"), dir)

	sc, reps, dir = settle(true, 0, "")
	assert.Equal(t, smoke, sc)
	assert.Equal(t, 1, reps)
	assert.Equal(t, filepath.Join(os.TempDir(), "opsdesign-procbench-smoke"), dir)

	_, reps, dir = settle(true, 3, "/x")
	assert.Equal(t, 3, reps)
	assert.Equal(t, "/x", dir)
}

func TestMedian(t *testing.T) {
	m := median([]sample{{wall: 3}, {wall: 1}, {wall: 2}})
	assert.Equal(t, time.Duration(2), m.wall)
	m = median([]sample{{peakKB: 4}, {peakKB: 2}})
	assert.Equal(t, int64(3), m.peakKB)
}

func TestRatio(t *testing.T) {
	assert.Equal(t, "1.50", ratio(3*time.Second, 2*time.Second))
	assert.Equal(t, "-", ratio(30*time.Millisecond, 0), "a floor under the timer's 10 ms reads as zero: no ratio, not +Inf")
	assert.Equal(t, "-", ratio(0, 0), "nor NaN")
}
