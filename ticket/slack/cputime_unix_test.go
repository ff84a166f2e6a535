//go:build unix

package slack_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, all goroutines, user and
// system: on a machine shared with other work, wall time alone misleads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
