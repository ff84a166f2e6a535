//go:build !unix

package counts_test

import "time"

// cpuTime is unknown here: the cpu- ratios then read NaN.
func cpuTime() time.Duration { return 0 }
